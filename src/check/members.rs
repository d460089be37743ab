//! `members of LIST`: a field that names some members of a list fact (`people: members of
//! people` in a history entry), by the list record's `unique` field. The type is resolved once
//! the list facts are declared; each list so named gets a slot holding a member's position, which
//! `person in step.people` tests.

use super::error::CheckError;
use super::resolve::{Checker, Name};
use crate::program::*;
use crate::syntax::ast::Ident;

/// The type a `members of` field has until its list is known.
const PENDING: u16 = u16::MAX;

impl Checker {
    /// The type of a `members of LIST` field before the list facts are declared.
    pub fn members_placeholder(&mut self, _list: &Ident) -> u16 {
        PENDING
    }

    /// Resolves each `members of LIST` field to its list, which must have a `unique` text field.
    pub fn members_types(&mut self) {
        for (record, field, list) in std::mem::take(&mut self.pending_members) {
            let l = match self.names.get(&list.name).map(|n| n.0) {
                Some(Name::Fact(f)) => self.prog.facts[f as usize].list,
                _ => None,
            };
            let Some(l) = l else {
                let lists: Vec<String> = self.prog.lists.iter().map(|x| x.name.clone()).collect();
                self.errors.push(CheckError::UnknownName {
                    name: list.name.clone(),
                    src: self.src(list.span),
                    span: list.span.into(),
                    help: Some(format!("`members of` names a list fact: {}", lists.join(", "))),
                });
                continue;
            };
            let rec = self.prog.lists[l as usize].record;
            let keyed = self.prog.records[rec as usize].fields.iter().any(|f| f.unique && f.ty == Ty::Text);
            if !keyed {
                self.errors.push(CheckError::Misplaced {
                    what: format!("members of {}", list.name),
                    where_: format!(
                        "on a list whose record has a `unique` text field that names its members (`name: text unique`) — `{}` has none",
                        self.prog.records[rec as usize].name
                    ),
                    src: self.src(list.span),
                    span: list.span.into(),
                });
                continue;
            }
            let patch = |f: &mut FieldDef| {
                if f.name == field && f.ty == Ty::Members(PENDING) {
                    f.ty = Ty::Members(l);
                }
            };
            self.prog.records[record as usize].fields.iter_mut().for_each(patch);
            for fact in &mut self.prog.facts {
                if fact.def.ty == Ty::Record(record) {
                    fact.fields.iter_mut().for_each(patch);
                }
            }
        }
    }

    /// A slot for each member's position in the lists that `members of` names.
    pub fn member_positions(&mut self) {
        let named: Vec<u16> = self
            .prog
            .records
            .iter()
            .flat_map(|r| r.fields.iter())
            .filter_map(|f| match f.ty {
                Ty::Members(l) if l != PENDING => Some(l),
                _ => None,
            })
            .collect();
        for l in named {
            let list = &mut self.prog.lists[l as usize];
            if list.index.is_none() {
                list.index = Some(list.width);
                list.width += 1;
            }
        }
    }
}
