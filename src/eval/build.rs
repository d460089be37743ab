//! A decided frame → its [`Decision`]. Everything a decision shows is evaluated here, once: the
//! decision's keys and what decided them, the layers, the findings' holes, and, when asked, the
//! trace with the values each rule read and where they came from.

use super::decision::*;
use crate::lang::Lang;
use crate::program::frame::{Frame, Status};
use crate::program::ir::{Expr, QuantKind, Value};
use crate::program::meaning::{Ctx, eval, operand, truthy};
use crate::program::{Cite, GuardKind, Program, Read, ReadSource, Scope, Segment, Template, Ty};

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

/// The decision of a decided frame, built as far as `detail` asks.
pub fn build(prog: &Program, f: &Frame, lang: Lang, detail: Detail) -> Decision {
    let cx = Ctx::new(&f.globals, &f.lists);
    let members = |c: &crate::program::Conclusion| match c.scope {
        Scope::Global => 0,
        Scope::Member(l) => f.lists[l as usize].len(),
    };
    let mut member_values = Vec::with_capacity(prog.conclusions.iter().map(members).sum());
    let mut d = Decision {
        lang,
        quote: lang,
        keys: keys(prog, f, &cx, detail >= Detail::Cited),
        conclusions: prog
            .conclusions
            .iter()
            .map(|c| match c.scope {
                Scope::Global => Concluded::Case(slot(&f.globals, c.slot)),
                Scope::Member(l) => {
                    let start = member_values.len() as u32;
                    member_values.extend(f.lists[l as usize].iter().map(|m| slot(&m.vals, c.slot)));
                    Concluded::Members(Slice { start, len: member_values.len() as u32 - start })
                }
            })
            .collect(),
        member_values,
        layers: vec![],
        not_in_force: vec![],
        articles: articles(prog, f),
        findings: findings(prog, f),
        trace: vec![],
        extras: vec![],
        reads: vec![],
        definitions: vec![],
        names: names(prog, f),
        about: about(prog, f),
        texts: f.texts.clone(),
        open: None,
    };
    (d.layers, d.not_in_force) = layers(prog, &cx);
    if detail == Detail::Traced {
        entries(prog, f, &mut d);
    }
    d
}

fn slot(vals: &[Value], s: u32) -> Value {
    vals.get(s as usize).copied().unwrap_or_default()
}

/// A rule's status on a case (a rule about each member: for the given member).
pub fn rule_status(prog: &Program, f: &Frame, r: u32, member: Option<usize>) -> Status {
    let rule = &prog.rules[r as usize];
    match (rule.scope, member) {
        (Scope::Global, _) => f.status.get(rule.status as usize).copied().unwrap_or_default(),
        (Scope::Member(l), Some(i)) => f
            .lists
            .get(l as usize)
            .and_then(|m| m.get(i))
            .and_then(|m| m.status.get(rule.status as usize))
            .copied()
            .unwrap_or_default(),
        (Scope::Member(_), None) => Status::Unseen,
    }
}

/// The provisions whose rules decided a value: a conclusion's rules that applied (for one member,
/// or for the case), or a definition's provision.
fn cites(prog: &Program, f: &Frame, cite: Cite, member: Option<usize>) -> Cites {
    let mut out = Cites::new();
    each_cite(prog, f, cite, member, &mut |p| out.push(p));
    out.sort_unstable();
    out.dedup();
    out
}

/// Each provision of [`cites`], as it is found (some more than once).
fn each_cite(prog: &Program, f: &Frame, cite: Cite, member: Option<usize>, out: &mut impl FnMut(u16)) {
    match cite {
        Cite::None => {}
        Cite::Let(l) => prog.lets[l as usize].provision.into_iter().for_each(out),
        Cite::Conclusion(c) => {
            for &r in &prog.conclusions[c as usize].rules {
                if rule_status(prog, f, r, member) == Status::Won {
                    rule_cites(prog, f, r, member, out);
                }
            }
        }
    }
}

/// What a rule that applied is cited to: its own provision, or, for a rule that says `cite C`,
/// whatever decided `C` (for the same member, when `C` is about each member).
fn rule_cites(prog: &Program, f: &Frame, r: u32, member: Option<usize>, out: &mut impl FnMut(u16)) {
    let rule = &prog.rules[r as usize];
    match (rule.cites, member) {
        // A rule about the case citing a conclusion about each member: what decided it for the
        // members whose value is the one the rule gave (the highest rung, say).
        (Some(c), None) if prog.conclusions[c as usize].scope != Scope::Global => {
            let def = &prog.conclusions[c as usize];
            let Scope::Member(l) = def.scope else { return };
            let given = rule.target.map(|t| f.globals[prog.conclusions[t as usize].slot as usize]);
            for (i, m) in f.lists[l as usize].iter().enumerate() {
                if Some(m.vals[def.slot as usize]) == given {
                    each_cite(prog, f, Cite::Conclusion(c), Some(i), out);
                }
            }
        }
        (Some(c), _) => {
            let member = if prog.conclusions[c as usize].scope == Scope::Global { None } else { member };
            each_cite(prog, f, Cite::Conclusion(c), member, out);
        }
        (None, _) => out(rule.provision),
    }
}

