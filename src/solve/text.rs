//! A resolved expression written back as text, with names from the program (for analyses, whose
//! expressions are built, not read from a file).

use crate::program::ir::{Expr, QuantKind, Value};
use crate::program::*;

/// The text of `e`; `list` is the list whose member `Var(0, _)` reads.
pub fn text(prog: &Program, e: &Expr, list: Option<u16>) -> String {
    let mut lists = [list, None, None, None];
    go(prog, e, &mut lists)
}

fn value(prog: &Program, v: &Value) -> String {
    match v {
        Value::Sym(s) => prog.syms.get(*s as usize).cloned().unwrap_or_default(),
        Value::Provision(p) => prog.provisions.get(*p as usize).map(|x| x.id.clone()).unwrap_or_default(),
        other => super::domain::show(prog, *other),
    }
}

fn go(prog: &Program, e: &Expr, lists: &mut [Option<u16>; 4]) -> String {
    let mut t = |x: &Expr| go(prog, x, lists);
    match e {
        Expr::Const(v) => value(prog, v),
        Expr::Global(s) => super::domain::global_info(prog, *s).0,
        Expr::Var(level, s) => {
            let l = lists.get(*level as usize).copied().flatten();
            let (name, _, _) = super::domain::member_info(prog, l, *s);
            name
        }
        Expr::Not(a) => format!("not {}", t(a)),
        Expr::And(a, b) => format!("({} and {})", t(a), t(b)),
        Expr::Or(a, b) => format!("({} or {})", t(a), t(b)),
        Expr::All(xs) => xs.iter().map(&mut t).collect::<Vec<_>>().join(" and "),
        Expr::Eq(a, b) => format!("{} == {}", t(a), t(b)),
        Expr::Ne(a, b) => format!("{} != {}", t(a), t(b)),
        Expr::Cmp(o, a, b) | Expr::Rank(o, _, a, b) => {
            let op = match o {
                crate::program::ir::Ord::Lt => "<",
                crate::program::ir::Ord::Le => "<=",
                crate::program::ir::Ord::Gt => ">",
                crate::program::ir::Ord::Ge => ">=",
            };
            format!("{} {op} {}", t(a), t(b))
        }
        Expr::InSet(a, set) => {
            let vs: Vec<String> = set.iter().map(|s| value(prog, &Value::Sym(*s))).collect();
            format!("{} in {{{}}}", t(a), vs.join(", "))
        }
        Expr::If(v, c) => format!("{} if {}", t(v), t(c)),
        // The member tested is the one bound at that level: named by its list.
        Expr::Has(set, x) => {
            let who = match **x {
                Expr::Var(level, _) => lists.get(level as usize).copied().flatten().map(|l| {
                    format!("the member of {}", prog.lists.get(l as usize).map_or("?", |d| d.name.as_str()))
                }),
                _ => None,
            };
            let set = go(prog, set, lists);
            format!("{} in {set}", who.unwrap_or_else(|| "?".into()))
        }
        Expr::Quant { kind, list, level, body } => {
            let name = prog.lists.get(*list as usize).map(|l| l.name.clone()).unwrap_or_default();
            if let Some(slot) = lists.get_mut(*level as usize) {
                *slot = Some(*list);
            }
            let word = match kind {
                QuantKind::Any => "any",
                QuantKind::All => "all",
                QuantKind::Count => "count",
            };
            format!("{word} {name}: ({})", go(prog, body, lists))
        }
        Expr::Best { max, list, level, body, .. } => {
            let name = prog.lists.get(*list as usize).map(|l| l.name.clone()).unwrap_or_default();
            if let Some(slot) = lists.get_mut(*level as usize) {
                *slot = Some(*list);
            }
            format!("{} {name}: ({})", if *max { "max" } else { "min" }, go(prog, body, lists))
        }
        Expr::SetSize(a) => format!("count({})", t(a)),
        Expr::ListLen(l) => {
            format!("count({})", prog.lists.get(*l as usize).map(|x| x.name.as_str()).unwrap_or(""))
        }
        Expr::Present(a) => format!("present({})", t(a)),
        Expr::SymToSet(a, _) => t(a),
        Expr::Arith(sub, a, b) => format!("{} {} {}", t(a), if *sub { "-" } else { "+" }, t(b)),
        Expr::Days(a, b) => format!("days({}, {})", t(a), t(b)),
        Expr::WorkingDays(a, b, _) => format!("working_days({}, {})", t(a), t(b)),
        Expr::AddMonths(a, b, per) => {
            format!("{}({}, {})", if *per == 12 { "add_years" } else { "add_months" }, t(a), t(b))
        }
    }
}
