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

#[test]
fn a_layer_loaded_with_policy_decides_the_region_given_with_region() {
    // The case names no region; `--region` picks the sample province's layer.
    let case = "conduct_date: 2018-03-01\nunit: {kind: administrative_organ}\nresponsibility: collective\n\
                harm: minor\nimpact: minor\nretaliated_against_petitioner: true\npeople:\n  - role: principal_leader\n";
    let dir = std::env::temp_dir().join(format!("zeren-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("case.yaml");
    std::fs::write(&path, case).expect("write case");
    let p = path.display().to_string();
    let layer = "policies/regions/sample-province.policy";
    let out = zeren(&["eval", "--format", "json", "--policy", layer, "--region", "sample_province", &p]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["layers"], serde_json::json!(["national-2016", "sample-province-2017"]));
    assert_eq!(json["circumstances"], serde_json::json!(["sample-province-2017:2.1.1"]));
    // Minor/minor gives notification (13); retaliation moves it one step up (5.1).
    assert_eq!(json["rung"], "admonishment");
    // Without `--region` the layer does not decide the case, and the layer's fact is refused.
    let out = zeren(&["eval", "--format", "json", "--policy", layer, &p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("zeren::case::layer_not_applicable"));
}

#[test]
fn zeren_test_reports_differences_and_coverage() {
    let dir = std::env::temp_dir().join(format!("zeren-scenarios-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    // A broken expectation: a readable difference, the closing line, exit 1.
    let broken = dir.join("broken.yaml");
    std::fs::write(
        &broken,
        "name: wrong rung\ncase: examples/cases/minor-minor-notification.yaml\nexpect:\n  rung: admonishment\n",
    )
    .expect("write");
    let out = zeren(&["test", broken.to_str().expect("path")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("rung: expected admonishment, decided notification"), "{stdout}");
    assert!(stdout.trim_end().ends_with("0 passed, 1 failed"), "{stdout}");
    // The national scenarios cover the national measures; without the one for 17.2 they do not,
    // and --coverage-min names what is left uncovered.
    let out = zeren(&["test", "tests/scenarios/national", "--coverage-min", "100"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let some = dir.join("some");
    std::fs::create_dir_all(&some).expect("dir");
    for f in files("tests/scenarios/national", "yaml") {
        if !f.ends_with("military-article-17-2.yaml") {
            let name = std::path::Path::new(&f).file_name().expect("name");
            std::fs::copy(&f, some.join(name)).expect("copy");
        }
    }
    let out = zeren(&["test", some.to_str().expect("path"), "--coverage-min", "100"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("not covered: 17.2"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_continues_the_national_measures_is_refused_beside_them() {
    // It would escape the checks every layer gets (issuer, fixed points).
    let dir = std::env::temp_dir().join(format!("zeren-partof-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("sneaky.policy");
    std::fs::write(&path, "part of national-2016\n\narticle 20 \"x\" {\n  text_only \"x\"\n}\n")
        .expect("write");
    let out = zeren(&["check", path.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loaded as a layer"));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_policy_file_given_as_a_case_is_told_to_use_policy() {
    // Issue 11, item 9: `zeren eval LAYER.policy` said the file was not valid YAML.
    let out = zeren(&["eval", "policies/regions/sample-cmc.policy"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is a policy file, not a case"), "{stderr}");
    assert!(stderr.contains("--policy policies/regions/sample-cmc.policy"), "{stderr}");
    assert!(out.stdout.is_empty());
    // `check` takes layers with `--policy` too, as `eval`, `analyze` and `diff` do.
    let out = zeren(&["check", "--policy", "policies/regions/sample-cmc.policy"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("with layer sample-cmc-2017"));
}

#[test]
fn coverage_of_one_layer() {
    // Issue 11, item 11: the national measures counted into a layer author's percentage (82.6%
    // for the fully covered sample province).
    let args = [
        "test",
        "--layer",
        "sample-province-2017",
        "--coverage-min",
        "100",
        "tests/scenarios/sample-province",
    ];
    let out = zeren(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("sample-province-2017: provisions 14/14"), "{stdout}");
    assert!(!stdout.contains("national-2016:"), "{stdout}");
    let out = zeren(&["test", "--layer", "nowhere-2020", "tests/scenarios/sample-province"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sample-province-2017"));
}
