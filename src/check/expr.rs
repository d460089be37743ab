//! Resolving expressions: operators, built-in calls and enumeration values to the resolved form,
//! type-checked (the names they read are resolved in `paths.rs`).

use super::error::CheckError;
use super::resolve::Checker;
use crate::program::Ty;
use crate::program::ir::{Expr, Ord, QuantKind, Value};
use crate::source::Span;
use crate::suggest::did_you_mean;
use crate::syntax::ast::{self, BinOp, Builtin, ExprKind as K, Quant};

/// The names bound around an expression: `each` and quantifier variables, and the provision it
/// sits in (for `this`).
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub vars: Vec<(String, u16, u8)>,
    pub prov: Option<u16>,
}

impl Env {
    pub(super) fn var(&self, name: &str) -> Option<(u16, u8)> {
        self.vars.iter().rev().find(|v| v.0 == name).map(|v| (v.1, v.2))
    }
}

pub(super) type Typed = Option<(Expr, Ty)>;

impl Checker {
    pub fn describe(&self, ty: Ty) -> String {
        match ty {
            Ty::Bool => "a condition (bool)".into(),
            Ty::Int => "a number".into(),
            Ty::Text => "a text".into(),
            Ty::Date => "a date".into(),
            Ty::Enum(e) => format!("a value of `{}`", self.prog.enums[e as usize].name),
            Ty::Record(r) => format!("a `{}` record", self.prog.records[r as usize].name),
            Ty::List(r) => format!("a list of `{}`", self.prog.records[r as usize].name),
            Ty::SetOfEnum(e) => format!("a set of `{}`", self.prog.enums[e as usize].name),
            Ty::SetOfProvision => "a set of provisions".into(),
            Ty::Provision => "a provision".into(),
            Ty::Members(l) => match self.prog.lists.get(l as usize) {
                Some(list) => format!("some members of `{}`", list.name),
                None => "some members of a list".into(),
            },
        }
    }

    pub(super) fn mismatch(&mut self, expected: &str, found: Ty, span: Span, help: Option<String>) {
        let found = self.describe(found);
        self.errors.push(CheckError::TypeMismatch {
            expected: expected.to_string(),
            found,
            src: self.src(span),
            span: span.into(),
            help,
        });
    }

    /// Resolves a condition: it must be a bool.
    pub fn condition(&mut self, e: &ast::Expr, env: &Env) -> Option<Expr> {
        let (x, ty) = self.expr(e, env, Some(Ty::Bool))?;
        if ty != Ty::Bool {
            self.mismatch("a condition (bool)", ty, e.span, None);
            return None;
        }
        Some(x)
    }

