// Fuzz target: policy text → check; on success fmt (idempotent), gaps and conflicts as
// `zeren analyze` computes and renders them. A policy that opens a set of measures is loaded alone,
// any other as a layer over the national measures (as `Engine::load` does).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zeren::{Engine, Lang, Source};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::hook();
    let Ok(text) = std::str::from_utf8(data) else { return };
    let own = Source::new("fuzz.policy", text);
    let sources = if zeren::engine::opens_set(text) {
        vec![own]
    } else {
        let mut s: Vec<Source> = zeren::engine::NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)).collect();
        s.push(own);
        s
    };
    let engine = match Engine::from_sources(sources) {
        Ok(e) => e,
        Err(errs) => {
            for p in errs.problems {
                let _ = common::render(p);
            }
            return;
        }
    };
    for w in &engine.warnings {
        let _ = format!("{w}");
    }
    // fmt: the canonical layout, and formatting it again changes nothing.
    let once = zeren::fmt::format(text);
    assert_eq!(zeren::fmt::format(&once), once, "formatting a formatted policy changed it");
    // gaps
    let prog = &engine.program;
    let _ = zeren::render::analysis::gaps(prog, &engine.gaps(), Lang::En);
    // conflicts, each with its witness case run through the engine
    let all = zeren::solve::pairs::pairs(prog, zeren::solve::pairs::MAX_PAIRS);
    for (i, p) in all.found.iter().enumerate() {
        let (case, unmet) = zeren::analyze::witness::case(prog, &p.witness);
        let decided = zeren::analyze::witness::decided_as_conflict(prog, &engine.plan, &case, &p.target);
        let yaml = zeren::render::yaml::to_yaml(&case);
        let _ = zeren::render::analysis::conflict(prog, i, p, &yaml, &unmet, decided, Lang::Zh);
    }
});
