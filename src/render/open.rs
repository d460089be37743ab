//! A case with unknown facts: what is decided, what is not, and the questions to ask; for people
//! and as JSON.

use super::{finding_text, note, show, words};
use crate::eval::decision::Key;
use crate::eval::decision::{Decision, Open, Part};
use crate::eval::plain;
use crate::program::ir::Value;
use crate::program::{Program, Ty};
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
        Part::Field { key, field, .. } => {
            let e = &prog.decision[key as usize];
            let x = &e.fields[field as usize];
            let v = d.field_value(p).unwrap_or_default();
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
    if o.tried < o.combinations {
        out.insert(
            "unknown_note".into(),
            J::from(format!("only the first {} of {} combinations of answers were tried", o.tried, count(o))),
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

/// A part of a decision for people: its label (with whose it is) and its value in words, with
/// the provisions that decided it.
fn part_words(prog: &Program, d: &Decision, p: Part) -> Option<(String, String)> {
    let lang = d.lang;
    let en = lang.en();
    let (label, ty, cite, cited) = match p {
        Part::Key(k) => {
            let e = &prog.decision[k as usize];
            let cited = match d.keys.get(k as usize)? {
                Key::One(c) => c.clone(),
                Key::Record(fs) => {
                    // A provision among the values is their citation.
                    let (mut parts, mut cited) = (vec![], vec![]);
                    for (x, c) in e.fields.iter().zip(fs).filter(|(_, c)| c.value != Value::Null) {
                        let v = show(prog, d, x.ty, x.cite, c.value, lang);
                        if x.ty == Ty::Provision { cited.push(v) } else { parts.push(v) }
                    }
                    let mut v = parts.join(if en { ", " } else { "，" });
                    if !cited.is_empty() {
                        v += &if en {
                            format!(" ({})", cited.join(", "))
                        } else {
                            format!("（{}）", cited.join("、"))
                        };
                    }
                    return Some((e.labels.get(en).to_string(), v));
                }
                Key::List(ms) => {
                    let v = match (ms.len(), en) {
                        (0, true) => "none".to_string(),
                        (0, false) => "无".to_string(),
                        (n, true) => format!("{n} entries"),
                        (n, false) => format!("{n}项"),
                    };
                    return Some((e.labels.get(en).to_string(), v));
                }
            };
            (e.labels.get(en).to_string(), e.ty, e.cite, cited)
        }
        Part::Field { key, member, field } => {
            let e = &prog.decision[key as usize];
            let x = &e.fields[field as usize];
            let c = match d.keys.get(key as usize)? {
                Key::List(ms) => ms.get(member as usize)?.get(field as usize)?.clone(),
                _ => return None,
            };
            let who = e.list.map(|l| d.member_words(prog, l, member, en).into_owned()).unwrap_or_default();
            let label = if en {
                format!("{who}'s {}", x.labels.get(en))
            } else {
                format!("{who}的{}", x.labels.get(en))
            };
            (label, x.ty, x.cite, c)
        }
        _ => return None,
    };
    let v = match cited.value {
        // No value: none of a scale (no rung); otherwise the measures decide nothing of it.
        Value::Null if matches!(ty, Ty::Enum(x) if prog.enums[x as usize].scale) => {
            (if en { "none" } else { "无" }).to_string()
        }
        Value::Null => (if en { "not decided" } else { "不作决定" }).to_string(),
        v => show(prog, d, ty, cite, v, lang),
    };
    // A set of provisions cites itself.
    let by: Vec<String> = if ty == Ty::SetOfProvision {
        vec![]
    } else {
        cited.by.iter().map(|p| super::cite::cite(prog, *p, lang)).collect()
    };
    let by = match (by.is_empty(), en) {
        (true, _) => String::new(),
        (false, true) => format!(" ({})", by.join(", ")),
        (false, false) => format!("（{}）", by.join("、")),
    };
    Some((label, format!("{v}{by}")))
}

/// An unknown fact, named: 「危害程度」, 「李四的参与决策和工作」.
fn unknown_words(prog: &Program, d: &Decision, u: &crate::eval::decision::UnknownFact) -> String {
    let en = d.lang.en();
    match u.member {
        None => words::global(prog, u.slot).map_or(u.name.clone(), |(l, _)| l.get(en).to_string()),
        Some((l, i)) => {
            let label = words::member(prog, l, u.slot).map_or(u.name.clone(), |(x, _)| x.get(en).to_string());
            let who = d.member_words(prog, l, i, en);
            if en { format!("{who}'s {label}") } else { format!("{who}的{label}") }
        }
    }
}

/// The same, for people: what is decided, what is not, and the questions to ask, each answer with
/// what it settles and the provisions that settle it.
pub fn human(out: &mut String, prog: &Program, d: &Decision, o: &Open) {
    let lang = d.lang;
    let en = lang.en();
    let names: Vec<String> = o.unknown.iter().map(|u| unknown_words(prog, d, u)).collect();
    out.push_str(&if en {
        format!("Not known from the case: {}\n", names.join(", "))
    } else {
        format!("案件未查明的事实：{}\n", names.join("、"))
    });
    out.push_str(if en { "Decided whatever the answers:\n" } else { "无论如何查明均已确定：\n" });
    let pending = if en { "to be established" } else { "待查明" };
    let sep = if en { ": " } else { "：" };
    // A value read within its set (`within`) is said with it, when the set is decided too.
    let within_decided = |p: Part| {
        !o.undecided.contains(&p) && super::within_part(prog, p).is_some_and(|s| !o.undecided.contains(&s))
    };
    for p in crate::eval::open::parts(prog, d) {
        if within_decided(p) && super::part_read_within(prog, p, d, d) {
            continue;
        }
        let Some((label, v)) = part_words(prog, d, p) else { continue };
        let v = if o.undecided.contains(&p) { pending.to_string() } else { v };
        out.push_str(&format!("  {label}{sep}{v}\n"));
    }
    if o.tried < o.combinations {
        out.push_str(&if en {
            format!("  (only the first {} of {} combinations of answers were tried)\n", o.tried, count(o))
        } else {
            format!("  （仅考察了{}种答案组合中的前{}种）\n", count(o), o.tried)
        });
    }
    out.push_str(if en { "To establish:\n" } else { "需查明：\n" });
    for q in &o.questions {
        let u = &o.unknown[q.fact as usize];
        out.push_str(&format!("  {}\n", unknown_words(prog, d, u)));
        for a in &q.answers {
            // What this answer settles; the rest depends on the other answers.
            let settled_in = |p: Part| {
                a.then
                    .iter()
                    .find(|(q, outs)| *q == p && outs.len() == 1)
                    .map(|(_, outs)| &o.outcomes[outs[0] as usize])
            };
            let settled: Vec<String> = a
                .then
                .iter()
                .filter(|(_, outs)| outs.len() == 1)
                // A value read within its set is said with it, when this answer settles the set too.
                .filter(|(p, outs)| {
                    let set = super::within_part(prog, *p).and_then(settled_in);
                    !set.is_some_and(|s| super::part_read_within(prog, *p, &o.outcomes[outs[0] as usize], s))
                })
                .filter_map(|(p, outs)| part_words(prog, &o.outcomes[outs[0] as usize], *p))
                .map(|(label, v)| format!("{label}{}{v}", if en { " would be " } else { "为" }))
                .collect();
            let answer = words::value(prog, Some(u.ty), a.value, lang);
            let then = settled.join(if en { "; " } else { "；" });
            out.push_str(&if en {
                format!("    if {answer}: {then}\n")
            } else {
                format!("    如为{answer}：{then}\n")
            });
        }
    }
}

/// How many combinations of answers there are: past a `usize`, said so rather than a number.
fn count(o: &Open) -> String {
    if o.combinations == usize::MAX { "more than 2^64".to_string() } else { o.combinations.to_string() }
}
