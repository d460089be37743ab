//! Conditions rewritten for evaluation: the commonest shapes (a fact compared with a constant, a
//! fact in a set of values) become one node instead of three, so that deciding a case makes fewer
//! calls; and a member's rule is split (`split`) into what reads only the case, tested once per
//! case, and what reads the member. The rewritten form is kept beside the resolved one, which the
//! analyses and the trace read.

use crate::program::ir::{Expr, Value};

pub fn fast(e: &Expr) -> Expr {
    let b = |x: &Expr| Box::new(fast(x));
    match e {
        Expr::Eq(x, y) | Expr::Ne(x, y) => {
            let eq = matches!(e, Expr::Eq(..));
            let (slot, c) = match (&**x, &**y) {
                (s @ (Expr::Global(_) | Expr::Var(0, _)), Expr::Const(v))
                | (Expr::Const(v), s @ (Expr::Global(_) | Expr::Var(0, _)))
                    if *v != Value::Null =>
                {
                    (s, *v)
                }
                _ => return if eq { Expr::Eq(b(x), b(y)) } else { Expr::Ne(b(x), b(y)) },
            };
            match (slot, eq) {
                (Expr::Global(s), true) => Expr::EqG(*s, c),
                (Expr::Global(s), false) => Expr::NeG(*s, c),
                (Expr::Var(_, s), true) => Expr::EqV(*s, c),
                (Expr::Var(_, s), false) => Expr::NeV(*s, c),
                _ => e.clone(),
            }
        }
        Expr::InSet(x, set) => match &**x {
            Expr::Global(s) => Expr::InSetG(*s, set.clone()),
            Expr::Var(0, s) => Expr::InSetV(*s, set.clone()),
            _ => Expr::InSet(b(x), set.clone()),
        },
        Expr::Not(x) => Expr::Not(b(x)),
        Expr::And(x, y) => Expr::And(b(x), b(y)),
        Expr::Or(x, y) => Expr::Or(b(x), b(y)),
        Expr::All(xs) => Expr::All(xs.iter().map(fast).collect()),
        Expr::If(x, y) => Expr::If(b(x), b(y)),
        other => other.clone(),
    }
}

/// A member's condition split into the conjuncts that read only the case and those that read
/// the member: the first are tested once per case, the second for each member.
pub fn split(e: Expr) -> (Expr, Expr) {
    let mut conjuncts = vec![];
    flatten(e, &mut conjuncts);
    let (case, member): (Vec<Expr>, Vec<Expr>) = conjuncts.into_iter().partition(|x| !reads_member(x));
    (all(case), all(member))
}

fn flatten(e: Expr, out: &mut Vec<Expr>) {
    match e {
        Expr::All(xs) => xs.into_vec().into_iter().for_each(|x| flatten(x, out)),
        Expr::And(a, b) => {
            flatten(*a, out);
            flatten(*b, out);
        }
        other => out.push(other),
    }
}

fn all(mut xs: Vec<Expr>) -> Expr {
    if xs.len() > 1 {
        return Expr::All(xs.into());
    }
    xs.pop().unwrap_or(Expr::Const(Value::Bool(true)))
}

/// Whether an expression reads the member bound by `each` (level 0).
fn reads_member(e: &Expr) -> bool {
    match e {
        Expr::Var(level, _) => *level == 0,
        Expr::EqV(..) | Expr::NeV(..) | Expr::InSetV(..) => true,
        Expr::Const(_)
        | Expr::Global(_)
        | Expr::ListLen(_)
        | Expr::EqG(..)
        | Expr::NeG(..)
        | Expr::InSetG(..) => false,
        Expr::Not(a) | Expr::SetSize(a) | Expr::Present(a) | Expr::SymToSet(a, _) | Expr::InSet(a, _) => {
            reads_member(a)
        }
        Expr::Quant { body, .. } => reads_member(body),
        Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::Eq(a, b)
        | Expr::Ne(a, b)
        | Expr::If(a, b)
        | Expr::Cmp(_, a, b)
        | Expr::Rank(_, _, a, b)
        | Expr::Arith(_, a, b)
        | Expr::AddMonths(a, b, _)
        | Expr::Days(a, b)
        | Expr::WorkingDays(a, b, _) => reads_member(a) || reads_member(b),
        Expr::All(xs) => xs.iter().any(reads_member),
    }
}

/// A fast form written back as the nodes it stands for (for anything that reads conditions
/// rather than evaluating them).
pub fn slow(e: &Expr) -> Expr {
    let g = |s: &u32| Box::new(Expr::Global(*s));
    let v = |s: &u32| Box::new(Expr::Var(0, *s));
    let c = |x: &Value| Box::new(Expr::Const(*x));
    match e {
        Expr::EqG(s, x) => Expr::Eq(g(s), c(x)),
        Expr::EqV(s, x) => Expr::Eq(v(s), c(x)),
        Expr::NeG(s, x) => Expr::Ne(g(s), c(x)),
        Expr::NeV(s, x) => Expr::Ne(v(s), c(x)),
        Expr::InSetG(s, set) => Expr::InSet(g(s), set.clone()),
        Expr::InSetV(s, set) => Expr::InSet(v(s), set.clone()),
        other => other.clone(),
    }
}
