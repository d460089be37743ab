//! How a conclusion's rules combine into its value, written once: the plain rules are tested,
//! then the exceptions (which apply only when a rule they override fired, through any chain),
//! then the rules an applied exception overrides lose; the values of those left are combined
//! (`unique`: all must agree; `max`/`min` over a scale; union for sets); last, `up`/`down` rules
//! move a scale's value. The evaluator (in a register or in memory, see [`Bits`]) and the gap
//! analysis both call [`RuleSet::resolve`].

use super::bits::Bits;
use super::frame::Status;
use super::ir::Value;
use super::{Combine, Conclusion, EnumDef, Program};

/// A conclusion's rules as combining reads them: position `i` is its `i`th rule.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RuleSet<B> {
    /// How many rules.
    pub len: u32,
    /// Every position.
    pub all: B,
    /// The exceptions.
    pub exceptions: B,
    /// The rules that move a scale (`up`/`down`).
    pub moves: B,
    /// For each rule: the rules it is an exception to.
    pub targets: Vec<B>,
    /// For each rule: the exceptions to it.
    pub overriders: Vec<B>,
    /// For each rule: how far it moves the scale (`up N`: N, `down N`: −N; 0 for the others).
    pub step: Vec<i32>,
    /// Some exception is an exception to another exception: the exceptions are tested until
    /// nothing changes, not once.
    pub chained: bool,
    /// How the values of the rules that won combine.
    pub combine: Combine,
    /// The value when no rule gives one.
    pub default: Value,
    /// The scale `up`/`down` rules move along.
    pub scale: Option<u16>,
}

/// The conditions and values of a conclusion's rules, on one case (or member) or assignment.
pub trait Tests {
    /// Whether the condition of the `i`th rule holds.
    fn holds(&self, i: u32) -> bool;
    /// The value the `i`th rule gives (absent for an `up`/`down` rule).
    fn value(&self, i: u32) -> Value;
}

/// What a conclusion's rules came to, for the case or one member.
#[derive(Debug, Clone)]
pub struct Resolved<B> {
    /// The rules that fired (their condition held and, for an exception, a rule it overrides fired).
    pub fired: B,
    /// The rules that fired but an applied exception overrode.
    pub overridden: B,
    /// The rules that fired with a lower (higher) value than the one that won, and the `up`/`down`
    /// rules that moved nothing.
    pub lost: B,
    /// Rules with no precedence between them gave different values: nothing is decided.
    pub conflict: bool,
    /// Some rule gave a value (not counting `up`/`down` rules).
    pub decided: bool,
    /// The value, after any move.
    pub value: Value,
    /// The value before `up`/`down` rules moved it.
    pub before: Value,
}

impl<B: Bits> RuleSet<B> {
    /// The rule set of a conclusion of `prog`.
    pub fn of(prog: &Program, def: &Conclusion) -> Self {
        let n = def.rules.len() as u32;
        let position = |r: &u32| def.rules.iter().position(|x| x == r).map(|p| p as u32);
        let bits = |rules: &[u32]| {
            let mut b = B::none(n);
            for p in rules.iter().filter_map(position) {
                b.set(p);
            }
            b
        };
        let (mut exceptions, mut moves) = (B::none(n), B::none(n));
        let mut chained = false;
        for (i, r) in def.rules.iter().enumerate() {
            let rule = &prog.rules[*r as usize];
            if !rule.exception_to.is_empty() {
                exceptions.set(i as u32);
                chained |= rule.exception_to.iter().any(|t| !prog.rules[*t as usize].exception_to.is_empty());
            }
            if rule.step != 0 {
                moves.set(i as u32);
            }
        }
        let rules = def.rules.iter().map(|r| &prog.rules[*r as usize]);
        RuleSet {
            len: n,
            all: B::all(n),
            exceptions,
            moves,
            targets: rules.clone().map(|r| bits(&r.exception_to)).collect(),
            overriders: rules.clone().map(|r| bits(&r.overridden_by)).collect(),
            step: rules.map(|r| r.step).collect(),
            chained,
            combine: def.combine,
            default: def.default,
            scale: match def.ty {
                super::Ty::Enum(e) => Some(e),
                _ => None,
            },
        }
    }

