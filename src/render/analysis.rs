//! `zeren analyze`: the gaps of the policies and their conflicts with witness cases, for people.

use super::Lang;
use super::cite::cite;
use super::words;
use crate::analyze::gaps::{ByLayer, Gap, Gaps, Share, Values};
use crate::program::ir::{Expr, Value};
use crate::program::{Program, Scope};
use crate::solve::pairs::Pair;

/// One value of a gap's pattern in words: 「危害程度为较轻」, 「涉及信访人数不多于50」.
fn values_words(prog: &Program, v: &Values, lang: Lang) -> String {
    let en = lang.en();
    let mut lv: words::Levels = [v.list, None, None, None];
    if let [Value::Bool(b)] = v.chosen[..] {
        let e = if b { v.expr.clone() } else { Expr::Not(Box::new(v.expr.clone())) };
        return words::condition(prog, &e, &mut lv, lang);
    }
    let name = words::name(prog, &v.expr, &mut lv, lang);
    if v.ranges.is_empty() {
        let ty = words::ty_of(prog, &v.expr, &lv);
        let vs: Vec<String> = v.chosen.iter().map(|x| words::value(prog, ty, *x, lang)).collect();
        let vs = words::alternatives(&vs, lang);
        return if en { format!("{name} is {vs}") } else { format!("{name}为{vs}") };
    }
    let date = matches!(v.chosen.first(), Some(Value::Date(_)));
    let shown = |x: i64| if date { crate::date::format(x as i32) } else { x.to_string() };
    let ranges: Vec<String> = v
        .ranges
        .iter()
        .map(|r| match (r.low, r.high, en) {
            (Some(l), Some(h), false) if l == h => format!("为{}", shown(l)),
            (Some(l), Some(h), false) => format!("在{}至{}之间", shown(l), shown(h)),
            (None, Some(h), false) => format!("不超过{}", shown(h)),
            (Some(l), None, false) => format!("不少于{}", shown(l)),
            (Some(l), Some(h), true) if l == h => format!("is {}", shown(l)),
            (Some(l), Some(h), true) => format!("is from {} to {}", shown(l), shown(h)),
            (None, Some(h), true) => format!("is at most {}", shown(h)),
            (Some(l), None, true) => format!("is at least {}", shown(l)),
            (None, None, true) => "is any value".into(),
            (None, None, false) => "为任意值".into(),
        })
        .collect();
    let mut out = format!("{name}{}{}", if en { " " } else { "" }, words::alternatives(&ranges, lang));
    if v.chosen.contains(&Value::Null) {
        out += if en { ", or is not given" } else { "，或者未载明" };
    }
    out
}

fn pattern_text(prog: &Program, g: &Gap, lang: Lang) -> String {
    let parts: Vec<String> = g.pattern.iter().map(|v| values_words(prog, v, lang)).collect();
    parts.join(if lang.en() { "; " } else { "；" })
}

/// What a `complete` declaration is about, in words: 「人员的责任追究方式」.
fn what(prog: &Program, c: &crate::program::Complete, lang: Lang) -> String {
    let en = lang.en();
    let def = &prog.conclusions[c.conclusion as usize];
    let label = def.labels.get(en);
    match def.scope {
        Scope::Member(l) => {
            let list = prog.facts.iter().find(|f| f.list == Some(l)).map_or("", |f| f.def.labels.get(en));
            if en { format!("each of the {list}: {label}") } else { format!("{list}的{label}") }
        }
        Scope::Global => label.to_string(),
    }
}

fn head(prog: &Program, c: &crate::program::Complete, lang: Lang) -> String {
    let cited = cite(prog, c.provision, lang);
    if lang.en() {
        format!("{} (must be decided, {cited})", what(prog, c, lang))
    } else {
        format!("{}（{cited}要求确定）", what(prog, c, lang))
    }
}

/// The gaps of each conclusion that must be decided (a conclusion not analysed says so, never
/// "0 gaps").
pub fn gaps(prog: &Program, found: &Gaps, lang: Lang) -> String {
    let mut out = String::new();
    let sep = if lang.en() { ": " } else { "：" };
    for c in &prog.completes {
        let def = &prog.conclusions[c.conclusion as usize];
        out += &format!("{}{sep}{}\n", head(prog, c, lang), count(found, &def.name, lang));
        out += &list(prog, found, &def.name, "  ", lang);
    }
    out
}

/// With layers: for each conclusion, the gaps of the base set alone, then those in the cases each
/// layer decides, with how much of each base gap it decides.
pub fn by_layer(prog: &Program, all: &ByLayer, lang: Lang) -> String {
    let en = lang.en();
    let sep = if en { ": " } else { "：" };
    let title = |l: u16| {
        let t = prog.layers[l as usize].title.get(en);
        if en { t.to_string() } else { format!("《{t}》") }
    };
    let mut out = String::new();
    for c in &prog.completes {
        let def = &prog.conclusions[c.conclusion as usize];
        out += &format!("{}\n", head(prog, c, lang));
        let base = if en { format!("{} alone", title(0)) } else { format!("仅依{}", title(0)) };
        out += &format!("  {base}{sep}{}\n", count(&all.base, &def.name, lang));
        out += &list(prog, &all.base, &def.name, "    ", lang);
        let numbered: Vec<usize> =
            (0..all.base.found.len()).filter(|i| all.base.found[*i].conclusion == def.name).collect();
        for l in &all.layers {
            let cases = if en {
                format!("in the cases {} decides", title(l.layer))
            } else {
                format!("在{}决定的案件中", title(l.layer))
            };
            out += &format!("  {cases}{sep}{}\n", count(&l.gaps, &def.name, lang));
            out += &list(prog, &l.gaps, &def.name, "    ", lang);
            for (n, i) in numbered.iter().enumerate() {
                let share = match (l.shares.get(*i).copied().flatten(), en) {
                    (Some(Share::Whole), true) => "decided in whole",
                    (Some(Share::Part), true) => "decided in part",
                    (Some(Share::Nothing), true) => "not decided",
                    (Some(Share::Apart), true) => "not among its cases",
                    (None, true) => "not compared (the search stopped)",
                    (Some(Share::Whole), false) => "全部确定",
                    (Some(Share::Part), false) => "部分确定",
                    (Some(Share::Nothing), false) => "未确定",
                    (Some(Share::Apart), false) => "不属其决定的案件",
                    (None, false) => "未比较（搜索已停止）",
                };
                out += &if en {
                    format!("    gap {} of {} alone: {share}\n", n + 1, title(0))
                } else {
                    format!("    仅依{}时的第{}处：{share}\n", title(0), n + 1)
                };
            }
        }
    }
    out
}

