//! Where layers may act: `open` and `fixed` statements (what they name, where they stand),
//! `define` (a layer's meaning of an open term, as a rule that runs before all others), and the
//! slot that keeps a scale's value before `up`/`down` rules move it.

use super::error::CheckError;
use super::expr::Env;
use super::provisions::Ctx;
use super::resolve::{Checker, Name};
use crate::program::ir::{Expr, Value};
use crate::program::*;
use crate::source::Span;
use crate::syntax::ast;

/// What an `open` or `fixed` statement names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Conclusion(u32),
    /// A fact (or a field of a record fact), by its global slot.
    Fact(u32),
}

#[derive(Debug, Clone)]
pub struct PointDecl {
    pub point: Point,
    pub open: bool,
    pub provision: u16,
    pub span: Span,
}

impl Checker {
    pub fn point(&mut self, path: &ast::Path, open: bool, provision: u16, env: &Env) {
        if let Some(point) = self.resolve_point(path, env) {
            self.points.push(PointDecl { point, open, provision, span: path.span });
        }
    }

    fn resolve_point(&mut self, path: &ast::Path, env: &Env) -> Option<Point> {
        let parts = &path.parts;
        let first = &parts[0].name;
        if parts.len() == 1 {
            match self.names.get(first).map(|n| n.0) {
                Some(Name::Conclusion(c)) => return Some(Point::Conclusion(c)),
                Some(Name::Fact(f)) => return Some(Point::Fact(self.prog.facts[f as usize].def.slot)),
                _ => {}
            }
        } else if parts.len() == 2 {
            let list = match self.names.get(first).map(|n| n.0) {
                Some(Name::Fact(f)) => self.prog.facts[f as usize].list,
                _ => env.vars.iter().find(|v| &v.0 == first).map(|v| v.1),
            };
            if let Some(l) = list
                && let Some(c) = self.member_conclusions.get(&(l, parts[1].name.clone()))
            {
                return Some(Point::Conclusion(*c));
            }
            let saved = self.errors.len();
            if let Some((Expr::Global(slot), _)) = self.global_path(path) {
                return Some(Point::Fact(slot));
            }
            self.errors.truncate(saved);
        }
        self.errors.push(CheckError::UnknownName {
            name: path.dotted(),
            src: self.src(path.span),
            span: path.span.into(),
            help: Some(
                "`open` and `fixed` name a conclusion (`NAME`, or `LIST.NAME` for each member's) or a fact"
                    .into(),
            ),
        });
        None
    }

