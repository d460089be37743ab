//! The resolved form of a policy set, shared by every stage after `check`: symbol tables, the
//! frame layout of a case, the rules by conclusion and the order they are computed in, and what
//! it all means (`meaning` for expressions, `combine` for a conclusion's rules). Names are
//! resolved to slots and symbols here; nothing that decides a case looks a string up.

pub mod bits;
pub mod combine;
pub mod frame;
pub mod ir;
mod layers;
pub mod meaning;
pub mod packed;
mod region;
mod rules;
pub mod texts;
mod vocabulary;

pub use crate::source::{Source, Span};
pub use crate::syntax::ast::{Labels, ProvisionKind};
use ir::{Expr, Sym};
pub use layers::{Calendar, Guard, GuardKind, Header, LayerDef};
pub use region::RegionError;
pub use rules::{
    Chapter, Cite, Combine, Complete, Conclusion, Conjunct, DefineGroup, Let, Provision, Read, ReadSource,
    RuleDef, Scope, Segment, Step, Template,
};
pub use vocabulary::{EnumDef, Fact, FieldDef, KnownFact, KnownFacts, ListDef, RecordDef, Ty};

/// The members of a set value, kept inline (a set a decision shows has a few).
pub type SetMembers = smallvec::SmallVec<[SetMember; 8]>;

/// One key of the decision (`decision { … }`): what it shows, and where its value is read.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct OutEntry {
    /// The key, as the JSON output names it.
    pub key: String,
    /// What it is called, in both languages.
    pub labels: Labels,
    /// Its type.
    pub ty: Ty,
    /// Where its value is read (for a list's field: in the member's frame).
    pub read: Expr,
    /// What decided it.
    pub cite: Cite,
    /// For a list or record: the keys of each member.
    pub fields: Vec<OutEntry>,
    /// For a list: which.
    pub list: Option<u16>,
    /// For a view of a list (`history where escalation`): the member slot that must hold a value
    /// for a member to be shown.
    pub filter: Option<u32>,
    /// `or NAME`: the conclusion about the case people read where the value is absent.
    pub fallback: Option<u32>,
    /// `within NAME`, for a list's field: the position among the list's fields of the set that
    /// people read this value within (it is said on its own only where that set lacks it).
    pub within: Option<u16>,
}

/// A checked policy set: the base measures and their layers, in one namespace.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Program {
    /// Its files, in load order (a span's `src` indexes them). Not in the compiled form, which
    /// keeps their digest instead (the texts are embedded anyway).
    #[serde(skip)]
    pub sources: Vec<Source>,
    /// What the base set's header says.
    pub header: Header,
    /// The name of each symbol (enumeration value).
    pub syms: Vec<String>,
    /// The enumerations and scales.
    pub enums: Vec<EnumDef>,
    /// The records.
    pub records: Vec<RecordDef>,
    /// The facts a case gives.
    pub facts: Vec<Fact>,
    /// The layout of each list fact.
    pub lists: Vec<ListDef>,
    /// The conclusions.
    pub conclusions: Vec<Conclusion>,
    /// The definitions (`let`).
    pub lets: Vec<Let>,
    /// The chapters of the text.
    pub chapters: Vec<Chapter>,
    /// The articles, paragraphs and items, in the order of the text (a layer's after the base's).
    pub provisions: Vec<Provision>,
    /// The rules, in the order of the text.
    pub rules: Vec<RuleDef>,
    /// Rules that only state a finding, evaluated after every conclusion.
    pub finding_rules: Vec<u32>,
    /// The provision each rule's status stands for, by status (`Applied::of`).
    pub applied: Applied,
    /// The definitions and conclusions, in dependency order.
    pub steps: Vec<Step>,
    /// What a decision shows, in order.
    pub decision: Vec<OutEntry>,
    /// The texts written in the policy (`Value::PolicyText` indexes them).
    pub strings: Vec<String>,
    /// The English of each policy text, where the policy gives one.
    pub strings_en: Vec<Option<String>>,
    /// How many global slots a case's frame has.
    pub globals: u32,
    /// How many rules are about the case (the global status array).
    pub global_rules: u32,
    /// Layer 0 is the base set; the others are layers of implementing rules.
    pub layers: Vec<LayerDef>,
    /// The layer of each source.
    pub source_layer: Vec<u16>,
    /// The layer that first named each symbol (values a layer adds are cited `LAYER:value`).
    pub sym_layer: Vec<u16>,
    /// Definitions of open terms, run before anything else.
    pub defines: Vec<DefineGroup>,
    /// Conclusions the provisions must decide (`complete`), for `zeren analyze gaps`.
    pub completes: Vec<Complete>,
    /// Facts of layers known but not loaded, for a clear error (set when loaded, not kept).
    #[serde(skip)]
    pub known_facts: KnownFacts,
}

