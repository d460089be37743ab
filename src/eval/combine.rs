//! The one-pass path for the commonest conclusions: no exceptions, no overridden rules, no
//! steps, at most 64 rules. Only the rules the case leaves possible are tested; which fired and
//! which lost are kept as bits and written to the statuses afterwards, so testing only reads.

use super::expr::{Ctx, test, value};
use super::status::*;
use crate::compile::ir::Value;
use crate::compile::program::{Combine, Conclusion, EnumDef, Program};

/// What a simple conclusion's rules decided for the case or one member.
pub struct Outcome {
    pub value: Value,
    /// Rules with no precedence between them gave different values.
    pub conflict: bool,
    /// The rules (bit `i` for the conclusion's `i`th rule) that fired, and those that fired but
    /// lost to a higher (or lower) value.
    fired: u64,
    lost: u64,
}

/// Tests the rules of a simple conclusion that `tested` leaves possible and combines the values
/// of those that fire.
#[inline]
pub fn simple(prog: &Program, def: &Conclusion, cx: &Ctx, tested: u64) -> Outcome {
    let mut todo = tested & mask(def);
    let mut fired = 0u64;
    let mut acc = Acc::new(def.combine);
    while todo != 0 {
        let i = todo.trailing_zeros();
        todo &= todo - 1;
        let rule = &prog.rules[def.rules[i as usize] as usize];
        if test(&rule.run, cx) {
            fired |= 1 << i;
            acc.add(rule.value.as_ref().map_or(Value::Null, |v| value(v, cx)), &prog.enums);
        }
    }
    let out = |value, conflict, lost| Outcome { value, conflict, fired, lost };
    match acc {
        Acc::Union { any, bits } => out(if any { Value::Set(bits) } else { def.default }, false, 0),
        Acc::Unique { result, conflict: false } => out(result.unwrap_or(def.default), false, 0),
        Acc::Unique { conflict: true, .. } => out(Value::Null, true, 0),
        Acc::Best { best: None, .. } => out(def.default, false, 0),
        Acc::Best { best: Some((_, v)), won, .. } => {
            // The rules that fired with a lower value lost to the best one.
            let mut lost = 0;
            let mut todo = if won > 1 { fired } else { 0 };
            while todo != 0 {
                let i = todo.trailing_zeros();
                todo &= todo - 1;
                let rule = &prog.rules[def.rules[i as usize] as usize];
                if rule.value.as_ref().map_or(Value::Null, |x| value(x, cx)) != v {
                    lost |= 1 << i;
                }
            }
            out(v, false, lost)
        }
    }
}

impl Outcome {
    /// The statuses of the rules tested (the others keep theirs).
    pub fn write(&self, prog: &Program, def: &Conclusion, tested: u64, status: &mut [u8]) {
        let mut todo = tested & mask(def);
        while todo != 0 {
            let i = todo.trailing_zeros();
            todo &= todo - 1;
            let st = if self.fired >> i & 1 == 0 {
                NOT_FIRED
            } else if self.conflict {
                CONFLICT
            } else if self.lost >> i & 1 == 1 {
                LOST
            } else {
                WON
            };
            status[prog.rules[def.rules[i as usize] as usize].status as usize] = st;
        }
    }
}

/// One bit for each of the conclusion's rules (a simple conclusion has at most 64).
fn mask(def: &Conclusion) -> u64 {
    match def.rules.len() {
        n @ 0..64 => (1 << n) - 1,
        _ => u64::MAX,
    }
}

/// The values of the winning rules, combined as they come.
pub enum Acc {
    Union {
        any: bool,
        bits: u128,
    },
    Unique {
        result: Option<Value>,
        conflict: bool,
    },
    /// The best rank so far (highest for `Max`, lowest for `Min`) of the scale `e`.
    Best {
        e: u16,
        max: bool,
        best: Option<(u8, Value)>,
        won: u32,
    },
}

impl Acc {
    pub fn new(c: Combine) -> Acc {
        match c {
            Combine::Union => Acc::Union { any: false, bits: 0 },
            Combine::Unique => Acc::Unique { result: None, conflict: false },
            Combine::Max(e) => Acc::Best { e, max: true, best: None, won: 0 },
            Combine::Min(e) => Acc::Best { e, max: false, best: None, won: 0 },
        }
    }

    #[inline]
    pub fn add(&mut self, v: Value, enums: &[EnumDef]) {
        match self {
            Acc::Union { any, bits } => {
                *any = true;
                if let Value::Set(b) = v {
                    *bits |= b;
                }
            }
            Acc::Unique { result, conflict } => match result {
                None => *result = Some(v),
                Some(x) if *x != v => *conflict = true,
                _ => {}
            },
            Acc::Best { e, max, best, won } => {
                *won += 1;
                let ranks = &enums[*e as usize].bit;
                let rank = match v {
                    Value::Sym(s) => ranks.get(s as usize).copied().filter(|r| *r != 255),
                    _ => None,
                };
                if let Some(k) = rank
                    && best.is_none_or(|(b, _)| if *max { k > b } else { k < b })
                {
                    *best = Some((k, v));
                }
            }
        }
    }
}
