//! Testing the plan's conditions against a frame. Conditions are most of what a decision
//! evaluates, so they answer in a register: no `Value` is built for `and`, `or`, `not`, and the
//! leaves (a slot, a slot against a constant or a set) are tested without a call. Anything else
//! is the resolved expression's own meaning (`program::meaning`).

use crate::compile::Cond;
use crate::program::ir::{Ord, Value};
use crate::program::meaning::{self, Ctx};

/// Whether a condition holds.
pub fn truthy(c: &Cond, cx: &Ctx) -> bool {
    match c {
        Cond::All(xs) => xs.iter().all(|x| leaf(x, cx)),
        Cond::And(a, b) => leaf(a, cx) && leaf(b, cx),
        Cond::Or(a, b) => leaf(a, cx) || leaf(b, cx),
        Cond::Not(x) => !leaf(x, cx),
        _ => leaf(c, cx),
    }
}

/// `truthy` for a rule's whole condition, inlined where rules are applied: a conjunction of
/// leaves is tested without a call.
#[inline(always)]
pub fn test(c: &Cond, cx: &Ctx) -> bool {
    match c {
        Cond::All(xs) => {
            // A plain loop: `Iterator::all` was left out of line, a call per rule.
            for x in xs.iter() {
                if !leaf(x, cx) {
                    return false;
                }
            }
            true
        }
        _ => leaf(c, cx),
    }
}

#[inline(always)]
fn leaf(c: &Cond, cx: &Ctx) -> bool {
    // Slots are read in place (no copy of the value); a slot past the end reads as absent.
    let g = |s: &u32| cx.globals.get(*s as usize);
    let v = |level: &u8, s: &u32| cx.vars.get(*level as usize).and_then(|m| m.get(*s as usize));
    match c {
        Cond::Const(b) => *b,
        Cond::G(s) => matches!(g(s), Some(Value::Bool(true))),
        Cond::V(level, s) => {
            matches!(cx.vars.get(*level as usize).and_then(|m| m.get(*s as usize)), Some(Value::Bool(true)))
        }
        // A plan's constant is never absent.
        Cond::EqG(s, k) => g(s) == Some(k),
        Cond::NeG(s, k) => matches!(g(s), Some(x) if *x != Value::Null && x != k),
        Cond::EqV(l, s, k) => v(l, s) == Some(k),
        Cond::NeV(l, s, k) => matches!(v(l, s), Some(x) if *x != Value::Null && x != k),
        Cond::InG(s, set) => matches!(g(s), Some(Value::Sym(x)) if set.contains(x)),
        Cond::InV(l, s, set) => matches!(v(l, s), Some(Value::Sym(x)) if set.contains(x)),
        Cond::CmpG(s, op, k) => cmp(g(s), *op, k),
        Cond::CmpV(l, s, op, k) => cmp(v(l, s), *op, k),
        Cond::SizeG(s, op, n) => op.test(size(g(s)).cmp(n)),
        Cond::SizeV(l, s, op, n) => op.test(size(v(l, s)).cmp(n)),
        Cond::PresentG(s) => matches!(g(s), Some(x) if *x != Value::Null),
        Cond::PresentV(l, s) => matches!(v(l, s), Some(x) if *x != Value::Null),
        Cond::HasG(s, mask) => matches!(g(s), Some(Value::Set(b)) if b & mask != 0),
        Cond::HasV(l, s, mask) => matches!(v(l, s), Some(Value::Set(b)) if b & mask != 0),
        Cond::All(_) | Cond::And(..) | Cond::Or(..) | Cond::Not(_) => truthy(c, cx),
        Cond::Quant { all, list, level, body } => quantify(*all, *list, *level, body, cx),
        // Never a slot, `and`, `or` or `not` (the plan made those nodes of their own).
        Cond::Expr(e) => meaning::compare(e, cx),
    }
}

/// An integer (or a date) compared with the constant: anything else compares false.
#[inline(always)]
fn cmp(x: Option<&Value>, op: Ord, k: &Value) -> bool {
    match (x, k) {
        (Some(Value::Int(x)), Value::Int(y)) => op.test(x.cmp(y)),
        (Some(Value::Date(x)), Value::Date(y)) => op.test(x.cmp(y)),
        _ => false,
    }
}

/// The size of a set (no set has none).
#[inline(always)]
fn size(x: Option<&Value>) -> i64 {
    match x {
        Some(Value::Set(b)) => i64::from(b.count_ones()),
        _ => 0,
    }
}

/// Whether some member of a list (or every member, with `all`) satisfies the body, bound at
/// `level`: as `program::meaning` answers a quantifier, without building a `Value`.
#[inline(never)]
fn quantify(all: bool, list: u16, level: u8, body: &Cond, cx: &Ctx) -> bool {
    let members = cx.lists.get(list as usize).map_or(&[][..], |l| &l[..]);
    let mut inner = *cx;
    for m in members {
        if let Some(slot) = inner.vars.get_mut(level as usize) {
            *slot = &m.vals;
        }
        if truthy(body, &inner) != all {
            return !all;
        }
    }
    all
}

#[cfg(test)]
mod tests;