/// How many gaps a conclusion has, or that it was not analysed.
fn count(gaps: &Gaps, name: &str, lang: Lang) -> String {
    let steps = crate::analyze::search::MAX_STEPS;
    match (gaps.skipped.iter().find(|s| s.conclusion == name), lang.en()) {
        (Some(s), true) => {
            format!(
                "not analysed: the search over the {} values its rules read stopped after {steps} steps",
                s.atoms
            )
        }
        (Some(s), false) => format!("未分析：对其规则所读{}项取值的搜索在{steps}步后停止", s.atoms),
        (None, en) => {
            let n = gaps.found.iter().filter(|g| g.conclusion == name).count();
            if en { format!("{n} gap(s)") } else { format!("{n}处未确定") }
        }
    }
}

fn list(prog: &Program, gaps: &Gaps, name: &str, indent: &str, lang: Lang) -> String {
    let en = lang.en();
    let mut out = String::new();
    for (i, g) in gaps.found.iter().filter(|g| g.conclusion == name).enumerate() {
        let kind = match (g.conflict, en) {
            (true, true) => "rules conflict when",
            (false, true) => "no rule decides it when",
            (true, false) => "规则相互冲突：",
            (false, false) => "没有规则确定：",
        };
        let sep = if en { " " } else { "" };
        out += &format!("{indent}{}. {kind}{sep}{}\n", i + 1, pattern_text(prog, g, lang));
    }
    out
}

/// A rule named for people: its provision, and the value it gives when that is a constant.
fn rule_words(prog: &Program, r: u32, lang: Lang) -> String {
    let rule = &prog.rules[r as usize];
    let cited = cite(prog, rule.provision, lang);
    let ty = rule.target.map(|c| prog.conclusions[c as usize].ty);
    match &rule.value {
        Some(Expr::Const(v)) if !matches!(v, Value::Set(_)) => {
            let v = words::value(prog, ty, *v, lang);
            if lang.en() { format!("{cited} ({v})") } else { format!("{cited}（{v}）") }
        }
        _ => cited,
    }
}

/// A conflict's witness as a case file: what conflicts, when, and whether `zeren eval` decides the
/// case as a conflict (`None`: the witness is not a valid case); its comments in the reader's words.
pub fn conflict(
    prog: &Program,
    i: usize,
    p: &Pair,
    yaml: &str,
    unmet: &[String],
    decided: Option<bool>,
    lang: Lang,
) -> String {
    let en = lang.en();
    let (a, b) = (rule_words(prog, p.a, lang), rule_words(prog, p.b, lang));
    let target = words::path(prog, &p.target)
        .map(|(l, _)| l.get(en).to_string())
        .or_else(|| {
            prog.conclusions.iter().find(|c| c.name == p.target).map(|c| c.labels.get(en).to_string())
        })
        .unwrap_or_else(|| p.target.clone());
    let when: Vec<String> = p
        .witness
        .iter()
        .filter(|b| !b.name.starts_with('#'))
        .filter_map(|x| {
            let (l, ty) = words::path(prog, &x.name)?;
            let v = words::value(prog, Some(ty), x.value, lang);
            Some(if en { format!("{} is {v}", l.get(en)) } else { format!("{}为{v}", l.get(en)) })
        })
        .collect();
    let shown = match (decided, en) {
        (Some(true), true) => "yes",
        (Some(false), true) => "no",
        (None, true) => "no (the witness is not a valid case)",
        (Some(true), false) => "是",
        (Some(false), false) => "否",
        (None, false) => "否（该案件本身不是有效的案件文件）",
    };
    let mut text = if en {
        format!(
            "# conflict {}: {a} and {b} can both apply to one case and decide \"{target}\" differently\n# for example when {}\n",
            i + 1,
            when.join(", ")
        )
    } else {
        format!(
            "# 冲突{}：{a}与{b}可以同时适用于同一案件，对「{target}」得出不同结论\n# 例如：{}\n",
            i + 1,
            when.join("；")
        )
    };
    if !unmet.is_empty() {
        let unmet: Vec<String> = unmet
            .iter()
            .map(|u| words::path(prog, u).map_or(u.clone(), |(l, _)| l.get(en).to_string()))
            .collect();
        text += &if en {
            format!("# the case must also bring about: {}\n", unmet.join(", "))
        } else {
            format!("# 该案件还须满足：{}\n", unmet.join("、"))
        };
    }
    text += &if en {
        format!("# decided as a conflict when this case is decided: {shown}\n{yaml}")
    } else {
        format!("# 判定该案件时是否认定为冲突：{shown}\n{yaml}")
    };
    text
}
