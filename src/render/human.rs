//! The decision for a case handler: the finding first (the policy's `decision` keys, in order,
//! each with the provisions that decided it), then the findings in words, then, with
//! `--explain`, the reasons.

use super::cite::cite;
use super::{Lang, finding_text, note, show};
use crate::eval::decision::{Cited, Decision, Key};
use crate::program::ir::Value;
use crate::program::{Cite, OutEntry, Program, Ty};

fn citation(prog: &Program, ps: &[u16], lang: Lang) -> String {
    if ps.is_empty() {
        return String::new();
    }
    let list: Vec<String> = ps.iter().map(|p| cite(prog, *p, lang)).collect();
    match lang {
        Lang::Zh => format!("（{}）", list.join("、")),
        Lang::En => format!(" ({})", list.join(", ")),
    }
}

fn line(prog: &Program, d: &Decision, e: &OutEntry, c: &Cited, lang: Lang) -> String {
    // Where nothing was decided, the reason (`or NAME`) rather than a dash.
    let instead = e.fallback.filter(|_| c.value == Value::Null).and_then(|k| {
        let v = d.conclusion(k, None);
        (v != Value::Null).then(|| show(prog, d, prog.conclusions[k as usize].ty, Cite::None, v, lang))
    });
    let text = instead.unwrap_or_else(|| show(prog, d, e.ty, e.cite, c.value, lang));
    // A set of provisions cites itself; anything else cites the rules that decided it.
    let ps: &[u16] = if matches!(e.ty, Ty::SetOfProvision | Ty::Provision) { &[] } else { &c.by };
    let sep = if lang.en() { ": " } else { "：" };
    format!("{}{sep}{text}{}", e.labels.get(lang.en()), citation(prog, ps, lang))
}

/// Whether a member's value is read within a set of the same member (`rung within measures`).
fn said_within(prog: &Program, fields: &[OutEntry], m: &[Cited], x: &OutEntry, c: &Cited) -> bool {
    let Some(j) = x.within.map(usize::from) else { return false };
    match (fields.get(j), m.get(j)) {
        (Some(set), Some(s)) => super::read_within(prog, set, s.value, c.value),
        _ => false,
    }
}

/// The decision in the reader's language, with its reasons when `explain`.
pub fn decision(out: &mut String, prog: &Program, d: &Decision, explain: bool) {
    let lang = d.lang;
    let en = lang.en();
    out.push_str(&format!("《{}》\n", prog.header.title.get(en)));
    for l in d.layers.iter().skip(1) {
        let def = &prog.layers[*l as usize];
        // 「及」 the title alone: a layer is 实施细则 (17.1) or 具体规定 (17.2), as its title says.
        let word = if en { "with " } else { "及" };
        out.push_str(&format!("{word}《{}》\n", def.title.get(en)));
    }
    for (e, k) in prog.decision.iter().zip(&d.keys) {
        match k {
            Key::List(members) if e.filter.is_some() => {
                // A view: each member shown by its position in the list (from 1).
                let sep = if en { ": " } else { "：" };
                if members.is_empty() {
                    out.push_str(&format!("{}{sep}{}\n", e.labels.get(en), if en { "none" } else { "无" }));
                    continue;
                }
                out.push_str(&format!("{}{}\n", e.labels.get(en), if en { ":" } else { "：" }));
                for m in members {
                    let who = match (m.first().map(|c| c.value), e.list) {
                        (Some(Value::Int(i)), Some(l)) => d.member_words(prog, l, i as u32, en).into_owned(),
                        _ => e.fields.first().map_or("", |x| x.labels.get(en)).to_string(),
                    };
                    let parts: Vec<String> =
                        e.fields.iter().zip(m).skip(1).map(|(x, c)| line(prog, d, x, c, lang)).collect();
                    let join = if en { "; " } else { "；" };
                    out.push_str(&format!("  - {who}{sep}{}\n", parts.join(join)));
                }
            }
            Key::List(members) => {
                out.push_str(&format!("{}{}\n", e.labels.get(en), if en { ":" } else { "：" }));
                let Some(l) = e.list else { continue };
                for (i, m) in members.iter().enumerate() {
                    let name = d.member_words(prog, l, i as u32, en);
                    // Where the measures decide nothing of the member, the reason once.
                    let reason = e
                        .fields
                        .iter()
                        .zip(m)
                        .filter(|(x, _)| x.fallback.is_some())
                        .map(|(x, c)| (c.value == Value::Null).then_some(x.fallback).flatten())
                        .reduce(|a, b| if a == b { a } else { None })
                        .flatten()
                        .map(|k| (k, d.conclusion(k, None)))
                        .filter(|(_, v)| *v != Value::Null);
                    if let Some((k, v)) = reason {
                        let text = show(prog, d, prog.conclusions[k as usize].ty, Cite::None, v, lang);
                        out.push_str(&format!("  - {name}{}{text}\n", if en { ": " } else { "：" }));
                        continue;
                    }
                    let parts: Vec<String> = e
                        .fields
                        .iter()
                        .zip(m)
                        .skip(1)
                        .filter(|(x, c)| !said_within(prog, &e.fields, m, x, c))
                        .map(|(x, c)| line(prog, d, x, c, lang))
                        .collect();
                    out.push_str(&format!(
                        "  - {name}{}{}\n",
                        if en { ": " } else { "：" },
                        parts.join(if en { "; " } else { "；" })
                    ));
                }
            }
            Key::Record(fields) => {
                // A provision among the values is the citation of the others.
                let shown = |provisions: bool| -> Vec<String> {
                    e.fields
                        .iter()
                        .zip(fields)
                        .filter(|(x, c)| c.value != Value::Null && (x.ty == Ty::Provision) == provisions)
                        .map(|(x, c)| show(prog, d, x.ty, Cite::None, c.value, lang))
                        .collect()
                };
                let (parts, cited) = (shown(false), shown(true));
                let cited = match (cited.is_empty(), en) {
                    (true, _) => String::new(),
                    (false, true) => format!(" ({})", cited.join(", ")),
                    (false, false) => format!("（{}）", cited.join("、")),
                };
                out.push_str(&format!(
                    "{}{}{}{cited}\n",
                    e.labels.get(en),
                    if en { ": " } else { "：" },
                    parts.join(if en { ", " } else { "，" })
                ));
            }
            Key::One(c) => {
                out.push_str(&line(prog, d, e, c, lang));
                out.push('\n');
            }
        }
    }
    for l in &d.not_in_force {
        out.push_str(&format!("{}{}\n", if en { "Note: " } else { "注：" }, note(prog, *l, lang)));
    }
    if !d.findings.is_empty() {
        out.push_str(if en { "Findings:\n" } else { "说明：\n" });
        for f in &d.findings {
            let text = finding_text(prog, d, f, lang);
            out.push_str(&format!(
                "  - {}{}{text}\n",
                cite(prog, f.provision, lang),
                if en { ": " } else { "：" }
            ));
        }
    }
    if explain {
        super::explain::explain(out, prog, d);
    }
}
