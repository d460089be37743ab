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
                // Quotes within the quote take 『』.
                let quote = r.quote.replace('「', "『").replace('」', "』");
                format!("    属于{}规定的情形：「{quote}」\n", r.provision)
            };
            out.push_str(&line);
        }
        if !r.follows.is_empty() {
            out.push_str(&format!("    {}\n", r.follows));
        }
    }
    for w in &b.why_not {
        // 「未适用第十五条：该条要求危害程度为危害特别严重，本案危害程度：较轻。」 With the
        // clause where the rule quotes one (the provision may be the one just applied).
        let (which, requires) = match (&w.clause, en) {
            (Some(c), false) => (format!("{}关于「{c}」的规定", w.provision), "该规定要求"),
            (None, false) => (w.provision.clone(), "该规定要求"),
            (Some(c), true) => (format!("{} (\"{c}\")", w.provision), "it requires:"),
            (None, true) => (w.provision.clone(), "it requires:"),
        };
        let facts = match (w.found.is_empty(), en) {
            (true, _) => String::new(),
            (false, false) => format!("，本案{}", w.found.join("；")),
            (false, true) => format!("; here {}", w.found.join("; ")),
        };
        // A quantifier found false says it all: 「本案此前措施中没有一项……」.
        let whole =
            w.found.len() == 1 && (w.found[0].contains("中没有一项") || w.found[0].starts_with("none of"));
        let line = if whole {
            if en {
                format!("    {which} does not apply: here {}.\n", w.found[0])
            } else {
                format!("    未适用{which}：本案{}。\n", w.found[0])
            }
        } else if en {
            format!("    {which} does not apply: {requires} {}{facts}.\n", w.element)
        } else {
            format!("    未适用{which}：{requires}{}{facts}。\n", w.element)
        };
        out.push_str(&line);
    }
}
