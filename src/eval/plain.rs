//! A decision's values as plain data, the way its JSON writes them: enumeration values by name
//! (`LAYER:value` for a value a layer added), provisions by id, dates as `YYYY-MM-DD`, sets as
//! lists. This is how decisions made under different policy sets (whose symbols are numbered
//! differently) are compared, and how a scenario's expectations, written in that form, are.

use super::decision::{Cited, Decision, Key};
use crate::program::ir::Value;
use crate::program::{Cite, OutEntry, Program, Ty};
use serde_json::{Map, Value as J};

/// One value.
pub fn value(prog: &Program, d: &Decision, ty: Ty, cite: Cite, v: Value) -> J {
    match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(b),
        Value::Int(i) => J::from(i),
        Value::Date(x) => J::String(crate::date::format(x)),
        Value::Sym(s) => J::String(prog.sym_id(s).into_owned()),
        Value::Text(t) => J::String(d.text(t).to_string()),
        Value::PolicyText(t) => J::String(prog.strings.get(t as usize).cloned().unwrap_or_default()),
        Value::Provision(p) => J::String(prog.provisions[p as usize].id.clone()),
        Value::Set(bits) if matches!(ty, Ty::Members(_)) => {
            J::Array(d.members(ty, bits).into_iter().map(|n| J::String(n.to_string())).collect())
        }
        Value::Set(bits) => J::Array(
            prog.set_members(ty, cite, bits)
                .into_iter()
                .map(|m| match m {
                    crate::program::SetMember::Sym(_, _, s) => J::String(prog.sym_id(s).into_owned()),
                    crate::program::SetMember::Provision(p) => {
                        J::String(prog.provisions[p as usize].id.clone())
                    }
                })
                .collect(),
        ),
    }
}

/// The fields of a record or of one list member, as an object.
pub fn fields(prog: &Program, d: &Decision, entries: &[OutEntry], values: &[Cited]) -> J {
    let mut m = Map::new();
    for (e, c) in entries.iter().zip(values) {
        m.insert(e.key.clone(), value(prog, d, e.ty, e.cite, c.value));
    }
    J::Object(m)
}

/// The value of the decision's `k`th key.
pub fn key(prog: &Program, d: &Decision, k: usize) -> J {
    let (Some(e), Some(v)) = (prog.decision.get(k), d.keys.get(k)) else { return J::Null };
    match v {
        Key::One(c) => value(prog, d, e.ty, e.cite, c.value),
        Key::Record(fs) => fields(prog, d, &e.fields, fs),
        Key::List(ms) => J::Array(ms.iter().map(|m| fields(prog, d, &e.fields, m)).collect()),
    }
}

/// A value as a case file writes it: enumeration values by their plain name, dates as text (for
/// witnesses, answers and what-ifs).
pub fn case_value(prog: &Program, v: Value) -> J {
    match v {
        Value::Bool(b) => J::Bool(b),
        Value::Int(i) => J::from(i),
        Value::Date(d) => J::String(crate::date::format(d)),
        Value::Sym(s) => J::String(prog.syms[s as usize].clone()),
        _ => J::Null,
    }
}
