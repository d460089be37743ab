//! The library's front door: load policies once, then decide case texts.

use crate::compile::{Program, compile};
use crate::eval::run;
use crate::facts;
use crate::program::KnownFact;
use crate::render::{self, Lang};
use crate::source::Source;
use std::fmt;

/// The national measures, embedded in the binary.
pub const NATIONAL: &[(&str, &str)] = &[
    ("policies/national/vocabulary.policy", include_str!("../policies/national/vocabulary.policy")),
    ("policies/national/measures.policy", include_str!("../policies/national/measures.policy")),
];

/// Layers of implementing rules that ship with zeren but are loaded only on request
/// (`--policy`). Knowing their facts lets a case that gives one without loading the layer be told
/// which layer to load.
pub const KNOWN_LAYERS: &[(&str, &str)] = &[
    ("policies/regions/sample-province.policy", include_str!("../policies/regions/sample-province.policy")),
    ("policies/regions/sample-cmc.policy", include_str!("../policies/regions/sample-cmc.policy")),
];

/// The facts of every known layer, read once per process.
fn all_known_facts() -> &'static [KnownFact] {
    static KNOWN: std::sync::OnceLock<Vec<KnownFact>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut out = vec![];
        for (i, (path, text)) in KNOWN_LAYERS.iter().enumerate() {
            let Ok(file) = crate::syntax::parse_file(&Source::new(*path, *text), i as u16) else { continue };
            let crate::syntax::ast::Header::Measures(h) = &file.header else { continue };
            for it in &file.items {
                if let crate::syntax::ast::Item::Fact(f) = it {
                    let (fact, layer, file) = (f.name.name.clone(), h.id.name.clone(), path.to_string());
                    out.push(KnownFact { fact, layer, file });
                }
            }
        }
        out
    })
}

/// The facts of the known layers that are not loaded.
fn known_facts(prog: &Program) -> Vec<KnownFact> {
    all_known_facts().iter().filter(|k| !prog.layers.iter().any(|l| l.id == k.layer)).cloned().collect()
}

/// The id of the embedded national measures, as their header (`measures ID { … }`) says.
pub fn national_id() -> String {
    NATIONAL
        .iter()
        .flat_map(|(_, t)| t.lines())
        .find_map(|l| l.trim().strip_prefix("measures ").and_then(|r| r.split_whitespace().next()))
        .unwrap_or_default()
        .to_string()
}

/// The first line of a policy text that is not blank or a comment: its header.
fn header_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("//"))
}

/// Whether a policy text continues the set `id` (`part of ID`).
pub fn continues(text: &str, id: &str) -> bool {
    header_line(text).is_some_and(|l| l.strip_prefix("part of").is_some_and(|rest| rest.trim() == id))
}

/// Whether a policy text opens a set of measures of its own (`measures ID { … }`) rather than
/// continuing one (`part of ID`).
pub fn opens_set(text: &str) -> bool {
    header_line(text).is_some_and(|l| l.starts_with("measures "))
}

/// Why more policy files could not be loaded.
pub enum LoadError {
    /// A file (named) is `part of` the embedded measures (whose id is given): it would escape
    /// every check a layer gets (issuer, fixed points).
    PartOfBase(String, String),
    Check(Diagnostics),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::PartOfBase(file, base) => writeln!(
                f,
                "error: {file} is `part of {base}`; implementing rules are loaded as a layer: open the \
                 file with `layer ID {{ extends {base} … }}`"
            ),
            LoadError::Check(d) => write!(f, "{d}"),
        }
    }
}

/// Problems found in an input, rendered by miette.
pub struct Diagnostics(pub Vec<miette::Report>);

impl fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.0 {
            writeln!(f, "{r:?}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A compiled policy set, ready to decide cases.
pub struct Engine {
    pub program: Program,
    /// How it decides cases.
    pub plan: crate::compile::Plan,
    /// Warnings found while checking.
    pub warnings: Vec<miette::Report>,
}

impl Engine {
    /// The conflicts between rules found while checking (they do not stop the set from running).
    pub fn conflicts(&self) -> impl Iterator<Item = &miette::Report> {
        self.warnings.iter().filter(|w| w.code().is_some_and(|c| c.to_string() == "zeren::check::conflict"))
    }

    /// The embedded national measures.
    pub fn national() -> Result<Engine, Diagnostics> {
        Engine::from_sources(NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)).collect())
    }

    /// The embedded national measures with more policy files as layers; or, when the files open a
    /// set of measures of their own, those files alone.
    pub fn with_files(more: Vec<Source>) -> Result<Engine, LoadError> {
        if more.iter().any(|s| opens_set(&s.text)) {
            return Engine::from_sources(more).map_err(LoadError::Check);
        }
        let base = national_id();
        if let Some(s) = more.iter().find(|s| continues(&s.text, &base)) {
            return Err(LoadError::PartOfBase(s.name.to_string(), base));
        }
        let mut sources: Vec<Source> = NATIONAL.iter().map(|(n, t)| Source::new(*n, *t)).collect();
        sources.extend(more);
        Engine::from_sources(sources).map_err(LoadError::Check)
    }

    pub fn from_sources(sources: Vec<Source>) -> Result<Engine, Diagnostics> {
        let (mut program, plan, warnings) = compile(sources).map_err(Diagnostics)?;
        program.known_facts = known_facts(&program);
        Ok(Engine { program, plan, warnings })
    }

    /// Decides every case of a text; returns each decision as JSON text.
    pub fn decide_text(&self, name: &str, text: &str, lang: Lang) -> Result<Vec<String>, Diagnostics> {
        let src = Source::new(name, text);
        let frames = facts::load(&self.program, &src)
            .map_err(|es| Diagnostics(es.into_iter().map(miette::Report::new).collect()))?;
        // Each decision's text starts with room for one as long as the last (they are alike), so
        // that it is rarely grown and copied.
        let mut last = 0;
        Ok(frames
            .into_iter()
            .map(|mut f| {
                if !f.unknown.is_empty() {
                    let d = crate::analyze::unknown::decide(&self.program, &self.plan, &f, lang);
                    return serde_json::to_string_pretty(&d).unwrap_or_default();
                }
                run(&self.program, &self.plan, &mut f);
                let mut out = String::with_capacity(last);
                render::json::decision(&mut out, &self.program, &f, lang);
                last = out.len();
                out
            })
            .collect())
    }

    /// Decides every case of a text; returns each decision as a JSON value.
    pub fn decide_str(&self, name: &str, text: &str) -> Result<Vec<serde_json::Value>, Diagnostics> {
        let texts = self.decide_text(name, text, Lang::Zh)?;
        Ok(texts.iter().filter_map(|t| serde_json::from_str(t).ok()).collect())
    }
}
