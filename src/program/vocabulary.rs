//! The vocabulary of a policy set: its types, the facts a case gives and the frame slots they
//! take.

use super::ir::{Sym, Value};
use super::{Labels, Span};

/// The type of a fact, a conclusion or an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Ty {
    /// Yes or no.
    Bool,
    /// A whole number.
    Int,
    /// A text of the case (a name, an id).
    Text,
    /// A day.
    Date,
    /// A value of an enumeration (`Program::enums`).
    Enum(u16),
    /// A record (`Program::records`).
    Record(u16),
    /// A list of records (`Program::records`).
    List(u16),
    /// A set of values of an enumeration.
    SetOfEnum(u16),
    /// A set of provisions.
    SetOfProvision,
    /// One provision.
    Provision,
    /// Some members of a list (`members of people`), as a set of their positions.
    Members(u16),
}

/// An enumeration, or a scale (its values ordered, lowest first).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct EnumDef {
    /// Its name in the policy.
    pub name: String,
    /// What it is called, in both languages.
    pub labels: Labels,
    /// Whether its values are ordered (`scale`).
    pub scale: bool,
    /// Its values, in order.
    pub values: Vec<Sym>,
    /// The labels of each value.
    pub value_labels: Vec<Labels>,
    /// `bit[sym]`: the position of a symbol among `values`, or 255.
    pub bit: Box<[u8]>,
    /// For each value: pinned values are never moved by `up`/`down`, nor reached by them.
    pub pinned: Vec<bool>,
    /// Where it is declared.
    pub span: Span,
}

/// A record: named fields.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RecordDef {
    /// Its name in the policy.
    pub name: String,
    /// What it is called, in both languages.
    pub labels: Labels,
    /// Its fields, in order (a layer's fields after the base set's).
    pub fields: Vec<FieldDef>,
    /// Where it is declared.
    pub span: Span,
}

/// A field of a record, or a fact of the case.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FieldDef {
    /// Its name in the policy and in case files.
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// The value it has when a case leaves it out.
    pub default: Option<Value>,
    /// A case may leave it out (it is then absent).
    pub optional: bool,
    /// A list that must have a member.
    pub nonempty: bool,
    /// A term the measures leave open: implementing rules may define it.
    pub open: bool,
    /// No two members of a list share its value; `members of LIST` names members by it.
    pub unique: bool,
    /// What it is called, in both languages.
    pub labels: Labels,
    /// Where it is declared.
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    /// The fact itself.
    pub def: FieldDef,
    /// For a record fact: its fields, with global slots.
    pub fields: Vec<FieldDef>,
    /// For a list fact: the list number.
    pub list: Option<u16>,
}

/// A list fact's layout: each member has a frame of its own.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ListDef {
    /// The fact's name.
    pub name: String,
    /// The record of its members.
    pub record: u16,
    /// Slots of a member frame: the record's fields, then the member conclusions.
    pub width: u32,
    /// Number of member rules (the status array of each member).
    pub rules: u32,
    /// When `members of` names this list's members: the slot that holds each member's position.
    pub index: Option<u32>,
}

/// A fact of a layer that ships with zeren but is not loaded: a case that gives it is told which
/// layer to load.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct KnownFact {
    /// The fact's name.
    pub fact: String,
    /// The layer's id.
    pub layer: String,
    /// The file that holds the layer.
    pub file: String,
}

/// The facts of layers known to zeren but not loaded, found only when a case gives a key the
/// loaded policies do not know (reading them costs parsing those layers, which a case that
/// needs no hint should not pay).
#[derive(Debug, Clone, Default)]
pub struct KnownFacts {
    /// Reads every known layer's facts (once per process).
    pub all: Option<fn() -> &'static [KnownFact]>,
    /// The layers loaded: their facts are not hints.
    pub loaded: Vec<String>,
}

impl KnownFacts {
    /// The known fact of a layer not loaded named `key`.
    pub fn find(&self, key: &str) -> Option<&'static KnownFact> {
        self.all?().iter().find(|k| k.fact == key && !self.loaded.contains(&k.layer))
    }
}