fn keys(prog: &Program, f: &Frame, cx: &Ctx, by: bool) -> Vec<Key> {
    let cited = |e: &crate::program::OutEntry, cx: &Ctx, member: Option<usize>| {
        let value = operand(&e.read, cx);
        if !by {
            return Cited { value, by: Cites::new() };
        }
        // A definition that gives nothing was not what decided anything.
        let cite = if value == Value::Null && matches!(e.cite, Cite::Let(_)) { Cite::None } else { e.cite };
        Cited { value, by: cites(prog, f, cite, member) }
    };
    prog.decision
        .iter()
        .map(|e| match e.list {
            Some(l) => Key::List(
                f.lists[l as usize]
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
                    })
                    .map(|(i, m)| {
                        let mcx = cx.with(0, &m.vals);
                        e.fields.iter().map(|x| cited(x, &mcx, Some(i))).collect()
                    })
                    .collect(),
            ),
            None if !e.fields.is_empty() => {
                Key::Record(e.fields.iter().map(|x| cited(x, cx, None)).collect())
            }
            None => Key::One(cited(e, cx, None)),
        })
        .collect()
}

/// The layers that decide the case (the base set, and every layer whose guards hold), and those
/// that would but are not in force at its date.
fn layers(prog: &Program, cx: &Ctx) -> (Vec<u16>, Vec<u16>) {
    let (mut active, mut not_in_force) = (vec![0], vec![]);
    for (l, def) in prog.layers.iter().enumerate().skip(1) {
        let holds =
            |kind: GuardKind| def.guards.iter().filter(|g| g.kind == kind).all(|g| truthy(&g.expr, cx));
        match (holds(GuardKind::Applies), holds(GuardKind::InForce)) {
            (true, true) => active.push(l as u16),
            (true, false) => not_in_force.push(l as u16),
            _ => {}
        }
    }
    (active, not_in_force)
}

/// Every provision with a rule that decided something (a rule that cites a conclusion: what
/// decided it), in the order of the text.
fn articles(prog: &Program, f: &Frame) -> Vec<u16> {
    let mut hit = vec![false; prog.provisions.len()];
    for (r, rule) in prog.rules.iter().enumerate() {
        let (list, n) = match rule.scope {
            Scope::Global => (None, 1),
            Scope::Member(l) => (Some(l), f.lists[l as usize].len()),
        };
        for i in 0..n {
            let m = list.map(|_| i);
            if rule_status(prog, f, r as u32, m) == Status::Won {
                rule_cites(prog, f, r as u32, m, &mut |p| hit[p as usize] = true);
            }
        }
    }
    (0..prog.provisions.len() as u16).filter(|p| hit[*p as usize]).collect()
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
fn findings(prog: &Program, f: &Frame) -> Vec<Finding> {
    let mut out: Vec<Finding> = vec![];
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
                    if rule_status(prog, f, r as u32, Some(i)) == Status::Won {
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
    out
}

/// Each list member's name: its record's first text field, when the case gives it.
fn names(prog: &Program, f: &Frame) -> Vec<Vec<Option<u32>>> {
    prog.lists
        .iter()
        .enumerate()
        .map(|(l, def)| {
            let field = prog.records[def.record as usize].fields.iter().find(|x| x.ty == Ty::Text);
            f.lists[l]
                .iter()
                .map(|m| match field.map(|x| slot(&m.vals, x.slot)) {
                    Some(Value::Text(t)) => Some(t),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// For each list whose record has no text field: each member's first date and first enumeration
/// value, which [`Decision::member_words`] shows.
fn about(prog: &Program, f: &Frame) -> Vec<Vec<[Value; 2]>> {
    (0..prog.lists.len())
        .map(|l| match prog.describing(l as u16) {
            None => vec![],
            Some(fields) => f.lists[l]
                .iter()
                .map(|m| fields.map(|x| x.map_or(Value::Null, |x| slot(&m.vals, x.slot))))
                .collect(),
        })
        .collect()
}

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
fn entries(prog: &Program, f: &Frame, d: &mut Decision) {
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
