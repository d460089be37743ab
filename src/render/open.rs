//! A case with unknown facts: what is decided, what is not, and the questions to ask; for people
//! and as JSON.

use super::{finding_text, note};
use crate::eval::decision::{Decision, Open, Part};
use crate::eval::open::MAX_COMBINATIONS;
use crate::eval::plain;
use crate::program::Program;
use serde_json::{Map, Value as J, json};

/// How a part of the decision is named: its key, or `list.member.field` for one member's field.
pub fn part_name(prog: &Program, d: &Decision, p: Part) -> String {
    match p {
        Part::Key(k) => prog.decision[k as usize].key.clone(),
        Part::Field { key, member, field } => {
            let e = &prog.decision[key as usize];
            let who = e
                .list
                .and_then(|l| d.names.get(l as usize)?.get(member as usize).copied().flatten())
                .map_or_else(|| (member + 1).to_string(), |t| d.text(t).to_string());
            format!("{}.{who}.{}", e.key, e.fields[field as usize].key)
        }
        Part::Layers => "layers".into(),
        Part::Digests => "digests".into(),
        Part::Notes => "notes".into(),
        Part::Articles => "articles".into(),
        Part::Findings => "findings".into(),
    }
}

/// The value of a part of a decision, as its JSON writes it.
pub fn part_value(prog: &Program, d: &Decision, p: Part) -> J {
    match p {
        Part::Key(k) => plain::key(prog, d, k as usize),
        Part::Field { key, member, field } => {
            let e = &prog.decision[key as usize];
            let x = &e.fields[field as usize];
            let v = crate::eval::open::field_value(d, key, member, field).unwrap_or_default();
            plain::value(prog, d, x.ty, x.cite, v)
        }
        Part::Layers => d.layers.iter().map(|l| J::from(prog.layers[*l as usize].id.clone())).collect(),
        Part::Digests => J::Object(
            d.layers
                .iter()
                .map(|l| (prog.layers[*l as usize].id.clone(), J::from(prog.layers[*l as usize].digest.clone())))
                .collect(),
        ),
        Part::Notes => d.not_in_force.iter().map(|l| J::from(note(prog, *l, d.lang))).collect(),
        Part::Articles => d.articles.iter().map(|p| J::from(prog.provisions[*p as usize].id.clone())).collect(),
        Part::Findings => d
            .findings
            .iter()
            .map(|f| json!({"article": prog.provisions[f.provision as usize].id, "text": finding_text(prog, d, f, d.lang)}))
            .collect(),
    }
}

/// What each answer leads to: one value, or several (other answers decide between them).
fn then(prog: &Program, o: &Open, then: &[(Part, Vec<u32>)]) -> Map<String, J> {
    let mut m = Map::new();
    for (p, outs) in then {
        let mut values: Vec<J> =
            outs.iter().map(|i| part_value(prog, &o.outcomes[*i as usize], *p)).collect();
        let v = if values.len() == 1 { values.remove(0) } else { json!({ "one_of": values }) };
        m.insert(part_name(prog, &o.outcomes[0], *p), v);
    }
    m
}

/// The decision of a case with unknown facts as a JSON object: the decision every answer agrees
/// on (what depends on the answers is null), what is undecided, and the questions to ask.
pub fn json(prog: &Program, d: &Decision, o: &Open) -> Map<String, J> {
    let mut out = super::tree::decision(prog, d);
    for p in &o.undecided {
        match *p {
            Part::Field { key, member, field } => {
                let e = &prog.decision[key as usize];
                if let Some(J::Array(items)) = out.get_mut(&e.key)
                    && let Some(J::Object(it)) = items.get_mut(member as usize)
                {
                    it.insert(e.fields[field as usize].key.clone(), J::Null);
                }
            }
            other => {
                out.insert(part_name(prog, d, other), J::Null);
            }
        }
    }
    out.insert("undecided".into(), o.undecided.iter().map(|p| J::from(part_name(prog, d, *p))).collect());
    out.insert("unknown".into(), o.unknown.iter().map(|u| J::from(u.name.clone())).collect());
    if o.combinations > MAX_COMBINATIONS {
        out.insert(
            "unknown_note".into(),
            J::from(format!(
                "only the first {MAX_COMBINATIONS} of {} combinations of answers were tried",
                o.combinations
            )),
        );
    }
    let questions = o
        .questions
        .iter()
        .map(|q| {
            let u = &o.unknown[q.fact as usize];
            let answers: Vec<J> = q
                .answers
                .iter()
                .map(|a| json!({"value": plain::case_value(prog, a.value), "then": then(prog, o, &a.then)}))
                .collect();
            let member = u.member.map(|(l, i)| d.member_name(prog, l, i).into_owned());
            json!({"fact": u.name, "member": member, "answers": answers})
        })
        .collect();
    out.insert("questions".into(), questions);
    out
}

/// A JSON value for people: a text as it is, anything else as compact JSON.
fn show(v: &J) -> String {
    match v {
        J::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The same, for people: what is decided, what is not, and the questions to ask.
pub fn human(out: &mut String, prog: &Program, d: &Decision, o: &Open) {
    let en = d.lang.en();
    let names: Vec<&str> = o.unknown.iter().map(|u| u.name.as_str()).collect();
    out.push_str(&if en {
        format!("Unknown facts: {}\n", names.join(", "))
    } else {
        format!("未知事实：{}\n", names.join("、"))
    });
    let word = if en { "undecided" } else { "未定" };
    let shown = crate::eval::open::parts(prog, d)
        .into_iter()
        .filter(|p| !matches!(p, Part::Digests | Part::Findings | Part::Articles));
    for p in shown {
        let v = if o.undecided.contains(&p) { word.to_string() } else { show(&part_value(prog, d, p)) };
        out.push_str(&format!("{}: {v}\n", part_name(prog, d, p)));
    }
    if o.combinations > MAX_COMBINATIONS {
        out.push_str(&format!(
            "unknown_note: only the first {MAX_COMBINATIONS} of {} combinations of answers were tried\n",
            o.combinations
        ));
    }
    out.push_str(if en { "Questions to ask:\n" } else { "需要查明的问题：\n" });
    for q in &o.questions {
        let u = &o.unknown[q.fact as usize];
        let who = u.member.map(|(l, i)| format!(" [{}]", d.member_name(prog, l, i))).unwrap_or_default();
        out.push_str(&format!("  {}{who}\n", u.name));
        for a in &q.answers {
            // What this answer settles; the rest depends on the other answers.
            let settled: Vec<String> = a
                .then
                .iter()
                .filter(|(_, outs)| outs.len() == 1)
                .map(|(p, outs)| {
                    let v = part_value(prog, &o.outcomes[outs[0] as usize], *p);
                    format!("{} = {}", part_name(prog, d, *p), show(&v))
                })
                .collect();
            out.push_str(&format!(
                "    {} {} → {}\n",
                if en { "if" } else { "若为" },
                show(&plain::case_value(prog, a.value)),
                settled.join("; ")
            ));
        }
    }
}
