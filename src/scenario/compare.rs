//! Expected against decided: each expectation is a subset of the decision. Lists compare as sets
//! (order does not matter), records key by key, list members by the name the decision gives
//! each (or in order); `why` lists provisions that must be among those that decided (`articles`).
//! Differences are written for people.

use crate::eval::decision::{Decision, Part};
use crate::eval::plain;
use crate::program::Program;
use crate::render::open::part_value;
use crate::suggest::did_you_mean;
use serde_json::Value as J;

/// The keys a decision has, for a scenario's expectations: the policy's own, then the layers,
/// their digests, the notes, the provisions applied and the findings.
pub fn keys(prog: &Program) -> Vec<String> {
    let own = prog.decision.iter().map(|e| e.key.clone());
    own.chain(["layers", "digests", "notes", "articles", "findings"].map(String::from)).collect()
}

/// The differences between what a scenario expects under `key` and the decision.
pub fn differences(prog: &Program, d: &Decision, key: &str, expected: &J, out: &mut Vec<String>) {
    if key == "why" {
        return why(prog, d, expected, out);
    }
    let (decided, list) = match prog.decision.iter().position(|e| e.key == key) {
        Some(k) => (plain::key(prog, d, k), prog.decision[k].list),
        None => {
            let part = match key {
                "layers" => Part::Layers,
                "digests" => Part::Digests,
                "notes" => Part::Notes,
                "articles" => Part::Articles,
                _ => Part::Findings,
            };
            (part_value(prog, d, part), None)
        }
    };
    let members = decided.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(J::is_object));
    match list {
        Some(l)
            if members
                && (expected.is_object()
                    || expected.as_array().is_some_and(|a| a.iter().all(J::is_object))) =>
        {
            let names: Vec<String> = (0..d.names.get(l as usize).map_or(0, Vec::len) as u32)
                .map(|i| d.member_name(prog, l, i).into_owned())
                .collect();
            entries(key, expected, &decided, &names, out)
        }
        _ => value(key, expected, &decided, out),
    }
}

fn show(v: &J) -> String {
    match v {
        J::String(s) => s.clone(),
        J::Null => "nothing".into(),
        other => other.to_string(),
    }
}

fn value(path: &str, expected: &J, decided: &J, out: &mut Vec<String>) {
    match (expected, decided) {
        (J::Array(e), J::Array(d)) => {
            let missing: Vec<String> = e.iter().filter(|x| !d.contains(x)).map(show).collect();
            let extra: Vec<String> = d.iter().filter(|x| !e.contains(x)).map(show).collect();
            if !missing.is_empty() || !extra.is_empty() {
                let mut s = format!("{path}: expected [{}], decided [{}]", list(e), list(d));
                if !missing.is_empty() {
                    s += &format!("; missing {}", missing.join(", "));
                }
                if !extra.is_empty() {
                    s += &format!("; not expected {}", extra.join(", "));
                }
                out.push(s);
            }
        }
        (J::Object(e), J::Object(d)) => {
            for (k, v) in e {
                match d.get(k) {
                    Some(dv) => value(&format!("{path}.{k}"), v, dv, out),
                    None => out.push(unknown(path, k, d.keys().map(String::as_str))),
                }
            }
        }
        // A number written as text, or the reverse, is the same value.
        (e, d) if e == d || show(e) == show(d) => {}
        (e, d) => out.push(format!("{path}: expected {}, decided {}", show(e), show(d))),
    }
}

fn list(v: &[J]) -> String {
    v.iter().map(show).collect::<Vec<_>>().join(", ")
}

fn unknown<'a>(path: &str, key: &str, keys: impl Iterator<Item = &'a str> + Clone) -> String {
    let hint = did_you_mean(key, keys.clone())
        .unwrap_or_else(|| format!("its keys are {}", keys.collect::<Vec<_>>().join(", ")));
    format!("{path}: there is no `{key}` ({hint})")
}

fn why(prog: &Program, d: &Decision, expected: &J, out: &mut Vec<String>) {
    let decided: Vec<&str> = d.articles.iter().map(|p| prog.provisions[*p as usize].id.as_str()).collect();
    let wanted: Vec<J> = match expected {
        J::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    for w in wanted {
        let w = show(&w);
        if !decided.contains(&w.as_str()) {
            out.push(format!(
                "why: provision {w} did not decide anything (those that did: {})",
                if decided.is_empty() { "none".to_string() } else { decided.join(", ") }
            ));
        }
    }
}

/// The members of a list by name (`{张三: {measures: […]}}`), or in order (a list).
fn entries(key: &str, expected: &J, decided: &J, names: &[String], out: &mut Vec<String>) {
    let ds: Vec<&J> = decided.as_array().map(|a| a.iter().collect()).unwrap_or_default();
    match expected {
        J::Object(by_name) => {
            for (name, e) in by_name {
                match names.iter().position(|n| n == name).and_then(|i| ds.get(i)) {
                    Some(p) => value(&format!("{key}.{name}"), e, p, out),
                    None => out.push(unknown(key, name, names.iter().map(String::as_str))),
                }
            }
        }
        J::Array(list) => {
            if list.len() != ds.len() {
                out.push(format!("{key}: expected {} entries, decided {}", list.len(), ds.len()));
            }
            for (i, (e, d)) in list.iter().zip(ds).enumerate() {
                value(&format!("{key}[{}]", i + 1), e, d, out);
            }
        }
        other => out.push(format!("{key}: expected a mapping by name or a list, found {}", show(other))),
    }
}
