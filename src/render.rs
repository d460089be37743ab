//! Stage 5: a [`Decision`] (and the analyses' findings) → text for people (`human`, `explain`,
//! `whatif`, `open`) and machines (`json`, `yaml`). Nothing is evaluated here: every value comes
//! from the decision; the program gives the labels. Citations are formatted from the numbering of
//! provisions (`cite`).

pub mod analysis;
pub mod argument;
pub mod cite;
pub mod diff;
pub mod explain;
pub mod human;
pub mod json;
pub mod open;
pub mod rule_words;
pub mod schema;
pub mod trace;
pub mod tree;
pub mod whatif;
pub mod words;
pub mod yaml;

use crate::eval::decision::{Decision, Finding, FindingKind, Part};
pub use crate::lang::Lang;
use crate::program::ir::Value;
use crate::program::{Cite, OutEntry, Program, Segment, SetMember, Ty};
use std::fmt::Write;

/// The text of a value for people.
pub fn show(prog: &Program, d: &Decision, ty: Ty, cite: Cite, v: Value, lang: Lang) -> String {
    let mut s = String::new();
    show_into(&mut s, prog, d, ty, cite, v, lang);
    s
}

/// `show`, written into `out`.
pub fn show_into(out: &mut String, prog: &Program, d: &Decision, ty: Ty, cite: Cite, v: Value, lang: Lang) {
    let en = lang.en();
    match v {
        Value::Null => out.push('—'),
        Value::Bool(b) => out.push_str(match (b, en) {
            (true, false) => "是",
            (false, false) => "否",
            (true, true) => "yes",
            (false, true) => "no",
        }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Date(x) => crate::date::format_into(out, x),
        Value::Sym(s) => match ty {
            Ty::Enum(e) => {
                let def = &prog.enums[e as usize];
                match def.values.iter().position(|x| *x == s) {
                    Some(i) => out.push_str(def.value_labels[i].get(en)),
                    None => out.push_str(&prog.syms[s as usize]),
                }
            }
            _ => out.push_str(&prog.syms[s as usize]),
        },
        Value::Text(t) => out.push_str(d.text(t)),
        Value::PolicyText(t) => out.push_str(prog.text(t, en)),
        Value::Provision(p) => cite::cite_into(out, prog, p, lang),
        Value::Set(bits) if matches!(ty, Ty::Members(_)) => {
            let names = d.members(ty, bits);
            out.push_str(&names.join(if en { ", " } else { "、" }));
        }
        Value::Set(bits) => {
            let members = prog.set_members(ty, cite, bits);
            if members.is_empty() {
                out.push_str(if en { "none" } else { "无" });
            }
            for (i, m) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(if en { ", " } else { "、" });
                }
                match m {
                    SetMember::Sym(e, i, _) => out.push_str(prog.enums[e as usize].value_labels[i].get(en)),
                    SetMember::Provision(p) => cite::cite_into(out, prog, p, lang),
                }
            }
        }
    }
}

/// The part people read a member's field within (`rung within measures`): the same member's set.
pub fn within_part(prog: &Program, p: Part) -> Option<Part> {
    let Part::Field { key, member, field } = p else { return None };
    let set = prog.decision.get(key as usize)?.fields.get(field as usize)?.within?;
    Some(Part::Field { key, member, field: set })
}

/// Whether people read part `p` of decision `d` within its set as decision `s` has it (the same
/// decision, or another outcome of the same case): then it is not said beside the set.
pub fn part_read_within(prog: &Program, p: Part, d: &Decision, s: &Decision) -> bool {
    let Some(sp @ Part::Field { key, field, .. }) = within_part(prog, p) else { return false };
    let (Some(v), Some(sv)) = (d.field_value(p), s.field_value(sp)) else { return false };
    read_within(prog, &prog.decision[key as usize].fields[field as usize], sv, v)
}

/// Whether people read a member's value `v` within the value `set_value` of another field of the
/// same member, `set` (`rung within measures`): the set holds it, or it has none beside the set
/// (a set decided, or not decided either). Then it is not said again.
pub fn read_within(prog: &Program, set: &OutEntry, set_value: Value, v: Value) -> bool {
    match set_value {
        Value::Set(_) | Value::Null if v == Value::Null => true,
        Value::Set(bits) => prog.set_holds(set.ty, set.cite, bits, v),
        _ => false,
    }
}

