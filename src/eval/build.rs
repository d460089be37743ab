//! A decided frame → its [`Decision`]. Everything a decision shows is evaluated here, once: the
//! decision's keys and what decided them (`cite.rs`), the layers, the findings' holes, and, when
//! asked, the trace with the values each rule read and where they came from (`trace.rs`).

use super::cite::{cites, rule_status};
use super::decision::*;
use super::trace::entries;
use crate::lang::Lang;
use crate::program::frame::{Frame, Status};
use crate::program::ir::Value;
use crate::program::meaning::{Ctx, eval, operand, truthy};
use crate::program::{Applied, Cite, GuardKind, Program, Scope, Segment, Template, Ty};

/// How much of a decision to build: the output asked for decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Detail {
    /// The keys' values, without the provisions that decided each ([`Cited::by`] left empty):
    /// enough for the decision as JSON or YAML, which cite the provisions applied as a whole
    /// (`articles`), not key by key. Finding them was some 6% of a case's instructions in a batch.
    Values,
    /// Each key's value with the provisions that decided it: what words for people quote.
    #[default]
    Cited,
    /// Also the trace: every rule on every member, with the values it read.
    Traced,
}

/// The decision of a decided frame, built as far as `detail` asks: in the room of a decision
/// this thread gave back with [`recycle`], if there is one.
pub fn build(prog: &Program, f: &Frame, lang: Lang, detail: Detail) -> Decision {
    let mut d = SPARE.with_borrow_mut(Option::take).unwrap_or_default();
    let cx = Ctx::new(&f.globals, &f.lists);
    d.lang = lang;
    d.quote = lang;
    keys(prog, f, &cx, detail >= Detail::Cited, &mut d.keys);
    d.conclusions.clear();
    d.member_values.clear();
    for c in &prog.conclusions {
        d.conclusions.push(match c.scope {
            Scope::Global => Concluded::Case(slot(&f.globals, c.slot)),
            Scope::Member(l) => {
                let start = d.member_values.len() as u32;
                d.member_values.extend(f.lists[l as usize].iter().map(|m| slot(&m.vals, c.slot)));
                Concluded::Members(Slice { start, len: d.member_values.len() as u32 - start })
            }
        });
    }
    layers(prog, &cx, &mut d.layers, &mut d.not_in_force);
    articles(prog, f, &mut d.articles);
    findings(prog, f, &mut d.findings);
    d.trace.clear();
    d.extras.clear();
    d.reads.clear();
    d.definitions.clear();
    names(prog, f, &mut d.names);
    about(prog, f, &mut d.about);
    d.texts.clone_from(&f.texts);
    d.open = None;
    if detail == Detail::Traced {
        entries(prog, f, &mut d);
    }
    d
}

thread_local! {
    /// A decision given back with [`recycle`], for the next [`build`] on this thread.
    static SPARE: std::cell::RefCell<Option<Decision>> = const { std::cell::RefCell::new(None) };
}

/// Gives a decision back once it is written, so that the next one this thread builds fills its
/// vectors again instead of allocating a dozen new ones (a batch builds one a line). A decision
/// of a very large case is let go instead: a thread keeps no more room than usual cases need.
pub fn recycle(d: Decision) {
    if size(&d) <= KEPT {
        SPARE.with_borrow_mut(|s| *s = Some(d));
    }
}

/// The most values, entries and bytes of text a decision given back may hold and be kept (see
/// [`size`]).
const KEPT: usize = 1 << 16;

/// How much a decision holds, roughly: the values of its members' conclusions (as many as its
/// lists' members, which its keys' rows and names follow), its trace, and its texts' bytes.
fn size(d: &Decision) -> usize {
    d.member_values.len()
        + d.names.iter().map(Vec::len).sum::<usize>()
        + d.trace.len()
        + d.reads.len()
        + d.texts.parts().0.len()
}

