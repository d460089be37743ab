//! The `zeren` binary on broken inputs: the diagnostic on stderr, exit status 1, nothing on
//! stdout; and on good ones, exit status 0.

use std::process::Command;

fn zeren(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn files(dir: &str, ext: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

fn expected(path: &str) -> String {
    let text = std::fs::read_to_string(path).expect("readable");
    text.lines()
        .next()
        .and_then(|l| l.split("expect:").nth(1))
        .map(|c| c.trim().to_string())
        .expect("expect line")
}

#[test]
fn broken_case_files_exit_1_with_nothing_on_stdout() {
    let all = files("tests/diagnostics/cases", "yaml");
    assert!(all.len() >= 10);
    for f in all {
        let out = zeren(&["eval", "--format", "json", &f]);
        assert_eq!(out.status.code(), Some(1), "{f}");
        assert!(out.stdout.is_empty(), "{f} printed on stdout");
        assert!(String::from_utf8_lossy(&out.stderr).contains(&expected(&f)), "{f}");
    }
}

#[test]
fn broken_policy_files_exit_1_with_nothing_on_stdout() {
    let all = files("tests/diagnostics/policies", "policy");
    assert!(all.len() >= 15);
    for f in all {
        let code = expected(&f);
        let out = zeren(&["check", &f]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&code), "{f}: {stderr}");
        if code == "zeren::check::unused" {
            // A warning: the policy still checks, and check says what it checked.
            assert_eq!(out.status.code(), Some(0), "{f}");
            continue;
        }
        assert_eq!(out.status.code(), Some(1), "{f}");
        assert!(out.stdout.is_empty(), "{f} printed on stdout");
    }
}

#[test]
fn a_good_case_exits_0_and_a_usage_error_2() {
    let out = zeren(&["eval", "examples/cases/minor-minor-notification.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("第十三条"));
    assert_eq!(zeren(&["eval", "--format", "xml", "x.yaml"]).status.code(), Some(2));
}

#[test]
fn check_reports_what_it_checked() {
    let out = zeren(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("19 articles"), "{stdout}");
    assert!(out.stderr.is_empty(), "no warnings on the national measures");
}
