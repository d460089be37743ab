//! The `decision` block: which conclusions, facts and list members a decision shows, in order,
//! each with its labels and what it cites; also views of a list (`escalations: history where
//! escalation { … }`) and entries made of other values (`authority { organ: …  article: … }`).

use super::error::CheckError;
use super::resolve::{Checker, Name, plain};
use crate::program::ir::Expr;
use crate::program::*;
use crate::suggest::did_you_mean;
use crate::syntax::ast::{self, Item, Labels};

impl Checker {
    pub fn decision(&mut self, files: &[ast::File]) {
        let entries: Vec<&ast::DecisionEntry> = files
            .iter()
            .flat_map(|f| f.items.iter())
            .filter_map(|i| if let Item::Decision(d) = i { Some(d) } else { None })
            .flatten()
            .collect();
        for e in entries {
            if let Some(out) = self.out_entry(e) {
                self.prog.decision.push(out);
            }
        }
    }

    fn out_entry(&mut self, e: &ast::DecisionEntry) -> Option<OutEntry> {
        // `within` is read in a list's line, among the member's fields (`within`, below).
        let is_list = e.view.is_none()
            && matches!(self.names.get(&e.name.name).map(|n| n.0), Some(Name::Fact(f))
                if self.prog.facts[f as usize].list.is_some());
        if !is_list {
            for f in e.fields.iter().filter_map(|f| f.within.as_ref()) {
                self.misplaced_item_span("within", "among the fields of a list, such as `people`", f.span);
            }
            // A field's `or NAME` is read in a list's line too; elsewhere it would be ignored.
            for f in e.fields.iter().filter_map(|f| f.fallback.as_ref()) {
                self.misplaced_item_span("or", "after a field of a list, such as `people`", f.span);
            }
        }
        if let Some((list, filter)) = &e.view {
            return self.view_out(e, list, filter);
        }
        if !self.names.contains_key(&e.name.name) && !e.fields.is_empty() {
            return self.composite_out(e);
        }
        let path = ast::Path { parts: vec![e.name.clone()], span: e.name.span };
        let (read, ty) = self.global_path(&path)?;
        let name = self.names.get(&e.name.name).map(|n| n.0);
        let (labels, cite) = match name {
            Some(Name::Fact(f)) => (self.prog.facts[f as usize].def.labels.clone(), Cite::None),
            Some(Name::Conclusion(c)) => {
                (self.prog.conclusions[c as usize].labels.clone(), Cite::Conclusion(c))
            }
            Some(Name::Let(l)) => {
                let def = &self.prog.lets[l as usize];
                (def.labels.clone().unwrap_or_else(|| plain(&def.name)), Cite::Let(l))
            }
            None => (plain(&e.name.name), Cite::None),
        };
        let labels = e.labels.clone().unwrap_or(labels);
        let fallback = self.fallback_of(e.fallback.as_ref());
        let mut out = OutEntry {
            key: e.name.name.clone(),
            labels,
            ty,
            read,
            cite,
            fields: vec![],
            list: None,
            filter: None,
            fallback,
            within: None,
        };
        match (ty, name) {
            (Ty::List(_), Some(Name::Fact(f))) => {
                let list = self.prog.facts[f as usize].list?;
                out.list = Some(list);
                for f in &e.fields {
                    if let Some(mut sub) = self.member_out(list, &f.key, f.source.as_ref()) {
                        sub.fallback = self.fallback_of(f.fallback.as_ref());
                        out.fields.push(sub);
                    }
                }
                for f in &e.fields {
                    if let Some(set) = &f.within {
                        self.within(&mut out.fields, &f.key, set);
                    }
                }
            }
            (Ty::Record(_), Some(Name::Fact(_))) => {
                for ast::DecisionField { key: fld, .. } in &e.fields {
                    let p = ast::Path { parts: vec![e.name.clone(), fld.clone()], span: fld.span };
                    if let Some((read, ty)) = self.global_path(&p) {
                        let labels = self.field_labels(&e.name.name, &fld.name);
                        out.fields.push(OutEntry {
                            key: fld.name.clone(),
                            labels,
                            ty,
                            read,
                            cite: Cite::None,
                            fields: vec![],
                            list: None,
                            filter: None,
                            fallback: None,
                            within: None,
                        });
                    }
                }
            }
            _ => {
                if let Some(f) = e.fields.first() {
                    self.misplaced_item_span("fields", "after a record or list", f.key.span);
                }
            }
        }
        Some(out)
    }

