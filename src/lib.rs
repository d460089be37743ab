//! zeren: law written as data. Policy files (`policies/`) are parsed (`syntax`), checked
//! (`check`), compiled to a resolved form and an evaluation plan (`compile`) and run against case
//! files (`facts`) by the evaluator (`eval`), whose typed [`Decision`]s are written for people and
//! machines (`render`); `analyze` reasons over all cases. ARCHITECTURE.md has the stage table.
//!
//! # Deciding a case
//!
//! An [`Engine`] is a policy set loaded and checked once: the embedded national measures
//! ([`Engine::national`]), with layers of implementing rules ([`Engine::load`]), or a set of
//! measures of its own ([`Engine::from_sources`]). It decides the cases of a YAML or JSON text:
//!
//! ```
//! use zeren::{Engine, Lang, Options};
//!
//! let engine = Engine::national()?;
//! let case = include_str!("../examples/cases/collective-decision-error-admonishment.yaml");
//! let options = Options { lang: Lang::En, ..Options::default() };
//! let decisions = engine.decide(case, &options)?;
//! let decision = &decisions[0];
//!
//! // The base measures decided it, under these provisions.
//! assert_eq!(decision.layers, [0]);
//! let cited: Vec<&str> =
//!     decision.articles.iter().map(|p| engine.program.provisions[*p as usize].id.as_str()).collect();
//! assert!(!cited.is_empty());
//!
//! // For machines: the JSON the command line prints (`zeren eval --format json`) …
//! let json = engine.json_value(decision);
//! assert_eq!(json["layers"][0], engine.program.header.id.as_str());
//! // … and for people, in the language asked for.
//! assert!(engine.human(decision, false).contains(engine.program.header.title.get(true)));
//!
//! // Bad input is a diagnostic at its line and column, and decides nothing.
//! let err = engine.decide("harm: [", &Options::default()).unwrap_err();
//! assert!(miette::Diagnostic::code(&err).is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod analyze;
pub mod check;
pub mod compile;
pub(crate) mod date;
pub mod diagnostic;
pub mod engine;
pub mod eval;
pub mod facts;
pub mod fmt;
pub mod lang;
pub mod program;
pub mod render;
pub mod scenario;
pub mod solve;
pub mod source;
pub(crate) mod suggest;
pub(crate) mod syntax;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "lsp")]
pub mod lsp;
#[cfg(feature = "serve")]
pub mod serve;

pub use check::CheckError;
pub use compile::Problem;
pub use engine::{CaseErrors, DecideError, Engine, LoadErrors, Options};
pub use eval::Decision;
pub use facts::CaseError;
pub use lang::Lang;
pub use program::{Program, RegionError};
pub use source::{Source, Span};
pub use syntax::SyntaxError;
