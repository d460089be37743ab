//! Errors of the syntax stage.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::sync::Arc;
use thiserror::Error;

/// A policy file that does not parse.
#[derive(Debug, Error, Diagnostic)]
pub enum SyntaxError {
    /// The text does not follow the grammar.
    #[error("this policy file does not parse: expected {expected}")]
    #[diagnostic(
        code(zeren::syntax::parse),
        help("see grammar/policy.pest and policies/national/ for the shape of each declaration")
    )]
    /// This policy file does not parse: expected `expected`.
    Parse {
        /// What was expected.
        expected: String,
        /// The text it is in.
        #[source_code]
        src: NamedSource<Arc<str>>,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },
    /// A date literal that is not a day of the calendar.
    #[error("`{text}` is not a date")]
    #[diagnostic(code(zeren::syntax::bad_date), help("write dates as YYYY-MM-DD, e.g. 2016-10-08"))]
    BadDate {
        /// The text.
        text: String,
        /// The text it is in.
        #[source_code]
        src: NamedSource<Arc<str>>,
        /// Where.
        #[label("not a day of the calendar")]
        span: SourceSpan,
    },
    /// A number too large to hold.
    #[error("`{text}` is too large a number")]
    #[diagnostic(code(zeren::syntax::bad_number))]
    BadNumber {
        /// The text.
        text: String,
        /// The text it is in.
        #[source_code]
        src: NamedSource<Arc<str>>,
        /// Where.
        #[label("out of range")]
        span: SourceSpan,
    },
    /// Nesting past a bound the parser and checker keep so as not to run out of stack.
    #[error("this is nested more than {limit} deep ({what})")]
    #[diagnostic(
        code(zeren::syntax::too_deep),
        help("split it: name parts with `let`, or write a long chain as several definitions")
    )]
    TooDeep {
        /// The bound.
        limit: usize,
        /// What counts towards it.
        what: &'static str,
        /// The text it is in.
        #[source_code]
        src: NamedSource<Arc<str>>,
        /// Where the bound is passed.
        #[label("level {limit} is passed here")]
        span: SourceSpan,
    },
}
