//! One rule of the law resolved: its condition with the guards of where it stands, its value
//! or finding, the clause it quotes, what it cites, and the facts it reads (for the trace).

use super::effects::effect_end;
use super::error::CheckError;
use super::exceptions::Targets;
use super::expr::Env;
use super::provisions::Ctx;
use super::resolve::Checker;
use crate::program::ir::{Expr, Value};
use crate::program::*;
use crate::source::Span;
use crate::syntax::ast;

impl Checker {
    pub(super) fn rule(&mut self, r: &ast::Rule, ctx: &Ctx) {
        let prov = ctx.env.prov.unwrap_or(0);
        let saved = std::mem::take(&mut self.deps);
        for d in self.guard_deps.iter().flatten() {
            self.deps.push(*d);
        }
        // The condition is resolved once, conjunct by conjunct: the conjuncts (with their text)
        // explain why a rule did not apply, and together they are the rule's condition.
        let mut conjuncts: Vec<Conjunct> = ctx.guards.clone();
        let own_ok = r.condition.as_ref().is_none_or(|c| self.flatten(c, &ctx.env, &mut conjuncts));
        let all = match &r.exception_all {
            Some(path) => match self.effect_target(path, ctx) {
                Some(c) => Some(c),
                None => return,
            },
            None => None,
        };
        let effect = match (&r.effect, all) {
            (Some(e), _) => self.effect(e, ctx),
            // `exception … to all X` without an effect: X as if no rule had applied.
            (None, Some(c)) => {
                let def = &self.prog.conclusions[c as usize];
                let none = if def.combine == Combine::Union { Value::Set(0) } else { def.default };
                Some((c, Some(Expr::Const(none)), 0))
            }
            (None, None) => None,
        };
        if let (Some(c), Some((t, _, _))) = (all, &effect)
            && c != *t
        {
            self.misplaced_item_span("the effect", "on the conclusion named after `to all`", r.span);
            return;
        }
        let finding = r.finding.as_ref().map(|f| self.template(f, &ctx.env));
        let deps = std::mem::replace(&mut self.deps, saved);
        if !own_ok || (r.effect.is_some() && effect.is_none()) {
            return;
        }
        let cites = match &r.cite {
            Some(p) => match self.cite_target(p, ctx, &deps) {
                Some(c) => Some(c),
                None => return,
            },
            None => None,
        };
        let cond = all_of(&conjuncts);
        let reads = r.condition.as_ref().map(|c| self.reads(c, &ctx.env)).unwrap_or_default();
        let scope = ctx.scope.map_or(Scope::Global, Scope::Member);
        let status = match scope {
            Scope::Global => {
                self.prog.global_rules += 1;
                self.prog.global_rules - 1
            }
            Scope::Member(l) => {
                let list = &mut self.prog.lists[l as usize];
                list.rules += 1;
                list.rules - 1
            }
        };
        let pid = self.prog.provisions[prov as usize].id.clone();
        let n = self.prog.rules.iter().filter(|x| x.provision == prov).count() + 1;
        let id = match &r.name {
            Some(name) => format!("{pid}/{}", name.name),
            None => format!("{pid}#{n}"),
        };
        let idx = self.prog.rules.len() as u32;
        if let Some(name) = &r.name {
            let key = (ctx.layer, name.name.clone());
            if let Some(first) = self.rule_names.get(&key) {
                let first = self.prog.rules[*first as usize].span;
                self.duplicate(name, first);
            } else {
                self.rule_names.insert(key, idx);
            }
        }
        let (target, value, step) = match effect {
            Some((t, v, n)) => (Some(t), v, n),
            None => (None, None, 0),
        };
        match target {
            Some(t) => self.prog.conclusions[t as usize].rules.push(idx),
            None => self.prog.finding_rules.push(idx),
        }
        match (&r.exception_to, all) {
            (_, Some(c)) => self.pending_exceptions.push((idx, Targets::All(c))),
            (Some(to), None) => self.pending_exceptions.push((idx, Targets::Names(to.clone()))),
            (None, None) => {}
        }
        let clause = self.clause(r, prov);
        self.prog.rules.push(RuleDef {
            id,
            name: r.name.as_ref().map(|n| n.name.clone()),
            provision: prov,
            scope,
            cond,
            conjuncts,
            reads,
            target,
            value,
            effect_text: match (&r.effect, &r.exception_all) {
                (Some(e), _) => self.text(e.target.span.to(effect_end(e))),
                (None, Some(p)) => format!("{} = —", p.dotted()),
                (None, None) => String::new(),
            },
            exception_to: vec![],
            overridden_by: vec![],
            finding,
            status,
            layer: ctx.layer,
            step,
            defines: None,
            floor: false,
            labels: r.labels.clone(),
            clause,
            cites,
            span: r.span,
        });
        self.rule_deps.push(deps);
    }