/// `rows` made `n` long, each row kept (emptied) or new: nested vectors filled again in place.
fn rows<T>(rows: &mut Vec<Vec<T>>, n: usize) {
    rows.truncate(n);
    rows.iter_mut().for_each(Vec::clear);
    rows.resize_with(n, Vec::new);
}

pub(super) fn slot(vals: &[Value], s: u32) -> Value {
    vals.get(s as usize).copied().unwrap_or_default()
}

fn keys(prog: &Program, f: &Frame, cx: &Ctx, by: bool, out: &mut Vec<Key>) {
    let cited = |e: &crate::program::OutEntry, cx: &Ctx, member: Option<usize>| {
        let value = operand(&e.read, cx);
        if !by {
            return Cited { value, by: Cites::new() };
        }
        // A definition that gives nothing was not what decided anything.
        let cite = if value == Value::Null && matches!(e.cite, Cite::Let(_)) { Cite::None } else { e.cite };
        Cited { value, by: cites(prog, f, cite, member) }
    };
    out.truncate(prog.decision.len());
    for (k, e) in prog.decision.iter().enumerate() {
        if k == out.len() {
            out.push(Key::Record(vec![]));
        }
        let key = &mut out[k];
        match e.list {
            Some(l) => {
                if !matches!(key, Key::List(_)) {
                    *key = Key::List(vec![]);
                }
                let Key::List(members) = key else { continue };
                let shown = f.lists[l as usize]
                    .iter()
                    .enumerate()
                    // A view shows only the members for which its conclusion holds.
                    .filter(|(_, m)| {
                        e.filter.is_none_or(|s| {
                            !matches!(
                                m.vals.get(s as usize),
                                None | Some(Value::Null | Value::Bool(false) | Value::Set(0))
                            )
                        })
                    });
                let mut n = 0;
                for (i, m) in shown {
                    if n == members.len() {
                        members.push(vec![]);
                    }
                    let mcx = cx.with(0, &m.vals);
                    members[n].clear();
                    members[n].extend(e.fields.iter().map(|x| cited(x, &mcx, Some(i))));
                    n += 1;
                }
                members.truncate(n);
            }
            None if !e.fields.is_empty() => {
                if !matches!(key, Key::Record(_)) {
                    *key = Key::Record(vec![]);
                }
                let Key::Record(fields) = key else { continue };
                fields.clear();
                fields.extend(e.fields.iter().map(|x| cited(x, cx, None)));
            }
            None => match key {
                Key::One(c) => *c = cited(e, cx, None),
                _ => *key = Key::One(cited(e, cx, None)),
            },
        }
    }
}

/// The layers that decide the case (the base set, and every layer whose guards hold), and those
/// that would but are not in force at its date.
fn layers(prog: &Program, cx: &Ctx, active: &mut Vec<u16>, not_in_force: &mut Vec<u16>) {
    active.clear();
    active.push(0);
    not_in_force.clear();
    for (l, def) in prog.layers.iter().enumerate().skip(1) {
        let holds =
            |kind: GuardKind| def.guards.iter().filter(|g| g.kind == kind).all(|g| truthy(&g.expr, cx));
        match (holds(GuardKind::Applies), holds(GuardKind::InForce)) {
            (true, true) => active.push(l as u16),
            (true, false) => not_in_force.push(l as u16),
            _ => {}
        }
    }
}

