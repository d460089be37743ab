//! The policy texts embedded in zeren (the national measures, and the sample layers whose facts
//! a case may name), and what a policy text's header line says: which set it opens or continues.

use crate::program::KnownFact;
use crate::source::Source;

/// The national measures, embedded in the binary: (file name, text).
pub const NATIONAL: &[(&str, &str)] = &[
    ("policies/national/vocabulary.policy", include_str!("../../policies/national/vocabulary.policy")),
    ("policies/national/measures.policy", include_str!("../../policies/national/measures.policy")),
];

/// Layers of implementing rules that ship with zeren but are loaded only on request
/// (`--policy`). Knowing their facts lets a case that gives one without loading the layer be told
/// which layer to load.
pub const KNOWN_LAYERS: &[(&str, &str)] = &[
    (
        "policies/regions/sample-province.policy",
        include_str!("../../policies/regions/sample-province.policy"),
    ),
    ("policies/regions/sample-cmc.policy", include_str!("../../policies/regions/sample-cmc.policy")),
];

/// The facts of every known layer, read once per process.
pub(crate) fn all_known_facts() -> &'static [KnownFact] {
    static KNOWN: std::sync::OnceLock<Vec<KnownFact>> = std::sync::OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut out = vec![];
        for (i, (path, text)) in KNOWN_LAYERS.iter().enumerate() {
            let Ok(file) = crate::syntax::parse_file(&Source::new(*path, *text), i as u16) else { continue };
            let crate::syntax::ast::Header::Measures(h) = &file.header else { continue };
            for it in &file.items {
                if let crate::syntax::ast::Item::Fact(f) = it {
                    let (fact, layer, file) = (f.name.name.clone(), h.id.name.clone(), path.to_string());
                    out.push(KnownFact { fact, layer, file });
                }
            }
        }
        out
    })
}

/// The id of the embedded national measures, as their header (`measures ID { … }`) says.
pub fn national_id() -> String {
    NATIONAL
        .iter()
        .flat_map(|(_, t)| t.lines())
        .find_map(|l| l.trim().strip_prefix("measures ").and_then(|r| r.split_whitespace().next()))
        .unwrap_or_default()
        .to_string()
}

/// The first line of a policy text that is not blank or a comment: its header, and where it starts.
pub(super) fn header_line(text: &str) -> Option<(usize, &str)> {
    // A byte-order mark is not part of the text (the grammar skips it too).
    let mut at = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let text = &text[at..];
    for l in text.split_inclusive('\n') {
        let t = l.trim();
        if !t.is_empty() && !t.starts_with("//") {
            return Some((at + l.len() - l.trim_start().len(), t));
        }
        at += l.len();
    }
    None
}

/// The words of a policy text's header line, split where the grammar sees whitespace (which
/// includes the ideographic space U+3000).
fn header_words(text: &str) -> Vec<&str> {
    let Some((_, l)) = header_line(text) else { return vec![] };
    l.split([' ', '\t', '\r', '\u{3000}']).filter(|w| !w.is_empty()).collect()
}

/// Whether a policy text continues the set `id` (`part of ID`).
pub fn continues(text: &str, id: &str) -> bool {
    header_words(text) == ["part", "of", id]
}

/// Whether a text is a policy file (it opens with `measures`, `layer` or `part of`) rather than a
/// case.
pub fn is_policy(text: &str) -> bool {
    matches!(header_words(text)[..], ["measures" | "layer", _, ..] | ["part", "of", _, ..])
}

/// Whether a policy text opens a set of measures of its own (`measures ID { … }`) rather than
/// continuing one (`part of ID`).
pub fn opens_set(text: &str) -> bool {
    matches!(header_words(text)[..], ["measures", _, ..])
}
