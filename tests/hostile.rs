//! Hostile inputs, generated here because they are large: each must end quickly with exit
//! status 1 (or 0 where the input is sound) and a bounded output, never crash or hang.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A hang guard only: debug builds on a shared machine are slow.
const TIME: Duration = Duration::from_secs(20);
const OUTPUT: usize = 64 * 1024;

const HEAD: &str = r#"measures t { title "t" "t" }
scale Rung "r" "r" { notification "通报" "notification" admonishment "诫勉" "admonishment" }
fact minor: bool = false "m" "m"
fact n: int = 0 "n" "n"
conclusion rung: Rung max "r" "r"
"#;

/// Runs `zeren ARGS FILE` on a policy made of `body`, checking time and output size.
fn run(name: &str, body: &str, args: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("zeren-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.policy"));
    std::fs::write(&path, format!("{HEAD}{body}\ndecision {{ rung }}\n")).expect("written");
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(args)
        .arg(&path)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let took = start.elapsed();
    assert!(took < TIME, "{name}: took {took:?}");
    assert!(out.stdout.len() + out.stderr.len() < OUTPUT, "{name}: {} bytes of output", out.stderr.len());
    out
}

fn refused(name: &str, body: &str, code: &str) {
    let out = run(name, body, &["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(err.contains(code), "{name}: {err}");
}

fn rule(cond: &str) -> String {
    format!("article 1 \"a\" \"a\" {{ rule r when {cond} then rung = notification }}")
}

#[test]
fn deep_nesting_is_refused_with_the_limit() {
    let too_deep = "zeren::syntax::too_deep";
    refused("parens", &rule(&format!("{}minor{}", "(".repeat(3700), ")".repeat(3700))), too_deep);
    refused("nots", &rule(&format!("{}minor", "not ".repeat(8850))), too_deep);
    let guards = format!(
        "article 1 \"a\" \"a\" {{ {}rule r then rung = notification {}}}",
        "when minor { ".repeat(2000),
        "}".repeat(2001)
    );
    refused("guards", &guards, too_deep);
    let provisions = format!(
        "article 1 \"a\" \"a\" {{ {}rule r when minor then rung = notification {}}}",
        "paragraph 1 \"p\" \"p\" { ".repeat(2000),
        "}".repeat(2001)
    );
    refused("provisions", &provisions, too_deep);
    // One term a line, as an exporter would write them (a long line is another matter).
    refused("ands", &rule(&vec!["minor"; 30_000].join(" and\n")), too_deep);
    refused("pluses", &rule(&format!("{} > 3", vec!["n"; 9339].join(" +\n"))), too_deep);
}

#[test]
fn nesting_within_the_limits_is_checked() {
    // 100 levels of brackets and `not`s, and a chain of 200 operators, are allowed.
    let out = run("parens-ok", &rule(&format!("{}minor{}", "(".repeat(98), ")".repeat(98))), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run("ands-ok", &rule(&vec!["minor"; 200].join(" and ")), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_long_chain_of_definitions_is_checked() {
    let mut body: String = (1..5_000).map(|i| format!("let l{i} = l{}\n", i - 1)).collect();
    body = format!("let l0 = minor\n{body}{}", rule("l4999"));
    let out = run("lets", &body, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // A chain of 100 definitions, each 200 operators deep, reading the next at the bottom.
    let mut body: String =
        (1..100).map(|i| format!("let l{i} = l{}{}\n", i - 1, " and minor".repeat(199))).collect();
    body = format!("let l0 = minor\n{body}{}", rule("l99"));
    let out = run("deep-lets", &body, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_long_cycle_of_definitions_is_named() {
    let mut body: String = (1..5_000).map(|i| format!("let l{i} = l{}\n", i - 1)).collect();
    body = format!("let l0 = l4999\n{body}{}", rule("l4999"));
    refused("let-cycle", &body, "zeren::check::cycle");
}

/// Runs `zeren eval --format json` on a case of the national measures with `unknown` people whose
/// part is unknown and `known` who took part, bounding time and output.
fn unknown_people(unknown: usize, known: usize) -> serde_json::Value {
    let mut case = String::from(
        "case: hostile\nconduct_date: 2019-05-10\nunit:\n  name: 某县人民政府\n  kind: administrative_organ\n\
         responsibility: collective\nharm: unknown\nimpact: major\nconduct:\n  other_dereliction: true\n\
         people:\n  - name: p0\n    role: principal_leader\n",
    );
    for i in 0..unknown {
        case += &format!("  - name: u{i}\n    role: other_member\n    took_part: unknown\n");
    }
    for i in 0..known {
        case += &format!("  - name: k{i}\n    role: other_member\n    took_part: true\n");
    }
    let dir = std::env::temp_dir().join(format!("zeren-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("unknown-{unknown}-{known}.yaml"));
    std::fs::write(&path, case).expect("written");
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(["eval", "--format", "json"])
        .arg(&path)
        .output()
        .expect("the binary runs");
    assert!(start.elapsed() < TIME, "took {:?}", start.elapsed());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.len() < 50_000 * (unknown + known + 1), "{} bytes", out.stdout.len());
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn unknown_facts_of_many_people_decide_within_a_bound() {
    // 32 people: the count of combinations once wrapped to 0 and the decision was null.
    let d = unknown_people(32, 0);
    assert_eq!(d["accountable"], serde_json::json!(true), "{d}");
    let note = d.to_string();
    assert!(note.contains("combinations of answers were tried"), "{note}");
    // 12 among 1,000 others: fewer combinations tried, as said, rather than gigabytes.
    let d = unknown_people(12, 1000);
    assert_eq!(d["accountable"], serde_json::json!(true));
    assert!(d.to_string().contains("only the first 32 of"), "{d}");
}

#[test]
fn a_thousand_conflicting_rules_report_a_bounded_number() {
    let rules: String = (0..1000)
        .map(|i| format!("  rule r{i} when minor then rung = {}\n", ["admonishment", "notification"][i % 2]))
        .collect();
    let body = format!("article 1 \"a\" \"a\" {{\n{rules}}}");
    // A conclusion without `max`: two values are a conflict.
    let head = HEAD.replace("conclusion rung: Rung max", "conclusion unique_rung: Rung");
    let dir = std::env::temp_dir().join(format!("zeren-hostile-{}", std::process::id()));
    let path = dir.join("conflicts-unique.policy");
    std::fs::write(
        &path,
        format!("{head}{}\ndecision {{ unique_rung }}\n", body.replace("rung = ", "unique_rung = ")),
    )
    .expect("written");
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_zeren")).arg("check").arg(&path).output().expect("runs");
    assert!(start.elapsed() < TIME, "took {:?}", start.elapsed());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.len() < OUTPUT, "{} bytes", err.len());
    assert_eq!(err.matches("zeren::check::conflict\n").count(), 20, "{err}");
    assert!(err.contains("zeren::check::conflicts_cut"), "{err}");
}

#[test]
fn cycles_of_exceptions_are_refused_quickly_with_the_cycle_named() {
    for k in [3, 5, 8] {
        let mut body =
            String::from("article 1 \"a\" \"a\" {\n  rule base when minor then rung = notification\n");
        for i in 0..k {
            body += &format!("  exception e{i} to e{} when minor then rung = admonishment\n", (i + 1) % k);
        }
        body += "}";
        for args in [&["check"][..], &["analyze", "conflicts", "--policy"][..]] {
            let out = run(&format!("cycle-{k}"), &body, args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{err}");
            assert!(err.contains("zeren::check::exception_cycle"), "{err}");
            assert!(err.contains("1/e0 → 1/e1 →"), "{err}");
        }
    }
}

#[test]
fn fmt_refuses_a_text_nested_past_the_bound() {
    let dir = std::env::temp_dir().join(format!("zeren-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("braces.policy");
    std::fs::write(&path, "{\n".repeat(60_000)).expect("written");
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_zeren")).arg("fmt").arg(&path).output().expect("runs");
    assert!(start.elapsed() < TIME, "took {:?}", start.elapsed());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("zeren::syntax::too_deep") && err.len() < OUTPUT, "{err}");
}

#[test]
fn a_date_out_of_range_is_absent_never_wrapped() {
    let dir = std::env::temp_dir().join(format!("zeren-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let policy = dir.join("date.policy");
    std::fs::write(
        &policy,
        "measures t { title \"t\" \"t\" }\nfact d: date = 2020-01-01 \"d\" \"d\"\nfact n: int = 0 \"n\" \"n\"\n\
         conclusion late: date \"l\" \"l\"\narticle 1 \"a\" \"a\" {\n  rule r then late = d + n\n}\ndecision { late }\n",
    )
    .expect("written");
    for (n, want) in
        [("9223372036854775807", "null"), ("-9223372036854775808", "null"), ("31", "\"2020-02-01\"")]
    {
        let case = dir.join("date.yaml");
        std::fs::write(&case, format!("d: 2020-01-01\nn: {n}\n")).expect("written");
        let out = Command::new(env!("CARGO_BIN_EXE_zeren"))
            .args(["eval", "--format", "json", "--policy"])
            .arg(&policy)
            .arg(&case)
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(text.contains(&format!("\"late\": {want}")), "{n}: {text}");
    }
}
