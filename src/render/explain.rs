//! `--explain`: the decision as a short legal argument. For each conclusion, the provisions that
//! decided it with their text and the facts that satisfied them (and where each fact came from:
//! the case file, a default, or a layer's definition); the exceptions that applied; and, for the
//! provisions considered that did not apply, the element that was false and the facts it read.

use super::cite::cite;
use super::trace::why_not_text;
use super::{Lang, finding_text, show};
use crate::eval::decision::{Decision, Entry, FindingKind, Origin, WhyNot};
use crate::program::frame::Status;
use crate::program::{Cite, Program, ReadSource, Scope};

fn origin_text(prog: &Program, o: Origin, lang: Lang) -> String {
    match (o, lang) {
        (Origin::Case, Lang::Zh) => "（案件）".into(),
        (Origin::Case, Lang::En) => " (case)".into(),
        (Origin::Default, Lang::Zh) => "（默认）".into(),
        (Origin::Default, Lang::En) => " (default)".into(),
        (Origin::Defined(p), Lang::Zh) => format!("（依{}的定义）", cite(prog, p, lang)),
        (Origin::Defined(p), Lang::En) => format!(" (as defined by {})", cite(prog, p, lang)),
        (Origin::Derived, _) => String::new(),
    }
}

/// The facts a rule read, those named in `only` (a condition's text) when given, with their
/// values and origins.
fn facts(prog: &Program, d: &Decision, t: &Entry, only: Option<&str>) -> String {
    let lang = d.lang;
    let parts: Vec<String> = prog.rules[t.rule as usize]
        .reads
        .iter()
        .zip(d.reads_of(t))
        .filter(|(r, _)| only.is_none_or(|text| mentions(text, &r.name)))
        .map(|(r, v)| {
            let shown = show(prog, d, r.ty, r.cite, v.value, lang);
            let mut s = format!("{} = {shown}{}", r.name, origin_text(prog, v.origin, lang));
            // A definition of the policy: what it read, one level down.
            if let ReadSource::Let(l) = r.source
                && !prog.lets[l as usize].reads.is_empty()
            {
                let inner: Vec<String> = prog.lets[l as usize]
                    .reads
                    .iter()
                    .zip(d.definition_reads(l))
                    .map(|(x, v)| {
                        let shown = show(prog, d, x.ty, x.cite, v.value, lang);
                        format!("{} = {shown}{}", x.name, origin_text(prog, v.origin, lang))
                    })
                    .collect();
                s += &if lang.en() {
                    format!(" [{}]", inner.join(", "))
                } else {
                    format!("〔{}〕", inner.join("；"))
                };
            }
            s
        })
        .collect();
    parts.join(if lang.en() { ", " } else { "；" })
}

/// Whether a condition's text names a path (as a whole word).
fn mentions(text: &str, name: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back().is_none_or(|c| !word(c));
        let after = text[i + name.len()..].chars().next().is_none_or(|c| !word(c));
        before && after
    })
}

fn provision_text(prog: &Program, p: u16, lang: Lang) -> String {
    let def = &prog.provisions[p as usize];
    match &def.labels {
        Some(l) if lang.en() => format!("{}: \"{}\"", cite(prog, p, lang), l.get(true)),
        Some(l) => format!("{}：「{}」", cite(prog, p, lang), l.get(false)),
        None => cite(prog, p, lang),
    }
}

fn rule_name(prog: &Program, t: &Entry, lang: Lang) -> String {
    let rule = &prog.rules[t.rule as usize];
    let name = rule.name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
    format!("{}{name}", cite(prog, rule.provision, lang))
}

fn why_not(prog: &Program, d: &Decision, t: &Entry) -> String {
    let lang = d.lang;
    match t.why_not {
        Some(WhyNot::False(k)) => {
            let text = prog.rules[t.rule as usize].conjuncts.get(k as usize).map_or("", |c| c.text.as_str());
            let fs = facts(prog, d, t, Some(text));
            match (lang, fs.is_empty()) {
                (Lang::Zh, false) => format!("`{text}` 不成立（{fs}）"),
                (Lang::En, false) => format!("`{text}` is false ({fs})"),
                (Lang::Zh, true) => format!("`{text}` 不成立"),
                (Lang::En, true) => format!("`{text}` is false"),
            }
        }
        Some(w) => why_not_text(prog, t, w, lang),
        None => String::new(),
    }
}

/// The finding of a rule that applied to an entry's member (or the case).
fn finding_of(prog: &Program, d: &Decision, t: &Entry) -> Option<String> {
    let f = d.findings.iter().find(
        |f| matches!(f.kind, FindingKind::Rule { rule, member, .. } if rule == t.rule && member == t.member),
    )?;
    Some(finding_text(prog, d, f, d.lang))
}

