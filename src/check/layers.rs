//! Layers of implementing rules. Which files make up which set (`measures`, `layer`, `part of`);
//! the layer headers (what a layer extends, its issuer's kind checked against the base set's
//! `issuers`, its dates, `applies when`); the guards every rule of a layer starts with; the
//! calendar of `working_days`; and `layer_by(kind)`. (Open and fixed points: `points.rs`.)

use super::error::{CheckError, Note};
use super::expr::Env;
use super::resolve::{Checker, Dep, LetState};
use crate::program::ir::{Expr, Ord, Value};
use crate::program::*;
use crate::source::Span;
use crate::syntax::ast;
use std::collections::HashMap;

impl Checker {
    /// Sorts the files into sets: the base set (`measures`), then each layer, in load order.
    pub fn sets(&mut self, files: &[ast::File]) {
        self.prog.source_layer = vec![0; self.prog.sources.len()];
        let mut heads: Vec<&ast::MeasuresHeader> = vec![];
        for f in files {
            let ast::Header::Measures(h) = &f.header else { continue };
            if let Some(first) = heads.iter().find(|x| x.id.name == h.id.name) {
                let first = first.id.span;
                self.errors.push(CheckError::Duplicate {
                    name: h.id.name.clone(),
                    src: self.src(h.id.span),
                    span: h.id.span.into(),
                    first: (first.src == h.id.span.src).then(|| first.into()),
                });
                continue;
            }
            heads.push(h);
        }
        let Some(base) = heads.iter().find(|h| !h.layer).copied() else {
            let span = files.first().map(|f| Span::new(f.src, 0, 0)).unwrap_or_default();
            self.errors.push(CheckError::Header {
                what: "no file opens the policy set with `measures ID { … }`".into(),
                src: self.src(span),
                span: span.into(),
            });
            return;
        };
        for h in heads.iter().filter(|h| !h.layer && h.id.name != base.id.name) {
            self.errors.push(CheckError::Header {
                what: format!("a second set of measures, `{}`, beside `{}`", h.id.name, base.id.name),
                src: self.src(h.id.span),
                span: h.id.span.into(),
            });
        }
        let order: Vec<&ast::MeasuresHeader> =
            std::iter::once(base).chain(heads.iter().filter(|h| h.layer).copied()).collect();
        for h in &order {
            self.prog.layers.push(LayerDef {
                id: h.id.name.clone(),
                title: h.title.clone().unwrap_or_default(),
                issuer: h.issuer.as_ref().map(|i| i.0.clone()).unwrap_or_default(),
                effective: h.effective.map(|d| d.0),
                until: h.until.map(|d| d.0),
                span: h.id.span,
                ..LayerDef::default()
            });
        }
        let index: HashMap<&str, u16> =
            order.iter().enumerate().map(|(i, h)| (h.id.name.as_str(), i as u16)).collect();
        for f in files {
            let id = match &f.header {
                ast::Header::Measures(h) => &h.id,
                ast::Header::PartOf(id) => id,
            };
            match index.get(id.name.as_str()) {
                Some(l) => {
                    self.prog.source_layer[f.src as usize] = *l;
                    self.prog.layers[*l as usize].sources.push(f.src);
                }
                None => self.errors.push(CheckError::Header {
                    what: format!(
                        "this file is part of `{}`, but the set loaded is `{}`",
                        id.name, base.id.name
                    ),
                    src: self.src(id.span),
                    span: id.span.into(),
                }),
            }
        }
        for (i, h) in order.iter().enumerate().skip(1) {
            let layer = h.id.name.clone();
            let err = |c: &Checker, what: &str, span: Span, help: Option<&str>| CheckError::Layer {
                layer: layer.clone(),
                what: what.into(),
                src: c.src(span),
                span: span.into(),
                help: help.map(Into::into),
            };
            match &h.extends {
                None => {
                    let e = err(
                        self,
                        "names no set it builds on",
                        h.id.span,
                        Some("add `extends ID` to its header"),
                    );
                    self.errors.push(e);
                }
                Some(x) => match index.get(x.name.as_str()) {
                    Some(p) if *p as usize != i => self.prog.layers[i].extends = Some(*p),
                    _ => {
                        let e = err(self, "extends a set that is not loaded", x.span, None);
                        self.errors.push(e);
                    }
                },
            }
            for (field, given) in [
                ("dated_by", h.dated_by.as_ref().map(|p| p.span)),
                ("selected_by", h.selected_by.as_ref().map(|p| p.span)),
            ] {
                if let Some(span) = given {
                    let e = err(
                        self,
                        &format!("names `{field}`, which only the base set of measures may name"),
                        span,
                        Some(
                            "a layer is dated and selected by the facts the base set names; remove this line",
                        ),
                    );
                    self.errors.push(e);
                }
            }
            if h.effective.is_none() {
                let e =
                    err(self, "names no date it takes effect", h.id.span, Some("add `effective YYYY-MM-DD`"));
                self.errors.push(e);
            }
            // Its provisions are cited by its title (「《某省……实施细则》第六条」): without one a
            // decision would cite 「《》第六条」.
            if h.title.as_ref().is_none_or(|t| t.zh.trim().is_empty()) {
                let e = err(
                    self,
                    "names no title to cite its articles by",
                    h.id.span,
                    Some(
                        "add `title \"……\"`, the rules' title as issued (and an English title after it when its articles give English text)",
                    ),
                );
                self.errors.push(e);
            }
        }
        // A layer may not extend itself through others.
        for i in 1..self.prog.layers.len() {
            let mut at = self.prog.layers[i].extends;
            for _ in 0..self.prog.layers.len() {
                at = at.and_then(|l| self.prog.layers[l as usize].extends);
            }
            if at.is_some() {
                let span = self.prog.layers[i].span;
                self.errors.push(CheckError::Layer {
                    layer: self.prog.layers[i].id.clone(),
                    what: "extends itself through other layers".into(),
                    src: self.src(span),
                    span: span.into(),
                    help: None,
                });
                self.prog.layers[i].extends = Some(0);
            }
        }
        self.prog.header = Header {
            id: base.id.name.clone(),
            title: base.title.clone().unwrap_or_default(),
            issuer: base.issuer.as_ref().map(|i| i.0.clone()).unwrap_or_default(),
            issuer_kind: None,
            effective: base.effective.map(|d| d.0),
            dated_by: None,
            selected_by: None,
        };
    }

