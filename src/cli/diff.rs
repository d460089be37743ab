//! `zeren diff`: the same cases under two policy sets (the base, and the base with more layers),
//! the cases decided differently, and a summary table.

use super::{out, outln};
use crate::analyze::diff::{diff, summary};
use crate::render;
use std::path::PathBuf;
use std::process::ExitCode;

fn case_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = vec![];
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> =
                std::fs::read_dir(p).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
            v.retain(|f| f.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"));
            v.retain(|f| crate::source::inside(p, f).is_ok());
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
    lang: crate::lang::Lang,
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
    let report = diff((&before).into(), (&after).into(), &files, region, explain);
    let table = summary(&report, &after.program);
    if json {
        outln!("{}", serde_json::to_string_pretty(&render::diff::json(&report, &table)).unwrap_or_default());
    } else {
        out!("{}", render::diff::text(&report, &table, &before.program, &after.program, lang));
    }
    ExitCode::SUCCESS
}
