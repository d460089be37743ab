//! The decision as JSON: the policy's `decision` keys, then `layers`, `digests`, `notes`,
//! `articles`, `findings` and `trace`. Written from the [`Decision`] straight to a string (no
//! intermediate tree: a batch writes thousands), keys in a fixed order. `tree` builds the same
//! object as a `serde_json::Value`, for the YAML and pretty outputs; a test checks they agree.

use super::trace::{status_word, why_not_parts};
use super::{finding_text, note, show_into};
use crate::eval::decision::{Cited, Decision, Key};
use crate::program::ir::Value;
use crate::program::{Cite, OutEntry, Program, SetMember, Ty};
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

/// A value as the decision writes it: enumeration values by name (`LAYER:value` for a value a
/// layer added), provisions by id, dates as `YYYY-MM-DD`, sets as lists.
fn value(out: &mut String, prog: &Program, d: &Decision, ty: Ty, cite: Cite, v: Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Date(x) => string(out, &crate::date::format(x)),
        Value::Sym(s) => string(out, &prog.sym_id(s)),
        Value::Text(t) => string(out, d.text(t)),
        Value::PolicyText(t) => string(out, prog.strings.get(t as usize).map_or("", |s| s.as_str())),
        Value::Provision(p) => string(out, &prog.provisions[p as usize].id),
        Value::Set(bits) if matches!(ty, Ty::Members(_)) => {
            out.push('[');
            for (i, name) in d.members(ty, bits).iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                string(out, name);
            }
            out.push(']');
        }
        Value::Set(bits) => {
            out.push('[');
            for (i, m) in prog.set_members(ty, cite, bits).into_iter().enumerate() {
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

/// The fields of one record or list member.
fn object(out: &mut String, prog: &Program, d: &Decision, fields: &[OutEntry], values: &[Cited]) {
    out.push('{');
    for (i, (e, c)) in fields.iter().zip(values).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, &e.key);
        out.push_str(": ");
        value(out, prog, d, e.ty, e.cite, c.value);
    }
    out.push('}');
}

fn entry(out: &mut String, prog: &Program, d: &Decision, e: &OutEntry, k: &Key) {
    string(out, &e.key);
    out.push_str(": ");
    match k {
        Key::List(members) => {
            out.push('[');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                object(out, prog, d, &e.fields, m);
            }
            out.push(']');
        }
        Key::Record(fields) => object(out, prog, d, &e.fields, fields),
        Key::One(c) => value(out, prog, d, e.ty, e.cite, c.value),
    }
}

/// One decision as a JSON object: the policy's `decision` keys, then `layers`, `digests`,
/// `notes`, `articles`, `findings`, and `trace` when it was kept (`--trace`, `--explain`).
pub fn decision(out: &mut String, prog: &Program, d: &Decision) {
    head(out, prog, d);
    if d.trace.is_empty() {
        out.push_str("\n}");
    } else {
        out.push_str(",\n  \"trace\": ");
        trace(out, prog, d);
    }
}

/// Everything before the trace, up to the findings' closing bracket.
fn head(out: &mut String, prog: &Program, d: &Decision) {
    out.push_str("{\n  ");
    for (e, k) in prog.decision.iter().zip(&d.keys) {
        entry(out, prog, d, e, k);
        out.push_str(",\n  ");
    }
    out.push_str("\"layers\": [");
    for (i, l) in d.layers.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, &prog.layers[*l as usize].id);
    }
    out.push_str("],\n  \"digests\": {");
    for (i, l) in d.layers.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, &prog.layers[*l as usize].id);
        out.push_str(": ");
        string(out, &prog.layers[*l as usize].digest);
    }
    out.push_str("},\n  \"notes\": [");
    for (i, l) in d.not_in_force.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, &note(prog, *l, d.lang));
    }
    out.push_str("],\n  \"articles\": [");
    for (i, p) in d.articles.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, &prog.provisions[*p as usize].id);
    }
    out.push_str("],\n  \"findings\": [");
    for (i, f) in d.findings.iter().enumerate() {
        out.push_str(if i > 0 { ",\n    " } else { "\n    " });
        out.push_str("{\"article\": ");
        string(out, &prog.provisions[f.provision as usize].id);
        out.push_str(", \"text\": ");
        string(out, &finding_text(prog, d, f, d.lang));
        out.push('}');
    }
    out.push_str("\n  ]");
}

