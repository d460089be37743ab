//! The decision as JSON: the policy's `decision` keys, then `layers`, `digests`, `notes`,
//! `articles`, `findings` and `trace`. Written from the [`Decision`] straight to a string (no
//! intermediate tree: a batch writes thousands), keys in a fixed order, laid out for people or on
//! one line. `tree` builds the same object as a `serde_json::Value`, for the YAML and pretty
//! outputs; a test checks they agree.

use super::trace::{status_word, why_not_parts};
use super::{finding_into, note, show_into};
use crate::eval::decision::{Cited, Decision, Key};
use crate::program::ir::Value;
use crate::program::{Cite, OutEntry, Program, SetMember, Ty};
use std::fmt::Write;

/// Where the writer puts whitespace: laid out for people (`--format json`), or none at all, as
/// `serde_json::to_string` writes it (one line of JSON Lines). Each style is a type, so that the
/// writer is compiled once for each with its separators as constants: a batch's line writes a
/// comma as one byte, not as a copy of a string it looks up (some 4% of a case's instructions).
pub trait Style: Copy {
    /// Between the members of a list or the fields of an object on one line.
    const COMMA: &'static str;
    /// Between a key and its value.
    const COLON: &'static str;
    /// Before each top-level key, and before the closing brace.
    const TOP: &'static str;
    /// Before each finding or trace entry.
    const ITEM: &'static str;
    /// Before the decision's closing brace.
    const END: &'static str;
}

/// For people: a top-level key a line, lists and records on one line.
#[derive(Clone, Copy)]
pub struct Pretty;

impl Style for Pretty {
    const COMMA: &'static str = ", ";
    const COLON: &'static str = ": ";
    const TOP: &'static str = "\n  ";
    const ITEM: &'static str = "\n    ";
    const END: &'static str = "\n";
}

/// One line, no whitespace between tokens.
#[derive(Clone, Copy)]
pub struct Line;

impl Style for Line {
    const COMMA: &'static str = ",";
    const COLON: &'static str = ":";
    const TOP: &'static str = "";
    const ITEM: &'static str = "";
    const END: &'static str = "";
}

/// Whether any byte needs escaping (`"`, `\\` or a control). Most strings, Chinese text
/// included, need none. 16 bytes at a time, in a loop the compiler makes vector compares of.
fn needs_escape(b: &[u8]) -> bool {
    // `fold` with `|`, not `any`: no early exit inside a chunk, so that each is one vector test.
    let bad = |c: &[u8; 16]| c.iter().fold(false, |a, &x| a | (x < 0x20) | (x == b'"') | (x == b'\\'));
    let (chunks, rest) = b.as_chunks::<16>();
    // The last bytes padded with spaces, which need no escape.
    let mut last = [b' '; 16];
    last[..rest.len()].copy_from_slice(rest);
    chunks.iter().any(bad) || bad(&last)
}

/// A name the policy language made (a key, an id, a value's name, a digest): identifiers, digits,
/// dots, `:`, `#` and `-`, never anything JSON escapes, so written as it is.
fn name(out: &mut String, s: &str) {
    debug_assert!(!needs_escape(s.as_bytes()), "{s:?} needs escaping");
    out.push('"');
    out.push_str(s);
    out.push('"');
}

fn string(out: &mut String, s: &str) {
    out.push('"');
    escaped(out, s);
    out.push('"');
}

