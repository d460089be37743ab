//! The command line's arguments, as clap reads them: the commands and their options, and the
//! formats they write. `cli.rs` runs them.

use crate::render::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "zeren",
    version,
    about = "Decides petition-work accountability cases under 《信访工作责任制实施办法》, written as data"
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
    /// The most problems printed in full; the others are counted by their code
    #[arg(long, global = true, value_name = "N", default_value_t = crate::diagnostic::MAX_SHOWN)]
    pub(super) max_errors: usize,
}

#[derive(Subcommand)]
pub(super) enum Command {
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
    /// Decide cases under two policy sets and report the cases decided differently, with the
    /// provisions that caused it and a summary table. The sets: the base and the base with more
    /// layers (`--with`), or two versions (`--before`/`--after`, or `--before-rev REV` for the
    /// policies as a git revision has them)
    Diff {
        #[arg(required = true)]
        cases: Vec<PathBuf>,
        /// Layers both sides load (repeatable; the national measures are always loaded)
        #[arg(long)]
        base: Vec<PathBuf>,
        /// Layers only the second side loads (repeatable)
        #[arg(long, required_unless_present_any = ["after", "before_rev"], conflicts_with_all = ["before", "after", "before_rev"])]
        with: Vec<PathBuf>,
        /// The first side: a complete set of layers (files or folders; repeatable)
        #[arg(long)]
        before: Vec<PathBuf>,
        /// The second side: a complete set of layers (files or folders; repeatable)
        #[arg(long)]
        after: Vec<PathBuf>,
        /// Take the first side's policies (`--before`, else the `--after` paths) from this git
        /// revision of the repository the command runs in
        #[arg(long, value_name = "REV", requires = "after")]
        before_rev: Option<String>,
        /// The region that selects layers, on each side where it is declared
        #[arg(long)]
        region: Option<String>,
        /// Print both explanations of each case decided differently
        #[arg(long)]
        explain: bool,
        /// JSON instead of text (the same as `--format json`)
        #[arg(long)]
        json: bool,
        /// For people, JSON, or Markdown for a pull request's comment
        #[arg(long, value_enum, default_value = "human")]
        format: DiffFormat,
        /// Exit 1 when any case is decided differently (for CI)
        #[arg(long)]
        fail_on_change: bool,
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
    /// Keep each case file's decisions as a snapshot file in a store, and say which change: a
    /// first run writes them, later runs leave each change pending (`.snap.json.new`) and fail
    Snapshot {
        /// Case files or folders (their snapshots mirror their paths)
        #[arg(required = true)]
        cases: Vec<PathBuf>,
        /// More policy files or folders, loaded with the national measures (repeatable)
        #[arg(long)]
        policy: Vec<PathBuf>,
        /// The folder of the snapshots
        #[arg(long, value_name = "DIR")]
        store: PathBuf,
        /// Write nothing; fail when any decision differs from its snapshot (or has none)
        #[arg(long, conflicts_with = "accept")]
        check: bool,
        /// Make every change the snapshot (and remove those of deleted cases)
        #[arg(long)]
        accept: bool,
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
    },
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
pub(super) enum AnalyzeWhat {
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

/// How `zeren diff` reports.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum DiffFormat {
    Human,
    Json,
    Markdown,
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
pub(crate) enum LangArg {
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
