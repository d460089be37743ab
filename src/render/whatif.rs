//! What-ifs (`--what-if`) for people and as JSON: each change of one fact that changes the
//! outcome, what it changes to, and the provisions that would decide it.

use super::cite::cite;
use super::{show, words};
use crate::analyze::whatif::{Changed, WhatIf};
use crate::eval::decision::{Decision, Part};
use crate::eval::plain;
use crate::program::ir::Value;
use crate::program::{OutEntry, Program, Ty};

/// The change, in words: 「假如唐小军的职务为领导班子主要负责人」, 「假如应当给予党纪政纪处分」.
fn change_text(prog: &Program, d: &Decision, w: &WhatIf) -> String {
    let lang = d.lang;
    let en = lang.en();
    let label = w.change.labels.get(en);
    let who = w.change.member.map(|(l, i)| d.member_words(prog, l, i, en).into_owned());
    let of = match (&who, en) {
        (Some(n), false) => format!("{n}的"),
        (Some(n), true) => format!("{n}'s "),
        (None, _) => String::new(),
    };
    match (w.change.to, en) {
        (Value::Bool(true), false) => format!("假如{}{label}", who.unwrap_or_default()),
        (Value::Bool(false), false) => format!("假如{of}「{label}」不成立"),
        (Value::Bool(b), true) => {
            let for_whom = who.map(|n| format!(" (for {n})")).unwrap_or_default();
            format!("if{} \"{label}\"{for_whom}", if b { "" } else { " not" })
        }
        (to, false) => format!("假如{of}{label}为{}", words::value(prog, Some(w.change.ty), to, lang)),
        (to, true) => format!("if {of}{label} were {}", words::value(prog, Some(w.change.ty), to, lang)),
    }
}

/// The decision key (or member field) an outcome is, and the member it is about.
fn entry<'p>(prog: &'p Program, o: &Changed) -> (&'p OutEntry, Option<(u16, u32)>) {
    match o.part {
        Part::Field { key, member, field } => {
            let e = &prog.decision[key as usize];
            (&e.fields[field as usize], e.list.map(|l| (l, member)))
        }
        Part::Key(k) => (&prog.decision[k as usize], None),
        // What-ifs change only keys and members' fields.
        _ => (&prog.decision[0], None),
    }
}

/// `假如…` / `If … were …` lines.
pub fn human(out: &mut String, prog: &Program, d: &Decision, list: &[WhatIf]) {
    let lang = d.lang;
    let en = lang.en();
    out.push_str(if en { "What if:\n" } else { "假如：\n" });
    if list.is_empty() {
        out.push_str(if en {
            "  no change of one fact changes the outcome\n"
        } else {
            "  改变任何一项事实都不改变结果\n"
        });
    }
    for w in list {
        // A value read within its set (`within`) is said with it, when the set changes too.
        let with_set = |o: &Changed| {
            let Some(set) = super::within_part(prog, o.part) else { return false };
            let Part::Field { key, field, .. } = set else { return false };
            let entry = &prog.decision[key as usize].fields[field as usize];
            w.outcomes.iter().any(|s| s.part == set && super::read_within(prog, entry, s.to, o.to))
        };
        let then: Vec<String> = w
            .outcomes
            .iter()
            .filter(|o| !with_set(o))
            .map(|o| {
                let (e, member) = entry(prog, o);
                let who = member
                    .map(|(l, i)| {
                        format!("{}{}", d.member_words(prog, l, i, en), if en { "'s " } else { "的" })
                    })
                    .unwrap_or_default();
                let v = match o.to {
                    // No value: none of a scale (no rung); otherwise the measures decide nothing of it.
                    Value::Null if matches!(e.ty, Ty::Enum(x) if prog.enums[x as usize].scale) => {
                        (if en { "none" } else { "无" }).to_string()
                    }
                    Value::Null => (if en { "not decided" } else { "不作决定" }).to_string(),
                    to => show(prog, d, e.ty, e.cite, to, lang),
                };
                // A set of provisions cites itself.
                let cited = if e.ty == Ty::SetOfProvision { &[][..] } else { &o.provisions[..] };
                let ps: Vec<String> = cited.iter().map(|p| cite(prog, *p, lang)).collect();
                let by = match (ps.is_empty(), en) {
                    (true, _) => String::new(),
                    (false, true) => format!(" ({})", ps.join(", ")),
                    (false, false) => format!("（{}）", ps.join("、")),
                };
                if en {
                    format!("{who}{} would be {v}{by}", e.labels.get(true))
                } else {
                    format!("{who}{}为{v}{by}", e.labels.get(false))
                }
            })
            .collect();
        let change = change_text(prog, d, w);
        if en {
            out.push_str(&format!("  {change}: {}\n", then.join("; ")));
        } else {
            out.push_str(&format!("  {change}：{}\n", then.join("；")));
        }
    }
}

/// The what-ifs as a JSON array.
pub fn json(prog: &Program, d: &Decision, list: &[WhatIf]) -> serde_json::Value {
    use serde_json::json;
    let list: Vec<serde_json::Value> = list
        .iter()
        .map(|w| {
            let then: Vec<serde_json::Value> = w
                .outcomes
                .iter()
                .map(|o| {
                    let (e, member) = entry(prog, o);
                    json!({
                        "key": e.key,
                        "member": member.map(|(l, i)| d.member_name(prog, l, i).into_owned()),
                        "from": plain::value(prog, d, e.ty, e.cite, o.from),
                        "to": plain::value(prog, d, e.ty, e.cite, o.to),
                        "articles": o.provisions.iter().map(|p| prog.provisions[*p as usize].id.clone()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "if": {
                    "fact": w.change.fact,
                    "member": w.change.member.map(|m| m.1),
                    "from": plain::case_value(prog, w.change.from),
                    "to": plain::case_value(prog, w.change.to),
                },
                "then": then,
            })
        })
        .collect();
    serde_json::Value::Array(list)
}