    pub fn expr(&mut self, e: &ast::Expr, env: &Env, expected: Option<Ty>) -> Typed {
        match &e.kind {
            K::Bool(b) => Some((Expr::Const(Value::Bool(*b)), Ty::Bool)),
            K::Int(i) => Some((Expr::Const(Value::Int(*i)), Ty::Int)),
            K::Date(d) => Some((Expr::Const(Value::Date(*d)), Ty::Date)),
            K::Str(s, en) => {
                let i = self.prog.strings.len() as u32;
                self.prog.strings.push(s.clone());
                self.prog.strings_en.push(en.clone());
                Some((Expr::Const(Value::PolicyText(i)), Ty::Text))
            }
            K::EmptyRecord | K::EmptyList => {
                self.errors.push(CheckError::Misplaced {
                    what: "{} and []".into(),
                    where_: "as the default of a fact".into(),
                    src: self.src(e.span),
                    span: e.span.into(),
                });
                None
            }
            K::This => match env.prov {
                Some(p) => Some((Expr::Const(Value::Provision(p)), Ty::Provision)),
                None => {
                    self.misplaced_item_span("this", "inside a provision", e.span);
                    None
                }
            },
            K::Path(p) => self.path(p, env, expected),
            K::Not(x) => Some((Expr::Not(Box::new(self.condition(x, env)?)), Ty::Bool)),
            K::Binary(op, a, b) => self.binary(*op, a, b, env),
            K::InSet(x, values) => {
                let (xe, ty) = self.expr(x, env, None)?;
                let Ty::Enum(en) = ty else {
                    self.mismatch(
                        "a value of an enum",
                        ty,
                        x.span,
                        Some("`in { … }` tests enum values".into()),
                    );
                    return None;
                };
                let mut syms = vec![];
                for v in values {
                    let def = &self.prog.enums[en as usize];
                    match self.sym_index.get(&v.name).filter(|s| def.values.contains(s)) {
                        Some(s) => syms.push(*s),
                        None => self.unknown_value(v, en),
                    }
                }
                Some((Expr::InSet(Box::new(xe), syms.into_boxed_slice()), Ty::Bool))
            }
            K::InMembers(member, set) => self.in_members(member, set, env),
            K::If(v, c) => {
                let (ve, ty) = self.expr(v, env, expected)?;
                let ce = self.condition(c, env)?;
                Some((Expr::If(Box::new(ve), Box::new(ce)), ty))
            }
            K::Quant(q, var, list, body) => {
                // What the body reads of each member (its conclusions) is a dependency of its own.
                let l = self.list_of_path(list)?;
                let level = env.vars.iter().map(|v| v.2).max().map_or(1, |m| m + 1).max(1);
                if level > 3 {
                    self.misplaced_item_span("a quantifier", "nested at most three deep", e.span);
                    return None;
                }
                let mut inner = env.clone();
                inner.vars.push((var.name.clone(), l, level));
                if matches!(q, Quant::Max | Quant::Min) {
                    let (b, ty) = self.expr(body, &inner, None)?;
                    let Ty::Enum(en) = ty else {
                        self.mismatch(
                            "a value of a scale",
                            ty,
                            body.span,
                            Some("`max` and `min` pick along a scale".into()),
                        );
                        return None;
                    };
                    let def = &self.prog.enums[en as usize];
                    if !def.scale {
                        self.mismatch(
                            "a value of a scale",
                            ty,
                            body.span,
                            Some("`max` and `min` pick along a scale".into()),
                        );
                        return None;
                    }
                    let ranks = def.bit.clone();
                    return Some((
                        Expr::Best { max: matches!(q, Quant::Max), list: l, level, body: Box::new(b), ranks },
                        ty,
                    ));
                }
                let b = self.condition(body, &inner)?;
                let (kind, ty) = match q {
                    Quant::Any => (QuantKind::Any, Ty::Bool),
                    Quant::All => (QuantKind::All, Ty::Bool),
                    Quant::Count | Quant::Max | Quant::Min => (QuantKind::Count, Ty::Int),
                };
                Some((Expr::Quant { kind, list: l, level, body: Box::new(b) }, ty))
            }
            K::Call(f, args) => self.call(*f, args, e.span, env),
        }
    }

