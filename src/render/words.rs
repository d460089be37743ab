//! Conditions and values in words, from the vocabulary's labels, in the reader's language: the one
//! place where `harm >= serious` becomes 「危害程度不低于危害严重」 / "harm is at least serious".
//! `--explain`, what-ifs, questions, gaps and conflicts all speak through it, so that no code, no
//! identifier and no English tag reaches a Chinese reader.

use super::Lang;
use super::cite::cite;
use crate::program::ir::{Expr, Ord, QuantKind, Value};
use crate::program::{Labels, Program, Scope, Ty};

/// The lists the member variables read, by level (0: the `each` member).
pub type Levels = [Option<u16>; 4];

/// The levels of a rule about `scope`.
pub fn levels(scope: Scope) -> Levels {
    match scope {
        Scope::Member(l) => [Some(l), None, None, None],
        Scope::Global => [None; 4],
    }
}

/// The labels and type of what a global slot holds.
pub fn global(prog: &Program, slot: u32) -> Option<(&Labels, Ty)> {
    for f in &prog.facts {
        if f.def.slot == slot {
            return Some((&f.def.labels, f.def.ty));
        }
        if let Some(x) = f.fields.iter().find(|x| x.slot == slot) {
            return Some((&x.labels, x.ty));
        }
    }
    if let Some(c) = prog.conclusions.iter().find(|c| c.scope == Scope::Global && c.slot == slot) {
        return Some((&c.labels, c.ty));
    }
    let l = prog.lets.iter().find(|l| l.slot == slot)?;
    l.labels.as_ref().map(|x| (x, l.ty))
}

/// The labels and type of a slot of a member of `list`.
pub fn member(prog: &Program, list: u16, slot: u32) -> Option<(&Labels, Ty)> {
    let def = prog.lists.get(list as usize)?;
    if let Some(f) = prog.records[def.record as usize].fields.iter().find(|f| f.slot == slot) {
        return Some((&f.labels, f.ty));
    }
    prog.conclusions
        .iter()
        .find(|c| c.scope == Scope::Member(list) && c.slot == slot)
        .map(|c| (&c.labels, c.ty))
}

/// The labels and type of a fact or field named by its path (`unit.kind`, `people.role`).
pub fn path<'p>(prog: &'p Program, path: &str) -> Option<(&'p Labels, Ty)> {
    let (head, field) = match path.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (path, None),
    };
    let fact = prog.facts.iter().find(|f| f.def.name == head)?;
    let Some(field) = field else { return Some((&fact.def.labels, fact.def.ty)) };
    if let Some(x) = fact.fields.iter().find(|x| x.name == field) {
        return Some((&x.labels, x.ty));
    }
    let l = fact.list?;
    let rec = &prog.records[prog.lists[l as usize].record as usize];
    rec.fields.iter().find(|x| x.name == field).map(|x| (&x.labels, x.ty))
}

/// The labels of a list fact (「此前措施」).
fn list_labels(prog: &Program, list: u16) -> Option<&Labels> {
    prog.facts.iter().find(|f| f.list == Some(list)).map(|f| &f.def.labels)
}

/// What an expression reads, named: its label and type.
fn read<'p>(prog: &'p Program, e: &Expr, lv: &Levels) -> Option<(&'p Labels, Ty)> {
    match e {
        Expr::Global(s) => global(prog, *s),
        Expr::Var(level, s) => member(prog, lv.get(*level as usize).copied().flatten()?, *s),
        _ => None,
    }
}

/// A value as a reader names it: an enumeration value by its label, a provision by its citation.
pub fn value(prog: &Program, ty: Option<Ty>, v: Value, lang: Lang) -> String {
    let en = lang.en();
    match v {
        Value::Null => (if en { "not given" } else { "未载明" }).into(),
        Value::Bool(b) => (match (b, en) {
            (true, false) => "是",
            (false, false) => "否",
            (true, true) => "yes",
            (false, true) => "no",
        })
        .into(),
        Value::Int(i) => i.to_string(),
        Value::Date(d) => crate::date::format(d),
        Value::Sym(s) => {
            let by_ty = match ty {
                Some(Ty::Enum(e) | Ty::SetOfEnum(e)) => Some(e),
                _ => None,
            };
            prog.sym_label(by_ty, s, en).map_or_else(|| prog.syms[s as usize].clone(), str::to_string)
        }
        Value::Provision(p) => cite(prog, p, lang),
        Value::PolicyText(t) => prog.text(t, en).to_string(),
        _ => (if en { "a value" } else { "某值" }).into(),
    }
}