    /// A rule's `clause`: it must be words of its provision, in each language given.
    fn clause(&mut self, r: &ast::Rule, prov: u16) -> Option<Labels> {
        let c = r.clause.clone()?;
        let text = self.prog.provisions.get(prov as usize).and_then(|p| p.labels.clone());
        let id = self.prog.provisions.get(prov as usize).map(|p| p.id.clone()).unwrap_or_default();
        let zh_ok = text.as_ref().is_some_and(|t| quoted(&t.zh, &c.zh, "……"));
        let en_ok = match (&c.en, text.as_ref().and_then(|t| t.en.as_ref())) {
            (Some(q), Some(t)) => quoted(t, q, "…"),
            (Some(_), None) => false,
            (None, _) => true,
        };
        for (ok, lang) in [(zh_ok, "Chinese"), (en_ok, "English")] {
            if !ok {
                self.errors.push(CheckError::Clause {
                    id: id.clone(),
                    lang: lang.into(),
                    src: self.src(c.span),
                    span: c.span.into(),
                });
            }
        }
        Some(c)
    }

    /// The top-level conjuncts of a condition, each resolved with its text. False when one of
    /// them has an error (reported).
    fn flatten(&mut self, e: &ast::Expr, env: &Env, out: &mut Vec<Conjunct>) -> bool {
        if let ast::ExprKind::Binary(ast::BinOp::And, a, b) = &e.kind {
            let left = self.flatten(a, env, out);
            self.flatten(b, env, out) && left
        } else if let Some(x) = self.condition(e, env) {
            out.push(Conjunct { expr: x, text: self.text(e.span) });
            true
        } else {
            false
        }
    }

    /// The conclusion a rule's `cite` names: one its condition reads, so that it is decided first.
    fn cite_target(&mut self, p: &ast::Path, ctx: &Ctx, deps: &[super::resolve::Dep]) -> Option<u32> {
        // `cite people.rung` from a rule about the case: what decided the members' values.
        if let [list, field] = &p.parts[..]
            && let Some(super::resolve::Name::Fact(f)) = self.names.get(&list.name).map(|n| n.0)
            && let Some(l) = self.prog.facts[f as usize].list
            && let Some(c) = self.member_conclusions.get(&(l, field.name.clone())).copied()
            && ctx.scope.is_none()
            && deps.contains(&super::resolve::Dep::Conclusion(c))
        {
            return Some(c);
        }
        let saved = self.errors.len();
        let found = self.path(p, &ctx.env, None);
        self.errors.truncate(saved);
        let conclusion = match found {
            Some((Expr::Global(s), _)) => {
                self.prog.conclusions.iter().position(|c| c.scope == Scope::Global && c.slot == s)
            }
            Some((Expr::Var(0, s), _)) => self
                .prog
                .conclusions
                .iter()
                .position(|c| ctx.scope.is_some_and(|l| c.scope == Scope::Member(l)) && c.slot == s),
            _ => None,
        };
        let read = conclusion.is_some_and(|c| deps.contains(&super::resolve::Dep::Conclusion(c as u32)));
        if !read {
            let what = if conclusion.is_some() {
                "a conclusion its condition does not read"
            } else {
                "not a conclusion"
            };
            self.errors.push(CheckError::CiteTarget {
                path: p.dotted(),
                what: what.into(),
                src: self.src(p.span),
                span: p.span.into(),
            });
            return None;
        }
        conclusion.map(|c| c as u32)
    }

