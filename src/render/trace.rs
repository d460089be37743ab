//! Why a decision is what it is: for every rule (and every list member it ran on), whether it
//! fired, on which facts, what overrode it, and — when it did not fire — which element failed.
//! Entries are small and computed on demand, so rendering a trace allocates nothing per entry.

use super::{Lang, rule_status, show_into};
use crate::program::frame::{Frame, Status};
use crate::program::ir::Value;
use crate::program::meaning::{Ctx, eval, truthy};
use crate::program::{Cite, Program, Scope, Segment, Template, Ty};

/// One rule on one case (member rules: on one member).
#[derive(Clone, Copy)]
pub struct Entry {
    pub rule: u32,
    pub member: Option<(u16, usize)>,
    pub status: Status,
}

/// Why a rule did not fire.
pub enum WhyNot<'p> {
    /// This element of its condition was false (its source text).
    False(&'p str),
    /// It is an exception and none of the rules it is an exception to applied.
    NoTarget,
    /// It is a definition that gives the fact's default value.
    Default,
}

impl Entry {
    fn ctx<'f>(&self, f: &'f Frame) -> Ctx<'f> {
        match self.member {
            Some((l, i)) => Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals),
            None => Ctx::new(&f.globals, &f.lists),
        }
    }

    /// The facts and conclusions the condition read: (name, type, value, what it cites). Only a
    /// set of provisions needs what it cites (to show its members); others cite nothing here.
    pub fn facts<'p>(
        &self,
        prog: &'p Program,
        f: &Frame,
    ) -> impl Iterator<Item = (&'p str, Ty, Value, Cite)> {
        let cx = self.ctx(f);
        let reads = &prog.rules[self.rule as usize].reads;
        reads.iter().map(move |r| {
            let cite = if r.ty == Ty::SetOfProvision { super::cite_of(prog, &r.expr) } else { Cite::None };
            (r.name.as_str(), r.ty, eval(&r.expr, &cx), cite)
        })
    }

    /// For a rule that did not fire: the first element of its condition that was false.
    pub fn why_not<'p>(&self, prog: &'p Program, f: &Frame) -> Option<WhyNot<'p>> {
        if self.status != Status::NotFired {
            return None;
        }
        let cx = self.ctx(f);
        let rule = &prog.rules[self.rule as usize];
        Some(match rule.conjuncts.iter().find(|c| !truthy(&c.expr, &cx)) {
            Some(c) => WhyNot::False(&c.text),
            None if rule.defines.is_some() => WhyNot::Default,
            None => WhyNot::NoTarget,
        })
    }

    /// For an `up`/`down` rule that applied: the conclusion's value before and after it moved.
    pub fn moved(&self, prog: &Program, f: &Frame) -> Option<(Ty, Value, Value)> {
        let rule = &prog.rules[self.rule as usize];
        if rule.step == 0 || self.status != Status::Won {
            return None;
        }
        let c = &prog.conclusions[rule.target? as usize];
        let vals = match self.member {
            Some((l, i)) => &f.lists[l as usize][i].vals,
            None => &f.globals,
        };
        Some((c.ty, *vals.get(c.base_slot? as usize)?, *vals.get(c.slot as usize)?))
    }

    /// For a definition that decided its fact: the fact's type and the value it now has.
    pub fn defined(&self, prog: &Program, f: &Frame) -> Option<(Ty, Value)> {
        let slot = prog.rules[self.rule as usize].defines?;
        if self.status != Status::Won {
            return None;
        }
        let ty = prog
            .facts
            .iter()
            .flat_map(|x| std::iter::once(&x.def).chain(x.fields.iter()))
            .find(|x| x.slot == slot)?
            .ty;
        Some((ty, *f.globals.get(slot as usize)?))
    }

    /// For an overridden rule: the ids of the exceptions that overrode it (that applied, even if
    /// overridden in turn).
    pub fn overridden_by<'p>(&self, prog: &'p Program, f: &Frame) -> Vec<&'p str> {
        if self.status != Status::Overridden {
            return vec![];
        }
        let member = self.member.map(|x| x.1);
        prog.rules[self.rule as usize]
            .overridden_by
            .iter()
            .filter(|e| rule_status(prog, f, **e, member).fired())
            .map(|e| prog.rules[*e as usize].id.as_str())
            .collect()
    }
}

impl WhyNot<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let (before, t, after) = self.parts(lang);
        [before, t, after].concat()
    }

    /// The text in three pieces (fixed words, the condition's text, fixed words), so that it can
    /// be written out without building it first.
    pub fn parts(&self, lang: Lang) -> (&'static str, &str, &'static str) {
        match (self, lang) {
            (WhyNot::False(t), Lang::Zh) => ("`", t, "` 不成立"),
            (WhyNot::False(t), Lang::En) => ("`", t, "` is false"),
            (WhyNot::NoTarget, Lang::Zh) => ("其所例外的规则均未适用", "", ""),
            (WhyNot::NoTarget, Lang::En) => ("none of the rules it is an exception to applied", "", ""),
            (WhyNot::Default, Lang::Zh) => ("按本定义，该事实取其默认值", "", ""),
            (WhyNot::Default, Lang::En) => ("by this definition the fact keeps its default value", "", ""),
        }
    }
}

pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::NotFired => "not_applicable",
        Status::Overridden => "overridden",
        Status::Lost => "outranked",
        Status::Won => "applied",
        Status::Conflict => "conflict",
        Status::Given => "given_by_case",
        Status::Unseen => "not_reached",
    }
}

/// A name for a list member: its first text field, or its position.
pub fn member_name(prog: &Program, f: &Frame, list: u16, i: usize) -> String {
    let rec = &prog.records[prog.lists[list as usize].record as usize];
    let m = &f.lists[list as usize][i];
    rec.fields
        .iter()
        .find(|x| x.ty == Ty::Text)
        .and_then(|x| match m.vals.get(x.slot as usize) {
            Some(Value::Text(t)) => f.texts.get(*t as usize).cloned(),
            _ => None,
        })
        .unwrap_or_else(|| format!("{}[{}]", prog.lists[list as usize].name, i + 1))
}

/// Every rule on every member it ran on, in the order of the text.
pub fn entries<'a>(prog: &'a Program, f: &'a Frame) -> impl Iterator<Item = Entry> + 'a {
    prog.rules.iter().enumerate().flat_map(move |(r, rule)| {
        let (list, n) = match rule.scope {
            Scope::Global => (None, 1),
            Scope::Member(l) => (Some(l), f.lists[l as usize].len()),
        };
        (0..n).map(move |i| {
            let member = list.map(|l| (l, i));
            Entry { rule: r as u32, member, status: rule_status(prog, f, r as u32, member.map(|x| x.1)) }
        })
    })
}

/// The findings of the rules that applied: (provision, text).
pub fn findings(prog: &Program, f: &Frame, lang: Lang) -> Vec<(u16, String)> {
    let mut out = vec![];
    for (r, rule) in prog.rules.iter().enumerate() {
        let Some(t) = &rule.finding else { continue };
        match rule.scope {
            Scope::Global => {
                if rule_status(prog, f, r as u32, None) == Status::Won {
                    out.push((rule.provision, fill(prog, f, t, &Ctx::new(&f.globals, &f.lists), lang)));
                }
            }
            Scope::Member(l) => {
                for i in 0..f.lists[l as usize].len() {
                    if rule_status(prog, f, r as u32, Some(i)) == Status::Won {
                        let cx = Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals);
                        out.push((rule.provision, fill(prog, f, t, &cx, lang)));
                    }
                }
            }
        }
    }
    for slot in &f.define_conflicts {
        let rules = prog.defines.iter().filter(|g| g.slot == *slot).flat_map(|g| g.rules.iter());
        let ids: Vec<&str> = rules
            .filter(|r| f.status.get(prog.rules[**r as usize].status as usize) == Some(&Status::Conflict))
            .map(|r| prog.rules[*r as usize].id.as_str())
            .collect();
        let name = prog
            .facts
            .iter()
            .find_map(|x| {
                if x.def.slot == *slot {
                    return Some(x.def.name.clone());
                }
                x.fields.iter().find(|y| y.slot == *slot).map(|y| format!("{}.{}", x.def.name, y.name))
            })
            .unwrap_or_default();
        let text = match lang {
            Lang::Zh => format!(
                "对“{name}”的定义（{}）相互冲突且无优先关系，不作认定，按未成立处理。",
                ids.join("、")
            ),
            Lang::En => format!(
                "The definitions of `{name}` ({}) disagree with no precedence: it is not established.",
                ids.join(", ")
            ),
        };
        let first = prog.defines.iter().find(|g| g.slot == *slot).and_then(|g| g.rules.first());
        out.push((first.map_or(0, |r| prog.rules[*r as usize].provision), text));
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

/// The finding of a rule that applied, filled in for the entry's member.
pub fn finding_of(prog: &Program, f: &Frame, t: &Entry, lang: Lang) -> Option<String> {
    let tpl = prog.rules[t.rule as usize].finding.as_ref()?;
    Some(fill(prog, f, tpl, &t.ctx(f), lang))
}

fn fill(prog: &Program, f: &Frame, t: &Template, cx: &Ctx, lang: Lang) -> String {
    let segs = if lang.en() { &t.en } else { &t.zh };
    let mut s = String::new();
    for seg in segs {
        match seg {
            Segment::Text(x) => s += x,
            Segment::Hole(e, ty) => show_into(&mut s, prog, f, *ty, Cite::None, eval(e, cx), lang),
        }
    }
    s
}
