//! `zeren diff`: the same cases under two policy sets (the base, and the base with more layers),
//! the cases decided differently, and a summary table.

use super::outln;
use crate::analyze::diff::{diff, summary};
use std::path::PathBuf;
use std::process::ExitCode;

fn case_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = vec![];
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> =
                std::fs::read_dir(p).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
            v.retain(|f| f.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"));
            v.sort();
            out.extend(v);
        } else {
            out.push(p.clone());
        }
    }
    out
}

pub fn run(
    cases: &[PathBuf],
    base: &[PathBuf],
    with: &[PathBuf],
    region: Option<&str>,
    explain: bool,
    json: bool,
) -> ExitCode {
    let before = match super::engine(base) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let both: Vec<PathBuf> = base.iter().chain(with).cloned().collect();
    let after = match super::engine(&both) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let files = case_files(cases);
    let report = diff(&before, &after, &files, region, explain);
    let table = summary(&report, &after.program);
    if json {
        let value = serde_json::json!({
            "cases": report.cases,
            "differ": report.diffs.len(),
            "summary": table.iter().map(|(k, n, up, down)| serde_json::json!({"key": k, "changed": n, "up": up, "down": down})).collect::<Vec<_>>(),
            "diffs": report.diffs.iter().map(|d| serde_json::json!({
                "file": d.file, "index": d.index, "case": d.case,
                "changes": d.changes.iter().map(|(k, a, b)| serde_json::json!({"key": k, "before": a, "after": b})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "errors": report.errors.iter().map(|(f, side, e)| serde_json::json!({"file": f, "side": side, "error": e})).collect::<Vec<_>>(),
        });
        outln!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    for d in &report.diffs {
        let id = d.case.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        outln!("{}#{}{id}", d.file, d.index);
        for (k, a, b) in &d.changes {
            outln!("  {k}: {a} → {b}");
        }
        if let Some((l, r)) = &d.explained {
            outln!("  ── before ──\n{l}  ── after ──\n{r}");
        }
    }
    for (f, side, e) in &report.errors {
        outln!("not compared: {f} (cannot be decided {side}: {e})");
    }
    outln!("\n{} cases, {} decided differently", report.cases, report.diffs.len());
    if !table.is_empty() {
        outln!("{:<20} {:>8} {:>6} {:>6}", "key", "changed", "up", "down");
        for (k, n, up, down) in &table {
            outln!("{k:<20} {n:>8} {up:>6} {down:>6}");
        }
    }
    ExitCode::SUCCESS
}
