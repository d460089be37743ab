//! Pairs of rules that can both apply to one case and conclude differently, with no precedence
//! between them (an exception, or the same value): for the checker's diagnostic, and for
//! `zeren analyze conflicts`, which turns each witness into a case file.

use super::domain::{Sat, member_list, satisfiable};
use crate::program::ir::{Expr, Value};
use crate::program::*;

/// Two rules (or definitions) that can both apply and disagree.
pub struct Pair {
    /// The first rule.
    pub a: u32,
    /// The second rule.
    pub b: u32,
    /// The conclusion (or defined fact) they disagree on.
    pub target: String,
    /// Values that make both apply.
    pub witness: Vec<super::domain::Binding>,
    /// Two definitions of one fact, rather than two rules of one conclusion.
    pub definitions: bool,
}

/// The condition under which a rule's conclusion stands: an exception needs a rule it
/// overrides to fire (which, for an exception to an exception, needs its own target to fire).
/// The checker refuses cycles of exceptions, so the chains end; a chain through an exception
/// whose every plain rule the exception names itself adds nothing, and is left out.
pub fn effective(prog: &Program, r: u32) -> Expr {
    effective_within(prog, r, prog.rules.len())
}

fn effective_within(prog: &Program, r: u32, depth: usize) -> Expr {
    let rule = &prog.rules[r as usize];
    if rule.exception_to.is_empty() || depth == 0 {
        return rule.cond.clone();
    }
    let plain = |t: &&u32| prog.rules[**t as usize].exception_to.is_empty();
    let direct: Vec<u32> = rule.exception_to.iter().filter(plain).copied().collect();
    let mut any: Vec<Expr> = direct.iter().map(|t| prog.rules[*t as usize].cond.clone()).collect();
    for t in rule.exception_to.iter().filter(|t| !plain(t)) {
        if !reached_plain(prog, *t).iter().all(|p| direct.contains(p)) {
            any.push(effective_within(prog, *t, depth - 1));
        }
    }
    let any = any.into_iter().reduce(|a, b| Expr::Or(Box::new(a), Box::new(b)));
    Expr::and(rule.cond.clone(), any.unwrap_or(Expr::Const(Value::Bool(false))))
}

/// The plain rules an exception sets aside, directly or through other exceptions.
fn reached_plain(prog: &Program, r: u32) -> Vec<u32> {
    let mut seen = vec![false; prog.rules.len()];
    let (mut todo, mut out) = (vec![r], vec![]);
    while let Some(x) = todo.pop() {
        for &t in &prog.rules[x as usize].exception_to {
            if std::mem::replace(&mut seen[t as usize], true) {
                continue;
            }
            if prog.rules[t as usize].exception_to.is_empty() {
                out.push(t);
            } else {
                todo.push(t);
            }
        }
    }
    out
}

/// Whether rule `x` overrides rule `y`, directly or through a chain of exceptions (an exception
/// applies only when its target fired, and a rule is overridden by any exception to it that
/// applied): they never both stand.
fn overrides(prog: &Program, x: u32, y: u32) -> bool {
    let mut seen = vec![false; prog.rules.len()];
    let mut todo = vec![x];
    while let Some(r) = todo.pop() {
        for &t in &prog.rules[r as usize].exception_to {
            if t == y {
                return true;
            }
            if !std::mem::replace(&mut seen[t as usize], true) {
                todo.push(t);
            }
        }
    }
    false
}

/// The conflicting pairs, and those the search could not settle.
#[derive(Default)]
pub struct Pairs {
    /// Pairs that can both apply and disagree.
    pub found: Vec<Pair>,
    /// Pairs whose search stopped before it could tell (`domain::MAX_STEPS`): not known either way.
    pub unsettled: Vec<(u32, u32)>,
    /// Whether the search stopped at the limit given, with pairs left untried.
    pub stopped: bool,
}

/// At most this many conflicting (or unsettled) pairs are looked for: 1,000 rules that disagree
/// make 250,000 pairs, each a diagnostic with its snippet.
pub const MAX_PAIRS: usize = 20;

/// The conflicting pairs, rules first, then definitions: the first `limit` found.
pub fn pairs(prog: &Program, limit: usize) -> Pairs {
    let mut out = Pairs::default();
    for concl in &prog.conclusions {
        if concl.combine != Combine::Unique {
            continue;
        }
        for (i, &a) in concl.rules.iter().enumerate() {
            for &b in &concl.rules[i + 1..] {
                if out.found.len() + out.unsettled.len() >= limit {
                    out.stopped = true;
                    return out;
                }
                let (ra, rb) = (&prog.rules[a as usize], &prog.rules[b as usize]);
                let related = overrides(prog, a, b) || overrides(prog, b, a);
                let same =
                    matches!((&ra.value, &rb.value), (Some(Expr::Const(x)), Some(Expr::Const(y))) if x == y);
                if related || same {
                    continue;
                }
                let both = Expr::and(effective(prog, a), effective(prog, b));
                match satisfiable(prog, member_list(ra.scope), &both) {
                    Sat::Yes(witness) => {
                        out.found.push(Pair { a, b, target: concl.name.clone(), witness, definitions: false })
                    }
                    Sat::Unknown => out.unsettled.push((a, b)),
                    Sat::No => {}
                }
            }
        }
    }
    for g in &prog.defines {
        for (i, &a) in g.rules.iter().enumerate() {
            for &b in &g.rules[i + 1..] {
                if out.found.len() + out.unsettled.len() >= limit {
                    out.stopped = true;
                    return out;
                }
                let (ra, rb) = (&prog.rules[a as usize], &prog.rules[b as usize]);
                // Floors do not disagree: the highest that applies stands.
                if ra.floor || rb.floor {
                    continue;
                }
                // They disagree only where both apply and give different values.
                let differ = match (&ra.value, &rb.value) {
                    (Some(x), Some(y)) => Expr::Ne(Box::new(x.clone()), Box::new(y.clone())),
                    _ => Expr::Const(Value::Bool(true)),
                };
                let both = Expr::and(Expr::and(ra.cond.clone(), rb.cond.clone()), differ);
                match satisfiable(prog, None, &both) {
                    Sat::Yes(witness) => {
                        let target = super::domain::global_info(prog, g.slot).0;
                        out.found.push(Pair { a, b, target, witness, definitions: true });
                    }
                    Sat::Unknown => out.unsettled.push((a, b)),
                    Sat::No => {}
                }
            }
        }
    }
    out
}
