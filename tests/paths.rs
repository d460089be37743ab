//! The one pass and the general path decide alike. A conclusion of at most 64 rules keeps its
//! sets of rules in a register, and one of a few rules with constant values is decided by a table
//! worked out in advance (`compile/table.rs`); `Engine::on_the_general_path` makes every
//! conclusion keep them in memory and combine as it is decided, without tables. Both run the
//! same combining (`program/combine.rs`); these tests decide every example,
//! every example of each sample layer and every language fixture both ways and compare the
//! whole decisions, trace included. (The 4,000 random cases of `tests/differential/` are
//! compared the same way.)

use serde_json::Value;
use std::path::{Path, PathBuf};
use zeren::{Engine, Options, Source};

fn sorted(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

fn decide(engine: &Engine, path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).expect("readable");
    let options = Options { name: path.display().to_string(), trace: true, ..Options::default() };
    engine.decide_values(&text, &options).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Decides each file with the engine both ways; returns how many decisions were compared.
fn compare(make: impl Fn() -> Engine, files: &[PathBuf]) -> usize {
    let (one, general) = (make(), make().on_the_general_path());
    let mut n = 0;
    for f in files {
        let (a, b) = (decide(&one, f), decide(&general, f));
        assert_eq!(a.len(), b.len(), "{}", f.display());
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            let keys = x.as_object().expect("an object").keys();
            let differ: Vec<&String> = keys.filter(|k| x[k.as_str()] != y[k.as_str()]).collect();
            assert!(
                differ.is_empty(),
                "{} case {}: the general path decides {differ:?} otherwise",
                f.display(),
                i + 1
            );
        }
        n += a.len();
    }
    n
}

fn sources(paths: &[PathBuf]) -> Vec<Source> {
    paths
        .iter()
        .map(|p| Source::new(p.display().to_string(), std::fs::read_to_string(p).expect("readable")))
        .collect()
}

#[test]
fn every_example_is_decided_alike() {
    let n = compare(|| Engine::national().expect("checks"), &sorted("examples/cases", "yaml"));
    assert!(n >= 40, "only {n} decisions compared");
}

#[test]
fn every_layer_example_is_decided_alike() {
    for layer in ["sample-province", "sample-cmc"] {
        let policy = PathBuf::from(format!("policies/regions/{layer}.policy"));
        let make = || Engine::load(sources(std::slice::from_ref(&policy))).expect("checks");
        let n = compare(make, &sorted(&format!("examples/regions/{layer}"), "yaml"));
        assert!(n >= 3, "{layer}: only {n} decisions compared");
    }
}

#[test]
fn every_language_fixture_is_decided_alike() {
    let mut n = 0;
    for policy in sorted("tests/language", "policy") {
        let make = || Engine::from_sources(sources(std::slice::from_ref(&policy))).expect("checks");
        n += compare(make, &[policy.with_extension("yaml")]);
    }
    for dir in std::fs::read_dir("tests/language").expect("folder").flatten().map(|e| e.path()) {
        if dir.is_dir() {
            let files = sorted(&dir.display().to_string(), "policy");
            let make = || Engine::from_sources(sources(&files)).expect("checks");
            n += compare(make, &[dir.join("cases.yaml")]);
        }
    }
    assert!(n >= 40, "only {n} decisions compared");
}
