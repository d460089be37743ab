//! The compiled form of the national measures (`policies/compiled/national.postcard`, read at
//! start instead of parsing and checking their text) is exactly what compiling their text gives
//! now, and decides as the text does. When the text or the compiler changes, this fails; then
//! `ZEREN_UPDATE_COMPILED=1 cargo test --test compiled` writes it again.

use zeren::{Engine, Options};

const FILE: &str = "policies/compiled/national.postcard";

/// Fails unless `file` holds `fresh` (what the text gives now); writes it first when
/// `ZEREN_UPDATE_COMPILED` is set.
fn kept_is(file: &str, fresh: &[u8]) {
    if std::env::var_os("ZEREN_UPDATE_COMPILED").is_some() {
        std::fs::write(file, fresh).expect("write");
    }
    let kept = std::fs::read(file).expect("the embedded file");
    assert!(
        kept == fresh,
        "{file} is not what the national measures give now: run `ZEREN_UPDATE_COMPILED=1 cargo test --test compiled`, then rebuild"
    );
}

#[test]
fn the_compiled_form_is_current() {
    let fresh = Engine::national_from_text().expect("the measures load").to_compiled().expect("no warnings");
    kept_is(FILE, &fresh);
    // Twice the same bytes: nothing in it depends on the run.
    assert_eq!(Engine::national_from_text().expect("load").to_compiled(), Some(fresh));
}

#[test]
fn the_compiled_form_is_used_and_decides_as_the_text() {
    let compiled = Engine::national().expect("the measures load");
    let text = Engine::national_from_text().expect("the measures load");
    // The compiled one has the embedded texts it was compiled from (diagnostics point into them).
    assert_eq!(compiled.program.sources.len(), text.program.sources.len());
    assert_eq!(compiled.to_compiled(), text.to_compiled(), "the binary embeds the current form");
    let mut files: Vec<_> =
        std::fs::read_dir("examples/cases").expect("examples").flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        let case = std::fs::read_to_string(&f).expect("a case");
        for lang in [zeren::Lang::Zh, zeren::Lang::En] {
            let options = Options { lang, trace: true, ..Options::default() };
            let a: Vec<_> = compiled
                .decide(&case, &options)
                .expect("decided")
                .iter()
                .map(|d| compiled.json_value(d))
                .collect();
            let b: Vec<_> =
                text.decide(&case, &options).expect("decided").iter().map(|d| text.json_value(d)).collect();
            assert_eq!(a, b, "{}", f.display());
        }
    }
    // A case's errors still point into the text.
    let err = compiled.decide("harm: [", &Options::default()).unwrap_err();
    assert!(miette::Diagnostic::code(&err).is_some());
}

#[test]
fn a_form_of_other_texts_is_not_used() {
    // Compiled from the measures with one more comment: not the texts embedded, so not used.
    let sources: Vec<zeren::Source> = zeren::engine::NATIONAL
        .iter()
        .map(|(n, t)| zeren::Source::new(*n, format!("{t}\n// another version\n")))
        .collect();
    let other = Engine::from_sources(sources).expect("loads").to_compiled().expect("no warnings");
    assert!(Engine::compiled(&other).is_none());
    assert!(Engine::compiled(b"not a compiled form").is_none());
    assert!(Engine::compiled(zeren::engine::NATIONAL_COMPILED).is_some());
}

const SYNTAX: &str = "policies/compiled/national-syntax.postcard";

#[test]
fn the_embedded_syntax_trees_are_current() {
    let fresh = zeren::engine::national_syntax_from_text().expect("the measures parse");
    kept_is(SYNTAX, &fresh);
    assert!(zeren::engine::NATIONAL_SYNTAX == &fresh[..], "the binary embeds the current trees");
    let read = zeren::engine::national_syntax();
    assert_eq!(read.files.len(), zeren::engine::NATIONAL.len(), "and reads them");
    let base = Engine::national_from_text().expect("loads").layer_digests()[0]["digest"].clone();
    assert_eq!(read.base_digest.as_deref(), base.as_str(), "with the base set's digest");
}

#[test]
fn a_layer_checked_beside_the_embedded_trees_decides_as_beside_the_text() {
    let mut files: Vec<_> =
        std::fs::read_dir("examples/cases").expect("examples").flatten().map(|e| e.path()).collect();
    files.sort();
    for layer in ["policies/regions/sample-province.policy", "policies/regions/sample-cmc.policy"] {
        let text = std::fs::read_to_string(layer).expect("the layer");
        let embedded = Engine::load(vec![zeren::Source::new(layer, text.clone())]).expect("loads");
        let mut all: Vec<zeren::Source> =
            zeren::engine::NATIONAL.iter().map(|(n, t)| zeren::Source::new(*n, *t)).collect();
        all.push(zeren::Source::new(layer, text));
        let parsed = Engine::from_sources(all).expect("loads");
        assert_eq!(format!("{:?}", embedded.warnings), format!("{:?}", parsed.warnings), "{layer}");
        assert_eq!(embedded.layer_digests(), parsed.layer_digests(), "{layer}");
        for f in &files {
            let case = std::fs::read_to_string(f).expect("a case");
            let options = Options { trace: true, ..Options::default() };
            let decide = |e: &Engine| match e.decide(&case, &options) {
                Ok(ds) => ds.iter().map(|d| e.json_value(d)).collect::<Vec<_>>(),
                Err(err) => vec![serde_json::json!(format!("{err:?}"))],
            };
            assert_eq!(decide(&embedded), decide(&parsed), "{layer}: {}", f.display());
        }
    }
}
