//! Expected against decided: each expectation is a subset of the decision. Lists compare as sets
//! (order does not matter), records key by key, list members (a list of entries with a `name`)
//! by name or in order; `why` lists provisions that must be among those that decided (`articles`).
//! Differences are written for people.

use crate::suggest::did_you_mean;
use serde_json::Value as J;

/// The differences between what a scenario expects under `key` and the decision.
pub fn differences(key: &str, expected: &J, decision: &J, out: &mut Vec<String>) {
    let decided = &decision[key];
    let members = decided.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(J::is_object));
    match key {
        "why" => why(expected, &decision["articles"], out),
        _ if members
            && (expected.is_object() || expected.as_array().is_some_and(|a| a.iter().all(J::is_object))) =>
        {
            entries(key, expected, decided, out)
        }
        _ => value(key, expected, decided, out),
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

fn why(expected: &J, articles: &J, out: &mut Vec<String>) {
    let decided: Vec<&J> = articles.as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let wanted: Vec<J> = match expected {
        J::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    for w in wanted {
        let w = J::String(show(&w));
        if !decided.contains(&&w) {
            let all: Vec<String> = decided.iter().map(|x| show(x)).collect();
            out.push(format!(
                "why: provision {} did not decide anything (those that did: {})",
                show(&w),
                if all.is_empty() { "none".to_string() } else { all.join(", ") }
            ));
        }
    }
}

/// The members of a list by name (`{张三: {measures: […]}}`), or in order (a list).
fn entries(key: &str, expected: &J, decided: &J, out: &mut Vec<String>) {
    let ds: Vec<&J> = decided.as_array().map(|a| a.iter().collect()).unwrap_or_default();
    match expected {
        J::Object(by_name) => {
            for (name, e) in by_name {
                match ds.iter().find(|p| p["name"].as_str() == Some(name)) {
                    Some(p) => value(&format!("{key}.{name}"), e, p, out),
                    None => {
                        let names: Vec<&str> = ds.iter().filter_map(|p| p["name"].as_str()).collect();
                        out.push(unknown(key, name, names.iter().copied()));
                    }
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
