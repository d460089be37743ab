//! The compiled form of a policy set: symbol tables, the frame layout of a case, the rules by
//! conclusion, and the order in which conclusions are computed.

use super::ir::{Expr, Sym, Value};
use crate::source::Source;
use crate::source::Span;
use crate::syntax::ast::{Labels, ProvisionKind};

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
    /// For each value: pinned values are never moved by `up`/`down`, nor reached by them.
    pub pinned: Vec<bool>,
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
    /// The layer that declared it (0: the base set).
    pub layer: u16,
    /// A layer defines it: the case may leave it out, and the definition decides.
    pub defined: bool,
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
    /// The layer that declared it (0: the base set).
    pub layer: u16,
    /// For a scale moved by `up`/`down` rules: the slot keeping the value before it moved.
    pub base_slot: Option<u32>,
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
    /// The facts and conclusions it reads, for explanations.
    pub reads: Vec<Read>,
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
    /// The layer it belongs to (0: the base set).
    pub layer: u16,
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
    pub conjuncts: Vec<Conjunct>,
    /// The facts and conclusions the condition reads, for the trace.
    pub reads: Vec<Read>,
    pub target: Option<u32>,
    pub value: Option<Expr>,
    /// The source text of the effect (`then …`).
    pub effect_text: String,
    pub exception_to: Vec<u32>,
    pub overridden_by: Vec<u32>,
    pub finding: Option<Template>,
    /// Index in the status array (the global one, or each member's).
    pub status: u32,
    /// The layer it belongs to (0: the base set).
    pub layer: u16,
    /// `then X up N` (N) or `down N` (−N): moves the combined value of a scale; 0 otherwise.
    pub step: i32,
    /// `define PATH …`: the global slot of the fact it defines.
    pub defines: Option<u32>,
    pub span: Span,
}

/// One element of a rule's condition, with its source text (for why-not explanations).
#[derive(Debug, Clone)]
pub struct Conjunct {
    /// The resolved condition.
    pub expr: Expr,
    /// How the policy writes it.
    pub text: String,
}

/// Whether a layer's guard chooses cases or dates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardKind {
    /// `applies when …`: the cases the layer decides (a region, say).
    Applies,
    /// The layer's dates: conduct before it takes effect (or from when it ends) is not its to decide.
    InForce,
}

/// One condition under which a layer decides a case.
#[derive(Debug, Clone)]
pub struct Guard {
    /// The resolved condition.
    pub expr: Expr,
    /// How it reads (`region == sample_province`, `conduct_date >= 2017-03-01 (sample-2017)`).
    pub text: String,
    /// Whether it chooses cases or dates them.
    pub kind: GuardKind,
}

/// A value a rule's condition (or a definition) reads, as the trace and the explanation show it.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// A fact of a layer that ships with zeren but is not loaded: a case that gives it is told which
/// layer to load.
#[derive(Debug, Clone)]
pub struct KnownFact {
    /// The fact's name.
    pub fact: String,
    /// The layer's id.
    pub layer: String,
    /// The file that holds the layer.
    pub file: String,
}

/// A layer: the base set of measures (index 0) or a layer of implementing rules on top of it.
#[derive(Debug, Clone, Default)]
pub struct LayerDef {
    pub id: String,
    pub title: Labels,
    pub issuer: String,
    pub issuer_kind: Option<Sym>,
    pub effective: Option<i32>,
    pub until: Option<i32>,
    pub extends: Option<u16>,
    /// The sources of its text, in load order.
    pub sources: Vec<u16>,
    /// `sha256:` of its sources' texts, concatenated in load order.
    pub digest: String,
    /// When it decides a case: its `applies when`, its dates, and those of the layer it extends.
    pub guards: Vec<Guard>,
    pub span: Span,
}

/// The definitions of one fact, by the layers that define it, with the fact's default.
#[derive(Debug, Clone)]
pub struct DefineGroup {
    pub slot: u32,
    pub rules: Vec<u32>,
    pub default: Value,
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
    /// The fact whose value picks a layer (`--region`): its slot and its enum.
    pub selected_by: Option<(u32, u16)>,
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
    /// Layer 0 is the base set; the others are layers of implementing rules.
    pub layers: Vec<LayerDef>,
    /// The layer of each source.
    pub source_layer: Vec<u16>,
    /// The layer that first named each symbol (values a layer adds are cited `LAYER:value`).
    pub sym_layer: Vec<u16>,
    /// Definitions of open terms, run before anything else.
    pub defines: Vec<DefineGroup>,
    /// The calendar `working_days` counts with: sorted holidays and extra workdays.
    pub calendar: std::sync::Arc<Calendar>,
    /// Conclusions the provisions must decide (`complete`), for `zeren analyze gaps`.
    pub completes: Vec<Complete>,
    /// Facts of layers known but not loaded, for a clear error.
    pub known_facts: Vec<KnownFact>,
}

/// `complete C when W`: in every case where W holds, some rule must decide C (a value that is not
/// pinned, with no conflict).
#[derive(Debug, Clone)]
pub struct Complete {
    pub conclusion: u32,
    pub when: Expr,
    pub provision: u16,
}

#[derive(Debug, Clone, Default)]
pub struct Calendar {
    pub holidays: Vec<i32>,
    pub workdays: Vec<i32>,
}

impl Program {
    /// The ids of the base set's provisions that say who may issue layers (`issuers`), for
    /// citing: `17.1, 17.2`.
    pub fn issuer_provisions(&self) -> String {
        let ids: Vec<&str> = self
            .provisions
            .iter()
            .filter(|p| p.layer == 0 && !p.issuers.is_empty())
            .map(|p| p.id.as_str())
            .collect();
        ids.join(", ")
    }

    /// A symbol as the decision shows it: `value`, or `LAYER:value` for a value a layer added.
    pub fn sym_id(&self, s: Sym) -> std::borrow::Cow<'_, str> {
        let name = &self.syms[s as usize];
        match self.sym_layer.get(s as usize) {
            Some(l) if *l > 0 => format!("{}:{name}", self.layers[*l as usize].id).into(),
            _ => name.as_str().into(),
        }
    }
}

/// A member of a set value.
pub enum SetMember {
    /// An enumeration value: the enum, its position among the enum's values, its symbol.
    Sym(u16, usize, u16),
    /// A provision.
    Provision(u16),
}

impl Program {
    /// The members of a set value of type `ty` (for a set of provisions, of the conclusion it
    /// cites), as symbols or provisions, in order.
    pub fn set_members(&self, ty: Ty, cite: Cite, bits: u128) -> Vec<SetMember> {
        let mut out = vec![];
        let mut rest = bits;
        while rest != 0 {
            let b = rest.trailing_zeros();
            rest &= rest - 1;
            match (ty, cite) {
                (Ty::SetOfEnum(e), _) => {
                    if let Some(s) = self.enums[e as usize].values.get(b as usize) {
                        out.push(SetMember::Sym(e, b as usize, *s));
                    }
                }
                (Ty::SetOfProvision, Cite::Conclusion(c)) => {
                    if let Some(p) = self.conclusions[c as usize].universe.get(b as usize) {
                        out.push(SetMember::Provision(*p));
                    }
                }
                _ => {}
            }
        }
        if let Some(SetMember::Provision(_)) = out.first() {
            out.sort_by_key(|m| if let SetMember::Provision(p) = m { *p } else { 0 });
        }
        out
    }
}
