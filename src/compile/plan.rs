//! The evaluation plan: what deciding a case needs of a checked program, laid out for speed.
//! Conditions are [`Cond`]s, in which the commonest shapes (a fact compared with a constant, a
//! fact in a set of values) are one node; a member's rule is split into what reads only the
//! case (tested once per case) and what reads the member; each conclusion's rules sit next to
//! each other with the sets combining reads ([`RuleSet`]), in a register when there are at most
//! 64 of them. The resolved program (`Program`) stays what the analyses and the trace read.

use crate::program::bits::Wide;
use crate::program::combine::RuleSet;
use crate::program::frame::Status;
use crate::program::ir::{Expr, Ord, Sym, Value};

/// A condition as the evaluator tests it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Cond {
    /// Always true, or always false.
    Const(bool),
    /// A boolean slot of the case.
    G(u32),
    /// A boolean slot of the member bound at a level.
    V(u8, u32),
    /// A slot of the case equal to a constant (the constant is never absent).
    EqG(u32, Value),
    /// A slot of the member bound at a level equal to a constant.
    EqV(u8, u32, Value),
    /// A slot of the case holding a value other than the constant.
    NeG(u32, Value),
    /// A slot of the member bound at a level holding a value other than the constant.
    NeV(u8, u32, Value),
    /// A slot of the case holding one of the symbols.
    InG(u32, Box<[Sym]>),
    /// A slot of the member bound at a level holding one of the symbols.
    InV(u8, u32, Box<[Sym]>),
    /// A slot of the case holding an integer (or a date) that compares so with the constant.
    CmpG(u32, Ord, Value),
    /// A slot of the member bound at a level holding an integer (or a date) that compares so
    /// with the constant.
    CmpV(u8, u32, Ord, Value),
    /// The size of the set a slot of the case holds (0 for no set) compared with a number.
    SizeG(u32, Ord, i64),
    /// The size of the set a slot of the member bound at a level holds, compared with a number.
    SizeV(u8, u32, Ord, i64),
    /// A slot of the case that holds a value.
    PresentG(u32),
    /// A slot of the member bound at a level that holds a value.
    PresentV(u8, u32),
    /// A slot of the case holding a set that meets the mask.
    HasG(u32, u128),
    /// A slot of the member bound at a level holding a set that meets the mask.
    HasV(u8, u32, u128),
    /// All of several conditions, tested in order, stopping at the first false.
    All(Box<[Cond]>),
    /// Both.
    And(Box<Cond>, Box<Cond>),
    /// Either.
    Or(Box<Cond>, Box<Cond>),
    /// Not (an absent value is not true, so its negation holds).
    Not(Box<Cond>),
    /// Some member of a list (`any`), or every member (`all`), bound at a level, satisfies the
    /// body.
    Quant {
        /// Every member (`all`), or some member (`any`).
        all: bool,
        /// The list, by its position among the program's lists.
        list: u16,
        /// The level each member is bound at, as the body reads it.
        level: u8,
        /// What a member must satisfy.
        body: Box<Cond>,
    },
    /// Any other condition: the meaning of the resolved expression answers it.
    Expr(Expr),
}

/// A rule's condition for evaluation, split in two: it holds when both parts do.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RuleCond {
    /// The conjuncts that read only the case (always true for a rule about the case).
    pub pre: Cond,
    /// The others.
    pub run: Cond,
}

/// How a definition (`let`) is computed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum LetRun {
    /// A condition: its value is `true` or `false`.
    Cond(Cond),
    /// Any other value.
    Value(Expr),
}

/// A conclusion's rule as the evaluator reads it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Place {
    /// The part of its condition that reads the member (all of it, for a rule about the case).
    pub run: Cond,
    /// Its value (none for `up`/`down` rules).
    pub value: Option<Expr>,
    /// Its index in the status array (the case's, or each member's).
    pub status: u32,
}

/// The sets of a conclusion's rules, in a register (at most 64 rules) or in memory.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Rules {
    /// At most 64 rules: one `u64` per set.
    Narrow(RuleSet<u64>),
    /// More rules, or the narrow form turned off.
    Wide(RuleSet<Wide>),
}

/// A conclusion as the evaluator decides it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ConclusionPlan {
    /// Its rules, in order.
    pub places: Vec<Place>,
    /// For a conclusion about each member: the part of each rule's condition that reads only
    /// the case, tested once per case (kept apart, so that the places the members are tested
    /// against stay small).
    pub pre: Vec<Cond>,
    /// How they combine.
    pub rules: Rules,
    /// Where the conclusion is decided at all (`if COND` in its declaration).
    pub gate: Option<Cond>,
    /// What its rules come to for each set of them that may hold, where that is worked out in
    /// advance (`compile/table.rs`).
    pub table: Option<Table>,
}

