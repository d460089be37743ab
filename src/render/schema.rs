//! The JSON Schema of a case for a loaded policy set: every fact a case may give, its type, its
//! values, its default, whether it is required, and its labels in both languages. What a schema
//! cannot say (that a list's `unique` field has no two members alike, that a name given in a list
//! of names is one of the case's members) is said in the field's description and checked by the
//! loader alone.

use crate::program::ir::Value;
use crate::program::{FieldDef, Program, Ty};
use serde_json::{Map, Value as J, json};

/// The schema (draft 2020-12) of one case.
pub fn case(prog: &Program) -> J {
    let mut properties = Map::new();
    let mut required = vec![];
    for f in &prog.facts {
        let mut s = match f.list {
            Some(_) => field(prog, &f.def),
            None if !f.fields.is_empty() => record(prog, &f.fields),
            None => field(prog, &f.def),
        };
        describe(prog, &f.def, &mut s);
        if is_required(&f.def) {
            required.push(J::String(f.def.name.clone()));
        }
        properties.insert(f.def.name.clone(), s);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": prog.header.title.zh,
        "description": prog.header.title.en,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// Whether a case must give the field: it has no default, is not optional and no layer defines it.
fn is_required(f: &FieldDef) -> bool {
    !f.optional && f.default.is_none() && !f.defined
}

/// An object of the given fields.
fn record(prog: &Program, fields: &[FieldDef]) -> J {
    let mut properties = Map::new();
    let mut required = vec![];
    for f in fields {
        let mut s = field(prog, f);
        describe(prog, f, &mut s);
        if is_required(f) {
            required.push(J::String(f.name.clone()));
        }
        properties.insert(f.name.clone(), s);
    }
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

/// The schema of one field's value.
fn field(prog: &Program, f: &FieldDef) -> J {
    let unknown = |s: J| json!({"anyOf": [s, {"const": "unknown", "description": "the case does not know"}]});
    match f.ty {
        Ty::Bool => unknown(json!({"type": "boolean"})),
        Ty::Int => unknown(json!({"type": "integer"})),
        Ty::Date => unknown(json!({"type": "string", "format": "date"})),
        Ty::Text => json!({"type": "string"}),
        Ty::Enum(e) => {
            let mut s = enumeration(prog, e);
            if !prog.enums[e as usize].values.iter().any(|v| prog.syms[*v as usize] == "unknown")
                && let J::Object(o) = &mut s
                && let Some(J::Array(vs)) = o.get_mut("enum")
            {
                vs.push(J::String("unknown".into()));
            }
            s
        }
        Ty::Record(r) => record(prog, &prog.records[r as usize].fields),
        Ty::List(r) => {
            let mut s = json!({"type": "array", "items": record(prog, &prog.records[r as usize].fields)});
            if f.nonempty {
                s["minItems"] = json!(1);
            }
            s
        }
        Ty::SetOfEnum(e) => json!({"type": "array", "items": enumeration(prog, e), "uniqueItems": true}),
        Ty::Members(_) => json!({"type": "array", "items": {"type": "string"}, "uniqueItems": true}),
        Ty::SetOfProvision | Ty::Provision => json!({"type": "string"}),
    }
}

/// The values of an enumeration, with their labels.
fn enumeration(prog: &Program, e: u16) -> J {
    let def = &prog.enums[e as usize];
    let names: Vec<J> = def.values.iter().map(|v| J::String(prog.syms[*v as usize].clone())).collect();
    let labels: Map<String, J> = def
        .values
        .iter()
        .zip(&def.value_labels)
        .map(|(v, l)| (prog.syms[*v as usize].clone(), json!({"zh": l.zh, "en": l.en})))
        .collect();
    json!({"type": "string", "enum": names, "x-labels": labels})
}

/// The field's labels, its default, and what only the loader checks.
fn describe(prog: &Program, f: &FieldDef, s: &mut J) {
    let J::Object(o) = s else { return };
    o.insert("title".into(), J::String(f.labels.zh.clone()));
    if let Some(en) = &f.labels.en {
        o.insert("description".into(), J::String(en.clone()));
    }
    if let Some(d) = f.default {
        o.insert("default".into(), default(prog, d));
    }
    if f.unique {
        o.insert("x-unique".into(), J::Bool(true));
    }
    if f.layer > 0 {
        o.insert("x-layer".into(), J::String(prog.layers[f.layer as usize].id.clone()));
    }
}

/// A default value as a case would write it.
fn default(prog: &Program, v: Value) -> J {
    match v {
        Value::Bool(b) => J::Bool(b),
        Value::Int(n) => json!(n),
        Value::Date(d) => J::String(crate::date::format(d)),
        Value::Sym(s) => J::String(prog.syms[s as usize].clone()),
        _ => J::Null,
    }
}
