//! Walking the text of the law: chapters, articles, paragraphs and items get their ids, in
//! each layer in turn; each rule inside them is resolved (`rules.rs`) with the guards, dates and
//! `each` scope of where it stands.

use super::error::CheckError;
use super::expr::Env;
use super::resolve::Checker;
use super::rules::all_of;
use crate::program::ir::{Expr, Ord, Value};
use crate::program::*;
use crate::source::Span;
use crate::syntax::ast::{self, Item, ProvisionKind};

/// Where a rule stands: its provision, the guards around it, its `each` member.
#[derive(Clone, Default)]
pub struct Ctx {
    pub env: Env,
    pub scope: Option<u16>,
    pub guards: Vec<Conjunct>,
    /// The layer the provision belongs to (0: the base set).
    pub layer: u16,
}

impl Checker {
    /// Walks the provisions of each layer in turn (numbering starts again in each layer); the
    /// rules of a layer get its guards (`applies when`, its dates) as their first conditions.
    pub fn provisions(&mut self, files: &[ast::File]) {
        for layer in 0..self.prog.layers.len() as u16 {
            let start = Ctx {
                guards: self.prog.layers[layer as usize]
                    .guards
                    .iter()
                    .map(|g| Conjunct { expr: g.expr.clone(), text: g.text.clone() })
                    .collect(),
                layer,
                ..Ctx::default()
            };
            let mine = files.iter().filter(|f| self.prog.source_layer.get(f.src as usize) == Some(&layer));
            self.layer_provisions(mine.collect(), &start);
        }
    }

    fn layer_provisions(&mut self, files: Vec<&ast::File>, start: &Ctx) {
        let mut chapter_no = 0;
        let mut article_no = 0;
        for f in files {
            for it in &f.items {
                match it {
                    Item::Chapter(ch) => {
                        chapter_no += 1;
                        if ch.number != chapter_no {
                            self.numbering(&format!("chapter {}", ch.number), ch.span, chapter_no);
                        }
                        let idx = self.prog.chapters.len() as u16;
                        self.prog.chapters.push(Chapter { number: ch.number, labels: ch.labels.clone() });
                        for p in &ch.items {
                            if let Item::Provision(p) = p {
                                article_no += 1;
                                self.provision(p, None, Some(idx), article_no, start);
                            }
                        }
                    }
                    Item::Provision(p) => {
                        article_no += 1;
                        self.provision(p, None, None, article_no, start);
                    }
                    Item::Rule(r) => self.misplaced_item_span("rule", "inside a provision", r.span),
                    _ => {}
                }
            }
        }
    }

    fn numbering(&mut self, id: &str, span: Span, expected: u32) {
        self.errors.push(CheckError::Numbering {
            id: id.to_string(),
            src: self.src(span),
            span: span.into(),
            expected,
        });
    }

