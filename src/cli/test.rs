//! `zeren test`: run scenario files, print each failure with a readable difference, then
//! `N passed, N failed`; with `--coverage`, what no scenario exercised.

use super::{out, outln};
use crate::scenario;
use std::path::PathBuf;
use std::process::ExitCode;

/// How `zeren test` reports.
pub struct Asked<'a> {
    pub coverage: bool,
    pub min: Option<f64>,
    pub layer: Option<&'a str>,
    pub filter: Option<&'a str>,
    pub verbose: bool,
    pub format: super::TestFormat,
}

pub fn run(paths: &[PathBuf], asked: Asked) -> ExitCode {
    let Asked { coverage, min, layer, filter, verbose, format } = asked;
    let paths = if paths.is_empty() { vec![PathBuf::from("tests/scenarios")] } else { paths.to_vec() };
    if let Some(p) = paths.iter().find(|p| !p.exists()) {
        eprintln!("error: no such file or folder: {}", p.display());
        return ExitCode::from(2);
    }
    let mut report = scenario::run_matching(&paths, filter);
    if let Some(id) = layer {
        if !report.coverage.items.iter().any(|i| i.layer == id) {
            let mut ids: Vec<&str> = vec![];
            for i in &report.coverage.items {
                if !ids.contains(&i.layer.as_str()) {
                    ids.push(&i.layer);
                }
            }
            eprintln!(
                "error: no scenario runs on layer `{id}`; the layers the scenarios load are: {}",
                ids.join(", ")
            );
            return ExitCode::from(2);
        }
        report.coverage.items.retain(|i| i.layer == id);
    }
    let below = min.is_some_and(|m| report.coverage.percent() + 1e-9 < m);
    let failed = report.failed() > 0 || below;
    let code = if failed { ExitCode::from(1) } else { ExitCode::SUCCESS };
    match format {
        super::TestFormat::Json => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&super::test_report::json(&report, below)).unwrap_or_default()
            );
            return code;
        }
        super::TestFormat::Junit => {
            out!("{}", super::test_report::junit(&report));
            return code;
        }
        super::TestFormat::Human => {}
    }
    if verbose {
        for o in &report.outcomes {
            outln!(
                "{} {} — {} ({:.1} ms)",
                if o.passed() { "ok  " } else { "FAIL" },
                o.file,
                o.name,
                o.seconds * 1e3
            );
        }
    }
    for (file, errs) in &report.file_errors {
        outln!("FAIL {file}: not a scenario file (see the diagnostics)");
        for e in errs {
            super::report(e.as_ref());
        }
    }
    for o in report.outcomes.iter().filter(|o| !o.passed()) {
        outln!("FAIL {} — {}", o.file, o.name);
        for f in &o.failures {
            outln!("  {f}");
        }
        match (o.errors.len(), o.failures.is_empty()) {
            (0, _) => {}
            (n, true) => outln!("  not run: {n} problem(s) in the scenario (diagnostics on stderr)"),
            (n, false) => outln!("  and {n} problem(s) in the scenario (diagnostics on stderr)"),
        }
        for e in &o.errors {
            super::report(e.as_ref());
        }
    }
    if coverage || min.is_some() || layer.is_some() {
        out!("{}", report.coverage.render());
    }
    outln!("{} passed, {} failed", report.passed(), report.failed());
    if below {
        outln!(
            "coverage {:.1}% is below the minimum {}%",
            report.coverage.percent(),
            min.unwrap_or_default()
        );
    }
    code
}