/// What the decision says of a layer that would decide the case but is not in force at its date
/// (they do not apply to it).
pub fn note(prog: &Program, layer: u16, lang: Lang) -> String {
    let def = &prog.layers[layer as usize];
    let from = def.effective.map(crate::date::format).unwrap_or_default();
    let until = def.until.map(crate::date::format);
    let title = def.title.get(lang.en());
    match (lang, until) {
        (Lang::Zh, None) => format!("《{title}》自{from}起施行；本案行为发生在此之前，不适用该规定。"),
        (Lang::Zh, Some(u)) => {
            format!("《{title}》的施行期间为{from}至{u}之前；本案行为不在此期间，不适用该规定。")
        }
        (Lang::En, None) => {
            format!("{title} takes effect on {from}; the conduct is earlier, so they do not apply.")
        }
        (Lang::En, Some(u)) => {
            format!(
                "{title} is in force from {from} until {u}; the conduct is outside it, so they do not apply."
            )
        }
    }
}

/// The label of the fact in a global slot, in the reader's language: 「危害程度」, or for a field
/// of a record its own (「造成严重后果」).
pub fn fact_label(prog: &Program, slot: u32, en: bool) -> String {
    prog.facts
        .iter()
        .find_map(|x| {
            if x.def.slot == slot {
                return Some(x.def.labels.get(en).to_string());
            }
            x.fields.iter().find(|y| y.slot == slot).map(|y| y.labels.get(en).to_string())
        })
        .unwrap_or_default()
}

/// The text of a finding, in the reader's language.
pub fn finding_text(prog: &Program, d: &Decision, f: &Finding, lang: Lang) -> String {
    let mut s = String::new();
    finding_into(&mut s, prog, d, f, lang);
    s
}

/// [`finding_text`], written at the end of `s`.
pub fn finding_into(s: &mut String, prog: &Program, d: &Decision, f: &Finding, lang: Lang) {
    let text = match &f.kind {
        FindingKind::Rule { rule, zh, en, .. } => {
            let Some(t) = &prog.rules[*rule as usize].finding else { return };
            let (segs, values) = if lang.en() { (&t.en, en) } else { (&t.zh, zh) };
            let mut holes = values.iter();
            for seg in segs {
                match seg {
                    Segment::Text(x) => s.push_str(x),
                    Segment::Hole(_, ty) => show_into(
                        s,
                        prog,
                        d,
                        *ty,
                        Cite::None,
                        holes.next().copied().unwrap_or_default(),
                        lang,
                    ),
                }
            }
            return;
        }
        FindingKind::Definitions { slot, rules } => {
            // The fact by its label and each definition by the provision that gives it, as a
            // reader cites them: 「造成严重后果」, 《某省……》第一条.
            let name = fact_label(prog, *slot, lang.en());
            let mut by = String::new();
            for (i, r) in rules.iter().enumerate() {
                if i > 0 {
                    by.push_str(if lang.en() { "; " } else { "、" });
                }
                cite::cite_into(&mut by, prog, prog.rules[*r as usize].provision, lang);
            }
            match lang {
                Lang::Zh => format!("{by}对“{name}”的界定相互冲突且无优先关系，不作认定，按未成立处理。"),
                Lang::En => format!(
                    "The definitions of “{name}” in {by} disagree with no precedence: it is not established."
                ),
            }
        }
        FindingKind::Conflict { conclusion, member } => {
            let name = &prog.conclusions[*conclusion as usize].labels;
            let who = member.map(|(l, i)| d.member_name(prog, l, i).into_owned());
            match lang {
                Lang::Zh => {
                    format!(
                        "{}{}：规则结论相互冲突且无优先关系，不作决定。",
                        who.unwrap_or_default(),
                        name.get(false)
                    )
                }
                Lang::En => format!(
                    "{} {}: rules conclude differently with no precedence; not decided.",
                    who.unwrap_or_default(),
                    name.get(true)
                ),
            }
        }
    };
    s.push_str(&text);
}
