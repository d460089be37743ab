//! Conditions rewritten for evaluation: the commonest shapes (a fact compared with a constant, a
//! fact in a set of values) become one node instead of three, so that deciding a case makes fewer
//! calls. The rewritten form is kept beside the resolved one, which the analyses and the trace read.

use super::ir::{Expr, Value};

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
