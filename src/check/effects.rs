//! What a rule concludes: the conclusion its `then` names (in the rule's scope), the value it gives
//! (checked against the conclusion's type; a provision or enum value turned into a set member),
//! or the steps an `up`/`down` rule moves a scale.

use super::error::CheckError;
use super::provisions::Ctx;
use super::resolve::Checker;
use crate::program::ir::{Expr, Value};
use crate::program::*;
use crate::source::Span;
use crate::suggest::did_you_mean;
use crate::syntax::ast;

impl Checker {
    /// The conclusion a rule concludes, its value (none for `up`/`down`), and the steps it moves.
    pub fn effect(&mut self, e: &ast::Effect, ctx: &Ctx) -> Option<(u32, Option<Expr>, i32)> {
        let target = self.effect_target(&e.target, ctx)?;
        let def = self.prog.conclusions[target as usize].clone();
        let t = &e.target;
        let (add, value) = match &e.op {
            ast::EffectOp::Set(v) => (false, v),
            ast::EffectOp::Add(v) => (true, v),
            ast::EffectOp::Step(n, span) => {
                let scale = matches!(def.ty, Ty::Enum(en) if self.prog.enums[en as usize].scale);
                if !scale {
                    self.errors.push(CheckError::TypeMismatch {
                        expected: "a conclusion whose type is a scale".into(),
                        found: format!("`{}`, {}", def.name, self.describe(def.ty)),
                        src: self.src(*span),
                        span: (*span).into(),
                        help: Some("`up` and `down` move a value along a scale".into()),
                    });
                    return None;
                }
                let Ty::Enum(en) = def.ty else { return None };
                let values = self.prog.enums[en as usize].values.len();
                let longest = values.saturating_sub(1);
                let Some(steps) = i32::try_from(*n).ok().filter(|s| s.unsigned_abs() as usize <= longest)
                else {
                    self.errors.push(CheckError::MoveTooLarge {
                        steps: n.unsigned_abs(),
                        scale: self.prog.enums[en as usize].name.clone(),
                        values,
                        longest,
                        src: self.src(*span),
                        span: (*span).into(),
                    });
                    return None;
                };
                self.base_slot(target);
                return Some((target, None, steps));
            }
        };
        let is_set = matches!(def.ty, Ty::SetOfEnum(_) | Ty::SetOfProvision);
        if is_set != add {
            self.errors.push(CheckError::WrongAssign {
                name: def.name.clone(),
                kind: if is_set { "a set".into() } else { "a single value".into() },
                op: if is_set { "+=".into() } else { "=".into() },
                src: self.src(t.span),
                span: t.span.into(),
            });
            return None;
        }
        let e = EffectValue { value };
        self.effect_value(&e, target, &def, ctx).map(|v| (target, Some(v), 0))
    }

    /// The conclusion a path names, where a rule in `ctx` may conclude it.
    pub fn effect_target(&mut self, t: &ast::Path, ctx: &Ctx) -> Option<u32> {
        let target = match (t.parts.len(), ctx.env.vars.first()) {
            (1, _) => match self.names.get(&t.parts[0].name).map(|n| n.0) {
                Some(super::resolve::Name::Conclusion(c)) => Some(c),
                Some(_) => {
                    self.errors.push(CheckError::NotAConclusion {
                        name: t.dotted(),
                        src: self.src(t.span),
                        span: t.span.into(),
                    });
                    return None;
                }
                None => None,
            },
            (2, Some((var, list, _))) if *var == t.parts[0].name => {
                self.member_conclusions.get(&(*list, t.parts[1].name.clone())).copied()
            }
            _ => None,
        };
        let Some(target) = target else {
            let cands: Vec<String> = self
                .prog
                .conclusions
                .iter()
                .map(|c| match (c.scope, ctx.env.vars.first()) {
                    (Scope::Member(_), Some(v)) => format!("{}.{}", v.0, c.name),
                    _ => c.name.clone(),
                })
                .collect();
            let is_fact = t.parts.len() == 2 && ctx.env.vars.first().is_some_and(|v| v.0 == t.parts[0].name);
            if is_fact {
                self.errors.push(CheckError::NotAConclusion {
                    name: t.dotted(),
                    src: self.src(t.span),
                    span: t.span.into(),
                });
            } else {
                self.errors.push(CheckError::UnknownName {
                    name: t.dotted(),
                    src: self.src(t.span),
                    span: t.span.into(),
                    help: did_you_mean(&t.dotted(), cands.iter().map(String::as_str)),
                });
            }
            return None;
        };
        let def = &self.prog.conclusions[target as usize];
        if def.scope != ctx.scope.map_or(Scope::Global, Scope::Member) {
            self.misplaced_item_span(
                "this conclusion",
                "by a rule of the same scope (member conclusions inside `each`, the others outside)",
                t.span,
            );
            return None;
        }
        Some(target)
    }

    pub fn effect_value(
        &mut self,
        e: &EffectValue,
        target: u32,
        def: &Conclusion,
        ctx: &Ctx,
    ) -> Option<Expr> {
        let expected = match def.ty {
            Ty::SetOfEnum(en) => Some(Ty::Enum(en)),
            Ty::SetOfProvision => Some(Ty::Provision),
            ty => Some(ty),
        };
        let (v, vt) = self.expr(e.value, &ctx.env, expected)?;
        let fits = match (def.ty, vt) {
            (Ty::SetOfProvision, Ty::Provision) => true,
            (Ty::Enum(a) | Ty::SetOfEnum(a), Ty::Enum(b)) => {
                let (a, b) = (&self.prog.enums[a as usize].values, &self.prog.enums[b as usize].values);
                b.iter().all(|s| a.contains(s))
            }
            (a, b) => a == b,
        };
        if !fits {
            let expected = self.describe(expected.unwrap_or(def.ty));
            let found = self.describe(vt);
            self.errors.push(CheckError::TypeMismatch {
                expected,
                found,
                src: self.src(e.value.span),
                span: e.value.span.into(),
                help: Some(format!("`{}` is {}", def.name, self.describe(def.ty))),
            });
            return None;
        }
        let value = match (def.ty, v) {
            (Ty::SetOfProvision, Expr::Const(Value::Provision(p))) => {
                let c = &mut self.prog.conclusions[target as usize];
                let bit = c.universe.iter().position(|x| *x == p).unwrap_or_else(|| {
                    c.universe.push(p);
                    c.universe.len() - 1
                });
                if bit >= 128 {
                    self.misplaced_item_span("more than 128 provisions", "in one set", e.value.span);
                    return None;
                }
                Expr::Const(Value::Set(1u128 << bit))
            }
            (Ty::SetOfEnum(en), Expr::Const(Value::Sym(s))) => {
                let bit = self.prog.enums[en as usize].bit[s as usize];
                Expr::Const(Value::Set(1u128 << bit))
            }
            (Ty::SetOfEnum(en), other) => {
                Expr::SymToSet(Box::new(other), self.prog.enums[en as usize].bit.clone())
            }
            (Ty::SetOfProvision, _) => {
                self.misplaced_item_span(
                    "a provision",
                    "as `this` (the provision the rule stands in)",
                    e.value.span,
                );
                return None;
            }
            (_, other) => other,
        };
        Some(value)
    }
}

pub struct EffectValue<'a> {
    pub value: &'a ast::Expr,
}

/// Where an effect's text ends.
pub fn effect_end(e: &ast::Effect) -> Span {
    match &e.op {
        ast::EffectOp::Set(v) | ast::EffectOp::Add(v) => v.span,
        ast::EffectOp::Step(_, span) => *span,
    }
}
