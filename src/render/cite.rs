//! Citations: `11.1.3` → 第十一条第一款第（三）项 (zh) or Article 11(1)(iii) (en); a layer's
//! `sample-2017:7.1` → `sample-2017 第七条第一款` or `sample-2017, Article 7(1)`.

use super::Lang;
use crate::compile::program::Program;
use crate::syntax::ast::ProvisionKind;

pub fn cite(prog: &Program, p: u16, lang: Lang) -> String {
    let mut chain = vec![];
    let mut cur = Some(p);
    while let Some(x) = cur {
        let def = &prog.provisions[x as usize];
        chain.push((def.kind, def.number));
        cur = def.parent;
    }
    chain.reverse();
    // A provision of a layer of implementing rules is cited with the layer's id first.
    let layer = prog.provisions[p as usize].layer;
    let mut out = match (layer, lang) {
        (0, _) => String::new(),
        (l, Lang::Zh) => format!("{} ", prog.layers[l as usize].id),
        (l, Lang::En) => format!("{}, ", prog.layers[l as usize].id),
    };
    for (kind, n) in chain {
        match (lang, kind) {
            (Lang::Zh, ProvisionKind::Article) => out += &format!("第{}条", chinese(n)),
            (Lang::Zh, ProvisionKind::Paragraph) => out += &format!("第{}款", chinese(n)),
            (Lang::Zh, ProvisionKind::Item) => out += &format!("第（{}）项", chinese(n)),
            (Lang::En, ProvisionKind::Article) => out += &format!("Article {n}"),
            (Lang::En, ProvisionKind::Paragraph) => out += &format!("({n})"),
            (Lang::En, ProvisionKind::Item) => out += &format!("({})", roman(n)),
        }
    }
    out
}

/// Chinese numerals, as used for article numbers (一 … 九十九, then digits).
pub fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n - 10) as usize] }),
        20..=99 => {
            format!(
                "{}十{}",
                D[(n / 10) as usize],
                if n.is_multiple_of(10) { "" } else { D[(n % 10) as usize] }
            )
        }
        _ => n.to_string(),
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
