//! Problems in a case file. Nothing is decided from a file that has one.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::sync::Arc;
use thiserror::Error;

type Src = NamedSource<Arc<str>>;

#[derive(Debug, Error, Diagnostic)]
pub enum CaseError {
    #[error("this case file is not valid YAML: {reason}")]
    #[diagnostic(code(zeren::case::syntax), help("check the indentation and the quotes around this point"))]
    Syntax {
        reason: String,
        #[source_code]
        src: Src,
        #[label("here")]
        span: SourceSpan,
    },

    #[error("unknown key `{key}`")]
    #[diagnostic(code(zeren::case::unknown_key))]
    UnknownKey {
        key: String,
        #[source_code]
        src: Src,
        #[label("not a fact of {place}")]
        span: SourceSpan,
        place: String,
        #[help]
        help: Option<String>,
    },

    #[error("`{key}` is a fact of layer `{layer}` ({cited}), which is not loaded")]
    #[diagnostic(code(zeren::case::layer_not_loaded))]
    LayerNotLoaded {
        key: String,
        layer: String,
        cited: String,
        #[source_code]
        src: Src,
        #[label("only a case decided under `{layer}` may give it")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{key}` is a fact of layer `{layer}` ({cited}), which is not in force for this case: {why}")]
    #[diagnostic(code(zeren::case::layer_not_in_force))]
    LayerNotInForce {
        key: String,
        layer: String,
        cited: String,
        why: String,
        #[source_code]
        src: Src,
        #[label("this fact would decide nothing")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{key}` is a fact of layer `{layer}` ({cited}), which does not apply to this case: {why}")]
    #[diagnostic(code(zeren::case::layer_not_applicable))]
    LayerNotApplicable {
        key: String,
        layer: String,
        cited: String,
        why: String,
        #[source_code]
        src: Src,
        #[label("this fact would decide nothing")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{key}` should be {expected}")]
    #[diagnostic(code(zeren::case::wrong_type))]
    WrongType {
        key: String,
        expected: String,
        #[source_code]
        src: Src,
        #[label("this is not {expected}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{value}` is not a value of `{key}`")]
    #[diagnostic(code(zeren::case::bad_enum))]
    BadEnum {
        key: String,
        value: String,
        #[source_code]
        src: Src,
        #[label("unknown value")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{value}` is not a date")]
    #[diagnostic(code(zeren::case::bad_date), help("write dates as YYYY-MM-DD, for example 2017-03-15"))]
    BadDate {
        value: String,
        #[source_code]
        src: Src,
        #[label("not a day of the calendar")]
        span: SourceSpan,
    },

    #[error("`{key}` is required")]
    #[diagnostic(code(zeren::case::missing))]
    Missing {
        key: String,
        #[source_code]
        src: Src,
        #[label("`{key}` is missing here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{key}` needs at least one entry")]
    #[diagnostic(code(zeren::case::empty_list))]
    EmptyList {
        key: String,
        #[source_code]
        src: Src,
        #[label("empty")]
        span: SourceSpan,
    },

    #[error("`{key}` is given twice")]
    #[diagnostic(
        code(zeren::case::duplicate_key),
        help("keep one of them; a case cannot say two things about one fact")
    )]
    DuplicateKey {
        key: String,
        #[source_code]
        src: Src,
        #[label("again here")]
        span: SourceSpan,
        #[label("first here")]
        first: SourceSpan,
    },

    #[error("anchors and aliases are not accepted in case files")]
    #[diagnostic(
        code(zeren::case::alias),
        help("write each value out; aliases can make a small file expand without bound")
    )]
    Alias {
        #[source_code]
        src: Src,
        #[label("anchor or alias")]
        span: SourceSpan,
    },

    #[error("this case file nests deeper than {limit} levels")]
    #[diagnostic(code(zeren::case::too_deep), help("a case needs three levels at most"))]
    TooDeep {
        limit: usize,
        #[source_code]
        src: Src,
        #[label("too deep")]
        span: SourceSpan,
    },

    #[error("a case must be a mapping of keys to values")]
    #[diagnostic(
        code(zeren::case::not_a_mapping),
        help("write the case as `key: value` lines, one fact per line")
    )]
    NotAMapping {
        #[source_code]
        src: Src,
        #[label("this document is not a mapping")]
        span: SourceSpan,
    },
}
