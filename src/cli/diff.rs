//! `zeren diff`: the same cases under two policy sets (the base and the base with more layers;
//! or two versions of a set, the first perhaps from a git revision), the cases decided
//! differently with the provisions that caused it, and a summary table.

use super::{out, outln};
use crate::analyze::diff::{diff, summary};
use crate::render;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn case_files(paths: &[PathBuf]) -> Vec<PathBuf> {
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

/// The two sets compared.
pub enum Sides<'a> {
    /// The base layers, and the base with more.
    Added { base: &'a [PathBuf], with: &'a [PathBuf] },
    /// Two complete sets of layers (the old and new file of one layer, two folders); the first
    /// as a git revision has it, where one is named.
    Versions { before: &'a [PathBuf], after: &'a [PathBuf], rev: Option<&'a str> },
}

/// How the report is written.
pub struct Shown {
    pub explain: bool,
    pub format: super::DiffFormat,
    pub lang: crate::lang::Lang,
    pub fail_on_change: bool,
}

/// The engine of a set read from git.
fn engine_at(rev: &str, paths: &[PathBuf]) -> Result<crate::Engine, ExitCode> {
    let sources = super::git::policies_at(rev, paths).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })?;
    crate::Engine::load(sources).map_err(|e| {
        for p in e.problems {
            super::report(&p);
        }
        ExitCode::from(1)
    })
}

pub fn run(cases: &[PathBuf], sides: Sides, region: Option<&str>, shown: Shown) -> ExitCode {
    let engines = match sides {
        Sides::Added { base, with } => {
            let both: Vec<PathBuf> = base.iter().chain(with).cloned().collect();
            super::engine(base).and_then(|b| Ok((b, super::engine(&both)?)))
        }
        Sides::Versions { before, after, rev } => {
            let before = if before.is_empty() { after } else { before };
            let b = match rev {
                Some(r) => engine_at(r, before),
                None => super::engine(before),
            };
            b.and_then(|b| Ok((b, super::engine(after)?)))
        }
    };
    let (before, after) = match engines {
        Ok(x) => x,
        Err(code) => return code,
    };
    let files = case_files(cases);
    let report = diff((&before).into(), (&after).into(), &files, region, shown.explain);
    let table = summary(&report, &after.program);
    match shown.format {
        super::DiffFormat::Json => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&render::diff::json(&report, &table)).unwrap_or_default()
            )
        }
        super::DiffFormat::Markdown => {
            out!("{}", render::diff::markdown(&report, &table, &before.program, &after.program, shown.lang))
        }
        super::DiffFormat::Human => {
            out!("{}", render::diff::text(&report, &table, &before.program, &after.program, shown.lang))
        }
    }
    if shown.fail_on_change && (!report.diffs.is_empty() || !report.errors.is_empty()) {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