    /// Combines the rules in `tested` (the others did not hold as far as the case goes), whose
    /// conditions and values `rules` gives.
    #[inline(always)]
    pub fn resolve(&self, enums: &[EnumDef], tested: &B, rules: &impl Tests) -> Resolved<B> {
        let holds = |i| rules.holds(i);
        let value = |i| rules.value(i);
        let todo = tested.and(&self.all);
        if self.exceptions.is_empty() && self.moves.is_empty() {
            return self.plain(enums, todo, rules);
        }
        let mut fired = B::none(self.len);
        for i in todo.minus(&self.exceptions).ones() {
            if holds(i) {
                fired.set(i);
            }
        }
        let mut overridden = B::none(self.len);
        if !self.exceptions.is_empty() {
            let candidates = todo.and(&self.exceptions);
            // Without a chain one pass decides every exception; with one, the pass repeats until
            // nothing changes (fired only grows, so at most once per exception, and once more).
            let passes = if self.chained { candidates.ones().count() + 1 } else { 1 };
            for _ in 0..passes {
                let mut changed = false;
                for i in candidates.ones() {
                    if !fired.has(i) && self.targets[i as usize].meets(&fired) && holds(i) {
                        fired.set(i);
                        changed = true;
                    }
                }
                if !changed {
                    break;
                }
            }
            // A rule is overridden by any exception to it that applied, even one overridden in turn.
            for i in fired.ones() {
                if self.overriders[i as usize].meets(&fired) {
                    overridden.set(i);
                }
            }
        }
        let won = fired.minus(&overridden);
        let plain = won.minus(&self.moves);
        let mut acc = Acc::new(self.combine);
        for i in plain.ones() {
            acc.add(value(i), enums);
        }
        let done = acc.finish(self.default);
        let mut lost = self.lost_to(&plain, &done, rules);
        let (mut to, before) = (done.value, done.value);
        if !self.moves.is_empty() && !done.conflict {
            let moving = won.and(&self.moves);
            let steps = moving.ones().fold(0i32, |a, i| a.saturating_add(self.step[i as usize]));
            if let Some(e) = self.scale {
                to = moved(&enums[e as usize], done.value, steps);
            }
            // Steps that change nothing (a pinned value, the end of the scale, steps that
            // cancel) did not decide the value.
            if to == before {
                lost.union_with(&moving);
            }
        }
        Resolved {
            fired,
            overridden,
            lost,
            conflict: done.conflict,
            decided: !plain.is_empty(),
            value: to,
            before,
        }
    }

    /// `resolve` for rules with no exception and no move among them, in one pass: every rule
    /// that holds fires and gives its value.
    #[inline(always)]
    fn plain(&self, enums: &[EnumDef], todo: B, rules: &impl Tests) -> Resolved<B> {
        let mut fired = B::none(self.len);
        let mut acc = Acc::new(self.combine);
        for i in todo.ones() {
            if rules.holds(i) {
                fired.set(i);
                acc.add(rules.value(i), enums);
            }
        }
        let done = acc.finish(self.default);
        Resolved {
            decided: !fired.is_empty(),
            lost: self.lost_to(&fired, &done, rules),
            fired,
            overridden: B::none(self.len),
            conflict: done.conflict,
            value: done.value,
            before: done.value,
        }
    }

    /// The winners that gave another value than the best one, and so lost to it.
    #[inline(always)]
    fn lost_to(&self, winners: &B, done: &Combined, rules: &impl Tests) -> B {
        let mut lost = B::none(self.len);
        if done.contested {
            for i in winners.ones() {
                if rules.value(i) != done.value {
                    lost.set(i);
                }
            }
        }
        lost
    }
}

impl<B: Bits> Resolved<B> {
    /// The status of the `i`th rule (one that was tested).
    #[inline(always)]
    pub fn status(&self, i: u32) -> Status {
        if !self.fired.has(i) {
            Status::NotFired
        } else if self.overridden.has(i) {
            Status::Overridden
        } else if self.conflict {
            Status::Conflict
        } else if self.lost.has(i) {
            Status::Lost
        } else {
            Status::Won
        }
    }
}

/// A value of a scale moved `steps` up (or down), past pinned values, no further than the ends.
/// A pinned value, or no value, does not move.
pub fn moved(def: &EnumDef, v: Value, steps: i32) -> Value {
    let Value::Sym(s) = v else { return v };
    let Some(&rank) = def.bit.get(s as usize) else { return v };
    let mut i = rank as usize;
    if rank == 255 || def.pinned.get(i).copied().unwrap_or(true) {
        return v;
    }
    for _ in 0..(steps.unsigned_abs() as usize).min(def.values.len()) {
        let next = if steps > 0 {
            (i + 1..def.values.len()).find(|j| !def.pinned[*j])
        } else {
            (0..i).rev().find(|j| !def.pinned[*j])
        };
        match next {
            Some(j) => i = j,
            None => break,
        }
    }
    Value::Sym(def.values[i])
}

/// The values of the winning rules, combined as they come.
enum Acc {
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

/// What the winning values came to.
struct Combined {
    /// The combined value: the conclusion's default when no rule won, absent on a conflict.
    value: Value,
    /// The winners disagreed with no precedence between them (`unique`).
    conflict: bool,
    /// A scale with several winners: those with another value than `value` lost to it.
    contested: bool,
}

impl Acc {
    #[inline(always)]
    fn new(c: Combine) -> Acc {
        match c {
            Combine::Union => Acc::Union { any: false, bits: 0 },
            Combine::Unique => Acc::Unique { result: None, conflict: false },
            Combine::Max(e) => Acc::Best { e, max: true, best: None, won: 0 },
            Combine::Min(e) => Acc::Best { e, max: false, best: None, won: 0 },
        }
    }

    #[inline]
    fn add(&mut self, v: Value, enums: &[EnumDef]) {
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

    #[inline(always)]
    fn finish(&self, default: Value) -> Combined {
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
