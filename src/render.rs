//! Stage 5: a decided frame → text for people (`human`) and machines (`json`). Citations are
//! formatted from the numbering of provisions (`cite`); the trace explains each rule (`trace`).

pub mod cite;
pub mod explain;
pub mod human;
pub mod json;
pub mod trace;
pub mod whatif;
pub mod yaml;

use crate::program::frame::{Frame, Status};
use crate::program::ir::Value;
use crate::program::{Cite, GuardKind, Program, Scope, Ty};
use std::fmt::Write;

/// The language of the output: Chinese (which governs) or the English working translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn en(self) -> bool {
        self == Lang::En
    }
}

/// The layers that decide a case: the base set, and every layer whose guards hold.
pub fn active_layers(prog: &Program, f: &Frame) -> Vec<u16> {
    let cx = crate::program::meaning::Ctx::new(&f.globals, &f.lists);
    (0..prog.layers.len() as u16)
        .filter(|l| {
            prog.layers[*l as usize].guards.iter().all(|g| crate::program::meaning::truthy(&g.expr, &cx))
        })
        .collect()
}

/// What the decision says about layers that would apply to the case but are not in force at
/// its date (the base measures alone decide).
pub fn layer_notes(prog: &Program, f: &Frame, lang: Lang) -> Vec<String> {
    let cx = crate::program::meaning::Ctx::new(&f.globals, &f.lists);
    let mut out = vec![];
    for def in prog.layers.iter().skip(1) {
        let holds = |kind: GuardKind| {
            def.guards
                .iter()
                .filter(|g| g.kind == kind)
                .all(|g| crate::program::meaning::truthy(&g.expr, &cx))
        };
        if !holds(GuardKind::Applies) || holds(GuardKind::InForce) {
            continue;
        }
        let from = def.effective.map(crate::date::format).unwrap_or_default();
        let until = def.until.map(crate::date::format);
        let base = &prog.header.id;
        out.push(match (lang, until) {
            (Lang::Zh, None) => format!(
                "{}（{}）自{from}起施行；本案行为发生在此之前，仅依{base}决定。",
                def.title.get(false),
                def.id
            ),
            (Lang::Zh, Some(u)) => format!(
                "{}（{}）的施行期间为{from}至{u}之前；本案行为不在此期间，仅依{base}决定。",
                def.title.get(false),
                def.id
            ),
            (Lang::En, None) => {
                format!("{} takes effect on {from}; the conduct is earlier, so {base} alone decides.", def.id)
            }
            (Lang::En, Some(u)) => format!(
                "{} is in force from {from} until {u}; the conduct is outside it, so {base} alone decides.",
                def.id
            ),
        });
    }
    out
}

/// What a read value cites, so that a set of provisions shows its members: the conclusion whose
/// slot it reads (global, or of the member at `level` 0).
pub fn cite_of(prog: &Program, e: &crate::program::ir::Expr) -> Cite {
    use crate::program::ir::Expr;
    let found = match e {
        Expr::Global(s) => prog.conclusions.iter().position(|c| c.scope == Scope::Global && c.slot == *s),
        Expr::Var(0, s) => prog.conclusions.iter().position(|c| c.scope != Scope::Global && c.slot == *s),
        _ => None,
    };
    found.map_or(Cite::None, |c| Cite::Conclusion(c as u32))
}

/// The provisions whose rules decided a conclusion (for one member, or globally).
pub fn cites(prog: &Program, f: &Frame, cite: Cite, member: Option<(u16, usize)>) -> Vec<u16> {
    let mut out = vec![];
    match cite {
        Cite::None => {}
        Cite::Let(l) => out.extend(prog.lets[l as usize].provision),
        Cite::Conclusion(c) => {
            for &r in &prog.conclusions[c as usize].rules {
                if rule_status(prog, f, r, member.map(|m| m.1)) == Status::Won {
                    out.push(prog.rules[r as usize].provision);
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A rule's status on a case (member rules: for the given member).
pub fn rule_status(prog: &Program, f: &Frame, r: u32, member: Option<usize>) -> Status {
    let rule = &prog.rules[r as usize];
    match (rule.scope, member) {
        (Scope::Global, _) => f.status.get(rule.status as usize).copied().unwrap_or_default(),
        (Scope::Member(l), Some(i)) => f
            .lists
            .get(l as usize)
            .and_then(|m| m.get(i))
            .and_then(|m| m.status.get(rule.status as usize))
            .copied()
            .unwrap_or_default(),
        (Scope::Member(_), None) => Status::Unseen,
    }
}

/// Every provision with a rule that decided something, in the order of the text.
pub fn articles(prog: &Program, f: &Frame) -> Vec<u16> {
    let mut hit = vec![false; prog.provisions.len()];
    for (r, rule) in prog.rules.iter().enumerate() {
        let won = match rule.scope {
            Scope::Global => rule_status(prog, f, r as u32, None) == Status::Won,
            Scope::Member(l) => {
                (0..f.lists[l as usize].len()).any(|i| rule_status(prog, f, r as u32, Some(i)) == Status::Won)
            }
        };
        if won {
            hit[rule.provision as usize] = true;
        }
    }
    (0..prog.provisions.len() as u16).filter(|p| hit[*p as usize]).collect()
}

/// The members of a set value, as symbols or provisions, in order.
pub fn set_members(prog: &Program, ty: Ty, cite: Cite, bits: u128) -> Vec<SetMember> {
    let mut out = vec![];
    let mut rest = bits;
    while rest != 0 {
        let b = rest.trailing_zeros();
        rest &= rest - 1;
        match (ty, cite) {
            (Ty::SetOfEnum(e), _) => {
                if let Some(s) = prog.enums[e as usize].values.get(b as usize) {
                    out.push(SetMember::Sym(e, b as usize, *s));
                }
            }
            (Ty::SetOfProvision, Cite::Conclusion(c)) => {
                if let Some(p) = prog.conclusions[c as usize].universe.get(b as usize) {
                    out.push(SetMember::Provision(*p));
                }
            }
            _ => {}
        }
    }
    if let Some(SetMember::Provision(_)) = out.first() {
        out.sort_by_key(|m| if let SetMember::Provision(p) = m { *p } else { 0 });
    }
    out
}

pub enum SetMember {
    /// Enum, position among its values, symbol.
    Sym(u16, usize, u16),
    Provision(u16),
}

/// The text of a value for people.
pub fn show(prog: &Program, f: &Frame, ty: Ty, cite: Cite, v: Value, lang: Lang) -> String {
    let mut s = String::new();
    show_into(&mut s, prog, f, ty, cite, v, lang);
    s
}

/// `show`, written into `out`.
pub fn show_into(out: &mut String, prog: &Program, f: &Frame, ty: Ty, cite: Cite, v: Value, lang: Lang) {
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
        Value::Date(d) => out.push_str(&crate::date::format(d)),
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
        Value::Text(t) => out.push_str(f.texts.get(t as usize).map_or("", |s| s.as_str())),
        Value::PolicyText(t) => out.push_str(prog.strings.get(t as usize).map_or("", |s| s.as_str())),
        Value::Provision(p) => cite::cite_into(out, prog, p, lang),
        Value::Set(bits) => {
            let members = set_members(prog, ty, cite, bits);
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
