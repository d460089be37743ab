//! A rule in words, for `zeren articles`: its condition (the author's labels where given) and what
//! it concludes, from the vocabulary's labels: 「危害程度为危害严重或者危害特别严重，且影响程度为影响重大
//! 时：人员的责任追究方式为诫勉」.

use super::words;
use crate::lang::Lang;
use crate::program::ir::{Expr, Value};
use crate::program::{Program, RuleDef, Scope, SetMember, Ty};

/// What the rule concludes when it applies, in words.
fn effect(prog: &Program, r: &RuleDef, lang: Lang) -> String {
    let en = lang.en();
    let Some(c) = r.target.map(|c| &prog.conclusions[c as usize]) else {
        return if en { "a finding is stated" } else { "作出说明" }.to_string();
    };
    let what = c.labels.get(en);
    if r.step != 0 {
        let n = r.step.unsigned_abs();
        return match (en, r.step > 0) {
            (false, true) => format!("{what}提高{n}档"),
            (false, false) => format!("{what}降低{n}档"),
            (true, true) => format!("{what}: {n} step(s) heavier"),
            (true, false) => format!("{what}: {n} step(s) lighter"),
        };
    }
    let mut lv = words::levels(r.scope);
    let value = match &r.value {
        Some(Expr::Const(Value::Provision(_))) | None => {
            if en {
                "this provision".to_string()
            } else {
                "本条款".to_string()
            }
        }
        Some(Expr::Const(Value::Set(bits))) => {
            let names: Vec<String> = prog
                .set_members(c.ty, crate::program::Cite::None, *bits)
                .into_iter()
                .map(|m| match m {
                    SetMember::Sym(e, i, _) => prog.enums[e as usize].value_labels[i].get(en).to_string(),
                    SetMember::Provision(_) => if en { "this provision" } else { "本条款" }.to_string(),
                })
                .collect();
            match (names.is_empty(), c.ty) {
                (true, Ty::SetOfProvision) => if en { "this provision" } else { "本条款" }.to_string(),
                _ => names.join(if en { ", " } else { "、" }),
            }
        }
        Some(v) => words::name(prog, v, &mut lv, lang),
    };
    let set = matches!(c.ty, Ty::SetOfEnum(_) | Ty::SetOfProvision);
    match (en, set) {
        (false, true) => format!("{what}包括{value}"),
        (false, false) => format!("{what}为{value}"),
        (true, true) => format!("{what} include {value}"),
        (true, false) => format!("{what}: {value}"),
    }
}

/// The rule's condition and conclusion in one sentence; an exception says so.
pub fn rule(prog: &Program, r: &RuleDef, lang: Lang) -> String {
    let en = lang.en();
    let mut lv = words::levels(r.scope);
    let when = match &r.labels {
        Some(l) => l.get(en).to_string(),
        None => {
            let parts: Vec<String> =
                r.conjuncts.iter().map(|c| words::condition(prog, &c.expr, &mut lv, lang)).collect();
            parts.join(if en { "; and " } else { "，且" })
        }
    };
    let then = effect(prog, r, lang);
    let each = match r.scope {
        Scope::Member(l) => {
            prog.facts.iter().find(|f| f.list == Some(l)).map(|f| f.def.labels.get(en).to_string())
        }
        Scope::Global => None,
    };
    let instead = if r.exception_to.is_empty() {
        String::new()
    } else if en {
        " (an exception, in place of the rule it overrides)".to_string()
    } else {
        "（例外，取代其所排除的规则）".to_string()
    };
    match (en, each, when.is_empty()) {
        (false, Some(l), false) => format!("对每一{l}：{when}的，{then}{instead}"),
        (false, Some(l), true) => format!("对每一{l}：{then}{instead}"),
        (false, None, false) => format!("{when}的，{then}{instead}"),
        (false, None, true) => format!("{then}{instead}"),
        (true, Some(l), false) => format!("for each of the {l}: where {when}, {then}{instead}"),
        (true, Some(l), true) => format!("for each of the {l}: {then}{instead}"),
        (true, None, false) => format!("where {when}, {then}{instead}"),
        (true, None, true) => format!("{then}{instead}"),
    }
}
