//! The checker's state, and the first passes: the header, the vocabulary (enums, records,
//! facts), conclusions and definitions, and the decision's keys.

use super::error::CheckError;
use crate::program::ir::{Expr, Sym, Value};
use crate::program::*;
use crate::source::{Source, Span};
use crate::suggest::did_you_mean;
use crate::syntax::ast::{self, Ident, Item, Labels};
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
    /// The definitions being resolved, outermost first (to name every step of a cycle).
    pub let_stack: Vec<u32>,
    pub let_deps: Vec<Vec<Dep>>,
    pub rule_deps: Vec<Vec<Dep>>,
    pub guard_deps: Vec<Vec<Dep>>,
    /// Pending exceptions: (rule, names it overrides).
    pub pending_exceptions: Vec<(u32, super::exceptions::Targets)>,
    /// Reads seen anywhere: global slots, and (list, member slot).
    pub read_globals: Vec<bool>,
    pub read_members: HashMap<(u16, u32), bool>,
    pub used_types: Vec<bool>,
    /// While resolving an expression: what it depends on.
    pub deps: Vec<Dep>,
    /// `open` and `fixed` statements, with where they stand.
    pub points: Vec<super::points::PointDecl>,
    /// The definition behind each `layer_by(kind)`, by kind.
    pub layer_by_lets: HashMap<Sym, u32>,
    /// Fields typed `members of LIST`, resolved once the list facts are declared: (record, field,
    /// the list's name).
    pub pending_members: Vec<(u16, String, Ident)>,
    /// Conclusions declared `if COND`, resolved once every definition is known: (conclusion,
    /// condition, the `each` variable it may read).
    pub pending_gates: Vec<PendingGate>,
    /// What each gate reads (by conclusion), for the order of computation.
    pub gate_deps: Vec<(u32, Vec<Dep>)>,
}

/// A conclusion's `if COND`, waiting for the definitions: (conclusion, condition, the `each`
/// variable and its list).
pub type PendingGate = (u32, ast::Expr, Option<(String, u16)>);

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
            let_stack: vec![],
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
            pending_members: vec![],
            pending_gates: vec![],
            gate_deps: vec![],
        }
    }

    pub fn src(&self, span: Span) -> NamedSource<Arc<str>> {
        match self.prog.sources.get(span.src as usize) {
            Some(s) => s.named(),
            None => NamedSource::new("?", Arc::from("")),
        }
    }

    /// The source text of a span, on one line (for quoting conditions and effects).
    pub fn text(&self, span: Span) -> String {
        let raw = self.prog.sources.get(span.src as usize).map(|s| s.slice(span)).unwrap_or_default();
        crate::fmt::one_line(raw)
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
            if let Item::ExtendRecord(r) = it {
                self.extend_record(r);
            }
        }
        for it in &items {
            if let Item::Fact(f) = it {
                self.fact(f);
            }
        }
        self.members_types();
        for it in &items {
            match it {
                Item::Conclusion(c) => {
                    self.conclusion(c, Scope::Global);
                    self.pend_gate(c, None);
                }
                Item::Each(e) => {
                    if let Some(list) = self.list_of_path(&e.list) {
                        for sub in &e.items {
                            match sub {
                                Item::Conclusion(c) => {
                                    self.conclusion(c, Scope::Member(list));
                                    self.pend_gate(c, Some((e.var.name.clone(), list)));
                                }
                                other => self.misplaced_item(other, "inside a provision"),
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        self.member_positions();
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

    pub fn duplicate(&mut self, name: &ast::Ident, first: Span) {
        self.errors.push(CheckError::Duplicate {
            name: name.name.clone(),
            src: self.src(name.span),
            span: name.span.into(),
            first: (first.src == name.span.src).then(|| first.into()),
        });
    }

    /// The layer a span's source belongs to.
    pub fn layer_of(&self, span: Span) -> u16 {
        self.prog.source_layer.get(span.src as usize).copied().unwrap_or(0)
    }

    pub fn new_global(&mut self) -> u32 {
        let s = self.prog.globals;
        self.prog.globals += 1;
        self.read_globals.push(false);
        s
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
            reads: vec![],
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
