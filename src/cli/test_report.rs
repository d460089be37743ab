//! `zeren test --format json|junit`: the outcome of every scenario for machines — JSON (each
//! scenario's file, name, result, differences, diagnostics and time; the coverage), or JUnit XML
//! for CI systems (a suite a scenario file, a test case a scenario), written with quick-junit.

use crate::scenario::Report;
use serde_json::{Value as J, json};

fn diagnostics(errors: &[miette::Report]) -> Vec<J> {
    errors.iter().flat_map(|e| crate::diagnostic::json::problems(e.as_ref())).collect()
}

/// The report as JSON.
pub fn json(report: &Report, below: bool) -> J {
    let scenarios: Vec<J> = report
        .outcomes
        .iter()
        .map(|o| {
            json!({
                "file": o.file,
                "name": o.name,
                "passed": o.passed(),
                "failures": o.failures,
                "errors": diagnostics(&o.errors),
                "exercised": o.exercised,
                "seconds": o.seconds,
            })
        })
        .collect();
    let file_errors: Vec<J> =
        report.file_errors.iter().map(|(f, e)| json!({"file": f, "errors": diagnostics(e)})).collect();
    let items: Vec<J> = report
        .coverage
        .items
        .iter()
        .map(|i| json!({"layer": i.layer, "kind": format!("{:?}", i.kind).to_lowercase(), "id": i.id, "covered": i.covered}))
        .collect();
    json!({
        "passed": report.passed(),
        "failed": report.failed(),
        "scenarios": scenarios,
        "file_errors": file_errors,
        "coverage": {"percent": report.coverage.percent(), "below_minimum": below, "items": items},
    })
}

/// The report as JUnit XML.
pub fn junit(report: &Report) -> String {
    use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};
    let mut out = Junit::new("zeren test");
    let mut files: Vec<&str> = vec![];
    for o in &report.outcomes {
        if !files.contains(&o.file.as_str()) {
            files.push(&o.file);
        }
    }
    for file in files {
        let mut suite = TestSuite::new(file);
        for o in report.outcomes.iter().filter(|o| o.file == file) {
            let status = if o.passed() {
                TestCaseStatus::success()
            } else {
                let kind = if o.errors.is_empty() { NonSuccessKind::Failure } else { NonSuccessKind::Error };
                let mut s = TestCaseStatus::non_success(kind);
                let mut text: Vec<String> = o.failures.clone();
                text.extend(diagnostics(&o.errors).iter().map(|d| {
                    format!(
                        "{}: {} ({}:{}:{})",
                        d["code"].as_str().unwrap_or(""),
                        d["message"].as_str().unwrap_or(""),
                        d["file"].as_str().unwrap_or(""),
                        d["line"],
                        d["column"]
                    )
                }));
                s.set_message(if o.errors.is_empty() {
                    "the decision differs from the scenario"
                } else {
                    "the scenario could not run"
                });
                s.set_description(text.join("\n"));
                s
            };
            let mut case = TestCase::new(o.name.as_str(), status);
            case.set_classname(file);
            case.set_time(std::time::Duration::from_secs_f64(o.seconds));
            suite.add_test_case(case);
        }
        out.add_test_suite(suite);
    }
    for (file, errors) in &report.file_errors {
        let mut suite = TestSuite::new(file.as_str());
        let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
        s.set_message("not a scenario file");
        s.set_description(
            diagnostics(errors)
                .iter()
                .map(|d| d["message"].as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        let mut case = TestCase::new(file.as_str(), s);
        case.set_classname(file.as_str());
        suite.add_test_case(case);
        out.add_test_suite(suite);
    }
    out.to_string().unwrap_or_default()
}
