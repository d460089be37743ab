//! `--explain`: the decision as a short legal argument. For each conclusion, the provisions that
//! decided it with their text and the facts that satisfied them (and where each fact came from:
//! the case file, a default, or a layer's definition); the exceptions that applied; and, for the
//! provisions considered that did not apply, the element that was false and the facts it read.

use super::cite::cite;
use super::trace::{Entry, WhyNot, entries, member_name};
use super::{Lang, show};
use crate::program::frame::{Frame, Status};
use crate::program::ir::{Expr, Value};
use crate::program::meaning::{Ctx, eval};
use crate::program::{Cite, Program, Read, Scope, Ty};

/// Where a value read by a rule came from.
enum Origin {
    Case,
    Default,
    /// A layer's definition, in this provision.
    Defined(u16),
    /// A conclusion or definition of the policy.
    Derived,
}

fn origin(prog: &Program, f: &Frame, member: Option<(u16, usize)>, e: &Expr) -> Origin {
    match e {
        Expr::Global(slot) => {
            let is_fact =
                prog.facts.iter().any(|x| x.def.slot == *slot || x.fields.iter().any(|y| y.slot == *slot));
            if !is_fact {
                return Origin::Derived;
            }
            if f.given.get(*slot as usize).copied().unwrap_or(false) {
                return Origin::Case;
            }
            let defined = prog
                .defines
                .iter()
                .filter(|g| g.slot == *slot)
                .flat_map(|g| g.rules.iter())
                .find(|r| f.status.get(prog.rules[**r as usize].status as usize) == Some(&Status::Won));
            match defined {
                Some(r) => Origin::Defined(prog.rules[*r as usize].provision),
                None => Origin::Default,
            }
        }
        Expr::Var(0, slot) => {
            let Some((l, i)) = member else { return Origin::Derived };
            let rec = &prog.records[prog.lists[l as usize].record as usize];
            if !rec.fields.iter().any(|x| x.slot == *slot) {
                return Origin::Derived;
            }
            let given = f.lists[l as usize][i].given;
            if *slot < 128 && given & (1u128 << slot) != 0 { Origin::Case } else { Origin::Default }
        }
        _ => Origin::Derived,
    }
}

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
fn facts(prog: &Program, f: &Frame, t: &Entry, only: Option<&str>, lang: Lang) -> String {
    let parts: Vec<String> = t
        .facts(prog, f)
        .zip(prog.rules[t.rule as usize].reads.iter())
        .filter(|((name, _, _, _), _)| only.is_none_or(|text| mentions(text, name)))
        .map(|((name, ty, v, _), Read { expr: e, .. })| {
            let o = origin(prog, f, t.member, e);
            let shown = show(prog, f, ty, super::cite_of(prog, e), v, lang);
            let mut s = format!("{name} = {shown}{}", origin_text(prog, o, lang));
            // A definition of the policy: what it read, one level down.
            if let Expr::Global(slot) = e
                && let Some(l) = prog.lets.iter().find(|l| l.slot == *slot)
                && !l.reads.is_empty()
            {
                let cx = Ctx::new(&f.globals, &f.lists);
                let inner: Vec<String> = l
                    .reads
                    .iter()
                    .map(|Read { name: n, expr: x, ty, .. }| {
                        let v = eval(x, &cx);
                        let o = origin(prog, f, None, x);
                        let shown = show(prog, f, *ty, super::cite_of(prog, x), v, lang);
                        format!("{n} = {shown}{}", origin_text(prog, o, lang))
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

fn why_not(prog: &Program, f: &Frame, t: &Entry, lang: Lang) -> String {
    match t.why_not(prog, f) {
        Some(WhyNot::False(text)) => {
            let fs = facts(prog, f, t, Some(text), lang);
            match (lang, fs.is_empty()) {
                (Lang::Zh, false) => format!("`{text}` 不成立（{fs}）"),
                (Lang::En, false) => format!("`{text}` is false ({fs})"),
                (Lang::Zh, true) => format!("`{text}` 不成立"),
                (Lang::En, true) => format!("`{text}` is false"),
            }
        }
        Some(other) => other.text(lang),
        None => String::new(),
    }
}

/// One conclusion (or the definitions, or the findings): what decided it, what did not apply.
fn section(out: &mut String, prog: &Program, f: &Frame, head: &str, list: &[Entry], lang: Lang) {
    if list.is_empty() {
        return;
    }
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
        let fs = facts(prog, f, t, None, lang);
        if !because.is_empty() && !fs.is_empty() {
            out.push_str(&format!("      {because}{fs}\n"));
        }
        if t.status == Status::Won
            && let Some(text) = super::trace::finding_of(prog, f, t, lang)
        {
            out.push_str(&format!("      {}{text}\n", if en { "so: " } else { "因此：" }));
        }
        if let Some((ty, from, to)) = t.moved(prog, f) {
            let (a, b) = (show(prog, f, ty, Cite::None, from, lang), show(prog, f, ty, Cite::None, to, lang));
            out.push_str(&format!("      {}{a} → {b}\n", if en { "moves it: " } else { "调整：" }));
        }
        if t.status == Status::Given {
            out.push_str(&format!(
                "      {}\n",
                if en { "the case gives the fact itself" } else { "案件已直接给出该事实" }
            ));
        }
        let by = t.overridden_by(prog, f);
        if !by.is_empty() {
            out.push_str(&format!(
                "      {}{}\n",
                if en { "by the exception " } else { "例外：" },
                by.join(", ")
            ));
        }
    }
    let not: Vec<&Entry> = list.iter().filter(|t| t.status == Status::NotFired).collect();
    if !not.is_empty() {
        out.push_str(&format!("    {}\n", if en { "did not apply:" } else { "未适用：" }));
        for t in not {
            out.push_str(&format!("      {}: {}\n", rule_name(prog, t, lang), why_not(prog, f, t, lang)));
        }
    }
}

/// The explanation of a decided case.
pub fn explain(out: &mut String, prog: &Program, f: &Frame, lang: Lang) {
    let en = lang.en();
    let all: Vec<Entry> = entries(prog, f).collect();
    out.push_str(if en { "Why:\n" } else { "理由：\n" });
    let defs: Vec<Entry> =
        all.iter().filter(|t| prog.rules[t.rule as usize].defines.is_some()).copied().collect();
    section(
        out,
        prog,
        f,
        if en { "[definitions of implementing rules]" } else { "【实施细则的定义】" },
        &defs,
        lang,
    );
    for (c, def) in prog.conclusions.iter().enumerate() {
        let mine = |t: &&Entry| prog.rules[t.rule as usize].target == Some(c as u32);
        match def.scope {
            Scope::Global => {
                let list: Vec<Entry> = all.iter().filter(mine).copied().collect();
                let v = f.globals[def.slot as usize];
                let head = format!(
                    "【{}{}{}】",
                    def.labels.get(en),
                    if en { ": " } else { "：" },
                    value(prog, f, def.ty, c, v, lang)
                );
                section(out, prog, f, &head, &list, lang);
            }
            Scope::Member(l) => {
                for (i, m) in f.lists[l as usize].iter().enumerate() {
                    let list: Vec<Entry> =
                        all.iter().filter(mine).filter(|t| t.member == Some((l, i))).copied().collect();
                    let v = m.vals[def.slot as usize];
                    let head = format!(
                        "【{} · {}{}{}】",
                        member_name(prog, f, l, i),
                        def.labels.get(en),
                        if en { ": " } else { "：" },
                        value(prog, f, def.ty, c, v, lang)
                    );
                    section(out, prog, f, &head, &list, lang);
                }
            }
        }
    }
    let others: Vec<Entry> = all
        .iter()
        .filter(|t| {
            let r = &prog.rules[t.rule as usize];
            r.target.is_none() && r.defines.is_none() && t.status.fired()
        })
        .copied()
        .collect();
    section(out, prog, f, if en { "[findings]" } else { "【说明】" }, &others, lang);
}

fn value(prog: &Program, f: &Frame, ty: Ty, c: usize, v: Value, lang: Lang) -> String {
    show(prog, f, ty, Cite::Conclusion(c as u32), v, lang)
}
