//! The decision as JSON: the policy's `decision` keys, then `layers`, `articles`, `findings`
//! and `trace`. Written straight to a string (no intermediate tree), keys in a fixed order.

use super::trace::{entries, findings, member_name, status_word};
use super::{Lang, SetMember, active_layers, articles, layer_notes, set_members, show_into};
use crate::program::frame::Frame;
use crate::program::frame::Status;
use crate::program::ir::Value;
use crate::program::meaning::{Ctx, eval};
use crate::program::{Cite, OutEntry, Program, Ty};
use std::fmt::Write;

/// Whether any byte needs escaping (`"`, `\\` or a control); checked 8 bytes at a time in a
/// word (most strings, Chinese text included, need none).
fn needs_escape(b: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte of `x` is below `n` (n ≤ 0x80); a false hit happens only above a true one.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH != 0;
    let bad = |x: u64| {
        below(x, 0x20) | below(x ^ (ONES * u64::from(b'"')), 1) | below(x ^ (ONES * u64::from(b'\\')), 1)
    };
    let word = |w: &[u8]| bad(u64::from_ne_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]));
    if b.len() < 8 {
        // Padded with spaces, which need no escape.
        let mut w = [b' '; 8];
        w[..b.len()].copy_from_slice(b);
        return word(&w);
    }
    // The last word may overlap the one before it.
    b.chunks_exact(8).any(word) || word(&b[b.len() - 8..])
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

fn value(out: &mut String, prog: &Program, f: &Frame, ty: Ty, cite: Cite, v: Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Date(d) => string(out, &crate::date::format(d)),
        Value::Sym(s) => string(out, &prog.sym_id(s)),
        Value::Text(t) => string(out, f.texts.get(t as usize).map_or("", |s| s.as_str())),
        Value::PolicyText(t) => string(out, prog.strings.get(t as usize).map_or("", |s| s.as_str())),
        Value::Provision(p) => string(out, &prog.provisions[p as usize].id),
        Value::Set(bits) => {
            out.push('[');
            for (i, m) in set_members(prog, ty, cite, bits).into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match m {
                    SetMember::Sym(_, _, s) => string(out, &prog.sym_id(s)),
                    SetMember::Provision(p) => string(out, &prog.provisions[p as usize].id),
                }
            }
            out.push(']');
        }
    }
}

fn entry(out: &mut String, prog: &Program, f: &Frame, e: &OutEntry, cx: &Ctx) {
    string(out, &e.key);
    out.push_str(": ");
    if let Some(l) = e.list {
        out.push('[');
        for (i, m) in f.lists[l as usize].iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let mcx = cx.with(0, &m.vals);
            object(out, prog, f, &e.fields, &mcx);
        }
        out.push(']');
    } else if !e.fields.is_empty() {
        object(out, prog, f, &e.fields, cx);
    } else {
        value(out, prog, f, e.ty, e.cite, eval(&e.read, cx));
    }
}

fn object(out: &mut String, prog: &Program, f: &Frame, fields: &[OutEntry], cx: &Ctx) {
    out.push('{');
    for (i, e) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        entry(out, prog, f, e, cx);
    }
    out.push('}');
}

/// One decision as a JSON object.
pub fn decision(out: &mut String, prog: &Program, f: &Frame, lang: Lang) {
    head(out, prog, f, lang);
    trace(out, prog, f, lang);
}

/// One decision as a JSON object with an empty trace: what analyses that compare decisions
/// read (the trace is the costly part and they leave it out).
pub fn outcome(out: &mut String, prog: &Program, f: &Frame, lang: Lang) {
    head(out, prog, f, lang);
    out.push_str("[]\n}");
}

