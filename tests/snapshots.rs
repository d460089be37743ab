//! Folders of inputs, each file snapshotted. Adding a case is adding a file:
//! - `examples/cases/*`: every example's JSON decision, its human output with the explanation
//!   (`--explain`) in zh, and in en with the what-ifs (`--what-if`) too;
//! - `examples/regions/LAYER/*.yaml`: the same, decided with the layer `policies/regions/LAYER`;
//! - `tests/diagnostics/cases/*.yaml`: broken case files (first line `# expect: CODE`; a line
//!   `# layer: NAME` decides them with `policies/regions/NAME.policy` loaded);
//! - `tests/diagnostics/policies/*.policy`: broken policy files (first line `// expect: CODE`),
//!   and folders of files loaded together (`*/a.policy` says what it expects);
//! - `tests/language/*.policy` with a case stream `*.yaml` beside it: one language feature each,
//!   its JSON decisions and its human output with `--explain` (the trace in words); and
//!   folders `tests/language/NAME/` of policies loaded together (a base set and its layers) with
//!   `cases.yaml`.
//!
//! - `tests/format/*.policy`: messy policy files, and their canonical layout.
//!
//! A broken input that is accepted, or rejected with another code, fails the test.

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use zeren::compile::Problem;
use zeren::{DecideError, Engine, Lang, Options, Source};

/// insta's `glob!` keeps its failure counts on one process-wide stack, so two globs running at
/// once can charge a failure to the wrong test. The glob tests take turns.
fn one_glob_at_a_time() -> MutexGuard<'static, ()> {
    static GLOB: Mutex<()> = Mutex::new(());
    GLOB.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn render(reports: &[impl Diagnostic]) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut out = String::new();
    for r in reports {
        // Through the safe copy the command line prints, which changes nothing on these inputs
        // (their lines are short) but the windowing of long lines.
        let safe = zeren::diagnostic::Safe::new(r);
        handler.render_report(&mut out, &safe).expect("rendering to a string cannot fail");
        out.push('\n');
    }
    out
}

fn codes(reports: &[impl Diagnostic]) -> Vec<String> {
    reports.iter().filter_map(|r| r.code().map(|c| c.to_string())).collect()
}

/// The code a broken fixture expects, from its first line.
fn expected_code(text: &str, path: &Path) -> String {
    let first = text.lines().next().unwrap_or_default();
    first
        .split("expect:")
        .nth(1)
        .map(|c| c.trim().to_string())
        .unwrap_or_else(|| panic!("{}: the first line must say `expect: zeren::…`", path.display()))
}

fn national() -> Engine {
    Engine::national().expect("the national measures check")
}

fn human(engine: &Engine, name: &str, text: &str, lang: Lang, explain: bool) -> String {
    human_with(engine, name, text, lang, explain, false)
}

/// The human output, with the explanation and the what-ifs when asked.
fn human_with(engine: &Engine, name: &str, text: &str, lang: Lang, explain: bool, what_if: bool) -> String {
    let options = Options { name: name.to_string(), lang, trace: explain, ..Options::default() };
    let frames = engine.cases(text, &options).expect("examples are valid");
    let mut out = String::new();
    for mut f in frames {
        let d = engine.decide_case(&mut f, &options);
        out.push_str(&engine.human(&d, explain));
        if what_if && d.open.is_none() {
            zeren::render::whatif::human(&mut out, &engine.program, &d, &engine.what_if(&f));
        }
        out.push('\n');
    }
    out
}

/// A fixture's policy files: the file itself, or for `DIR/a.policy` every `.policy` in DIR (in
/// name order), named relative to the crate.
fn policy_sources(path: &Path) -> Vec<Source> {
    let files: Vec<std::path::PathBuf> = if path.file_name().is_some_and(|n| n == "a.policy") {
        let mut v: Vec<_> = std::fs::read_dir(path.parent().expect("a folder"))
            .expect("readable folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "policy"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(f);
            Source::new(rel.display().to_string(), std::fs::read_to_string(f).expect("readable policy"))
        })
        .collect()
}

#[test]
fn examples() {
    let _turn = one_glob_at_a_time();
    let engine = national();
    insta::glob!("..", "examples/cases/*", |path| {
        let text = std::fs::read_to_string(path).expect("readable example");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("case");
        let json = engine.decide_text(name, &text, Lang::Zh).unwrap_or_else(|d| panic!("{name}: {d}"));
        insta::assert_snapshot!("json", json.join("\n"));
        insta::assert_snapshot!("zh", human(&engine, name, &text, Lang::Zh, true));
        insta::assert_snapshot!("en", human_with(&engine, name, &text, Lang::En, true, true));
    });
}

/// The national measures with one layer of `policies/regions/`.
fn with_layer(layer: &str) -> Engine {
    let mut sources: Vec<Source> = zeren::engine::NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)).collect();
    let path = format!("policies/regions/{layer}.policy");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} is readable"));
    sources.push(Source::new(path.clone(), text));
    Engine::from_sources(sources).unwrap_or_else(|d| panic!("{path} does not check:\n{d}"))
}

/// `examples/regions/LAYER/*.yaml`: cases decided under the national measures and the layer
/// `policies/regions/LAYER.policy`.
#[test]
fn layer_examples() {
    let _turn = one_glob_at_a_time();
    let mut engines: std::collections::HashMap<String, Engine> = Default::default();
    insta::glob!("..", "examples/regions/*/*.yaml", |path| {
        let layer = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default();
        let engine = engines.entry(layer.to_string()).or_insert_with(|| with_layer(layer));
        let text = std::fs::read_to_string(path).expect("readable example");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("case");
        let json = engine.decide_text(name, &text, Lang::Zh).unwrap_or_else(|d| panic!("{name}: {d}"));
        insta::assert_snapshot!("json", json.join("\n"));
        insta::assert_snapshot!("zh", human(engine, name, &text, Lang::Zh, true));
        insta::assert_snapshot!("en", human(engine, name, &text, Lang::En, true));
    });
}

