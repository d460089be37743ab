//! The keys of a case's mappings: each must be a name; one that names nothing and is given
//! twice is reported as given twice; and the errors of a key missing or of a value of the wrong
//! kind.

use super::{CaseError, CharSpan, Doc, Loader};
use smallvec::SmallVec;
use std::collections::HashMap;
use std::hash::Hash;

/// Names read so far with where each is: the keys of one mapping that name nothing
/// ([`Loader::again`]), or a list's unique names (`duplicates`). A short list looked through
/// (a case has a few), a hashed one past [`Seen::FEW`] (so that 40,000 stay linear).
pub(super) struct Seen<K> {
    few: SmallVec<[(K, CharSpan); 16]>,
    many: HashMap<K, CharSpan>,
}

impl<K: Eq + Hash> Default for Seen<K> {
    fn default() -> Self {
        Seen { few: SmallVec::new(), many: HashMap::new() }
    }
}

impl<K: Eq + Hash> Seen<K> {
    const FEW: usize = 32;

    /// Where `key` was first read, or `None` (and it is noted where it is now).
    pub(super) fn first(&mut self, key: K, at: CharSpan) -> Option<CharSpan> {
        let first = match self.few.iter().find(|(k, _)| *k == key) {
            Some((_, at)) => Some(*at),
            None => self.many.get(&key).copied(),
        };
        if first.is_none() {
            if self.few.len() < Self::FEW {
                self.few.push((key, at));
            } else {
                self.many.insert(key, at);
            }
        }
        first
    }
}

impl Loader<'_> {
    /// A mapping's key, which must be a scalar. A key given twice is found by the field it names
    /// (`given_at` in `case` and `record`), or, for a key that names none, by [`Loader::again`].
    // Every key of a case passes here; out of `load.rs`, it was no longer inlined (2,000 JSON Lines
    // cases: 221.7M instructions without the hint, 220.3M with it).
    #[inline]
    pub(super) fn key<'n>(&mut self, k: impl Doc<'n>) -> Option<&'n str> {
        let Some(text) = k.text() else {
            self.errors.push(CaseError::WrongType {
                key: "key".into(),
                expected: "a name".into(),
                src: self.named(),
                span: self.span(k.span()),
                help: None,
            });
            return None;
        };
        Some(text)
    }

    /// Whether a key that names nothing was given before in its mapping (then it is reported as
    /// given twice, not again as unknown); notes it otherwise. Only such keys are noted, so that
    /// a case without problems pays nothing for this.
    pub(super) fn again<'n>(&mut self, k: impl Doc<'n>, key: &'n str, seen: &mut Seen<&'n str>) -> bool {
        let Some(first) = seen.first(key, k.span()) else { return false };
        self.errors.push(CaseError::DuplicateKey {
            key: key.to_string(),
            src: self.named(),
            span: self.span(k.span()),
            first: self.span(first),
        });
        true
    }

    pub(super) fn missing(&mut self, key: &str, place: &str, at: CharSpan) {
        self.errors.push(CaseError::Missing {
            key: key.to_string(),
            src: self.named(),
            span: self.span(CharSpan { start: at.start, end: at.start + 1 }),
            help: Some(format!("{place} must give `{key}`")),
        });
    }

    pub(super) fn wrong(&mut self, key: &str, expected: &str, at: CharSpan) {
        self.errors.push(CaseError::WrongType {
            key: key.to_string(),
            expected: expected.to_string(),
            src: self.named(),
            span: self.span(at),
            help: None,
        });
    }
}
