//! A case while it is decided: the values of its facts and conclusions in flat slots, one small
//! frame per list member, and what became of each rule.

use super::ir::Value;
use super::texts::Texts;

/// One member of a list: its slots (fields, then member conclusions) and its rules' statuses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Member {
    /// Its slots: the record's fields, then the member conclusions.
    pub vals: Vec<Value>,
    /// The status of each rule about a member.
    pub status: Vec<Status>,
    /// Which slots (below 128) the case file gave, as bits: the others hold defaults.
    pub given: u128,
}

/// A fact the case gives as `unknown`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Unknown {
    /// `harm`, `conduct.decision_error`, `people.took_part`.
    pub name: String,
    /// The list member it belongs to (list, position), for a member's field.
    pub member: Option<(u16, usize)>,
    /// Its slot (global, or in the member's frame).
    pub slot: u32,
    /// Its type.
    pub ty: super::Ty,
}

/// Everything known about one case while it is decided.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frame {
    /// The global slots: facts, definitions, conclusions.
    pub globals: Vec<Value>,
    /// Each list's members.
    pub lists: Vec<Vec<Member>>,
    /// The case's texts (names, ids), referenced by `Value::Text`.
    pub texts: Texts,
    /// Which global slots the case file gave (the others hold defaults or definitions).
    pub given: Vec<bool>,
    /// Statuses of the global rules.
    pub status: Vec<Status>,
    /// Conclusions on which rules disagreed: (conclusion, member).
    pub conflicts: Vec<(u32, Option<usize>)>,
    /// Facts whose definitions (by different layers) disagreed: their global slots.
    pub define_conflicts: Vec<u32>,
    /// Facts the case gives as `unknown`: decided under each possible answer.
    pub unknown: Vec<Unknown>,
}

/// What became of a rule on one case (or one member of a list).
#[repr(u8)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Status {
    /// The rule was not evaluated (only a global rule, before it is reached; a member's rule that
    /// the case alone rules out is `NotFired` without being tested).
    #[default]
    Unseen,
    /// Its condition was false.
    NotFired,
    /// It fired, but an exception overrode it.
    Overridden,
    /// It fired, but a higher value won (`max`/`min` conclusions), or, for an `up`/`down` rule,
    /// it moved nothing.
    Lost,
    /// It fired and its conclusion stands.
    Won,
    /// It fired and disagreed with another rule with no precedence between them.
    Conflict,
    /// A definition that did not decide its fact: the case gives the fact itself.
    Given,
}

impl Status {
    /// Every status, in the order of their discriminants (`status as u8` indexes it).
    pub const ALL: [Status; 7] = [
        Status::Unseen,
        Status::NotFired,
        Status::Overridden,
        Status::Lost,
        Status::Won,
        Status::Conflict,
        Status::Given,
    ];

    /// Whether a rule with this status fired.
    pub fn fired(self) -> bool {
        matches!(self, Status::Overridden | Status::Lost | Status::Won | Status::Conflict)
    }
}
