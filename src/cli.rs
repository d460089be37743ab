//! Stage 6: the command line (`zeren eval | check | articles`). Each command is a file; this
//! one parses arguments, sets up diagnostics, and maps outcomes to exit codes.

mod analyze;
mod args;
mod articles;
mod batch;
mod check;
mod diff;
mod eval;
mod fmt;
mod git;
mod init;
mod schema;
mod snapshot;
mod test;
mod test_report;

use args::*;
use clap::Parser;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Writes to standard output. When the reader has gone (`zeren articles | head`), stops quietly
/// instead of failing: nothing more can be shown.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|_| out.flush()).is_err() {
        std::process::exit(0);
    }
}

/// `println!` to standard output through [`emit`].
macro_rules! outln {
    () => { $crate::cli::emit("\n") };
    ($($t:tt)*) => { $crate::cli::emit(&(format!($($t)*) + "\n")) };
}

/// `print!` to standard output through [`emit`].
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::emit(&format!($($t)*)) };
}

pub(crate) use {out, outln};

/// How many diagnostics [`report`] has been given.
static REPORTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many diagnostics [`report`] prints in full (`--max-errors`).
static SHOWN: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(crate::diagnostic::MAX_SHOWN);

/// The codes of the diagnostics [`report`] did not print, each with how many.
static OMITTED: std::sync::Mutex<std::collections::BTreeMap<String, usize>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// Prints a diagnostic to standard error through its [safe copy](crate::diagnostic::Safe), unless
/// `--max-errors` of them have been printed already: those are counted by code, and
/// [`report_omitted`] says how many.
pub(crate) fn report(d: &dyn miette::Diagnostic) {
    let n = REPORTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if n < SHOWN.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("{:?}", miette::Report::new(crate::diagnostic::Safe::new(d)));
    } else if let Ok(mut omitted) = OMITTED.lock() {
        let code = d.code().map_or_else(|| "(no code)".to_string(), |c| c.to_string());
        *omitted.entry(code).or_default() += 1;
    }
}

/// Says how many diagnostics [`report`] did not print, and of which codes.
fn report_omitted() {
    let n = REPORTED.load(std::sync::atomic::Ordering::Relaxed);
    let shown = SHOWN.load(std::sync::atomic::Ordering::Relaxed);
    if let Some(more) = n.checked_sub(shown).filter(|&m| m > 0) {
        match shown {
            0 => eprintln!("{n} problem(s), counted by code (--max-errors N prints the first N in full):"),
            _ => eprintln!(
                "… and {more} more problem(s) not shown: only the first {shown} of {n} are printed in full (--max-errors N for more)"
            ),
        }
        if let Ok(omitted) = OMITTED.lock() {
            for (code, count) in omitted.iter() {
                eprintln!("  {count:>7}  {code}");
            }
        }
    }
}

/// Runs the command line; returns the process's exit code.
pub fn main() -> ExitCode {
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(miette::MietteHandlerOpts::new().color(color).unicode(true).terminal_links(false).build())
    }));
    let cli = Cli::parse();
    SHOWN.store(cli.max_errors, std::sync::atomic::Ordering::Relaxed);
    let code = match cli.command {
        Command::Eval { cases, input, policy, region, format, lang, explain, trace, quote, what_if } => {
            eval::run(
                &cases,
                input,
                &policy,
                region.as_deref(),
                format,
                lang.into(),
                eval::Show { explain, trace, what_if, quote: quote.map(Into::into) },
            )
        }
        Command::Check { paths, policy, format } => check::run(&[paths, policy].concat(), format),
        Command::Diff {
            cases,
            base,
            with,
            before,
            after,
            before_rev,
            region,
            explain,
            json,
            format,
            fail_on_change,
            lang,
        } => {
            let sides = if with.is_empty() {
                diff::Sides::Versions { before: &before, after: &after, rev: before_rev.as_deref() }
            } else {
                diff::Sides::Added { base: &base, with: &with }
            };
            let format = if json { DiffFormat::Json } else { format };
            let shown = diff::Shown { explain, format, lang: lang.into(), fail_on_change };
            diff::run(&cases, sides, region.as_deref(), shown)
        }
        Command::Analyze { what: AnalyzeWhat::Conflicts { policy, out, lang } } => {
            analyze::conflicts(&policy, out.as_ref(), lang.into())
        }
        Command::Analyze { what: AnalyzeWhat::Gaps { policy, lang } } => analyze::gaps(&policy, lang.into()),
        Command::Fmt { paths, check, diff } => fmt::run(&paths, check, diff),
        Command::Test { paths, coverage, coverage_min, layer, filter, verbose, format } => {
            let asked = test::Asked {
                coverage,
                min: coverage_min,
                layer: layer.as_deref(),
                filter: filter.as_deref(),
                verbose,
                format,
            };
            test::run(&paths, asked)
        }
        #[cfg(feature = "serve")]
        Command::Serve { policy, addr, max_body, deadline_ms, max_in_flight } => {
            let mut engine = match engine(&policy) {
                Ok(e) => e,
                Err(code) => return code,
            };
            if engine.conflicts().next().is_some() {
                for w in std::mem::take(&mut engine.warnings) {
                    if matches!(w, crate::check::CheckError::Conflict { .. }) {
                        report(&w);
                    }
                }
                eprintln!("error: the policies have conflicts between rules; `zeren check` shows them");
                return ExitCode::from(1);
            }
            let limits = crate::serve::Limits {
                max_body,
                deadline: std::time::Duration::from_millis(deadline_ms),
                in_flight: max_in_flight.max(1),
            };
            ExitCode::from(crate::serve::run(engine, crate::serve::Config { addr, paths: policy, limits }))
        }
        #[cfg(feature = "lsp")]
        Command::Lsp => ExitCode::from(crate::lsp::run()),
        Command::Schema { policy, format: SchemaFormat::JsonSchema } => schema::run(&policy),
        Command::Snapshot { cases, policy, store, check, accept, lang } => {
            let mode = match (check, accept) {
                (true, _) => snapshot::Mode::Check,
                (_, true) => snapshot::Mode::Accept,
                _ => snapshot::Mode::Write,
            };
            snapshot::run(&cases, &policy, &store, mode, lang.into())
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            // Written whole to a buffer first: clap_complete panics when its writer fails (a
            // closed pipe), and a closed pipe is nothing wrong.
            let mut script = vec![];
            clap_complete::generate(shell, &mut Cli::command(), "zeren", &mut script);
            let _ = std::io::Write::write_all(&mut std::io::stdout(), &script);
            ExitCode::SUCCESS
        }
        Command::Init { id, issuer, kind, region, title, effective, dir } => init::run(init::Asked {
            id: &id,
            issuer: &issuer,
            kind: &kind,
            region: region.as_deref(),
            title: title.as_deref(),
            effective: &effective,
            dir: dir.as_deref(),
        }),
        Command::Articles { id, lang, policy, scenarios, ids } => {
            articles::run(id.as_deref(), lang.into(), &policy, &scenarios, ids)
        }
    };
    report_omitted();
    code
}

/// The national measures plus any extra policy files; or, when the files open a set of
/// measures of their own (`measures ID { … }`), those files alone.
pub fn engine(extra: &[PathBuf]) -> Result<crate::Engine, ExitCode> {
    let more = match crate::source::read_policies(extra) {
        Ok(more) => more,
        Err(e) => {
            report(&e);
            return Err(ExitCode::from(e.exit_code()));
        }
    };
    crate::Engine::load(more).map_err(|e| {
        for p in e.problems {
            report(&p);
        }
        ExitCode::from(1)
    })
}
