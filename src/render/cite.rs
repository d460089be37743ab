//! Citations: `11.1.3` → 第十一条第一款第（三）项 (zh) or Article 11(1)(iii) (en); a layer's
//! `sample-2017:7.1` → `sample-2017 第七条第一款` or `sample-2017, Article 7(1)`.

use super::Lang;
use crate::program::Program;
use crate::syntax::ast::ProvisionKind;
use std::fmt::Write;

/// A provision cited in the reader's language: 第十一条第一款第（三）项, Article 11(1)(iii).
pub fn cite(prog: &Program, p: u16, lang: Lang) -> String {
    let mut out = String::new();
    cite_into(&mut out, prog, p, lang);
    out
}

/// `cite`, written into `out`.
pub fn cite_into(out: &mut String, prog: &Program, p: u16, lang: Lang) {
    // A provision of a layer of implementing rules is cited with the layer's title first, as a
    // reader cites another instrument: 《某省……实施细则》第四条第二款.
    let layer = prog.provisions[p as usize].layer;
    if layer > 0 {
        let def = &prog.layers[layer as usize];
        // A layer without a title is cited by its id.
        let title = if def.title.zh.is_empty() { def.id.as_str() } else { def.title.get(lang.en()) };
        if lang.en() {
            out.push_str(title);
            out.push_str(", ");
        } else {
            out.push('《');
            out.push_str(title);
            out.push('》');
        }
    }
    numbers(out, prog, p, lang);
}

/// The numbers of a provision's article, paragraph and item, outermost first.
fn numbers(out: &mut String, prog: &Program, p: u16, lang: Lang) {
    let def = &prog.provisions[p as usize];
    if let Some(parent) = def.parent {
        numbers(out, prog, parent, lang);
    }
    let n = def.number;
    match (lang, def.kind) {
        (Lang::Zh, kind) => {
            let (before, after) = match kind {
                ProvisionKind::Article => ("第", "条"),
                ProvisionKind::Paragraph => ("第", "款"),
                ProvisionKind::Item => ("第（", "）项"),
            };
            out.push_str(before);
            chinese_into(out, n);
            out.push_str(after);
        }
        (Lang::En, ProvisionKind::Article) => {
            let _ = write!(out, "Article {n}");
        }
        (Lang::En, ProvisionKind::Paragraph) => {
            let _ = write!(out, "({n})");
        }
        (Lang::En, ProvisionKind::Item) => {
            let _ = write!(out, "({})", roman(n));
        }
    }
}

/// Chinese numerals, as used for article numbers (一 … 九十九, then digits).
pub fn chinese(n: u32) -> String {
    let mut out = String::new();
    chinese_into(&mut out, n);
    out
}

/// `chinese`, written into `out`.
fn chinese_into(out: &mut String, n: u32) {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => out.push_str(D[n as usize]),
        10..=19 => {
            out.push('十');
            if n != 10 {
                out.push_str(D[(n - 10) as usize]);
            }
        }
        20..=99 => {
            out.push_str(D[(n / 10) as usize]);
            out.push('十');
            if !n.is_multiple_of(10) {
                out.push_str(D[(n % 10) as usize]);
            }
        }
        _ => {
            let _ = write!(out, "{n}");
        }
    }
}

/// Lower-case Roman numerals for items.
pub fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 9] =
        [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s += r;
            n -= v;
        }
    }
    s
}