/// A conclusion's outcomes, one for each set of its rules that may hold (bit `i`: the `i`th
/// rule). In the compiled form each outcome is one integer, its values indexes into the table's
/// few distinct values (`Wire`): read back at every start, a number an outcome instead of a
/// dozen fields.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Wire", into = "Wire")]
pub struct Table {
    /// Indexed by the set of rules that hold.
    pub outcomes: Box<[Outcome]>,
}

/// What a conclusion's rules come to when a given set of them holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The value, after any move.
    pub value: Value,
    /// The value before `up`/`down` rules moved it.
    pub before: Value,
    /// Rules with no precedence between them gave different values.
    pub conflict: bool,
    /// The rules that fired.
    pub fired: u8,
    /// Each rule's status (the first as many as there are rules).
    pub status: [Status; super::table::MOST],
}

/// A table as the compiled form keeps it. Each outcome, from its lowest bit: the statuses,
/// three bits each (24), the rules that fired (8), the conflict (1), then the positions among
/// `values` of the value (15) and of the value before a move (16).
#[derive(serde::Serialize, serde::Deserialize)]
struct Wire {
    values: Vec<Value>,
    outcomes: Vec<u64>,
}

impl From<Table> for Wire {
    fn from(t: Table) -> Wire {
        let mut values: Vec<Value> = vec![];
        let mut at = |v: Value| match values.iter().position(|x| *x == v) {
            Some(i) => i as u64,
            None => {
                values.push(v);
                values.len() as u64 - 1
            }
        };
        let outcomes = t
            .outcomes
            .iter()
            .map(|o| {
                let status = o.status.iter().rev().fold(0u64, |bits, x| bits << 3 | *x as u64);
                status
                    | u64::from(o.fired) << 24
                    | u64::from(o.conflict) << 32
                    | at(o.value) << 33
                    | at(o.before) << 48
            })
            .collect();
        Wire { values, outcomes }
    }
}

impl TryFrom<Wire> for Table {
    type Error = &'static str;

    fn try_from(w: Wire) -> Result<Table, Self::Error> {
        let value = |i: u64| w.values.get(i as usize).copied().ok_or("a table's value out of range");
        let outcomes = w
            .outcomes
            .iter()
            .map(|&bits| {
                let mut status = [Status::default(); super::table::MOST];
                for (i, x) in status.iter_mut().enumerate() {
                    let n = (bits >> (3 * i) & 7) as usize;
                    *x = *Status::ALL.get(n).ok_or("no such status")?;
                }
                Ok(Outcome {
                    value: value(bits >> 33 & 0x7fff)?,
                    before: value(bits >> 48)?,
                    conflict: bits >> 32 & 1 == 1,
                    fired: (bits >> 24) as u8,
                    status,
                })
            })
            .collect::<Result<_, Self::Error>>()?;
        Ok(Table { outcomes })
    }
}

/// Everything evaluation reads besides the program's symbol tables and slots.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    /// Each rule of the program (by index): its condition for evaluation.
    pub rules: Vec<RuleCond>,
    /// Each definition of the program: how it is computed.
    pub lets: Vec<LetRun>,
    /// Each conclusion of the program: its rules laid out.
    pub conclusions: Vec<ConclusionPlan>,
}

impl Cond {
    /// The condition that always holds.
    pub const TRUE: Cond = Cond::Const(true);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table comes back from the compiled form as it went in: every status in every position,
    /// the rules that fired, the conflict, and values repeated and distinct.
    #[test]
    fn a_table_packed_in_integers_comes_back() {
        let values = [Value::Null, Value::Sym(3), Value::Set(1 << 100 | 5), Value::Bool(true)];
        let outcomes: Box<[Outcome]> = (0..40usize)
            .map(|k| {
                let mut status = [Status::default(); super::super::table::MOST];
                for (i, x) in status.iter_mut().enumerate() {
                    *x = Status::ALL[(k + i) % Status::ALL.len()];
                }
                Outcome {
                    value: values[k % 4],
                    before: values[k / 4 % 4],
                    conflict: k % 3 == 0,
                    fired: (k * 37 % 256) as u8,
                    status,
                }
            })
            .collect();
        let t = Table { outcomes };
        let bytes = postcard::to_allocvec(&t).expect("written");
        let back: Table = postcard::from_bytes(&bytes).expect("read back");
        assert_eq!(back.outcomes, t.outcomes);
    }
}
