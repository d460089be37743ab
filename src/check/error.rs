//! Problems the checker finds in a policy set. Each variant holds data; the words are in the
//! `#[error]` and `#[help]` attributes. Codes are stable: tests and users rely on them.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::sync::Arc;
use thiserror::Error;

type Src = NamedSource<Arc<str>>;

#[derive(Debug, Error, Diagnostic)]
pub enum CheckError {
    #[error("`{name}` is declared twice")]
    #[diagnostic(code(zeren::check::duplicate), help("give each declaration its own name"))]
    Duplicate {
        name: String,
        #[source_code]
        src: Src,
        #[label("declared again here")]
        span: SourceSpan,
        #[label("first declared here")]
        first: Option<SourceSpan>,
    },

    #[error("unknown name `{name}`")]
    #[diagnostic(code(zeren::check::unknown_name))]
    UnknownName {
        name: String,
        #[source_code]
        src: Src,
        #[label("not a fact, conclusion or definition in scope")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown type `{name}`")]
    #[diagnostic(code(zeren::check::unknown_type))]
    UnknownType {
        name: String,
        #[source_code]
        src: Src,
        #[label("no enum, scale or record has this name")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{value}` is not a value of `{ty}`")]
    #[diagnostic(code(zeren::check::unknown_value))]
    UnknownValue {
        value: String,
        ty: String,
        #[source_code]
        src: Src,
        #[label("not one of the values of `{ty}`")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(zeren::check::type_mismatch))]
    TypeMismatch {
        expected: String,
        found: String,
        #[source_code]
        src: Src,
        #[label("this is {found}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is not a conclusion, so no rule can conclude it")]
    #[diagnostic(
        code(zeren::check::not_a_conclusion),
        help("declare it with `conclusion {name}: …`; facts come from the case file")
    )]
    NotAConclusion {
        name: String,
        #[source_code]
        src: Src,
        #[label("rules conclude conclusions only")]
        span: SourceSpan,
    },

    #[error("`{name}` is {kind}: use `{op}` to conclude it")]
    #[diagnostic(
        code(zeren::check::wrong_assign),
        help("`+=` adds to a set; `=` gives any other conclusion its value")
    )]
    WrongAssign {
        name: String,
        kind: String,
        op: String,
        #[source_code]
        src: Src,
        #[label("wrong operator for this conclusion")]
        span: SourceSpan,
    },

