//! The two ways a decision becomes JSON say the same: the streaming writer (`render::json`, what
//! `zeren eval --format json` prints, fast for batches) and the tree (`render::tree`, behind the
//! YAML output, the what-ifs and `Engine::json_value`). Both write from the same `Decision`; this
//! test parses the first and compares it with the second, for every example, every example of
//! each sample layer and every language fixture, in both languages; and the one-line layout (JSON
//! Lines) is serde_json's compact text of the tree, byte for byte. A decision built with its values
//! only (`Options::values_only`) is written as one built with each key's provisions.

use std::path::{Path, PathBuf};
use zeren::{Engine, Lang, Options, Source};

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "json"))
        .collect();
    v.sort();
    v
}

/// Every decision of every file, both ways, compared; returns how many.
fn agree(engine: &Engine, files: &[PathBuf]) -> usize {
    let mut n = 0;
    for path in files {
        let text = std::fs::read_to_string(path).expect("readable");
        for lang in [Lang::Zh, Lang::En] {
            let options =
                Options { name: path.display().to_string(), lang, trace: true, ..Options::default() };
            let decisions =
                engine.decide(&text, &options).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for (i, d) in decisions.iter().enumerate() {
                let streamed: serde_json::Value = serde_json::from_str(&engine.json(d))
                    .unwrap_or_else(|e| panic!("{} case {}: not JSON: {e}", path.display(), i + 1));
                let tree = engine.json_value(d);
                assert_eq!(
                    streamed,
                    tree,
                    "{} case {} ({lang:?}): the two writers differ",
                    path.display(),
                    i + 1
                );
                // One line of JSON Lines is serde_json's compact text of the same tree, to the byte.
                let mut line = String::new();
                engine.json_line(d, &mut line);
                assert_eq!(
                    line,
                    format!("{}\n", serde_json::to_string(&tree).expect("JSON")),
                    "{} case {} ({lang:?}): the line differs from the tree",
                    path.display(),
                    i + 1
                );
                n += 1;
            }
            // A decision built without each key's provisions (what a batch asks for JSON and
            // YAML) is written exactly as one built with them.
            let plain = Options { trace: false, ..options.clone() };
            let lean = Options { values_only: true, ..plain.clone() };
            let (full, lean) = (engine.decide(&text, &plain), engine.decide(&text, &lean));
            for (a, b) in full.expect("decided").iter().zip(lean.expect("decided").iter()) {
                // (A case with unknown facts is decided under every answer, each cited: the
                // questions it asks quote them.)
                let lean = b.open.is_some() || b.keys.iter().all(no_cites);
                assert!(lean, "{}: values only, yet cited", path.display());
                assert_eq!(engine.json(a), engine.json(b), "{}: values only", path.display());
                assert_eq!(engine.json_value(a), engine.json_value(b), "{}", path.display());
            }
        }
    }
    n
}

/// Whether a key's values carry no provisions.
fn no_cites(k: &zeren::eval::decision::Key) -> bool {
    use zeren::eval::decision::Key;
    match k {
        Key::One(c) => c.by.is_empty(),
        Key::Record(cs) => cs.iter().all(|c| c.by.is_empty()),
        Key::List(ms) => ms.iter().flatten().all(|c| c.by.is_empty()),
    }
}

fn layer(path: &Path) -> Engine {
    let text = std::fs::read_to_string(path).expect("readable");
    Engine::load(vec![Source::new(path.display().to_string(), text)]).expect("checks")
}

#[test]
fn the_streamed_json_is_the_tree() {
    let mut n = agree(&Engine::national().expect("checks"), &yaml_files("examples/cases"));
    for name in ["sample-province", "sample-cmc"] {
        let engine = layer(Path::new(&format!("policies/regions/{name}.policy")));
        n += agree(&engine, &yaml_files(&format!("examples/regions/{name}")));
    }
    let mut policies: Vec<PathBuf> = std::fs::read_dir("tests/language")
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "policy"))
        .collect();
    policies.sort();
    for p in policies {
        let text = std::fs::read_to_string(&p).expect("readable");
        let engine = Engine::from_sources(vec![Source::new(p.display().to_string(), text)]).expect("checks");
        n += agree(&engine, &[p.with_extension("yaml")]);
    }
    assert!(n >= 150, "only {n} decisions compared");
}

/// A finding's text is written in place and escaped only when it holds a character JSON escapes:
/// a name the case gives with a quote, a backslash and a new line comes out escaped, as the tree
/// has it, in both layouts and both languages.
#[test]
fn a_finding_that_holds_characters_to_escape_is_written_as_the_tree() {
    let text =
        std::fs::read_to_string("examples/cases/collective-every-leader-opposed-nobody-responsible.yaml")
            .expect("readable")
            .replace("name: 陶国良", "name: \"陶\\\"国\\\\良\\n\"");
    let engine = Engine::national().expect("checks");
    for lang in [Lang::Zh, Lang::En] {
        let d = engine.decide(&text, &Options { lang, ..Options::default() }).expect("decided").remove(0);
        let tree = engine.json_value(&d);
        let texts: Vec<&str> = tree["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["text"].as_str())
            .collect();
        assert!(
            texts.iter().any(|t| t.contains("陶\"国\\良\n")),
            "{lang:?}: no finding names him: {texts:?}"
        );
        let streamed: serde_json::Value = serde_json::from_str(&engine.json(&d)).expect("JSON");
        assert_eq!(streamed, tree, "{lang:?}");
        let mut line = String::new();
        engine.json_line(&d, &mut line);
        assert_eq!(line, format!("{}\n", serde_json::to_string(&tree).expect("JSON")), "{lang:?}");
    }
}
