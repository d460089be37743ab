//! The syntax tree of a policy file. Every node carries the [`Span`] it was parsed from; names are
//! not resolved yet (that is the checker's job). The national measures' trees are embedded
//! (serde + postcard), so that loading a layer beside them does not parse their text again.

use crate::source::Span;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// Chinese text, and optionally its English working translation.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Labels {
    /// The Chinese text, which governs.
    #[serde(deserialize_with = "crate::source::utf8::string")]
    pub zh: String,
    /// The English working translation, when there is one.
    #[serde(deserialize_with = "crate::source::utf8::option")]
    pub en: Option<String>,
    /// Where the labels stand in the policy.
    pub span: Span,
}

impl Labels {
    /// The text in the language asked for, falling back to Chinese (which governs).
    pub fn get(&self, english: bool) -> &str {
        match (&self.en, english) {
            (Some(en), true) => en,
            _ => &self.zh,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct File {
    pub src: u16,
    pub header: Header,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Header {
    /// `measures ID { … }`: opens a set of measures (the national ones, or a layer).
    Measures(Box<MeasuresHeader>),
    /// `part of ID`: this file continues a set opened elsewhere.
    PartOf(Ident),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MeasuresHeader {
    pub id: Ident,
    pub title: Option<Labels>,
    pub issuer: Option<(String, Option<Ident>)>,
    pub effective: Option<(i32, Span)>,
    pub until: Option<(i32, Span)>,
    pub dated_by: Option<Path>,
    pub selected_by: Option<Path>,
    pub extends: Option<Ident>,
    /// `layer ID { … }` rather than `measures ID { … }`.
    pub layer: bool,
    /// `applies when …`: which cases the layer decides.
    pub applies: Option<Expr>,
}

/// Anything that may stand at the top of a file or inside a provision. The grammar decides which
/// may stand where; the tree is one shape so that the checker walks it in one way.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Item {
    Enum(EnumDecl),
    /// `extend Name { values }`: values added to an enumeration or scale of another set.
    Extend(EnumDecl),
    /// `extend Name { fields }`: fields added to a record of another set.
    ExtendRecord(RecordDecl),
    /// `holidays { … }` (false) or `workdays { … }` (true): (first, last, span) of each span.
    Calendar(bool, Vec<(i32, i32, Span)>),
    Open(Vec<Path>),
    Fixed(Vec<Path>),
    Define(Define),
    /// `complete PATH when COND`: a conclusion the provisions must decide in every such case.
    Complete(Path, Option<Expr>),
    Record(RecordDecl),
    Fact(FieldDecl),
    Conclusion(ConclusionDecl),
    Each(Each),
    Let(LetDecl),
    Chapter(Chapter),
    Provision(Provision),
    Rule(Rule),
    Guard(Guard),
    TextOnly(Labels),
    Issuers(Vec<Ident>),
    Decision(Vec<DecisionEntry>),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct EnumDecl {
    pub scale: bool,
    pub name: Ident,
    pub labels: Option<Labels>,
    pub includes: Vec<Ident>,
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct EnumValue {
    pub name: Ident,
    pub labels: Option<Labels>,
    pub pinned: bool,
    /// `below X` (false) or `above X` (true).
    pub position: Option<(bool, Ident)>,
}

/// `define PATH when COND` / `define PATH = EXPR`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Define {
    pub target: Path,
    pub value: Expr,
    /// `at least`: the value is a floor the case's own value is raised to, never lowered from.
    pub floor: bool,
    pub finding: Option<Labels>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RecordDecl {
    pub name: Ident,
    pub labels: Option<Labels>,
    pub fields: Vec<FieldDecl>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum TypeExpr {
    Named(Ident),
    ListOf(Ident),
    SetOf(Ident),
    /// `members of LIST`: members of a list fact, named by its `unique` field.
    MembersOf(Ident),
}

impl TypeExpr {
    pub fn ident(&self) -> &Ident {
        match self {
            TypeExpr::Named(i) | TypeExpr::ListOf(i) | TypeExpr::SetOf(i) | TypeExpr::MembersOf(i) => i,
        }
    }
}

/// A fact of a case, or a field of a record.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FieldDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    pub default: Option<Expr>,
    pub optional: bool,
    pub nonempty: bool,
    pub open: bool,
    pub unique: bool,
    pub labels: Option<Labels>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Combine {
    Max,
    Min,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ConclusionDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    pub combine: Option<(Combine, Span)>,
    pub default: Option<Expr>,
    /// `if COND`: decided only where it holds, absent elsewhere.
    pub gate: Option<Expr>,
    pub labels: Option<Labels>,
}

/// `each person in people { … }`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Each {
    pub var: Ident,
    pub list: Path,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LetDecl {
    pub name: Ident,
    pub labels: Option<Labels>,
    pub value: Expr,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Chapter {
    pub number: u32,
    pub labels: Labels,
    pub items: Vec<Item>,
    pub span: Span,
}

/// Which level of the text a provision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProvisionKind {
    /// 条, Article.
    Article,
    /// 款, paragraph.
    Paragraph,
    /// 项, item.
    Item,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Provision {
    pub kind: ProvisionKind,
    pub number: u32,
    pub since: Option<(i32, Span)>,
    pub until: Option<(i32, Span)>,
    pub labels: Option<Labels>,
    pub items: Vec<Item>,
    pub span: Span,
}

/// A rule, or an exception to other rules.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    pub name: Option<Ident>,
    /// `Some` for `exception NAME to A, B`: the rules it overrides.
    pub exception_to: Option<Vec<Ident>>,
    /// `exception NAME to all PATH`: overrides every rule of that conclusion.
    pub exception_all: Option<Path>,
    pub condition: Option<Expr>,
    pub effect: Option<Effect>,
    /// `cite rung`: cited to what decided this conclusion instead of the rule's own provision.
    pub cite: Option<Box<Path>>,
    pub finding: Option<Labels>,
    /// How an explanation states the rule's condition, where the words built from it are clumsy.
    pub labels: Option<Labels>,
    /// `clause "…" "…"`: the words of its provision that the rule encodes.
    pub clause: Option<Labels>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Effect {
    pub target: Path,
    pub op: EffectOp,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum EffectOp {
    /// `= value`
    Set(Expr),
    /// `+= value` (add to a set)
    Add(Expr),
    /// `up N` (positive) or `down N` (negative): move a scale value after its rules combine.
    Step(i64, Span),
}

/// `when cond { … }`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Guard {
    pub condition: Expr,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DecisionEntry {
    pub name: Ident,
    /// Its labels, for an entry that is not itself a declared name.
    pub labels: Option<Labels>,
    /// `LIST where CONCLUSION`: the members of the list for which a member conclusion holds.
    pub view: Option<(Ident, Ident)>,
    /// `or NAME`: shown to people where the value is absent.
    pub fallback: Option<Ident>,
    /// Each field of a list, record or composite entry.
    pub fields: Vec<DecisionField>,
}

/// A field of a decision entry: `key`, `key: name`, `key or fallback`, `key within set`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DecisionField {
    /// The key it is shown under.
    pub key: Ident,
    /// The name it shows, when that differs from the key.
    pub source: Option<Ident>,
    /// `or NAME`: shown to people where the value is absent.
    pub fallback: Option<Ident>,
    /// `within NAME`: people read the value within another field of the member (a set).
    pub within: Option<Ident>,
}

/// A dotted name: `unit.kind`, `person.role`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Path {
    pub parts: Vec<Ident>,
    pub span: Span,
}

impl Path {
    pub fn dotted(&self) -> String {
        self.parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(".")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Quant {
    Any,
    All,
    Count,
    /// The highest value the body takes on a scale (`max p in people: (p.rung)`).
    Max,
    /// The lowest.
    Min,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Builtin {
    Count,
    Present,
    /// `days(a, b)`: calendar days from a to b.
    Days,
    /// `working_days(a, b)`: working days after a up to b, by the policy's calendar.
    WorkingDays,
    /// `add_months(d, n)`, `add_years(d, n)`: the corresponding day n months or years later.
    AddMonths,
    AddYears,
    /// `layer_by(kind)`: whether a layer issued by that kind of issuer decides the case.
    LayerBy,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum ExprKind {
    Bool(bool),
    Int(i64),
    Date(i32),
    /// A text of the policy, with its English when given.
    Str(String, Option<String>),
    EmptyRecord,
    EmptyList,
    This,
    Path(Path),
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    InSet(Box<Expr>, Vec<Ident>),
    /// `value if cond`
    If(Box<Expr>, Box<Expr>),
    /// `person in step.people`: a list member among those a `members of` value names.
    InMembers(Box<Expr>, Box<Expr>),
    Quant(Quant, Ident, Path, Box<Expr>),
    Call(Builtin, Vec<Expr>),
}
