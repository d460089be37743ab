//! The keys and values a case file may write: a fact's or field's name, or its Chinese label
//! exactly (`危害程度: 危害严重` is `harm: serious`), so that a case handler can write a case in
//! the words of the vocabulary. A label that two names share names neither.

use crate::program::FieldDef;
use crate::suggest::did_you_mean;

/// The position of the field (or fact) a key names: by name, else by its Chinese label when
/// exactly one has it. Keys mostly come in the vocabulary's order, so the names are tried from
/// `from` (the place after the last key's field) on, then from the start.
pub(super) fn by_key<T>(items: &[T], def: impl Fn(&T) -> &FieldDef, key: &str, from: usize) -> Option<usize> {
    let from = from.min(items.len());
    let is = |x: &T| def(x).name == key;
    if let Some(i) = items[from..].iter().position(is) {
        return Some(from + i);
    }
    if let Some(i) = items[..from].iter().position(is) {
        return Some(i);
    }
    unique(items.iter().map(|x| def(x).labels.zh.as_str()), key)
}

/// The position of the one label equal to `text`, if exactly one is.
pub(super) fn unique<'a>(labels: impl Iterator<Item = &'a str>, text: &str) -> Option<usize> {
    let mut found = None;
    for (i, l) in labels.enumerate() {
        if l == text {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// "Did you mean …?" among the names and the Chinese labels.
pub(super) fn suggest<'f>(fields: impl Iterator<Item = &'f FieldDef> + Clone, key: &str) -> Option<String> {
    did_you_mean(key, fields.clone().map(|f| f.name.as_str()).chain(fields.map(|f| f.labels.zh.as_str())))
}
