//! `zeren eval`: decide cases.

use super::{Format, Input};
use crate::engine::{DecideError, Options};
use crate::lang::Lang;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What to show beside the decision.
#[derive(Clone, Copy, Default)]
pub struct Show {
    pub explain: bool,
    pub trace: bool,
    pub what_if: bool,
    pub quote: Option<Lang>,
}

/// Reads a case file, or standard input for `-`. A policy file is not a case: it is loaded with
/// `--policy`.
fn read(path: &Path) -> Result<(String, String), ExitCode> {
    let p = path.display();
    let policy =
        || format!("{p} is a policy file, not a case: load it with `--policy {p}`, then give the cases");
    let usage = |e: String| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    };
    if path.extension().is_some_and(|x| x == "policy") {
        return Err(usage(policy()));
    }
    let text = if path.as_os_str() == "-" {
        crate::source::read_stdin(crate::source::MAX_STREAM_BYTES)
    } else {
        crate::source::read_at_most(path, crate::source::MAX_STREAM_BYTES)
    };
    let text = text.map_err(|e| {
        super::report(&e);
        ExitCode::from(e.exit_code())
    })?;
    let name = if path.as_os_str() == "-" { "<stdin>".to_string() } else { p.to_string() };
    if crate::engine::is_policy(&text) {
        return Err(usage(policy()));
    }
    Ok((name, text))
}

/// Whether a path is read as JSON Lines.
fn is_jsonl(path: &std::path::Path, input: Input) -> bool {
    input == Input::Jsonl || (input == Input::Auto && path.extension().is_some_and(|x| x == "jsonl"))
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    cases: &[PathBuf],
    input: Input,
    policy: &[PathBuf],
    region: Option<&str>,
    format: Format,
    lang: Lang,
    show: Show,
) -> ExitCode {
    let mut engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    for w in std::mem::take(&mut engine.warnings) {
        if matches!(w, crate::check::CheckError::Conflict { .. }) {
            super::report(&w);
        }
    }
    // Left to the process's end to free: dropping a set's thousands of allocations one by one
    // is a tenth of deciding one case from a cold start (benches/compare.sh, start-up).
    let engine = std::mem::ManuallyDrop::new(engine);
    let engine: &crate::Engine = &engine;
    let prog = &engine.program;
    if let Some(Err(e)) = region.map(|r| prog.region(r)) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    // The trace is for a reader who asks why: `--trace`, or `--explain` (which is built from it).
    let trace = show.trace || show.explain;
    // The decision as data cites the provisions applied as a whole; words for people and what-ifs
    // quote those that decided each key.
    let values_only = format != Format::Human && !show.what_if;
    let mut options = Options {
        name: String::new(),
        region: region.map(str::to_string),
        lang,
        trace,
        values_only,
        quote: show.quote,
    };
    // JSON Lines: independent records, decided and written as they stream through.
    let jsonl = cases.iter().filter(|p| is_jsonl(p, input)).count();
    if jsonl > 0 {
        if jsonl < cases.len() {
            eprintln!(
                "error: give JSON Lines files alone: their lines are independent cases, a YAML stream is one batch"
            );
            return ExitCode::from(2);
        }
        return jsonl_files(engine, cases, &options, show, format);
    }
    // Read and check every file first: nothing is decided if any input has an error. The checked
    // cases are held packed (about 300 bytes a case, against 6 KB as read; packing and unpacking
    // cost about 6% of reading a case, and holding less saves as much), and each is unpacked when
    // its turn comes to be decided.
    let mut texts = vec![];
    for path in cases {
        match read(path) {
            Ok(x) => texts.push(x),
            Err(code) => return code,
        }
    }
    let mut packed = vec![];
    let mut failed = false;
    for (name, text) in texts {
        options.name = name;
        match engine.cases_packed(&text, &options).map(|p| packed.extend(p)) {
            Ok(()) => {}
            Err(DecideError::Cases(es)) => {
                failed = true;
                for e in es.problems {
                    super::report(&e);
                }
            }
            Err(DecideError::Region(e)) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if failed {
        return ExitCode::from(1);
    }
    let many = packed.len() > 1;
    // A packed frame unpacks to the frame it was packed from; should one not, the batch stops
    // there and says so.
    let broken = std::cell::Cell::new(false);
    let unpacked = packed.into_iter().map_while(|p| {
        let f = p.unpack();
        broken.set(broken.get() || f.is_none());
        f
    });
    let code = super::batch::decided(engine, unpacked, many, &options, show, format);
    if broken.get() {
        eprintln!("error: a checked case could not be unpacked to be decided (a fault in zeren)");
        return ExitCode::from(2);
    }
    code
}

/// Each JSON Lines file, line by line (`-` is standard input).
fn jsonl_files(
    engine: &crate::Engine,
    cases: &[PathBuf],
    options: &Options,
    show: Show,
    format: Format,
) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut code = ExitCode::SUCCESS;
    for path in cases {
        let name = path.display().to_string();
        let status = if path.as_os_str() == "-" {
            super::batch::run(
                engine,
                "<stdin>",
                std::io::BufReader::with_capacity(1 << 16, std::io::stdin()),
                false,
                options,
                show,
                format,
                &mut out,
            )
        } else {
            match std::fs::File::open(path) {
                Ok(f) => {
                    // A file of a few cases is decided on this thread.
                    let small = f.metadata().is_ok_and(|m| m.len() < 1 << 16);
                    let input = std::io::BufReader::with_capacity(1 << 16, f);
                    super::batch::run(engine, &name, input, small, options, show, format, &mut out)
                }
                Err(e) => {
                    eprintln!("error: cannot read {name}: {e}");
                    return ExitCode::from(2);
                }
            }
        };
        if status != ExitCode::SUCCESS {
            code = status;
        }
    }
    code
}
