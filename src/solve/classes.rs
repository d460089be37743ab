//! Values the conditions cannot tell apart. An atom that conditions only compare with constants
//! (`unit.kind != military`, `conduct_date >= 2017-03-01`) takes values that every comparison
//! answers alike (every kind but `military`; every date from 2017-03-02 on): the searches try one
//! of each class and report the whole class.

use crate::program::ir::{Expr, Value};
use crate::program::meaning::{Ctx, eval};

/// For each atom, its values grouped into classes the expressions cannot tell apart: indices
/// into its domain, the first of each class its representative.
pub fn classes(domains: &[&[Value]], conditions: &[&Expr], values: &[&Expr]) -> Vec<Vec<Vec<usize>>> {
    (0..domains.len())
        .map(|n| {
            let mut tests = vec![];
            let mut plain = true;
            for c in conditions {
                scan(c, n as u32, &mut tests, &mut plain);
            }
            plain &= !values.iter().any(|v| reads(v, n as u32));
            let all: Vec<usize> = (0..domains[n].len()).collect();
            if !plain {
                return all.into_iter().map(|i| vec![i]).collect();
            }
            let mut slots = vec![Value::Null; n + 1];
            let mut groups: Vec<(Vec<Value>, Vec<usize>)> = vec![];
            for i in all {
                slots[n] = domains[n][i];
                let cx = Ctx::new(&[], &[]).with(0, &slots);
                let sig: Vec<Value> = tests.iter().map(|t| eval(t, &cx)).collect();
                match groups.iter_mut().find(|(s, _)| *s == sig) {
                    Some((_, members)) => members.push(i),
                    None => groups.push((sig, vec![i])),
                }
            }
            groups.into_iter().map(|(_, members)| members).collect()
        })
        .collect()
}

/// Whether `e` reads atom `n`.
fn reads(e: &Expr, n: u32) -> bool {
    let mut found = false;
    e.visit(&mut |x| found |= matches!(x, Expr::Var(0, m) if *m == n));
    found
}

/// Whether `e` reads no atom but `n`.
fn only(e: &Expr, n: u32) -> bool {
    let mut ok = true;
    e.visit(&mut |x| ok &= !matches!(x, Expr::Var(l, m) if *l != 0 || *m != n));
    ok
}

/// The comparisons of a condition that read atom `n`; `plain` turns false when `n` is read in
/// any other way (against another atom, or as a value).
fn scan<'a>(e: &'a Expr, n: u32, tests: &mut Vec<&'a Expr>, plain: &mut bool) {
    match e {
        Expr::Not(a) => scan(a, n, tests, plain),
        Expr::And(a, b) | Expr::Or(a, b) => {
            scan(a, n, tests, plain);
            scan(b, n, tests, plain);
        }
        Expr::All(xs) => xs.iter().for_each(|x| scan(x, n, tests, plain)),
        Expr::If(v, c) => {
            scan(c, n, tests, plain);
            *plain &= !reads(v, n);
        }
        _ if !reads(e, n) => {}
        _ if only(e, n) => tests.push(e),
        _ => *plain = false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::ir::Ord;

    #[test]
    fn dates_on_one_side_of_every_constant_are_one_class() {
        let d = |x| Value::Date(x);
        let domain = [d(0), d(99), d(100), d(101), d(102)];
        let ge = Expr::Cmp(Ord::Ge, Box::new(Expr::Var(0, 0)), Box::new(Expr::Const(d(100))));
        let got = classes(&[&domain], &[&ge], &[]);
        assert_eq!(got[0], vec![vec![0, 1], vec![2, 3, 4]]);
    }

    #[test]
    fn an_atom_compared_with_another_keeps_every_value() {
        let domain = [Value::Int(0), Value::Int(1)];
        let eq = Expr::Eq(Box::new(Expr::Var(0, 0)), Box::new(Expr::Var(0, 1)));
        let got = classes(&[&domain, &domain], &[&eq], &[]);
        assert_eq!(got[0], vec![vec![0], vec![1]]);
    }
}
