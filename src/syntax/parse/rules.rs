//! Provisions and their rules: pest pairs → a provision (its number, dates, labels and the
//! provisions and rules in it) and a rule (its name, condition, effect, citations, clause and
//! finding; whether it is an exception).

use super::{Parser, R, Res};
use crate::syntax::ast::*;
use pest::iterators::Pair;

impl Parser<'_> {
    pub(super) fn provision(&self, p: Pair<R>) -> Res<Item> {
        let at = self.span(&p);
        let mut it = p.into_inner();
        let kind = match self.next(&mut it, at)?.as_str() {
            "article" => ProvisionKind::Article,
            "paragraph" => ProvisionKind::Paragraph,
            _ => ProvisionKind::Item,
        };
        let number = self.number(self.next(&mut it, at)?)?;
        let mut prov =
            Provision { kind, number, since: None, until: None, labels: None, items: vec![], span: at };
        for q in it {
            match q.as_rule() {
                R::dates => {
                    for d in q.into_inner() {
                        let dat = self.span(&d);
                        let which = d.as_rule();
                        let mut inner = d.into_inner();
                        let date = self.date(self.next(&mut inner, dat)?)?;
                        if which == R::since {
                            prov.since = Some(date);
                        } else {
                            prov.until = Some(date);
                        }
                    }
                }
                R::labels => prov.labels = Some(self.labels(q)?),
                _ => prov.items.push(self.item(q)?),
            }
        }
        Ok(Item::Provision(prov))
    }

    pub(super) fn rule(&self, p: Pair<R>) -> Res<Rule> {
        let at = self.span(&p);
        let is_exception = p.as_rule() == R::exception;
        let mut r = Rule {
            name: None,
            exception_to: is_exception.then(Vec::new),
            exception_all: None,
            condition: None,
            effect: None,
            cite: None,
            finding: None,
            labels: None,
            clause: None,
            span: at,
        };
        for q in p.into_inner() {
            let qat = self.span(&q);
            match q.as_rule() {
                R::rule_name => {
                    let mut inner = q.into_inner();
                    r.name = Some(self.ident(self.next(&mut inner, qat)?));
                }
                R::ident => {
                    if let Some(to) = r.exception_to.as_mut() {
                        to.push(self.ident(q));
                    }
                }
                R::all_of => {
                    let mut inner = q.into_inner();
                    r.exception_all = Some(self.path(self.next(&mut inner, qat)?));
                }
                R::condition => {
                    let mut inner = q.into_inner();
                    r.condition = Some(self.expr(self.next(&mut inner, qat)?)?);
                }
                R::effect => {
                    let mut inner = q.into_inner();
                    let target = self.path(self.next(&mut inner, qat)?);
                    let q = self.next(&mut inner, qat)?;
                    let op = if q.as_rule() == R::step {
                        let sat = self.span(&q);
                        let mut si = q.into_inner();
                        let up = self.next(&mut si, sat)?.as_str() == "up";
                        let n = i64::from(self.number(self.next(&mut si, sat)?)?);
                        EffectOp::Step(if up { n } else { -n }, sat)
                    } else {
                        let add = q.as_str() == "+=";
                        let value = self.expr(self.next(&mut inner, qat)?)?;
                        if add { EffectOp::Add(value) } else { EffectOp::Set(value) }
                    };
                    r.effect = Some(Effect { target, op });
                }
                R::cites => {
                    let mut inner = q.into_inner();
                    r.cite = Some(Box::new(self.path(self.next(&mut inner, qat)?)));
                }
                R::finding => {
                    let mut inner = q.into_inner();
                    r.finding = Some(self.labels(self.next(&mut inner, qat)?)?);
                }
                R::labels => r.labels = Some(self.labels(q)?),
                R::clause => {
                    let mut inner = q.into_inner();
                    r.clause = Some(self.labels(self.next(&mut inner, qat)?)?);
                }
                _ => return Err(self.shape(qat)),
            }
        }
        Ok(r)
    }
}
