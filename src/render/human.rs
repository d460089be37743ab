//! The decision for a case handler: the finding first (the policy's `decision` keys, in order,
//! each with the provisions that decided it), then the findings in words, then, with
//! `--explain`, the trace.

use super::cite::cite;
use super::trace::{findings, member_name};
use super::{Lang, cites, show};
use crate::program::frame::Frame;
use crate::program::meaning::{Ctx, eval};
use crate::program::{Cite, OutEntry, Program};

fn citation(prog: &Program, ps: &[u16], lang: Lang) -> String {
    if ps.is_empty() {
        return String::new();
    }
    let list: Vec<String> = ps.iter().map(|p| cite(prog, *p, lang)).collect();
    match lang {
        Lang::Zh => format!("（{}）", list.join("、")),
        Lang::En => format!(" ({})", list.join(", ")),
    }
}

fn line(
    prog: &Program,
    f: &Frame,
    e: &OutEntry,
    cx: &Ctx,
    member: Option<(u16, usize)>,
    lang: Lang,
) -> String {
    let v = eval(&e.read, cx);
    let text = show(prog, f, e.ty, e.cite, v, lang);
    // A set of provisions cites itself; anything else cites the rules that decided it.
    let ps = match e.ty {
        crate::program::Ty::SetOfProvision => vec![],
        _ => cites(prog, f, e.cite, member),
    };
    let sep = if lang.en() { ": " } else { "：" };
    format!("{}{sep}{text}{}", e.labels.get(lang.en()), citation(prog, &ps, lang))
}

pub fn decision(out: &mut String, prog: &Program, f: &Frame, lang: Lang, explain: bool) {
    let en = lang.en();
    let cx = Ctx::new(&f.globals, &f.lists);
    out.push_str(&format!("《{}》 [{}]\n", prog.header.title.get(en), prog.header.id));
    for l in super::active_layers(prog, f).into_iter().skip(1) {
        let def = &prog.layers[l as usize];
        let word = if en { "with the implementing rules" } else { "及实施细则" };
        out.push_str(&format!("{word} 《{}》 [{}]\n", def.title.get(en), def.id));
    }
    for e in &prog.decision {
        if let Some(l) = e.list {
            out.push_str(&format!("{}{}\n", e.labels.get(en), if en { ":" } else { "：" }));
            for (i, m) in f.lists[l as usize].iter().enumerate() {
                let mcx = cx.with(0, &m.vals);
                let parts: Vec<String> =
                    e.fields.iter().skip(1).map(|x| line(prog, f, x, &mcx, Some((l, i)), lang)).collect();
                let name = member_name(prog, f, l, i);
                out.push_str(&format!(
                    "  - {name}{}{}\n",
                    if en { ": " } else { "：" },
                    parts.join(if en { "; " } else { "；" })
                ));
            }
        } else if !e.fields.is_empty() {
            let parts: Vec<String> = e
                .fields
                .iter()
                .filter(|x| eval(&x.read, &cx) != crate::program::ir::Value::Null)
                .map(|x| show(prog, f, x.ty, Cite::None, eval(&x.read, &cx), lang))
                .collect();
            out.push_str(&format!(
                "{}{}{}\n",
                e.labels.get(en),
                if en { ": " } else { "：" },
                parts.join(if en { ", " } else { "，" })
            ));
        } else {
            out.push_str(&line(prog, f, e, &cx, None, lang));
            out.push('\n');
        }
    }
    for n in super::layer_notes(prog, f, lang) {
        out.push_str(&format!("{}{n}\n", if en { "Note: " } else { "注：" }));
    }
    let fs = findings(prog, f, lang);
    if !fs.is_empty() {
        out.push_str(if en { "Findings:\n" } else { "说明：\n" });
        for (p, text) in fs {
            out.push_str(&format!("  - {}{}{text}\n", cite(prog, p, lang), if en { ": " } else { "：" }));
        }
    }
    if explain {
        super::explain::explain(out, prog, f, lang);
    }
}
