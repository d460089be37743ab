//! Resolved conditions → the evaluator's [`Cond`]s: a slot compared with a constant, or tested
//! against a set of symbols, becomes one node instead of three, so that deciding a case makes
//! fewer calls; and a member's rule is split (`split`) into what reads only the case, tested
//! once per case, and what reads the member.

use super::plan::{Cond, RuleCond};
use crate::program::ir::{Expr, QuantKind, Value};

/// The evaluation form of a condition.
pub fn cond(e: &Expr) -> Cond {
    let b = |x: &Expr| Box::new(cond(x));
    match e {
        Expr::Const(v) => Cond::Const(v.truthy()),
        Expr::Global(s) => Cond::G(*s),
        Expr::Var(level, s) => Cond::V(*level, *s),
        Expr::Eq(x, y) | Expr::Ne(x, y) => {
            let eq = matches!(e, Expr::Eq(..));
            let (slot, v) = match (&**x, &**y) {
                (s, Expr::Const(v)) | (Expr::Const(v), s) if *v != Value::Null => (s, *v),
                _ => return Cond::Expr(e.clone()),
            };
            match (slot, eq) {
                (Expr::Global(s), true) => Cond::EqG(*s, v),
                (Expr::Global(s), false) => Cond::NeG(*s, v),
                (Expr::Var(level, s), true) => Cond::EqV(*level, *s, v),
                (Expr::Var(level, s), false) => Cond::NeV(*level, *s, v),
                _ => Cond::Expr(e.clone()),
            }
        }
        Expr::InSet(x, set) => match &**x {
            Expr::Global(s) => Cond::InG(*s, set.clone()),
            Expr::Var(level, s) => Cond::InV(*level, *s, set.clone()),
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
