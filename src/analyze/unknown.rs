//! Cases with unknown facts: the case is decided under every possible answer; what all answers
//! agree on is decided, the rest is `undecided`, and the questions to ask are the unknown facts
//! whose answer changes the outcome, each with the outcomes its answers lead to.

use super::whatif::{candidates, constants};
use crate::compile::Plan;
use crate::eval::run;
use crate::program::Program;
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::render::{Lang, json};
use serde_json::{Map, Value as J};

/// At most this many combinations of answers are tried.
pub const MAX_COMBINATIONS: usize = 4096;

/// A decision as (key, value) pairs, a list of named members one pair per member and key
/// (`people.李四.responsibility`); the trace left out.
fn flatten(d: &Map<String, J>) -> Vec<(String, J)> {
    let mut out = vec![];
    for (k, v) in d {
        match v {
            _ if k == "trace" => {}
            J::Array(items) if items.iter().all(|x| x.get("name").is_some()) && !items.is_empty() => {
                for (i, it) in items.iter().enumerate() {
                    let who = it["name"].as_str().map_or_else(|| (i + 1).to_string(), str::to_string);
                    for (f, x) in it.as_object().into_iter().flatten() {
                        if f != "name" {
                            out.push((format!("{k}.{who}.{f}"), x.clone()));
                        }
                    }
                }
            }
            other => out.push((k.clone(), other.clone())),
        }
    }
    out
}

/// Sets an undecided value to null, in a member when the key names one.
fn unset(d: &mut Map<String, J>, key: &str) {
    let parts: Vec<&str> = key.splitn(3, '.').collect();
    match parts[..] {
        [list, who, field] if d.get(list).is_some_and(J::is_array) => {
            if let Some(J::Array(items)) = d.get_mut(list) {
                for it in items.iter_mut().filter(|it| it["name"].as_str() == Some(who)) {
                    it[field] = J::Null;
                }
            }
        }
        _ => {
            d.insert(key.to_string(), J::Null);
        }
    }
}

/// The decision of a case with unknown facts, as JSON.
pub fn decide(prog: &Program, plan: &Plan, case: &Frame, lang: Lang) -> J {
    let consts = constants(prog);
    let answers: Vec<Vec<Value>> =
        case.unknown.iter().map(|u| candidates(prog, u.ty, Value::Null, &consts)).collect();
    let total: usize = answers.iter().map(|a| a.len().max(1)).product();
    // Each combination of answers tried, and which outcome it led to.
    let mut decisions: Vec<(Vec<usize>, usize)> = vec![];
    // Each distinct decision, as text and as read back: many answers lead to the same one.
    let mut outcomes: Vec<(String, Map<String, J>)> = vec![];
    let mut idx = vec![0usize; answers.len()];
    for _ in 0..total.min(MAX_COMBINATIONS) {
        let mut f = case.clone();
        for (k, u) in case.unknown.iter().enumerate() {
            let v = answers[k].get(idx[k]).copied().unwrap_or(Value::Null);
            match u.member {
                Some((l, i)) => f.lists[l as usize][i].vals[u.slot as usize] = v,
                None => f.globals[u.slot as usize] = v,
            }
        }
        run(prog, plan, &mut f);
        // Without the trace: the answer leaves it out.
        let mut s = String::new();
        json::outcome(&mut s, prog, &f, lang);
        let o = match outcomes.iter().position(|(t, _)| *t == s) {
            Some(o) => Some(o),
            None => match serde_json::from_str::<J>(&s) {
                Ok(J::Object(o)) => {
                    outcomes.push((s, o));
                    Some(outcomes.len() - 1)
                }
                _ => None,
            },
        };
        if let Some(o) = o {
            decisions.push((idx.clone(), o));
        }
        for (k, a) in idx.iter_mut().zip(&answers) {
            *k += 1;
            if *k < a.len() {
                break;
            }
            *k = 0;
        }
    }
    let Some(&(_, first)) = decisions.first() else { return J::Null };
    // Compared value by value: a list of people is one value per person and key.
    let flat: Vec<Vec<(String, J)>> = outcomes.iter().map(|(_, d)| flatten(d)).collect();
    let keys: Vec<String> = flat[first].iter().map(|(k, _)| k.clone()).collect();
    // The value of a key in the decision of combination `i`.
    let value =
        |i: usize, k: &str| flat[decisions[i].1].iter().find(|(x, _)| x == k).map_or(&J::Null, |x| &x.1);
    let undecided: Vec<String> =
        keys.iter().filter(|k| (1..decisions.len()).any(|i| value(i, k) != value(0, k))).cloned().collect();
    let mut out = outcomes[first].1.clone();
    for k in &undecided {
        unset(&mut out, k);
    }
    out.insert("trace".into(), J::Array(vec![]));
    out.insert("undecided".into(), J::from(undecided.clone()));
    out.insert("unknown".into(), J::from(case.unknown.iter().map(|u| u.name.clone()).collect::<Vec<_>>()));
    if total > MAX_COMBINATIONS {
        out.insert(
            "unknown_note".into(),
            J::from(format!(
                "only the first {MAX_COMBINATIONS} of {total} combinations of answers were tried"
            )),
        );
    }
    let mut questions = vec![];
    for (k, u) in case.unknown.iter().enumerate() {
        let mut per_answer = vec![];
        for (j, v) in answers[k].iter().enumerate() {
            let mut then = Map::new();
            // The outcome itself; which provisions and findings follow is in each decision.
            for key in undecided.iter().filter(|k| !matches!(k.as_str(), "articles" | "findings" | "notes")) {
                let mut seen: Vec<J> = vec![];
                for (n, (asg, _)) in decisions.iter().enumerate() {
                    if asg[k] == j {
                        let x = value(n, key);
                        if !seen.contains(x) {
                            seen.push(x.clone());
                        }
                    }
                }
                // One outcome for this answer, or several (other answers decide between them).
                let x = if seen.len() == 1 { seen.remove(0) } else { serde_json::json!({ "one_of": seen }) };
                then.insert(key.clone(), x);
            }
            per_answer.push((super::case_value(prog, *v), then));
        }
        let matters = per_answer.iter().any(|(_, t)| Some(t) != per_answer.first().map(|x| &x.1));
        if matters {
            let member = u.member.map(|(l, i)| crate::render::trace::member_name(prog, case, l, i));
            questions.push(serde_json::json!({
                "fact": u.name,
                "member": member,
                "answers": per_answer.into_iter().map(|(v, t)| serde_json::json!({"value": v, "then": t})).collect::<Vec<_>>(),
            }));
        }
    }
    out.insert("questions".into(), J::Array(questions));
    J::Object(out)
}