/// `s` as the inside of a JSON string.
fn escaped(out: &mut String, s: &str) {
    if !needs_escape(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    // Copy runs of bytes that need no escape in one go; only `"`, `\\` and controls are escaped.
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// A value as the decision writes it: enumeration values by name (`LAYER:value` for a value a
/// layer added), provisions by id, dates as `YYYY-MM-DD`, sets as lists.
fn value<S: Style>(out: &mut String, _: S, prog: &Program, d: &Decision, ty: Ty, cite: Cite, v: Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Date(x) => {
            // A date has no character to escape.
            out.push('"');
            crate::date::format_into(out, x);
            out.push('"');
        }
        Value::Sym(s) => name(out, &prog.sym_id(s)),
        Value::Text(t) => string(out, d.text(t)),
        Value::PolicyText(t) => string(out, prog.strings.get(t as usize).map_or("", |s| s.as_str())),
        Value::Provision(p) => name(out, &prog.provisions[p as usize].id),
        Value::Set(bits) if matches!(ty, Ty::Members(_)) => {
            out.push('[');
            for (i, name) in d.members(ty, bits).iter().enumerate() {
                if i > 0 {
                    out.push_str(S::COMMA);
                }
                string(out, name);
            }
            out.push(']');
        }
        Value::Set(bits) if matches!(ty, Ty::SetOfEnum(_)) => {
            let Ty::SetOfEnum(e) = ty else { return };
            out.push('[');
            for (i, s) in prog.enum_set(e, bits).enumerate() {
                if i > 0 {
                    out.push_str(S::COMMA);
                }
                name(out, &prog.sym_id(s));
            }
            out.push(']');
        }
        Value::Set(bits) => {
            out.push('[');
            for (i, m) in prog.set_members(ty, cite, bits).into_iter().enumerate() {
                if i > 0 {
                    out.push_str(S::COMMA);
                }
                match m {
                    SetMember::Sym(_, _, s) => name(out, &prog.sym_id(s)),
                    SetMember::Provision(p) => name(out, &prog.provisions[p as usize].id),
                }
            }
            out.push(']');
        }
    }
}

/// The fields of one record or list member.
fn object<S: Style>(
    out: &mut String,
    st: S,
    prog: &Program,
    d: &Decision,
    fields: &[OutEntry],
    values: &[Cited],
) {
    out.push('{');
    for (i, (e, c)) in fields.iter().zip(values).enumerate() {
        if i > 0 {
            out.push_str(S::COMMA);
        }
        name(out, &e.key);
        out.push_str(S::COLON);
        value(out, st, prog, d, e.ty, e.cite, c.value);
    }
    out.push('}');
}

fn entry<S: Style>(out: &mut String, st: S, prog: &Program, d: &Decision, e: &OutEntry, k: &Key) {
    name(out, &e.key);
    out.push_str(S::COLON);
    match k {
        Key::List(members) => {
            out.push('[');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(S::COMMA);
                }
                object(out, st, prog, d, &e.fields, m);
            }
            out.push(']');
        }
        Key::Record(fields) => object(out, st, prog, d, &e.fields, fields),
        Key::One(c) => value(out, st, prog, d, e.ty, e.cite, c.value),
    }
}

/// One decision as a JSON object: the policy's `decision` keys, then `layers`, `digests`,
/// `notes`, `articles`, `findings`, and `trace` when it was kept (`--trace`, `--explain`), laid
/// out in the given style.
pub fn decision<S: Style>(out: &mut String, st: S, prog: &Program, d: &Decision) {
    head(out, st, prog, d);
    if !d.trace.is_empty() {
        out.push(',');
        out.push_str(S::TOP);
        name(out, "trace");
        out.push_str(S::COLON);
        trace(out, st, prog, d);
    }
    out.push_str(S::END);
    out.push('}');
}

/// Opens a top-level key: its comma (unless `first`), its line, its name and colon.
fn key<S: Style>(out: &mut String, _: S, first: bool, k: &str) {
    if !first {
        out.push(',');
    }
    out.push_str(S::TOP);
    name(out, k);
    out.push_str(S::COLON);
}

/// A list of strings on one line, each written by `each` ([`name`] or [`string`]).
fn strings<'a, S: Style>(
    out: &mut String,
    _: S,
    items: impl Iterator<Item = &'a str>,
    each: fn(&mut String, &str),
) {
    out.push('[');
    for (i, x) in items.enumerate() {
        if i > 0 {
            out.push_str(S::COMMA);
        }
        each(out, x);
    }
    out.push(']');
}

/// Everything before the trace, up to the findings' closing bracket.
fn head<S: Style>(out: &mut String, st: S, prog: &Program, d: &Decision) {
    out.push('{');
    for (i, (e, k)) in prog.decision.iter().zip(&d.keys).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(S::TOP);
        entry(out, st, prog, d, e, k);
    }
    let layer = |l: &u16| prog.layers[*l as usize].id.as_str();
    key(out, st, prog.decision.is_empty(), "layers");
    strings(out, st, d.layers.iter().map(layer), name);
    key(out, st, false, "digests");
    out.push('{');
    for (i, l) in d.layers.iter().enumerate() {
        if i > 0 {
            out.push_str(S::COMMA);
        }
        name(out, layer(l));
        out.push_str(S::COLON);
        name(out, &prog.layers[*l as usize].digest);
    }
    out.push('}');
    key(out, st, false, "notes");
    let notes: Vec<String> = d.not_in_force.iter().map(|l| note(prog, *l, d.lang)).collect();
    strings(out, st, notes.iter().map(String::as_str), string);
    key(out, st, false, "articles");
    strings(out, st, d.articles.iter().map(|p| prog.provisions[*p as usize].id.as_str()), name);
    key(out, st, false, "findings");
    out.push('[');
    for (i, f) in d.findings.iter().enumerate() {
        item(out, st, i, "article");
        name(out, &prog.provisions[f.provision as usize].id);
        field(out, st, "text");
        // Written where it goes, and escaped there only if it must be (a value the case gave
        // may hold a quote; the policy's words rarely do).
        out.push('"');
        let start = out.len();
        finding_into(out, prog, d, f, d.lang);
        if needs_escape(&out.as_bytes()[start..]) {
            let text = out.split_off(start);
            escaped(out, &text);
        }
        out.push_str("\"}");
    }
    out.push_str(S::TOP);
    out.push(']');
}

