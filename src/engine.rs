//! The library's front door: load a policy set once ([`Engine::load`]), then decide case texts
//! ([`Engine::decide`]) and ask the engine what-ifs and gaps. Errors are data
//! ([`LoadErrors`], [`CaseErrors`]) that implement `std::error::Error` and `miette::Diagnostic`.
//! Beside it: the texts embedded in zeren (`embedded.rs`), the national measures' compiled form
//! (`compiled.rs`), and a decision written out (`output.rs`).

mod compiled;
mod embedded;
mod output;

pub use compiled::{NATIONAL_COMPILED, NATIONAL_SYNTAX, national_syntax, national_syntax_from_text};
pub(crate) use embedded::all_known_facts;
use embedded::header_line;
pub use embedded::{KNOWN_LAYERS, NATIONAL, continues, is_policy, national_id, opens_set};

use crate::analyze;
use crate::check::CheckError;
use crate::compile::{self, Plan, Problem};
use crate::eval::{self, Decision};
use crate::facts::{self, CaseError};
use crate::lang::Lang;
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::program::packed::Packed;
use crate::program::{Program, RegionError};
use crate::source::Source;
use miette::Diagnostic;
use thiserror::Error;

/// How many threads a batch is read and decided on: the cores this process may use (one where
/// threads cannot be made, as on wasm32), at most 16.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(16)
}

/// Why a policy set does not load: every problem found (warnings included).
#[derive(Debug, Error, Diagnostic)]
#[error("the policies do not load: {} problem(s)", problems.len())]
#[diagnostic(code(zeren::load::failed))]
pub struct LoadErrors {
    /// Every problem, in the order found.
    #[related]
    pub problems: Vec<Problem>,
}

/// Why the cases of a text are not decided: every problem found in it (one problem anywhere
/// means no case is decided).
#[derive(Debug, Error, Diagnostic)]
#[error("the cases are not decided: {} problem(s)", problems.len())]
#[diagnostic(code(zeren::case::failed))]
pub struct CaseErrors {
    /// Every problem, in the order found.
    #[related]
    pub problems: Vec<CaseError>,
}

/// Why cases cannot be decided as asked, before any is read.
#[derive(Debug, Error, Diagnostic)]
pub enum DecideError {
    /// The region names no layer that is loaded.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Region(#[from] RegionError),
    /// The case text has problems.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Cases(#[from] CaseErrors),
}

/// How cases are decided and shown.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The name of the case text, for diagnostics (`<case>` when empty).
    pub name: String,
    /// The region whose implementing rules decide every case, whatever the case says
    /// (`--region`).
    pub region: Option<String>,
    /// The language the decisions are shown in.
    pub lang: Lang,
    /// Whether each decision keeps its trace: every rule on every member, with the values it read
    /// and where they came from (what the JSON output and the explanation show).
    pub trace: bool,
    /// Whether each decision keeps only its values, without the provisions that decided each key:
    /// enough for the decision as JSON or YAML, not for words for people, which quote them.
    /// Ignored with `trace`, and for a case with unknown facts (the questions it asks quote them).
    pub values_only: bool,
    /// The language the explanation quotes the provisions in (`--quote zh`: the Chinese text,
    /// which governs, in an English explanation); the decision's own when absent.
    pub quote: Option<Lang>,
}

/// A checked policy set, ready to decide cases.
#[derive(Debug)]
pub struct Engine {
    /// The checked program: its vocabulary, provisions, rules and layers.
    pub program: Program,
    /// How it decides cases.
    pub plan: Plan,
    /// What the checker had to say that does not stop the set from deciding cases: unused
    /// vocabulary, and conflicts between rules (a case on which they disagree is decided as a
    /// conflict).
    pub warnings: Vec<CheckError>,
}

