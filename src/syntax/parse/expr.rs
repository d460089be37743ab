//! Expressions: pest pairs → [`Expr`](crate::syntax::ast::Expr), with operator precedence from
//! pest's Pratt parser (lowest first: `if`, `or`, `and`, `not`, comparisons, `+`/`-`, `in {…}`).

use super::{Parser, R, Res};
use crate::syntax::ast::*;
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
        pratt()
            .map_primary(|q| self.primary(q))
            .map_prefix(|op, rhs| {
                let rhs = rhs?;
                let span = self.span(&op).to(rhs.span);
                Ok(Expr { kind: ExprKind::Not(Box::new(rhs)), span })
            })
            .map_postfix(|lhs, op| {
                let lhs = lhs?;
                let span = lhs.span.to(self.span(&op));
                let kind = if op.as_rule() == R::in_members {
                    let at = self.span(&op);
                    let path = op.into_inner().next().ok_or_else(|| self.shape(at))?;
                    let rhs = Expr { kind: ExprKind::Path(self.path(path)), span: at };
                    ExprKind::InMembers(Box::new(lhs), Box::new(rhs))
                } else {
                    ExprKind::InSet(Box::new(lhs), op.into_inner().map(|i| self.ident(i)).collect())
                };
                Ok(Expr { kind, span })
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let op = match op.as_rule() {
                    R::if_op => return Ok(Expr { kind: ExprKind::If(Box::new(lhs), Box::new(rhs)), span }),
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
                Ok(Expr { kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span })
            })
            .parse(p.into_inner())
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
