//! What-ifs (`--what-if`) for people and as JSON: each change of one fact that changes the
//! outcome, what it changes to, and the provisions that would decide it.

use super::cite::cite;
use super::{Lang, show};
use crate::analyze::whatif::{WhatIf, what_ifs};
use crate::compile::Plan;
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::program::{Cite, Program};

fn fact_name(w: &WhatIf) -> String {
    match &w.change.member {
        Some((_, who)) => format!("{} [{who}]", w.change.fact),
        None => w.change.fact.clone(),
    }
}

/// `假如…` / `If … were …` lines.
pub fn human(out: &mut String, prog: &Program, plan: &Plan, f: &Frame, lang: Lang) {
    let en = lang.en();
    let list = what_ifs(prog, plan, f);
    out.push_str(if en { "What if:\n" } else { "假如：\n" });
    if list.is_empty() {
        out.push_str(if en {
            "  no change of one fact changes the outcome\n"
        } else {
            "  改变任何一项事实都不改变结果\n"
        });
    }
    for w in &list {
        let to = show(prog, f, w.change.ty, Cite::None, w.change.to, lang);
        let then: Vec<String> = w
            .outcomes
            .iter()
            .map(|o| {
                let who = o.member.as_ref().map(|(_, n)| format!("{n} ")).unwrap_or_default();
                let v = show(prog, f, o.entry.ty, o.entry.cite, o.to, lang);
                let ps: Vec<String> = o.provisions.iter().map(|p| cite(prog, *p, lang)).collect();
                let by = match (ps.is_empty(), en) {
                    (true, _) => String::new(),
                    (false, true) => format!(" ({})", ps.join(", ")),
                    (false, false) => format!("（{}）", ps.join("、")),
                };
                if en {
                    format!("{who}{} would be {v}{by}", o.entry.labels.get(true))
                } else {
                    format!("{who}{}为{v}{by}", o.entry.labels.get(false))
                }
            })
            .collect();
        if en {
            out.push_str(&format!("  if {} were {to}: {}\n", fact_name(w), then.join("; ")));
        } else {
            out.push_str(&format!("  假如 {} 为 {to}：{}\n", fact_name(w), then.join("；")));
        }
    }
}

fn value_id(prog: &Program, v: Value, decision: bool) -> serde_json::Value {
    match v {
        // A case file names values plainly; a decision cites a layer's values as `LAYER:value`.
        Value::Sym(s) if decision => serde_json::Value::String(prog.sym_id(s).into_owned()),
        other => crate::analyze::case_value(prog, other),
    }
}

/// The what-ifs as a JSON array.
pub fn json(prog: &Program, plan: &Plan, f: &Frame) -> serde_json::Value {
    use serde_json::json;
    let list: Vec<serde_json::Value> = what_ifs(prog, plan, f)
        .iter()
        .map(|w| {
            let then: Vec<serde_json::Value> = w
                .outcomes
                .iter()
                .map(|o| {
                    json!({
                        "key": o.key,
                        "member": o.member.as_ref().map(|m| m.1.clone()),
                        "from": value_id(prog, o.from, true),
                        "to": value_id(prog, o.to, true),
                        "articles": o.provisions.iter().map(|p| prog.provisions[*p as usize].id.clone()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "if": {
                    "fact": w.change.fact,
                    "member": w.change.member.as_ref().map(|m| m.0),
                    "from": value_id(prog, w.change.from, false),
                    "to": value_id(prog, w.change.to, false),
                },
                "then": then,
            })
        })
        .collect();
    serde_json::Value::Array(list)
}
