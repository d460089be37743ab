//! What-ifs on a decided case: every change of one fact (a boolean flipped, another value of an
//! enumeration, a number or date across a boundary the rules draw) that changes the outcome — the
//! decision's single values (accountable, the rung, scope, in force) or a person's — with the
//! provisions that decide the new outcome.

use crate::compile::Plan;
use crate::eval::run;
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::program::meaning::{Ctx, eval};
use crate::program::*;

/// One fact changed.
#[derive(Debug, Clone)]
pub struct Change {
    /// `impact`, `conduct.decision_error`, `people.took_part`.
    pub fact: String,
    /// For a field of a list member: its position (from 0) and its name.
    pub member: Option<(usize, String)>,
    pub ty: Ty,
    pub from: Value,
    pub to: Value,
}

/// One outcome that changes, with the provisions that decide its new value.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The decision key (`rung`), or `people.responsibility` for a person's.
    pub key: String,
    pub member: Option<(usize, String)>,
    pub entry: OutEntry,
    pub from: Value,
    pub to: Value,
    pub provisions: Vec<u16>,
}

pub struct WhatIf {
    pub change: Change,
    pub outcomes: Vec<Outcome>,
}

/// A single value of the decision (or of a member, by list and position) and what it is.
type Seen = (OutEntry, Option<(u16, usize)>, Value);

/// The single values of the decision, and each member's.
fn outcomes(prog: &Program, f: &Frame) -> Vec<Seen> {
    let mut out = vec![];
    let cx = Ctx::new(&f.globals, &f.lists);
    for e in &prog.decision {
        match e.list {
            Some(l) => {
                for (i, m) in f.lists[l as usize].iter().enumerate() {
                    let mcx = cx.with(0, &m.vals);
                    for x in e.fields.iter().filter(|x| matches!(x.ty, Ty::Bool | Ty::Enum(_))) {
                        if matches!(x.cite, Cite::Conclusion(_)) {
                            out.push((x.clone(), Some((l, i)), eval(&x.read, &mcx)));
                        }
                    }
                }
            }
            None if e.fields.is_empty() && matches!(e.ty, Ty::Bool | Ty::Enum(_)) => {
                out.push((e.clone(), None, eval(&e.read, &cx)));
            }
            None => {}
        }
    }
    out
}

/// The values worth trying for a fact of this type: those its rules compare it with, and one on
/// each side.
pub fn candidates(prog: &Program, ty: Ty, now: Value, consts: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = match ty {
        Ty::Bool => vec![Value::Bool(true), Value::Bool(false)],
        Ty::Enum(e) => prog.enums[e as usize].values.iter().map(|s| Value::Sym(*s)).collect(),
        Ty::Int => crate::solve::domain::int_domain(consts)
            .into_iter()
            .filter(|v| !matches!(v, Value::Int(i) if *i < 0))
            .collect(),
        Ty::Date => crate::solve::domain::domain(prog, Some(Ty::Date), false, consts)
            .into_iter()
            .filter(|v| !matches!(v, Value::Date(0)))
            .collect(),
        _ => vec![],
    };
    out.retain(|v| *v != now);
    out
}

/// The numbers and dates the rules compare with.
pub fn constants(prog: &Program) -> Vec<Value> {
    let mut consts = vec![];
    for r in &prog.rules {
        crate::solve::domain::collect_consts(&r.cond, &mut consts);
    }
    for l in &prog.lets {
        crate::solve::domain::collect_consts(&l.expr, &mut consts);
    }
    consts
}

/// Every single-fact change that changes an outcome.
pub fn what_ifs(prog: &Program, plan: &Plan, decided: &Frame) -> Vec<WhatIf> {
    let consts = constants(prog);
    let before = outcomes(prog, decided);
    let mut found = vec![];
    let mut try_change = |change: Change, set: &dyn Fn(&mut Frame)| {
        let mut f = decided.clone();
        set(&mut f);
        run(prog, plan, &mut f);
        let after = outcomes(prog, &f);
        let changed: Vec<Outcome> = before
            .iter()
            .zip(&after)
            .filter(|(a, b)| a.2 != b.2)
            .map(|((e, m, from), (_, _, to))| {
                let member = m.map(|(l, i)| (i, crate::render::trace::member_name(prog, &f, l, i)));
                let provisions = crate::render::cites(prog, &f, e.cite, *m);
                Outcome { key: e.key.clone(), member, entry: e.clone(), from: *from, to: *to, provisions }
            })
            .collect();
        if !changed.is_empty() {
            found.push(WhatIf { change, outcomes: changed });
        }
    };
    for fact in &prog.facts {
        let scalars: Vec<(String, &FieldDef)> = match fact.def.ty {
            Ty::Record(_) => {
                fact.fields.iter().map(|x| (format!("{}.{}", fact.def.name, x.name), x)).collect()
            }
            Ty::List(_) => vec![],
            _ => vec![(fact.def.name.clone(), &fact.def)],
        };
        for (name, fd) in scalars {
            let now = decided.globals[fd.slot as usize];
            for to in candidates(prog, fd.ty, now, &consts) {
                let slot = fd.slot as usize;
                let change = Change { fact: name.clone(), member: None, ty: fd.ty, from: now, to };
                try_change(change, &|f: &mut Frame| f.globals[slot] = to);
            }
        }
        if let Some(l) = fact.list {
            let rec = &prog.records[prog.lists[l as usize].record as usize];
            for (i, m) in decided.lists[l as usize].iter().enumerate() {
                let who = crate::render::trace::member_name(prog, decided, l, i);
                for fd in &rec.fields {
                    let now = m.vals[fd.slot as usize];
                    for to in candidates(prog, fd.ty, now, &consts) {
                        let (slot, l) = (fd.slot as usize, l as usize);
                        let change = Change {
                            fact: format!("{}.{}", fact.def.name, fd.name),
                            member: Some((i, who.clone())),
                            ty: fd.ty,
                            from: now,
                            to,
                        };
                        try_change(change, &|f: &mut Frame| f.lists[l][i].vals[slot] = to);
                    }
                }
            }
        }
    }
    found
}