    pub fn define(&mut self, d: &ast::Define, ctx: &Ctx) {
        if ctx.scope.is_some() {
            self.misplaced_item_span("define", "outside `each` (it defines a fact of the case)", d.span);
            return;
        }
        let Some((Expr::Global(slot), ty)) = self.global_path(&d.target) else { return };
        if matches!(ty, Ty::Record(_) | Ty::List(_)) {
            self.misplaced_item_span("define", "on a single fact, not a record or a list", d.target.span);
            return;
        }
        if d.floor && !matches!(ty, Ty::Enum(e) if self.prog.enums[e as usize].scale) {
            self.misplaced_item_span(
                "define … at least",
                "on a graded fact (a `scale`): a floor under its grade",
                d.target.span,
            );
            return;
        }
        let saved = std::mem::take(&mut self.deps);
        let value = self.expr(&d.value, &ctx.env, Some(ty));
        let deps = std::mem::replace(&mut self.deps, saved);
        let Some((v, vt)) = value else { return };
        if vt != ty {
            let expected = self.describe(ty);
            let found = self.describe(vt);
            self.errors.push(CheckError::TypeMismatch {
                expected,
                found,
                src: self.src(d.value.span),
                span: d.value.span.into(),
                help: Some(format!("`{}` is {}", d.target.dotted(), self.describe(ty))),
            });
            return;
        }
        if !deps.is_empty() {
            self.errors.push(CheckError::Layer {
                layer: self.prog.layers[ctx.layer as usize].id.clone(),
                what: "a definition reads something decided by rules".into(),
                src: self.src(d.value.span),
                span: d.value.span.into(),
                help: Some(
                    "a definition reads the facts of the case only; it is applied before any rule".into(),
                ),
            });
            return;
        }
        let prov = ctx.env.prov.unwrap_or(0);
        let finding = d.finding.as_ref().map(|f| self.template(f, &ctx.env));
        let reads = self.reads(&d.value, &ctx.env);
        let conjuncts = ctx.guards.clone();
        let cond = super::rules::all_of(&conjuncts);
        self.prog.global_rules += 1;
        let idx = self.prog.rules.len() as u32;
        let path = d.target.dotted();
        self.prog.rules.push(RuleDef {
            id: format!("{}/define {path}", self.prog.provisions[prov as usize].id),
            name: None,
            provision: prov,
            scope: Scope::Global,
            cond,
            conjuncts,
            reads,
            target: None,
            value: Some(v),
            effect_text: format!(
                "{path} {} {}",
                if d.floor { "at least" } else { ":=" },
                self.text(d.value.span)
            ),
            exception_to: vec![],
            overridden_by: vec![],
            finding,
            status: self.prog.global_rules - 1,
            layer: ctx.layer,
            step: 0,
            defines: Some(slot),
            floor: d.floor,
            labels: None,
            clause: None,
            cites: None,
            span: d.span,
        });
        self.rule_deps.push(vec![]);
        let mut default = Value::Null;
        for f in &mut self.prog.facts {
            for x in std::iter::once(&mut f.def).chain(f.fields.iter_mut()) {
                if x.slot == slot {
                    // A floor raises what the case gives: the case must still give it.
                    x.defined |= !d.floor;
                    default = x.default.unwrap_or(Value::Null);
                }
            }
        }
        let floors = match ty {
            Ty::Enum(e) if d.floor => Some(e),
            _ => None,
        };
        match self.prog.defines.iter_mut().find(|g| g.slot == slot) {
            Some(g) => {
                g.rules.push(idx);
                g.floors = g.floors.or(floors);
            }
            None => self.prog.defines.push(DefineGroup { slot, rules: vec![idx], default, floors }),
        }
    }

    /// The slot that keeps a scale conclusion's value before `up`/`down` rules move it.
    pub fn base_slot(&mut self, c: u32) {
        if self.prog.conclusions[c as usize].base_slot.is_some() {
            return;
        }
        let slot = match self.prog.conclusions[c as usize].scope {
            Scope::Global => self.new_global(),
            Scope::Member(l) => {
                let list = &mut self.prog.lists[l as usize];
                list.width += 1;
                list.width - 1
            }
        };
        self.prog.conclusions[c as usize].base_slot = Some(slot);
    }

    /// `complete C when W`: recorded for `zeren analyze gaps`, within the guards of where it
    /// stands (a layer's cases, the provision's dates).
    pub fn complete(
        &mut self,
        path: &ast::Path,
        cond: Option<&ast::Expr>,
        provision: u16,
        env: &Env,
        guards: &Expr,
    ) {
        let c = match self.resolve_point(path, env) {
            Some(Point::Conclusion(c)) => c,
            Some(Point::Fact(_)) => {
                self.misplaced_item_span("complete", "on a conclusion", path.span);
                return;
            }
            None => return,
        };
        let when = match cond {
            Some(e) => match self.condition(e, &Env { vars: env.vars.clone(), prov: Some(provision) }) {
                Some(x) => x,
                None => return,
            },
            None => Expr::Const(Value::Bool(true)),
        };
        let when = match guards {
            Expr::Const(Value::Bool(true)) => when,
            g => Expr::and(g.clone(), when),
        };
        self.prog.completes.push(Complete { conclusion: c, when, provision });
    }
}
