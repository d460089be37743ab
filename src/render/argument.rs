//! The decision as a legal argument, as data in the reader's language: for each conclusion (and
//! each person's), what was found (经查), the provision and the clause it falls under (属于……规定的
//! 情形), what follows (依据……), and the provisions a reader would ask about that did not apply,
//! each with the element that failed. `--explain` prints it (`explain.rs`); `--format json
//! --explain` carries it as `argument`.

use super::cite::cite;
use super::words::{self};
use super::{Lang, show};
use crate::eval::decision::{Decision, Entry, WhyNot};
use crate::program::frame::Status;
use crate::program::ir::{Expr, Value};
use crate::program::{Cite, Program, Scope, Step, Ty};

mod follows;
mod found;
use follows::follows;
use found::found;

/// One part of the argument: a conclusion for the case or for one member.
pub struct Block {
    /// 【刘建华 · 责任追究方式：诫勉】
    pub heading: String,
    /// The reasons, one for each provision that decided it.
    pub reasons: Vec<Reason>,
    /// The provisions that did not apply, where a reader would ask.
    pub why_not: Vec<WhyNotLine>,
}

/// What one provision decided, and on what.
pub struct Reason {
    /// The facts found, each in words, with where it came from when not from the case.
    pub found: Vec<String>,
    /// The provision, cited.
    pub provision: String,
    /// The words of it that apply.
    pub quote: String,
    /// What follows from it.
    pub follows: String,
}

/// A provision that did not apply: the element that failed, and the facts it read.
pub struct WhyNotLine {
    /// The provision, cited.
    pub provision: String,
    /// The element, in words.
    pub element: String,
    /// The words of the provision the rule encodes, when it quotes them.
    pub clause: Option<String>,
    /// What it read.
    pub found: Vec<String>,
}

/// The argument of a decided case (its trace kept).
pub fn argument(prog: &Program, d: &Decision) -> Vec<Block> {
    let mut out = vec![];
    let defs: Vec<&Entry> = d
        .trace
        .iter()
        .filter(|t| prog.rules[t.rule as usize].defines.is_some() && t.status != Status::NotFired)
        .collect();
    if !defs.is_empty() {
        let en = d.lang.en();
        let reasons = defs.iter().map(|t| reason(prog, d, t)).collect();
        let heading = if en { "[definitions of implementing rules]" } else { "【实施细则的定义】" };
        out.push(Block { heading: heading.into(), reasons, why_not: vec![] });
    }
    let shown = shown(prog);
    let mut members_done = vec![];
    for step in &prog.steps {
        let Step::Conclusion(c) = *step else { continue };
        if !shown.contains(&c) {
            continue;
        }
        match prog.conclusions[c as usize].scope {
            Scope::Global => out.extend(block(prog, d, c, None)),
            // Each member's conclusions together, in the order they are decided.
            Scope::Member(l) if !members_done.contains(&l) => {
                members_done.push(l);
                let of_list: Vec<u32> = prog
                    .steps
                    .iter()
                    .filter_map(|s| match s {
                        Step::Conclusion(k) if prog.conclusions[*k as usize].scope == Scope::Member(l) => {
                            Some(*k)
                        }
                        _ => None,
                    })
                    .filter(|k| shown.contains(k))
                    .collect();
                for i in 0..d.names.get(l as usize).map_or(0, Vec::len) as u32 {
                    for k in &of_list {
                        out.extend(block(prog, d, *k, Some((l, i))));
                    }
                }
            }
            Scope::Member(_) => {}
        }
    }
    out
}

/// The conclusions a decision shows (its keys, their fields, views and composites).
fn shown(prog: &Program) -> Vec<u32> {
    let mut out = vec![];
    for e in &prog.decision {
        for x in std::iter::once(e).chain(&e.fields) {
            if let Cite::Conclusion(c) = x.cite {
                out.push(c);
            }
        }
        if let Some(slot) = e.filter {
            let view = prog
                .conclusions
                .iter()
                .position(|c| e.list.is_some_and(|l| c.scope == Scope::Member(l)) && c.slot == slot);
            out.extend(view.map(|c| c as u32));
        }
    }
    out
}

