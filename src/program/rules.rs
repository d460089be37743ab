//! The law of a policy set: provisions, the rules attached to them, the conclusions they reach
//! and the definitions (`let`) they share, all resolved.

use super::ir::{Expr, Sym, Value};
use super::{Labels, ProvisionKind, Span, Ty};

/// How the values of the rules that apply combine into a conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Combine {
    /// All rules that fire must agree.
    Unique,
    /// The highest value of the scale wins.
    Max(u16),
    /// The lowest value of the scale wins.
    Min(u16),
    /// Sets: the union.
    Union,
}

/// What a conclusion or a rule is about: the case, or each member of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    /// The case.
    Global,
    /// Each member of the list.
    Member(u16),
}

/// Something the provisions conclude.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Conclusion {
    /// Its name in the policy.
    pub name: String,
    /// What it is called, in both languages.
    pub labels: Labels,
    /// Its type.
    pub ty: Ty,
    /// How its rules' values combine.
    pub combine: Combine,
    /// Its value when no rule gives one.
    pub default: Value,
    /// The case, or each member of a list.
    pub scope: Scope,
    /// Its slot (global, or in each member's frame).
    pub slot: u32,
    /// Its rules, in the order of the text.
    pub rules: Vec<u32>,
    /// For a set of provisions: the provision of each bit.
    pub universe: Vec<u16>,
    /// The layer that declared it (0: the base set).
    pub layer: u16,
    /// For a scale moved by `up`/`down` rules: the slot keeping the value before it moved.
    pub base_slot: Option<u32>,
    /// `if COND` in its declaration: where it does not hold, the conclusion is absent.
    pub gate: Option<Expr>,
    /// Where it is declared.
    pub span: Span,
}

/// A definition (`let`): a value computed from others, shared by rules.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Let {
    /// Its name in the policy.
    pub name: String,
    /// What it is called, when it has labels.
    pub labels: Option<Labels>,
    /// Its type.
    pub ty: Ty,
    /// How it is computed.
    pub expr: Expr,
    /// Its global slot.
    pub slot: u32,
    /// The provision it stands in.
    pub provision: Option<u16>,
    /// The facts and conclusions it reads, for explanations.
    pub reads: Vec<Read>,
    /// Where it is declared.
    pub span: Span,
}

/// An article, paragraph or item of the text.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Provision {
    /// `11.1.3` (a layer's provisions have their own numbering).
    pub id: String,
    /// Article, paragraph or item.
    pub kind: ProvisionKind,
    /// Its number among its siblings.
    pub number: u32,
    /// The provision it is part of.
    pub parent: Option<u16>,
    /// The chapter it stands in.
    pub chapter: Option<u16>,
    /// Its text, in both languages.
    pub labels: Option<Labels>,
    /// For a provision no case can test: why (`text_only`).
    pub text_only: Option<Labels>,
    /// The kinds of issuer it allows to make layers (`issuers`).
    pub issuers: Vec<Sym>,
    /// The layer it belongs to (0: the base set).
    pub layer: u16,
    /// Where it is declared.
    pub span: Span,
}

/// A chapter of the text.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Chapter {
    /// Its number.
    pub number: u32,
    /// Its title, in both languages.
    pub labels: Labels,
}

/// A text with `{path}` holes, in both languages.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Template {
    /// The Chinese text.
    pub zh: Vec<Segment>,
    /// The English text.
    pub en: Vec<Segment>,
}

/// A piece of a template.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Segment {
    /// Words.
    Text(#[serde(deserialize_with = "crate::source::utf8::string")] String),
    /// A value, of this type.
    Hole(Expr, Ty),
}