#[test]
fn broken_cases() {
    let _turn = one_glob_at_a_time();
    let national = national();
    insta::glob!("..", "tests/diagnostics/cases/*.yaml", |path| {
        let text = std::fs::read_to_string(path).expect("readable fixture");
        let code = expected_code(&text, path);
        // `# layer: NAME` loads `policies/regions/NAME.policy` too.
        let layer = text.lines().find_map(|l| l.strip_prefix("# layer:")).map(str::trim);
        let with = layer.map(with_layer);
        let engine = with.as_ref().unwrap_or(&national);
        let name =
            format!("tests/diagnostics/cases/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or(""));
        let err = match engine.decide_text(&name, &text, Lang::Zh) {
            Ok(_) => panic!("{name} was accepted, but should give {code}"),
            Err(DecideError::Cases(e)) => e.problems,
            Err(e) => panic!("{name}: {e}"),
        };
        assert!(codes(&err).contains(&code), "{name}: expected {code}, got {:?}", codes(&err));
        insta::assert_snapshot!(render(&err));
    });
}

#[test]
fn broken_policies() {
    let _turn = one_glob_at_a_time();
    // One file (with the national measures unless it opens a set of its own), or a folder of
    // files loaded together (several layers), whose `a.policy` says what it expects.
    insta::glob!("..", "tests/diagnostics/policies/{*.policy,*/a.policy}", |path| {
        let text = std::fs::read_to_string(path).expect("readable fixture");
        let code = expected_code(&text, path);
        let own = policy_sources(path);
        let mut sources = vec![];
        if !own.iter().any(|s| zeren::engine::opens_set(&s.text)) {
            sources.extend(zeren::engine::NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)));
        }
        sources.extend(own);
        let name = path.display().to_string();
        let reports: Vec<Problem> = match Engine::from_sources(sources) {
            Ok(engine) => engine.warnings.into_iter().map(Problem::from).collect(),
            Err(errors) => errors.problems,
        };
        assert!(codes(&reports).contains(&code), "{name}: expected {code}, got {:?}", codes(&reports));
        insta::assert_snapshot!(render(&reports));
    });
}

#[test]
fn language_features() {
    let _turn = one_glob_at_a_time();
    // One policy with its cases beside it (`NAME.yaml`), or a folder of policies loaded
    // together (a base set and its layers) with `cases.yaml`.
    insta::glob!("..", "tests/language/{*.policy,*/a.policy}", |path| {
        let folder = path.file_name().is_some_and(|n| n == "a.policy");
        let sources = policy_sources(path);
        let name = path.display().to_string();
        let engine = Engine::from_sources(sources)
            .unwrap_or_else(|d| panic!("{name} does not check:\n{}", render(&d.problems)));
        assert!(engine.warnings.is_empty(), "{name} has warnings:\n{}", render(&engine.warnings));
        let cases = if folder { path.with_file_name("cases.yaml") } else { path.with_extension("yaml") };
        let ctext =
            std::fs::read_to_string(&cases).unwrap_or_else(|_| panic!("{} needs its cases", cases.display()));
        let json = engine
            .decide_text(&cases.display().to_string(), &ctext, Lang::En)
            .unwrap_or_else(|d| panic!("{}: {d}", cases.display()));
        insta::assert_snapshot!(json.join("\n"));
        let cname = cases.display().to_string();
        insta::assert_snapshot!("explain", human(&engine, &cname, &ctext, Lang::En, true));
    });
}

#[test]
fn national_measures_check_clean() {
    let engine = national();
    assert!(engine.warnings.is_empty(), "{}", render(&engine.warnings));
    let articles = engine.program.provisions.iter().filter(|p| p.parent.is_none()).count();
    assert_eq!(articles, 19, "all 19 articles are in the policy files");
}

/// `tests/format/*.policy`: messy policy files and their canonical layout. Formatting is
/// idempotent and changes nothing but whitespace outside strings and comments.
#[test]
fn formatting() {
    let _turn = one_glob_at_a_time();
    insta::glob!("..", "tests/format/*.policy", |path| {
        let text = std::fs::read_to_string(path).expect("readable");
        let once = zeren::fmt::format(&text);
        assert!(zeren::fmt::same_text(&text, &once), "{}: more than whitespace changed", path.display());
        assert_eq!(zeren::fmt::format(&once), once, "{}: formatting twice changes it", path.display());
        let name = path.display().to_string();
        Engine::from_sources(vec![Source::new(name.clone(), once.clone())])
            .unwrap_or_else(|d| panic!("{name}: the formatted file does not check:\n{d}"));
        insta::assert_snapshot!(once);
    });
}

/// Every policy file of the project is formatted, and formatting it again changes nothing.
#[test]
fn policy_files_are_formatted() {
    for dir in ["policies/national", "policies/regions"] {
        for e in std::fs::read_dir(dir).expect("folder").flatten() {
            let text = std::fs::read_to_string(e.path()).expect("readable");
            let once = zeren::fmt::format(&text);
            assert_eq!(once, text, "{} is not formatted: run `zeren fmt {dir}`", e.path().display());
        }
    }
    for e in std::fs::read_dir("tests/language").expect("folder").flatten() {
        if e.path().extension().is_some_and(|x| x == "policy") {
            let once = zeren::fmt::format(&std::fs::read_to_string(e.path()).expect("readable"));
            assert_eq!(zeren::fmt::format(&once), once, "{}", e.path().display());
        }
    }
}