/// The type of the fact in a global slot.
pub fn fact_ty(prog: &Program, slot: u32) -> Ty {
    prog.facts
        .iter()
        .flat_map(|x| std::iter::once(&x.def).chain(x.fields.iter()))
        .find(|x| x.slot == slot)
        .map_or(Ty::Bool, |x| x.ty)
}

/// The trace: every rule on every member it ran on, closing the decision.
fn trace(out: &mut String, prog: &Program, d: &Decision) {
    out.push('[');
    let lang = d.lang;
    let mut scratch = String::new();
    for (i, t) in d.trace.iter().enumerate() {
        let rule = &prog.rules[t.rule as usize];
        out.push_str(if i > 0 { ",\n    " } else { "\n    " });
        out.push_str("{\"rule\": ");
        string(out, &rule.id);
        out.push_str(", \"provision\": ");
        string(out, &prog.provisions[rule.provision as usize].id);
        if let Some((l, m)) = t.member {
            out.push_str(", \"member\": ");
            string(out, &d.member_name(prog, l, m));
        }
        if rule.layer > 0 {
            out.push_str(", \"layer\": ");
            string(out, &prog.layers[rule.layer as usize].id);
        }
        out.push_str(", \"status\": ");
        string(out, status_word(prog, t));
        if !rule.effect_text.is_empty() {
            out.push_str(", \"concludes\": ");
            string(out, &rule.effect_text);
        }
        out.push_str(", \"facts\": {");
        for (k, (r, v)) in rule.reads.iter().zip(d.reads_of(t)).enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            string(out, &r.name);
            out.push_str(": ");
            scratch.clear();
            show_into(&mut scratch, prog, d, r.ty, r.cite, v.value, lang);
            string(out, &scratch);
        }
        out.push('}');
        if let Some(w) = t.why_not {
            out.push_str(", \"why_not\": ");
            let (before, text, after) = why_not_parts(prog, t, w, lang);
            out.push('"');
            for piece in [before, text, after] {
                escaped(out, piece);
            }
            out.push('"');
        }
        if let (Some(v), Some(slot)) = (d.defined(t), rule.defines) {
            out.push_str(", \"defined\": ");
            value(out, prog, d, fact_ty(prog, slot), Cite::None, v);
        }
        if let (Some((from, to)), Some(c)) = (d.moved(t), rule.target) {
            let ty = prog.conclusions[c as usize].ty;
            out.push_str(", \"moved\": {\"from\": ");
            value(out, prog, d, ty, Cite::None, from);
            out.push_str(", \"to\": ");
            value(out, prog, d, ty, Cite::None, to);
            out.push('}');
        }
        if !d.overridden_by(t).is_empty() {
            out.push_str(", \"overridden_by\": [");
            for (k, o) in d.overridden_by(t).iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                string(out, &prog.rules[*o as usize].id);
            }
            out.push(']');
        }
        out.push('}');
    }
    out.push_str("\n  ]\n}");
}

/// JSON text on one line, as `serde_json::to_string` writes it: the whitespace between tokens
/// dropped, strings untouched. For JSON Lines, from [`decision`]'s layout without a tree.
pub fn one_line(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\n' | b'\r' | b'\t' => i += 1,
            b'"' => {
                // A string, copied whole: up to its closing quote, escapes stepped over.
                let start = i;
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i = (i + 1).min(bytes.len());
                out.push_str(json.get(start..i).unwrap_or_default());
            }
            // Outside strings, JSON is ASCII.
            b => {
                out.push(char::from(b));
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// One line is what serde_json writes compactly, strings with spaces, quotes and escapes kept.
    #[test]
    fn one_line_is_serde_json_compact() {
        let v = serde_json::json!({
            "a b": "x \" y\\ \n z",
            "list": [1, -2, null, true, {"k": "值 ， 有空格"}],
            "empty": {}, "none": [],
            "tab\t": "\\\""
        });
        let pretty = serde_json::to_string_pretty(&v).expect("json");
        assert_eq!(super::one_line(&pretty), serde_json::to_string(&v).expect("json"));
    }

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
