// `zeren fmt` round-trips: for every policy file of the repository, and for random whitespace and
// comment layouts of them, formatting twice changes nothing and the formatted text compiles to an
// equal program (its structure without positions) deciding the same cases the same way.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use zeren::{Engine, Lang, Options, Source};

/// Every policy file of the repository's policies, language tests, guide and format tests.
fn policy_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "policy") {
                out.push(p);
            }
        }
    }
    let mut out = vec![];
    for d in ["policies", "tests/language", "docs/guide", "tests/format"] {
        walk(Path::new(d), &mut out);
    }
    assert!(out.len() > 30, "policy files found: {}", out.len());
    out
}

/// The first word of a policy text's header (`measures`, `layer` or `part`).
fn header_word(text: &str) -> &str {
    let header = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("//"));
    header.and_then(|l| l.split_whitespace().next()).unwrap_or_default()
}

/// The engine a file is part of, with `text` in its place: a file of a folder that holds a set in
/// several files (`part of …`) with the folder's other files, the set's opening file first; any
/// other file alone, as `zeren check FILE` loads it (a layer over the national measures, or a set
/// of its own).
fn load(path: &Path, text: &str) -> Result<Engine, Vec<String>> {
    let mut folder: Vec<(PathBuf, String)> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "policy"))
        .map(|p| {
            let t = if p == path { text.to_string() } else { std::fs::read_to_string(&p).unwrap() };
            (p, t)
        })
        .collect();
    let result = if folder.iter().any(|(_, t)| header_word(t) == "part") {
        folder.sort_by_key(|(p, t)| (header_word(t) != "measures", p.clone()));
        Engine::from_sources(
            folder.iter().map(|(p, t)| Source::new(p.to_string_lossy(), t.as_str())).collect(),
        )
    } else {
        Engine::load(vec![Source::new(path.to_string_lossy(), text)])
    };
    result.map_err(|e| e.problems.iter().map(|p| code(p)).collect())
}

fn code(d: &dyn miette::Diagnostic) -> String {
    d.code().map(|c| c.to_string()).unwrap_or_default()
}

/// The compiled program without what depends on the layout: the source texts, the layers'
/// digests of them, and byte positions (`Span { … }` in its debug form).
fn meaning(engine: &Engine) -> String {
    let mut p = engine.program.clone();
    p.sources.clear();
    for l in &mut p.layers {
        l.digest.clear();
    }
    let text = format!("{p:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("Span {") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        rest = &rest[i..];
        rest = &rest[rest.find('}').unwrap() + 1..];
    }
    out.push_str(rest);
    let warnings: Vec<String> = engine.warnings.iter().map(|w| code(w)).collect();
    format!("{out}\nwarnings: {warnings:?}")
}

/// The cases a file is tried on: its own (`NAME.yaml` beside it, the guide's `case*.yaml`), else the
/// examples.
fn cases(path: &Path, limit: usize) -> Vec<String> {
    let dir = path.parent().unwrap();
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy();
            p.extension().is_some_and(|x| x == "yaml")
                && (p.with_extension("policy") == *path || stem.starts_with("case"))
        })
        .collect();
    if found.is_empty() {
        found = std::fs::read_dir("examples/cases").unwrap().map(|e| e.unwrap().path()).collect();
    }
    found.sort();
    found.truncate(limit);
    found.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// Each case's decisions as JSON (without the layers' digests of their texts), or its error.
fn decisions(engine: &Engine, cases: &[String]) -> Vec<Result<Vec<serde_json::Value>, String>> {
    let options = Options { lang: Lang::En, trace: true, ..Options::default() };
    let decide = |c: &String| {
        let mut values = engine.decide_values(c, &options).map_err(|e| format!("{e}"))?;
        for v in &mut values {
            v.as_object_mut().map(|o| o.remove("digests"));
        }
        Ok(values)
    };
    cases.iter().map(decide).collect()
}

