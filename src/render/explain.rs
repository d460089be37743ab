//! `--explain`: the decision as a legal argument in the reader's language (`argument.rs` builds
//! it): for each conclusion and each person's, what was found, the provision and its words that
//! apply, what follows, and the provisions a reader would ask about that did not apply.

use super::argument::{Block, argument};
use crate::eval::decision::Decision;
use crate::program::Program;

/// The explanation of a decided case (its trace kept).
pub fn explain(out: &mut String, prog: &Program, d: &Decision) {
    let en = d.lang.en();
    out.push_str(if en { "Why:\n" } else { "理由：\n" });
    for b in argument(prog, d) {
        block(out, &b, en);
    }
}

fn block(out: &mut String, b: &Block, en: bool) {
    let heading = if en { b.heading.replace('【', "[").replace('】', "]") } else { b.heading.clone() };
    out.push_str(&format!("  {heading}\n"));
    let stop = if en { "." } else { "。" };
    for r in &b.reasons {
        if !r.found.is_empty() {
            let found = r.found.join(if en { "; " } else { "；" });
            out.push_str(&format!("    {}{found}{stop}\n", if en { "Found: " } else { "经查：" }));
        }
        if !r.quote.is_empty() {
            let line = if en {
                format!("    This falls under {}: \"{}\"\n", r.provision, r.quote)
            } else {
                format!("    属于{}规定的情形：「{}」\n", r.provision, r.quote)
            };
            out.push_str(&line);
        }
        if !r.follows.is_empty() {
            out.push_str(&format!("    {}\n", r.follows));
        }
    }
    for w in &b.why_not {
        let facts = if w.found.is_empty() {
            String::new()
        } else if en {
            format!(" ({})", w.found.join("; "))
        } else {
            format!("（{}）", w.found.join("；"))
        };
        let line = if en {
            format!("    {} does not apply: {}{facts}.\n", w.provision, w.element)
        } else {
            format!("    未适用{}：{}{facts}。\n", w.provision, w.element)
        };
        out.push_str(&line);
    }
}