/// Everything before the trace's value, up to `"trace": `.
fn head(out: &mut String, prog: &Program, f: &Frame, lang: Lang) {
    let cx = Ctx::new(&f.globals, &f.lists);
    out.push_str("{\n  ");
    for e in &prog.decision {
        entry(out, prog, f, e, &cx);
        out.push_str(",\n  ");
    }
    let layers = active_layers(prog, f);
    out.push_str("\"layers\": [");
    for (i, l) in layers.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, &prog.layers[*l as usize].id);
    }
    out.push_str("],\n  \"digests\": {");
    for (i, l) in layers.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, &prog.layers[*l as usize].id);
        out.push_str(": ");
        string(out, &prog.layers[*l as usize].digest);
    }
    out.push_str("},\n  \"notes\": [");
    for (i, n) in layer_notes(prog, f, lang).iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, n);
    }
    out.push_str("],\n  \"articles\": [");
    for (i, p) in articles(prog, f).into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, &prog.provisions[p as usize].id);
    }
    out.push_str("],\n  \"findings\": [");
    for (i, (p, text)) in findings(prog, f, lang).into_iter().enumerate() {
        out.push_str(if i > 0 { ",\n    " } else { "\n    " });
        out.push_str("{\"article\": ");
        string(out, &prog.provisions[p as usize].id);
        out.push_str(", \"text\": ");
        string(out, &text);
        out.push('}');
    }
    out.push_str("\n  ],\n  \"trace\": ");
}

/// The trace: every rule on every member it ran on, closing the decision.
fn trace(out: &mut String, prog: &Program, f: &Frame, lang: Lang) {
    out.push('[');
    let names: Vec<Vec<String>> = (0..f.lists.len())
        .map(|l| (0..f.lists[l].len()).map(|i| member_name(prog, f, l as u16, i)).collect())
        .collect();
    let mut scratch = String::new();
    for (i, t) in entries(prog, f).enumerate() {
        let rule = &prog.rules[t.rule as usize];
        out.push_str(if i > 0 { ",\n    " } else { "\n    " });
        out.push_str("{\"rule\": ");
        string(out, &rule.id);
        out.push_str(", \"provision\": ");
        string(out, &prog.provisions[rule.provision as usize].id);
        if let Some((l, m)) = t.member {
            out.push_str(", \"member\": ");
            string(out, &names[l as usize][m]);
        }
        if rule.layer > 0 {
            out.push_str(", \"layer\": ");
            string(out, &prog.layers[rule.layer as usize].id);
        }
        out.push_str(", \"status\": ");
        if rule.step != 0 && t.status == Status::Lost {
            string(out, "no_effect");
        } else {
            string(out, status_word(t.status));
        }
        if !rule.effect_text.is_empty() {
            out.push_str(", \"concludes\": ");
            string(out, &rule.effect_text);
        }
        out.push_str(", \"facts\": {");
        for (k, (name, ty, v, cite)) in t.facts(prog, f).enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            string(out, name);
            out.push_str(": ");
            scratch.clear();
            show_into(&mut scratch, prog, f, ty, cite, v, lang);
            string(out, &scratch);
        }
        out.push('}');
        if let Some(w) = t.why_not(prog, f) {
            out.push_str(", \"why_not\": ");
            let (before, t, after) = w.parts(lang);
            out.push('"');
            for piece in [before, t, after] {
                escaped(out, piece);
            }
            out.push('"');
        }
        if let Some((ty, v)) = t.defined(prog, f) {
            out.push_str(", \"defined\": ");
            value(out, prog, f, ty, Cite::None, v);
        }
        if let Some((ty, from, to)) = t.moved(prog, f) {
            out.push_str(", \"moved\": {\"from\": ");
            value(out, prog, f, ty, Cite::None, from);
            out.push_str(", \"to\": ");
            value(out, prog, f, ty, Cite::None, to);
            out.push('}');
        }
        let by = t.overridden_by(prog, f);
        if !by.is_empty() {
            out.push_str(", \"overridden_by\": [");
            for (k, o) in by.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                string(out, o);
            }
            out.push(']');
        }
        out.push('}');
    }
    out.push_str("\n  ]\n}");
}

#[cfg(test)]
mod tests {
    /// The word-at-a-time check agrees with a byte-at-a-time one, wherever the byte is.
    #[test]
    fn needs_escape_agrees_with_bytes() {
        let naive = |b: &[u8]| b.iter().any(|&x| x < 0x20 || x == b'"' || x == b'\\');
        for fill in [b'a', 0xe4, 0x7f, 0x21, 0xff] {
            for len in 0..20 {
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
