//! What-ifs are true: for every example, each change `--what-if` suggests, written into the case
//! file and decided again, gives the outcome it states.

use serde_json::Value as J;
use zeren::Source;
use zeren::{Engine, Options};

/// Every decision of a case text as a JSON value.
fn decide(engine: &Engine, text: &str) -> Vec<J> {
    engine.decide_values(text, &Options::default()).expect("a valid case")
}

/// The case with one fact set: `impact`, `conduct.decision_error`, or a member's field.
fn apply(case: &mut J, fact: &str, member: Option<usize>, to: &J) {
    let parts: Vec<&str> = fact.split('.').collect();
    match (member, parts.as_slice()) {
        (Some(i), [list, field]) => case[*list][i][*field] = to.clone(),
        (None, [record, field]) => {
            if !case[*record].is_object() {
                case[*record] = J::Object(Default::default());
            }
            case[*record][*field] = to.clone();
        }
        (None, [name]) => case[*name] = to.clone(),
        other => panic!("unexpected fact path {other:?}"),
    }
}

#[test]
fn every_suggested_change_gives_the_stated_outcome() {
    let engine = Engine::national().expect("checks");
    let mut files: Vec<_> =
        std::fs::read_dir("examples/cases").expect("examples").flatten().map(|e| e.path()).collect();
    files.sort();
    let checked = check_whatifs(&engine, &files);
    assert!(checked > 100, "only {checked} outcomes checked");
}

/// The same for an exception to an exception written before its target: the what-ifs re-decide
/// a copy of the decided frame, which must not keep statuses from the first run.
#[test]
fn what_ifs_agree_through_a_chain_of_exceptions() {
    let policy = "tests/language/exception-chain.policy";
    let text = std::fs::read_to_string(policy).expect("readable");
    let engine = Engine::from_sources(vec![Source::new(policy, text.as_str())]).expect("checks");
    let checked = check_whatifs(&engine, &["tests/language/exception-chain.yaml".into()]);
    assert!(checked >= 4, "only {checked} outcomes checked");
}

/// Each change `--what-if` suggests for the cases of these files, written into the case and
/// decided again, gives the outcome it states. Returns how many outcomes were checked.
fn check_whatifs(engine: &Engine, files: &[std::path::PathBuf]) -> usize {
    let prog = &engine.program;
    let mut checked = 0;
    for path in files {
        let text = std::fs::read_to_string(path).expect("readable");
        let docs = zeren::facts::documents(&text).expect("valid YAML");
        let options = Options { name: path.display().to_string(), ..Options::default() };
        let frames = engine.cases(&text, &options).expect("valid");
        for (doc, mut f) in docs.into_iter().zip(frames) {
            // A change is written into the case by the fact's name: a case written with the
            // vocabulary's Chinese labels is left to its snapshots.
            let labelled = doc.as_object().is_some_and(|o| o.keys().any(|k| !k.is_ascii()));
            if !f.unknown.is_empty() || labelled {
                continue;
            }
            let d = engine.decide_case(&mut f, &options);
            let whatifs = zeren::render::whatif::json(prog, &d, &engine.what_if(&f));
            for w in whatifs.as_array().expect("a list") {
                let mut case = doc.clone();
                let member = w["if"]["member"].as_u64().map(|i| i as usize);
                apply(&mut case, w["if"]["fact"].as_str().expect("fact"), member, &w["if"]["to"]);
                let decided = decide(engine, &case.to_string());
                let d = &decided[0];
                for then in w["then"].as_array().expect("outcomes") {
                    let key = then["key"].as_str().expect("key");
                    let got = match then["member"].as_str() {
                        Some(name) => d["people"]
                            .as_array()
                            .and_then(|ps| ps.iter().find(|p| p["name"] == name))
                            .map(|p| p[key].clone())
                            .unwrap_or(J::Null),
                        None => d[key].clone(),
                    };
                    assert_eq!(got, then["to"], "{}: {w}", path.display());
                    checked += 1;
                }
            }
        }
    }
    checked
}

/// For every example with `unknown` facts: each answer to each question, written into the case
/// (the other unknowns left unknown), settles what the question says it settles.
#[test]
fn every_answer_settles_what_the_question_says() {
    let engine = Engine::national().expect("checks");
    let mut checked = 0;
    for entry in std::fs::read_dir("examples/cases").expect("examples").flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).expect("readable");
        if !text.contains("unknown") {
            continue;
        }
        let docs = zeren::facts::documents(&text).expect("valid YAML");
        let decided = decide(&engine, &text);
        for (doc, d) in docs.iter().zip(&decided) {
            for q in d["questions"].as_array().into_iter().flatten() {
                let member = q["member"].as_str().and_then(|m| {
                    doc["people"].as_array().and_then(|ps| ps.iter().position(|p| p["name"] == m))
                });
                for a in q["answers"].as_array().into_iter().flatten() {
                    let mut case = doc.clone();
                    apply(&mut case, q["fact"].as_str().expect("fact"), member, &a["value"]);
                    let again = &decide(&engine, &case.to_string())[0];
                    let flat = |d: &J, key: &str| -> J {
                        let parts: Vec<&str> = key.splitn(3, '.').collect();
                        match parts[..] {
                            [list, who, field] => d[list]
                                .as_array()
                                .and_then(|ps| ps.iter().find(|p| p["name"] == who))
                                .map(|p| p[field].clone())
                                .unwrap_or(J::Null),
                            _ => d[key].clone(),
                        }
                    };
                    for (key, v) in a["then"].as_object().into_iter().flatten() {
                        if v.get("one_of").is_none() {
                            assert_eq!(
                                flat(again, key),
                                *v,
                                "{}: {} = {}: {key}",
                                path.display(),
                                q["fact"],
                                a["value"]
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 5, "only {checked} answers checked");
}
