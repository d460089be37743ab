//! `zeren diff`: the cases two policy sets decide differently, key by key, and a summary table;
//! for people and as JSON.

use super::cite::cite;
use super::{Lang, words};
use crate::analyze::diff::{KeySummary, Report};
use crate::program::{OutEntry, Program, Ty};
use serde_json::Value as J;
use serde_json::json;

/// A decision value (as its JSON writes it) in words, for the entry it is a value of.
fn value_words(prog: &Program, e: &OutEntry, v: &J, lang: Lang) -> String {
    let en = lang.en();
    let sym = |id: &str, en_def: u16| -> Option<String> {
        let def = &prog.enums[en_def as usize];
        let i = def.values.iter().position(|s| *prog.sym_id(*s) == *id)?;
        Some(def.value_labels[i].get(en).to_string())
    };
    let provision =
        |id: &str| prog.provisions.iter().position(|p| p.id == id).map(|p| cite(prog, p as u16, lang));
    match (v, e.ty) {
        (J::Null, _) => (if en { "none" } else { "无" }).into(),
        (J::Bool(b), _) => words::value(prog, None, crate::program::ir::Value::Bool(*b), lang),
        (J::String(s), Ty::Enum(x)) => sym(s, x).unwrap_or_else(|| s.clone()),
        (J::String(s), Ty::Provision) => provision(s).unwrap_or_else(|| s.clone()),
        (J::Array(xs), _) if xs.is_empty() => (if en { "none" } else { "无" }).into(),
        (J::Array(xs), Ty::SetOfEnum(x)) => {
            let items: Vec<String> =
                xs.iter().filter_map(J::as_str).map(|s| sym(s, x).unwrap_or_else(|| s.into())).collect();
            items.join(if en { ", " } else { "、" })
        }
        (J::Array(xs), Ty::SetOfProvision) => {
            let items: Vec<String> =
                xs.iter().filter_map(J::as_str).map(|s| provision(s).unwrap_or_else(|| s.into())).collect();
            items.join(if en { ", " } else { "、" })
        }
        (J::Object(o), _) => {
            // A provision among the values is their citation.
            let shown = |provisions: bool| -> Vec<String> {
                e.fields
                    .iter()
                    .filter(|f| (f.ty == Ty::Provision) == provisions)
                    .filter_map(|f| {
                        o.get(&f.key).filter(|x| !x.is_null()).map(|x| value_words(prog, f, x, lang))
                    })
                    .collect()
            };
            let (parts, cited) = (shown(false), shown(true));
            let mut v = parts.join(if en { ", " } else { "，" });
            if !cited.is_empty() {
                v += &if en {
                    format!(" ({})", cited.join(", "))
                } else {
                    format!("（{}）", cited.join("、"))
                };
            }
            v
        }
        (J::String(s), _) => s.clone(),
        (other, _) => other.to_string(),
    }
}

/// One key that changed, in words: 「责任追究方式：通报 → 诫勉」, or for a list, each member's field
/// that changed: 「刘建华的追究方式：通报 → 诫勉」.
fn change_words(prog: &Program, key: &str, before: &J, after: &J, lang: Lang) -> Vec<String> {
    let en = lang.en();
    let sep = if en { ": " } else { "：" };
    let Some(e) = prog.decision.iter().find(|x| x.key == key) else {
        return vec![format!("{key}{sep}{before} → {after}")];
    };
    if let (Some(_), J::Array(a), J::Array(b)) = (e.list, before, after) {
        let mut out = vec![];
        for i in 0..a.len().max(b.len()) {
            let (x, y) = (a.get(i).unwrap_or(&J::Null), b.get(i).unwrap_or(&J::Null));
            let name = y
                .get("name")
                .or_else(|| x.get("name"))
                .and_then(J::as_str)
                .map_or_else(|| (i + 1).to_string(), str::to_string);
            for f in &e.fields {
                let (u, v) = (x.get(&f.key).unwrap_or(&J::Null), y.get(&f.key).unwrap_or(&J::Null));
                if u != v {
                    let label = f.labels.get(en);
                    let who = if en { format!("{name}'s {label}") } else { format!("{name}的{label}") };
                    out.push(format!(
                        "{who}{sep}{} → {}",
                        value_words(prog, f, u, lang),
                        value_words(prog, f, v, lang)
                    ));
                }
            }
        }
        return out;
    }
    vec![format!(
        "{}{sep}{} → {}",
        e.labels.get(en),
        value_words(prog, e, before, lang),
        value_words(prog, e, after, lang)
    )]
}