    /// The facts and conclusions a condition reads, each once, for the trace.
    pub fn reads(&mut self, e: &ast::Expr, env: &Env) -> Vec<Read> {
        let mut out: Vec<Read> = vec![];
        let mut stack = vec![e];
        while let Some(x) = stack.pop() {
            match &x.kind {
                ast::ExprKind::Path(p) => {
                    let name = p.dotted();
                    if out.iter().any(|o| o.name == name) {
                        continue;
                    }
                    let is_var = env.vars.iter().any(|v| v.0 == p.parts[0].name)
                        || self.names.contains_key(&p.parts[0].name);
                    if !is_var {
                        continue;
                    }
                    let saved = self.errors.len();
                    if let Some((xe, ty)) = self.path(p, env, None)
                        && !matches!(ty, Ty::List(_) | Ty::Record(_))
                    {
                        out.push(Read { name, expr: xe, ty, cite: Cite::None, source: ReadSource::Derived });
                    }
                    self.errors.truncate(saved);
                }
                // A quantifier is read whole (`any s in history: (…)`): its value is one fact found.
                ast::ExprKind::Quant(..) => {
                    let name = self.text(x.span);
                    if out.iter().any(|o| o.name == name) {
                        continue;
                    }
                    let (saved, deps) = (self.errors.len(), self.deps.len());
                    if let Some((xe, ty)) = self.expr(x, env, None) {
                        out.push(Read { name, expr: xe, ty, cite: Cite::None, source: ReadSource::Derived });
                    }
                    self.errors.truncate(saved);
                    self.deps.truncate(deps);
                }
                ast::ExprKind::Not(a) | ast::ExprKind::InSet(a, _) => stack.push(a),
                ast::ExprKind::Call(_, args) => stack.extend(args.iter().rev()),
                ast::ExprKind::Binary(_, a, b) | ast::ExprKind::If(a, b) | ast::ExprKind::InMembers(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                _ => {}
            }
        }
        // In the order the condition names them, as the provision lists its elements.
        out
    }

    /// A finding's text, with `{path}` holes resolved in the rule's scope.
    pub fn template(&mut self, l: &ast::Labels, env: &Env) -> Template {
        let zh = self.segments(&l.zh, l.span, env);
        let en = match &l.en {
            Some(en) => self.segments(en, l.span, env),
            None => zh.clone(),
        };
        Template { zh, en }
    }

    fn segments(&mut self, text: &str, span: Span, env: &Env) -> Vec<Segment> {
        let mut out = vec![];
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            out.push(Segment::Text(rest[..open].to_string()));
            let name = &rest[open + 1..open + close];
            let parts = name.split('.').map(|n| ast::Ident { name: n.trim().to_string(), span }).collect();
            let path = ast::Path { parts, span };
            if let Some((e, ty)) = self.path(&path, env, None) {
                out.push(Segment::Hole(e, ty));
            }
            rest = &rest[open + close + 1..];
        }
        out.push(Segment::Text(rest.to_string()));
        out
    }
}

/// The condition that all of the conjuncts hold.
pub fn all_of(conjuncts: &[Conjunct]) -> Expr {
    match conjuncts {
        [] => Expr::Const(Value::Bool(true)),
        [x] => x.expr.clone(),
        xs => Expr::All(xs.iter().map(|x| x.expr.clone()).collect()),
    }
}

/// Whether `clause` is words of `text`: its pieces between ellipses (`……`), in order.
fn quoted(text: &str, clause: &str, ellipsis: &str) -> bool {
    let mut rest = text;
    for piece in clause.split(ellipsis).filter(|p| !p.is_empty()) {
        match rest.find(piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    !clause.trim().is_empty()
}
