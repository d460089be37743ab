//! The plan's leaves answer as the meaning of the expressions they were made from, on every
//! kind of value, and on a slot past the end of the frame.

use super::test;
use crate::compile::cond::cond;
use crate::program::frame::Member;
use crate::program::ir::{Expr, Ord, Value};
use crate::program::meaning::{Ctx, truthy};

const VALUES: [Value; 15] = [
    Value::Null,
    Value::Bool(true),
    Value::Bool(false),
    Value::Int(-1),
    Value::Int(0),
    Value::Int(3),
    Value::Int(127),
    Value::Int(128),
    Value::Date(5),
    Value::Date(17082),
    Value::Sym(0),
    Value::Sym(2),
    Value::Sym(5),
    Value::Set(0b101),
    Value::Set(1 << 127),
];

/// Every slot of the frame, and one past its end, of the case and of members at levels 0 and 1.
fn slots() -> Vec<Expr> {
    let n = VALUES.len() as u32 + 1;
    (0..n).flat_map(|s| [Expr::Global(s), Expr::Var(0, s), Expr::Var(1, s)]).collect()
}

#[test]
fn each_leaf_holds_where_its_expression_is_true() {
    let lists: Vec<Vec<Member>> = vec![];
    let cx = Ctx::new(&VALUES, &lists).with(0, &VALUES[3..]).with(1, &VALUES[1..]);
    let b = Box::new;
    let ranks: Box<[u8]> = [0, 255, 1, 2, 255, 3].into();
    let ops = [Ord::Lt, Ord::Le, Ord::Gt, Ord::Ge];
    // Each expression, and whether its constant has the type the plan makes a leaf of.
    let mut exprs = vec![];
    for x in slots() {
        exprs.push((Expr::Present(b(x.clone())), true));
        exprs.push((Expr::InSet(b(x.clone()), [2, 5].into()), true));
        for k in VALUES.into_iter().filter(|k| *k != Value::Null) {
            let c = || b(Expr::Const(k));
            let (int, sym) = (matches!(k, Value::Int(_)), matches!(k, Value::Sym(_)));
            exprs.push((Expr::Eq(b(x.clone()), c()), true));
            exprs.push((Expr::Ne(b(x.clone()), c()), true));
            exprs.push((Expr::Has(b(x.clone()), c()), int));
            for op in ops {
                exprs.push((Expr::Cmp(op, b(x.clone()), c()), int || matches!(k, Value::Date(_))));
                exprs.push((Expr::Cmp(op, b(Expr::SetSize(b(x.clone()))), c()), int));
                exprs.push((Expr::Rank(op, ranks.clone(), b(x.clone()), c()), sym));
            }
        }
    }
    for (e, typed) in &exprs {
        let c = cond(e);
        assert_eq!(test(&c, &cx), truthy(e, &cx), "{e:?} as {c:?}");
        assert_eq!(!matches!(c, crate::compile::Cond::Expr(_)), *typed, "{e:?} as {c:?}");
    }
}
