//! Problems in a scenario file. A scenario with one is not run, and counts as failed.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::sync::Arc;
use thiserror::Error;

type Src = NamedSource<Arc<str>>;

/// A problem in a scenario file.
#[derive(Debug, Error, Diagnostic)]
pub enum ScenarioError {
    /// Unknown key `key` in `place`.
    #[error("unknown key `{key}` in {place}")]
    #[diagnostic(code(zeren::scenario::unknown_key))]
    UnknownKey {
        /// The key.
        key: String,
        /// Where it stands.
        place: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not a key of {place}")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// `what`.
    #[error("{what}")]
    #[diagnostic(code(zeren::scenario::shape))]
    Shape {
        /// What is wrong.
        what: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("here")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// Cannot read `path`: `reason`.
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(zeren::scenario::file))]
    File {
        /// The path.
        path: String,
        /// The reason.
        reason: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("named here")]
        span: SourceSpan,
    },
}