/// Who a member is, in words: a person by name, another member by its list and number.
fn subject(prog: &Program, d: &Decision, member: Option<(u16, u32)>, lang: Lang) -> String {
    let Some((l, i)) = member else { return String::new() };
    d.member_words(prog, l, i, lang.en()).into_owned()
}

fn block(prog: &Program, d: &Decision, c: u32, member: Option<(u16, u32)>) -> Option<Block> {
    let def = &prog.conclusions[c as usize];
    let lang = d.lang;
    let en = lang.en();
    let entries: Vec<&Entry> = d
        .trace
        .iter()
        .filter(|t| prog.rules[t.rule as usize].target == Some(c) && t.member == member)
        .collect();
    let won: Vec<&&Entry> = entries.iter().filter(|t| t.status == Status::Won).collect();
    let v = d.conclusion(c, member.map(|m| m.1));
    if won.is_empty() && v == Value::Null {
        return None;
    }
    let value = show(prog, d, def.ty, Cite::Conclusion(c), v, lang);
    let who = subject(prog, d, member, lang);
    let sep = if en { ": " } else { "：" };
    let heading = match member {
        Some(_) => format!("【{who} · {}{sep}{value}】", def.labels.get(en)),
        None => format!("【{}{sep}{value}】", def.labels.get(en)),
    };
    let reasons: Vec<Reason> = won.iter().map(|t| reason(prog, d, t)).collect();
    let mut why_not = vec![];
    // Why not the next rung up: the rules of a scale that would give a higher value.
    if let (Ty::Enum(e), Value::Sym(now)) = (def.ty, v)
        && prog.enums[e as usize].scale
    {
        let ranks = &prog.enums[e as usize].bit;
        let rank = |s: u16| ranks.get(s as usize).copied().unwrap_or(0);
        let mut seen = vec![];
        for t in entries.iter().filter(|t| t.status == Status::NotFired) {
            let rule = &prog.rules[t.rule as usize];
            if let Some(Expr::Const(Value::Sym(s))) = &rule.value
                && rank(*s) > rank(now)
                && !seen.contains(&rule.provision)
            {
                seen.push(rule.provision);
                why_not.extend(why_not_line(prog, d, t));
            }
        }
    }
    // Nothing applied (the value is what the policy gives when no rule does): why each rule did
    // not, by its element that failed (why no circumstance of 11 ¶1 holds).
    // For the case's own conclusions; a person's follow from them. An element that reads no
    // fact of the case (a part the case does not give) says nothing to the reader.
    if won.is_empty() && member.is_none() {
        for t in entries.iter().filter(|t| t.status == Status::NotFired) {
            why_not.extend(why_not_line(prog, d, t).filter(|w| !w.found.is_empty()));
        }
    }
    // Why none: the exceptions to the rule that decided that did not apply.
    for t in &won {
        for x in &prog.rules[t.rule as usize].overridden_by {
            if let Some(e) = d.entry(*x, member).filter(|e| e.status == Status::NotFired) {
                why_not.extend(why_not_line(prog, d, e));
            }
        }
    }
    // The same element failing for several rules is said once.
    let mut seen: Vec<(String, String)> = vec![];
    why_not.retain(|w| {
        let key = (w.provision.clone(), w.element.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    // A provision is named by its clause only where the block also applied it (11 ¶2's objection
    // clause beside its collective sentence); elsewhere the article alone says which.
    for w in &mut why_not {
        if !reasons.iter().any(|r| r.provision == w.provision) {
            w.clause = None;
        }
    }
    if reasons.is_empty() && why_not.is_empty() {
        return None;
    }
    Some(Block { heading, reasons, why_not })
}

/// The provisions a rule that applied is cited to: its own, or what decided what it cites.
fn cited(prog: &Program, d: &Decision, t: &Entry) -> Vec<u16> {
    let rule = &prog.rules[t.rule as usize];
    let Some(c) = rule.cites else { return vec![rule.provision] };
    let def = &prog.conclusions[c as usize];
    // A rule about the case citing a conclusion about each member: the members whose value is
    // the one the rule gave.
    let members: Vec<Option<(u16, u32)>> = match (def.scope, t.member) {
        (Scope::Global, _) => vec![None],
        (Scope::Member(_), Some(m)) => vec![Some(m)],
        (Scope::Member(l), None) => {
            let given = rule.target.map(|k| d.conclusion(k, None));
            (0..d.names.get(l as usize).map_or(0, Vec::len) as u32)
                .filter(|i| Some(d.conclusion(c, Some(*i))) == given)
                .map(|i| Some((l, i)))
                .collect()
        }
    };
    let mut out: Vec<u16> = d
        .trace
        .iter()
        .filter(|x| {
            prog.rules[x.rule as usize].target == Some(c)
                && members.contains(&x.member)
                && x.status == Status::Won
        })
        .flat_map(|x| cited(prog, d, x))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn reason(prog: &Program, d: &Decision, t: &Entry) -> Reason {
    let rule = &prog.rules[t.rule as usize];
    let lang = d.lang;
    let en = lang.en();
    let provisions = cited(prog, d, t);
    let list: Vec<String> = provisions.iter().map(|p| cite(prog, *p, lang)).collect();
    let provision = list.join(if en { ", " } else { "、" });
    // A rule that follows from another (`cite`) says only what follows: the other was argued.
    let q = d.quote.en();
    let quote = match (&rule.clause, rule.cites, provisions.first()) {
        (_, Some(_), _) | (_, _, None) => String::new(),
        (Some(c), None, _) => c.get(q).to_string(),
        (None, None, Some(p)) => {
            prog.provisions[*p as usize].labels.as_ref().map_or(String::new(), |l| l.get(q).to_string())
        }
    };
    // A definition the case made unnecessary (it gives the fact) is only said to be so.
    let given = t.status == Status::Given;
    let quote = if given { String::new() } else { quote };
    let found = if rule.cites.is_some() || given { vec![] } else { found(prog, d, t, rule, None) };
    let follows = follows(prog, d, t, rule, &provision);
    Reason { found, provision, quote, follows }
}

fn why_not_line(prog: &Program, d: &Decision, t: &Entry) -> Option<WhyNotLine> {
    let rule = &prog.rules[t.rule as usize];
    let lang = d.lang;
    let provision = cite(prog, rule.provision, lang);
    let element = match t.why_not? {
        WhyNot::False(k) => rule.conjuncts.get(k as usize)?.expr.clone(),
        _ => return None,
    };
    let mut lv = words::levels(rule.scope);
    let words = words::condition(prog, &element, &mut lv, lang);
    let found = found(prog, d, t, rule, Some(&element));
    let clause = rule.clause.as_ref().map(|c| c.get(lang.en()).to_string());
    Some(WhyNotLine { provision, element: words, clause, found })
}

/// The argument as JSON, for other systems to render: each block with its heading, its reasons
/// (facts found, provision, the words quoted, what follows) and the provisions that did not apply.
pub fn json(prog: &Program, d: &Decision) -> serde_json::Value {
    use serde_json::json;
    argument(prog, d)
        .iter()
        .map(|b| {
            json!({
                "heading": b.heading,
                "reasons": b.reasons.iter().map(|r| json!({
                    "found": r.found, "provision": r.provision, "quote": r.quote, "follows": r.follows,
                })).collect::<Vec<_>>(),
                "why_not": b.why_not.iter().map(|w| json!({
                    "provision": w.provision, "clause": w.clause, "element": w.element, "found": w.found,
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}