    /// After the vocabulary: each layer's issuer kind, and the guards its rules start with — those
    /// of the layer it extends, its `applies when`, and its dates against the base's `dated_by`.
    pub fn layer_guards(&mut self, files: &[ast::File]) {
        let heads: HashMap<&str, &ast::MeasuresHeader> = files
            .iter()
            .filter_map(|f| match &f.header {
                ast::Header::Measures(h) => Some((h.id.name.as_str(), &**h)),
                _ => None,
            })
            .collect();
        let mut done = vec![false; self.prog.layers.len()];
        done[0] = true;
        for i in 1..self.prog.layers.len() {
            self.guards_of(i, &heads, &mut done);
        }
    }

    fn guards_of(&mut self, i: usize, heads: &HashMap<&str, &ast::MeasuresHeader>, done: &mut [bool]) {
        if done[i] {
            return;
        }
        done[i] = true;
        let parent = self.prog.layers[i].extends.unwrap_or(0) as usize;
        self.guards_of(parent, heads, done);
        let mut guards = self.prog.layers[parent].guards.clone();
        let Some(h) = heads.get(self.prog.layers[i].id.as_str()).copied() else { return };
        let layer = h.id.name.clone();
        if let Some(k) = h.issuer.as_ref().and_then(|x| x.1.as_ref()) {
            match self.sym_index.get(&k.name) {
                Some(s) => self.prog.layers[i].issuer_kind = Some(*s),
                None => self.errors.push(CheckError::UnknownValue {
                    value: k.name.clone(),
                    ty: "issuer kinds".into(),
                    src: self.src(k.span),
                    span: k.span.into(),
                    help: None,
                }),
            }
        }
        if let Some(a) = &h.applies {
            let saved = std::mem::take(&mut self.deps);
            let cond = self.condition(a, &Env::default());
            let deps = std::mem::replace(&mut self.deps, saved);
            if !deps.is_empty() {
                self.errors.push(CheckError::Layer {
                    layer: layer.clone(),
                    what: "`applies when` reads something decided by rules".into(),
                    src: self.src(a.span),
                    span: a.span.into(),
                    help: Some("which layer decides a case depends on the facts of the case alone".into()),
                });
            } else if let Some(c) = cond {
                guards.push(Guard { expr: c, text: self.text(a.span), kind: GuardKind::Applies });
            }
        }
        let base_from = self.prog.header.effective;
        let dated_by = self.prog.header.dated_by;
        let (from, until) = (h.effective, h.until);
        if let (Some((d, span)), Some(b)) = (from, base_from)
            && d < b
        {
            self.errors.push(CheckError::Layer {
                layer: layer.clone(),
                what: format!(
                    "takes effect on {}, before the measures it builds on ({})",
                    crate::date::format(d),
                    crate::date::format(b)
                ),
                src: self.src(span),
                span: span.into(),
                help: Some("implementing rules cannot be in force before the measures they implement".into()),
            });
        }
        if let (Some((a, _)), Some((b, span))) = (from, until)
            && b <= a
        {
            self.errors.push(CheckError::Layer {
                layer: layer.clone(),
                what: "ends before it takes effect".into(),
                src: self.src(span),
                span: span.into(),
                help: None,
            });
        }
        if (from.is_some() || until.is_some()) && dated_by.is_none() {
            self.errors.push(CheckError::Layer {
                layer: layer.clone(),
                what: "has dates, but the base set names no `dated_by` fact to compare them with".into(),
                src: self.src(h.id.span),
                span: h.id.span.into(),
                help: None,
            });
        }
        if let Some(slot) = dated_by {
            let name = self.global_name(slot);
            for (date, ord, op) in [(from, Ord::Ge, ">="), (until, Ord::Lt, "<")] {
                if let Some((d, _)) = date {
                    let e =
                        Expr::Cmp(ord, Box::new(Expr::Global(slot)), Box::new(Expr::Const(Value::Date(d))));
                    let text = format!("{name} {op} {} ({layer})", crate::date::format(d));
                    guards.push(Guard { expr: e, text, kind: GuardKind::InForce });
                }
            }
        }
        self.prog.layers[i].guards = guards;
    }

