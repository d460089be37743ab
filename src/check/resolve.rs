//! The checker's state, and the first passes: the header, the vocabulary (enums, records,
//! facts), conclusions and definitions, and the decision's keys.

use super::error::CheckError;
use super::suggest::did_you_mean;
use crate::compile::ir::{Expr, Sym, Value};
use crate::compile::program::*;
use crate::syntax::ast::{self, Item, Labels, TypeExpr};
use crate::syntax::{Source, Span};
use miette::NamedSource;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeRef {
    Enum(u16),
    Record(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    Fact(u32),
    Conclusion(u32),
    Let(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    Conclusion(u32),
    Let(u32),
}

/// A `let` while its expression is being resolved (lets may use one another, in any order).
pub enum LetState {
    Pending(ast::Expr, Option<u16>),
    InProgress,
    Done,
}

pub struct Checker {
    pub prog: Program,
    pub errors: Vec<CheckError>,
    pub types: HashMap<String, (TypeRef, Span)>,
    pub sym_index: HashMap<String, Sym>,
    pub names: HashMap<String, (Name, Span)>,
    pub member_conclusions: HashMap<(u16, String), u32>,
    /// Rule names, by (layer, name).
    pub rule_names: HashMap<(u16, String), u32>,
    pub lets: Vec<LetState>,
    pub let_deps: Vec<Vec<Dep>>,
    pub rule_deps: Vec<Vec<Dep>>,
    pub guard_deps: Vec<Vec<Dep>>,
    /// Pending exceptions: (rule, names it overrides).
    pub pending_exceptions: Vec<(u32, super::rules::Targets)>,
    /// Reads seen anywhere: global slots, and (list, member slot).
    pub read_globals: Vec<bool>,
    pub read_members: HashMap<(u16, u32), bool>,
    pub used_types: Vec<bool>,
    /// While resolving an expression: what it depends on.
    pub deps: Vec<Dep>,
    /// `open` and `fixed` statements, with where they stand.
    pub points: Vec<super::layers::PointDecl>,
    /// The definition behind each `layer_by(kind)`, by kind.
    pub layer_by_lets: HashMap<Sym, u32>,
}

impl Checker {
    pub fn new(sources: Vec<Source>) -> Self {
        Checker {
            prog: Program { sources, ..Program::default() },
            errors: vec![],
            types: HashMap::new(),
            sym_index: HashMap::new(),
            names: HashMap::new(),
            member_conclusions: HashMap::new(),
            rule_names: HashMap::new(),
            lets: vec![],
            let_deps: vec![],
            rule_deps: vec![],
            guard_deps: vec![],
            pending_exceptions: vec![],
            read_globals: vec![],
            read_members: HashMap::new(),
            used_types: vec![],
            deps: vec![],
            points: vec![],
            layer_by_lets: HashMap::new(),
        }
    }

    pub fn src(&self, span: Span) -> NamedSource<Arc<str>> {
        match self.prog.sources.get(span.src as usize) {
            Some(s) => s.named(),
            None => NamedSource::new("?", Arc::from("")),
        }
    }

    pub fn text(&self, span: Span) -> String {
        self.prog.sources.get(span.src as usize).map(|s| s.slice(span).to_string()).unwrap_or_default()
    }

    // ---- vocabulary ---------------------------------------------------------------------------

    pub fn declarations(&mut self, files: &[ast::File]) {
        let items: Vec<&Item> = files.iter().flat_map(|f| f.items.iter()).collect();
        // Types first, so that facts may name them in any order.
        for it in &items {
            match it {
                Item::Enum(e) => {
                    self.declare_type(&e.name, TypeRef::Enum(self.prog.enums.len() as u16), |c| {
                        c.prog.enums.push(EnumDef {
                            name: e.name.name.clone(),
                            labels: e.labels.clone().unwrap_or_else(|| plain(&e.name.name)),
                            scale: e.scale,
                            values: vec![],
                            value_labels: vec![],
                            bit: Box::new([]),
                            pinned: vec![],
                            span: e.name.span,
                        })
                    })
                }
                Item::Record(r) => {
                    self.declare_type(&r.name, TypeRef::Record(self.prog.records.len() as u16), |c| {
                        c.prog.records.push(RecordDef {
                            name: r.name.name.clone(),
                            labels: r.labels.clone().unwrap_or_else(|| plain(&r.name.name)),
                            fields: vec![],
                            span: r.name.span,
                        })
                    })
                }
                _ => {}
            }
        }
        self.enum_values(&items);
        self.used_types = vec![false; self.prog.enums.len() + self.prog.records.len()];
        for it in &items {
            if let Item::Record(r) = it {
                self.record_fields(r);
            }
        }
        for it in &items {
            if let Item::Fact(f) = it {
                self.fact(f);
            }
        }
        for it in &items {
            match it {
                Item::Conclusion(c) => self.conclusion(c, Scope::Global),
                Item::Each(e) => {
                    if let Some(list) = self.list_of_path(&e.list) {
                        for sub in &e.items {
                            match sub {
                                Item::Conclusion(c) => self.conclusion(c, Scope::Member(list)),
                                other => self.misplaced_item(other, "inside a provision"),
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let dated_by = files.iter().find_map(|f| match &f.header {
            ast::Header::Measures(h) if !h.layer => h.dated_by.clone(),
            _ => None,
        });
        if let Some(p) = dated_by {
            let e = self.global_path(&p);
            if let Some((Expr::Global(slot), Ty::Date)) = e {
                self.prog.header.dated_by = Some(slot);
            } else if e.is_some() {
                self.errors.push(CheckError::TypeMismatch {
                    expected: "a date fact".into(),
                    found: "something else".into(),
                    src: self.src(p.span),
                    span: p.span.into(),
                    help: Some("`dated_by` names the fact whose date picks what is in force".into()),
                });
            }
        }
        let selected_by = files.iter().find_map(|f| match &f.header {
            ast::Header::Measures(h) if !h.layer => h.selected_by.clone(),
            _ => None,
        });
        if let Some(p) = selected_by {
            match self.global_path(&p) {
                Some((Expr::Global(slot), Ty::Enum(e))) => self.prog.header.selected_by = Some((slot, e)),
                Some(_) => self.errors.push(CheckError::TypeMismatch {
                    expected: "a fact whose type is an enum".into(),
                    found: "something else".into(),
                    src: self.src(p.span),
                    span: p.span.into(),
                    help: Some(
                        "`selected_by` names the fact whose value picks a layer (its enum lists the regions)"
                            .into(),
                    ),
                }),
                None => {}
            }
        }
        // Definitions, wherever they stand, are collected now and resolved when first needed.
        let mut lets = vec![];
        nested_lets(&items, &mut lets);
        for l in lets {
            self.add_let(l, None);
        }
    }

    fn declare_type(&mut self, name: &ast::Ident, r: TypeRef, push: impl FnOnce(&mut Self)) {
        if let Some((_, first)) = self.types.get(&name.name) {
            let first = *first;
            self.duplicate(name, first);
            return;
        }
        self.types.insert(name.name.clone(), (r, name.span));
        push(self);
    }

    pub fn duplicate(&mut self, name: &ast::Ident, first: Span) {
        self.errors.push(CheckError::Duplicate {
            name: name.name.clone(),
            src: self.src(name.span),
            span: name.span.into(),
            first: (first.src == name.span.src).then(|| first.into()),
        });
    }

    fn intern(&mut self, name: &str) -> Sym {
        if let Some(s) = self.sym_index.get(name) {
            return *s;
        }
        let s = self.prog.syms.len() as Sym;
        self.prog.syms.push(name.to_string());
        self.sym_index.insert(name.to_string(), s);
        s
    }

    fn enum_values(&mut self, items: &[&Item]) {
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
                    self.duplicate(&v.name, v.name.span);
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
                                ty: format!("`{}`", e.name.name),
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
    fn intern_in(&mut self, name: &str, layer: u16) -> Sym {
        let s = self.intern(name);
        if self.prog.sym_layer.len() <= s as usize {
            self.prog.sym_layer.resize(s as usize + 1, layer);
        }
        s
    }

    /// The layer a span's source belongs to.
    pub fn layer_of(&self, span: Span) -> u16 {
        self.prog.source_layer.get(span.src as usize).copied().unwrap_or(0)
    }

    /// A type named in a declaration.
    pub fn type_of(&mut self, t: &TypeExpr, allow_list: bool) -> Option<Ty> {
        let id = t.ident();
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
        }
    }

    fn record_fields(&mut self, r: &ast::RecordDecl) {
        let Some((TypeRef::Record(id), first)) = self.types.get(&r.name.name).copied() else { return };
        if first != r.name.span {
            return;
        }
        let mut fields: Vec<FieldDef> = vec![];
        for f in &r.fields {
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
            fields.push(FieldDef {
                layer: self.layer_of(f.name.span),
                defined: false,
                name: f.name.name.clone(),
                ty,
                default,
                optional: f.optional,
                nonempty: f.nonempty,
                open: f.open,
                labels: f.labels.clone().unwrap_or_else(|| plain(&f.name.name)),
                span: f.name.span,
                slot: fields.len() as u32,
            });
        }
        self.prog.records[id as usize].fields = fields;
    }

    fn default_value(&mut self, f: &ast::FieldDecl, ty: Ty) -> Option<Value> {
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
            (K::Path(p), Ty::Enum(en)) if p.parts.len() == 1 => {
                let s = self.sym_index.get(&p.parts[0].name)?;
                self.prog.enums[en as usize].values.contains(s).then_some(Value::Sym(*s))
            }
            _ => None,
        }
    }

    pub fn new_global(&mut self) -> u32 {
        let s = self.prog.globals;
        self.prog.globals += 1;
        self.read_globals.push(false);
        s
    }

    fn fact(&mut self, f: &ast::FieldDecl) {
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
                self.prog.lists.push(ListDef { name: f.name.name.clone(), record: r, width, rules: 0 });
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
        self.prog.facts.push(Fact {
            def: FieldDef {
                layer: self.layer_of(f.name.span),
                defined: false,
                name: f.name.name.clone(),
                ty,
                default,
                optional: f.optional,
                nonempty: f.nonempty,
                open: f.open,
                labels: f.labels.clone().unwrap_or_else(|| plain(&f.name.name)),
                span: f.name.span,
                slot,
            },
            fields,
            list,
        });
        self.names.insert(f.name.name.clone(), (Name::Fact(idx), f.name.span));
    }

    fn conclusion(&mut self, c: &ast::ConclusionDecl, scope: Scope) {
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
        let Some(ty) = self.type_of(&c.ty, false) else { return };
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

    /// The list a path names (`people`).
    pub fn list_of_path(&mut self, p: &ast::Path) -> Option<u16> {
        if p.parts.len() == 1
            && let Some((Name::Fact(f), _)) = self.names.get(&p.parts[0].name)
            && let Some(l) = self.prog.facts[*f as usize].list
        {
            let slot = self.prog.facts[*f as usize].def.slot;
            self.read_globals[slot as usize] = true;
            return Some(l);
        }
        self.errors.push(CheckError::TypeMismatch {
            expected: "a list fact".into(),
            found: format!("`{}`", p.dotted()),
            src: self.src(p.span),
            span: p.span.into(),
            help: did_you_mean(&p.dotted(), self.prog.lists.iter().map(|l| l.name.as_str())),
        });
        None
    }

    /// Checks the definitions no rule used (so their errors are reported too).
    pub fn unreferenced_lets(&mut self) {
        for l in 0..self.lets.len() {
            if matches!(self.lets[l], LetState::Pending(..)) {
                let span = self.prog.lets[l].span;
                self.resolve_let(l as u32, span);
            }
        }
    }

    /// Places a definition in the provision it stands in (for `this` and for citing).
    pub fn place_let(&mut self, l: &ast::LetDecl, prov: u16) {
        if let Some((Name::Let(i), _)) = self.names.get(&l.name.name).copied() {
            self.prog.lets[i as usize].provision = Some(prov);
            if let LetState::Pending(_, p) = &mut self.lets[i as usize] {
                *p = Some(prov);
            }
        }
    }

    pub fn add_let(&mut self, l: &ast::LetDecl, prov: Option<u16>) {
        if let Some((_, first)) = self.names.get(&l.name.name) {
            let first = *first;
            self.duplicate(&l.name, first);
            return;
        }
        let slot = self.new_global();
        let idx = self.prog.lets.len() as u32;
        self.prog.lets.push(Let {
            name: l.name.name.clone(),
            labels: l.labels.clone(),
            ty: Ty::Bool,
            expr: Expr::Const(Value::Null),
            slot,
            provision: prov,
            span: l.name.span,
        });
        self.lets.push(LetState::Pending(l.value.clone(), prov));
        self.let_deps.push(vec![]);
        self.names.insert(l.name.name.clone(), (Name::Let(idx), l.name.span));
    }

    pub fn misplaced_item(&mut self, it: &Item, where_: &str) {
        let (what, span) = match it {
            Item::Rule(r) => ("rule", r.span),
            Item::Fact(f) => ("fact", f.span),
            Item::Let(l) => ("let", l.name.span),
            Item::Conclusion(c) => ("conclusion", c.name.span),
            Item::Guard(g) => ("when", g.condition.span),
            Item::Provision(p) => ("article", p.span),
            _ => return,
        };
        self.errors.push(CheckError::Misplaced {
            what: what.into(),
            where_: where_.into(),
            src: self.src(span),
            span: span.into(),
        });
    }

    // ---- the decision -----------------------------------------------------------------------

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

    pub fn misplaced_item_span(&mut self, what: &str, where_: &str, span: Span) {
        self.errors.push(CheckError::Misplaced {
            what: what.into(),
            where_: where_.into(),
            src: self.src(span),
            span: span.into(),
        });
    }
}

fn nested_lets<'a>(items: &[&'a Item], out: &mut Vec<&'a ast::LetDecl>) {
    for it in items {
        let inner: Vec<&Item> = match it {
            Item::Let(l) => {
                out.push(l);
                continue;
            }
            Item::Chapter(c) => c.items.iter().collect(),
            Item::Provision(p) => p.items.iter().collect(),
            _ => continue,
        };
        nested_lets(&inner, out);
    }
}

/// Labels for a name that has none: the name itself.
pub fn plain(name: &str) -> Labels {
    Labels { zh: name.to_string(), en: Some(name.to_string()), span: Span::default() }
}
