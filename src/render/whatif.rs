//! What-ifs (`--what-if`) for people and as JSON: each change of one fact that changes the
//! outcome, what it changes to, and the provisions that would decide it.

use super::cite::cite;
use super::show;
use crate::analyze::whatif::{Changed, WhatIf};
use crate::eval::decision::{Decision, Part};
use crate::eval::plain;
use crate::program::{Cite, OutEntry, Program, Ty};

fn fact_name(prog: &Program, d: &Decision, w: &WhatIf) -> String {
    match w.change.member {
        Some((l, i)) => format!("{} [{}]", w.change.fact, d.member_name(prog, l, i)),
        None => w.change.fact.clone(),
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
        let to = show(prog, d, w.change.ty, Cite::None, w.change.to, lang);
        let then: Vec<String> = w
            .outcomes
            .iter()
            .map(|o| {
                let (e, member) = entry(prog, o);
                let who = member.map(|(l, i)| format!("{} ", d.member_name(prog, l, i))).unwrap_or_default();
                let v = show(prog, d, e.ty, e.cite, o.to, lang);
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
        let fact = fact_name(prog, d, w);
        if en {
            out.push_str(&format!("  if {fact} were {to}: {}\n", then.join("; ")));
        } else {
            out.push_str(&format!("  假如 {fact} 为 {to}：{}\n", then.join("；")));
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
