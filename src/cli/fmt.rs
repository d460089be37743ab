//! `zeren fmt`: rewrite policy files in the canonical layout (`--check`: only say which would
//! change, and fail if any would; `--diff`: show how, as a unified diff, and fail the same way).

use super::{out, outln};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn policy_files(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(p).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        entries.sort();
        for e in entries {
            // A link out of the folder is left alone (and never written through).
            if crate::source::inside(p, &e).is_err() {
                continue;
            }
            if e.is_dir() || e.extension().is_some_and(|x| x == "policy") {
                policy_files(&e, out);
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
}

pub fn run(paths: &[PathBuf], check: bool, diff: bool) -> ExitCode {
    // `--diff` changes nothing either: it shows what would change.
    let check = check || diff;
    let mut files = vec![];
    for p in paths {
        if !p.exists() {
            eprintln!("error: no such file or folder: {}", p.display());
            return ExitCode::from(2);
        }
        policy_files(p, &mut files);
    }
    let mut changed = vec![];
    for f in &files {
        let text = match crate::source::read_file(f) {
            Ok(t) => t,
            Err(e) => {
                super::report(&e);
                return ExitCode::from(e.exit_code());
            }
        };
        // The indent grows with the nesting: a text nested past the policy bound is refused
        // (60,000 lines of `{` would be indented into gigabytes).
        let source = crate::source::Source::new(f.display().to_string(), text.as_str());
        if let Err(e) = crate::syntax::depth::check_nesting(&source) {
            eprintln!("{:?}", miette::Report::new(e));
            return ExitCode::from(1);
        }
        let formatted = crate::fmt::format(&text);
        if !crate::fmt::same_text(&text, &formatted) {
            // Cannot happen unless the formatter is wrong; never write such a result.
            eprintln!("error: formatting {} would change more than whitespace; left as it is", f.display());
            return ExitCode::from(1);
        }
        if formatted != text {
            changed.push(f.display().to_string());
            if diff {
                let name = f.display().to_string();
                let d = similar::TextDiff::from_lines(&text, &formatted);
                out!("{}", d.unified_diff().context_radius(3).header(&name, &name));
            }
            if !check && let Err(e) = std::fs::write(f, &formatted) {
                eprintln!("error: cannot write {}: {e}", f.display());
                return ExitCode::from(2);
            }
        }
    }
    match (check, changed.is_empty()) {
        (true, true) => {
            outln!("{} files already formatted", files.len());
            ExitCode::SUCCESS
        }
        (true, false) => {
            for c in &changed {
                outln!("would reformat {c}");
            }
            outln!(
                "{} of {} files would be reformatted; run `zeren fmt` on them",
                changed.len(),
                files.len()
            );
            ExitCode::from(1)
        }
        (false, _) => {
            for c in &changed {
                outln!("formatted {c}");
            }
            outln!("{} files, {} reformatted", files.len(), changed.len());
            ExitCode::SUCCESS
        }
    }
}