    fn field_labels(&self, fact: &str, field: &str) -> Labels {
        self.prog
            .facts
            .iter()
            .find(|f| f.def.name == fact)
            .and_then(|f| f.fields.iter().find(|x| x.name == field))
            .map(|x| x.labels.clone())
            .unwrap_or_else(|| plain(field))
    }

    /// `KEY: LIST where CONCLUSION { fields }`: the members of a list for which a member
    /// conclusion holds, each with its position (under the list's name) and the fields.
    fn view_out(
        &mut self,
        e: &ast::DecisionEntry,
        list: &ast::Ident,
        filter: &ast::Ident,
    ) -> Option<OutEntry> {
        let l = self.list_of_path(&ast::Path { parts: vec![list.clone()], span: list.span })?;
        let Some(c) = self.member_conclusions.get(&(l, filter.name.clone())).copied() else {
            self.errors.push(CheckError::UnknownName {
                name: filter.name.clone(),
                src: self.src(filter.span),
                span: filter.span.into(),
                help: Some(format!("`where` names a conclusion about each member of `{}`", list.name)),
            });
            return None;
        };
        let index = match self.prog.lists[l as usize].index {
            Some(i) => i,
            None => {
                let def = &mut self.prog.lists[l as usize];
                def.index = Some(def.width);
                def.width += 1;
                def.width - 1
            }
        };
        let list_labels = self.prog.facts.iter().find(|f| f.list == Some(l)).map(|f| f.def.labels.clone());
        let mut fields = vec![OutEntry {
            key: list.name.clone(),
            labels: list_labels.unwrap_or_else(|| plain(&list.name)),
            ty: Ty::Int,
            read: Expr::Var(0, index),
            cite: Cite::None,
            fields: vec![],
            list: None,
            filter: None,
            fallback: None,
            within: None,
        }];
        for f in &e.fields {
            fields.extend(self.member_out(l, &f.key, f.source.as_ref()));
        }
        Some(OutEntry {
            key: e.name.name.clone(),
            labels: e.labels.clone().unwrap_or_else(|| plain(&e.name.name)),
            ty: Ty::List(self.prog.lists[l as usize].record),
            read: Expr::Const(crate::program::ir::Value::Null),
            cite: Cite::None,
            fields,
            list: Some(l),
            filter: Some(self.prog.conclusions[c as usize].slot),
            fallback: None,
            within: None,
        })
    }

    /// `KEY "…" "…" { key: name … }`: an entry made of other values of the case, shown together.
    fn composite_out(&mut self, e: &ast::DecisionEntry) -> Option<OutEntry> {
        let mut fields = vec![];
        for ast::DecisionField { key, source, .. } in &e.fields {
            let name = source.as_ref().unwrap_or(key);
            let path = ast::Path { parts: vec![name.clone()], span: name.span };
            let Some((read, ty)) = self.global_path(&path) else { continue };
            let (labels, cite) = match self.names.get(&name.name).map(|n| n.0) {
                Some(Name::Fact(f)) => (self.prog.facts[f as usize].def.labels.clone(), Cite::None),
                Some(Name::Conclusion(c)) => {
                    (self.prog.conclusions[c as usize].labels.clone(), Cite::Conclusion(c))
                }
                Some(Name::Let(l)) => {
                    let def = &self.prog.lets[l as usize];
                    (def.labels.clone().unwrap_or_else(|| plain(&def.name)), Cite::Let(l))
                }
                None => (plain(&name.name), Cite::None),
            };
            fields.push(OutEntry {
                key: key.name.clone(),
                labels,
                ty,
                read,
                cite,
                fields: vec![],
                list: None,
                filter: None,
                fallback: None,
                within: None,
            });
        }
        Some(OutEntry {
            key: e.name.name.clone(),
            labels: e.labels.clone().unwrap_or_else(|| plain(&e.name.name)),
            ty: Ty::Text,
            read: Expr::Const(crate::program::ir::Value::Null),
            cite: Cite::None,
            fields,
            list: None,
            filter: None,
            fallback: None,
            within: None,
        })
    }

