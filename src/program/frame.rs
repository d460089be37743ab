//! A case while it is decided: the values of its facts and conclusions in flat slots, one small
//! frame per list member, and what became of each rule.

use super::ir::Value;

/// One member of a list: its slots (fields, then member conclusions) and its rules' statuses.
#[derive(Debug, Clone, Default)]
pub struct Member {
    pub vals: Vec<Value>,
    pub status: Vec<u8>,
    /// Which slots (below 128) the case file gave, as bits: the others hold defaults.
    pub given: u128,
}

/// A fact the case gives as `unknown`.
#[derive(Debug, Clone)]
pub struct Unknown {
    /// `harm`, `conduct.decision_error`, `people.took_part`.
    pub name: String,
    /// The list member it belongs to (list, position), for a member's field.
    pub member: Option<(u16, usize)>,
    pub slot: u32,
    pub ty: super::Ty,
}

/// Everything known about one case while it is decided.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    pub globals: Vec<Value>,
    pub lists: Vec<Vec<Member>>,
    /// The case's texts (names, ids), referenced by `Value::Text`.
    pub texts: Vec<String>,
    /// Which global slots the case file gave (the others hold defaults or definitions).
    pub given: Vec<bool>,
    /// Statuses of the global rules.
    pub status: Vec<u8>,
    /// Conclusions on which rules disagreed: (conclusion, member).
    pub conflicts: Vec<(u32, Option<usize>)>,
    /// Facts whose definitions (by different layers) disagreed: their global slots.
    pub define_conflicts: Vec<u32>,
    /// Facts the case gives as `unknown`: decided under each possible answer.
    pub unknown: Vec<Unknown>,
}

/// What became of a rule on one case (or one member of a list).
pub mod status {
    /// The rule was not evaluated (only a global rule, before it is reached; a member's rule that
    /// the case alone rules out is `NOT_FIRED` without being tested).
    pub const UNSEEN: u8 = 0;
    /// Its condition was false.
    pub const NOT_FIRED: u8 = 1;
    /// It fired, but an exception overrode it.
    pub const OVERRIDDEN: u8 = 2;
    /// It fired, but a higher value won (`max`/`min` conclusions).
    pub const LOST: u8 = 3;
    /// It fired and its conclusion stands.
    pub const WON: u8 = 4;
    /// It fired and disagreed with another rule with no precedence between them.
    pub const CONFLICT: u8 = 5;
    /// A definition that did not decide its fact: the case gives the fact itself.
    pub const GIVEN: u8 = 6;

    /// Whether a rule with this status fired.
    pub fn fired(s: u8) -> bool {
        matches!(s, OVERRIDDEN | LOST | WON | CONFLICT)
    }
}
