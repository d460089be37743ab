//! The keys of a case's mappings: each must be a name; one that names nothing and is given
//! twice is reported as given twice; and the errors of a key missing or of a value of the wrong
//! kind.

use super::{CaseError, CharSpan, Loader, Node};
use smallvec::SmallVec;
use std::collections::HashMap;

/// The keys of one mapping that name nothing, read so far, with where each is
/// ([`Loader::again`]): a short list looked through, a hashed one past [`Seen::FEW`] (so that a
/// mapping of 40,000 unknown keys stays linear).
#[derive(Default)]
pub(super) struct Seen<'n> {
    few: SmallVec<[(&'n str, CharSpan); 16]>,
    many: HashMap<&'n str, CharSpan>,
}

impl<'n> Seen<'n> {
    const FEW: usize = 32;

    fn get(&self, key: &str) -> Option<CharSpan> {
        match self.few.iter().find(|(k, _)| *k == key) {
            Some((_, at)) => Some(*at),
            None => self.many.get(key).copied(),
        }
    }

    fn insert(&mut self, key: &'n str, at: CharSpan) {
        if self.few.len() < Self::FEW {
            self.few.push((key, at));
        } else {
            self.many.insert(key, at);
        }
    }
}

impl Loader<'_> {
    /// A mapping's key, which must be a scalar. A key given twice is found by the field it names
    /// (`given_at` in `case` and `record`), or, for a key that names none, by [`Loader::again`].
    // Every key of a case passes here; out of `load.rs`, it was no longer inlined (2,000 JSON Lines
    // cases: 221.7M instructions without the hint, 220.3M with it).
    #[inline]
    pub(super) fn key<'n>(&mut self, k: &'n Node) -> Option<&'n str> {
        let Node::Scalar { text, .. } = k else {
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
    pub(super) fn again<'n>(&mut self, k: &'n Node, key: &'n str, seen: &mut Seen<'n>) -> bool {
        let Some(first) = seen.get(key) else {
            seen.insert(key, k.span());
            return false;
        };
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

    pub(super) fn wrong(&mut self, key: &str, expected: &str, v: &Node) {
        self.errors.push(CaseError::WrongType {
            key: key.to_string(),
            expected: expected.to_string(),
            src: self.named(),
            span: self.span(v.span()),
            help: None,
        });
    }
}
