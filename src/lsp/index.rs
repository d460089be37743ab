//! What each name of a loaded policy set is: facts and their fields, records, enumerations and
//! their values, conclusions, definitions, rules, provisions and layers, each with its labels,
//! its type and where it is declared; for hover, go to definition, completion and the outline.

use crate::program::ir::Value;
use crate::program::{Program, Span, Ty};
use std::fmt::Write;

/// What a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A fact a case gives.
    Fact,
    /// A field of a record (of a fact, or of a list's members).
    Field,
    /// A record.
    Record,
    /// An enumeration or a scale.
    Enum,
    /// A value of an enumeration.
    Value,
    /// A conclusion.
    Conclusion,
    /// A definition (`let`).
    Let,
    /// A rule.
    Rule,
    /// An article, paragraph or item.
    Provision,
    /// The base set or a layer.
    Layer,
}

/// One name.
#[derive(Debug, Clone)]
pub struct Symbol {
    /// The name as the policy writes it.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// For a field: its record's name; for a value: its enumeration's.
    pub owner: Option<String>,
    /// Where it is declared.
    pub span: Span,
    /// What hover shows (markdown).
    pub about: String,
    /// One line for completion lists.
    pub detail: String,
}

fn ty(prog: &Program, t: Ty) -> String {
    match t {
        Ty::Bool => "yes or no".into(),
        Ty::Int => "a whole number".into(),
        Ty::Text => "a text".into(),
        Ty::Date => "a date".into(),
        Ty::Enum(e) => {
            let d = &prog.enums[e as usize];
            let values: Vec<&str> = d.values.iter().map(|v| prog.syms[*v as usize].as_str()).collect();
            format!("{} `{}`: {}", if d.scale { "scale" } else { "enum" }, d.name, values.join(", "))
        }
        Ty::Record(r) => format!("record `{}`", prog.records[r as usize].name),
        Ty::List(r) => format!("list of `{}`", prog.records[r as usize].name),
        Ty::SetOfEnum(e) => format!("set of `{}`", prog.enums[e as usize].name),
        Ty::SetOfProvision => "a set of provisions".into(),
        Ty::Provision => "a provision".into(),
        Ty::Members(l) => {
            format!("members of `{}`", prog.lists.get(l as usize).map_or("", |l| l.name.as_str()))
        }
    }
}

fn value(prog: &Program, v: Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Date(d) => crate::date::format(d),
        Value::Sym(s) => prog.syms[s as usize].clone(),
        _ => "—".into(),
    }
}

fn file(prog: &Program, s: Span) -> String {
    let name = prog.sources.get(s.src as usize).map_or("", |x| &*x.name);
    let line = prog.sources.get(s.src as usize).map_or(0, |x| {
        x.text.get(..s.start as usize).map_or(0, |t| t.bytes().filter(|b| *b == b'\n').count()) + 1
    });
    format!("{name}:{line}")
}

fn labels(zh: &str, en: Option<&str>) -> String {
    match en {
        Some(en) if !en.is_empty() => format!("{zh} / {en}"),
        _ => zh.to_string(),
    }
}

