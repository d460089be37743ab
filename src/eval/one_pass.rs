//! The one-pass path for the commonest conclusions: no steps, at most 64 rules, exceptions only
//! to plain rules of the same conclusion. Only the rules the case leaves possible are tested;
//! which fired, which were overridden and which lost are kept as bits and written to the
//! statuses afterwards, so testing only reads.

use super::acc::Acc;
use super::expr::{Ctx, operand, test};
use crate::program::frame::Status;
use crate::program::ir::Value;
use crate::program::{Conclusion, OnePass, Program};

/// What a conclusion's rules decided, in one pass, for the case or one member.
pub struct Outcome {
    pub value: Value,
    /// Rules with no precedence between them gave different values.
    pub conflict: bool,
    /// The rules (bit `i` for the conclusion's `i`th rule) that fired; those that fired but an
    /// exception overrode; those that fired but lost to a higher (or lower) value.
    fired: u64,
    overridden: u64,
    lost: u64,
}

/// Tests the rules of a conclusion (laid out in `plan`) that `tested` leaves possible, plain
/// rules first, then the exceptions (which apply only when a rule they override fired), and
/// combines the values of those that fired and were not overridden.
#[inline(always)]
pub fn decide(prog: &Program, def: &Conclusion, plan: &OnePass, cx: &Ctx, tested: u64) -> Outcome {
    let todo = tested & mask(plan);
    let rule = |i: u32| &plan.places[i as usize];
    let mut fired = 0u64;
    for i in bits(todo & !plan.exception_bits) {
        if test(&rule(i).run, cx) {
            fired |= 1 << i;
        }
    }
    let mut overridden = 0;
    if plan.exception_bits != 0 {
        for i in bits(todo & plan.exception_bits) {
            if rule(i).targets & fired != 0 && test(&rule(i).run, cx) {
                fired |= 1 << i;
            }
        }
        for i in bits(fired & !plan.exception_bits) {
            if rule(i).overriders & fired != 0 {
                overridden |= 1 << i;
            }
        }
    }
    let won = fired & !overridden;
    let value_of = |i: u32| rule(i).value.as_ref().map_or(Value::Null, |v| operand(v, cx));
    let mut acc = Acc::new(def.combine);
    for i in bits(won) {
        acc.add(value_of(i), &prog.enums);
    }
    let done = acc.finish(def.default);
    // The rules that fired with a lower value lost to the best one.
    let lost = if done.contested {
        bits(won).filter(|i| value_of(*i) != done.value).fold(0, |l, i| l | 1 << i)
    } else {
        0
    };
    Outcome { value: done.value, conflict: done.conflict, fired, overridden, lost }
}

impl Outcome {
    /// The statuses of the rules tested (the others keep theirs).
    #[inline(always)]
    pub fn write(&self, plan: &OnePass, tested: u64, status: &mut [Status]) {
        for i in bits(tested & mask(plan)) {
            let bit = 1 << i;
            let st = if self.fired & bit == 0 {
                Status::NotFired
            } else if self.overridden & bit != 0 {
                Status::Overridden
            } else if self.conflict {
                Status::Conflict
            } else if self.lost & bit != 0 {
                Status::Lost
            } else {
                Status::Won
            };
            status[plan.places[i as usize].status as usize] = st;
        }
    }
}

/// The positions of the set bits, lowest first.
fn bits(mut b: u64) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        (b != 0).then(|| {
            let i = b.trailing_zeros();
            b &= b - 1;
            i
        })
    })
}

/// One bit for each of the conclusion's rules (at most 64 on the one pass).
fn mask(plan: &OnePass) -> u64 {
    match plan.places.len() {
        n @ 0..64 => (1 << n) - 1,
        _ => u64::MAX,
    }
}