    /// `holidays { … }` and `workdays { … }`: each layer's calendar is its own with those of the
    /// layers it extends, and `working_days` in its rules counts with it (another region's
    /// festival changes nothing here).
    pub fn calendar(&mut self, files: &[ast::File]) {
        let mut own = vec![Calendar::default(); self.prog.layers.len()];
        for f in files {
            let layer = self.prog.source_layer.get(f.src as usize).copied().unwrap_or(0) as usize;
            for it in &f.items {
                let ast::Item::Calendar(workdays, spans) = it else { continue };
                self.calendar_spans(&mut own[layer], *workdays, spans);
            }
        }
        for l in 0..self.prog.layers.len() {
            let mut cal = Calendar::default();
            let mut at = Some(l);
            while let Some(i) = at {
                cal.holidays.extend(&own[i].holidays);
                cal.workdays.extend(&own[i].workdays);
                at = if i == 0 { None } else { Some(self.prog.layers[i].extends.unwrap_or(0) as usize) };
            }
            for v in [&mut cal.holidays, &mut cal.workdays] {
                v.sort_unstable();
                v.dedup();
            }
            self.prog.layers[l].calendar = std::sync::Arc::new(cal);
        }
    }

    fn calendar_spans(&mut self, cal: &mut Calendar, workdays: bool, spans: &[(i32, i32, Span)]) {
        for (first, last, span) in spans {
            if last < first || last - first > 366 {
                self.errors.push(CheckError::Limit {
                    what: "days in one span of the calendar (a span runs forward, a year at most)".into(),
                    limit: 367,
                    src: self.src(*span),
                    span: (*span).into(),
                });
                continue;
            }
            let days = if workdays { &mut cal.workdays } else { &mut cal.holidays };
            days.extend(*first..=*last);
        }
    }

