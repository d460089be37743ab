//! Problems in a scenario file. A scenario with one is not run, and counts as failed.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::sync::Arc;
use thiserror::Error;

type Src = NamedSource<Arc<str>>;

#[derive(Debug, Error, Diagnostic)]
pub enum ScenarioError {
    #[error("unknown key `{key}` in {place}")]
    #[diagnostic(code(zeren::scenario::unknown_key))]
    UnknownKey {
        key: String,
        place: String,
        #[source_code]
        src: Src,
        #[label("not a key of {place}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{what}")]
    #[diagnostic(code(zeren::scenario::shape))]
    Shape {
        what: String,
        #[source_code]
        src: Src,
        #[label("here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(zeren::scenario::file))]
    File {
        path: String,
        reason: String,
        #[source_code]
        src: Src,
        #[label("named here")]
        span: SourceSpan,
    },
}