    fn provision(
        &mut self,
        p: &ast::Provision,
        parent: Option<u16>,
        chapter: Option<u16>,
        expected: u32,
        ctx: &Ctx,
    ) {
        let parent_def = parent.map(|x| &self.prog.provisions[x as usize]);
        let ok_kind = matches!(
            (parent_def.map(|d| d.kind), p.kind),
            (None, ProvisionKind::Article)
                | (Some(ProvisionKind::Article), ProvisionKind::Paragraph)
                | (Some(ProvisionKind::Paragraph), ProvisionKind::Item)
        );
        if !ok_kind {
            self.misplaced_item_span(
                "this provision",
                "as article → paragraph → item",
                Span { end: p.span.start + 9, ..p.span },
            );
            return;
        }
        let id = match parent_def {
            Some(d) => format!("{}.{}", d.id, p.number),
            None if ctx.layer > 0 => format!("{}:{}", self.prog.layers[ctx.layer as usize].id, p.number),
            None => p.number.to_string(),
        };
        if p.number != expected {
            self.numbering(&id, Span { end: p.span.start + 12, ..p.span }, expected);
        }
        if self.prog.provisions.len() >= u16::MAX as usize {
            return;
        }
        let idx = self.prog.provisions.len() as u16;
        self.prog.provisions.push(Provision {
            id: id.clone(),
            kind: p.kind,
            number: p.number,
            parent,
            chapter,
            labels: p.labels.clone(),
            text_only: None,
            issuers: vec![],
            layer: ctx.layer,
            span: p.span,
        });
        let mut ctx = ctx.clone();
        ctx.env.prov = Some(idx);
        for (date, ord, word) in [(p.since, Ord::Ge, "since"), (p.until, Ord::Lt, "until")] {
            if let (Some((d, _)), Some(slot)) = (date, self.prog.header.dated_by) {
                let e = Expr::Cmp(ord, Box::new(Expr::Global(slot)), Box::new(Expr::Const(Value::Date(d))));
                let text = format!("provision {id} {word} {}", crate::date::format(d));
                ctx.guards.push(Conjunct { expr: e, text });
            }
        }
        let before = self.prog.rules.len();
        let mut sub = 0;
        let mut encoded = false;
        for it in &p.items {
            match it {
                Item::Provision(child) => {
                    sub += 1;
                    encoded = true;
                    self.provision(child, Some(idx), chapter, sub, &ctx);
                }
                Item::TextOnly(l) => {
                    encoded = true;
                    self.prog.provisions[idx as usize].text_only = Some(l.clone());
                }
                Item::Issuers(ids) => {
                    encoded = true;
                    for i in ids {
                        match self.sym_index.get(&i.name) {
                            Some(s) => self.prog.provisions[idx as usize].issuers.push(*s),
                            None => self.unknown_name(i, self.prog.syms.clone().iter().map(String::as_str)),
                        }
                    }
                }
                Item::Let(l) => {
                    encoded = true;
                    self.place_let(l, idx);
                }
                Item::Open(paths) | Item::Fixed(paths) => {
                    encoded = true;
                    let open = matches!(it, Item::Open(_));
                    for path in paths {
                        self.point(path, open, idx, &ctx.env);
                    }
                }
                Item::Complete(path, cond) => {
                    encoded = true;
                    self.complete(path, cond.as_ref(), idx, &ctx.env, &all_of(&ctx.guards));
                }
                Item::Define(d) => {
                    encoded = true;
                    self.define(d, &ctx);
                }
                other => {
                    // A rule that has an error of its own still encodes the provision: no second
                    // error saying it is unencoded.
                    encoded |= matches!(other, Item::Rule(_) | Item::Guard(_) | Item::Each(_));
                    self.body_item(other, &ctx)
                }
            }
        }
        if !encoded && self.prog.rules.len() == before {
            self.errors.push(CheckError::Unencoded {
                id,
                src: self.src(p.span),
                span: Span { end: p.span.start + 10, ..p.span }.into(),
            });
            return;
        }
        // A provision that rules cite is quoted wherever it decides: it needs its text, in each
        // language its set speaks.
        let cited = self.prog.rules[before..].iter().any(|r| r.provision == idx);
        let english = self.prog.layers.get(ctx.layer as usize).is_some_and(|l| l.title.en.is_some());
        let missing = match &self.prog.provisions[idx as usize].labels {
            None => Some("its text"),
            Some(l) if english && l.en.is_none() => Some("its English text"),
            Some(_) => None,
        };
        if let (true, Some(what)) = (cited, missing) {
            self.errors.push(CheckError::NoText {
                id,
                what: what.into(),
                src: self.src(p.span),
                span: Span { end: p.span.start + 10, ..p.span }.into(),
            });
        }
    }

    fn body_item(&mut self, it: &Item, ctx: &Ctx) {
        match it {
            Item::Rule(r) => self.rule(r, ctx),
            // `complete person.rung when …` inside `each`.
            Item::Complete(path, cond) => {
                let prov = ctx.env.prov.unwrap_or(0);
                self.complete(path, cond.as_ref(), prov, &ctx.env, &all_of(&ctx.guards));
            }
            Item::Guard(g) => {
                let saved = std::mem::take(&mut self.deps);
                let cond = self.condition(&g.condition, &ctx.env);
                let deps = std::mem::replace(&mut self.deps, saved);
                let Some(cond) = cond else { return };
                let mut inner = ctx.clone();
                inner.guards.push(Conjunct { expr: cond, text: self.text(g.condition.span) });
                self.guard_deps.push(deps);
                for sub in &g.items {
                    self.body_item(sub, &inner);
                }
                self.guard_deps.pop();
            }
            Item::Each(e) => {
                if ctx.scope.is_some() {
                    self.misplaced_item_span("each", "outside another `each`", e.var.span);
                    return;
                }
                let Some(list) = self.list_of_path(&e.list) else { return };
                let mut inner = ctx.clone();
                inner.scope = Some(list);
                inner.env.vars.push((e.var.name.clone(), list, 0));
                for sub in &e.items {
                    match sub {
                        Item::Conclusion(c) => {
                            self.misplaced_item_span("conclusion", "in the vocabulary", c.name.span)
                        }
                        other => self.body_item(other, &inner),
                    }
                }
            }
            other => self.misplaced_item(other, "outside a provision"),
        }
    }
}