    /// The name of a global slot that holds a fact (or a field of one).
    pub fn global_name(&self, slot: u32) -> String {
        for f in &self.prog.facts {
            if f.def.slot == slot {
                return f.def.name.clone();
            }
            if let Some(x) = f.fields.iter().find(|x| x.slot == slot) {
                return format!("{}.{}", f.def.name, x.name);
            }
        }
        format!("#{slot}")
    }

    /// `layer_by(kind)`: true when a loaded layer issued by that kind decides the case. A
    /// definition of its own, so that analyses see one unknown, not the guards of every layer.
    pub fn layer_by(&mut self, x: &ast::Expr) -> Option<(Expr, Ty)> {
        let ast::ExprKind::Path(p) = &x.kind else {
            self.misplaced_item_span("this", "as `layer_by(KIND)`, KIND a kind of issuer", x.span);
            return None;
        };
        let name = p.dotted();
        let Some(sym) = self.sym_index.get(&name).copied() else {
            self.errors.push(CheckError::UnknownValue {
                value: name,
                ty: "issuer kinds".into(),
                src: self.src(p.span),
                span: p.span.into(),
                help: None,
            });
            return None;
        };
        let l = match self.layer_by_lets.get(&sym) {
            Some(l) => *l,
            None => {
                let ors: Vec<Expr> = self
                    .prog
                    .layers
                    .iter()
                    .skip(1)
                    .filter(|l| l.issuer_kind == Some(sym))
                    .map(|l| Expr::All(l.guards.iter().map(|g| g.expr.clone()).collect()))
                    .collect();
                let expr = ors.into_iter().reduce(|a, b| Expr::Or(Box::new(a), Box::new(b)));
                let slot = self.new_global();
                let l = self.prog.lets.len() as u32;
                // In words: 「已加载中央军事委员会制定的规定并对本案施行」.
                let issuer =
                    self.prog.enums.iter().find_map(|e| {
                        e.values.iter().position(|v| *v == sym).map(|i| e.value_labels[i].clone())
                    });
                let labels = issuer.map(|l| Labels {
                    zh: format!("已加载{}制定的规定并对本案施行", l.zh),
                    en: Some(format!(
                        "rules made by the {} are loaded and in force for the case",
                        l.get(true)
                    )),
                    span: l.span,
                });
                self.prog.lets.push(Let {
                    name: format!("layer_by({name})"),
                    labels,
                    ty: Ty::Bool,
                    expr: expr.unwrap_or(Expr::Const(Value::Bool(false))),
                    slot,
                    provision: None,
                    reads: vec![],
                    span: x.span,
                });
                self.lets.push(LetState::Done);
                self.let_deps.push(vec![]);
                self.layer_by_lets.insert(sym, l);
                l
            }
        };
        let slot = self.prog.lets[l as usize].slot;
        self.read_globals[slot as usize] = true;
        self.deps.push(Dep::Let(l));
        Some((Expr::Global(slot), Ty::Bool))
    }

    pub fn note(&self, span: Span, message: impl Into<String>, label: impl Into<String>) -> Note {
        Note { message: message.into(), src: self.src(span), span: span.into(), label: label.into() }
    }
}
