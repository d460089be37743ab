//! Expressions: pest pairs → [`Expr`](crate::syntax::ast::Expr), with operator precedence from
//! pest's Pratt parser (lowest first: `if`, `or`, `and`, `not`, comparisons, `+`/`-`, `in {…}`).

use super::{Parser, R, Res};
use crate::source::Span;
use crate::syntax::ast::*;
use crate::syntax::depth::MAX_EXPR_DEPTH;
use crate::syntax::error::SyntaxError;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::OnceLock;

fn pratt() -> &'static PrattParser<R> {
    static P: OnceLock<PrattParser<R>> = OnceLock::new();
    P.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(R::if_op, Assoc::Left))
            .op(Op::infix(R::or, Assoc::Left))
            .op(Op::infix(R::and, Assoc::Left))
            .op(Op::prefix(R::not))
            .op(Op::infix(R::eq, Assoc::Left)
                | Op::infix(R::ne, Assoc::Left)
                | Op::infix(R::lt, Assoc::Left)
                | Op::infix(R::le, Assoc::Left)
                | Op::infix(R::gt, Assoc::Left)
                | Op::infix(R::ge, Assoc::Left))
            .op(Op::infix(R::add, Assoc::Left) | Op::infix(R::sub, Assoc::Left))
            .op(Op::postfix(R::in_set) | Op::postfix(R::in_members))
    })
}

impl Parser<'_> {
    pub(super) fn expr(&self, p: Pair<R>) -> Res<Expr> {
        self.expr_depth(p).map(|(e, _)| e)
    }

    /// An expression with the depth of its tree, refused past [`MAX_EXPR_DEPTH`] so that no
    /// later stage recurses deeper.
    fn expr_depth(&self, p: Pair<R>) -> Res<(Expr, usize)> {
        // Refused at the operator that passes the bound (the whole expression may be long).
        let bound = |e: Expr, d: usize, op: Span| {
            if d > MAX_EXPR_DEPTH {
                return Err(SyntaxError::TooDeep {
                    limit: MAX_EXPR_DEPTH,
                    what: "operators, each of a chain one level",
                    src: self.source.named(),
                    span: (op.start as usize, (op.end - op.start) as usize).into(),
                });
            }
            Ok((e, d))
        };
        pratt()
            .map_primary(|q| self.primary_depth(q))
            .map_prefix(|op, rhs| {
                let (rhs, d) = rhs?;
                let at = self.span(&op);
                let span = at.to(rhs.span);
                bound(Expr { kind: ExprKind::Not(Box::new(rhs)), span }, d + 1, at)
            })
            .map_postfix(|lhs, op| {
                let (lhs, d) = lhs?;
                let at = self.span(&op);
                let span = lhs.span.to(at);
                let kind = if op.as_rule() == R::in_members {
                    let path = op.into_inner().next().ok_or_else(|| self.shape(at))?;
                    let rhs = Expr { kind: ExprKind::Path(self.path(path)), span: at };
                    ExprKind::InMembers(Box::new(lhs), Box::new(rhs))
                } else {
                    ExprKind::InSet(Box::new(lhs), op.into_inner().map(|i| self.ident(i)).collect())
                };
                bound(Expr { kind, span }, d + 1, at)
            })
            .map_infix(|lhs, op, rhs| {
                let ((lhs, dl), (rhs, dr)) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let d = dl.max(dr) + 1;
                let at = self.span(&op);
                let op = match op.as_rule() {
                    R::if_op => {
                        return bound(Expr { kind: ExprKind::If(Box::new(lhs), Box::new(rhs)), span }, d, at);
                    }
                    R::or => BinOp::Or,
                    R::and => BinOp::And,
                    R::eq => BinOp::Eq,
                    R::ne => BinOp::Ne,
                    R::lt => BinOp::Lt,
                    R::le => BinOp::Le,
                    R::gt => BinOp::Gt,
                    R::add => BinOp::Add,
                    R::sub => BinOp::Sub,
                    _ => BinOp::Ge,
                };
                bound(Expr { kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span }, d, at)
            })
            .parse(p.into_inner())
    }

    fn primary_depth(&self, p: Pair<R>) -> Res<(Expr, usize)> {
        let span = self.span(&p);
        match p.as_rule() {
            R::expr => self.expr_depth(p),
            // A parenthesised expression spans its parentheses, so that its text reads whole.
            R::paren => {
                let mut it = p.into_inner();
                let (inner, d) = self.expr_depth(self.next(&mut it, span)?)?;
                Ok((Expr { span, ..inner }, d))
            }
            _ => {
                let e = self.primary(p)?;
                let d = depth(&e);
                Ok((e, d))
            }
        }
    }

    pub(super) fn primary(&self, p: Pair<R>) -> Res<Expr> {
        let span = self.span(&p);
        let kind = match p.as_rule() {
            R::expr => return self.expr(p),
            // A parenthesised expression spans its parentheses, so that its text reads whole.
            R::paren => {
                let mut it = p.into_inner();
                let inner = self.expr(self.next(&mut it, span)?)?;
                return Ok(Expr { span, ..inner });
            }
            R::boolean => ExprKind::Bool(p.as_str().starts_with('t')),
            R::integer => ExprKind::Int(p.as_str().parse().map_err(|_| SyntaxError::BadNumber {
                text: p.as_str().to_string(),
                src: self.source.named(),
                span: span.into(),
            })?),
            R::date => ExprKind::Date(self.date(p)?.0),
            R::string => ExprKind::Str(self.string(p)?, None),
            R::text_pair => {
                let mut it = p.into_inner();
                let zh = self.string(self.next(&mut it, span)?)?;
                let en = self.string(self.next(&mut it, span)?)?;
                ExprKind::Str(zh, Some(en))
            }
            R::empty_record => ExprKind::EmptyRecord,
            R::empty_list => ExprKind::EmptyList,
            R::this => ExprKind::This,
            R::path => ExprKind::Path(self.path(p)),
            R::quantifier => {
                let mut it = p.into_inner();
                let q = match self.next(&mut it, span)?.as_str() {
                    "any" => Quant::Any,
                    "all" => Quant::All,
                    "max" => Quant::Max,
                    "min" => Quant::Min,
                    _ => Quant::Count,
                };
                let var = self.ident(self.next(&mut it, span)?);
                let list = self.path(self.next(&mut it, span)?);
                let body = self.expr(self.next(&mut it, span)?)?;
                ExprKind::Quant(q, var, list, Box::new(body))
            }
            R::call => {
                let mut it = p.into_inner();
                let f = match self.next(&mut it, span)?.as_str() {
                    "count" => Builtin::Count,
                    "present" => Builtin::Present,
                    "days" => Builtin::Days,
                    "working_days" => Builtin::WorkingDays,
                    "add_months" => Builtin::AddMonths,
                    "add_years" => Builtin::AddYears,
                    _ => Builtin::LayerBy,
                };
                ExprKind::Call(f, it.map(|q| self.expr(q)).collect::<Res<Vec<_>>>()?)
            }
            _ => return Err(self.shape(span)),
        };
        Ok(Expr { kind, span })
    }
}

/// The depth of a tree whose subexpressions were each built within the bound (so that this
/// recursion is bounded too).
fn depth(e: &Expr) -> usize {
    1 + match &e.kind {
        ExprKind::Not(x) | ExprKind::InSet(x, _) | ExprKind::Quant(_, _, _, x) => depth(x),
        ExprKind::Binary(_, a, b) | ExprKind::If(a, b) | ExprKind::InMembers(a, b) => depth(a).max(depth(b)),
        ExprKind::Call(_, xs) => xs.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}
