//! Conclusions decided by a table: where each of a conclusion's rules gives a constant (or moves
//! a scale), what the rules come to (the value, the value before any move, a conflict, each
//! rule's status) depends only on which of them hold. For a conclusion of a few rules that is
//! worked out here once, for every set of rules that may hold, with the same combining that
//! decides the others ([`RuleSet::resolve`]); deciding a case then tests the rules' conditions
//! and reads the outcome at the set that held, instead of combining again.

use super::plan::{Outcome, Place, Table};
use crate::program::EnumDef;
use crate::program::combine::{RuleSet, Tests};
use crate::program::ir::{Expr, Value};

/// The most rules a conclusion decided by a table may have: 2⁸ outcomes at most.
pub const MOST: usize = 8;

/// The table of a conclusion's rules, if each gives a constant and there are few enough.
pub fn table(enums: &[EnumDef], set: &RuleSet<u64>, places: &[Place]) -> Option<Table> {
    if places.len() > MOST {
        return None;
    }
    let values = places
        .iter()
        .map(|p| match &p.value {
            None => Some(Value::Null),
            Some(Expr::Const(v)) => Some(*v),
            Some(_) => None,
        })
        .collect::<Option<Vec<Value>>>()?;
    let outcomes = (0..1u64 << places.len())
        .map(|held| {
            let r = set.resolve(enums, &set.all, &Held { held, values: &values });
            let mut status = [Default::default(); MOST];
            for (i, s) in status.iter_mut().enumerate().take(places.len()) {
                *s = r.status(i as u32);
            }
            Outcome { value: r.value, before: r.before, conflict: r.conflict, fired: r.fired as u8, status }
        })
        .collect();
    Some(Table { outcomes })
}

/// The rules in `held` hold, each giving its constant.
struct Held<'a> {
    held: u64,
    values: &'a [Value],
}

impl Tests for Held<'_> {
    fn holds(&self, i: u32) -> bool {
        self.held >> i & 1 == 1
    }

    fn value(&self, i: u32) -> Value {
        self.values[i as usize]
    }
}