/// The report for people. With explanations, both decisions of each case follow its changes.
pub fn text(report: &Report, table: &[KeySummary], before: &Program, after: &Program, lang: Lang) -> String {
    let en = lang.en();
    let mut out = String::new();
    for d in &report.diffs {
        let id = d.case.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        out += &format!("{}#{}{id}\n", d.file, d.index);
        for c in &d.changes {
            for line in change_words(after, &c.key, &c.before, &c.after, lang) {
                out += &format!("  {line}\n");
            }
        }
        if let Some(both) = &d.decisions {
            let (mut l, mut r) = (String::new(), String::new());
            super::human::decision(&mut l, before, &both.0, true);
            super::human::decision(&mut r, after, &both.1, true);
            let (b, a) = if en { ("before", "after") } else { ("之前", "之后") };
            out += &format!("  ── {b} ──\n{l}  ── {a} ──\n{r}\n");
        }
    }
    for e in &report.errors {
        out += &if en {
            format!("not compared: {} (cannot be decided {}: {})\n", e.file, e.side, e.problem)
        } else {
            let side = match e.side {
                "before" => "之前",
                "after" => "之后",
                _ => "两侧",
            };
            format!("未比较：{}（{side}无法判定：{}）\n", e.file, e.problem)
        };
    }
    if !report.unread.is_empty() {
        let names: Vec<String> = report
            .unread
            .iter()
            .map(|u| {
                let path = u.split(':').next().unwrap_or(u);
                words::path(after, path).map_or_else(|| u.clone(), |(l, _)| l.get(en).to_string())
            })
            .collect();
        out += &if en {
            format!(
                "not read before (only the added layers know them; left out when deciding before): {}\n",
                names.join(", ")
            )
        } else {
            format!("之前未读取（仅新增的实施细则规定，之前判定时略去）：{}\n", names.join("、"))
        };
    }
    out += &if en {
        format!("\n{} cases, {} decided differently\n", report.cases, report.diffs.len())
    } else {
        format!("\n共{}个案件，{}个判定不同\n", report.cases, report.diffs.len())
    };
    if !table.is_empty() {
        let (k, c, u, d) =
            if en { ("key", "changed", "up", "down") } else { ("项目", "变化", "加重", "减轻") };
        out += &format!("{k:<20} {c:>8} {u:>6} {d:>6}\n");
        for s in table {
            let label =
                after.decision.iter().find(|x| x.key == s.key).map_or(s.key.as_str(), |x| x.labels.get(en));
            out += &format!("{:<20} {:>8} {:>6} {:>6}\n", label, s.changed, s.up, s.down);
        }
    }
    out
}

/// The report as JSON.
pub fn json(report: &Report, table: &[KeySummary]) -> serde_json::Value {
    json!({
        "cases": report.cases,
        "differ": report.diffs.len(),
        "summary": table.iter().map(|s| json!({"key": s.key, "changed": s.changed, "up": s.up, "down": s.down})).collect::<Vec<_>>(),
        "diffs": report.diffs.iter().map(|d| json!({
            "file": d.file, "index": d.index, "case": d.case,
            "changes": d.changes.iter().map(|c| json!({"key": c.key, "before": c.before, "after": c.after})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "errors": report.errors.iter().map(|e| json!({"file": e.file, "side": e.side, "error": e.problem})).collect::<Vec<_>>(),
        "unread": report.unread,
    })
}
