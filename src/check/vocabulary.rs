//! The vocabulary of a policy set: enumerations and scales (with the values layers add, each where
//! it says it stands), records, facts and conclusions, each given its type and its frame slot.

use super::error::CheckError;
use super::resolve::{Checker, Name, TypeRef, plain};
use crate::program::ir::{Sym, Value};
use crate::program::*;
use crate::suggest::did_you_mean;
use crate::syntax::ast::{self, Item, TypeExpr};

impl Checker {
    pub fn declare_type(&mut self, name: &ast::Ident, r: TypeRef, push: impl FnOnce(&mut Self)) {
        if let Some((_, first)) = self.types.get(&name.name) {
            let first = *first;
            self.duplicate(name, first);
            return;
        }
        self.types.insert(name.name.clone(), (r, name.span));
        push(self);
    }

    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(s) = self.sym_index.get(name) {
            return *s;
        }
        let s = self.prog.syms.len() as Sym;
        self.prog.syms.push(name.to_string());
        self.sym_index.insert(name.to_string(), s);
        s
    }

    pub fn enum_values(&mut self, items: &[&Item]) {
        let decls: Vec<&ast::EnumDecl> =
            items.iter().filter_map(|i| if let Item::Enum(e) = i { Some(e) } else { None }).collect();
        let extends: Vec<&ast::EnumDecl> =
            items.iter().filter_map(|i| if let Item::Extend(e) = i { Some(e) } else { None }).collect();
        for x in &extends {
            if !matches!(self.types.get(&x.name.name), Some((TypeRef::Enum(_), _))) {
                let cands: Vec<String> = self.prog.enums.iter().map(|e| e.name.clone()).collect();
                self.errors.push(CheckError::UnknownType {
                    name: x.name.name.clone(),
                    src: self.src(x.name.span),
                    span: x.name.span.into(),
                    help: did_you_mean(&x.name.name, cands.iter().map(String::as_str)),
                });
            }
        }
        // Includes may name enums declared later: resolve in declaration order, repeatedly.
        for (k, e) in decls.iter().enumerate() {
            let Some((TypeRef::Enum(id), _)) = self.types.get(&e.name.name).copied() else { continue };
            if self.prog.enums[id as usize].span != e.name.span {
                continue; // a duplicate; already reported
            }
            let mut values = vec![];
            let mut labels = vec![];
            let mut pinned = vec![];
            for inc in &e.includes {
                match self.types.get(&inc.name).copied() {
                    Some((TypeRef::Enum(other), _)) if (other as usize) < k => {
                        let o = &self.prog.enums[other as usize];
                        values.extend(o.values.iter().copied());
                        labels.extend(o.value_labels.iter().cloned());
                        pinned.extend(o.pinned.iter().copied());
                    }
                    _ => self.errors.push(CheckError::UnknownType {
                        name: inc.name.clone(),
                        src: self.src(inc.span),
                        span: inc.span.into(),
                        help: Some("`include` names an enum declared above this one".into()),
                    }),
                }
            }
            // Its own values, then those layers add (`extend`), each where it says it stands.
            let own = e.values.iter();
            let added = extends.iter().filter(|x| x.name.name == e.name.name).flat_map(|x| x.values.iter());
            for v in own.chain(added) {
                let s = self.intern_in(&v.name.name, self.layer_of(v.name.span));
                if values.contains(&s) {
                    // Values do not keep where they were declared; the label says only "again".
                    self.errors.push(CheckError::Duplicate {
                        name: v.name.name.clone(),
                        src: self.src(v.name.span),
                        span: v.name.span.into(),
                        first: None,
                    });
                    continue;
                }
                let at = match &v.position {
                    None => values.len(),
                    Some((above, anchor)) => match self.sym_index.get(&anchor.name) {
                        Some(a) if values.contains(a) => {
                            values.iter().position(|x| x == a).unwrap_or(0) + usize::from(*above)
                        }
                        _ => {
                            let cands: Vec<String> =
                                values.iter().map(|x| self.prog.syms[*x as usize].clone()).collect();
                            self.errors.push(CheckError::UnknownValue {
                                value: anchor.name.clone(),
                                ty: e.name.name.clone(),
                                src: self.src(anchor.span),
                                span: anchor.span.into(),
                                help: did_you_mean(&anchor.name, cands.iter().map(String::as_str)),
                            });
                            values.len()
                        }
                    },
                };
                values.insert(at, s);
                labels.insert(at, v.labels.clone().unwrap_or_else(|| plain(&v.name.name)));
                pinned.insert(at, v.pinned);
            }
            if values.len() > 128 {
                self.errors.push(CheckError::Limit {
                    what: "values in one enum".into(),
                    limit: 128,
                    src: self.src(e.name.span),
                    span: e.name.span.into(),
                });
                values.truncate(128);
                labels.truncate(128);
                pinned.truncate(128);
            }
            let def = &mut self.prog.enums[id as usize];
            def.values = values;
            def.value_labels = labels;
            def.pinned = pinned;
        }
        let n = self.prog.syms.len();
        for def in &mut self.prog.enums {
            let mut bit = vec![255u8; n];
            for (i, s) in def.values.iter().enumerate() {
                bit[*s as usize] = i as u8;
            }
            def.bit = bit.into_boxed_slice();
        }
    }

    /// A symbol, remembering the layer that named it first.
    pub fn intern_in(&mut self, name: &str, layer: u16) -> Sym {
        let s = self.intern(name);
        if self.prog.sym_layer.len() <= s as usize {
            self.prog.sym_layer.resize(s as usize + 1, layer);
        }
        s
    }

    /// A type named in a declaration.
    pub fn type_of(&mut self, t: &TypeExpr, allow_list: bool) -> Option<Ty> {
        let id = t.ident();
        if let TypeExpr::MembersOf(list) = t {
            // The list facts are declared after the records: resolved then (`members.rs`).
            return Some(Ty::Members(self.members_placeholder(list)));
        }
        let base = match id.name.as_str() {
            "bool" => Some(Ty::Bool),
            "int" => Some(Ty::Int),
            "text" => Some(Ty::Text),
            "date" => Some(Ty::Date),
            "provision" => Some(Ty::Provision),
            _ => None,
        };
        let named = match self.types.get(&id.name).copied() {
            Some((TypeRef::Enum(e), _)) => {
                self.used_types[e as usize] = true;
                Some(Ty::Enum(e))
            }
            Some((TypeRef::Record(r), _)) => {
                let n = self.prog.enums.len() + r as usize;
                self.used_types[n] = true;
                Some(Ty::Record(r))
            }
            None => base,
        };
        let Some(named) = named else {
            let mut cands: Vec<&str> = self.types.keys().map(String::as_str).collect();
            cands.extend(["bool", "int", "text", "date"]);
            self.errors.push(CheckError::UnknownType {
                name: id.name.clone(),
                src: self.src(id.span),
                span: id.span.into(),
                help: did_you_mean(&id.name, cands),
            });
            return None;
        };
        let bad = |c: &mut Self, what: &str| {
            c.errors.push(CheckError::TypeMismatch {
                expected: what.to_string(),
                found: format!("`{}`", id.name),
                src: c.src(id.span),
                span: id.span.into(),
                help: None,
            });
            None
        };
        match (t, named) {
            (TypeExpr::Named(_), Ty::Provision) => bad(self, "a type of value"),
            (TypeExpr::Named(_), ty) => Some(ty),
            (TypeExpr::ListOf(_), Ty::Record(r)) if allow_list => Some(Ty::List(r)),
            (TypeExpr::ListOf(_), _) => bad(self, "a record (lists hold records, and only facts are lists)"),
            (TypeExpr::SetOf(_), Ty::Enum(e)) => Some(Ty::SetOfEnum(e)),
            (TypeExpr::SetOf(_), Ty::Provision) => Some(Ty::SetOfProvision),
            (TypeExpr::SetOf(_), _) => bad(self, "an enum or `provision` (sets hold those)"),
            (TypeExpr::MembersOf(_), _) => None,
        }
    }

    pub fn record_fields(&mut self, r: &ast::RecordDecl) {
        let Some((TypeRef::Record(id), first)) = self.types.get(&r.name.name).copied() else { return };
        if first != r.name.span {
            return;
        }
        self.prog.records[id as usize].fields = vec![];
        self.add_fields(id, &r.fields);
    }

    /// `extend Record { fields }`: a layer's fields after the record's own.
    pub fn extend_record(&mut self, r: &ast::RecordDecl) {
        match self.types.get(&r.name.name).copied() {
            Some((TypeRef::Record(id), _)) => self.add_fields(id, &r.fields),
            _ => {
                let cands: Vec<String> = self.prog.records.iter().map(|x| x.name.clone()).collect();
                self.errors.push(CheckError::UnknownType {
                    name: r.name.name.clone(),
                    src: self.src(r.name.span),
                    span: r.name.span.into(),
                    help: did_you_mean(&r.name.name, cands.iter().map(String::as_str)),
                });
            }
        }
    }

    /// A declared field (of a record, or a fact of the case) with its type, default and slot.
    fn field_def(&self, f: &ast::FieldDecl, ty: Ty, default: Option<Value>, slot: u32) -> FieldDef {
        FieldDef {
            layer: self.layer_of(f.name.span),
            defined: false,
            name: f.name.name.clone(),
            ty,
            default,
            optional: f.optional,
            nonempty: f.nonempty,
            open: f.open,
            unique: f.unique,
            labels: f.labels.clone().unwrap_or_else(|| plain(&f.name.name)),
            span: f.name.span,
            slot,
        }
    }

    fn add_fields(&mut self, id: u16, decls: &[ast::FieldDecl]) {
        for f in decls {
            let fields = &self.prog.records[id as usize].fields;
            if let Some(prev) = fields.iter().find(|x| x.name == f.name.name) {
                let first = prev.span;
                self.duplicate(&f.name, first);
                continue;
            }
            let Some(ty) = self.type_of(&f.ty, false) else { continue };
            if matches!(ty, Ty::Record(_) | Ty::SetOfEnum(_) | Ty::SetOfProvision) {
                self.errors.push(CheckError::TypeMismatch {
                    expected: "a bool, int, text, date or enum".into(),
                    found: "a record or set".into(),
                    src: self.src(f.ty.ident().span),
                    span: f.ty.ident().span.into(),
                    help: Some("fields of a record hold single values".into()),
                });
                continue;
            }
            let default = self.default_value(f, ty);
            let record_layer = self.layer_of(self.prog.records[id as usize].span);
            if self.layer_of(f.name.span) != record_layer && default.is_none() && !f.optional {
                // Cases the layer does not decide cannot be asked for it.
                self.errors.push(CheckError::Layer {
                    layer: self.prog.layers[self.layer_of(f.name.span) as usize].id.clone(),
                    what: format!("adds `{}` to `{}` without a default", f.name.name, r_name(&self.prog, id)),
                    src: self.src(f.name.span),
                    span: f.name.span.into(),
                    help: Some("give it a default (`= false`) or mark it `optional`".into()),
                });
                continue;
            }
            let slot = self.prog.records[id as usize].fields.len() as u32;
            if let Ty::Members(_) = ty {
                self.pending_members.push((id, f.name.name.clone(), f.ty.ident().clone()));
            }
            let def = self.field_def(f, ty, default, slot);
            self.prog.records[id as usize].fields.push(def);
        }
    }

    pub fn default_value(&mut self, f: &ast::FieldDecl, ty: Ty) -> Option<Value> {
        let d = f.default.as_ref()?;
        let v = self.literal(d, ty);
        if v.is_none() {
            self.errors.push(CheckError::BadDefault {
                name: f.name.name.clone(),
                src: self.src(d.span),
                span: d.span.into(),
            });
        }
        v
    }

    /// A literal of the given type (defaults), or None.
    pub fn literal(&mut self, e: &ast::Expr, ty: Ty) -> Option<Value> {
        use ast::ExprKind as K;
        match (&e.kind, ty) {
            (K::Bool(b), Ty::Bool) => Some(Value::Bool(*b)),
            (K::Int(i), Ty::Int) => Some(Value::Int(*i)),
            (K::Date(d), Ty::Date) => Some(Value::Date(*d)),
            (K::EmptyRecord, Ty::Record(_)) => Some(Value::Bool(true)),
            (K::EmptyList, Ty::List(_)) => Some(Value::Null),
            (K::EmptyList, Ty::SetOfEnum(_) | Ty::SetOfProvision) => Some(Value::Set(0)),
            // `= all`: every member of the list (positions past its end are never read).
            (K::Path(p), Ty::Members(_)) if p.dotted() == "all" => Some(Value::Set(u128::MAX)),
            (K::Path(p), Ty::Enum(en)) if p.parts.len() == 1 => {
                let s = self.sym_index.get(&p.parts[0].name)?;
                self.prog.enums[en as usize].values.contains(s).then_some(Value::Sym(*s))
            }
            _ => None,
        }
    }

    pub fn fact(&mut self, f: &ast::FieldDecl) {
        if let Some((_, first)) = self.names.get(&f.name.name) {
            let first = *first;
            self.duplicate(&f.name, first);
            return;
        }
        let Some(ty) = self.type_of(&f.ty, true) else { return };
        let default = self.default_value(f, ty);
        let slot = self.new_global();
        let mut fields = vec![];
        let mut list = None;
        match ty {
            Ty::Record(r) => {
                for fd in self.prog.records[r as usize].fields.clone() {
                    let s = self.new_global();
                    fields.push(FieldDef { slot: s, ..fd });
                }
            }
            Ty::List(r) => {
                let l = self.prog.lists.len() as u16;
                let width = self.prog.records[r as usize].fields.len() as u32;
                self.prog.lists.push(ListDef {
                    name: f.name.name.clone(),
                    record: r,
                    width,
                    rules: 0,
                    index: None,
                });
                list = Some(l);
            }
            Ty::SetOfEnum(_) | Ty::SetOfProvision | Ty::Provision => {
                self.errors.push(CheckError::TypeMismatch {
                    expected: "a value, a record or a list of records".into(),
                    found: "a set".into(),
                    src: self.src(f.ty.ident().span),
                    span: f.ty.ident().span.into(),
                    help: Some("sets are conclusions, not facts of a case".into()),
                });
                return;
            }
            _ => {}
        }
        let idx = self.prog.facts.len() as u32;
        self.prog.facts.push(Fact { def: self.field_def(f, ty, default, slot), fields, list });
        self.names.insert(f.name.name.clone(), (Name::Fact(idx), f.name.span));
    }

    pub fn conclusion(&mut self, c: &ast::ConclusionDecl, scope: Scope) {
        let exists = match scope {
            Scope::Global => self.names.get(&c.name.name).map(|x| x.1),
            Scope::Member(l) => self
                .member_conclusions
                .get(&(l, c.name.name.clone()))
                .map(|i| self.prog.conclusions[*i as usize].span),
        };
        if let Some(first) = exists {
            self.duplicate(&c.name, first);
            return;
        }
        // A conclusion may be one provision (the article something was decided under).
        let ty = match &c.ty {
            TypeExpr::Named(i) if i.name == "provision" => Some(Ty::Provision),
            t => self.type_of(t, false),
        };
        let Some(ty) = ty else { return };
        let combine = match (c.combine, ty) {
            (None, Ty::SetOfEnum(_) | Ty::SetOfProvision) => Combine::Union,
            (None, _) => Combine::Unique,
            (Some((how, _)), Ty::Enum(e)) if self.prog.enums[e as usize].scale => {
                if how == ast::Combine::Max { Combine::Max(e) } else { Combine::Min(e) }
            }
            (Some((_, span)), _) => {
                self.errors.push(CheckError::TypeMismatch {
                    expected: "a scale".into(),
                    found: "a type without order".into(),
                    src: self.src(span),
                    span: span.into(),
                    help: Some("`max` and `min` pick among the values of a scale".into()),
                });
                Combine::Unique
            }
        };
        let default = match &c.default {
            None => match ty {
                Ty::SetOfEnum(_) | Ty::SetOfProvision => Value::Set(0),
                _ => Value::Null,
            },
            Some(d) => match self.literal(d, ty) {
                Some(v) => v,
                None => {
                    self.errors.push(CheckError::BadDefault {
                        name: c.name.name.clone(),
                        src: self.src(d.span),
                        span: d.span.into(),
                    });
                    Value::Null
                }
            },
        };
        let slot = match scope {
            Scope::Global => self.new_global(),
            Scope::Member(l) => {
                let list = &mut self.prog.lists[l as usize];
                list.width += 1;
                list.width - 1
            }
        };
        let idx = self.prog.conclusions.len() as u32;
        self.prog.conclusions.push(Conclusion {
            name: c.name.name.clone(),
            labels: c.labels.clone().unwrap_or_else(|| plain(&c.name.name)),
            ty,
            combine,
            default,
            scope,
            slot,
            rules: vec![],
            universe: vec![],
            layer: self.layer_of(c.name.span),
            base_slot: None,
            gate: None,
            span: c.name.span,
        });
        match scope {
            Scope::Global => {
                self.names.insert(c.name.name.clone(), (Name::Conclusion(idx), c.name.span));
            }
            Scope::Member(l) => {
                self.member_conclusions.insert((l, c.name.name.clone()), idx);
            }
        }
    }
}

fn r_name(prog: &Program, id: u16) -> String {
    prog.records[id as usize].name.clone()
}