/// For each status of the case's rules, and of each list's member rules: the provision a rule
/// that won there applied, so that the provisions a decision applied are read off its statuses
/// instead of found rule by rule. A rule that cites another conclusion's provisions (`cite`)
/// applies none of its own: [`Applied::NONE`].
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Applied {
    /// By the case's statuses.
    pub case: Vec<u16>,
    /// By each list's member statuses.
    pub lists: Vec<Vec<u16>>,
}

impl Applied {
    /// No provision of its own.
    pub const NONE: u16 = u16::MAX;

    /// The provisions of a checked program's rules, by status.
    pub fn of(prog: &Program) -> Applied {
        let mut a = Applied {
            case: vec![Self::NONE; prog.global_rules as usize],
            lists: prog.lists.iter().map(|l| vec![Self::NONE; l.rules as usize]).collect(),
        };
        for rule in prog.rules.iter().filter(|r| r.cites.is_none()) {
            let at = match rule.scope {
                Scope::Global => a.case.get_mut(rule.status as usize),
                Scope::Member(l) => a.lists.get_mut(l as usize).and_then(|x| x.get_mut(rule.status as usize)),
            };
            if let Some(p) = at {
                *p = rule.provision;
            }
        }
        a
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
    /// A text of the policy (`Value::PolicyText`) in the language asked for: the English where the
    /// policy gives one, else the Chinese, which governs.
    pub fn text(&self, t: u32, english: bool) -> &str {
        let en = if english { self.strings_en.get(t as usize).and_then(|x| x.as_deref()) } else { None };
        en.unwrap_or_else(|| self.strings.get(t as usize).map_or("", |s| s.as_str()))
    }

    /// A symbol's label in the language asked for: as a value of enumeration `of` when given,
    /// else of the first enumeration that has it; `None` for a symbol no enumeration has.
    pub fn sym_label(&self, of: Option<u16>, s: Sym, english: bool) -> Option<&str> {
        of.into_iter().chain(0..self.enums.len() as u16).find_map(|e| {
            let def = self.enums.get(e as usize)?;
            def.values.iter().position(|x| *x == s).map(|i| def.value_labels[i].get(english))
        })
    }

    /// The fields that say which member of a list it is when its record has no text field to name
    /// it by: its first date field and its first enumeration field; `None` for a list whose
    /// members are named.
    pub fn describing(&self, list: u16) -> Option<[Option<&FieldDef>; 2]> {
        let fields = &self.records.get(self.lists.get(list as usize)?.record as usize)?.fields;
        if fields.iter().any(|x| x.ty == Ty::Text) {
            return None;
        }
        let date = fields.iter().find(|x| x.ty == Ty::Date);
        Some([date, fields.iter().find(|x| matches!(x.ty, Ty::Enum(_)))])
    }

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

    /// The values of a set of enumeration `e`'s values, in the enumeration's order: what
    /// [`Program::set_members`] gives for such a set, without gathering them.
    pub fn enum_set(&self, e: u16, bits: u128) -> impl Iterator<Item = Sym> + '_ {
        let values = &self.enums[e as usize].values;
        let mut rest = bits;
        std::iter::from_fn(move || {
            while rest != 0 {
                let b = rest.trailing_zeros();
                rest &= rest - 1;
                if let Some(s) = values.get(b as usize) {
                    return Some(*s);
                }
            }
            None
        })
    }

    /// The members of a set value of type `ty` (for a set of provisions, of the conclusion it
    /// cites), as symbols or provisions, in order.
    pub fn set_members(&self, ty: Ty, cite: Cite, bits: u128) -> SetMembers {
        let mut out = SetMembers::new();
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

    /// Whether a set (of type `ty`, cited as `cite`) holds the value `v`.
    pub fn set_holds(&self, ty: Ty, cite: Cite, bits: u128, v: ir::Value) -> bool {
        self.set_members(ty, cite, bits).into_iter().any(|m| match (m, v) {
            (SetMember::Sym(_, _, s), ir::Value::Sym(x)) => s == x,
            (SetMember::Provision(p), ir::Value::Provision(x)) => p == x,
            _ => false,
        })
    }
}