/// Every provision with a rule that decided something, in the order of the text: read off the
/// statuses of the rules that won. A rule that says `cite C` adds nothing of its own: what it is
/// cited to is the provisions of the rules that decided `C` (for the same members), and those
/// rules applied, so each is counted here itself.
fn articles(prog: &Program, f: &Frame, out: &mut Vec<u16>) {
    out.clear();
    let mut add = |statuses: &[Status], provisions: &[u16]| {
        for (s, p) in statuses.iter().zip(provisions) {
            if *s == Status::Won && *p != Applied::NONE {
                out.push(*p);
            }
        }
    };
    add(&f.status, &prog.applied.case);
    for (members, provisions) in f.lists.iter().zip(&prog.applied.lists) {
        for m in members {
            add(&m.status, provisions);
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// The values of a template's holes, in each language.
fn holes(t: &Template, cx: &Ctx) -> (Holes, Holes) {
    let fill = |segs: &[Segment]| {
        segs.iter()
            .filter_map(|s| match s {
                Segment::Hole(e, _) => Some(eval(e, cx)),
                Segment::Text(_) => None,
            })
            .collect()
    };
    (fill(&t.zh), fill(&t.en))
}

/// The findings of the rules that applied, then the definitions and conclusions left undecided.
fn findings(prog: &Program, f: &Frame, out: &mut Vec<Finding>) {
    out.clear();
    for (r, rule) in prog.rules.iter().enumerate() {
        let Some(t) = &rule.finding else { continue };
        let mut found = |member: Option<(u16, u32)>, cx: &Ctx| {
            let (zh, en) = holes(t, cx);
            // A finding of each member that names none of them is said once.
            let said = out.iter().any(|x| {
                matches!(&x.kind, FindingKind::Rule { rule: q, zh: z, en: e, .. } if *q == r as u32 && *z == zh && *e == en)
            });
            if said {
                return;
            }
            let kind = FindingKind::Rule { rule: r as u32, member, zh, en };
            out.push(Finding { provision: rule.provision, kind });
        };
        match rule.scope {
            Scope::Global => {
                if rule_status(prog, f, r as u32, None) == Status::Won {
                    found(None, &Ctx::new(&f.globals, &f.lists));
                }
            }
            Scope::Member(l) => {
                for (i, m) in f.lists[l as usize].iter().enumerate() {
                    if m.status.get(rule.status as usize) == Some(&Status::Won) {
                        found(Some((l, i as u32)), &Ctx::new(&f.globals, &f.lists).with(0, &m.vals));
                    }
                }
            }
        }
    }
    for slot in &f.define_conflicts {
        let rules: Vec<u32> = prog
            .defines
            .iter()
            .filter(|g| g.slot == *slot)
            .flat_map(|g| g.rules.iter().copied())
            .filter(|r| f.status.get(prog.rules[*r as usize].status as usize) == Some(&Status::Conflict))
            .collect();
        let first = prog.defines.iter().find(|g| g.slot == *slot).and_then(|g| g.rules.first());
        let provision = first.map_or(0, |r| prog.rules[*r as usize].provision);
        out.push(Finding { provision, kind: FindingKind::Definitions { slot: *slot, rules } });
    }
    for &(c, m) in &f.conflicts {
        let def = &prog.conclusions[c as usize];
        let member = match (def.scope, m) {
            (Scope::Member(l), Some(i)) => Some((l, i as u32)),
            _ => None,
        };
        let provision = def.rules.first().map_or(0, |r| prog.rules[*r as usize].provision);
        out.push(Finding { provision, kind: FindingKind::Conflict { conclusion: c, member } });
    }
}

/// Each list member's name: its record's first text field, when the case gives it.
fn names(prog: &Program, f: &Frame, out: &mut Vec<Vec<Option<u32>>>) {
    rows(out, prog.lists.len());
    for ((l, def), names) in prog.lists.iter().enumerate().zip(out.iter_mut()) {
        let field = prog.records[def.record as usize].fields.iter().find(|x| x.ty == Ty::Text);
        names.extend(f.lists[l].iter().map(|m| match field.map(|x| slot(&m.vals, x.slot)) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }));
    }
}

/// For each list whose record has no text field: each member's first date and first enumeration
/// value, which [`Decision::member_words`] shows.
fn about(prog: &Program, f: &Frame, out: &mut Vec<Vec<[Value; 2]>>) {
    rows(out, prog.lists.len());
    for (l, about) in out.iter_mut().enumerate() {
        if let Some(fields) = prog.describing(l as u16) {
            about.extend(
                f.lists[l].iter().map(|m| fields.map(|x| x.map_or(Value::Null, |x| slot(&m.vals, x.slot)))),
            );
        }
    }
}
