//! The compiled form of the national measures (`policies/compiled/national.postcard`, read at
//! start instead of parsing and checking their text) is exactly what compiling their text gives
//! now, and decides as the text does. When the text or the compiler changes, this fails; then
//! `ZEREN_UPDATE_COMPILED=1 cargo test --test compiled` writes it again.

use zeren::{Engine, Options};

const FILE: &str = "policies/compiled/national.postcard";

#[test]
fn the_compiled_form_is_current() {
    let fresh = Engine::national_from_text().expect("the measures load").to_compiled().expect("no warnings");
    if std::env::var_os("ZEREN_UPDATE_COMPILED").is_some() {
        std::fs::write(FILE, &fresh).expect("write");
    }
    let kept = std::fs::read(FILE).expect("the compiled form");
    assert!(
        kept == fresh,
        "{FILE} is not what compiling the national measures gives now: run `ZEREN_UPDATE_COMPILED=1 cargo test --test compiled`, then rebuild"
    );
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
