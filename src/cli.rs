//! Stage 6: the command line (`zeren eval | check | articles`). Each command is a file; this
//! one parses arguments, sets up diagnostics, and maps outcomes to exit codes.

mod analyze;
mod articles;
mod batch;
mod check;
mod diff;
mod eval;
mod fmt;
mod init;
mod schema;
mod test;
mod test_report;

use crate::render::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "zeren",
    version,
    about = "Decides petition-work accountability cases under 《信访工作责任制实施办法》, written as data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide each case (a file with one case or a YAML stream, or JSON Lines; `-` reads standard
    /// input)
    Eval {
        #[arg(required = true)]
        cases: Vec<PathBuf>,
        /// How the input is read: a case or a YAML stream (`yaml`, JSON too), or a batch of
        /// independent cases one JSON object a line (`jsonl`, also chosen by a `.jsonl` name)
        #[arg(long, value_enum, default_value = "auto")]
        input: Input,
        /// More policy files or folders, loaded with the national measures (repeatable)
        #[arg(long)]
        policy: Vec<PathBuf>,
        /// Use this region's implementing rules, whatever the case says
        #[arg(long)]
        region: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
        /// Show every rule considered, why it applied or why not
        #[arg(long)]
        explain: bool,
        /// Keep the full trace (every rule considered, on which facts) in `--format json|yaml`
        #[arg(long)]
        trace: bool,
        /// Quote the provisions in this language in `--explain` (`--lang en --quote zh`: the
        /// Chinese text, which governs)
        #[arg(long, value_enum)]
        quote: Option<LangArg>,
        /// Also list the changes of one fact that would change the outcome
        #[arg(long)]
        what_if: bool,
    },
    /// Parse and check policy files (the embedded national measures when no path is given)
    Check {
        paths: Vec<PathBuf>,
        /// The same as a path: policy files or folders (repeatable), as `eval` and `analyze` take them
        #[arg(long)]
        policy: Vec<PathBuf>,
        /// How to report: for people, or every diagnostic as JSON
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
    },
    /// Run scenario files (a case and what its decision must contain); `tests/scenarios` by default
    Test {
        paths: Vec<PathBuf>,
        /// Report which provisions, exceptions and rungs no scenario exercised, layer by layer
        #[arg(long)]
        coverage: bool,
        /// Fail when coverage is below this percentage (implies --coverage)
        #[arg(long, value_name = "N")]
        coverage_min: Option<f64>,
        /// Report (and hold to --coverage-min) the coverage of this layer only (implies --coverage)
        #[arg(long, value_name = "ID")]
        layer: Option<String>,
        /// Run only the scenarios whose name or file contains this text
        #[arg(long, value_name = "PATTERN")]
        filter: Option<String>,
        /// Print each scenario's file, name and result
        #[arg(short, long)]
        verbose: bool,
        /// How to report: for people, JSON, or JUnit XML for CI systems
        #[arg(long, value_enum, default_value = "human")]
        format: TestFormat,
    },
    /// Rewrite policy files in the canonical layout, keeping comments and texts byte for byte
    Fmt {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Change nothing; fail if a file would change
        #[arg(long)]
        check: bool,
        /// Change nothing; print how each file would change (a unified diff), and fail if any would
        #[arg(long)]
        diff: bool,
    },
    /// Analyses over all cases: `gaps` (where a conclusion is left undecided), `conflicts` (rules
    /// that disagree, each with a case file that shows it)
    Analyze {
        #[command(subcommand)]
        what: AnalyzeWhat,
    },
    /// Decide cases under two policy sets (the base, and the base with more layers) and report
    /// the cases decided differently, with a summary table
    Diff {
        #[arg(required = true)]
        cases: Vec<PathBuf>,
        /// Layers both sides load (repeatable; the national measures are always loaded)
        #[arg(long)]
        base: Vec<PathBuf>,
        /// Layers only the second side loads (repeatable)
        #[arg(long, required = true)]
        with: Vec<PathBuf>,
        /// The region that selects layers, on each side where it is declared
        #[arg(long)]
        region: Option<String>,
        /// Print both explanations of each case decided differently
        #[arg(long)]
        explain: bool,
        /// JSON instead of text
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
    },
    /// Serve decisions over HTTP, and the workbench for policy authors at `/` (stop with Ctrl-C;
    /// SIGHUP reloads the policies)
    #[cfg(feature = "serve")]
    Serve {
        /// More policy files or folders, loaded with the national measures (repeatable; read
        /// again on reload)
        #[arg(long)]
        policy: Vec<PathBuf>,
        /// Where to listen (port 0 picks a free port; the first line printed says which)
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// The largest request body read, in bytes (larger: 413)
        #[arg(long, default_value_t = 4 << 20, value_name = "BYTES")]
        max_body: usize,
        /// How long a request may take, in milliseconds (longer: 503)
        #[arg(long, default_value_t = 10_000, value_name = "MS")]
        deadline_ms: u64,
        /// How many requests are served at once (more: 503 with Retry-After)
        #[arg(long, default_value_t = 256, value_name = "N")]
        max_in_flight: usize,
    },
    /// A language server for editors of policy files, over standard input and output
    /// (editors/vscode/ starts it)
    #[cfg(feature = "lsp")]
    Lsp,
    /// Print the JSON Schema of a case for the loaded set (every key, type, value, default and label)
    Schema {
        /// More policy files or folders, loaded with the national measures (repeatable)
        #[arg(long)]
        policy: Vec<PathBuf>,
        /// The schema's language (JSON Schema, draft 2020-12, is the one there is)
        #[arg(long, value_enum, default_value = "json-schema")]
        format: SchemaFormat,
    },
    /// Print a completion script for a shell (`zeren completions bash > /etc/bash_completion.d/zeren`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Start a layer of implementing rules: a folder with the layer's file and a first scenario
    /// that passes
    Init {
        /// The layer's id (`example-province-2019`)
        id: String,
        /// Who issues it, as its header names them (`中共某省委办公厅 某省人民政府办公厅`)
        #[arg(long)]
        issuer: String,
        /// The kind of issuer (Article 17: province, autonomous_region, municipality,
        /// central_department, central_military_commission)
        #[arg(long)]
        kind: String,
        /// The region whose cases it decides (default: the id without its year, `example_province`)
        #[arg(long)]
        region: Option<String>,
        /// Its title (default: the issuer's name and 实施细则)
        #[arg(long)]
        title: Option<String>,
        /// The day it takes effect
        #[arg(long, default_value = "2017-01-01", value_name = "YYYY-MM-DD")]
        effective: String,
        /// The folder to create (default: the id)
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Print the text of an article (or all), with the rules attached to it
    Articles {
        id: Option<String>,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
        /// Layers of implementing rules to show with the national measures (repeatable)
        #[arg(long)]
        policy: Vec<PathBuf>,
        /// Scenario files or folders whose cases are matched to the provisions they exercise
        /// (default: tests/scenarios when it exists)
        #[arg(long)]
        scenarios: Vec<PathBuf>,
        /// Show each rule's id and its source (`then …`), for writing exceptions to it
        #[arg(long)]
        ids: bool,
    },
}

