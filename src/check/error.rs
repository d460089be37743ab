//! Problems the checker finds in a policy set. Each variant holds data; the words are in the
//! `#[error]` and `#[help]` attributes. Codes are stable: tests and users rely on them.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::sync::Arc;
use thiserror::Error;

type Src = NamedSource<Arc<str>>;

/// A problem the checker finds in a policy set (an error, or a warning: see `check::is_error`).
#[derive(Debug, Error, Diagnostic)]
pub enum CheckError {
    /// `name` is declared twice.
    #[error("`{name}` is declared twice")]
    #[diagnostic(code(zeren::check::duplicate), help("give each declaration its own name"))]
    Duplicate {
        /// The name.
        name: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("declared again here")]
        span: SourceSpan,
        /// Where it was first given.
        #[label("first declared here")]
        first: Option<SourceSpan>,
    },

    /// Unknown name `name`.
    #[error("unknown name `{name}`")]
    #[diagnostic(code(zeren::check::unknown_name))]
    UnknownName {
        /// The name.
        name: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not a fact, conclusion or definition in scope")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// Unknown type `name`.
    #[error("unknown type `{name}`")]
    #[diagnostic(code(zeren::check::unknown_type))]
    UnknownType {
        /// The name.
        name: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("no enum, scale or record has this name")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// `value` is not a value of `ty`.
    #[error("`{value}` is not a value of `{ty}`")]
    #[diagnostic(code(zeren::check::unknown_value))]
    UnknownValue {
        /// The value.
        value: String,
        /// The type.
        ty: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not one of the values of `{ty}`")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    /// Expected `expected`, found `found`.
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(zeren::check::type_mismatch))]
    TypeMismatch {
        /// What was expected.
        expected: String,
        /// What was found.
        found: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this is {found}")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is not a conclusion, so no rule can conclude it")]
    #[diagnostic(
        code(zeren::check::not_a_conclusion),
        help("declare it with `conclusion {name}: …`; facts come from the case file")
    )]
    /// `name` is not a conclusion, so no rule can conclude it.
    NotAConclusion {
        /// The name.
        name: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("rules conclude conclusions only")]
        span: SourceSpan,
    },

    #[error("`{name}` is {kind}: use `{op}` to conclude it")]
    #[diagnostic(
        code(zeren::check::wrong_assign),
        help("`+=` adds to a set; `=` gives any other conclusion its value")
    )]
    /// `name` is `kind`: use `op` to conclude it.
    WrongAssign {
        /// The name.
        name: String,
        /// The kind.
        kind: String,
        /// The operator.
        op: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("wrong operator for this conclusion")]
        span: SourceSpan,
    },

    #[error("`{name}` depends on itself")]
    #[diagnostic(
        code(zeren::check::cycle),
        help("the chain is {chain}; nothing can be computed from itself: break the chain")
    )]
    /// `name` depends on itself.
    Cycle {
        /// The name.
        name: String,
        /// Every step of the cycle.
        chain: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("part of a cycle")]
        span: SourceSpan,
    },

    /// An `up`/`down` longer than its scale.
    #[error("a move of {steps} steps on `{scale}`, which has {values} values")]
    #[diagnostic(
        code(zeren::check::move_too_large),
        help("no value of this scale is more than {longest} steps from another: move at most {longest}")
    )]
    MoveTooLarge {
        /// The steps written.
        steps: u64,
        /// The scale.
        scale: String,
        /// How many values it has.
        values: usize,
        /// The longest move it allows.
        longest: usize,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("longer than the scale")]
        span: SourceSpan,
    },

    /// The search for conflicts stopped at its limit.
    #[error("the search for conflicts stopped after {limit}; there may be more")]
    #[diagnostic(
        code(zeren::check::conflicts_cut),
        help(
            "settle the conflicts shown (an exception, or conditions that exclude each other), then check again"
        )
    )]
    ConflictsCut {
        /// How many were looked for.
        limit: usize,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("the last conflict looked for")]
        span: SourceSpan,
    },

    /// Exceptions override one another in a cycle.
    #[error("exceptions override one another in a cycle: {chain}")]
    #[diagnostic(
        code(zeren::check::exception_cycle),
        help(
            "an exception sets aside the rules it names when it applies; in a cycle none of them could stand: remove one of the exceptions from the chain"
        )
    )]
    ExceptionCycle {
        /// Every step of the cycle.
        chain: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("an exception of the cycle")]
        span: SourceSpan,
    },

    #[error("rules `{a}` and `{b}` can both apply and conclude `{target}` differently")]
    #[diagnostic(
        code(zeren::check::conflict),
        help(
            "when {witness}; make their conditions exclusive, or (for two rules) make one an `exception … to` the other"
        )
    )]
    /// Rules `a` and `b` can both apply and conclude `target` differently.
    Conflict {
        /// The first rule.
        a: String,
        /// The second rule.
        b: String,
        /// What they conclude.
        target: String,
        /// Values that make both apply.
        witness: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this rule")]
        span: SourceSpan,
        /// The other one, in the same file.
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
    /// Rule `rule` can never apply.
    NeverFires {
        /// The rule.
        rule: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this condition is never true")]
        span: SourceSpan,
    },

    #[error("rules `{a}` and `{b}` were not compared for a conflict")]
    #[diagnostic(
        code(zeren::check::not_compared),
        severity(Warning),
        help(
            "the search for a case where both apply stopped after {steps} steps; split their conditions into smaller rules, or test the cases where both might apply"
        )
    )]
    /// Two rules whose search for a conflict did not finish: nothing is known of a conflict.
    NotCompared {
        /// The first rule.
        a: String,
        /// The second.
        b: String,
        /// Where the search stopped.
        steps: usize,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not compared with `{a}`")]
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
    /// `name` is declared but never used.
    Unused {
        /// The name.
        name: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("never used")]
        span: SourceSpan,
    },

    /// No rule named `name`.
    #[error("no rule named `{name}`")]
    #[diagnostic(code(zeren::check::unknown_rule))]
    UnknownRule {
        /// The name.
        name: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("an exception must name the rules it overrides")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
    },

    #[error("exception `{name}` concludes `{found}`, but rule `{rule}` concludes `{expected}`")]
    #[diagnostic(code(zeren::check::exception_target))]
    /// Exception `name` concludes `found`, but rule `rule` concludes `expected`.
    ExceptionTarget {
        /// The name.
        name: String,
        /// The rule.
        rule: String,
        /// What was found.
        found: String,
        /// What was expected.
        expected: String,
        /// How to make them agree.
        #[help]
        help: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("overrides a rule about something else")]
        span: SourceSpan,
    },

    /// The files' headers do not make one set.
    #[error("{what}")]
    #[diagnostic(
        code(zeren::check::header),
        help(
            "exactly one file opens the set with `measures ID {{ … }}`; the others begin with `part of ID`"
        )
    )]
    Header {
        /// What is wrong.
        what: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },

    /// Something stands where it may not.
    #[error("`{what}` can only be used {where_}")]
    #[diagnostic(code(zeren::check::misplaced))]
    Misplaced {
        /// What is wrong.
        what: String,
        /// Where it may stand.
        where_: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not allowed here")]
        span: SourceSpan,
    },

    #[error("provision {id} has neither rules nor text_only")]
    #[diagnostic(
        code(zeren::check::unencoded),
        help("encode it with rules, or say why no case can test it: `text_only \"…\" \"…\"`")
    )]
    /// Provision `id` has neither rules nor text_only.
    Unencoded {
        /// The id.
        id: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("every provision is encoded or marked text only")]
        span: SourceSpan,
    },

    /// A rule cites something other than a conclusion its condition reads.
    #[error("`cite {path}`: `{path}` is {what}")]
    #[diagnostic(
        code(zeren::check::cite),
        help(
            "`cite C` says that what the rule concludes rests on whatever decided the conclusion `C`; name a conclusion the rule's condition reads (`when level == high … cite level`)"
        )
    )]
    CiteTarget {
        /// The path cited.
        path: String,
        /// What it is instead.
        what: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("cited here")]
        span: SourceSpan,
    },

    /// A provision that rules cite has no text to quote.
    #[error("provision {id} has rules but not {what}")]
    #[diagnostic(
        code(zeren::check::no_text),
        help(
            "a decision quotes the provision its rules rest on: write its text after the number, in Chinese then English (`article N \"…\" \"…\" {{ … }}`)"
        )
    )]
    NoText {
        /// The id.
        id: String,
        /// What is missing: its text, or its English text.
        what: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("quoted wherever its rules decide")]
        span: SourceSpan,
    },

    #[error("the clause quoted is not in the {lang} text of provision {id}")]
    #[diagnostic(
        code(zeren::check::clause),
        help(
            "a clause is quoted as the provision's own words: copy it from the text, character for character"
        )
    )]
    /// A rule's `clause` that is not part of its provision's text.
    Clause {
        /// The provision.
        id: String,
        /// Which text: Chinese or English.
        lang: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("not found in the provision's text")]
        span: SourceSpan,
    },

    #[error("provision {id} is out of order")]
    #[diagnostic(
        code(zeren::check::numbering),
        help("number articles, paragraphs and items 1, 2, 3 … as in the source text")
    )]
    /// Provision `id` is out of order.
    Numbering {
        /// The id.
        id: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("expected number {expected}")]
        span: SourceSpan,
        /// What was expected.
        expected: u32,
    },

    #[error("`{name}` has no value for an absent case fact")]
    #[diagnostic(
        code(zeren::check::bad_default),
        help(
            "give a default of the fact's type: `= false`, `= 0`, `= {{}}`, `= []`, or a value of the enum"
        )
    )]
    /// `name` has no value for an absent case fact.
    BadDefault {
        /// The name.
        name: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this default does not fit the type")]
        span: SourceSpan,
    },

    /// Too many `what` (at most `limit`).
    #[error("too many {what} (at most {limit})")]
    #[diagnostic(code(zeren::check::limit))]
    Limit {
        /// What is wrong.
        what: String,
        /// The limit.
        limit: usize,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("here")]
        span: SourceSpan,
    },

    /// `kind` may not issue implementing rules of `base` (`cited`).
    #[error("`{kind}` may not issue implementing rules of `{base}` ({cited})")]
    #[diagnostic(code(zeren::check::issuer))]
    Issuer {
        /// The kind.
        kind: String,
        /// The base set.
        base: String,
        /// The provisions that say so.
        cited: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("refused under {cited}")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
        /// Related places.
        #[related]
        notes: Vec<Note>,
    },

    /// `name` is fixed by the measures `layer` builds on; a layer may not change it (`cited`).
    #[error("`{name}` is fixed by the measures `{layer}` builds on; a layer may not change it ({cited})")]
    #[diagnostic(code(zeren::check::fixed_point))]
    FixedPoint {
        /// The name.
        name: String,
        /// The layer.
        layer: String,
        /// The provisions that say so.
        cited: String,
        /// The text it is in.
        #[source_code]
        src: Src,
        /// Where.
        #[label("this rule of `{layer}` changes `{name}`")]
        span: SourceSpan,
        /// What to do about it, when there is a hint.
        #[help]
        help: Option<String>,
        /// Related places.
        #[related]
        notes: Vec<Note>,
    },

    /// A layer breaks a rule of layers.
    #[error("layer `{layer}`: {what}")]
    #[diagnostic(code(zeren::check::layer))]
    Layer {
        /// The layer.
        layer: String,
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
}

/// A place in another file that a diagnostic refers to (the national rule a layer's rule
/// contradicts, the provision that allows issuers).
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(severity(Advice))]
pub struct Note {
    /// What it is.
    pub message: String,
    /// The text it is in.
    #[source_code]
    pub src: Src,
    /// Where.
    #[label("{label}")]
    pub span: SourceSpan,
    /// What the place is to the diagnostic.
    pub label: String,
}
