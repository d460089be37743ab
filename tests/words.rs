//! What zeren prints for people is written in words: every example decided with `--explain
//! --what-if`, the gap and conflict analyses, a diff and the articles with their rules, in Chinese with no Latin letters (no
//! fact names, rule ids, layer ids or English tags) and in English with no identifiers.

use std::process::Command;

fn zeren(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "zeren {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn files(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "json"))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

/// Every text meant for a reader, with the command that printed it, in `lang`.
fn outputs(lang: &str) -> Vec<(String, String)> {
    let mut runs: Vec<Vec<String>> = Vec::new();
    for f in files("examples/cases") {
        runs.push(vec!["eval".into(), f, "--explain".into(), "--what-if".into()]);
    }
    for region in ["sample-province", "sample-cmc"] {
        let policy = format!("policies/regions/{region}.policy");
        for f in files(&format!("examples/regions/{region}")) {
            runs.push(vec![
                "eval".into(),
                f,
                "--policy".into(),
                policy.clone(),
                "--explain".into(),
                "--what-if".into(),
            ]);
        }
        let mut diff = vec!["diff".into(), "--with".into(), policy];
        diff.extend(files(&format!("examples/regions/{region}")));
        runs.push(diff);
    }
    runs.push(vec!["analyze".into(), "gaps".into(), "--policy".into(), "policies/regions".into()]);
    runs.push(vec!["analyze".into(), "conflicts".into(), "--policy".into(), "policies/regions".into()]);
    runs.push(vec![
        "analyze".into(),
        "gaps".into(),
        "--policy".into(),
        "tests/analyze/twenty-facts.policy".into(),
    ]);
    runs.push(vec!["articles".into(), "--policy".into(), "policies/regions".into()]);
    runs.into_iter()
        .map(|mut args| {
            args.extend(["--lang".to_string(), lang.to_string()]);
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            (args.join(" "), zeren(&refs))
        })
        .collect()
}

/// Lines that quote the case or name a file, not words of zeren's: the case number, a diff's
/// heading (the file and the case number).
fn quoted(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("案件编号") || line.starts_with("case: ") || line.starts_with("examples/")
}

/// The Latin words of a Chinese text: an identifier, a tag, a layer id.
fn latin_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines().filter(|l| !quoted(l)) {
        let mut word = String::new();
        for c in line.chars().chain(['\n']) {
            if c.is_ascii_alphabetic() || (c == '_' && !word.is_empty()) {
                word.push(c);
            } else {
                if word.len() >= 2 {
                    found.push(format!("{word}  ← {line}"));
                }
                word.clear();
            }
        }
        if line.contains('`') {
            found.push(format!("`  ← {line}"));
        }
    }
    found
}

/// The identifiers of an English text: `snake_case`, `a.b` paths, backticks, `[ids]`.
fn identifiers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines().filter(|l| !quoted(l)) {
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let before = i > 0 && chars[i - 1].is_ascii_lowercase();
            let after = chars.get(i + 1).is_some_and(|c| c.is_ascii_lowercase());
            if (*c == '_' || *c == '.') && before && after || *c == '`' {
                found.push(line.to_string());
                break;
            }
        }
    }
    found
}

#[test]
fn chinese_words_have_no_latin_words() {
    let outs = outputs("zh");
    let mut bad = Vec::new();
    for (cmd, text) in &outs {
        assert!(!text.trim().is_empty(), "zeren {cmd} printed nothing");
        bad.extend(latin_words(text).into_iter().map(|w| format!("zeren {cmd}: {w}")));
    }
    assert!(
        bad.is_empty(),
        "{} Latin word(s) in Chinese output:\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
}

#[test]
fn english_words_have_no_identifiers() {
    let outs = outputs("en");
    let mut bad = Vec::new();
    for (cmd, text) in &outs {
        bad.extend(identifiers(text).into_iter().map(|w| format!("zeren {cmd}: {w}")));
    }
    assert!(
        bad.is_empty(),
        "{} identifier(s) in English output:\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
}

/// The checks themselves catch what they are for.
#[test]
fn the_checks_catch_identifiers() {
    assert_eq!(latin_words("应当追究责任：是\n追责情形：circumstance_11_1_1").len(), 1);
    assert_eq!(latin_words("依据第十四条，诫勉（national-2016）").len(), 1);
    assert!(latin_words("案件编号：2018-jx-0045\n依据第十四条").is_empty());
    assert_eq!(identifiers("accountable: yes\nfound: `harm`").len(), 1);
    assert_eq!(identifiers("the step.measure was notification").len(), 1);
    assert!(identifiers("earlier measures no. 1: Article 14").is_empty());
}
