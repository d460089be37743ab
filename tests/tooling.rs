//! The outputs for machines and the helpers for authors: `check --format json`, `test --format
//! json|junit` (the JUnit read back with an XML parser), `test --filter` and `-v`, `fmt --diff`,
//! `schema`, `completions`, and `init` making a layer whose first scenario passes.

use std::process::Command;

fn zeren(args: &[&str]) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_zeren")).args(args).env("NO_COLOR", "1").output().expect("it runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn temp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("zeren-tooling-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("a folder");
    d
}

#[test]
fn check_as_json() {
    let (code, out, _) = zeren(&["check", "--format", "json", "policies/regions/sample-province.policy"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["ok"], true);
    assert_eq!(v["layers"][1]["id"], "sample-province-2017");

    let dir = temp("check");
    let text = std::fs::read_to_string("policies/regions/sample-province.policy").expect("layer");
    let broken = dir.join("broken.policy");
    std::fs::write(&broken, text.replace("harm >= serious", "hram >= serious")).expect("write");
    let (code, out, _) = zeren(&["check", "--format", "json", broken.to_str().expect("a path")]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "zeren::check::unknown_name");
    assert_eq!(d["severity"], "error");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(149), Some(41)));
    assert_eq!(d["help"], "did you mean `harm`?");
    assert!(d["file"].as_str().is_some_and(|f| f.ends_with("broken.policy")));
}

#[test]
fn test_as_json_and_junit_with_a_filter() {
    let (code, out, _) = zeren(&["test", "--format", "json", "--filter", "minor"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let scenarios = v["scenarios"].as_array().expect("scenarios");
    assert!(!scenarios.is_empty());
    assert_eq!(v["passed"].as_u64(), Some(scenarios.len() as u64));
    for s in scenarios {
        let (file, name) = (s["file"].as_str().expect("a file"), s["name"].as_str().expect("a name"));
        assert!(file.contains("minor") || name.contains("minor"), "{name}");
    }

    // A failing scenario, in JUnit, read back by an XML parser.
    let dir = temp("junit");
    // A scenario names its case in its own folder.
    let failing =
        "name: expects the wrong rung\ncase: minor-minor-notification.yaml\nexpect:\n  accountable: false\n";
    std::fs::copy("examples/cases/minor-minor-notification.yaml", dir.join("minor-minor-notification.yaml"))
        .expect("copy");
    std::fs::write(dir.join("wrong.yaml"), failing).expect("write");
    let wrong = dir.join("wrong.yaml");
    let wrong = wrong.to_str().expect("a path");
    let (code, xml, _) = zeren(&["test", "--format", "junit", wrong, "tests/scenarios/national"]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&xml).expect("JUnit XML parses");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let cases: Vec<_> = root.descendants().filter(|n| n.has_tag_name("testcase")).collect();
    let failures: Vec<_> = cases.iter().filter(|c| c.children().any(|x| x.has_tag_name("failure"))).collect();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].attribute("name"), Some("expects the wrong rung"));
    assert_eq!(root.attribute("failures"), Some("1"));
    assert_eq!(root.attribute("errors"), Some("0"));
    assert_eq!(root.attribute("tests").and_then(|t| t.parse::<usize>().ok()), Some(cases.len()));
    for suite in root.children().filter(|n| n.has_tag_name("testsuite")) {
        let n = suite.children().filter(|c| c.has_tag_name("testcase")).count();
        assert_eq!(suite.attribute("tests").and_then(|t| t.parse::<usize>().ok()), Some(n));
    }

    // -v names each scenario and its result.
    let (_, out, _) = zeren(&["test", "-v", wrong]);
    assert!(out.contains("FAIL") && out.contains("expects the wrong rung"), "{out}");
}

#[test]
fn fmt_diff_shows_what_would_change_and_changes_nothing() {
    let dir = temp("fmt");
    let text = std::fs::read_to_string("policies/regions/sample-cmc.policy").expect("layer");
    let messy = text.replacen("\n  issuer", "\n        issuer", 1);
    let file = dir.join("messy.policy");
    std::fs::write(&file, &messy).expect("write");
    let (code, out, _) = zeren(&["fmt", "--diff", file.to_str().expect("a path")]);
    assert_eq!(code, 1);
    assert!(out.contains("-        issuer") && out.contains("+  issuer") && out.contains("@@"), "{out}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), messy, "nothing written");
    let (code, _, _) = zeren(&["fmt", "--diff", "policies/regions/sample-cmc.policy"]);
    assert_eq!(code, 0);
}

#[test]
fn schema_and_completions() {
    let (code, out, _) = zeren(&["schema", "--policy", "policies/regions/sample-province.policy"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(v["properties"]["reception_days"].is_object());
    assert_eq!(v["properties"]["reception_days"]["x-layer"], "sample-province-2017");
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = zeren(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(out.contains("zeren") && out.contains("init"), "{shell}");
    }
}

#[test]
fn init_makes_a_layer_whose_first_scenario_passes() {
    let dir = temp("init");
    let target = dir.join("ex-province-2020");
    let t = target.to_str().expect("a path");
    let (code, out, err) = zeren(&[
        "init",
        "ex-province-2020",
        "--issuer",
        "某省委办公厅（示例）",
        "--kind",
        "province",
        "--effective",
        "2020-01-01",
        "--dir",
        t,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 passed, 0 failed"), "{out}");
    assert_eq!(zeren(&["check", &format!("{t}/ex-province-2020.policy")]).0, 0);
    assert_eq!(zeren(&["test", t]).0, 0);
    assert_eq!(zeren(&["fmt", "--check", t]).0, 0, "in the canonical layout");
    // Again: the folder exists, nothing is overwritten.
    assert_eq!(zeren(&["init", "ex-province-2020", "--issuer", "x", "--kind", "province", "--dir", t]).0, 2);
    // A kind Article 17 does not allow: refused with the checker's diagnostic, nothing written.
    let city = dir.join("city");
    let (code, _, err) = zeren(&[
        "init",
        "some-city-2020",
        "--issuer",
        "某市",
        "--kind",
        "city",
        "--dir",
        city.to_str().expect("a path"),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("zeren::check::issuer"), "{err}");
    assert!(!city.exists());
}