/// Formats `text` (a layout of the file at `path`) and checks the round trip against `original`
/// (the file as written, or the layout); returns whether it loads (so a caller can tell the
/// property was not vacuous).
fn round_trip(path: &Path, original: &str, text: &str, case_limit: usize) -> Result<bool, TestCaseError> {
    let once = zeren::fmt::format(text);
    let twice = zeren::fmt::format(&once);
    prop_assert_eq!(&twice, &once, "{}: formatting twice changed the text", path.display());
    let (before, after) = (load(path, original), load(path, &once));
    match (&before, &after) {
        (Ok(a), Ok(b)) => {
            prop_assert!(
                meaning(a) == meaning(b),
                "{}: the formatted text compiles differently",
                path.display()
            );
            let cases = cases(path, case_limit);
            let same = decisions(a, &cases) == decisions(b, &cases);
            prop_assert!(same, "{}: the formatted text decides its cases otherwise", path.display());
        }
        (Err(a), Err(b)) => prop_assert_eq!(a, b, "{}: other diagnostics once formatted", path.display()),
        _ => prop_assert!(
            false,
            "{}: loads {} before formatting, {} after",
            path.display(),
            before.is_ok(),
            after.is_ok()
        ),
    }
    Ok(before.is_ok())
}

#[test]
fn every_policy_file_round_trips() {
    let files = policy_files();
    let mut loaded = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        loaded += round_trip(path, &text, &text, usize::MAX).unwrap() as usize;
    }
    // Most files are complete sets or layers; a round trip of only failures would prove little.
    assert!(loaded * 4 > files.len() * 3, "{loaded} of {} files load", files.len());
}

#[test]
fn the_comparison_sees_a_changed_rule() {
    // `meaning` is not blind: changing one condition of the national measures changes it.
    let (name, text) = zeren::engine::NATIONAL[1];
    let path = Path::new(name);
    let changed = text.replacen("harm >= serious", "harm >= minor", 1);
    assert!(changed != text, "the rule to change is not in the national measures");
    let (a, b) = (load(path, text).unwrap(), load(path, &changed).unwrap());
    assert!(meaning(&a) != meaning(&b), "a changed condition leaves the compared program equal");
}

/// A random layout of `text`: lines indented anyhow, spaces between tokens doubled or tripled,
/// trailing spaces and blank lines added, and with `comments` comment lines; strings and comments
/// untouched.
fn perturb(text: &str, seed: u64, comments: bool) -> String {
    let mut state = seed | 1;
    let mut roll = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let (mut out, mut in_string, mut in_comment, mut line_start) = (String::new(), false, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if line_start && !in_string {
            out.push_str(&" ".repeat(roll(9) as usize));
        }
        line_start = false;
        match c {
            '"' if !in_comment => in_string = !in_string,
            '\\' if in_string => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
                continue;
            }
            '/' if !in_string && chars.peek() == Some(&'/') => in_comment = true,
            ' ' if !in_string && !in_comment => {
                out.push_str(&" ".repeat(1 + roll(3) as usize));
                continue;
            }
            '\n' if !in_string => {
                in_comment = false;
                out.push_str(&" ".repeat(roll(3) as usize));
                out.push('\n');
                match roll(8) {
                    0 => out.push('\n'),
                    1 if comments => out.push_str("// a comment the layout adds\n"),
                    _ => {}
                }
                line_start = true;
                continue;
            }
            '\n' => line_start = true,
            _ => {}
        }
        out.push(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_layouts_round_trip(file in any::<prop::sample::Index>(), seed in any::<u64>()) {
        let files = policy_files();
        let path = &files[file.index(files.len())];
        let text = std::fs::read_to_string(path).unwrap();
        let layout = perturb(&text, seed, false);
        prop_assume!(layout != text);
        // Whitespace alone: the formatted layout means what the file as written means.
        round_trip(path, &text, &layout, 8)?;
    }

    #[test]
    fn random_layouts_with_comments_round_trip(file in any::<prop::sample::Index>(), seed in any::<u64>()) {
        let files = policy_files();
        let path = &files[file.index(files.len())];
        let text = std::fs::read_to_string(path).unwrap();
        let layout = perturb(&text, seed, true);
        // A comment inside an expression is kept in the text a layer's guard shows (`zeren check`),
        // so the comparison is with the layout itself: formatting it keeps its meaning.
        round_trip(path, &layout, &layout, 8)?;
    }
}