/// Every name of a program.
pub fn symbols(prog: &Program) -> Vec<Symbol> {
    let mut out = vec![];
    let mut push = |name: &str,
                    kind: Kind,
                    owner: Option<&str>,
                    span: Span,
                    about: String,
                    detail: String| {
        out.push(Symbol { name: name.into(), kind, owner: owner.map(str::to_string), span, about, detail })
    };
    let field = |f: &crate::program::FieldDef, what: &str| {
        let mut about = format!(
            "**{what}** `{}` — {}\n\n{}",
            f.name,
            labels(&f.labels.zh, f.labels.en.as_deref()),
            ty(prog, f.ty)
        );
        if let Some(d) = f.default {
            let _ = write!(about, "; default `{}`", value(prog, d));
        }
        for (yes, word) in [
            (f.optional, "optional"),
            (f.nonempty, "at least one"),
            (f.unique, "unique"),
            (f.open, "open: implementing rules may define it"),
            (f.defined, "defined by a layer"),
        ] {
            if yes {
                let _ = write!(about, "; {word}");
            }
        }
        if f.layer > 0 {
            let _ = write!(about, "\n\nadded by layer `{}`", prog.layers[f.layer as usize].id);
        }
        let _ = write!(about, "\n\ndeclared at {}", file(prog, f.span));
        (about, labels(&f.labels.zh, f.labels.en.as_deref()))
    };
    for f in &prog.facts {
        let (about, detail) = field(&f.def, "fact");
        push(&f.def.name, Kind::Fact, None, f.def.span, about, detail);
    }
    for r in &prog.records {
        let about = format!(
            "**record** `{}` — {}\n\nfields: {}\n\ndeclared at {}",
            r.name,
            labels(&r.labels.zh, r.labels.en.as_deref()),
            r.fields.iter().map(|f| format!("`{}`", f.name)).collect::<Vec<_>>().join(", "),
            file(prog, r.span)
        );
        push(&r.name, Kind::Record, None, r.span, about, labels(&r.labels.zh, r.labels.en.as_deref()));
        for f in &r.fields {
            let (about, detail) = field(f, &format!("field of `{}`", r.name));
            push(&f.name, Kind::Field, Some(&r.name), f.span, about, detail);
        }
    }
    for e in &prog.enums {
        let about = format!(
            "**{}** `{}` — {}\n\n{}\n\ndeclared at {}",
            if e.scale { "scale" } else { "enum" },
            e.name,
            labels(&e.labels.zh, e.labels.en.as_deref()),
            ty(prog, Ty::Enum(prog.enums.iter().position(|x| x.name == e.name).unwrap_or(0) as u16)),
            file(prog, e.span)
        );
        push(&e.name, Kind::Enum, None, e.span, about, labels(&e.labels.zh, e.labels.en.as_deref()));
        for (v, l) in e.values.iter().zip(&e.value_labels) {
            let name = &prog.syms[*v as usize];
            let about = format!(
                "**value** `{name}` of `{}` — {}\n\ndeclared at {}",
                e.name,
                labels(&l.zh, l.en.as_deref()),
                file(prog, l.span)
            );
            push(name, Kind::Value, Some(&e.name), l.span, about, labels(&l.zh, l.en.as_deref()));
        }
    }
    for c in &prog.conclusions {
        let about = format!(
            "**conclusion** `{}` — {}\n\n{}; {} rule(s)\n\ndeclared at {}",
            c.name,
            labels(&c.labels.zh, c.labels.en.as_deref()),
            ty(prog, c.ty),
            c.rules.len(),
            file(prog, c.span)
        );
        push(&c.name, Kind::Conclusion, None, c.span, about, labels(&c.labels.zh, c.labels.en.as_deref()));
    }
    for l in &prog.lets {
        let words = l.labels.as_ref().map(|x| labels(&x.zh, x.en.as_deref())).unwrap_or_default();
        let about = format!(
            "**definition** `{}` — {words}\n\n{}\n\ndeclared at {}",
            l.name,
            ty(prog, l.ty),
            file(prog, l.span)
        );
        push(&l.name, Kind::Let, None, l.span, about, words);
    }
    for r in &prog.rules {
        let p = &prog.provisions[r.provision as usize];
        let mut about = format!(
            "**rule** `{}` of {} `{}`\n\n`{}`",
            r.id,
            format!("{:?}", p.kind).to_lowercase(),
            p.id,
            r.effect_text
        );
        for e in &r.exception_to {
            let other = &prog.rules[*e as usize];
            let _ = write!(
                about,
                "\n\nan exception to `{}` ({} {})",
                other.id, prog.layers[other.layer as usize].id, prog.provisions[other.provision as usize].id
            );
        }
        let _ = write!(about, "\n\ndeclared at {}", file(prog, r.span));
        let name = r.name.clone().unwrap_or_else(|| r.id.clone());
        push(&name, Kind::Rule, Some(&p.id), r.span, about, r.effect_text.clone());
    }
    for (i, p) in prog.provisions.iter().enumerate() {
        let layer = &prog.layers[p.layer as usize];
        let mut about = format!(
            "**{}** `{}` of {}",
            format!("{:?}", p.kind).to_lowercase(),
            p.id,
            labels(&layer.title.zh, layer.title.en.as_deref())
        );
        if let Some(t) = &p.labels {
            let _ = write!(about, "\n\n{}", t.zh);
            if let Some(en) = &t.en {
                let _ = write!(about, "\n\n_{en}_");
            }
        }
        // A layer's provision builds on the national provisions its rules make exceptions to.
        let mut on: Vec<&str> = vec![];
        for r in prog.rules.iter().filter(|r| r.provision as usize == i) {
            for e in &r.exception_to {
                let base = &prog.provisions[prog.rules[*e as usize].provision as usize];
                if base.layer != p.layer && !on.contains(&base.id.as_str()) {
                    on.push(&base.id);
                }
            }
        }
        if !on.is_empty() {
            let _ = write!(about, "\n\nbuilds on {} of `{}`", on.join(", "), prog.layers[0].id);
        }
        let detail = p.labels.as_ref().map(|t| t.zh.chars().take(40).collect()).unwrap_or_default();
        push(&p.id, Kind::Provision, Some(&layer.id), p.span, about, detail);
    }
    for l in &prog.layers {
        let about = format!(
            "**{}** `{}` — {}\n\nissued by {}; `{}`",
            if l.extends.is_some() { "layer" } else { "measures" },
            l.id,
            labels(&l.title.zh, l.title.en.as_deref()),
            l.issuer,
            l.digest
        );
        push(&l.id, Kind::Layer, None, l.span, about, labels(&l.title.zh, l.title.en.as_deref()));
    }
    out
}

/// The symbols a word may name: a field of its owner's record where it has one, else every
/// symbol of that name (a fact before a field, a value before a rule's name). `before` is the
/// text before the word, where a name the owner may be is bound (see [`record_in`]).
pub fn lookup<'a>(
    prog: &Program,
    all: &'a [Symbol],
    word: &str,
    owner: Option<&str>,
    before: &str,
) -> Vec<&'a Symbol> {
    if let Some(o) = owner {
        let record = record_in(prog, before, o);
        let found: Vec<&Symbol> = all
            .iter()
            .filter(|s| {
                s.kind == Kind::Field
                    && s.name == word
                    && (record.is_none() || s.owner.as_deref() == record.as_deref())
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    let mut found: Vec<&Symbol> = all.iter().filter(|s| s.name == word).collect();
    found.sort_by_key(|s| s.kind as u8);
    found
}

/// The record of `name` written before a field (`name.field`) after the text `before`: of the
/// fact, list or record so named, else of the list a binding there ranges over (`person` in
/// `each person in people`).
pub fn record_in(prog: &Program, before: &str, name: &str) -> Option<String> {
    record_of(prog, name).or_else(|| super::text::bound(before, name).and_then(|list| record_of(prog, list)))
}

/// The record of a fact, list or record named `name` (for `name.field`).
pub fn record_of(prog: &Program, name: &str) -> Option<String> {
    let r = |t: Ty| match t {
        Ty::Record(r) | Ty::List(r) => Some(prog.records[r as usize].name.clone()),
        _ => None,
    };
    if let Some(f) = prog.facts.iter().find(|f| f.def.name == name) {
        return r(f.def.ty);
    }
    prog.records.iter().find(|x| x.name == name).map(|x| x.name.clone())
}