    fn call(&mut self, f: Builtin, args: &[ast::Expr], span: Span, env: &Env) -> Typed {
        let arity =
            if matches!(f, Builtin::Days | Builtin::WorkingDays | Builtin::AddMonths | Builtin::AddYears) {
                2
            } else {
                1
            };
        if args.len() != arity {
            self.misplaced_item_span(
                &format!("{} argument(s)", args.len()),
                &format!("here: this function takes {arity}"),
                span,
            );
            return None;
        }
        let x = &args[0];
        match f {
            Builtin::Count => {
                let (xe, ty) = self.expr(x, env, None)?;
                match ty {
                    Ty::SetOfEnum(_) | Ty::SetOfProvision => Some((Expr::SetSize(Box::new(xe)), Ty::Int)),
                    Ty::List(_) => match xe {
                        Expr::Const(Value::Int(l)) => Some((Expr::ListLen(l as u16), Ty::Int)),
                        _ => None,
                    },
                    other => {
                        self.mismatch("a set or a list", other, x.span, None);
                        None
                    }
                }
            }
            Builtin::Present => {
                let (xe, _) = self.expr(x, env, None)?;
                Some((Expr::Present(Box::new(xe)), Ty::Bool))
            }
            Builtin::Days | Builtin::WorkingDays => {
                let a = self.expr(x, env, Some(Ty::Date))?;
                let b = self.expr(&args[1], env, Some(Ty::Date))?;
                for (t, at) in [(a.1, x.span), (b.1, args[1].span)] {
                    if t != Ty::Date {
                        self.mismatch("a date", t, at, None);
                        return None;
                    }
                }
                let (a, b) = (Box::new(a.0), Box::new(b.0));
                Some((
                    match f {
                        Builtin::Days => Expr::Days(a, b),
                        _ => {
                            let layer = self.layer_of(x.span) as usize;
                            Expr::WorkingDays(a, b, self.prog.layers[layer].calendar.clone())
                        }
                    },
                    Ty::Int,
                ))
            }
            Builtin::AddMonths | Builtin::AddYears => {
                let d = self.expr(x, env, Some(Ty::Date))?;
                let n = self.expr(&args[1], env, Some(Ty::Int))?;
                if d.1 != Ty::Date {
                    self.mismatch("a date", d.1, x.span, None);
                    return None;
                }
                if n.1 != Ty::Int {
                    self.mismatch("a number", n.1, args[1].span, None);
                    return None;
                }
                let per = if f == Builtin::AddYears { 12 } else { 1 };
                Some((Expr::AddMonths(Box::new(d.0), Box::new(n.0), per), Ty::Date))
            }
            Builtin::LayerBy => self.layer_by(x),
        }
    }

    /// Reading a list's members reads their conclusions too.
    pub(super) fn unknown_value(&mut self, v: &ast::Ident, en: u16) {
        let def = &self.prog.enums[en as usize];
        let cands: Vec<&str> = def.values.iter().map(|s| self.prog.syms[*s as usize].as_str()).collect();
        let help = did_you_mean(&v.name, cands.iter().copied())
            .or_else(|| Some(format!("the values are {}", cands.join(", "))));
        self.errors.push(CheckError::UnknownValue {
            value: v.name.clone(),
            ty: def.name.clone(),
            src: self.src(v.span),
            span: v.span.into(),
            help,
        });
    }

    fn binary(&mut self, op: BinOp, a: &ast::Expr, b: &ast::Expr, env: &Env) -> Typed {
        if matches!(op, BinOp::Add | BinOp::Sub) {
            let (x, xt) = self.expr(a, env, None)?;
            let (y, yt) = self.expr(b, env, Some(Ty::Int))?;
            let ty = match (xt, yt) {
                (Ty::Int, Ty::Int) => Ty::Int,
                (Ty::Date, Ty::Int) => Ty::Date,
                (Ty::Int | Ty::Date, other) => {
                    self.mismatch("a number (of days, after a date)", other, b.span, None);
                    return None;
                }
                (other, _) => {
                    self.mismatch("a number or a date", other, a.span, None);
                    return None;
                }
            };
            return Some((Expr::Arith(op == BinOp::Sub, Box::new(x), Box::new(y)), ty));
        }
        if matches!(op, BinOp::And | BinOp::Or) {
            let (x, y) = (self.condition(a, env), self.condition(b, env));
            let (x, y) = (Box::new(x?), Box::new(y?));
            return Some((if op == BinOp::And { Expr::And(x, y) } else { Expr::Or(x, y) }, Ty::Bool));
        }
        // A bare enum value on the left takes its type from the right.
        let (x, y) = if self.is_bare_value(a, env) {
            let (y, ty) = self.expr(b, env, None)?;
            (self.expr(a, env, Some(ty))?, (y, ty))
        } else {
            let (x, ty) = self.expr(a, env, None)?;
            ((x, ty), self.expr(b, env, Some(ty))?)
        };
        let ((xe, xt), (ye, yt)) = (x, y);
        let span = a.span.to(b.span);
        let compatible = match (xt, yt) {
            (Ty::Enum(p), Ty::Enum(q)) => {
                let (p, q) = (&self.prog.enums[p as usize].values, &self.prog.enums[q as usize].values);
                p.iter().any(|s| q.contains(s))
            }
            _ => xt == yt,
        };
        if !compatible {
            let expected = self.describe(xt);
            self.mismatch(
                &expected,
                yt,
                b.span,
                Some("both sides of a comparison have the same type".into()),
            );
            return None;
        }
        if xt == Ty::Text {
            // Texts (names, ids) are shown, not compared: two equal names may be two people.
            self.errors.push(CheckError::TypeMismatch {
                expected: "a bool, number, date or enum value".into(),
                found: "a text".into(),
                src: self.src(span),
                span: span.into(),
                help: Some(
                    "texts cannot be compared; give the case a bool or an enumeration for what the comparison means"
                        .into(),
                ),
            });
            return None;
        }
        let (xe, ye) = (Box::new(xe), Box::new(ye));
        let ord = match op {
            BinOp::Eq => return Some((Expr::Eq(xe, ye), Ty::Bool)),
            BinOp::Ne => return Some((Expr::Ne(xe, ye), Ty::Bool)),
            BinOp::Lt => Ord::Lt,
            BinOp::Le => Ord::Le,
            BinOp::Gt => Ord::Gt,
            _ => Ord::Ge,
        };
        match xt {
            Ty::Int | Ty::Date => Some((Expr::Cmp(ord, xe, ye), Ty::Bool)),
            Ty::Enum(en) if self.prog.enums[en as usize].scale && xt == yt => {
                let def = &self.prog.enums[en as usize];
                Some((Expr::Rank(ord, def.bit.clone(), xe, ye), Ty::Bool))
            }
            other => {
                self.mismatch(
                    "numbers, dates or values of one scale",
                    other,
                    span,
                    Some("only numbers, dates and scales are ordered; declare the enum as a `scale`".into()),
                );
                None
            }
        }
    }