    #[error("`{name}` depends on itself")]
    #[diagnostic(
        code(zeren::check::cycle),
        help("the chain is {chain}; a conclusion cannot be computed from itself, break the chain")
    )]
    Cycle {
        name: String,
        chain: String,
        #[source_code]
        src: Src,
        #[label("part of a cycle")]
        span: SourceSpan,
    },

    #[error("rules `{a}` and `{b}` can both apply and conclude `{target}` differently")]
    #[diagnostic(
        code(zeren::check::conflict),
        help(
            "when {witness}; make their conditions exclusive, or (for two rules) make one an `exception … to` the other"
        )
    )]
    Conflict {
        a: String,
        b: String,
        target: String,
        witness: String,
        #[source_code]
        src: Src,
        #[label("this rule")]
        span: SourceSpan,
        #[label("conflicts with this one")]
        other: Option<SourceSpan>,
        /// The other rule, when it stands in another file.
        #[related]
        elsewhere: Vec<Note>,
    },

    #[error("rule `{rule}` can never apply")]
    #[diagnostic(
        code(zeren::check::never_fires),
        help("no case satisfies its condition; check the comparisons and the values they use")
    )]
    NeverFires {
        rule: String,
        #[source_code]
        src: Src,
        #[label("this condition is never true")]
        span: SourceSpan,
    },

    #[error("`{name}` is declared but never used")]
    #[diagnostic(
        code(zeren::check::unused),
        severity(Warning),
        help(
            "remove it, use it in a rule, a finding or the decision, or mark a fact `open` if implementing rules will use it"
        )
    )]
    Unused {
        name: String,
        #[source_code]
        src: Src,
        #[label("never used")]
        span: SourceSpan,
    },

    #[error("no rule named `{name}`")]
    #[diagnostic(code(zeren::check::unknown_rule))]
    UnknownRule {
        name: String,
        #[source_code]
        src: Src,
        #[label("an exception must name the rules it overrides")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("exception `{name}` concludes `{found}`, but rule `{rule}` concludes `{expected}`")]
    #[diagnostic(
        code(zeren::check::exception_target),
        help("an exception overrides rules about the same conclusion")
    )]
    ExceptionTarget {
        name: String,
        rule: String,
        found: String,
        expected: String,
        #[source_code]
        src: Src,
        #[label("overrides a rule about something else")]
        span: SourceSpan,
    },

    #[error("{what}")]
    #[diagnostic(
        code(zeren::check::header),
        help(
            "exactly one file opens the set with `measures ID {{ … }}`; the others begin with `part of ID`"
        )
    )]
    Header {
        what: String,
        #[source_code]
        src: Src,
        #[label("here")]
        span: SourceSpan,
    },

    #[error("`{what}` can only be used {where_}")]
    #[diagnostic(code(zeren::check::misplaced))]
    Misplaced {
        what: String,
        where_: String,
        #[source_code]
        src: Src,
        #[label("not allowed here")]
        span: SourceSpan,
    },

    #[error("provision {id} has neither rules nor text_only")]
    #[diagnostic(
        code(zeren::check::unencoded),
        help("encode it with rules, or say why no case can test it: `text_only \"…\" \"…\"`")
    )]
    Unencoded {
        id: String,
        #[source_code]
        src: Src,
        #[label("every provision is encoded or marked text only")]
        span: SourceSpan,
    },

    #[error("provision {id} is out of order")]
    #[diagnostic(
        code(zeren::check::numbering),
        help("number articles, paragraphs and items 1, 2, 3 … as in the source text")
    )]
    Numbering {
        id: String,
        #[source_code]
        src: Src,
        #[label("expected number {expected}")]
        span: SourceSpan,
        expected: u32,
    },

    #[error("`{name}` has no value for an absent case fact")]
    #[diagnostic(
        code(zeren::check::bad_default),
        help(
            "give a default of the fact's type: `= false`, `= 0`, `= {{}}`, `= []`, or a value of the enum"
        )
    )]
    BadDefault {
        name: String,
        #[source_code]
        src: Src,
        #[label("this default does not fit the type")]
        span: SourceSpan,
    },

    #[error("too many {what} (at most {limit})")]
    #[diagnostic(code(zeren::check::limit))]
    Limit {
        what: String,
        limit: usize,
        #[source_code]
        src: Src,
        #[label("here")]
        span: SourceSpan,
    },

    #[error("`{kind}` may not issue implementing rules of `{base}` ({cited})")]
    #[diagnostic(code(zeren::check::issuer))]
    Issuer {
        kind: String,
        base: String,
        cited: String,
        #[source_code]
        src: Src,
        #[label("refused under {cited}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
        #[related]
        notes: Vec<Note>,
    },

    #[error("`{name}` is fixed by the measures `{layer}` builds on; a layer may not change it ({cited})")]
    #[diagnostic(code(zeren::check::fixed_point))]
    FixedPoint {
        name: String,
        layer: String,
        cited: String,
        #[source_code]
        src: Src,
        #[label("this rule of `{layer}` changes `{name}`")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
        #[related]
        notes: Vec<Note>,
    },

    #[error("layer `{layer}`: {what}")]
    #[diagnostic(code(zeren::check::layer))]
    Layer {
        layer: String,
        what: String,
        #[source_code]
        src: Src,
        #[label("here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },
}

/// A place in another file that a diagnostic refers to (the national rule a layer's rule
/// contradicts, the provision that allows issuers).
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(severity(Advice))]
pub struct Note {
    pub message: String,
    #[source_code]
    pub src: Src,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
}
