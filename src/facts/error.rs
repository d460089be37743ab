//! Problems in a case file. Nothing is decided from a file that has one.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::sync::Arc;
use thiserror::Error;

type Src = NamedSource<Arc<str>>;

/// A problem in a case file.
#[derive(Debug, Error, Diagnostic)]
pub enum CaseError {
    /// This case file is not valid YAML: `reason`.
    #[error("this case file is not valid YAML: {reason}")]
    #[diagnostic(code(zeren::case::syntax), help("check the indentation and the quotes around this point"))]
    Syntax {
        /// The reason.
        reason: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },

    /// A tab where YAML needs spaces.
    #[error("this case file is not valid YAML: a tab where YAML needs spaces")]
    #[diagnostic(
        code(zeren::case::tab),
        help(
            "YAML indents with spaces only (and a tab after a value is read as part of it): replace the tab with spaces"
        )
    )]
    Tab {
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this tab")]
        span: SourceSpan,
    },

    /// Unknown key `key`.
    #[error("unknown key `{key}`")]
    #[diagnostic(code(zeren::case::unknown_key))]
    UnknownKey {
        /// The key.
        key: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not a fact of {place}")]
        span: SourceSpan,
        /// Where it stands.
        place: String,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// `key` is a fact of layer `layer` (`cited`), which is not loaded.
    #[error("`{key}` is a fact of layer `{layer}` ({cited}), which is not loaded")]
    #[diagnostic(code(zeren::case::layer_not_loaded))]
    LayerNotLoaded {
        /// The key.
        key: String,
        /// The layer.
        layer: String,
        /// The provisions that say so.
        cited: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("only a case decided under `{layer}` may give it")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// `key` is a fact of layer `layer` (`cited`), which is not in force for this case: `why`.
    #[error("`{key}` is a fact of layer `{layer}` ({cited}), which is not in force for this case: {why}")]
    #[diagnostic(code(zeren::case::layer_not_in_force))]
    LayerNotInForce {
        /// The key.
        key: String,
        /// The layer.
        layer: String,
        /// The provisions that say so.
        cited: String,
        /// Why.
        why: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this fact would decide nothing")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// `key` is a fact of layer `layer` (`cited`), which does not apply to this case: `why`.
    #[error("`{key}` is a fact of layer `{layer}` ({cited}), which does not apply to this case: {why}")]
    #[diagnostic(code(zeren::case::layer_not_applicable))]
    LayerNotApplicable {
        /// The key.
        key: String,
        /// The layer.
        layer: String,
        /// The provisions that say so.
        cited: String,
        /// Why.
        why: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this fact would decide nothing")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// `key` should be `expected`.
    #[error("`{key}` should be {expected}")]
    #[diagnostic(code(zeren::case::wrong_type))]
    WrongType {
        /// The key.
        key: String,
        /// What was expected.
        expected: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this is not {expected}")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// A whole number too large (or too small) for `key`.
    #[error("`{key}` is out of range: {value} is not between {} and {}", i64::MIN, i64::MAX)]
    #[diagnostic(
        code(zeren::case::out_of_range),
        help("a whole number in a case is between {} and {}", i64::MIN, i64::MAX)
    )]
    OutOfRange {
        /// The key.
        key: String,
        /// The number as written.
        value: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("a whole number, but out of range")]
        span: SourceSpan,
    },

    /// `value` is not a value of `key`.
    #[error("`{value}` is not a value of `{key}`")]
    #[diagnostic(code(zeren::case::bad_enum))]
    BadEnum {
        /// The key.
        key: String,
        /// The value.
        value: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("unknown value")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// `value` is not a date.
    #[error("`{value}` is not a date")]
    #[diagnostic(code(zeren::case::bad_date), help("write dates as YYYY-MM-DD, for example 2017-03-15"))]
    BadDate {
        /// The value.
        value: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not a day of the calendar")]
        span: SourceSpan,
    },

    /// `key` is required.
    #[error("`{key}` is required")]
    #[diagnostic(code(zeren::case::missing))]
    Missing {
        /// The key.
        key: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("`{key}` is missing here")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// `key` needs at least one entry.
    #[error("`{key}` needs at least one entry")]
    #[diagnostic(code(zeren::case::empty_list))]
    EmptyList {
        /// The key.
        key: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("empty")]
        span: SourceSpan,
        /// What to give.
        #[help]
        help: String,
    },

    /// A name that no member of the list has.
    #[error("`{key}` names `{name}`, who is not in `{list}`")]
    #[diagnostic(code(zeren::case::unknown_member))]
    UnknownMember {
        /// The field.
        key: String,
        /// The name.
        name: String,
        /// The list it should be in.
        list: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not in `{list}`")]
        span: SourceSpan,
        /// The names there are, or the one probably meant.
        #[help]
        help: Option<String>,
    },

    /// Two members of a list with one name.
    #[error("`{name}` is the name of two entries of `{list}`")]
    #[diagnostic(
        code(zeren::case::duplicate_name),
        help("each entry is named once: other parts of the case name them (`people: [{name}]`)")
    )]
    DuplicateName {
        /// The name.
        name: String,
        /// The list.
        list: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// The second.
        #[label("named again here")]
        span: SourceSpan,
        /// The first.
        #[label("first here")]
        first: SourceSpan,
    },

    #[error("`{key}` is given twice")]
    #[diagnostic(
        code(zeren::case::duplicate_key),
        help("keep one of them; a case cannot say two things about one fact")
    )]
    /// `key` is given twice.
    DuplicateKey {
        /// The key.
        key: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("again here")]
        span: SourceSpan,
        /// Where it was first given.
        #[label("first here")]
        first: SourceSpan,
    },

    #[error("anchors and aliases are not accepted in case files")]
    #[diagnostic(
        code(zeren::case::alias),
        help("write each value out; aliases can make a small file expand without bound")
    )]
    /// Anchors and aliases are not accepted in case files.
    Alias {
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("anchor or alias")]
        span: SourceSpan,
    },

    /// This case file nests deeper than `limit` levels.
    #[error("this case file nests deeper than {limit} levels")]
    #[diagnostic(code(zeren::case::too_deep), help("a case needs three levels at most"))]
    TooDeep {
        /// The limit.
        limit: usize,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("too deep")]
        span: SourceSpan,
    },

    #[error("a case must be a mapping of keys to values")]
    #[diagnostic(
        code(zeren::case::not_a_mapping),
        help("write the case as `key: value` lines, one fact per line")
    )]
    /// A case must be a mapping of keys to values.
    NotAMapping {
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this document is not a mapping")]
        span: SourceSpan,
    },
}