/// A rule: when its condition holds, it concludes a value (or states a finding).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RuleDef {
    /// `11.2/principal`, or `11.1.3#1` for an unnamed rule.
    pub id: String,
    /// Its name, when it has one.
    pub name: Option<String>,
    /// The provision it encodes.
    pub provision: u16,
    /// The case, or each member of a list.
    pub scope: Scope,
    /// The whole condition: guards, the provision's dates and the rule's own `when`.
    pub cond: Expr,
    /// The same, as a list of conjuncts with their source text, for why-not explanations.
    pub conjuncts: Vec<Conjunct>,
    /// The facts and conclusions the condition reads, for the trace.
    pub reads: Vec<Read>,
    /// The conclusion it concludes.
    pub target: Option<u32>,
    /// The value it gives the conclusion (none for `up`/`down`).
    pub value: Option<Expr>,
    /// The source text of the effect (`then …`).
    pub effect_text: String,
    /// For an exception: the rules it overrides.
    pub exception_to: Vec<u32>,
    /// The exceptions that override it.
    pub overridden_by: Vec<u32>,
    /// What it states when it applies.
    pub finding: Option<Template>,
    /// Index in the status array (the global one, or each member's).
    pub status: u32,
    /// The layer it belongs to (0: the base set).
    pub layer: u16,
    /// `then X up N` (N) or `down N` (−N): moves the combined value of a scale; 0 otherwise.
    pub step: i32,
    /// `define PATH …`: the global slot of the fact it defines.
    pub defines: Option<u32>,
    /// `define PATH at least …`: a floor under the fact's grade, not a value the case may replace.
    pub floor: bool,
    /// How an explanation states its condition (the author's words), when given.
    pub labels: Option<Labels>,
    /// The words of its provision it encodes, quoted in explanations.
    pub clause: Option<Labels>,
    /// `cite C`: what it concludes rests on whatever decided conclusion `C` (one its condition
    /// reads), and is cited to that rather than to the rule's own provision.
    pub cites: Option<u32>,
    /// Where it is declared.
    pub span: Span,
}

/// One element of a rule's condition, with its source text (for why-not explanations).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Conjunct {
    /// The resolved condition.
    pub expr: Expr,
    /// How the policy writes it.
    pub text: String,
}

/// A value a rule's condition (or a definition) reads, as the trace and the explanation show it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Read {
    /// The path as the policy writes it: `unit.kind`, `person.role`, `accountable`.
    pub name: String,
    /// Where the value is read.
    pub expr: Expr,
    /// Its type.
    pub ty: Ty,
    /// For a set of provisions: the conclusion it is, whose provisions its members are.
    pub cite: Cite,
    /// Where the value comes from.
    pub source: ReadSource,
}

/// Where a read value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ReadSource {
    /// A fact of the case in a global slot (a top-level fact or a record's field); with the group of
    /// layers' definitions of it (`Program::defines`), when there is one.
    Fact {
        /// The slot.
        slot: u32,
        /// The definitions of the fact, by index into `Program::defines`.
        defined: Option<u32>,
    },
    /// A field of the list member bound by `each`.
    Field {
        /// The member's slot.
        slot: u32,
    },
    /// A definition of the policy (`let`).
    Let(u32),
    /// A conclusion, or anything else computed.
    Derived,
}

/// What a value of the decision cites: the rules that decided it.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub enum Cite {
    /// Nothing: a fact of the case.
    None,
    /// The rules of this conclusion that applied.
    Conclusion(u32),
    /// The provision of this definition.
    Let(u32),
}

/// The definitions of one fact, by the layers that define it, with the fact's default.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DefineGroup {
    /// The fact's global slot.
    pub slot: u32,
    /// The definitions, in load order.
    pub rules: Vec<u32>,
    /// The fact's default.
    pub default: Value,
    /// When some definition is a floor (`at least`): the fact's scale.
    pub floors: Option<u16>,
}

/// One step of deciding a case, in dependency order.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub enum Step {
    /// Compute a definition.
    Let(u32),
    /// Decide a conclusion.
    Conclusion(u32),
}

/// `complete C when W`: in every case where W holds, some rule must decide C (a value that is not
/// pinned, with no conflict).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Complete {
    /// The conclusion.
    pub conclusion: u32,
    /// When it must be decided.
    pub when: Expr,
    /// The provision that says so.
    pub provision: u16,
}
