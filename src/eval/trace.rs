//! The trace of a decision, built when asked for (`Detail::Traced`): every rule on every member
//! it ran on, in the order of the text, with the values it read and where each came from; and
//! what each definition read.

use super::build::slot;
use super::cite::rule_status;
use super::decision::*;
use crate::program::frame::{Frame, Status};
use crate::program::ir::{Expr, QuantKind, Value};
use crate::program::meaning::{Ctx, operand, truthy};
use crate::program::{Program, Read, ReadSource, Scope};

/// Where a value a rule read came from.
fn origin(prog: &Program, f: &Frame, member: Option<(u16, usize)>, read: &Read) -> Origin {
    match read.source {
        ReadSource::Fact { slot, defined } => {
            // A floor that raised the case's value: the value is the layer's.
            let floor = defined.and_then(|g| {
                prog.defines[g as usize].rules.iter().find(|r| {
                    let rule = &prog.rules[**r as usize];
                    rule.floor && f.status.get(rule.status as usize) == Some(&Status::Won)
                })
            });
            if let Some(r) = floor {
                return Origin::Defined(prog.rules[*r as usize].provision);
            }
            if f.given.get(slot as usize).copied().unwrap_or(false) {
                return Origin::Case;
            }
            let by = defined.and_then(|g| {
                prog.defines[g as usize]
                    .rules
                    .iter()
                    .find(|r| f.status.get(prog.rules[**r as usize].status as usize) == Some(&Status::Won))
            });
            match by {
                Some(r) => Origin::Defined(prog.rules[*r as usize].provision),
                None => Origin::Default,
            }
        }
        ReadSource::Field { slot } => match member {
            Some((l, i)) => {
                let given = f.lists[l as usize][i].given;
                if slot < 128 && given & (1u128 << slot) != 0 { Origin::Case } else { Origin::Default }
            }
            None => Origin::Derived,
        },
        ReadSource::Let(_) | ReadSource::Derived => Origin::Derived,
    }
}

/// The values a list of reads has on a context, appended to the decision's reads.
fn readings(
    prog: &Program,
    f: &Frame,
    member: Option<(u16, usize)>,
    reads: &[Read],
    cx: &Ctx,
    d: &mut Decision,
) -> Slice {
    let start = d.reads.len() as u32;
    for r in reads {
        let value = operand(&r.expr, cx);
        let witnesses = match (&r.expr, value) {
            (Expr::Quant { kind: QuantKind::Any, list, level, body }, Value::Bool(true)) => f
                .lists
                .get(*list as usize)
                .map_or(&[][..], |l| &l[..])
                .iter()
                .take(64)
                .enumerate()
                .filter(|(_, m)| truthy(body, &cx.with(*level, &m.vals)))
                .fold(0u64, |bits, (i, _)| bits | 1 << i),
            _ => 0,
        };
        d.reads.push(Reading { value, origin: origin(prog, f, member, r), witnesses });
    }
    Slice { start, len: reads.len() as u32 }
}

/// Every rule on every member it ran on, in the order of the text; and what each definition read.
pub(super) fn entries(prog: &Program, f: &Frame, d: &mut Decision) {
    let global = Ctx::new(&f.globals, &f.lists);
    // Room for every entry and every value read, so that neither list grows as it fills.
    let runs = |r: &crate::program::RuleDef| match r.scope {
        Scope::Global => 1,
        Scope::Member(l) => f.lists[l as usize].len(),
    };
    d.trace.reserve_exact(prog.rules.iter().map(runs).sum());
    let rule_reads: usize = prog.rules.iter().map(|r| runs(r) * r.reads.len()).sum();
    d.reads.reserve_exact(rule_reads + prog.lets.iter().map(|l| l.reads.len()).sum::<usize>());
    d.definitions.reserve_exact(prog.lets.len());
    for (r, rule) in prog.rules.iter().enumerate() {
        let (list, n) = match rule.scope {
            Scope::Global => (None, 1),
            Scope::Member(l) => (Some(l), f.lists[l as usize].len()),
        };
        for i in 0..n {
            let member = list.map(|l| (l, i));
            let cx = match member {
                Some((l, i)) => global.with(0, &f.lists[l as usize][i].vals),
                None => global,
            };
            let status = rule_status(prog, f, r as u32, member.map(|x| x.1));
            let reads = readings(prog, f, member, &rule.reads, &cx, d);
            let why_not = (status == Status::NotFired).then(|| {
                match rule.conjuncts.iter().position(|c| !truthy(&c.expr, &cx)) {
                    Some(k) => WhyNot::False(k as u16),
                    None if rule.defines.is_some() => WhyNot::Default,
                    None => WhyNot::NoTarget,
                }
            });
            let defined = match rule.defines {
                Some(s) if status == Status::Won => Some(slot(&f.globals, s)),
                _ => None,
            };
            let moved = match rule.target.map(|t| &prog.conclusions[t as usize]) {
                Some(c) if rule.step != 0 && status == Status::Won => {
                    let vals = match member {
                        Some((l, i)) => &f.lists[l as usize][i].vals,
                        None => &f.globals,
                    };
                    c.base_slot.map(|b| (slot(vals, b), slot(vals, c.slot)))
                }
                _ => None,
            };
            let overridden_by = if status == Status::Overridden {
                rule.overridden_by
                    .iter()
                    .copied()
                    .filter(|e| rule_status(prog, f, *e, member.map(|x| x.1)).fired())
                    .collect()
            } else {
                vec![]
            };
            let extra = (defined.is_some() || moved.is_some() || !overridden_by.is_empty()).then(|| {
                d.extras.push(Extra { defined, moved, overridden_by });
                d.extras.len() as u32 - 1
            });
            let member = member.map(|(l, i)| (l, i as u32));
            d.trace.push(Entry { rule: r as u32, member, status, reads, why_not, extra });
        }
    }
    for l in &prog.lets {
        let s = readings(prog, f, None, &l.reads, &global, d);
        d.definitions.push(s);
    }
}
