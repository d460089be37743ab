//! A conclusion decided by its table (`compile/table.rs`): its rules' conditions are tested, and
//! the outcome for the set that held gives the value and every status, as combining them would.
//! `run::conclude` decides it like any other conclusion, with the outcome for what the rules came
//! to.

use super::cond::test;
use super::run::Came;
use crate::compile::plan::{ConclusionPlan, Outcome, Table};
use crate::program::frame::Status;
use crate::program::ir::Value;
use crate::program::meaning::Ctx;

/// What a conclusion's rules come to on a context, of those in `tested` (at most 8 rules, so
/// the sets' low byte), read from its table; `exceptions` are those of its rule set.
#[inline(always)]
pub(super) fn outcome<'t>(
    cp: &ConclusionPlan,
    t: &'t Table,
    exceptions: u64,
    tested: u64,
    cx: &Ctx,
) -> &'t Outcome {
    &t.outcomes[held(cp, exceptions as u8, tested as u8, cx) as usize]
}

impl Came for &Outcome {
    #[inline(always)]
    fn value(&self) -> Value {
        self.value
    }

    #[inline(always)]
    fn before(&self) -> Value {
        self.before
    }

    #[inline(always)]
    fn conflict(&self) -> bool {
        self.conflict
    }

    #[inline(always)]
    fn write(&self, cp: &ConclusionPlan, all: bool, status: &mut [Status]) {
        let mut rules = if all { ((1u16 << cp.places.len()) - 1) as u8 } else { self.fired };
        while rules != 0 {
            let i = rules.trailing_zeros() as usize;
            rules &= rules - 1;
            if let Some(p) = cp.places.get(i) {
                status[p.status as usize] = self.status[i];
            }
        }
    }
}

/// The rules among `tested` whose conditions hold on the context. An exception fires only where
/// a rule that is not one fired, so the exceptions are tested only then: otherwise nothing
/// fires, and the outcome for none holding is the one for any exceptions alone holding.
#[inline(always)]
fn held(cp: &ConclusionPlan, exceptions: u8, tested: u8, cx: &Ctx) -> u8 {
    let plain = holding(cp, tested & !exceptions, cx);
    if plain == 0 {
        return 0;
    }
    plain | holding(cp, tested & exceptions, cx)
}

/// The rules in `rules` whose conditions hold on the context.
#[inline(always)]
fn holding(cp: &ConclusionPlan, mut rules: u8, cx: &Ctx) -> u8 {
    let mut held = 0;
    while rules != 0 {
        let i = rules.trailing_zeros();
        rules &= rules - 1;
        if cp.places.get(i as usize).is_some_and(|p| test(&p.run, cx)) {
            held |= 1 << i;
        }
    }
    held
}
