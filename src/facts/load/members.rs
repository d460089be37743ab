//! Members named by other parts of a case (`history[i].people: [张三]`): the names of a list's
//! `unique` field must differ, and a `members of LIST` value is read once the whole case is, as
//! the positions of the members it names. A name no member has is an error at its span.

use super::{Doc, Loader, Seen, Shape};
use crate::facts::error::CaseError;
use crate::facts::yaml::CharSpan;
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::program::texts::Texts;
use crate::program::{FieldDef, Ty};

/// A `unique` field's value: a text of the case, or the scalar as written (a field of another
/// type).
pub(super) enum Unique {
    Text(u32),
    Raw(String),
}

impl Unique {
    /// The name as the case wrote it.
    fn text<'a>(&'a self, texts: &'a Texts) -> &'a str {
        match self {
            Unique::Text(t) => texts.get(*t).unwrap_or(""),
            Unique::Raw(s) => s,
        }
    }
}

/// A `members of` value waiting for its list.
pub(super) struct Pending {
    /// The list it names members of.
    list: u16,
    /// Where it goes: a global slot, or (list, member, slot).
    at: (Option<(u16, usize)>, u32),
    /// The field, for errors.
    key: String,
    /// The names and where each is written.
    names: Vec<(String, CharSpan)>,
    /// The whole value, and whether it must name someone.
    span: CharSpan,
    nonempty: bool,
}

impl Loader<'_> {
    /// A `members of` field's value, read later (`resolve`); `member` is where it stands.
    pub(super) fn members_value<'n>(
        &mut self,
        key: &str,
        fd: &FieldDef,
        v: impl Doc<'n>,
        member: Option<(u16, usize)>,
    ) {
        let Ty::Members(list) = fd.ty else { return };
        let span = v.span();
        let Shape::Seq(items) = v.shape() else {
            self.wrong(key, "a list of names (`[张三, 李四]`)", span);
            return;
        };
        let mut names = vec![];
        for it in items {
            match it.text() {
                Some(text) => names.push((text.to_string(), it.span())),
                None => self.wrong(key, "a name", it.span()),
            }
        }
        let (key, nonempty) = (key.to_string(), fd.nonempty);
        self.pending.push(Pending { list, at: (member, fd.slot), key, names, span, nonempty });
    }

    /// A list member's `unique` field as read (`v`, read as `val`), to be compared with the other
    /// members' (`duplicates`).
    pub(super) fn note_unique<'n>(&mut self, fd: &FieldDef, v: impl Doc<'n>, val: Value) {
        let (true, Some((list, _)), Some(text)) = (fd.unique, self.at_member, v.text()) else {
            return;
        };
        let name = match val {
            Value::Text(t) => Unique::Text(t),
            _ => Unique::Raw(text.to_string()),
        };
        self.uniques.push((list, name, v.span()));
    }

    /// Two members of one list with one name are an error.
    pub(super) fn duplicates(&mut self, texts: &Texts) {
        let uniques = std::mem::take(&mut self.uniques);
        let mut seen = Seen::default();
        for (list, name, span) in &uniques {
            let name = name.text(texts);
            if let Some(first) = seen.first((*list, name), *span) {
                self.errors.push(CaseError::DuplicateName {
                    name: name.to_string(),
                    list: self.prog.lists[*list as usize].name.clone(),
                    src: self.named(),
                    span: self.span(*span),
                    first: self.span(first),
                });
            }
        }
    }

    /// Each pending `members of` value, as the positions of the members it names.
    pub(super) fn resolve(&mut self, f: &mut Frame) {
        for p in std::mem::take(&mut self.pending) {
            let def = &self.prog.lists[p.list as usize];
            let record = &self.prog.records[def.record as usize];
            let Some(slot) = record.fields.iter().find(|x| x.unique).map(|x| x.slot) else { continue };
            let names: Vec<Option<&str>> = f.lists[p.list as usize]
                .iter()
                .map(|m| match m.vals.get(slot as usize) {
                    Some(Value::Text(t)) => f.texts.get(*t),
                    _ => None,
                })
                .collect();
            let mut bits = 0u128;
            for (name, span) in &p.names {
                match names.iter().position(|n| *n == Some(name.as_str())) {
                    Some(i) if i < 128 => bits |= 1u128 << i,
                    _ => {
                        let known: Vec<&str> = names.iter().flatten().copied().collect();
                        let help = crate::suggest::did_you_mean(name, known.iter().copied()).or_else(|| {
                            Some(format!("the names in `{}` are: {}", def.name, known.join(", ")))
                        });
                        self.errors.push(CaseError::UnknownMember {
                            key: p.key.clone(),
                            name: name.clone(),
                            list: def.name.clone(),
                            src: self.named(),
                            span: self.span(*span),
                            help,
                        });
                    }
                }
            }
            if p.nonempty && p.names.is_empty() {
                let list = &self.prog.lists[p.list as usize].name;
                self.errors.push(CaseError::EmptyList {
                    help: format!("name at least one member of `{list}`, by the name it has there"),
                    key: p.key.clone(),
                    src: self.named(),
                    span: self.span(p.span),
                });
            }
            match p.at {
                (None, s) => f.globals[s as usize] = Value::Set(bits),
                (Some((l, i)), s) => {
                    if let Some(m) = f.lists[l as usize].get_mut(i) {
                        m.vals[s as usize] = Value::Set(bits);
                    }
                }
            }
        }
    }
}
