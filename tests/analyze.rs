//! `zeren analyze` on the national measures and on test layers: the gaps it reports are the
//! real ones (each, made into a case, is undecided; every other combination is decided), and
//! each conflict's witness, decided by the engine, is a conflict.

use serde_json::Value as J;
use zeren::Source;
use zeren::{Engine, Lang};

const HARMS: [&str; 3] = ["minor", "serious", "particularly_serious"];
const IMPACTS: [&str; 3] = ["minor", "major", "particularly_major"];

fn case(harm: &str, impact: &str) -> String {
    format!(
        "conduct_date: 2018-03-01\nunit: {{kind: administrative_organ}}\nresponsibility: individual\n\
         harm: {harm}\nimpact: {impact}\nconduct: {{other_dereliction: true}}\n\
         people:\n  - {{name: 甲, role: staff_in_charge}}\n"
    )
}

/// Every decision of a case text as a JSON value, with its trace.
fn decide(engine: &Engine, text: &str) -> Vec<J> {
    let options = zeren::Options { trace: true, ..zeren::Options::default() };
    engine.decide_values(text, &options).expect("a valid case")
}

fn rung(engine: &Engine, text: &str) -> String {
    let out = decide(engine, text);
    out[0]["rung"].as_str().unwrap_or_default().to_string()
}

#[test]
fn the_gaps_of_articles_13_to_15_and_nothing_else() {
    let engine = Engine::national().expect("checks");
    let gaps = engine.gaps().found;
    let rung_gaps: Vec<_> = gaps.iter().filter(|g| g.conclusion == "rung").collect();
    // Each gap pattern names harm and impact; collect the combinations it covers.
    let mut reported = vec![];
    for g in &rung_gaps {
        let values = |k: &str| -> Vec<String> {
            g.pattern.iter().find(|v| v.name == k).map(|v| v.values.clone()).unwrap_or_default()
        };
        for h in values("harm") {
            for i in values("impact") {
                reported.push((h.clone(), i.clone()));
            }
        }
        // The history atoms in the pattern say: no earlier measure left unrectified.
        assert!(
            g.pattern.iter().filter(|v| v.name.starts_with("any history")).all(|v| v.values == ["false"])
        );
    }
    reported.sort();
    let mut expected: Vec<(String, String)> = [
        ("minor", "major"),
        ("minor", "particularly_major"),
        ("serious", "minor"),
        ("particularly_serious", "minor"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    expected.sort();
    assert_eq!(reported, expected);
    // Each reported combination, made into a case, is undetermined; every other is decided.
    for h in HARMS {
        for i in IMPACTS {
            let r = rung(&engine, &case(h, i));
            let gap = expected.contains(&(h.to_string(), i.to_string()));
            assert_eq!(r == "undetermined", gap, "harm {h}, impact {i}: {r}");
        }
    }
}

#[test]
fn each_conflict_witness_is_decided_as_a_conflict() {
    let mut sources: Vec<Source> = zeren::engine::NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)).collect();
    for f in ["a.policy", "b.policy"] {
        let path = format!("tests/diagnostics/policies/conflict-two-layers-define-one-term/{f}");
        sources.push(Source::new(path.clone(), std::fs::read_to_string(&path).expect("readable")));
    }
    let engine = Engine::from_sources(sources).expect("a conflict does not stop the set from running");
    let pairs = zeren::solve::pairs::pairs(&engine.program);
    assert_eq!(pairs.len(), 1);
    for p in &pairs {
        let (case, unmet) = zeren::analyze::witness::case(&engine.program, &p.witness);
        let yaml = zeren::render::yaml::to_yaml(&case);
        assert!(unmet.is_empty(), "{unmet:?}");
        let out = engine.decide_text("witness", &yaml, Lang::En).expect("the witness is a valid case");
        assert!(out[0].contains("disagree with no precedence"), "{}\n{}", yaml, out[0]);
    }
}

#[test]
fn each_rule_conflict_witness_is_decided_as_a_conflict() {
    for path in [
        "tests/diagnostics/policies/conflict-two-rungs.policy",
        "tests/diagnostics/policies/conflict-member-rules-second-list.policy",
    ] {
        let text = std::fs::read_to_string(path).expect("readable");
        let engine =
            Engine::from_sources(vec![Source::new(path, text.as_str())]).expect("runs despite the conflict");
        let pairs = zeren::solve::pairs::pairs(&engine.program);
        assert!(!pairs.is_empty(), "{path}");
        for p in &pairs {
            let (case, unmet) = zeren::analyze::witness::case(&engine.program, &p.witness);
            let yaml = zeren::render::yaml::to_yaml(&case);
            assert!(unmet.is_empty(), "{unmet:?}");
            let out = engine.decide_text("witness", &yaml, Lang::En).expect("the witness is a valid case");
            assert!(out[0].contains("conclude differently with no precedence"), "{path}\n{yaml}\n{}", out[0]);
            // Both rules are shown in conflict in the trace, not as applied.
            let d: serde_json::Value = serde_json::from_str(&out[0]).expect("JSON");
            let rules = [&engine.program.rules[p.a as usize].id, &engine.program.rules[p.b as usize].id];
            let trace = d["trace"].as_array().expect("trace");
            for id in rules {
                let statuses: Vec<&J> =
                    trace.iter().filter(|t| t["rule"] == **id).map(|t| &t["status"]).collect();
                assert!(statuses.contains(&&J::from("conflict")), "{path}: {id}: {statuses:?}");
            }
        }
    }
}

#[test]
fn diff_counts_match_deciding_each_side() {
    let national = Engine::national().expect("checks");
    let mut sources: Vec<Source> = zeren::engine::NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)).collect();
    let layer = "policies/regions/sample-cmc.policy";
    sources.push(Source::new(layer, std::fs::read_to_string(layer).expect("readable")));
    let with = Engine::from_sources(sources).expect("checks");
    let mut files: Vec<std::path::PathBuf> =
        std::fs::read_dir("examples/cases").expect("folder").flatten().map(|e| e.path()).collect();
    files.sort();
    let report = zeren::analyze::diff::diff((&national).into(), (&with).into(), &files, None, false);
    // Decide each file on both sides with the public entry point and count the differences.
    let keep = |d: &serde_json::Value| {
        let mut d = d.clone();
        for k in ["trace", "digests", "layers", "notes", "findings", "articles"] {
            d.as_object_mut().map(|o| o.remove(k));
        }
        d
    };
    let (mut cases, mut differ, mut rung) = (0, 0, 0);
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable");
        let (a, b) = (decide(&national, &text), decide(&with, &text));
        for (x, y) in a.iter().zip(&b) {
            cases += 1;
            differ += usize::from(keep(x) != keep(y));
            rung += usize::from(x["rung"] != y["rung"]);
        }
    }
    assert_eq!(report.cases, cases);
    assert_eq!(report.diffs.len(), differ);
    assert!(differ > 0, "the CMC layer changes the military examples");
    let table = zeren::analyze::diff::summary(&report, &with.program);
    let rung_changed = table.iter().find(|r| r.key == "rung").map_or(0, |r| r.changed);
    assert_eq!(rung_changed, rung);
}