impl Engine {
    /// The embedded national measures with more policy files as layers; or, when the files open a
    /// set of measures of their own, those files alone.
    pub fn load(more: Vec<Source>) -> Result<Engine, LoadErrors> {
        if more.is_empty() {
            return Engine::national();
        }
        if more.iter().any(|s| opens_set(&s.text)) {
            return Engine::from_sources(more);
        }
        let base = national_id();
        let continuing: Vec<Problem> = more
            .iter()
            .filter(|s| continues(&s.text, &base))
            .map(|s| {
                let (at, line) = header_line(&s.text).unwrap_or_default();
                let (file, base, src) = (s.name.to_string(), base.clone(), s.named());
                Problem::PartOfBase { file, base, src, span: (at, line.len()).into() }
            })
            .collect();
        if !continuing.is_empty() {
            return Err(LoadErrors { problems: continuing });
        }
        let mut sources: Vec<Source> = NATIONAL.iter().map(|(n, t)| Source::embedded(n, t)).collect();
        sources.extend(more);
        Engine::from_parsed(sources, compiled::national_syntax())
    }

    /// Exactly these policy files, as one set.
    pub fn from_sources(sources: Vec<Source>) -> Result<Engine, LoadErrors> {
        Engine::from_parsed(sources, compile::Parsed::default())
    }

    /// The same, the first sources' syntax trees given (see [`compile::compile_parsed`]).
    fn from_parsed(sources: Vec<Source>, parsed: compile::Parsed) -> Result<Engine, LoadErrors> {
        let (mut program, plan, warnings) =
            compile::compile_parsed(sources, parsed).map_err(|problems| LoadErrors { problems })?;
        program.known_facts = crate::program::KnownFacts {
            all: Some(all_known_facts),
            loaded: program.layers.iter().map(|l| l.id.clone()).collect(),
        };
        Ok(Engine { program, plan, warnings })
    }

    /// The same engine deciding every conclusion on the general path: the combining its sets of
    /// rules in memory rather than in a register, and done as each case is decided rather than
    /// read from a table. Tests decide with both and compare.
    pub fn on_the_general_path(mut self) -> Engine {
        self.plan = compile::plan(&self.program, false);
        self
    }

    /// Each layer's id and digest, the base set first, as JSON (`[{"id", "digest"}]`).
    pub fn layer_digests(&self) -> Vec<serde_json::Value> {
        self.program.layers.iter().map(|l| serde_json::json!({"id": l.id, "digest": l.digest})).collect()
    }

    /// Checks policy files with the national measures as `zeren check` does, for machines:
    /// `{"ok", "diagnostics", "layers"}` (every problem and warning placed; not ok when one is
    /// an error or a conflict), and the engine when the set loads.
    pub fn check_report(more: Vec<Source>) -> (serde_json::Value, Option<Engine>) {
        match Engine::load(more) {
            Err(e) => (
                serde_json::json!({"ok": false, "diagnostics": crate::diagnostic::json::problems(&e), "layers": []}),
                None,
            ),
            Ok(engine) => {
                let diagnostics: Vec<serde_json::Value> =
                    engine.warnings.iter().flat_map(|w| crate::diagnostic::json::problems(w)).collect();
                let ok = engine.conflicts().next().is_none();
                let report = serde_json::json!({"ok": ok, "diagnostics": diagnostics, "layers": engine.layer_digests()});
                (report, Some(engine))
            }
        }
    }

    /// The conflicts between rules found while checking.
    pub fn conflicts(&self) -> impl Iterator<Item = &CheckError> {
        self.warnings.iter().filter(|w| matches!(w, CheckError::Conflict { .. }))
    }

    /// Reads every case of a text (one case, or a YAML stream; JSON too), checked against the
    /// vocabulary; with `options.region`, that region's layers decide every case.
    /// The text is not copied unless a problem is found in it.
    pub fn cases(&self, text: &str, options: &Options) -> Result<Vec<Frame>, DecideError> {
        self.cases_kept(text, options, |f| f)
    }

