//! Cases with unknown facts: the case is decided under every possible answer; what all answers
//! agree on is decided, the rest is undecided, and the questions to ask are the unknown facts
//! whose answer changes the outcome, each with the outcomes its answers lead to.

use super::build::{Detail, build};
use super::decision::*;
use super::run::run;
use crate::compile::Plan;
use crate::lang::Lang;
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::program::{Program, Ty};
use crate::solve::domain::{candidates, constants};

/// At most this many combinations of answers are tried.
pub const MAX_COMBINATIONS: usize = 4096;
/// At most this many people decided over all the combinations tried (a case of 1,000 people is
/// tried under 32 combinations, not 4,096: the work and the outcomes kept stay bounded).
pub const MAX_PEOPLE_DECIDED: usize = 1 << 15;

/// The decision of a case with unknown facts: the decision every answer agrees on, with what
/// depends on the answers (`Decision::open`).
pub fn decide(prog: &Program, plan: &Plan, case: &Frame, lang: Lang) -> Decision {
    let consts = constants(prog);
    let answers: Vec<Vec<Value>> =
        case.unknown.iter().map(|u| candidates(prog, u.ty, Value::Null, &consts)).collect();
    // Saturating: 32 people with unknown facts have more combinations than a `usize` holds.
    let total = answers.iter().fold(1usize, |n, a| n.saturating_mul(a.len().max(1)));
    // Each combination of answers tried, and which outcome it led to; many lead to the same one.
    let mut tried: Vec<(Vec<usize>, u32)> = vec![];
    let mut outcomes: Vec<Decision> = vec![];
    let mut idx = vec![0usize; answers.len()];
    let people: usize = case.lists.iter().map(Vec::len).sum();
    let tries = total.min(MAX_COMBINATIONS).min((MAX_PEOPLE_DECIDED / people.max(1)).max(1));
    for _ in 0..tries {
        let mut f = case.clone();
        for (k, u) in case.unknown.iter().enumerate() {
            let v = answers[k].get(idx[k]).copied().unwrap_or(Value::Null);
            match u.member {
                Some((l, i)) => f.lists[l as usize][i].vals[u.slot as usize] = v,
                None => f.globals[u.slot as usize] = v,
            }
        }
        run(prog, plan, &mut f);
        let d = build(prog, &f, lang, Detail::Cited);
        let o = outcomes.iter().position(|x| *x == d).unwrap_or_else(|| {
            outcomes.push(d);
            outcomes.len() - 1
        });
        tried.push((idx.clone(), o as u32));
        for (k, a) in idx.iter_mut().zip(&answers) {
            *k += 1;
            if *k < a.len() {
                break;
            }
            *k = 0;
        }
    }
    let first = tried.first().map_or(0, |t| t.1) as usize;
    let Some(mut out) = outcomes.get(first).cloned() else {
        // No combination: nothing was tried (cannot happen, one at least is).
        return build(prog, case, lang, Detail::Cited);
    };
    let parts = parts(prog, &out);
    let outcome = |n: usize| &outcomes[tried[n].1 as usize];
    let undecided: Vec<Part> =
        parts.into_iter().filter(|p| (1..tried.len()).any(|n| !same(outcome(n), outcome(0), *p))).collect();
    let mut questions = vec![];
    for (k, _) in case.unknown.iter().enumerate() {
        let mut per_answer = vec![];
        for (j, v) in answers[k].iter().enumerate() {
            let mut then = vec![];
            // The outcome itself; which provisions and findings follow is in each decision.
            for p in undecided.iter().filter(|p| !matches!(p, Part::Articles | Part::Findings | Part::Notes))
            {
                let mut seen: Vec<u32> = vec![];
                for (asg, o) in &tried {
                    let known = seen.iter().any(|s| same(&outcomes[*s as usize], &outcomes[*o as usize], *p));
                    if asg[k] == j && !known {
                        seen.push(*o);
                    }
                }
                then.push((*p, seen));
            }
            per_answer.push(Answer { value: *v, then });
        }
        // Whether the answer matters: some answer leads elsewhere than the first.
        let matters = per_answer.iter().any(|a| !same_then(&outcomes, a, &per_answer[0]));
        if matters {
            questions.push(Question { fact: k as u32, answers: per_answer });
        }
    }
    let unknown = case
        .unknown
        .iter()
        .map(|u| UnknownFact {
            name: u.name.clone(),
            member: u.member.map(|(l, i)| (l, i as u32)),
            slot: u.slot,
            ty: u.ty,
        })
        .collect();
    out.open = Some(Box::new(Open {
        unknown,
        undecided,
        combinations: total,
        tried: tried.len(),
        outcomes,
        questions,
    }));
    out
}

/// The parts of a decision, in its order: each key (a list of named members, each member's
/// fields but its name), then the layers, their digests, the notes, the provisions applied and
/// the findings.
pub fn parts(prog: &Program, d: &Decision) -> Vec<Part> {
    let mut out = vec![];
    for (k, (e, v)) in prog.decision.iter().zip(&d.keys).enumerate() {
        match (v, name_field(prog, e)) {
            (Key::List(members), Some(name)) if !members.is_empty() => {
                for i in 0..members.len() as u32 {
                    for f in (0..e.fields.len() as u16).filter(|f| *f != name) {
                        out.push(Part::Field { key: k as u16, member: i, field: f });
                    }
                }
            }
            _ => out.push(Part::Key(k as u16)),
        }
    }
    out.extend([Part::Layers, Part::Digests, Part::Notes, Part::Articles, Part::Findings]);
    out
}

/// Among a list key's fields, the one that names its members (the record's first text field).
pub fn name_field(prog: &Program, e: &crate::program::OutEntry) -> Option<u16> {
    let list = e.list?;
    let rec = &prog.records[prog.lists[list as usize].record as usize];
    let field = rec.fields.iter().find(|x| x.ty == Ty::Text)?;
    e.fields.iter().position(|x| x.key == field.name).map(|p| p as u16)
}

/// Whether two decisions (of the same case, under one program) agree on a part; only values are
/// compared, not what decided them.
pub fn same(a: &Decision, b: &Decision, p: Part) -> bool {
    let values =
        |x: &[Cited], y: &[Cited]| x.len() == y.len() && x.iter().zip(y).all(|(x, y)| x.value == y.value);
    match p {
        Part::Key(k) => match (a.keys.get(k as usize), b.keys.get(k as usize)) {
            (Some(Key::One(x)), Some(Key::One(y))) => x.value == y.value,
            (Some(Key::Record(x)), Some(Key::Record(y))) => values(x, y),
            (Some(Key::List(x)), Some(Key::List(y))) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| values(x, y))
            }
            _ => false,
        },
        Part::Field { .. } => a.field_value(p) == b.field_value(p),
        Part::Layers | Part::Digests => a.layers == b.layers,
        Part::Notes => a.not_in_force == b.not_in_force,
        Part::Articles => a.articles == b.articles,
        Part::Findings => a.findings == b.findings,
    }
}

/// Whether two answers lead to the same outcomes, part by part.
fn same_then(outcomes: &[Decision], a: &Answer, b: &Answer) -> bool {
    a.then.len() == b.then.len()
        && a.then.iter().zip(&b.then).all(|((p, x), (_, y))| {
            x.len() == y.len()
                && x.iter().zip(y).all(|(i, j)| same(&outcomes[*i as usize], &outcomes[*j as usize], *p))
        })
}
