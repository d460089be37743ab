// Fuzz target: case text (YAML or JSON) → decisions of the national measures, each rendered as
// JSON and as an explanation, with its what-ifs when decided (`zeren eval --what-if`); a case with
// unknown facts is decided under every answer. Bad cases render their diagnostics. A text that the
// fast way in for a JSON line reads must be read alike by the YAML reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zeren::{DecideError, Engine, Lang, Options};

#[path = "common.rs"]
mod common;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::national().expect("the national measures load"))
}

fuzz_target!(|data: &[u8]| {
    common::hook();
    let Ok(text) = std::str::from_utf8(data) else { return };
    let engine = engine();
    // The first byte picks the language, so both renderings are reached.
    let lang = if data.first().is_some_and(|b| b % 2 == 0) { Lang::En } else { Lang::Zh };
    let options = Options { lang, trace: true, ..Options::default() };
    // A JSON text read the fast way (a line of JSON Lines) is read as the YAML reader reads it:
    // the same one case, or nothing (then the YAML reader reads it and places its problems).
    if let Ok(Some(fast)) = engine.json_frame(text, &options) {
        match engine.cases(text, &options) {
            Ok(frames) => assert!(frames.len() == 1 && frames[0] == fast, "the two readers differ"),
            Err(e) => panic!("read the fast way, refused by the YAML reader: {e}"),
        }
    }
    let frames = match engine.cases(text, &options) {
        Ok(f) => f,
        Err(DecideError::Cases(es)) => {
            for e in es.problems {
                let _ = common::render(e);
            }
            return;
        }
        Err(e) => {
            let _ = format!("{e}");
            return;
        }
    };
    for mut f in frames {
        let d = engine.decide_case(&mut f, &options);
        let _ = engine.json(&d);
        let mut tree = engine.json_value(&d);
        let mut out = engine.human(&d, true);
        if d.open.is_none() {
            let list = engine.what_if(&f);
            zeren::render::whatif::human(&mut out, &engine.program, &d, &list);
            if let serde_json::Value::Object(o) = &mut tree {
                o.insert("what_if".into(), zeren::render::whatif::json(&engine.program, &d, &list));
                o.insert("argument".into(), zeren::render::argument::json(&engine.program, &d));
            }
        }
        let _ = serde_json::to_string_pretty(&tree);
    }
});
