//! Three-valued reading of an abstracted expression (one whose reads are atoms, `Var(0, n)`)
//! while only some atoms have a value: a condition holds, does not, or still depends on an atom
//! not yet chosen. The searches split the cases one atom at a time and stop a branch as soon as
//! the answer no longer depends on the atoms left, so they visit far fewer cases than there are
//! combinations.

use crate::program::ir::{Expr, Value};
use crate::program::meaning::{Ctx, eval, truthy};

/// The atoms chosen so far: `values[n]` counts only where `known[n]`.
pub struct Partial<'a> {
    /// A value for each atom (any value where not known).
    pub values: &'a [Value],
    /// Which atoms are chosen.
    pub known: &'a [bool],
}

/// Both hold: false as soon as one is known false.
fn and3(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

/// Either holds: true as soon as one is known true.
fn or3(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    and3(a.map(|x| !x), b.map(|x| !x)).map(|x| !x)
}

impl Partial<'_> {
    fn cx(&self) -> Ctx<'_> {
        Ctx::new(&[], &[]).with(0, self.values)
    }

    /// Whether every atom `e` reads is chosen.
    fn closed(&self, e: &Expr) -> bool {
        let mut ok = true;
        e.visit(&mut |x| {
            if let Expr::Var(0, n) = x {
                ok &= self.known.get(*n as usize).copied().unwrap_or(false);
            }
        });
        ok
    }

    /// Whether the condition holds, does not, or (`None`) depends on atoms not chosen.
    pub fn holds(&self, e: &Expr) -> Option<bool> {
        match e {
            Expr::Const(v) => Some(v.truthy()),
            Expr::Not(a) => self.holds(a).map(|x| !x),
            Expr::And(a, b) => and3(self.holds(a), self.holds(b)),
            Expr::Or(a, b) => or3(self.holds(a), self.holds(b)),
            Expr::All(xs) => {
                // Not `try_fold`: an open conjunct must not hide a false one after it.
                let mut all = Some(true);
                for x in xs.iter() {
                    all = and3(all, self.holds(x));
                }
                all
            }
            Expr::If(v, c) => and3(self.holds(c), self.holds(v)),
            _ => self.closed(e).then(|| truthy(e, &self.cx())),
        }
    }

    /// The expression's value, or `None` while it depends on atoms not chosen.
    pub fn value(&self, e: &Expr) -> Option<Value> {
        match e {
            Expr::If(v, c) => match self.holds(c)? {
                false => Some(Value::Null),
                true => self.value(v),
            },
            Expr::Not(_) | Expr::And(..) | Expr::Or(..) | Expr::All(_) => self.holds(e).map(Value::Bool),
            _ => self.closed(e).then(|| eval(e, &self.cx())),
        }
    }

    /// An atom not chosen whose value would help answer `e`: the first one met in a part of `e`
    /// whose answer is still open.
    pub fn pick(&self, e: &Expr) -> Option<u32> {
        match e {
            Expr::Var(0, n) => (!self.known.get(*n as usize).copied().unwrap_or(true)).then_some(*n),
            Expr::Not(a) => self.pick(a),
            Expr::And(a, b) | Expr::Or(a, b) | Expr::If(a, b) => {
                [a, b].into_iter().filter(|x| self.holds(x).is_none()).find_map(|x| self.pick(x))
            }
            Expr::All(xs) => xs.iter().filter(|x| self.holds(x).is_none()).find_map(|x| self.pick(x)),
            _ => {
                let mut found = None;
                e.visit(&mut |x| {
                    if let Expr::Var(0, n) = x
                        && found.is_none()
                        && !self.known.get(*n as usize).copied().unwrap_or(true)
                    {
                        found = Some(*n);
                    }
                });
                found
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(n: u32) -> Box<Expr> {
        Box::new(Expr::Var(0, n))
    }

    #[test]
    fn a_known_false_side_answers_and_an_unknown_one_does_not() {
        let e = Expr::And(var(0), var(1));
        let values = [Value::Bool(false), Value::Bool(true)];
        let p = Partial { values: &values, known: &[true, false] };
        assert_eq!(p.holds(&e), Some(false));
        let values = [Value::Bool(true), Value::Bool(true)];
        let p = Partial { values: &values, known: &[true, false] };
        assert_eq!(p.holds(&e), None);
        assert_eq!(p.pick(&e), Some(1));
        let or = Expr::Or(var(0), var(1));
        assert_eq!(p.holds(&or), Some(true));
    }

    #[test]
    fn a_comparison_waits_for_both_sides() {
        let e = Expr::Eq(var(0), var(1));
        let values = [Value::Int(3), Value::Int(3)];
        assert_eq!(Partial { values: &values, known: &[true, false] }.holds(&e), None);
        assert_eq!(Partial { values: &values, known: &[true, true] }.holds(&e), Some(true));
        let v = Expr::If(var(0), Box::new(Expr::Not(var(1))));
        let values = [Value::Int(3), Value::Bool(true)];
        assert_eq!(Partial { values: &values, known: &[false, true] }.value(&v), Some(Value::Null));
    }
}
