//! The stages only look down: a module of `src/` may use the root utilities and the stages below
//! its own, never one above it or a sibling at its level. The table is ARCHITECTURE.md's; this
//! test reads every file of `src/` and fails on each `crate::STAGE` a file may not name.

use std::path::Path;

/// Each top-level module of `src/` and its level: a module may use only levels below its own
/// (and its own module). Level 0 is the root utilities, which use no stage.
const LEVELS: &[(&str, u8)] = &[
    ("date", 0),
    ("diagnostic", 0),
    ("fmt", 0),
    ("lang", 0),
    ("source", 0),
    ("suggest", 0),
    ("syntax", 1),
    ("program", 2),
    ("solve", 3),
    ("check", 4),
    ("compile", 5),
    ("facts", 5),
    ("eval", 6),
    ("analyze", 7),
    ("render", 8),
    ("engine", 9),
    ("scenario", 10),
    ("serve", 11),
    ("lsp", 11),
    ("cli", 12),
];

fn level(module: &str) -> Option<u8> {
    LEVELS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every `.rs` file under a folder.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The modules a line names as `crate::module`, outside comments.
fn named(line: &str) -> Vec<&str> {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices("crate::")
        .map(|(i, m)| {
            let rest = &code[i + m.len()..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn stages_import_only_downward() {
    let mut all = vec![];
    files(Path::new("src"), &mut all);
    all.sort();
    let mut wrong = vec![];
    let mut checked = 0;
    for path in &all {
        let rel = path.strip_prefix("src").expect("under src");
        let first = rel.components().next().expect("a component").as_os_str().to_string_lossy().to_string();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(mine) = level(&module) else {
            wrong.push(format!("{}: module `{module}` is not in the table of levels", path.display()));
            continue;
        };
        let text = std::fs::read_to_string(path).expect("readable");
        for (n, line) in text.lines().enumerate() {
            for other in named(line) {
                checked += 1;
                if other == module {
                    continue;
                }
                let Some(theirs) = level(other) else { continue };
                if theirs >= mine {
                    wrong.push(format!(
                        "{}:{}: `{module}` (level {mine}) uses `{other}` (level {theirs}): {}",
                        path.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} uses found: is the test reading src/?");
    assert!(wrong.is_empty(), "stages that look up or sideways:\n{}", wrong.join("\n"));
}

/// The test itself catches a use upward: a line of `solve` naming `eval` is reported.
#[test]
fn a_use_upward_is_seen() {
    assert_eq!(named("use crate::eval::run; // crate::render in a comment"), ["eval"]);
    assert_eq!(named("let x = crate::program::meaning::truthy(&e, &cx);"), ["program"]);
    assert!(level("eval") > level("solve"));
}
