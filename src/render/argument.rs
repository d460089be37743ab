//! The decision as a legal argument, as data in the reader's language: for each conclusion (and
//! each person's), what was found (经查), the provision and the clause it falls under (属于……规定的
//! 情形), what follows (依据……), and the provisions a reader would ask about that did not apply,
//! each with the element that failed. `--explain` prints it (`explain.rs`); `--format json
//! --explain` carries it as `argument`.

use super::cite::cite;
use super::words::{self, Levels};
use super::{Lang, show};
use crate::eval::decision::{Decision, Entry, Origin, WhyNot};
use crate::program::frame::Status;
use crate::program::ir::{Expr, QuantKind, Value};
use crate::program::{Cite, Program, ReadSource, RuleDef, Scope, Step, Ty};

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

/// What follows from a rule that applied, as a sentence.
fn follows(prog: &Program, d: &Decision, t: &Entry, rule: &RuleDef, provision: &str) -> String {
    let lang = d.lang;
    let en = lang.en();
    let who = subject(prog, d, t.member, lang);
    let of = match (t.member.is_some(), en) {
        (false, false) => String::new(),
        (true, false) => format!("{who}的"),
        (false, true) => String::new(),
        (true, true) => format!("{who}'s "),
    };
    if t.status == Status::Given {
        let fact = rule.defines.and_then(|s| words::global(prog, s)).map_or("", |(l, _)| l.get(en));
        let said = match (rule.floor, en) {
            (true, true) => format!("the grade the case gives ({fact}) is already at least this"),
            (true, false) => format!("案件认定的{fact}已不低于此"),
            (false, true) => format!("the case gives {fact} itself"),
            (false, false) => format!("案件已直接载明「{fact}」"),
        };
        return if en {
            format!("{provision} is not needed: {said}.")
        } else {
            format!("无需适用{provision}：{said}。")
        };
    }
    if let (Some(slot), Some(v)) = (rule.defines, d.defined(t)) {
        let (l, ty) = words::global(prog, slot).map_or(("", Ty::Bool), |(l, ty)| (l.get(en), ty));
        let v = words::value(prog, Some(ty), v, lang);
        return match (rule.floor, en) {
            (true, false) => format!("依据{provision}，{l}提高为{v}。"),
            (true, true) => format!("Under {provision}, the {l} is raised to {v}."),
            (false, false) => format!("依据{provision}，{l}：{v}。"),
            (false, true) => format!("Under {provision}, {l}: {v}."),
        };
    }
    let Some(c) = rule.target else { return String::new() };
    let def = &prog.conclusions[c as usize];
    let label = def.labels.get(en);
    if let (Some((from, to)), true) = (d.moved(t), rule.step != 0) {
        let (a, b) =
            (show(prog, d, def.ty, Cite::None, from, lang), show(prog, d, def.ty, Cite::None, to, lang));
        return if en {
            format!("Under {provision}, {of}{label} moves from {a} to {b}.")
        } else {
            format!("依据{provision}，{of}{label}由{a}调整为{b}。")
        };
    }
    let given = match &rule.value {
        Some(Expr::Const(v)) => Some(*v),
        _ => None,
    };
    let shown = |v: Value| match (def.ty, v) {
        (Ty::SetOfEnum(e), Value::Set(bits)) => {
            let en_def = &prog.enums[e as usize];
            let names: Vec<String> = (0..128u32)
                .filter(|b| bits & (1u128 << b) != 0)
                .filter_map(|b| en_def.bit.iter().position(|x| u32::from(*x) == b))
                .map(|s| words::value(prog, Some(Ty::Enum(e)), Value::Sym(s as u16), lang))
                .collect();
            names.join(if en { ", " } else { "、" })
        }
        (Ty::SetOfProvision, _) => provision.to_string(),
        _ => words::value(prog, Some(def.ty), v, lang),
    };
    let now = d.conclusion(c, t.member.map(|m| m.1));
    let v = match (def.ty, given) {
        (Ty::SetOfEnum(_) | Ty::SetOfProvision, Some(g)) => shown(g),
        (Ty::SetOfEnum(_), None) => {
            // `+= person.rung`: the member it added is the value read.
            let rung = d.reads_of(t).first().map(|r| r.value).unwrap_or(Value::Null);
            words::value(prog, None, rung, lang)
        }
        // What this rule gave, not what the conclusion ended as (a layer may move it after).
        (_, Some(g)) => shown(g),
        _ => shown(now),
    };
    // A value that is the provision itself (the article the deciding organ acts under, and every
    // set of provisions, to which a rule adds its own): said once, not 「依据第十五条，……条款为
    // 第十五条」.
    if v == provision {
        let set = def.ty == Ty::SetOfProvision;
        return match (set, en) {
            (true, false) => format!("{of}{label}包括{v}。"),
            (false, false) => format!("{of}{label}为{v}。"),
            (true, true) => capitalized(&format!("{of}{label} include {v}.")),
            (false, true) => capitalized(&format!("{of}{label}: {v}.")),
        };
    }
    match (def.ty, en) {
        (Ty::Bool, false) if now == Value::Bool(true) => format!("依据{provision}，{of}{label}。"),
        (Ty::Bool, true) if now == Value::Bool(true) => format!("Under {provision}, {of}{label}."),
        // A set emptied (an exemption): 「依据……，对王五不予追究」.
        (Ty::SetOfEnum(_), false) if v.is_empty() => {
            let who = of.trim_end_matches('的');
            if who.is_empty() {
                format!("依据{provision}，{label}为无。")
            } else {
                format!("依据{provision}，对{who}不适用任何{label}。")
            }
        }
        (Ty::SetOfEnum(_), true) if v.is_empty() => {
            format!("Under {provision}, {of}{label} are none.")
        }
        (Ty::SetOfEnum(_), false) => format!("依据{provision}，{of}{label}包括{v}。"),
        (Ty::SetOfEnum(_), true) => {
            format!("Under {provision}, {of}{label} include {v}.")
        }
        // 「张三的责任为不承担责任」 reads 「张三不承担责任」.
        (Ty::Enum(_), false) if v.starts_with('不') && !of.is_empty() => {
            format!("依据{provision}，{}{v}。", of.trim_end_matches('的'))
        }
        (_, false) => format!("依据{provision}，{of}{label}为{v}。"),
        (_, true) => format!("Under {provision}, {of}{label}: {v}."),
    }
}

/// A sentence with its first letter in capitals.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The facts a rule read (those an element reads, when given), each in words.
fn found(prog: &Program, d: &Decision, t: &Entry, rule: &RuleDef, element: Option<&Expr>) -> Vec<String> {
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
