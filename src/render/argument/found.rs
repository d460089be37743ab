//! The facts a rule read, each in words with where it came from: what the argument says was
//! found (经查), or, for a provision that did not apply, the facts its failing element read.

use super::subject;
use crate::eval::decision::{Decision, Entry, Origin};
use crate::program::ir::{Expr, QuantKind, Value};
use crate::program::{Program, ReadSource, RuleDef, Scope, Ty};
use crate::render::cite::cite;
use crate::render::show;
use crate::render::words::{self, Levels};

/// The facts a rule read (those an element reads, when given), each in words.
pub(super) fn found(
    prog: &Program,
    d: &Decision,
    t: &Entry,
    rule: &RuleDef,
    element: Option<&Expr>,
) -> Vec<String> {
    let lang = d.lang;
    let en = lang.en();
    let mut lv: Levels = words::levels(rule.scope);
    let mut out = vec![];
    for (r, v) in rule.reads.iter().zip(d.reads_of(t)) {
        // Definitions of the policy and what the rule concludes itself are not facts found.
        if matches!(r.source, ReadSource::Let(_)) || rule.target.is_some_and(|c| concludes(prog, c, &r.expr))
        {
            continue;
        }
        if let Some(e) = element
            && !reads(e, &r.expr)
        {
            continue;
        }
        let origin = match (v.origin, v.value) {
            (Origin::Default, Value::Bool(false)) => (if en {
                " (not given in the case: taken as no)"
            } else {
                "（案件未载明，按否认定）"
            })
            .into(),
            // 「未载明」 says it already.
            (Origin::Default, Value::Null) => String::new(),
            (Origin::Default, x) => {
                let x = words::value(prog, Some(r.ty), x, lang);
                if en {
                    format!(" (not given in the case: taken as {x})")
                } else {
                    format!("（案件未载明，按{x}认定）")
                }
            }
            (Origin::Defined(p), _) => {
                if en {
                    format!(" (as defined by {})", cite(prog, p, lang))
                } else {
                    format!("（依{}的定义）", cite(prog, p, lang))
                }
            }
            _ => String::new(),
        };
        let statement = match (&r.expr, v.value) {
            // Some member is so: the members that are, by name or number (「此前措施第2项：…」).
            (Expr::Quant { kind: QuantKind::Any, list, level, body }, Value::Bool(true))
                if v.witnesses != 0 =>
            {
                lv[*level as usize] = Some(*list);
                let b = words::condition(prog, body, &mut lv, lang);
                let who: Vec<String> = (0..64u32)
                    .filter(|i| v.witnesses & (1 << i) != 0)
                    .map(|i| d.member_words(prog, *list, i, en).into_owned())
                    .collect();
                if en { format!("{}: {b}", who.join(", ")) } else { format!("{}：{b}", who.join("、")) }
            }
            // A quantifier read whole: its words, affirmed or denied.
            (Expr::Quant { .. } | Expr::Best { .. }, Value::Bool(b)) => {
                let e = if b { r.expr.clone() } else { Expr::Not(Box::new(r.expr.clone())) };
                words::condition(prog, &e, &mut lv, lang)
            }
            (x, Value::Bool(true)) if words::condition(prog, x, &mut lv, lang).len() < 80 => {
                words::name(prog, x, &mut lv, lang)
            }
            (x, val) => {
                let n = words::name(prog, x, &mut lv, lang);
                let s = match r.ty {
                    Ty::SetOfProvision | Ty::SetOfEnum(_) | Ty::Members(_) => {
                        show(prog, d, r.ty, r.cite, val, lang)
                    }
                    ty => words::value(prog, Some(ty), val, lang),
                };
                if en { format!("{n}: {s}") } else { format!("{n}：{s}") }
            }
        };
        // The member the rule is about, by name (「该人员」 → 「张三」).
        let statement = match t.member {
            Some((l, _)) => {
                let label =
                    prog.facts.iter().find(|f| f.list == Some(l)).map_or("", |f| f.def.labels.get(en));
                let who = subject(prog, d, t.member, lang);
                if en {
                    statement.replace("the one concerned", &who)
                } else {
                    statement.replace(&format!("该{label}"), &who)
                }
            }
            None => statement,
        };
        out.push(format!("{statement}{origin}"));
    }
    out
}

/// Whether a read is the conclusion a rule concludes (for the member it concludes it of).
fn concludes(prog: &Program, c: u32, e: &Expr) -> bool {
    let def = &prog.conclusions[c as usize];
    match (def.scope, e) {
        (Scope::Global, Expr::Global(s)) | (Scope::Member(_), Expr::Var(0, s)) => *s == def.slot,
        _ => false,
    }
}

/// Whether an element reads what a read reads.
fn reads(element: &Expr, read: &Expr) -> bool {
    let key = format!("{read:?}");
    let mut found = false;
    element.visit(&mut |x| found |= format!("{x:?}") == key);
    found
}