/// The same, for people: what is decided, what is not, and the questions to ask.
pub fn human(out: &mut String, prog: &Program, plan: &Plan, case: &Frame, lang: Lang) {
    let d = decide(prog, plan, case, lang);
    let en = lang.en();
    let show = |v: &J| match v {
        J::String(s) => s.clone(),
        other => other.to_string(),
    };
    let names: Vec<String> = case.unknown.iter().map(|u| u.name.clone()).collect();
    out.push_str(&if en {
        format!("Unknown facts: {}\n", names.join(", "))
    } else {
        format!("未知事实：{}\n", names.join("、"))
    });
    if let J::Object(o) = &d {
        let undecided: Vec<String> = o
            .get("undecided")
            .and_then(|u| u.as_array())
            .map(|a| a.iter().map(show).collect())
            .unwrap_or_default();
        let word = if en { "undecided" } else { "未定" };
        for (k, v) in flatten(o) {
            if matches!(
                k.as_str(),
                "undecided" | "questions" | "unknown" | "digests" | "findings" | "articles"
            ) {
                continue;
            }
            let v = if undecided.contains(&k) { word.to_string() } else { show(&v) };
            out.push_str(&format!("{k}: {v}\n"));
        }
        out.push_str(if en { "Questions to ask:\n" } else { "需要查明的问题：\n" });
        for q in o.get("questions").and_then(|q| q.as_array()).into_iter().flatten() {
            let who = q["member"].as_str().map(|m| format!(" [{m}]")).unwrap_or_default();
            out.push_str(&format!("  {}{who}\n", show(&q["fact"])));
            for a in q["answers"].as_array().into_iter().flatten() {
                // What this answer settles; the rest depends on the other answers.
                let then: Vec<String> = a["then"]
                    .as_object()
                    .map(|t| {
                        t.iter()
                            .filter(|(_, v)| v.get("one_of").is_none())
                            .map(|(k, v)| format!("{k} = {}", show(v)))
                            .collect()
                    })
                    .unwrap_or_default();
                out.push_str(&format!(
                    "    {} {} → {}\n",
                    if en { "if" } else { "若为" },
                    show(&a["value"]),
                    then.join("; ")
                ));
            }
        }
    }
}