/// The name of what an expression reads or computes.
pub fn name(prog: &Program, e: &Expr, lv: &mut Levels, lang: Lang) -> String {
    named(prog, e, lv, lang).unwrap_or_else(|| condition(prog, e, lv, lang))
}

/// The name of a value an expression reads or computes; `None` for a condition.
fn named(prog: &Program, e: &Expr, lv: &mut Levels, lang: Lang) -> Option<String> {
    let en = lang.en();
    if let Some((l, _)) = read(prog, e, lv) {
        return Some(l.get(en).to_string());
    }
    Some(match e {
        Expr::Const(v) => value(prog, None, *v, lang),
        Expr::SetSize(x) => {
            let n = name(prog, x, lv, lang);
            if en { format!("the number of {n}") } else { format!("{n}的数量") }
        }
        Expr::ListLen(l) => {
            let n = list_labels(prog, *l).map_or("?", |x| x.get(en)).to_string();
            if en { format!("the number of {n}") } else { format!("{n}的数量") }
        }
        Expr::Days(a, b) | Expr::WorkingDays(a, b, _) => {
            let (a, b) = (name(prog, a, lv, lang), name(prog, b, lv, lang));
            let working = matches!(e, Expr::WorkingDays(..));
            match (en, working) {
                (false, false) => format!("自{a}至{b}的日数"),
                (false, true) => format!("自{a}至{b}的工作日数"),
                (true, false) => format!("the days from {a} to {b}"),
                (true, true) => format!("the working days from {a} to {b}"),
            }
        }
        Expr::AddMonths(d, n, months) => {
            let d = name(prog, d, lv, lang);
            let n = match **n {
                Expr::Const(Value::Int(i)) => i,
                _ => 0,
            };
            let (unit_zh, unit_en, k) =
                if *months == 12 { ("年", "year", n) } else { ("个月", "month", n) };
            match (en, k >= 0) {
                (false, true) => format!("{d}后{k}{unit_zh}"),
                (false, false) => format!("{d}前{}{unit_zh}", -k),
                (true, true) => format!("{k} {unit_en}(s) after {d}"),
                (true, false) => format!("{} {unit_en}(s) before {d}", -k),
            }
        }
        Expr::Arith(sub, a, b) => {
            let (a, b) = (name(prog, a, lv, lang), name(prog, b, lv, lang));
            format!("{a} {} {b}", if *sub { "-" } else { "+" })
        }
        Expr::If(v, _) => name(prog, v, lv, lang),
        Expr::Best { max, list, level, body, .. } => {
            lv[*level as usize] = Some(*list);
            let what = name(prog, body, lv, lang);
            let l = list_labels(prog, *list).map_or("?", |x| x.get(en)).to_string();
            match (en, max) {
                (false, true) => format!("{l}中最高的{what}"),
                (false, false) => format!("{l}中最低的{what}"),
                (true, true) => format!("the highest {what} among the {l}"),
                (true, false) => format!("the lowest {what} among the {l}"),
            }
        }
        _ => return None,
    })
}

/// The type of what an expression reads, when it reads one thing.
pub fn ty_of(prog: &Program, e: &Expr, lv: &Levels) -> Option<Ty> {
    match e {
        Expr::If(v, _) => ty_of(prog, v, lv),
        Expr::Best { body, .. } => ty_of(prog, body, lv),
        _ => read(prog, e, lv).map(|x| x.1),
    }
}

/// A comparison's words: `{a}为{b}` / "a is b", and the like for each operator.
fn compare(prog: &Program, op: &str, a: &Expr, b: &Expr, lv: &mut Levels, lang: Lang) -> String {
    let en = lang.en();
    let ty = ty_of(prog, a, lv).or_else(|| ty_of(prog, b, lv));
    let side = |x: &Expr, lv: &mut Levels| match x {
        Expr::Const(v) => value(prog, ty, *v, lang),
        _ => name(prog, x, lv, lang),
    };
    let (x, y) = (side(a, lv), side(b, lv));
    let date = ty == Some(Ty::Date) || matches!(b, Expr::Const(Value::Date(_)));
    let scale = matches!(ty, Some(Ty::Enum(_)));
    let word = match (op, en, date, scale) {
        ("==", false, ..) => "为",
        ("!=", false, ..) => "不为",
        (">=", false, true, _) => "在",
        (">", false, true, _) => "晚于",
        ("<=", false, true, _) => "不晚于",
        ("<", false, true, _) => "早于",
        (">=", false, _, true) => "不低于",
        (">", false, _, true) => "高于",
        ("<=", false, _, true) => "不高于",
        ("<", false, _, true) => "低于",
        (">=", false, ..) => "不少于",
        (">", false, ..) => "多于",
        ("<=", false, ..) => "不多于",
        ("<", false, ..) => "少于",
        ("==", true, ..) => "is",
        ("!=", true, ..) => "is not",
        (">=", true, true, _) => "is on or after",
        (">", true, true, _) => "is after",
        ("<=", true, true, _) => "is on or before",
        ("<", true, true, _) => "is before",
        (">=", true, ..) => "is at least",
        (">", true, ..) => "is more than",
        ("<=", true, ..) => "is at most",
        _ => "is less than",
    };
    // 「责任不为不承担责任」 reads 「承担责任」: a negative label, denied, is the label without 不.
    if scale || matches!(ty, Some(Ty::Enum(_))) {
        if let (false, "!=", Some(rest)) = (en, op, y.strip_prefix('不')) {
            return rest.to_string();
        }
        if let (true, "!=", Some(_)) = (en, op, y.strip_prefix("no ")) {
            return format!("{x} is other than {y}");
        }
    }
    if !en && date && op == ">=" {
        return format!("{x}在{y}当日或者之后");
    }
    if en { format!("{x} {word} {y}") } else { format!("{x}{word}{y}") }
}

