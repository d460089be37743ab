//! The text of every provision of the national measures is the source's: the zh text of each
//! article, paragraph and item is exactly the corresponding span of `docs/source/measures-2016.zh.md`
//! (the official print), and its en text exactly the corresponding span of the project's working
//! translation, `docs/source/measures-2016.en.md`.
//!
//! The sources are read as they are, with three normalisations, the same for the policy's text:
//! - markdown: the article headers (`**第十一条**`, `**Article 11**`) and the item numbers
//!   (`(一)`, `(1)`) are markup, not text; paragraphs are separated by blank lines, and whitespace
//!   (line breaks) inside a paragraph is collapsed to one space (none in the Chinese);
//! - zh: the copy of the Chinese text has five marks in their half-width forms (`,` `;` `:` `(`
//!   `)`), where the print and the policy have the full-width ones (`，` `；` `：` `（` `）`);
//!   the source's are read as the full-width marks, and every other character compares as it is;
//! - en: the translator's bracketed Chinese glosses (`adjudicative organs [审判机关]`) are left out
//!   of the policy's text, and so out of the comparison.

use std::collections::BTreeMap;

use zeren::Engine;

fn source(name: &str) -> String {
    let path = format!("{}/docs/source/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `第十一条` → 11.
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32 + 1);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// Whitespace collapsed to one space, and none between two characters that are not ASCII (a line
/// break inside a Chinese paragraph is no space).
fn collapse(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let prev = out.chars().last().unwrap_or(' ');
            let next = w.chars().next().unwrap_or(' ');
            if prev.is_ascii() || next.is_ascii() {
                out.push(' ');
            }
        }
        out.push_str(w);
    }
    out
}

/// ` [审判机关]` left out.
fn without_glosses(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find(" [") {
        let Some(len) = rest[at..].find(']') else { break };
        out.push_str(&rest[..at]);
        rest = &rest[at + len + 1..];
    }
    out.push_str(rest);
    out
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The item number a paragraph of the source opens with (`(一)`, `(1) `), and the rest.
fn item(block: &str) -> Option<&str> {
    let rest = block.strip_prefix('(')?;
    let close = rest.find(')')?;
    let number = &rest[..close];
    let numbered = number.chars().all(|c| c.is_ascii_digit()) || chinese_number(number).is_some();
    (numbered && !number.is_empty()).then(|| rest[close + 1..].trim_start())
}

/// The pieces of a source, by provision id (`11`, `11.1`, `11.1.3`): each article's paragraphs
/// and items, and the article itself when it is one paragraph.
fn pieces(
    text: &str,
    header: &dyn Fn(&str) -> Option<u32>,
    clean: &dyn Fn(&str) -> String,
) -> BTreeMap<String, String> {
    // Each article: from its header to the next header or markdown heading.
    let mut articles: Vec<(u32, Vec<String>)> = vec![];
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') {
            articles.push((0, vec![]));
            continue;
        }
        let mut rest = trimmed;
        if let Some(h) = trimmed.strip_prefix("**")
            && let Some(end) = h.find("**")
            && let Some(n) = header(&h[..end])
        {
            articles.push((n, vec![String::new()]));
            rest = h[end + 2..].trim();
        }
        let Some((_, paragraphs)) = articles.last_mut() else { continue };
        if rest.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(String::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push('\n');
            p.push_str(rest);
        }
    }
    let mut out = BTreeMap::new();
    for (n, blocks) in articles.into_iter().filter(|(n, _)| *n > 0) {
        let blocks: Vec<String> = blocks.iter().map(|b| collapse(b)).filter(|b| !b.is_empty()).collect();
        if let [only] = blocks.as_slice() {
            out.insert(n.to_string(), clean(only));
        }
        let (mut paragraph, mut item_no) = (0, 0);
        for b in &blocks {
            if let Some(text) = item(b) {
                item_no += 1;
                out.insert(format!("{n}.{paragraph}.{item_no}"), clean(text));
            } else {
                paragraph += 1;
                item_no = 0;
                out.insert(format!("{n}.{paragraph}"), clean(b));
            }
        }
    }
    out
}

fn zh_source() -> BTreeMap<String, String> {
    let header = |h: &str| chinese_number(h.strip_prefix('第')?.strip_suffix('条')?);
    pieces(&source("measures-2016.zh.md"), &header, &|b: &str| full_width(b))
}

fn en_source() -> BTreeMap<String, String> {
    let header = |h: &str| h.strip_prefix("Article ")?.parse().ok();
    pieces(&source("measures-2016.en.md"), &header, &|b: &str| without_glosses(b))
}

#[test]
fn the_sources_have_nineteen_articles() {
    for (name, pieces) in [("zh", zh_source()), ("en", en_source())] {
        let articles: Vec<u32> = (1..=19).filter(|n| pieces.contains_key(&format!("{n}.1"))).collect();
        assert_eq!(articles, (1..=19).collect::<Vec<_>>(), "the articles found in the {name} source");
        assert_eq!(pieces.keys().filter(|k| k.matches('.').count() == 2).count(), 6, "items in {name}");
    }
}

#[test]
fn every_national_provision_text_is_the_source_text() {
    let engine = Engine::national().expect("the national measures check");
    let (zh, en) = (zh_source(), en_source());
    let mut checked = 0;
    let mut differ = vec![];
    for p in engine.program.provisions.iter().filter(|p| p.layer == 0) {
        let Some(labels) = &p.labels else { continue };
        checked += 1;
        let mut compare = |lang: &str, policy: &str, source: Option<&String>| match source {
            None => differ.push(format!("{} ({lang}): no such provision in the source", p.id)),
            Some(s) if s != policy => differ.push(format!(
                "{} ({lang}) differs from the source:\n  policy: {policy}\n  source: {s}",
                p.id
            )),
            Some(_) => {}
        };
        compare("zh", &labels.zh, zh.get(&p.id));
        match &labels.en {
            Some(text) => compare("en", &collapse(text), en.get(&p.id)),
            None => differ.push(format!("{} (en): no English text", p.id)),
        }
    }
    // Every article, paragraph and item of the measures that carries text: 35 in all.
    assert_eq!(checked, 35, "national provisions with text");
    assert!(
        differ.is_empty(),
        "{} provision texts differ from docs/source:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
