//! Why a decision is what it is: for every rule (and every list member it ran on), whether it
//! fired, on which facts, what overrode it, and — when it did not fire — which element failed.

use super::{Lang, rule_status, show};
use crate::compile::program::{Cite, Program, Scope, Segment, Template};
use crate::eval::expr::{Ctx, eval, truthy};
use crate::eval::{Frame, status};

pub struct Entry {
    pub rule: u32,
    pub member: Option<(u16, usize)>,
    pub status: u8,
    /// The facts and conclusions the condition read, with their values.
    pub facts: Vec<(String, String)>,
    /// For a rule that did not fire: the first element of its condition that was false.
    pub why_not: Option<String>,
    pub overridden_by: Vec<String>,
}

pub fn status_word(s: u8) -> &'static str {
    match s {
        status::NOT_FIRED => "not_applicable",
        status::OVERRIDDEN => "overridden",
        status::LOST => "outranked",
        status::WON => "applied",
        status::CONFLICT => "conflict",
        _ => "not_reached",
    }
}

/// A name for a list member: its first text field, or its position.
pub fn member_name(prog: &Program, f: &Frame, list: u16, i: usize) -> String {
    let rec = &prog.records[prog.lists[list as usize].record as usize];
    let m = &f.lists[list as usize][i];
    rec.fields
        .iter()
        .find(|x| x.ty == crate::compile::program::Ty::Text)
        .and_then(|x| match m.vals.get(x.slot as usize) {
            Some(crate::compile::ir::Value::Text(t)) => f.texts.get(*t as usize).cloned(),
            _ => None,
        })
        .unwrap_or_else(|| format!("{}[{}]", prog.lists[list as usize].name, i + 1))
}

pub fn entries(prog: &Program, f: &Frame, lang: Lang) -> Vec<Entry> {
    let mut out = vec![];
    for (r, rule) in prog.rules.iter().enumerate() {
        let members: Vec<Option<(u16, usize)>> = match rule.scope {
            Scope::Global => vec![None],
            Scope::Member(l) => (0..f.lists[l as usize].len()).map(|i| Some((l, i))).collect(),
        };
        for m in members {
            let st = rule_status(prog, f, r as u32, m.map(|x| x.1));
            let cx = match m {
                Some((l, i)) => Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals),
                None => Ctx::new(&f.globals, &f.lists),
            };
            let facts = rule
                .reads
                .iter()
                .map(|(name, e, ty)| (name.clone(), show(prog, f, *ty, Cite::None, eval(e, &cx), lang)))
                .collect();
            let why_not =
                (st == status::NOT_FIRED).then(|| {
                    rule.conjuncts
                        .iter()
                        .find(|(e, _)| !truthy(e, &cx))
                        .map(|(_, text)| {
                            if lang.en() {
                                format!("`{text}` is false")
                            } else {
                                format!("`{text}` 不成立")
                            }
                        })
                        .unwrap_or_else(|| {
                            if lang.en() {
                                "none of the rules it is an exception to applied".into()
                            } else {
                                "其所例外的规则均未适用".into()
                            }
                        })
                });
            let overridden_by = if st == status::OVERRIDDEN {
                rule.overridden_by
                    .iter()
                    .filter(|e| rule_status(prog, f, **e, m.map(|x| x.1)) == status::WON)
                    .map(|e| prog.rules[*e as usize].id.clone())
                    .collect()
            } else {
                vec![]
            };
            out.push(Entry { rule: r as u32, member: m, status: st, facts, why_not, overridden_by });
        }
    }
    out
}

/// The findings of the rules that applied: (provision, text).
pub fn findings(prog: &Program, f: &Frame, lang: Lang) -> Vec<(u16, String)> {
    let mut out = vec![];
    for (r, rule) in prog.rules.iter().enumerate() {
        let Some(t) = &rule.finding else { continue };
        match rule.scope {
            Scope::Global => {
                if rule_status(prog, f, r as u32, None) == status::WON {
                    out.push((rule.provision, fill(prog, f, t, &Ctx::new(&f.globals, &f.lists), lang)));
                }
            }
            Scope::Member(l) => {
                for i in 0..f.lists[l as usize].len() {
                    if rule_status(prog, f, r as u32, Some(i)) == status::WON {
                        let cx = Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals);
                        out.push((rule.provision, fill(prog, f, t, &cx, lang)));
                    }
                }
            }
        }
    }
    for (c, m) in &f.conflicts {
        let name = &prog.conclusions[*c as usize].labels;
        let who = m.map(|i| match prog.conclusions[*c as usize].scope {
            Scope::Member(l) => member_name(prog, f, l, i),
            Scope::Global => String::new(),
        });
        let text = match lang {
            Lang::Zh => format!(
                "{}{}：规则结论相互冲突且无优先关系，不作决定。",
                who.unwrap_or_default(),
                name.get(false)
            ),
            Lang::En => format!(
                "{} {}: rules conclude differently with no precedence; not decided.",
                who.unwrap_or_default(),
                name.get(true)
            ),
        };
        out.push((
            prog.conclusions[*c as usize].rules.first().map_or(0, |r| prog.rules[*r as usize].provision),
            text,
        ));
    }
    out
}

fn fill(prog: &Program, f: &Frame, t: &Template, cx: &Ctx, lang: Lang) -> String {
    let segs = if lang.en() { &t.en } else { &t.zh };
    let mut s = String::new();
    for seg in segs {
        match seg {
            Segment::Text(x) => s += x,
            Segment::Hole(e, ty) => s += &show(prog, f, *ty, Cite::None, eval(e, cx), lang),
        }
    }
    s
}
