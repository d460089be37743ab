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
    let pairs = zeren::solve::pairs::pairs(&engine.program, usize::MAX).found;
    assert_eq!(pairs.len(), 1);
    for p in &pairs {
        let (case, unmet) = zeren::analyze::witness::case(&engine.program, &p.witness);
        let yaml = zeren::render::yaml::to_yaml(&case);
        assert!(unmet.is_empty(), "{unmet:?}");
        let out = engine.decide_text("witness", &yaml, Lang::En).expect("the witness is a valid case");
        assert!(out[0].contains("disagree with no precedence"), "{}\n{}", yaml, out[0]);
        let zh = engine.decide_text("witness", &yaml, Lang::Zh).expect("the witness is a valid case");
        // In the reader's words: the fact by its label, each definition by its provision; no
        // fact or rule identifier.
        let said = zh[0].lines().find(|l| l.contains("相互冲突")).unwrap_or_default().to_string();
        assert!(said.contains("第一条") && said.contains("对“造成严重后果”的界定"), "{said}");
        assert!(!said.contains("conduct.") && !said.contains("define"), "{said}");
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
        let pairs = zeren::solve::pairs::pairs(&engine.program, usize::MAX).found;
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

/// The national measures with every sample layer and the twenty-facts test layer.
fn all_layers() -> Engine {
    let mut sources: Vec<Source> = zeren::engine::NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)).collect();
    for layer in [
        "policies/regions/sample-province.policy",
        "policies/regions/sample-cmc.policy",
        "tests/analyze/twenty-facts.policy",
    ] {
        sources.push(Source::new(layer, std::fs::read_to_string(layer).expect("readable")));
    }
    Engine::from_sources(sources).expect("checks")
}

#[test]
fn a_layer_of_twenty_facts_is_analysed_and_its_gaps_are_the_undecided_cases() {
    let engine = all_layers();
    let prog = &engine.program;
    let layer = prog.layers.iter().position(|l| l.id == "twenty-province-2018").expect("loaded") as u16;
    let found = zeren::analyze::gaps::of_layer(prog, layer);
    assert!(found.skipped.is_empty(), "every conclusion is analysed");
    let gaps: Vec<_> = found.found.iter().filter(|g| g.conclusion == "rung").collect();
    assert_eq!(gaps.len(), 2);
    // Every case of these values, decided in the layer's region: the rung is left to the organ
    // exactly when some reported gap holds the case.
    let (mut cases, mut undecided) = (0, 0);
    for harm in HARMS {
        for impact in IMPACTS {
            for visitors in [0, 50, 51] {
                for overdue in [30, 31] {
                    for escalated in [false, true] {
                        for repeat in [2, 3] {
                            for corrected in [false, true] {
                                let facts: [(&str, String); 7] = [
                                    ("harm", harm.into()),
                                    ("impact", impact.into()),
                                    ("tw_visitors", visitors.to_string()),
                                    ("tw_overdue_days", overdue.to_string()),
                                    ("tw_escalated", escalated.to_string()),
                                    ("tw_repeat_visits", repeat.to_string()),
                                    ("tw_corrected", corrected.to_string()),
                                ];
                                let mut text = case(harm, impact).replace("2018-03-01", "2018-06-01");
                                text += "region: twenty_province\n";
                                for (k, v) in &facts[2..] {
                                    text += &format!("{k}: {v}\n");
                                }
                                let gap = gaps.iter().any(|g| {
                                    g.pattern.iter().all(|v| {
                                        if v.name.starts_with("any history") {
                                            return v.values == ["false"];
                                        }
                                        let (_, value) = facts
                                            .iter()
                                            .find(|(k, _)| *k == v.name)
                                            .unwrap_or_else(|| panic!("a fact this test sets: {}", v.name));
                                        match value.parse::<i64>() {
                                            Ok(x) => v.ranges.iter().any(|r| r.contains(x)),
                                            Err(_) => v.values.contains(value),
                                        }
                                    })
                                });
                                let r = rung(&engine, &text);
                                assert_eq!(r == "undetermined", gap, "{text}{r}");
                                cases += 1;
                                undecided += usize::from(gap);
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(cases, 432);
    assert!(undecided > 0 && undecided < cases, "{undecided} of {cases}");
}

#[test]
fn each_national_gap_is_decided_by_a_layer_in_whole_in_part_or_not() {
    use zeren::analyze::gaps::Share;
    let engine = all_layers();
    let national = Engine::national().expect("checks");
    let by = engine.gaps_by_layer(&national);
    let shares = |id: &str| -> Vec<Option<Share>> {
        let l = by.layers.iter().find(|l| engine.program.layers[l.layer as usize].id == id).expect("a layer");
        // The rung's gaps only: harm minor with impact major, then harm serious with impact minor.
        by.base.found.iter().zip(&l.shares).filter(|(g, _)| g.conclusion == "rung").map(|(_, s)| *s).collect()
    };
    assert_eq!(shares("sample-province-2017"), [Some(Share::Nothing), Some(Share::Nothing)]);
    // The CMC's written self-examination takes serious harm with minor impact.
    assert_eq!(shares("sample-cmc-2017"), [Some(Share::Nothing), Some(Share::Whole)]);
    assert_eq!(shares("twenty-province-2018"), [Some(Share::Part), Some(Share::Part)]);
    // Nothing need be decided of conduct before the measures are in force: no gap is dated.
    let all = by.base.found.iter().chain(by.layers.iter().flat_map(|l| &l.gaps.found));
    assert!(all.flat_map(|g| &g.pattern).all(|v| v.name != "conduct_date"));
}

#[test]
fn a_layers_own_cases_are_compared_with_the_national_measures() {
    let national = Engine::national().expect("checks");
    for (layer, folder, unread) in [
        (
            "policies/regions/sample-province.policy",
            "examples/regions/sample-province",
            "region: sample_province",
        ),
        (
            "policies/regions/sample-cmc.policy",
            "examples/regions/sample-cmc",
            "people.acted_under_orders_in_combat",
        ),
    ] {
        let mut sources: Vec<Source> =
            zeren::engine::NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)).collect();
        sources.push(Source::new(layer, std::fs::read_to_string(layer).expect("readable")));
        let with = Engine::from_sources(sources).expect("checks");
        let mut files: Vec<std::path::PathBuf> =
            std::fs::read_dir(folder).expect("folder").flatten().map(|e| e.path()).collect();
        files.sort();
        let report = zeren::analyze::diff::diff((&national).into(), (&with).into(), &files, None, false);
        let problems: Vec<String> =
            report.errors.iter().map(|e| format!("{}: {}", e.file, e.problem)).collect();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(report.cases >= files.len(), "{layer}: {} cases", report.cases);
        assert!(report.unread.iter().any(|u| u == unread), "{layer}: {:?}", report.unread);
        assert!(!report.diffs.is_empty() && report.diffs.len() < report.cases, "{layer}");
    }
    // A key neither set knows is still a fault in the case, not something left out.
    let dir = std::env::temp_dir().join(format!("zeren-diff-typo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let typo = dir.join("typo.yaml");
    std::fs::write(&typo, case("minor", "minor") + "petitionerz: 3\n").expect("written");
    let report = zeren::analyze::diff::diff((&national).into(), (&national).into(), &[typo], None, false);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].side, "after");
    assert!(report.unread.is_empty(), "{:?}", report.unread);
    std::fs::remove_dir_all(&dir).ok();
}