/// One conclusion (or the definitions, or the findings): what decided it, what did not apply.
fn section(out: &mut String, prog: &Program, d: &Decision, head: &str, list: &[&Entry]) {
    if list.is_empty() {
        return;
    }
    let lang = d.lang;
    let en = lang.en();
    out.push_str(&format!("  {head}\n"));
    for t in list.iter().filter(|t| t.status.fired() || t.status == Status::Given) {
        let rule = &prog.rules[t.rule as usize];
        let (word, because) = match t.status {
            Status::Won => (if en { "by" } else { "依据" }, if en { "holds: " } else { "成立：" }),
            Status::Overridden => {
                (if en { "overridden" } else { "被例外排除" }, if en { "held: " } else { "本成立：" })
            }
            Status::Lost if rule.step != 0 => (if en { "moves nothing" } else { "未改变结果" }, ""),
            Status::Lost => (if en { "outranked" } else { "被取代" }, if en { "held: " } else { "本成立：" }),
            Status::Given => (if en { "not needed" } else { "无需适用" }, ""),
            _ => (if en { "in conflict" } else { "相互冲突" }, if en { "held: " } else { "成立：" }),
        };
        out.push_str(&format!("    {word} {}\n", provision_text(prog, rule.provision, lang)));
        let fs = facts(prog, d, t, None);
        if !because.is_empty() && !fs.is_empty() {
            out.push_str(&format!("      {because}{fs}\n"));
        }
        if t.status == Status::Won
            && let Some(text) = finding_of(prog, d, t)
        {
            out.push_str(&format!("      {}{text}\n", if en { "so: " } else { "因此：" }));
        }
        if let (Some((from, to)), Some(c)) = (d.moved(t), rule.target) {
            let ty = prog.conclusions[c as usize].ty;
            let (a, b) = (show(prog, d, ty, Cite::None, from, lang), show(prog, d, ty, Cite::None, to, lang));
            out.push_str(&format!("      {}{a} → {b}\n", if en { "moves it: " } else { "调整：" }));
        }
        if rule.floor
            && let (Some(v), Some(slot)) = (d.defined(t), rule.defines)
        {
            let ty = crate::solve::domain::global_info(prog, slot).1.unwrap_or(crate::program::Ty::Bool);
            let v = show(prog, d, ty, Cite::None, v, lang);
            out.push_str(&format!("      {}{v}\n", if en { "raises it to: " } else { "提高为：" }));
        }
        if t.status == Status::Given {
            let said = match (rule.floor, en) {
                (true, true) => "the grade the case gives is already at least this",
                (true, false) => "案件认定的等级已不低于此",
                (false, true) => "the case gives the fact itself",
                (false, false) => "案件已直接给出该事实",
            };
            out.push_str(&format!("      {said}\n"));
        }
        if !d.overridden_by(t).is_empty() {
            let by: Vec<&str> =
                d.overridden_by(t).iter().map(|r| prog.rules[*r as usize].id.as_str()).collect();
            out.push_str(&format!(
                "      {}{}\n",
                if en { "by the exception " } else { "例外：" },
                by.join(", ")
            ));
        }
    }
    let not: Vec<&&Entry> = list.iter().filter(|t| t.status == Status::NotFired).collect();
    if !not.is_empty() {
        out.push_str(&format!("    {}\n", if en { "did not apply:" } else { "未适用：" }));
        for t in not {
            out.push_str(&format!("      {}: {}\n", rule_name(prog, t, lang), why_not(prog, d, t)));
        }
    }
}

/// The explanation of a decided case.
pub fn explain(out: &mut String, prog: &Program, d: &Decision) {
    let en = d.lang.en();
    out.push_str(if en { "Why:\n" } else { "理由：\n" });
    let defs: Vec<&Entry> =
        d.trace.iter().filter(|t| prog.rules[t.rule as usize].defines.is_some()).collect();
    let head = if en { "[definitions of implementing rules]" } else { "【实施细则的定义】" };
    section(out, prog, d, head, &defs);
    for (c, def) in prog.conclusions.iter().enumerate() {
        let mine = |t: &&Entry| prog.rules[t.rule as usize].target == Some(c as u32);
        let sep = if en { ": " } else { "：" };
        match def.scope {
            Scope::Global => {
                let list: Vec<&Entry> = d.trace.iter().filter(mine).collect();
                let v = d.conclusion(c as u32, None);
                let value = show(prog, d, def.ty, Cite::Conclusion(c as u32), v, d.lang);
                section(out, prog, d, &format!("【{}{sep}{value}】", def.labels.get(en)), &list);
            }
            Scope::Member(l) => {
                let n = d.names.get(l as usize).map_or(0, Vec::len) as u32;
                for i in 0..n {
                    let list: Vec<&Entry> =
                        d.trace.iter().filter(mine).filter(|t| t.member == Some((l, i))).collect();
                    let v = d.conclusion(c as u32, Some(i));
                    let value = show(prog, d, def.ty, Cite::Conclusion(c as u32), v, d.lang);
                    let who = d.member_name(prog, l, i);
                    section(out, prog, d, &format!("【{who} · {}{sep}{value}】", def.labels.get(en)), &list);
                }
            }
        }
    }
    let others: Vec<&Entry> = d
        .trace
        .iter()
        .filter(|t| {
            let r = &prog.rules[t.rule as usize];
            r.target.is_none() && r.defines.is_none() && t.status.fired()
        })
        .collect();
    section(out, prog, d, if en { "[findings]" } else { "【说明】" }, &others);
}
