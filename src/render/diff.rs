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
        return vec![format!(
            "{}{sep}{} → {}",
            record_label(key, en),
            record_words(before, en),
            record_words(after, en)
        )];
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
            // A value read within its set (`within`) is said with it, when the set changes too.
            let held = |row: &J, f: &OutEntry| {
                let set = f.within.and_then(|j| e.fields.get(j as usize));
                match (set.and_then(|s| row.get(&s.key)), row.get(&f.key).unwrap_or(&J::Null)) {
                    (Some(J::Array(_) | J::Null), J::Null) => true,
                    (Some(J::Array(a)), v) => a.contains(v),
                    _ => false,
                }
            };
            let set_changed = |f: &OutEntry| {
                f.within
                    .and_then(|j| e.fields.get(j as usize))
                    .is_some_and(|s| x.get(&s.key) != y.get(&s.key))
            };
            for f in &e.fields {
                let (u, v) = (x.get(&f.key).unwrap_or(&J::Null), y.get(&f.key).unwrap_or(&J::Null));
                if u != v && !(set_changed(f) && held(x, f) && held(y, f)) {
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

/// What a key of the decision is called: the policy's label, or the record's own word.
fn key_label(prog: &Program, key: &str, en: bool) -> String {
    prog.decision
        .iter()
        .find(|x| x.key == key)
        .map_or_else(|| record_label(key, en), |x| x.labels.get(en).to_string())
}

/// The heads of the summary table's columns.
fn table_words(en: bool) -> [&'static str; 4] {
    if en { ["key", "changed", "up", "down"] } else { ["项目", "变化", "加重", "减轻"] }
}

/// What the keys of a decision's record that are not the policy's own are called.
fn record_label(key: &str, en: bool) -> String {
    let (zh, e) = match key {
        "layers" => ("作出决定所依据的规范", "the rules that decided it"),
        "notes" => ("说明", "notes"),
        "findings" => ("认定的情形", "findings"),
        _ => return key.to_string(),
    };
    (if en { e } else { zh }).to_string()
}

/// A value of such a key in words: a list's items joined, a finding by its text.
fn record_words(v: &J, en: bool) -> String {
    match v {
        J::Null => (if en { "none" } else { "无" }).into(),
        J::Array(xs) if xs.is_empty() => (if en { "none" } else { "无" }).into(),
        J::Array(xs) => {
            let items: Vec<String> = xs
                .iter()
                .map(|x| match x {
                    J::String(s) => s.clone(),
                    J::Object(o) => {
                        o.get("text").and_then(J::as_str).map_or_else(|| x.to_string(), str::to_string)
                    }
                    other => other.to_string(),
                })
                .collect();
            items.join(if en { "; " } else { "；" })
        }
        J::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The provisions that decided a case on one side only, cited: what caused the change.
fn provision_lines(prog: [&Program; 2], provisions: &[Vec<String>; 2], lang: Lang) -> Vec<String> {
    let en = lang.en();
    let cite_all = |p: &Program, ids: &[String]| -> String {
        let items: Vec<String> = ids
            .iter()
            .map(|id| {
                p.provisions
                    .iter()
                    .position(|x| x.id == *id)
                    .map_or_else(|| id.clone(), |i| cite(p, i as u16, lang))
            })
            .collect();
        items.join(if en { ", " } else { "、" })
    };
    let mut out = vec![];
    if !provisions[0].is_empty() {
        let words = if en { "decided by before only" } else { "之前据以决定、之后不再适用" };
        out.push(format!("{words}{}{}", if en { ": " } else { "：" }, cite_all(prog[0], &provisions[0])));
    }
    if !provisions[1].is_empty() {
        let words = if en { "decided by after only" } else { "之后新适用" };
        out.push(format!("{words}{}{}", if en { ": " } else { "：" }, cite_all(prog[1], &provisions[1])));
    }
    out
}

/// The report as Markdown, for a pull request's comment: the count, the summary table, and each
/// case decided differently with what changed and the provisions that caused it.
pub fn markdown(
    report: &Report,
    table: &[KeySummary],
    before: &Program,
    after: &Program,
    lang: Lang,
) -> String {
    let en = lang.en();
    let mut out = if en {
        format!("### zeren: {} of {} cases decided differently\n\n", report.diffs.len(), report.cases)
    } else {
        format!("### zeren：{}个案件中{}个判定不同\n\n", report.cases, report.diffs.len())
    };
    if !table.is_empty() {
        let [k, c, u, d] = table_words(en);
        out += &format!("| {k} | {c} | {u} | {d} |\n| --- | ---: | ---: | ---: |\n");
        for s in table {
            let label = key_label(after, &s.key, en);
            out += &format!("| {label} | {} | {} | {} |\n", s.changed, s.up, s.down);
        }
        out += "\n";
    }
    for d in &report.diffs {
        let id = d.case.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        out += &format!("- **`{}`#{}**{id}\n", d.file, d.index);
        for c in &d.changes {
            for line in change_words(after, &c.key, &c.before, &c.after, lang) {
                out += &format!("  - {line}\n");
            }
        }
        for line in provision_lines([before, after], &d.provisions, lang) {
            out += &format!("  - {line}\n");
        }
    }
    for e in &report.errors {
        out += &if en {
            format!("- not compared: `{}` ({})\n", e.file, e.problem)
        } else {
            format!("- 未比较：`{}`（{}）\n", e.file, e.problem)
        };
    }
    out
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
        for line in provision_lines([before, after], &d.provisions, lang) {
            out += &format!("  {line}\n");
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
        let [k, c, u, d] = table_words(en);
        out += &format!("{k:<20} {c:>8} {u:>6} {d:>6}\n");
        for s in table {
            let label = key_label(after, &s.key, en);
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
            "provisions": {"before_only": d.provisions[0], "after_only": d.provisions[1]},
            "changes": d.changes.iter().map(|c| json!({"key": c.key, "before": c.before, "after": c.after})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "errors": report.errors.iter().map(|e| json!({"file": e.file, "side": e.side, "error": e.problem})).collect::<Vec<_>>(),
        "unread": report.unread,
    })
}