    /// `KEY within SET`: SET is another field of the same member, a set of the enumeration that
    /// KEY's values belong to, so that people can read KEY's value within it.
    fn within(&mut self, fields: &mut [OutEntry], key: &ast::Ident, set: &ast::Ident) {
        let Some(i) = fields.iter().position(|x| x.key == key.name) else { return };
        // The first field names the member: it is neither said among the others nor within one.
        if set.name == key.name || i == 0 || fields.first().is_some_and(|x| x.key == set.name) {
            let where_ = "after a field of a list other than its first (which names the member), naming another such field";
            self.misplaced_item_span("within", where_, set.span);
            return;
        }
        let Some(j) = fields.iter().position(|x| x.key == set.name) else {
            let others = fields.iter().map(|x| x.key.as_str()).filter(|k| *k != key.name);
            self.errors.push(CheckError::UnknownName {
                name: set.name.clone(),
                src: self.src(set.span),
                span: set.span.into(),
                help: did_you_mean(&set.name, others.clone()).or_else(|| {
                    Some(format!(
                        "`within` names another field of this list: {}",
                        others.collect::<Vec<_>>().join(", ")
                    ))
                }),
            });
            return;
        };
        let holds = match (fields[i].ty, fields[j].ty) {
            (Ty::Enum(a), Ty::SetOfEnum(b)) => {
                let of_b = &self.prog.enums[b as usize].values;
                self.prog.enums[a as usize].values.iter().all(|v| of_b.contains(v))
            }
            (Ty::Provision, Ty::SetOfProvision) => true,
            _ => false,
        };
        if !holds {
            let expected = match fields[i].ty {
                Ty::Enum(a) => {
                    format!("a set that can hold every value of `{}`", self.prog.enums[a as usize].name)
                }
                Ty::Provision => "a set of provisions".into(),
                _ => "a set".into(),
            };
            let help = format!(
                "`{} within {}` says that `{}` holds the value of `{}`",
                key.name, set.name, set.name, key.name
            );
            self.mismatch(&expected, fields[j].ty, set.span, Some(help));
            return;
        }
        fields[i].within = Some(j as u16);
    }

    /// `or NAME`: a conclusion about the case.
    fn fallback_of(&mut self, name: Option<&ast::Ident>) -> Option<u32> {
        let name = name?;
        match self.names.get(&name.name).map(|n| n.0) {
            Some(Name::Conclusion(c)) => Some(c),
            _ => {
                self.errors.push(CheckError::UnknownName {
                    name: name.name.clone(),
                    src: self.src(name.span),
                    span: name.span.into(),
                    help: Some("`or` names a conclusion about the case (why nothing was decided)".into()),
                });
                None
            }
        }
    }

    fn member_out(&mut self, list: u16, key: &ast::Ident, source: Option<&ast::Ident>) -> Option<OutEntry> {
        let fld = source.unwrap_or(key);
        let rec = self.prog.lists[list as usize].record;
        if let Some(f) = self.prog.records[rec as usize].fields.iter().find(|f| f.name == fld.name) {
            self.read_members.insert((list, f.slot), true);
            return Some(OutEntry {
                key: key.name.clone(),
                labels: f.labels.clone(),
                ty: f.ty,
                read: Expr::Var(0, f.slot),
                cite: Cite::None,
                fields: vec![],
                list: None,
                filter: None,
                fallback: None,
                within: None,
            });
        }
        if let Some(c) = self.member_conclusions.get(&(list, fld.name.clone())).copied() {
            let def = &self.prog.conclusions[c as usize];
            return Some(OutEntry {
                key: key.name.clone(),
                labels: def.labels.clone(),
                ty: def.ty,
                read: Expr::Var(0, def.slot),
                cite: Cite::Conclusion(c),
                fields: vec![],
                list: None,
                filter: None,
                fallback: None,
                within: None,
            });
        }
        let mut cands: Vec<String> =
            self.prog.records[rec as usize].fields.iter().map(|f| f.name.clone()).collect();
        cands.extend(self.member_conclusions.keys().filter(|k| k.0 == list).map(|k| k.1.clone()));
        self.errors.push(CheckError::UnknownName {
            name: fld.name.clone(),
            src: self.src(fld.span),
            span: fld.span.into(),
            help: did_you_mean(&fld.name, cands.iter().map(String::as_str)),
        });
        None
    }
}
