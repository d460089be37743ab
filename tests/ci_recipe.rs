//! The CI recipe of `docs/ci.md`, run as a province's pipeline would run it, in a git repository
//! this test makes: a layer, its scenarios and its cases committed, their snapshots accepted;
//! then a threshold of the layer changed. `diff --before-rev` must report exactly the cases the
//! change moves (found here independently, by deciding every case under both versions with
//! `zeren eval`), `snapshot --check` must fail with the differences, and `--accept` make it pass.

use serde_json::Value as J;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_zeren")).parent().expect("a folder").to_path_buf()
}

/// Runs a shell line in the repository, with zeren on the PATH.
fn sh(repo: &Path, line: &str, env: &[(&str, &str)]) -> (i32, String, String) {
    let path = format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(repo)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("sh runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn ok(repo: &Path, line: &str) -> String {
    let (code, out, err) = sh(repo, line, &[]);
    assert_eq!(code, 0, "{line}\n{out}{err}");
    out
}

fn copy_dir(from: &str, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for e in std::fs::read_dir(from).expect("a folder").flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

/// The commands of the recipe's first `sh` block.
fn recipe() -> Vec<String> {
    let doc = std::fs::read_to_string("docs/ci.md").expect("the recipe");
    let block = doc.split("```sh\n").nth(1).and_then(|b| b.split("```").next()).expect("a sh block");
    block.lines().filter(|l| l.starts_with("zeren ")).map(str::to_string).collect()
}

/// Each case's decision as `zeren eval` gives it under one version of the layer, keyed by file
/// and position; only what was decided (not how it was recorded).
fn decisions(repo: &Path, layer: &Path) -> Vec<((String, usize), J)> {
    let mut out = vec![];
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(repo.join("cases")).expect("cases").flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        let name = format!("cases/{}", f.file_name().and_then(|n| n.to_str()).expect("a name"));
        let line = format!("zeren eval --format json --policy {} {name}", layer.display());
        let v: J = serde_json::from_str(&ok(repo, &line)).expect("JSON");
        let all = if let J::Array(a) = v { a } else { vec![v] };
        for (i, mut d) in all.into_iter().enumerate() {
            for k in ["digests", "layers", "notes", "articles", "findings", "trace"] {
                d.as_object_mut().expect("an object").remove(k);
            }
            out.push(((name.clone(), i + 1), d));
        }
    }
    out
}

#[test]
fn a_province_pipeline() {
    let repo = std::env::temp_dir().join(format!("zeren-ci-recipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(repo.join("policies/regions")).expect("a folder");
    let layer = repo.join("policies/regions/sample-province.policy");
    std::fs::copy("policies/regions/sample-province.policy", &layer).expect("copy");
    copy_dir("tests/scenarios/sample-province", &repo.join("scenarios"));
    copy_dir("examples/regions/sample-province", &repo.join("cases"));
    ok(&repo, "git init -q && git config user.email ci@example.invalid && git config user.name ci");
    ok(&repo, "zeren snapshot cases --policy policies/regions --store snapshots");
    ok(&repo, "git add -A && git commit -qm 'the layer, its scenarios, its cases and their snapshots'");

    // As committed, every step of the recipe passes.
    let env = [("BASE", "HEAD"), ("LAYER", "sample-province-2017")];
    let steps = recipe();
    assert_eq!(steps.len(), 4, "{steps:?}");
    for step in &steps {
        let (code, out, err) = sh(&repo, step, &env);
        assert_eq!(code, 0, "{step}\n{out}{err}");
    }
    let md = std::fs::read_to_string(repo.join("decisions.md")).expect("the comment");
    assert!(md.contains("个案件中0个判定不同"), "{md}");
    let junit = std::fs::read_to_string(repo.join("junit.xml")).expect("JUnit");
    assert!(roxmltree::Document::parse(&junit).is_ok());

    // A change of a threshold, committed on a branch.
    let old = repo.join("old.policy");
    std::fs::copy(&layer, &old).expect("copy");
    let text = std::fs::read_to_string(&layer).expect("the layer");
    assert!(text.contains("petitioners >= 50 "));
    std::fs::write(&layer, text.replace("petitioners >= 50 ", "petitioners >= 500 ")).expect("write");
    // With it, the scenario of the threshold (its own case moves with the threshold).
    let scenario = repo.join("scenarios/definitions-article-3.yaml");
    let s = std::fs::read_to_string(&scenario).expect("the scenario");
    std::fs::write(&scenario, s.replacen("  petitioners: 50\n", "  petitioners: 500\n", 1)).expect("write");
    ok(&repo, "git commit -qam 'serious consequences from 500 petitioners'");
    let new = repo.join("new.policy");
    std::fs::copy(&layer, &new).expect("copy");

    // The cases the change moves, found independently.
    let before = decisions(&repo, &old);
    let after = decisions(&repo, &new);
    let moved: BTreeSet<(String, usize)> =
        before.iter().zip(&after).filter(|(a, b)| a.1 != b.1).map(|(a, _)| a.0.clone()).collect();
    assert!(!moved.is_empty(), "the change moves some case");
    assert!(moved.len() < before.len(), "and not every case");

    // diff --before-rev reports exactly those.
    let out = ok(&repo, "zeren diff cases --after policies/regions --before-rev HEAD~1 --format json");
    let report: J = serde_json::from_str(&out).expect("JSON");
    let reported: BTreeSet<(String, usize)> = report["diffs"]
        .as_array()
        .expect("diffs")
        .iter()
        .map(|d| {
            (d["file"].as_str().expect("a file").to_string(), d["index"].as_u64().expect("an index") as usize)
        })
        .collect();
    assert_eq!(reported, moved);
    assert_eq!(report["cases"].as_u64(), Some(before.len() as u64));
    let (code, _, _) =
        sh(&repo, "zeren diff cases --after policies/regions --before-rev HEAD~1 --fail-on-change", &[]);
    assert_eq!(code, 1);

    // The recipe, with the change: check and test pass; the snapshots fail, with the differences.
    let env = [("BASE", "HEAD~1"), ("LAYER", "sample-province-2017")];
    for step in &steps[..2] {
        assert_eq!(sh(&repo, step, &env).0, 0, "{step}");
    }
    let (code, out, _) = sh(&repo, &steps[2], &env);
    assert_eq!(code, 1, "{out}");
    for (file, _) in &moved {
        assert!(out.contains(file.as_str()), "{file} in\n{out}");
    }
    assert!(out.contains("应当追究责任") && out.contains("之前据以决定、之后不再适用"), "{out}");
    assert_eq!(sh(&repo, &steps[3], &env).0, 0);
    let md = std::fs::read_to_string(repo.join("decisions.md")).expect("the comment");
    assert!(md.contains(&format!("个案件中{}个判定不同", moved.len())), "{md}");
    for (file, index) in &moved {
        assert!(md.contains(&format!("`{file}`#{index}")), "{file} in\n{md}");
    }

    // Pending, reviewed, accepted: then the check passes, and only the moved cases' files changed.
    let (code, _, _) = sh(&repo, "zeren snapshot cases --policy policies/regions --store snapshots", &[]);
    assert_eq!(code, 1);
    let pending = ok(&repo, "find snapshots -name '*.snap.json.new' | sort");
    let files: BTreeSet<&String> = moved.iter().map(|(f, _)| f).collect();
    assert_eq!(pending.lines().count(), files.len(), "{pending}");
    ok(&repo, "zeren snapshot cases --policy policies/regions --store snapshots --accept");
    ok(&repo, "zeren snapshot cases --policy policies/regions --store snapshots --check");
    assert_eq!(ok(&repo, "find snapshots -name '*.new'"), "");
    let changed = ok(&repo, "git status --porcelain snapshots | sort");
    assert_eq!(changed.lines().count(), files.len(), "{changed}");

    // Deciding the same cases twice writes the same bytes.
    ok(&repo, "zeren snapshot cases --policy policies/regions --store again");
    let same = ok(
        &repo,
        "zeren snapshot cases --policy policies/regions --store again2 && diff -r again again2 && echo same",
    );
    assert!(same.trim_end().ends_with("same"));

    // A deleted case is reported as such.
    let first = files.iter().next().expect("a file").to_string();
    std::fs::remove_file(repo.join(&first)).expect("remove");
    let (code, out, _) =
        sh(&repo, "zeren snapshot cases --policy policies/regions --store snapshots --check", &[]);
    assert_eq!(code, 1);
    assert!(out.contains("已删除的案件") && out.contains(&first), "{out}");
    let _ = std::fs::remove_dir_all(&repo);
}
