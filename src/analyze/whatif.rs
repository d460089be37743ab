//! What-ifs on a decided case: every change of one fact (a boolean flipped, another value of an
//! enumeration, a number or date across a boundary the rules draw) that changes the outcome —
//! anything the decision shows that the rules decide, for the case (accountable, the rung, the
//! unit's consequences, duty breaches, …) or for a person (responsibility, measures, referrals) —
//! with the provisions that decide the new outcome. Each change is decided by the ordinary evaluator and
//! the decisions are compared, so a what-if cannot disagree with `eval`.

use crate::compile::Plan;
use crate::eval::decision::{Decision, Key, Part};
use crate::eval::{Detail, build, run};
use crate::lang::Lang;
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::program::*;
use crate::solve::domain::{candidates, constants};

/// One fact changed.
#[derive(Debug, Clone)]
pub struct Change {
    /// `impact`, `conduct.decision_error`, `people.took_part`.
    pub fact: String,
    /// For a field of a list member: the member (list, position).
    pub member: Option<(u16, u32)>,
    /// The fact's type.
    pub ty: Ty,
    /// What the fact is called.
    pub labels: Labels,
    /// Its value in the case.
    pub from: Value,
    /// The value tried.
    pub to: Value,
}

/// One outcome that changes, with the provisions that decide its new value.
#[derive(Debug, Clone)]
pub struct Changed {
    /// The key of the decision, or one member's field of it.
    pub part: Part,
    /// Its value in the decision.
    pub from: Value,
    /// Its value with the change.
    pub to: Value,
    /// The provisions that decide the new value.
    pub provisions: Vec<u16>,
}

/// A change of one fact and the outcomes it changes.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// The change.
    pub change: Change,
    /// What it changes.
    pub outcomes: Vec<Changed>,
}

/// What the rules decide of the case (the keys a conclusion or a definition gives) and of each
/// member (the fields a conclusion gives), with what decided them; the facts the decision echoes
/// are left out.
fn outcomes<'d>(prog: &Program, d: &'d Decision) -> Vec<(Part, Value, &'d [u16])> {
    let decided = |c: Cite| matches!(c, Cite::Conclusion(_) | Cite::Let(_));
    let mut out = vec![];
    for (k, (e, v)) in prog.decision.iter().zip(&d.keys).enumerate() {
        match v {
            // A view's members are not the list's: what changes there shows in the members' own keys.
            Key::List(_) if e.filter.is_some() => {}
            Key::List(members) => {
                for (i, m) in members.iter().enumerate() {
                    for (f, (x, c)) in e.fields.iter().zip(m).enumerate() {
                        if decided(x.cite) {
                            let part = Part::Field { key: k as u16, member: i as u32, field: f as u16 };
                            out.push((part, c.value, &c.by[..]));
                        }
                    }
                }
            }
            Key::One(c) if decided(e.cite) => out.push((Part::Key(k as u16), c.value, &c.by[..])),
            _ => {}
        }
    }
    out
}

/// Every single-fact change that changes an outcome of a decided case.
pub fn what_ifs(prog: &Program, plan: &Plan, decided: &Frame) -> Vec<WhatIf> {
    let consts = constants(prog);
    let first = build(prog, decided, Lang::Zh, Detail::Cited);
    let before = outcomes(prog, &first);
    let mut found = vec![];
    let mut try_change = |change: Change, set: &dyn Fn(&mut Frame)| {
        let mut f = decided.clone();
        set(&mut f);
        run(prog, plan, &mut f);
        let d = build(prog, &f, Lang::Zh, Detail::Cited);
        let changed: Vec<Changed> = before
            .iter()
            .zip(outcomes(prog, &d))
            .filter(|(a, b)| a.1 != b.1)
            .map(|((part, from, _), (_, to, by))| Changed {
                part: *part,
                from: *from,
                to,
                provisions: by.to_vec(),
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
                let change = Change {
                    fact: name.clone(),
                    member: None,
                    ty: fd.ty,
                    labels: fd.labels.clone(),
                    from: now,
                    to,
                };
                try_change(change, &|f: &mut Frame| f.globals[slot] = to);
            }
        }
        if let Some(l) = fact.list {
            let rec = &prog.records[prog.lists[l as usize].record as usize];
            for (i, m) in decided.lists[l as usize].iter().enumerate() {
                for fd in &rec.fields {
                    let now = m.vals[fd.slot as usize];
                    for to in candidates(prog, fd.ty, now, &consts) {
                        let slot = fd.slot as usize;
                        let change = Change {
                            fact: format!("{}.{}", fact.def.name, fd.name),
                            member: Some((l, i as u32)),
                            ty: fd.ty,
                            labels: fd.labels.clone(),
                            from: now,
                            to,
                        };
                        try_change(change, &|f: &mut Frame| f.lists[l as usize][i].vals[slot] = to);
                    }
                }
            }
        }
    }
    found
}
