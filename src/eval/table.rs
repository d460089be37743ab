//! A conclusion decided by its table (`compile/table.rs`): its rules' conditions are tested, and
//! the outcome for the set that held gives the value and every status, as combining them would.

use super::cond::test;
use crate::compile::plan::{ConclusionPlan, Outcome, Table};
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::program::meaning::Ctx;
use crate::program::{Conclusion, Scope};

/// Decides one conclusion by its table: for the case, or for each member of its list.
#[inline(always)]
pub(super) fn decide(def: &Conclusion, cp: &ConclusionPlan, t: &Table, c: u32, f: &mut Frame) {
    match def.scope {
        Scope::Global => {
            let cx = Ctx::new(&f.globals, &f.lists);
            let all = ((1u16 << cp.places.len()) - 1) as u8;
            let o = &t.outcomes[held(cp, t, all, &cx) as usize];
            let open = cp.gate.as_ref().is_none_or(|g| test(g, &cx));
            for (p, s) in cp.places.iter().zip(&o.status) {
                f.status[p.status as usize] = *s;
            }
            if o.conflict {
                f.conflicts.push((c, None));
            }
            f.globals[def.slot as usize] = if open { o.value } else { Value::Null };
            if let Some(b) = def.base_slot {
                f.globals[b as usize] = o.before;
            }
        }
        Scope::Member(l) => {
            let n = f.lists[l as usize].len();
            if n == 0 {
                return;
            }
            // The rules that hold as far as the case alone goes, tested once.
            let mut tested = 0u8;
            let cx = Ctx::new(&f.globals, &f.lists);
            for (i, p) in cp.pre.iter().enumerate() {
                if test(p, &cx) {
                    tested |= 1 << i;
                }
            }
            for i in 0..n {
                let (o, open): (&Outcome, bool) = {
                    let cx = Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals);
                    (
                        &t.outcomes[held(cp, t, tested, &cx) as usize],
                        cp.gate.as_ref().is_none_or(|g| test(g, &cx)),
                    )
                };
                let m = &mut f.lists[l as usize][i];
                // The member's statuses start as `NotFired`: only the rules that fired are written.
                let mut fired = o.fired;
                while fired != 0 {
                    let i = fired.trailing_zeros() as usize;
                    fired &= fired - 1;
                    m.status[cp.places[i].status as usize] = o.status[i];
                }
                m.vals[def.slot as usize] = if open { o.value } else { Value::Null };
                if let Some(b) = def.base_slot {
                    m.vals[b as usize] = o.before;
                }
                if o.conflict {
                    f.conflicts.push((c, Some(i)));
                }
            }
        }
    }
}

/// The rules among `tested` whose conditions hold on the context. An exception fires only where
/// a rule that is not one fired, so the exceptions are tested only then: otherwise nothing
/// fires, and the outcome for none holding is the one for any exceptions alone holding.
#[inline(always)]
fn held(cp: &ConclusionPlan, t: &Table, tested: u8, cx: &Ctx) -> u8 {
    let plain = holding(cp, tested & !t.exceptions, cx);
    if plain == 0 {
        return 0;
    }
    plain | holding(cp, tested & t.exceptions, cx)
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
