//! A batch gives each decision back once written (`eval::recycle`), and the next decision on the
//! thread is built in its room: it must be the decision built fresh, whatever the case before it
//! was. Checked on every pair of example cases (each built after each other, built at any
//! detail), at every detail, under the national measures and under each sample layer with its
//! examples.

use std::path::Path;
use zeren::eval::{Decision, recycle};
use zeren::{Engine, Options, Source};

/// The frames of the cases of a folder (one a file; a stream's first case).
fn frames(engine: &Engine, dir: &str) -> Vec<zeren::program::frame::Frame> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    let frames: Vec<_> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).expect("readable");
            engine.cases(&text, &Options::default()).ok()?.into_iter().next()
        })
        .collect();
    assert_eq!(frames.len(), paths.len(), "{dir}: every example is read");
    frames
}

/// Each case decided fresh, then after each other case's decision (at every detail) was given
/// back: the same.
fn agree(engine: &Engine, dir: &str) -> usize {
    let cases = frames(engine, dir);
    let details = [
        Options { values_only: true, ..Options::default() },
        Options::default(),
        Options { trace: true, ..Options::default() },
    ];
    let decide =
        |i: usize, options: &Options| -> Decision { engine.decide_case(&mut cases[i].clone(), options) };
    let mut n = 0;
    for options in &details {
        let fresh: Vec<Decision> = (0..cases.len()).map(|i| decide(i, options)).collect();
        for before in &details {
            for b in 0..cases.len() {
                for (i, want) in fresh.iter().enumerate() {
                    recycle(decide(b, before));
                    assert!(decide(i, options) == *want, "{dir}: case {i} decided after case {b} differs");
                    n += 1;
                }
            }
        }
    }
    n
}

#[test]
fn a_decision_built_in_a_given_back_room_is_built_fresh() {
    let mut n = agree(&Engine::national().expect("checks"), "examples/cases");
    for name in ["sample-province", "sample-cmc"] {
        let path = format!("policies/regions/{name}.policy");
        let text = std::fs::read_to_string(&path).expect("readable");
        let engine =
            Engine::load(vec![Source::new(Path::new(&path).display().to_string(), text)]).expect("checks");
        n += agree(&engine, &format!("examples/regions/{name}"));
    }
    assert!(n > 20000, "only {n} pairs compared");
}
