//! The vocabulary's declarations: pest pairs → an enumeration, a record's field (its type and
//! default), a conclusion.

use super::{Parser, R, Res};
use crate::syntax::ast::*;
use pest::iterators::Pair;

impl Parser<'_> {
    pub(super) fn enum_decl(&self, p: Pair<R>) -> Res<EnumDecl> {
        let at = self.span(&p);
        let p_rule = p.as_rule();
        let mut it = p.into_inner();
        let scale = match p_rule {
            R::extend_decl => false,
            _ => self.next(&mut it, at)?.as_str() == "scale",
        };
        let name = self.ident(self.next(&mut it, at)?);
        let mut d = EnumDecl { scale, name, labels: None, includes: vec![], values: vec![] };
        for q in it {
            let qat = self.span(&q);
            match q.as_rule() {
                R::labels => d.labels = Some(self.labels(q)?),
                R::include => {
                    let mut inner = q.into_inner();
                    d.includes.push(self.ident(self.next(&mut inner, qat)?));
                }
                R::enum_value => {
                    let mut inner = q.into_inner();
                    let name = self.ident(self.next(&mut inner, qat)?);
                    let mut v = EnumValue { name, labels: None, pinned: false, position: None };
                    for x in inner {
                        let xat = self.span(&x);
                        match x.as_rule() {
                            R::pinned => v.pinned = true,
                            R::position => {
                                let mut pi = x.into_inner();
                                let above = self.next(&mut pi, xat)?.as_rule() == R::above;
                                v.position = Some((above, self.ident(self.next(&mut pi, xat)?)));
                            }
                            _ => v.labels = Some(self.labels(x)?),
                        }
                    }
                    d.values.push(v);
                }
                _ => return Err(self.shape(qat)),
            }
        }
        Ok(d)
    }

    pub(super) fn field(&self, p: Pair<R>) -> Res<FieldDecl> {
        let at = self.span(&p);
        let mut it = p.into_inner();
        let name = self.ident(self.next(&mut it, at)?);
        let ty = self.type_expr(self.next(&mut it, at)?)?;
        let mut f = FieldDecl {
            name,
            ty,
            default: None,
            optional: false,
            nonempty: false,
            open: false,
            unique: false,
            labels: None,
            span: at,
        };
        for q in it {
            match q.as_rule() {
                R::modifiers => {
                    for m in q.into_inner() {
                        let mat = self.span(&m);
                        match m.as_rule() {
                            R::default => f.default = Some(self.default(m)?),
                            R::optional => f.optional = true,
                            R::nonempty => f.nonempty = true,
                            R::open => f.open = true,
                            R::unique => f.unique = true,
                            _ => return Err(self.shape(mat)),
                        }
                    }
                }
                R::labels => f.labels = Some(self.labels(q)?),
                _ => return Err(self.shape(at)),
            }
        }
        Ok(f)
    }

    fn default(&self, p: Pair<R>) -> Res<Expr> {
        let at = self.span(&p);
        let mut inner = p.into_inner();
        let v = self.next(&mut inner, at)?;
        if v.as_rule() == R::ident {
            let id = self.ident(v);
            let span = id.span;
            return Ok(Expr { kind: ExprKind::Path(Path { parts: vec![id], span }), span });
        }
        self.primary(v)
    }

    pub(super) fn conclusion(&self, p: Pair<R>) -> Res<ConclusionDecl> {
        let at = self.span(&p);
        let mut it = p.into_inner();
        let name = self.ident(self.next(&mut it, at)?);
        let ty = self.type_expr(self.next(&mut it, at)?)?;
        let mut c = ConclusionDecl { name, ty, combine: None, default: None, gate: None, labels: None };
        for q in it {
            match q.as_rule() {
                R::combine => {
                    let how = if q.as_str() == "max" { Combine::Max } else { Combine::Min };
                    c.combine = Some((how, self.span(&q)));
                }
                R::default => c.default = Some(self.default(q)?),
                R::gate => {
                    let qat = self.span(&q);
                    let mut inner = q.into_inner();
                    c.gate = Some(self.expr(self.next(&mut inner, qat)?)?);
                }
                R::labels => c.labels = Some(self.labels(q)?),
                _ => return Err(self.shape(at)),
            }
        }
        Ok(c)
    }

    fn type_expr(&self, p: Pair<R>) -> Res<TypeExpr> {
        let at = self.span(&p);
        let mut it = p.into_inner();
        let q = self.next(&mut it, at)?;
        Ok(match q.as_rule() {
            R::ident => TypeExpr::Named(self.ident(q)),
            R::list_of => {
                let mut inner = q.into_inner();
                TypeExpr::ListOf(self.ident(self.next(&mut inner, at)?))
            }
            R::set_of => {
                let mut inner = q.into_inner();
                TypeExpr::SetOf(self.ident(self.next(&mut inner, at)?))
            }
            R::members_of => {
                let mut inner = q.into_inner();
                TypeExpr::MembersOf(self.ident(self.next(&mut inner, at)?))
            }
            _ => return Err(self.shape(at)),
        })
    }
}
