//! The compiled form of a policy set: symbol tables, the frame layout of a case, the rules by
//! conclusion, and the order in which conclusions are computed.

use super::ir::{Expr, Sym, Value};
use crate::syntax::Source;
use crate::syntax::ast::{Labels, ProvisionKind};
use crate::syntax::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Int,
    Text,
    Date,
    Enum(u16),
    Record(u16),
    List(u16),
    SetOfEnum(u16),
    SetOfProvision,
    Provision,
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub name: String,
    pub labels: Labels,
    pub scale: bool,
    pub values: Vec<Sym>,
    pub value_labels: Vec<Labels>,
    /// `bit[sym]`: the position of a symbol among `values`, or 255.
    pub bit: Box<[u8]>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct RecordDef {
    pub name: String,
    pub labels: Labels,
    pub fields: Vec<FieldDef>,
    pub span: Span,
}

/// A field of a record, or a fact of the case.
#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: String,
    pub ty: Ty,
    pub default: Option<Value>,
    pub optional: bool,
    pub nonempty: bool,
    pub open: bool,
    pub labels: Labels,
    pub span: Span,
    /// Slot in the global frame (top-level facts and their record fields) or in the member frame
    /// (fields of a list's records).
    pub slot: u32,
}

/// A top-level fact: a scalar, a record (a presence slot and a slot per field), or a list.
#[derive(Debug, Clone)]
pub struct Fact {
    pub def: FieldDef,
    /// For a record fact: its fields, with global slots.
    pub fields: Vec<FieldDef>,
    /// For a list fact: the list number.
    pub list: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct ListDef {
    pub name: String,
    pub record: u16,
    /// Slots of a member frame: the record's fields, then the member conclusions.
    pub width: u32,
    /// Number of member rules (the status array of each member).
    pub rules: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Member(u16),
}

#[derive(Debug, Clone)]
pub struct Conclusion {
    pub name: String,
    pub labels: Labels,
    pub ty: Ty,
    pub combine: Combine,
    pub default: Value,
    pub scope: Scope,
    pub slot: u32,
    pub rules: Vec<u32>,
    /// For a set of provisions: the provision of each bit.
    pub universe: Vec<u16>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Let {
    pub name: String,
    pub labels: Option<Labels>,
    pub ty: Ty,
    pub expr: Expr,
    pub slot: u32,
    pub provision: Option<u16>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Provision {
    /// `11.1.3`
    pub id: String,
    pub kind: ProvisionKind,
    pub number: u32,
    pub parent: Option<u16>,
    pub chapter: Option<u16>,
    pub labels: Option<Labels>,
    pub text_only: Option<Labels>,
    pub issuers: Vec<Sym>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Chapter {
    pub number: u32,
    pub labels: Labels,
}

/// A text with `{path}` holes, in both languages.
#[derive(Debug, Clone, Default)]
pub struct Template {
    pub zh: Vec<Segment>,
    pub en: Vec<Segment>,
}

#[derive(Debug, Clone)]
pub enum Segment {
    Text(String),
    Hole(Expr, Ty),
}

#[derive(Debug, Clone)]
pub struct RuleDef {
    /// `11.2/principal`, or `11.1.3` for an unnamed rule.
    pub id: String,
    pub name: Option<String>,
    pub provision: u16,
    pub scope: Scope,
    /// The whole condition: guards, the provision's dates and the rule's own `when`.
    pub cond: Expr,
    /// The same, as a list of conjuncts with their source text, for why-not explanations.
    pub conjuncts: Vec<(Expr, String)>,
    /// The facts and conclusions the condition reads, for the trace.
    pub reads: Vec<(String, Expr, Ty)>,
    pub target: Option<u32>,
    pub value: Option<Expr>,
    /// The source text of the effect (`then …`).
    pub effect_text: String,
    pub exception_to: Vec<u32>,
    pub overridden_by: Vec<u32>,
    pub finding: Option<Template>,
    /// Index in the status array (the global one, or each member's).
    pub status: u32,
    pub span: Span,
}

#[derive(Debug, Clone, Copy)]
pub enum Step {
    Let(u32),
    Conclusion(u32),
}

/// One key of the decision.
#[derive(Debug, Clone)]
pub struct OutEntry {
    pub key: String,
    pub labels: Labels,
    pub ty: Ty,
    pub read: Expr,
    pub cite: Cite,
    /// For a list or record: the keys of each member.
    pub fields: Vec<OutEntry>,
    pub list: Option<u16>,
}

#[derive(Debug, Clone, Copy)]
pub enum Cite {
    None,
    Conclusion(u32),
    Let(u32),
}

#[derive(Debug, Clone, Default)]
pub struct Header {
    pub id: String,
    pub title: Labels,
    pub issuer: String,
    pub issuer_kind: Option<Sym>,
    pub effective: Option<i32>,
    pub dated_by: Option<u32>,
}

/// A checked and compiled policy set.
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub sources: Vec<Source>,
    pub header: Header,
    pub syms: Vec<String>,
    pub enums: Vec<EnumDef>,
    pub records: Vec<RecordDef>,
    pub facts: Vec<Fact>,
    pub lists: Vec<ListDef>,
    pub conclusions: Vec<Conclusion>,
    pub lets: Vec<Let>,
    pub chapters: Vec<Chapter>,
    pub provisions: Vec<Provision>,
    pub rules: Vec<RuleDef>,
    /// Rules that only state a finding, evaluated after every conclusion.
    pub finding_rules: Vec<u32>,
    pub steps: Vec<Step>,
    pub decision: Vec<OutEntry>,
    pub strings: Vec<String>,
    pub globals: u32,
    pub global_rules: u32,
}