    /// Every case of a text as [`Engine::cases`] reads them, each packed as soon as it is read
    /// (a few hundred bytes, not 6 KB): for a batch held checked before any case is decided.
    /// The text is not copied unless a problem is found in it.
    pub fn cases_packed(&self, text: &str, options: &Options) -> Result<Vec<Packed>, DecideError> {
        self.cases_kept(text, options, |f| f.pack())
    }

    /// Every case of a text, each kept as `keep` makes it as soon as it is read.
    fn cases_kept<T: Send>(
        &self,
        text: &str,
        options: &Options,
        keep: impl Fn(Frame) -> T + Sync,
    ) -> Result<Vec<T>, DecideError> {
        let file = facts::File::new(name_of(options), text);
        let selector = self.selector(options)?;
        facts::load_parallel_kept(&self.program, &file, selector, threads, keep)
            .map_err(|problems| CaseErrors { problems }.into())
    }

    /// The case of one JSON text (a line of JSON Lines): read straight into its frame when it has
    /// no problem, otherwise as [`Engine::cases`] reads it, so that every problem is placed.
    pub fn json_case(&self, text: &str, options: &Options) -> Result<Vec<Frame>, DecideError> {
        match self.json_frame(text, options)? {
            Some(frame) => Ok(vec![frame]),
            None => self.cases(text, options),
        }
    }

    /// The case of one JSON text read straight into its frame, without copying the text:
    /// `Ok(None)` when it has any problem (or is not read exactly as the YAML reader reads it),
    /// which [`Engine::json_case`] then places.
    pub fn json_frame(&self, text: &str, options: &Options) -> Result<Option<Frame>, DecideError> {
        Ok(facts::load_json(&self.program, text, self.selector(options)?))
    }

    /// The value `--region` sets, if any.
    fn selector(&self, options: &Options) -> Result<Option<Value>, DecideError> {
        Ok(options.region.as_deref().map(|r| self.program.region(r)).transpose()?)
    }

    /// Decides one case read by [`Engine::cases`]: a case with unknown facts is decided under
    /// every answer.
    pub fn decide_case(&self, case: &mut Frame, options: &Options) -> Decision {
        if !case.unknown.is_empty() {
            return eval::open::decide(&self.program, &self.plan, case, options.lang);
        }
        eval::run(&self.program, &self.plan, case);
        let detail = match (options.trace, options.values_only) {
            (true, _) => eval::Detail::Traced,
            (false, true) => eval::Detail::Values,
            (false, false) => eval::Detail::Cited,
        };
        let mut d = eval::build(&self.program, case, options.lang, detail);
        d.quote = options.quote.unwrap_or(options.lang);
        d
    }

    /// Decides every case of a text.
    pub fn decide(&self, text: &str, options: &Options) -> Result<Vec<Decision>, DecideError> {
        let mut cases = self.cases(text, options)?;
        Ok(cases.iter_mut().map(|f| self.decide_case(f, options)).collect())
    }

    /// Each change of one fact of a decided case that changes its outcome.
    pub fn what_if(&self, decided: &Frame) -> Vec<analyze::whatif::WhatIf> {
        analyze::whatif::what_ifs(&self.program, &self.plan, decided)
    }

    /// The combinations of facts that leave a conclusion the provisions must decide undecided.
    pub fn gaps(&self) -> analyze::gaps::Gaps {
        analyze::gaps::gaps(&self.program)
    }

    /// With layers loaded: the gaps of `base` (an engine of the base set alone) and those in the
    /// cases each layer decides, with how much of each base gap the layer decides.
    pub fn gaps_by_layer(&self, base: &Engine) -> analyze::gaps::ByLayer {
        analyze::gaps::by_layer(&self.program, &base.program)
    }
}

impl<'a> From<&'a Engine> for analyze::diff::Side<'a> {
    fn from(e: &'a Engine) -> Self {
        analyze::diff::Side { program: &e.program, plan: &e.plan }
    }
}

/// The name cases are read under: the options', or `<case>`.
fn name_of(options: &Options) -> &str {
    if options.name.is_empty() { "<case>" } else { options.name.as_str() }
}
