//! The fast way in for a JSON line (a tape read by serde_json, `src/facts/json.rs`) reads exactly
//! what the YAML reader reads from the same text: the same frame when the case is good, nothing
//! (so that the YAML reader places the problems) when it is not. Checked on every example case and
//! every broken case of the diagnostics fixtures, each written as one JSON line, and on variants of
//! each example with one key dropped, renamed or given a value of every kind. Each good case's
//! frame is decided and given back (`facts::recycle`), so the next is read into a used frame.

use serde_json::Value as J;
use zeren::{Engine, Options};

fn yaml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    v.sort();
    v
}

/// Each document of a file as a JSON value (none when the YAML reader cannot read the file).
fn documents(path: &std::path::Path) -> Vec<J> {
    let text = std::fs::read_to_string(path).expect("readable");
    zeren::facts::documents(&text).unwrap_or_default()
}

/// Whether a value holds a number that is not a whole number of 64 bits (left to the YAML reader,
/// which keeps its spelling).
fn has_fraction(v: &J) -> bool {
    match v {
        J::Number(n) => n.is_f64(),
        J::Array(xs) => xs.iter().any(has_fraction),
        J::Object(m) => m.values().any(has_fraction),
        _ => false,
    }
}

/// Both readers on one case as a JSON line: the same frame, or the fast one gives nothing where
/// the YAML reader refuses the line. Returns whether the line was a good case.
fn agree(engine: &Engine, doc: &J, what: &str) -> bool {
    let line = &serde_json::to_string(doc).expect("JSON");
    let options = Options::default();
    let fast = engine.json_frame(line, &options).expect("no region asked for");
    let slow = engine.cases(line, &options);
    match (fast, slow) {
        (Some(mut f), Ok(frames)) => {
            assert_eq!(frames.len(), 1, "{what}: one case");
            assert!(frames[0] == f, "{what}: the two readers read different frames\n{line}");
            // Decided and given back, as a batch does: the next line read the fast way fills
            // this frame again, and must still read what the YAML reader reads.
            engine.decide_case(&mut f, &options);
            zeren::facts::recycle(f);
            true
        }
        (None, Err(_)) => false,
        (Some(_), Err(e)) => panic!("{what}: read the fast way, refused by the YAML reader: {e}\n{line}"),
        // The fast way leaves a fraction to the YAML reader; nothing else that reader reads.
        (None, Ok(_)) => {
            assert!(has_fraction(doc), "{what}: not read the fast way\n{line}");
            true
        }
    }
}

/// Variants of a case: each top-level key dropped, renamed, and given a value of each kind.
fn variants(case: &J) -> Vec<(String, J)> {
    let J::Object(map) = case else { return vec![] };
    let kinds = [
        J::Null,
        J::Bool(true),
        J::from(7),
        J::from(-1),
        J::from("unknown"),
        J::from("x\"y"),
        J::Array(vec![]),
        J::from(serde_json::Map::new()),
    ];
    let mut out = vec![];
    for key in map.keys() {
        let mut dropped = map.clone();
        dropped.remove(key);
        out.push((format!("without {key}"), J::Object(dropped)));
        let mut renamed = map.clone();
        let v = renamed.remove(key).unwrap_or(J::Null);
        renamed.insert(format!("{key}_"), v);
        out.push((format!("{key} renamed"), J::Object(renamed)));
        for k in &kinds {
            let mut changed = map.clone();
            changed.insert(key.clone(), k.clone());
            out.push((format!("{key}: {k}"), J::Object(changed)));
        }
    }
    out
}

#[test]
fn the_fast_way_reads_what_the_yaml_reader_reads() {
    let engine = Engine::national().expect("the national measures load");
    let (mut good, mut bad) = (0, 0);
    for path in yaml_files("examples/cases").into_iter().chain(yaml_files("tests/diagnostics/cases")) {
        for (i, doc) in documents(&path).iter().enumerate() {
            let what = format!("{} case {}", path.display(), i + 1);
            if agree(&engine, doc, &what) {
                good += 1
            } else {
                bad += 1
            }
            for (change, v) in variants(doc) {
                if agree(&engine, &v, &format!("{what}, {change}")) { good += 1 } else { bad += 1 }
            }
        }
    }
    // Both kinds were tried, in numbers.
    assert!(good > 100 && bad > 1000, "good {good}, bad {bad}");
}
