//! What follows from a rule that applied, as the sentence of the argument that says it
//! (依据……).

use super::subject;
use crate::eval::decision::{Decision, Entry};
use crate::program::frame::Status;
use crate::program::ir::{Expr, Value};
use crate::program::{Cite, Program, RuleDef, Ty};
use crate::render::show;
use crate::render::words;

/// What follows from a rule that applied, as a sentence.
pub(super) fn follows(prog: &Program, d: &Decision, t: &Entry, rule: &RuleDef, provision: &str) -> String {
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
