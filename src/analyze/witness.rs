//! A witness (values of the facts that make something happen) → a case file that can be run:
//! the required facts filled with plain values, the witness's values put in their place. Values
//! that rules decide (definitions, conclusions) cannot be given by a case: they are returned, so
//! that the caller can say what else the case must bring about.

use crate::program::ir::Value;
use crate::program::*;
use crate::solve::domain::Binding;
use serde_json::{Map, Value as J};

/// The case (as a case file's data, which `render::yaml` writes), and the witness values it could
/// not set (decided by rules).
pub fn case(prog: &Program, witness: &[Binding]) -> (J, Vec<String>) {
    let date = prog.layers.iter().filter_map(|l| l.effective).max().unwrap_or(0);
    let mut unmet = vec![];
    let mut case = Map::new();
    for f in &prog.facts {
        let name = &f.def.name;
        let wanted: Vec<(&str, Value)> = witness
            .iter()
            .filter_map(|Binding { name: k, value: v }| {
                k.strip_prefix(name.as_str()).and_then(|r| r.strip_prefix('.')).map(|r| (r, *v))
            })
            .collect();
        let own = witness.iter().find(|b| b.name == *name).map(|b| b.value);
        let required = f.def.default.is_none() && !f.def.optional;
        match f.def.ty {
            Ty::Record(r) | Ty::List(r) => {
                if !(required || f.def.nonempty || !wanted.is_empty()) {
                    continue;
                }
                let mut obj = Map::new();
                for x in &prog.records[r as usize].fields {
                    let v = wanted.iter().find(|(k, _)| *k == x.name).map(|w| w.1);
                    let plain = x.default.is_none() && !x.optional;
                    if let Some(v) = v.filter(|v| *v != Value::Null) {
                        obj.insert(x.name.clone(), crate::eval::plain::case_value(prog, v));
                    } else if plain {
                        obj.insert(x.name.clone(), base(prog, x.ty, date));
                    }
                }
                let v = J::Object(obj);
                case.insert(
                    name.clone(),
                    if matches!(f.def.ty, Ty::List(_)) { J::Array(vec![v]) } else { v },
                );
            }
            ty => match own {
                Some(Value::Null) => {}
                Some(v) => {
                    case.insert(name.clone(), crate::eval::plain::case_value(prog, v));
                }
                None if required => {
                    case.insert(name.clone(), base(prog, ty, date));
                }
                None => {}
            },
        }
    }
    for Binding { name: k, value: v } in witness {
        let is_fact =
            prog.facts.iter().any(|f| *k == f.def.name || k.starts_with(&format!("{}.", f.def.name)));
        if !is_fact && !k.starts_with('#') {
            unmet.push(format!("{k} = {}", crate::solve::domain::show(prog, *v)));
        }
    }
    (J::Object(case), unmet)
}

/// A plain value of a type, for a fact the witness does not mention.
fn base(prog: &Program, ty: Ty, date: i32) -> J {
    match ty {
        Ty::Bool => J::Bool(false),
        Ty::Int => J::from(0),
        Ty::Date => J::String(crate::date::format(date)),
        Ty::Enum(e) => prog.enums[e as usize]
            .values
            .first()
            .map_or(J::Null, |s| J::String(prog.syms[*s as usize].clone())),
        _ => J::String("witness".into()),
    }
}

/// Whether the evaluator decides a witness case as a conflict on `target` (or between
/// definitions); `None` when the witness is not a valid case.
pub fn decided_as_conflict(
    prog: &Program,
    plan: &crate::compile::Plan,
    case: &J,
    target: &str,
) -> Option<bool> {
    // A case file may be JSON: the case is read as any case file is.
    let src = crate::source::Source::new("witness", case.to_string());
    let mut frames = crate::facts::load(prog, &src).ok().filter(|f| f.len() == 1)?;
    let f = &mut frames[0];
    crate::eval::run(prog, plan, f);
    let on_target = f.conflicts.iter().any(|(c, _)| prog.conclusions[*c as usize].name == target);
    Some(on_target || !f.define_conflicts.is_empty())
}
