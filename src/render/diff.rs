//! `zeren diff`: the cases two policy sets decide differently, key by key, and a summary table;
//! for people and as JSON.

use crate::analyze::diff::{KeySummary, Report};
use crate::program::Program;
use serde_json::json;

/// The report for people. With explanations, both decisions of each case follow its changes.
pub fn text(report: &Report, table: &[KeySummary], before: &Program, after: &Program) -> String {
    let mut out = String::new();
    for d in &report.diffs {
        let id = d.case.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        out += &format!("{}#{}{id}\n", d.file, d.index);
        for c in &d.changes {
            out += &format!("  {}: {} → {}\n", c.key, c.before, c.after);
        }
        if let Some(both) = &d.decisions {
            let (mut l, mut r) = (String::new(), String::new());
            super::human::decision(&mut l, before, &both.0, true);
            super::human::decision(&mut r, after, &both.1, true);
            out += &format!("  ── before ──\n{l}  ── after ──\n{r}\n");
        }
    }
    for e in &report.errors {
        out += &format!("not compared: {} (cannot be decided {}: {})\n", e.file, e.side, e.problem);
    }
    if !report.unread.is_empty() {
        out += &format!(
            "not read before (the base set does not know them; left out when deciding before): {}\n",
            report.unread.join(", ")
        );
    }
    out += &format!("\n{} cases, {} decided differently\n", report.cases, report.diffs.len());
    if !table.is_empty() {
        out += &format!("{:<20} {:>8} {:>6} {:>6}\n", "key", "changed", "up", "down");
        for s in table {
            out += &format!("{:<20} {:>8} {:>6} {:>6}\n", s.key, s.changed, s.up, s.down);
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
