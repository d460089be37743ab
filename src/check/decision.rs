//! The `decision` block: which conclusions, facts and list members a decision shows, in order,
//! each with its labels and what it cites.

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
        let mut out =
            OutEntry { key: e.name.name.clone(), labels, ty, read, cite, fields: vec![], list: None };
        match (ty, name) {
            (Ty::List(_), Some(Name::Fact(f))) => {
                let list = self.prog.facts[f as usize].list?;
                out.list = Some(list);
                for fld in &e.fields {
                    if let Some(sub) = self.member_out(list, fld) {
                        out.fields.push(sub);
                    }
                }
            }
            (Ty::Record(_), Some(Name::Fact(_))) => {
                for fld in &e.fields {
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
                        });
                    }
                }
            }
            _ => {
                if let Some(f) = e.fields.first() {
                    self.misplaced_item_span("fields", "after a record or list", f.span);
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

    fn member_out(&mut self, list: u16, fld: &ast::Ident) -> Option<OutEntry> {
        let rec = self.prog.lists[list as usize].record;
        if let Some(f) = self.prog.records[rec as usize].fields.iter().find(|f| f.name == fld.name) {
            self.read_members.insert((list, f.slot), true);
            return Some(OutEntry {
                key: fld.name.clone(),
                labels: f.labels.clone(),
                ty: f.ty,
                read: Expr::Var(0, f.slot),
                cite: Cite::None,
                fields: vec![],
                list: None,
            });
        }
        if let Some(c) = self.member_conclusions.get(&(list, fld.name.clone())).copied() {
            let def = &self.prog.conclusions[c as usize];
            return Some(OutEntry {
                key: fld.name.clone(),
                labels: def.labels.clone(),
                ty: def.ty,
                read: Expr::Var(0, def.slot),
                cite: Cite::Conclusion(c),
                fields: vec![],
                list: None,
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