#[derive(Subcommand)]
enum AnalyzeWhat {
    /// Pairs of rules that can both apply and conclude differently, with a witness case each
    Conflicts {
        /// Layers of implementing rules to load with the national measures (repeatable)
        #[arg(long)]
        policy: Vec<PathBuf>,
        /// Write each witness as a case file in this folder
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
    },
    /// Combinations of facts that leave a conclusion undecided where the policies say it must be
    Gaps {
        /// Layers of implementing rules to load with the national measures (repeatable)
        #[arg(long)]
        policy: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
    },
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    /// One JSON object a line, each written as soon as it is decided.
    Jsonl,
    Yaml,
}

/// How `zeren test` reports.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum TestFormat {
    Human,
    Json,
    Junit,
}

/// The language of `zeren schema`.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum SchemaFormat {
    JsonSchema,
}

/// How `zeren check` reports.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum CheckFormat {
    Human,
    Json,
}

/// How `zeren eval` reads its input.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum Input {
    /// JSON Lines for a `.jsonl` file, a case or a YAML stream otherwise.
    Auto,
    Yaml,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

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

/// The codes of the diagnostics [`report`] did not print, each with how many.
static OMITTED: std::sync::Mutex<std::collections::BTreeMap<String, usize>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// Prints a diagnostic to standard error through its [safe copy](crate::diagnostic::Safe), unless
/// [`MAX_SHOWN`](crate::diagnostic::MAX_SHOWN) have been printed already: those are counted by
/// code, and [`report_omitted`] says how many.
pub(crate) fn report(d: &dyn miette::Diagnostic) {
    let n = REPORTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if n < crate::diagnostic::MAX_SHOWN {
        eprintln!("{:?}", miette::Report::new(crate::diagnostic::Safe::new(d)));
    } else if let Ok(mut omitted) = OMITTED.lock() {
        let code = d.code().map_or_else(|| "(no code)".to_string(), |c| c.to_string());
        *omitted.entry(code).or_default() += 1;
    }
}

/// Says how many diagnostics [`report`] did not print, and of which codes.
fn report_omitted() {
    let n = REPORTED.load(std::sync::atomic::Ordering::Relaxed);
    if let Some(more) = n.checked_sub(crate::diagnostic::MAX_SHOWN).filter(|&m| m > 0) {
        eprintln!(
            "… and {more} more problem(s) not shown: only the first {} of {n} are printed in full",
            crate::diagnostic::MAX_SHOWN
        );
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
        Command::Diff { cases, base, with, region, explain, json, lang } => {
            diff::run(&cases, &base, &with, region.as_deref(), explain, json, lang.into())
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