    fn is_bare_value(&self, e: &ast::Expr, env: &Env) -> bool {
        match &e.kind {
            K::Path(p) if p.parts.len() == 1 => {
                let n = &p.parts[0].name;
                env.var(n).is_none() && !self.names.contains_key(n) && self.sym_index.contains_key(n)
            }
            _ => false,
        }
    }

    /// `person in step.people`: the member bound to `person` is among those the value names.
    fn in_members(&mut self, member: &ast::Expr, set: &ast::Expr, env: &Env) -> Typed {
        // `notification in person.measures`: a value among those a set holds.
        if self.is_bare_value(member, env) {
            let (se, ty) = self.expr(set, env, None)?;
            let K::Path(p) = &member.kind else { return None };
            let v = &p.parts[0];
            let Ty::SetOfEnum(en) = ty else {
                self.mismatch("a set of values (`set of …`)", ty, set.span, None);
                return None;
            };
            let def = &self.prog.enums[en as usize];
            let Some(sym) = self.sym_index.get(&v.name).copied().filter(|s| def.values.contains(s)) else {
                self.unknown_value(v, en);
                return None;
            };
            let bit = def.bit.get(sym as usize).copied().unwrap_or(255);
            return Some((
                Expr::Has(Box::new(se), Box::new(Expr::Const(Value::Int(i64::from(bit))))),
                Ty::Bool,
            ));
        }
        let bound = match &member.kind {
            K::Path(p) if p.parts.len() == 1 => env.var(&p.parts[0].name),
            _ => None,
        };
        let Some((list, level)) = bound else {
            self.misplaced_item_span(
                "the left of `in`",
                "as a member of a list (`person`, bound by `each` or a quantifier)",
                member.span,
            );
            return None;
        };
        let (se, ty) = self.expr(set, env, None)?;
        let index = self.prog.lists[list as usize].index;
        match (ty, index) {
            (Ty::Members(l), Some(slot)) if l == list => {
                Some((Expr::Has(Box::new(se), Box::new(Expr::Var(level, slot))), Ty::Bool))
            }
            _ => {
                let name = self.prog.lists[list as usize].name.clone();
                self.mismatch(
                    &format!("some members of `{name}` (a `members of {name}` field)"),
                    ty,
                    set.span,
                    None,
                );
                None
            }
        }
    }
}
