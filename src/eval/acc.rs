//! Combining the values of the rules that won, as they come: a union of sets, one value all must
//! agree on, or the highest (lowest) of a scale. Used by both the one pass and the general path.

use crate::program::ir::Value;
use crate::program::{Combine, EnumDef};

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

/// What the winning values came to.
pub struct Combined {
    /// The combined value: the conclusion's default when no rule won, absent on a conflict.
    pub value: Value,
    /// The winners disagreed with no precedence between them (`unique`).
    pub conflict: bool,
    /// A scale with several winners: those with another value than `value` lost to it.
    pub contested: bool,
}

impl Acc {
    #[inline(always)]
    pub fn finish(&self, default: Value) -> Combined {
        let done = |value, conflict, contested| Combined { value, conflict, contested };
        match *self {
            Acc::Union { any, bits } => done(if any { Value::Set(bits) } else { default }, false, false),
            Acc::Unique { result, conflict: false } => done(result.unwrap_or(default), false, false),
            Acc::Unique { conflict: true, .. } => done(Value::Null, true, false),
            Acc::Best { best: None, .. } => done(default, false, false),
            Acc::Best { best: Some((_, v)), won, .. } => done(v, false, won > 1),
        }
    }
}
