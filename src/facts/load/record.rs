//! A record's fields (of a fact, or of each member of a list) read into slots: each key names a
//! field, by name or label, at most once; each value is read as its field's type; the fields not
//! given take their defaults, or are missing.

use super::keys::Seen;
use super::{CaseError, CharSpan, Given, Loader, names};
use super::{Doc, Shape};
use crate::program::ir::Value;
use crate::program::texts::Texts;
use crate::program::{FieldDef, Ty};
use smallvec::{SmallVec, smallvec};

impl Loader<'_> {
    /// A record's fields into `vals` (global slots, or a list member's slots).
    pub(super) fn record<'n, D: Doc<'n>>(
        &mut self,
        key: &str,
        v: D,
        fields: &[FieldDef],
        vals: &mut [Value],
        texts: &mut Texts,
        member: bool,
    ) -> (Given, Vec<(u32, Ty, String)>) {
        let mut given = Given::new();
        let mut unknown = vec![];
        let span = v.span();
        let Shape::Map(entries) = v.shape() else {
            self.wrong(key, "a mapping of keys to values", span);
            return (given, unknown);
        };
        let mut seen = Seen::default();
        // Which fields the record names (by position in `fields`).
        let mut named: SmallVec<[bool; 32]> = smallvec![false; fields.len()];
        // Which entry named each field first (its position, from 1; 0 for none): small, so that
        // making it costs little; a key given twice finds the first one's span again.
        let mut given_at: SmallVec<[u32; 32]> = smallvec![0; fields.len()];
        // Where to look for the next key's field first: after the last key's.
        let mut next = 0;
        for (at, (k, x)) in (1..).zip(entries) {
            let Some(name) = self.key(k) else { continue };
            let Some(i) = names::by_key(fields, |f| f, name, next) else {
                if self.again(k, name, &mut seen) {
                    continue;
                }
                let help = names::suggest(fields.iter(), name);
                self.errors.push(CaseError::UnknownKey {
                    key: name.to_string(),
                    src: self.named(),
                    span: self.span(k.span()),
                    place: format!("`{key}`"),
                    help,
                });
                continue;
            };
            next = i + 1;
            let fd = &fields[i];
            let name = fd.name.as_str();
            let first = std::mem::replace(&mut given_at[i], at);
            if first > 0 {
                self.given_twice(first, v, k, name);
                continue;
            }
            if x.is_null() {
                continue;
            }
            named[i] = true;
            if fd.layer > 0 {
                self.layer_fields.push((format!("{key}.{name}"), fd.layer, k.span()));
            }
            if self.is_unknown(x, fd.ty) {
                unknown.push((fd.slot, fd.ty, format!("{key}.{name}")));
                continue;
            }
            if let Ty::Members(_) = fd.ty {
                self.members_value(&format!("{key}.{name}"), fd, x, self.at_member);
                given.push(fd.slot);
                continue;
            }
            if let Some(val) = self.scalar((key, name), fd.ty, x, texts) {
                self.note_unique(fd, x, val);
                vals[fd.slot as usize] = val;
                given.push(fd.slot);
            }
        }
        for (fd, &named) in fields.iter().zip(&named) {
            if named {
                continue;
            }
            if unknown.iter().any(|u| u.0 == fd.slot) {
                continue;
            }
            match (fd.default, fd.optional) {
                _ if fd.defined && !member => {}
                (Some(d), _) => vals[fd.slot as usize] = d,
                (None, true) => {}
                (None, false) => {
                    let place = if member { format!("each entry of `{key}`") } else { format!("`{key}`") };
                    self.missing(&fd.name, &place, span);
                }
            }
        }
        (given, unknown)
    }

    /// A field (or fact) given again by key `k`, first by the `first`th entry (from 1) of
    /// mapping `map`: reported with both spans, the first found by walking the mapping again
    /// (a key's mark is its entry's position, not its span, so that marking costs little).
    #[cold]
    pub(super) fn given_twice<'n, D: Doc<'n>>(&mut self, first: u32, map: D, k: D, name: &str) {
        let first = match map.shape() {
            Shape::Map(mut entries) => {
                entries.nth(first as usize - 1).map(|(k, _)| k.span()).unwrap_or_default()
            }
            _ => CharSpan::default(),
        };
        let (src, span, first) = (self.named(), self.span(k.span()), self.span(first));
        self.errors.push(CaseError::DuplicateKey { key: name.to_string(), src, span, first });
    }
}
