//! Resolved conditions → the evaluator's [`Cond`]s: a slot tested against a constant (equal or
//! not, in a set of symbols, a rank or a number or date compared, a set's size compared, present,
//! a set holding a position) becomes one node instead of three, so that deciding a case makes
//! fewer calls; and a member's rule is split (`rule`) into what reads only the case, tested once
//! per case, and what reads the member.

use super::plan::{Cond, RuleCond};
use crate::program::ir::{Expr, QuantKind, Sym, Value};

/// The evaluation form of a condition.
pub fn cond(e: &Expr) -> Cond {
    let b = |x: &Expr| Box::new(cond(x));
    match e {
        Expr::Const(v) => Cond::Const(v.truthy()),
        Expr::Global(s) => Cond::G(*s),
        Expr::Var(level, s) => Cond::V(*level, *s),
        Expr::Eq(x, y) | Expr::Ne(x, y) => {
            let eq = matches!(e, Expr::Eq(..));
            let (read, v) = match (&**x, &**y) {
                (s, Expr::Const(v)) | (Expr::Const(v), s) if *v != Value::Null => (s, *v),
                _ => return Cond::Expr(e.clone()),
            };
            match (slot(read), eq) {
                (Some(At::G(s)), true) => Cond::EqG(s, v),
                (Some(At::G(s)), false) => Cond::NeG(s, v),
                (Some(At::V(level, s)), true) => Cond::EqV(level, s, v),
                (Some(At::V(level, s)), false) => Cond::NeV(level, s, v),
                (None, _) => Cond::Expr(e.clone()),
            }
        }
        Expr::InSet(x, set) => in_set(x, set.clone()).unwrap_or_else(|| Cond::Expr(e.clone())),
        Expr::Cmp(op, x, y) => match (slot(x), &**y) {
            (Some(at), Expr::Const(k @ (Value::Int(_) | Value::Date(_)))) => match at {
                At::G(s) => Cond::CmpG(s, *op, *k),
                At::V(level, s) => Cond::CmpV(level, s, *op, *k),
            },
            (None, Expr::Const(Value::Int(n))) => match &**x {
                Expr::SetSize(x) => match slot(x) {
                    Some(At::G(s)) => Cond::SizeG(s, *op, *n),
                    Some(At::V(level, s)) => Cond::SizeV(level, s, *op, *n),
                    None => Cond::Expr(e.clone()),
                },
                _ => Cond::Expr(e.clone()),
            },
            _ => Cond::Expr(e.clone()),
        },
        // A rank compared with a constant's: the symbols whose rank compares so.
        Expr::Rank(op, ranks, x, y) => match &**y {
            Expr::Const(Value::Sym(k)) => {
                let to = ranks.get(*k as usize).copied().filter(|r| *r != 255);
                let set: Box<[Sym]> = (0..ranks.len())
                    .filter(|s| to.is_some_and(|to| ranks[*s] != 255 && op.test(ranks[*s].cmp(&to))))
                    .map(|s| s as Sym)
                    .collect();
                in_set(x, set).unwrap_or_else(|| Cond::Expr(e.clone()))
            }
            _ => Cond::Expr(e.clone()),
        },
        Expr::Present(x) => match slot(x) {
            Some(At::G(s)) => Cond::PresentG(s),
            Some(At::V(level, s)) => Cond::PresentV(level, s),
            None => Cond::Expr(e.clone()),
        },
        // A position outside the set's 128 bits is never held: the mask is empty.
        Expr::Has(x, y) => match (slot(x), &**y) {
            (Some(at), Expr::Const(Value::Int(i))) => {
                let mask = if (0..128).contains(i) { 1u128 << i } else { 0 };
                match at {
                    At::G(s) => Cond::HasG(s, mask),
                    At::V(level, s) => Cond::HasV(level, s, mask),
                }
            }
            _ => Cond::Expr(e.clone()),
        },
        Expr::Not(x) => Cond::Not(b(x)),
        Expr::And(x, y) => Cond::And(b(x), b(y)),
        Expr::Or(x, y) => Cond::Or(b(x), b(y)),
        Expr::All(xs) => Cond::All(xs.iter().map(cond).collect()),
        Expr::Quant { kind: kind @ (QuantKind::Any | QuantKind::All), list, level, body } => {
            Cond::Quant { all: *kind == QuantKind::All, list: *list, level: *level, body: b(body) }
        }
        other => Cond::Expr(other.clone()),
    }
}

/// A slot an expression reads directly: of the case, or of the member bound at a level.
enum At {
    G(u32),
    V(u8, u32),
}

fn slot(e: &Expr) -> Option<At> {
    match e {
        Expr::Global(s) => Some(At::G(*s)),
        Expr::Var(level, s) => Some(At::V(*level, *s)),
        _ => None,
    }
}

/// A slot holding one of the symbols.
fn in_set(x: &Expr, set: Box<[Sym]>) -> Option<Cond> {
    match slot(x)? {
        At::G(s) => Some(Cond::InG(s, set)),
        At::V(level, s) => Some(Cond::InV(level, s, set)),
    }
}

/// Whether an expression is a condition (its value is `true` or `false`, never absent), so that
/// it may be computed as a [`Cond`].
pub fn is_condition(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Not(_)
            | Expr::And(..)
            | Expr::All(_)
            | Expr::Or(..)
            | Expr::Eq(..)
            | Expr::Ne(..)
            | Expr::Cmp(..)
            | Expr::Rank(..)
            | Expr::InSet(..)
            | Expr::Present(_)
            | Expr::Quant { kind: QuantKind::Any | QuantKind::All, .. }
    )
}

/// A rule's condition for evaluation: for a rule about each member, split into the conjuncts
/// that read only the case and those that read the member.
pub fn rule(e: &Expr, member: bool) -> RuleCond {
    if !member {
        return RuleCond { pre: Cond::TRUE, run: cond(e) };
    }
    let mut conjuncts = vec![];
    flatten(e, &mut conjuncts);
    let (case, mine): (Vec<&Expr>, Vec<&Expr>) = conjuncts.into_iter().partition(|x| !reads_member(x));
    RuleCond { pre: all(case), run: all(mine) }
}

fn flatten<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::All(xs) => xs.iter().for_each(|x| flatten(x, out)),
        Expr::And(a, b) => {
            flatten(a, out);
            flatten(b, out);
        }
        other => out.push(other),
    }
}

fn all(xs: Vec<&Expr>) -> Cond {
    match xs[..] {
        [] => Cond::TRUE,
        [x] => cond(x),
        _ => Cond::All(xs.into_iter().map(cond).collect()),
    }
}

/// Whether an expression reads the member bound by `each` (level 0).
fn reads_member(e: &Expr) -> bool {
    match e {
        Expr::Var(level, _) => *level == 0,
        Expr::Const(_) | Expr::Global(_) | Expr::ListLen(_) => false,
        Expr::Not(a) | Expr::SetSize(a) | Expr::Present(a) | Expr::SymToSet(a, _) | Expr::InSet(a, _) => {
            reads_member(a)
        }
        Expr::Quant { body, .. } | Expr::Best { body, .. } => reads_member(body),
        Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::Eq(a, b)
        | Expr::Ne(a, b)
        | Expr::If(a, b)
        | Expr::Has(a, b)
        | Expr::Cmp(_, a, b)
        | Expr::Rank(_, _, a, b)
        | Expr::Arith(_, a, b)
        | Expr::AddMonths(a, b, _)
        | Expr::Days(a, b)
        | Expr::WorkingDays(a, b, _) => reads_member(a) || reads_member(b),
        Expr::All(xs) => xs.iter().any(reads_member),
    }
}