fn op_word(o: Ord) -> &'static str {
    match o {
        Ord::Lt => "<",
        Ord::Le => "<=",
        Ord::Gt => ">",
        Ord::Ge => ">=",
    }
}

/// Values joined as a reader lists alternatives: 「甲、乙或者丙」 / "a, b or c".
pub fn alternatives(items: &[String], lang: Lang) -> String {
    let (sep, last) = if lang.en() { (", ", " or ") } else { ("、", "或者") };
    match items {
        [] => String::new(),
        [x] => x.clone(),
        [rest @ .., x] => format!("{}{last}{x}", rest.join(sep)),
    }
}

/// A condition in words.
pub fn condition(prog: &Program, e: &Expr, lv: &mut Levels, lang: Lang) -> String {
    let en = lang.en();
    let group = |s: String, inner: &Expr| {
        if matches!(inner, Expr::And(..) | Expr::Or(..) | Expr::All(_)) {
            if en { format!("({s})") } else { format!("（{s}）") }
        } else {
            s
        }
    };
    match e {
        Expr::Const(Value::Bool(b)) => (match (b, en) {
            (true, false) => "总是",
            (false, false) => "从不",
            (true, true) => "always",
            (false, true) => "never",
        })
        .to_string(),
        Expr::Global(_) | Expr::Var(..) => match read(prog, e, lv) {
            Some((l, _)) => l.get(en).to_string(),
            None => (if en { "a value" } else { "某项" }).into(),
        },
        // `not any …`: none.
        Expr::Not(x) if matches!(**x, Expr::Quant { kind: QuantKind::Any, .. }) => {
            let Expr::Quant { list, level, body, .. } = &**x else { return String::new() };
            lv[*level as usize] = Some(*list);
            let l = list_labels(prog, *list).map_or("?", |x| x.get(en)).to_string();
            let b = condition(prog, body, lv, lang);
            if en { format!("none of the {l}: {b}") } else { format!("{l}中没有一项：{b}") }
        }
        Expr::Not(x) => {
            let inner = condition(prog, x, lv, lang);
            match (en, read(prog, x, lv).is_some()) {
                (false, true) => format!("「{inner}」不成立"),
                (false, false) => format!("并非{}", group(inner, x)),
                (true, _) => format!("not {}", group(inner, x)),
            }
        }
        Expr::And(a, b) => {
            let (x, y) = (condition(prog, a, lv, lang), condition(prog, b, lv, lang));
            let (x, y) = (group_or(x, a, en), group_or(y, b, en));
            if en { format!("{x} and {y}") } else { format!("{x}，且{y}") }
        }
        Expr::All(xs) => {
            let parts: Vec<String> =
                xs.iter().map(|x| group_or(condition(prog, x, lv, lang), x, en)).collect();
            parts.join(if en { " and " } else { "，且" })
        }
        Expr::Or(a, b) => {
            let (x, y) = (condition(prog, a, lv, lang), condition(prog, b, lv, lang));
            let (x, y) = (group(x, a), group(y, b));
            if en { format!("{x} or {y}") } else { format!("{x}或者{y}") }
        }
        Expr::Eq(a, b) => compare(prog, "==", a, b, lv, lang),
        Expr::Ne(a, b) => compare(prog, "!=", a, b, lv, lang),
        // `count(x) > 0`: there is some.
        Expr::Cmp(Ord::Gt, a, b)
            if matches!(**a, Expr::SetSize(_)) && matches!(**b, Expr::Const(Value::Int(0))) =>
        {
            let Expr::SetSize(x) = &**a else { return String::new() };
            let n = name(prog, x, lv, lang);
            if en { format!("there is some {n}") } else { format!("存在{n}") }
        }
        Expr::Cmp(o, a, b) | Expr::Rank(o, _, a, b) => compare(prog, op_word(*o), a, b, lv, lang),
        Expr::InSet(x, set) => {
            let ty = ty_of(prog, x, lv);
            let n = name(prog, x, lv, lang);
            let vs: Vec<String> = set.iter().map(|s| value(prog, ty, Value::Sym(*s), lang)).collect();
            if en {
                format!("{n} is {}", alternatives(&vs, lang))
            } else {
                format!("{n}为{}", alternatives(&vs, lang))
            }
        }
        Expr::Has(set, x) if matches!(**x, Expr::Const(_)) => {
            // A value among those a set holds: 「追究方式包括通报」.
            let label = match (ty_of(prog, set, lv), &**x) {
                (Some(Ty::SetOfEnum(e)), Expr::Const(Value::Int(bit))) => {
                    let def = &prog.enums[e as usize];
                    let at = def.bit.iter().position(|b| i64::from(*b) == *bit);
                    at.map(|s| value(prog, Some(Ty::Enum(e)), Value::Sym(s as u16), lang))
                }
                _ => None,
            };
            let label = label.unwrap_or_else(|| (if en { "a value" } else { "某值" }).into());
            let set = name(prog, set, lv, lang);
            if en { format!("{set} include {label}") } else { format!("{set}包括{label}") }
        }
        Expr::Has(set, x) => {
            let who = match **x {
                Expr::Var(level, _) => {
                    lv.get(level as usize).copied().flatten().and_then(|l| list_labels(prog, l))
                }
                _ => None,
            };
            let who = who.map_or("?", |l| l.get(en)).to_string();
            let set = name(prog, set, lv, lang);
            if en { format!("the one concerned is among the {set}") } else { format!("该{who}属于{set}") }
        }
        Expr::Present(x) => {
            let n = name(prog, x, lv, lang);
            // A fact is given by the case; a conclusion is reached by the provisions.
            let concluded = match **x {
                Expr::Global(s) => prog.conclusions.iter().any(|c| c.scope == Scope::Global && c.slot == s),
                Expr::Var(level, s) => lv.get(level as usize).copied().flatten().is_some_and(|l| {
                    prog.conclusions.iter().any(|c| c.scope == Scope::Member(l) && c.slot == s)
                }),
                _ => false,
            };
            match (en, concluded) {
                (false, false) => format!("案件载明{n}"),
                (false, true) => format!("已确定{n}"),
                (true, false) => format!("the case gives {n}"),
                (true, true) => format!("{n} is determined"),
            }
        }
        Expr::Quant { kind, list, level, body } => {
            lv[*level as usize] = Some(*list);
            let l = list_labels(prog, *list).map_or("?", |x| x.get(en)).to_string();
            let b = condition(prog, body, lv, lang);
            match (kind, en) {
                (QuantKind::Any, false) => format!("{l}中有一项：{b}"),
                (QuantKind::All, false) => format!("{l}中每一项均：{b}"),
                (QuantKind::Count, false) => format!("{l}中满足「{b}」的数量"),
                (QuantKind::Any, true) => format!("some of the {l}: {b}"),
                (QuantKind::All, true) => format!("every one of the {l}: {b}"),
                (QuantKind::Count, true) => format!("the number of the {l} where {b}"),
            }
        }
        Expr::If(v, c) => {
            let (v, c) = (name(prog, v, lv, lang), condition(prog, c, lv, lang));
            if en { format!("{v} if {c}") } else { format!("{c}时为{v}") }
        }
        // A value of a form no sentence above covers: said plainly, never as code.
        other => named(prog, other, lv, lang).unwrap_or_else(|| (if en { "a value" } else { "某值" }).into()),
    }
}

/// An `or` inside an `and` keeps its parentheses.
fn group_or(s: String, inner: &Expr, en: bool) -> String {
    if matches!(inner, Expr::Or(..)) { if en { format!("({s})") } else { format!("（{s}）") } } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::ir::Expr as E;

    #[test]
    fn alternatives_read_as_a_list() {
        let xs: Vec<String> = ["甲", "乙", "丙"].iter().map(|s| s.to_string()).collect();
        assert_eq!(alternatives(&xs, Lang::Zh), "甲、乙或者丙");
        assert_eq!(alternatives(&xs[..1], Lang::En), "甲");
        let c = E::Const(Value::Bool(true));
        assert_eq!(condition(&Program::default(), &c, &mut [None; 4], Lang::Zh), "总是");
    }
}
