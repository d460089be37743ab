//! The JSON Schema of a case (`zeren schema`, the service's `/v1/vocabulary`), checked with a
//! well-kept validator (the `jsonschema` crate, formats asserted): every example case is valid
//! under the schema of the set it is decided with, and every bad case of
//! `tests/diagnostics/cases/` is refused by it, or named below with the reason a schema cannot
//! say what the loader says.

use std::path::Path;
use zeren::{Engine, Source};

/// Bad cases the schema accepts, and why it cannot refuse them.
const BEYOND_A_SCHEMA: &[(&str, &str)] = &[
    (
        "alias-reused-person.yaml",
        "zeren reads no YAML alias (refused as it is read): there is no data for a schema to judge",
    ),
    (
        "alias-billion-laughs.yaml",
        "zeren reads no YAML alias (refused as it is read): there is no data for a schema to judge",
    ),
    ("duplicate-key-harm.yaml", "a key given twice is gone once YAML is read as data"),
    (
        "duplicate-name-two-people.yaml",
        "no two people may share a name: `uniqueItems` compares whole members, not one field (the schema marks the field `x-unique`)",
    ),
    (
        "duplicate-name-among-forty-people.yaml",
        "no two people may share a name: `uniqueItems` compares whole members, not one field (the schema marks the field `x-unique`)",
    ),
    (
        "unknown-member-history-names-stranger.yaml",
        "a name in `history.people` must be one of `people`: a reference between two parts of the case",
    ),
    (
        "layer-not-applicable-other-region.yaml",
        "whether a layer decides a case is its `applies when`, a condition over several facts",
    ),
    (
        "layer-not-in-force-before-effective.yaml",
        "whether a layer is in force is a comparison of the conduct's date with the layer's",
    ),
];

fn validator(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema is a valid JSON Schema")
}

/// The engine of the national measures, with a layer of `policies/regions/` where named.
fn engine(layer: Option<&str>) -> Engine {
    let more = layer
        .map(|l| {
            let path = format!("policies/regions/{l}.policy");
            vec![Source::new(path.clone(), std::fs::read_to_string(&path).expect("the layer"))]
        })
        .unwrap_or_default();
    Engine::load(more).expect("the set loads")
}

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir).expect("a folder").flatten().map(|e| e.path()).collect();
    out.retain(|p| p.extension().is_some_and(|x| x == "yaml" || x == "json"));
    out.sort();
    out
}

fn errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn every_example_case_is_valid_under_the_schema() {
    let mut checked = 0;
    let sets: Vec<(String, Option<&str>)> = vec![
        ("examples/cases".into(), None),
        ("examples/regions/sample-province".into(), Some("sample-province")),
        ("examples/regions/sample-cmc".into(), Some("sample-cmc")),
    ];
    for (dir, layer) in sets {
        let engine = engine(layer);
        let schema = zeren::render::schema::case(&engine.program);
        let v = validator(&schema);
        for f in files(&dir) {
            let text = std::fs::read_to_string(&f).expect("a case");
            // Each case decides, and each is valid under the schema.
            engine
                .decide(&text, &zeren::Options::default())
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            for doc in zeren::facts::documents(&text).expect("YAML") {
                let errs = errors(&v, &doc);
                assert!(errs.is_empty(), "{}: {errs:#?}", f.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} cases");
}

#[test]
fn every_bad_case_is_refused_by_the_schema_or_named_with_why_not() {
    let mut refused = vec![];
    let mut unreadable = vec![];
    let mut excused = vec![];
    for f in files("tests/diagnostics/cases") {
        let name = f.file_name().and_then(|n| n.to_str()).expect("a name").to_string();
        let text = std::fs::read_to_string(&f).expect("a case");
        let layer = text.lines().find_map(|l| l.strip_prefix("# layer: ")).map(str::trim);
        let engine = engine(layer);
        assert!(
            engine.decide(&text, &zeren::Options::default()).is_err(),
            "{name} is a bad case: zeren refuses it"
        );
        let v = validator(&zeren::render::schema::case(&engine.program));
        let Some(docs) = zeren::facts::documents(&text) else {
            // Not YAML at all: there is no data for a schema to judge.
            unreadable.push(name);
            continue;
        };
        let any = docs.iter().any(|d| !v.is_valid(d));
        let why = BEYOND_A_SCHEMA.iter().find(|(n, _)| *n == name);
        match (any, why) {
            (true, None) => refused.push(name),
            (true, Some(_)) => panic!("{name}: named as beyond a schema, but the schema refuses it"),
            (false, Some(_)) => excused.push(name),
            (false, None) => {
                panic!("{name}: the schema accepts a case zeren refuses, and no reason is given")
            }
        }
    }
    println!(
        "refused by the schema: {}\nnot YAML (no data to judge): {unreadable:?}\nbeyond a schema: {excused:?}",
        refused.len()
    );
    assert!(refused.len() >= 20, "{refused:?}");
    // Each case named as beyond a schema exists and was judged (YAML, and accepted).
    for (name, why) in BEYOND_A_SCHEMA {
        assert!(Path::new("tests/diagnostics/cases").join(name).exists(), "{name}: {why}");
        assert!(excused.iter().any(|e| e == name) || unreadable.iter().any(|e| e == name), "{name}: {why}");
    }
}
