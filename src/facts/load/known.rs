//! What a policy set can read of a case written for a larger one: the keys, fields and values of
//! optional facts that its vocabulary does not know are left out, each named, so that `zeren diff`
//! can decide a layer's own cases under the base set alone ("which facts the base did not read").
//! A value it cannot leave out (a required fact's, a list entry's) stays, and is an error as usual.

use super::super::yaml::Node;
use super::names;
use crate::program::{FieldDef, Program, Ty};

/// Leaves out of `doc` what `prog` does not know; returns what was left out (`petitioners`,
/// `people.force_majeure`, `region: sample_province`), in the order met.
pub fn prune(prog: &Program, doc: &mut Node, out: &mut Vec<String>) {
    let Node::Map { entries, .. } = doc else { return };
    entries.retain_mut(|(k, v)| {
        let Node::Scalar { text: key, .. } = &*k else { return true };
        let Some(i) = names::by_key(&prog.facts, |f| &f.def, key, 0) else {
            note(out, key.to_string());
            return false;
        };
        let fact = &prog.facts[i];
        match fact.def.ty {
            Ty::Record(_) => fields(prog, key, &fact.fields, v, out),
            Ty::List(r) => {
                if let Node::Seq { items, .. } = v {
                    for item in items {
                        fields(prog, key, &prog.records[r as usize].fields, item, out);
                    }
                }
            }
            _ => {}
        }
        keep_value(prog, key, &fact.def, v, out)
    });
}

/// Leaves out the fields of a record (or of a list entry) that `prog` does not know.
fn fields(prog: &Program, fact: &str, known: &[FieldDef], v: &mut Node, out: &mut Vec<String>) {
    let Node::Map { entries, .. } = v else { return };
    entries.retain_mut(|(k, v)| {
        let Node::Scalar { text: key, .. } = &*k else { return true };
        let name = format!("{fact}.{key}");
        match names::by_key(known, |f| f, key, 0) {
            Some(i) => keep_value(prog, &name, &known[i], v, out),
            None => {
                note(out, name);
                false
            }
        }
    });
}

/// Whether to keep a value: an enumeration value `prog` does not know is left out where the fact
/// may be left out (optional, or with a default).
fn keep_value(prog: &Program, name: &str, def: &FieldDef, v: &Node, out: &mut Vec<String>) -> bool {
    let (Ty::Enum(e), Node::Scalar { text, .. }) = (def.ty, v) else { return true };
    let en = &prog.enums[e as usize];
    let known = en.values.iter().any(|s| prog.syms[*s as usize] == *text)
        || names::unique(en.value_labels.iter().map(|l| l.zh.as_str()), text).is_some()
        || v.is_null();
    if known || !(def.optional || def.default.is_some()) {
        return true;
    }
    note(out, format!("{name}: {text}"));
    false
}

fn note(out: &mut Vec<String>, what: String) {
    if !out.contains(&what) {
        out.push(what);
    }
}
