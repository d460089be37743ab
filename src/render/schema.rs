//! The JSON Schema of a case for a loaded policy set: every fact a case may give, its type, its
//! values, its default, whether it is required, and its labels in both languages. A case may
//! write a key or a value as its Chinese label (where no sibling shares it), so each label is a
//! property (or a value) too, and a required key is given under one of its two names, never both.
//! What a schema
//! cannot say (that a list's `unique` field has no two members alike, that a name given in a list
//! of names is one of the case's members) is said in the field's description and checked by the
//! loader alone.

use crate::program::ir::Value;
use crate::program::{FieldDef, Program, Ty};
use serde_json::{Map, Value as J, json};

/// The schema (draft 2020-12) of one case.
pub fn case(prog: &Program) -> J {
    let defs: Vec<&FieldDef> = prog.facts.iter().map(|f| &f.def).collect();
    let mut s = object(prog, &defs, |f| {
        let fact = prog.facts.iter().find(|x| std::ptr::eq(&x.def, f));
        match fact {
            Some(x) if x.list.is_none() && !x.fields.is_empty() => {
                let fields: Vec<&FieldDef> = x.fields.iter().collect();
                object(prog, &fields, |g| field(prog, g))
            }
            _ => field(prog, f),
        }
    });
    let mut out = Map::new();
    out.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    out.insert("title".into(), json!(prog.header.title.zh));
    out.insert("description".into(), json!(prog.header.title.en));
    if let J::Object(o) = &mut s {
        out.append(o);
    }
    J::Object(out)
}

/// An object of the given fields, each also under its Chinese label where that names it alone.
fn object(prog: &Program, fields: &[&FieldDef], schema: impl Fn(&FieldDef) -> J) -> J {
    let mut properties = Map::new();
    let mut all_of = vec![];
    for f in fields {
        let mut s = schema(f);
        describe(prog, f, &mut s);
        let label = f.labels.zh.as_str();
        let alias = fields.iter().filter(|g| g.labels.zh == label).count() == 1
            && !fields.iter().any(|g| g.name == label)
            && label != f.name;
        properties.insert(f.name.clone(), s.clone());
        if alias {
            let mut a = s;
            a["x-alias-of"] = J::String(f.name.clone());
            properties.insert(label.to_string(), a);
            // One of the two names, not both.
            all_of.push(json!({"not": {"required": [f.name, label]}}));
        }
        if is_required(f) {
            all_of.push(if alias {
                json!({"anyOf": [{"required": [f.name]}, {"required": [label]}]})
            } else {
                json!({"required": [f.name]})
            });
        }
    }
    let mut out = json!({"type": "object", "properties": properties, "additionalProperties": false});
    if !all_of.is_empty() {
        out["allOf"] = J::Array(all_of);
    }
    out
}

/// Whether a case must give the field: it has no default, is not optional and no layer defines it.
fn is_required(f: &FieldDef) -> bool {
    !f.optional && f.default.is_none() && !f.defined
}

/// A record's fields as an object.
fn record(prog: &Program, fields: &[FieldDef]) -> J {
    let fields: Vec<&FieldDef> = fields.iter().collect();
    object(prog, &fields, |f| field(prog, f))
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
        Ty::SetOfEnum(e) => {
            nonempty(json!({"type": "array", "items": enumeration(prog, e), "uniqueItems": true}), f)
        }
        Ty::Members(_) => {
            nonempty(json!({"type": "array", "items": {"type": "string"}, "uniqueItems": true}), f)
        }
        Ty::SetOfProvision | Ty::Provision => json!({"type": "string"}),
    }
}

/// A list that must have a member.
fn nonempty(mut s: J, f: &FieldDef) -> J {
    if f.nonempty {
        s["minItems"] = json!(1);
    }
    s
}

/// The values of an enumeration, with their labels.
fn enumeration(prog: &Program, e: u16) -> J {
    let def = &prog.enums[e as usize];
    let mut names: Vec<J> = def.values.iter().map(|v| J::String(prog.syms[*v as usize].clone())).collect();
    // A value may be written as its Chinese label, where no other value of the enum shares it.
    for l in &def.value_labels {
        if def.value_labels.iter().filter(|m| m.zh == l.zh).count() == 1
            && !names.contains(&J::String(l.zh.clone()))
        {
            names.push(J::String(l.zh.clone()));
        }
    }
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
    if let Some(d) = f.default.filter(|d| *d != Value::Null) {
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