/// Opens the `i`th entry of the findings or the trace, up to its first key's colon.
fn item<S: Style>(out: &mut String, _: S, i: usize, first: &str) {
    if i > 0 {
        out.push(',');
    }
    out.push_str(S::ITEM);
    out.push('{');
    name(out, first);
    out.push_str(S::COLON);
}

/// A field after the first of an object on one line: its comma, name and colon.
fn field<S: Style>(out: &mut String, _: S, k: &str) {
    out.push_str(S::COMMA);
    name(out, k);
    out.push_str(S::COLON);
}

/// The type of the fact in a global slot.
pub fn fact_ty(prog: &Program, slot: u32) -> Ty {
    prog.facts
        .iter()
        .flat_map(|x| std::iter::once(&x.def).chain(x.fields.iter()))
        .find(|x| x.slot == slot)
        .map_or(Ty::Bool, |x| x.ty)
}

/// The trace: every rule on every member it ran on.
fn trace<S: Style>(out: &mut String, st: S, prog: &Program, d: &Decision) {
    out.push('[');
    let lang = d.lang;
    let mut scratch = String::new();
    for (i, t) in d.trace.iter().enumerate() {
        let rule = &prog.rules[t.rule as usize];
        item(out, st, i, "rule");
        name(out, &rule.id);
        field(out, st, "provision");
        name(out, &prog.provisions[rule.provision as usize].id);
        if let Some((l, m)) = t.member {
            field(out, st, "member");
            string(out, &d.member_name(prog, l, m));
        }
        if rule.layer > 0 {
            field(out, st, "layer");
            name(out, &prog.layers[rule.layer as usize].id);
        }
        field(out, st, "status");
        string(out, status_word(prog, t));
        if !rule.effect_text.is_empty() {
            field(out, st, "concludes");
            string(out, &rule.effect_text);
        }
        field(out, st, "facts");
        out.push('{');
        for (k, (r, v)) in rule.reads.iter().zip(d.reads_of(t)).enumerate() {
            if k > 0 {
                out.push_str(S::COMMA);
            }
            name(out, &r.name);
            out.push_str(S::COLON);
            scratch.clear();
            show_into(&mut scratch, prog, d, r.ty, r.cite, v.value, lang);
            string(out, &scratch);
        }
        out.push('}');
        if let Some(w) = t.why_not {
            field(out, st, "why_not");
            let (before, text, after) = why_not_parts(prog, t, w, lang);
            out.push('"');
            for piece in [before, text, after] {
                escaped(out, piece);
            }
            out.push('"');
        }
        if let (Some(v), Some(slot)) = (d.defined(t), rule.defines) {
            field(out, st, "defined");
            value(out, st, prog, d, fact_ty(prog, slot), Cite::None, v);
        }
        if let (Some((from, to)), Some(c)) = (d.moved(t), rule.target) {
            let ty = prog.conclusions[c as usize].ty;
            field(out, st, "moved");
            out.push('{');
            name(out, "from");
            out.push_str(S::COLON);
            value(out, st, prog, d, ty, Cite::None, from);
            field(out, st, "to");
            value(out, st, prog, d, ty, Cite::None, to);
            out.push('}');
        }
        if !d.overridden_by(t).is_empty() {
            field(out, st, "overridden_by");
            strings(out, st, d.overridden_by(t).iter().map(|o| prog.rules[*o as usize].id.as_str()), name);
        }
        out.push('}');
    }
    out.push_str(S::TOP);
    out.push(']');
}

#[cfg(test)]
mod tests {
    /// The word-at-a-time check agrees with a byte-at-a-time one, wherever the byte is.
    #[test]
    fn needs_escape_agrees_with_bytes() {
        let naive = |b: &[u8]| b.iter().any(|&x| x < 0x20 || x == b'"' || x == b'\\');
        for fill in [b'a', 0xe4, 0x7f, 0x21, 0xff] {
            for len in 0..40 {
                for at in 0..len {
                    for x in 0..=255u8 {
                        let mut b = vec![fill; len];
                        b[at] = x;
                        assert_eq!(super::needs_escape(&b), naive(&b), "{b:?}");
                    }
                }
            }
        }
    }
}
