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
        // `# layer: NAME` decides the fixture with that sample layer loaded.
        let text = std::fs::read_to_string(&f).expect("readable");
        let layer = text.lines().find_map(|l| l.strip_prefix("# layer:")).map(str::trim);
        let policy = layer.map(|l| format!("policies/regions/{l}.policy"));
        let mut args = vec!["eval", "--format", "json"];
        if let Some(p) = &policy {
            args.extend(["--policy", p.as_str()]);
        }
        args.push(&f);
        let out = zeren(&args);
        assert_eq!(out.status.code(), Some(1), "{f}");
        assert!(out.stdout.is_empty(), "{f} printed on stdout");
        assert!(String::from_utf8_lossy(&out.stderr).contains(&expected(&f)), "{f}");
    }
}

#[test]
fn broken_policy_files_exit_1_with_nothing_on_stdout() {
    let mut all = files("tests/diagnostics/policies", "policy");
    assert!(all.len() >= 15);
    // Folders of files checked together (several layers); `a.policy` says what they expect.
    for e in std::fs::read_dir("tests/diagnostics/policies").expect("fixture folder").flatten() {
        if e.path().is_dir() {
            all.push(e.path().display().to_string());
        }
    }
    for f in all {
        let code = if f.ends_with(".policy") { expected(&f) } else { expected(&format!("{f}/a.policy")) };
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
    // A region no loaded layer declares is a usage error, and decides nothing.
    let out = zeren(&["eval", "--region", "nowhere", "examples/cases/minor-minor-notification.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn check_reports_what_it_checked() {
    let out = zeren(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("19 articles"), "{stdout}");
    assert!(out.stderr.is_empty(), "no warnings on the national measures");
}
