//! The project's scenario tests (`tests/scenarios/`), run as `zeren test` runs them: every
//! scenario passes, and together they exercise every provision with rules, every exception and
//! every rung of the national measures and of both sample layers.

use std::path::PathBuf;

#[test]
fn every_scenario_passes_with_full_coverage() {
    let report = zeren::scenario::run(&[PathBuf::from("tests/scenarios")]);
    let mut problems = vec![];
    for (file, errs) in &report.file_errors {
        problems.push(format!("{file}: {} problems reading it", errs.len()));
    }
    for o in report.outcomes.iter().filter(|o| !o.passed()) {
        let errs: Vec<String> = o.errors.iter().map(|e| format!("{e:?}")).collect();
        problems.push(format!("{} — {}\n  {}\n{}", o.file, o.name, o.failures.join("\n  "), errs.join("\n")));
    }
    assert!(problems.is_empty(), "{} failed:\n{}", problems.len(), problems.join("\n"));
    assert!(report.outcomes.len() >= 40, "only {} scenarios", report.outcomes.len());
    let uncovered: Vec<String> = report
        .coverage
        .items
        .iter()
        .filter(|i| !i.covered)
        .map(|i| format!("{}: {}", i.layer, i.id))
        .collect();
    assert!(uncovered.is_empty(), "not covered:\n{}", uncovered.join("\n"));
}
