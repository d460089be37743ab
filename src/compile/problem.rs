//! A problem with a policy set, whatever stage found it.

use crate::check::CheckError;
use crate::syntax::SyntaxError;
use miette::Diagnostic;
use thiserror::Error;

/// A problem in a policy file: it does not parse, does not check, or may not be loaded as it is.
#[derive(Debug, Error, Diagnostic)]
pub enum Problem {
    /// The file does not parse.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] SyntaxError),
    /// The set does not check (or, as a warning, has something to say).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(#[from] CheckError),
    /// The file continues the embedded measures (`part of`): it would escape every check a layer
    /// gets (who may issue it, what it may not change).
    #[error("{file} is `part of {base}`; implementing rules are loaded as a layer")]
    #[diagnostic(
        code(zeren::load::part_of_base),
        help("open the file with `layer ID {{ extends {base} … }}`")
    )]
    PartOfBase {
        /// The file.
        file: String,
        /// The id of the embedded measures.
        base: String,
        /// The file's text.
        #[source_code]
        src: miette::NamedSource<std::sync::Arc<str>>,
        /// Its header.
        #[label("continues the embedded measures")]
        span: miette::SourceSpan,
    },
}
