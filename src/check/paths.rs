//! Resolving paths: a name read where an expression stands (`person.role`, `unit.kind`,
//! `this`), through the variables bound around it, the facts, the definitions (each resolved on
//! first use, a cycle reported) and the conclusions, to a slot with its type; and how an unknown
//! name is reported.

use super::error::CheckError;
use super::expr::{Env, Typed};
use super::resolve::{Checker, Dep, LetState, Name};
use crate::program::Ty;
use crate::program::ir::{Expr, Value};
use crate::source::Span;
use crate::suggest::did_you_mean;
use crate::syntax::ast;

impl Checker {
    /// A path read in the global scope (the decision, `dated_by`).
    pub fn global_path(&mut self, p: &ast::Path) -> Typed {
        self.path(p, &Env::default(), None)
    }

    pub fn path(&mut self, p: &ast::Path, env: &Env, expected: Option<Ty>) -> Typed {
        let first = &p.parts[0];
        if let Some((list, level)) = env.var(&first.name) {
            return self.member_path(p, list, level);
        }
        match (self.names.get(&first.name).map(|n| n.0), p.parts.len()) {
            (Some(Name::Fact(f)), 1) => {
                let fact = &self.prog.facts[f as usize];
                let (slot, ty, list) = (fact.def.slot, fact.def.ty, fact.list);
                self.read_globals[slot as usize] = true;
                if let Some(l) = list {
                    // A list is only ever counted or quantified over: carry its number.
                    return Some((Expr::Const(Value::Int(i64::from(l))), ty));
                }
                Some((Expr::Global(slot), ty))
            }
            (Some(Name::Fact(f)), 2) => {
                let fact = &self.prog.facts[f as usize];
                let field = &p.parts[1];
                match fact.fields.iter().find(|x| x.name == field.name) {
                    Some(x) => {
                        let (slot, ty) = (x.slot, x.ty);
                        self.read_globals[slot as usize] = true;
                        self.read_globals[fact.def.slot as usize] = true;
                        Some((Expr::Global(slot), ty))
                    }
                    None => {
                        let cands: Vec<String> = fact.fields.iter().map(|x| x.name.clone()).collect();
                        self.unknown_name(field, cands.iter().map(String::as_str));
                        None
                    }
                }
            }
            (Some(Name::Conclusion(c)), 1) => {
                let def = &self.prog.conclusions[c as usize];
                self.deps.push(Dep::Conclusion(c));
                Some((Expr::Global(def.slot), def.ty))
            }
            (Some(Name::Let(l)), 1) => {
                let ty = self.resolve_let(l, first.span)?;
                self.deps.push(Dep::Let(l));
                Some((Expr::Global(self.prog.lets[l as usize].slot), ty))
            }
            (Some(_), _) => {
                self.unknown_name(&p.parts[1], std::iter::empty());
                None
            }
            (None, 1) => {
                if let Some(Ty::Enum(en)) | Some(Ty::SetOfEnum(en)) = expected {
                    let def = &self.prog.enums[en as usize];
                    if let Some(s) = self.sym_index.get(&first.name).filter(|s| def.values.contains(s)) {
                        return Some((Expr::Const(Value::Sym(*s)), Ty::Enum(en)));
                    }
                    let values: Vec<&str> =
                        def.values.iter().map(|s| self.prog.syms[*s as usize].as_str()).collect();
                    if self.sym_index.contains_key(&first.name)
                        || (!self.names.contains_key(&first.name)
                            && crate::suggest::closest(&first.name, values.iter().copied()).is_some())
                    {
                        self.unknown_value(first, en);
                        return None;
                    }
                }
                let mut cands: Vec<String> = self.names.keys().cloned().collect();
                cands.extend(env.vars.iter().map(|v| v.0.clone()));
                if let Some(Ty::Enum(en)) | Some(Ty::SetOfEnum(en)) = expected {
                    let def = &self.prog.enums[en as usize];
                    cands.extend(def.values.iter().map(|s| self.prog.syms[*s as usize].clone()));
                }
                self.unknown_name(first, cands.iter().map(String::as_str));
                None
            }
            (None, _) => {
                let cands: Vec<String> =
                    self.names.keys().cloned().chain(env.vars.iter().map(|v| v.0.clone())).collect();
                self.unknown_name(first, cands.iter().map(String::as_str));
                None
            }
        }
    }

    fn member_path(&mut self, p: &ast::Path, list: u16, level: u8) -> Typed {
        if p.parts.len() != 2 {
            self.misplaced_item_span(
                &p.dotted(),
                "as `member.field` (a list member is read one field at a time)",
                p.span,
            );
            return None;
        }
        let field = &p.parts[1];
        let rec = self.prog.lists[list as usize].record;
        if let Some(f) = self.prog.records[rec as usize].fields.iter().find(|f| f.name == field.name) {
            let (slot, ty) = (f.slot, f.ty);
            self.read_members.insert((list, slot), true);
            return Some((Expr::Var(level, slot), ty));
        }
        if let Some(c) = self.member_conclusions.get(&(list, field.name.clone())).copied() {
            self.deps.push(Dep::Conclusion(c));
            let def = &self.prog.conclusions[c as usize];
            return Some((Expr::Var(level, def.slot), def.ty));
        }
        let mut cands: Vec<String> =
            self.prog.records[rec as usize].fields.iter().map(|f| f.name.clone()).collect();
        cands.extend(self.member_conclusions.keys().filter(|k| k.0 == list).map(|k| k.1.clone()));
        self.unknown_name(field, cands.iter().map(String::as_str));
        None
    }

    pub fn unknown_name<'a>(&mut self, id: &ast::Ident, cands: impl IntoIterator<Item = &'a str>) {
        self.errors.push(CheckError::UnknownName {
            name: id.name.clone(),
            src: self.src(id.span),
            span: id.span.into(),
            help: did_you_mean(&id.name, cands),
        });
    }

    /// Resolves a definition on first use; reports a definition that uses itself.
    pub fn resolve_let(&mut self, l: u32, used_at: Span) -> Option<Ty> {
        match std::mem::replace(&mut self.lets[l as usize], LetState::InProgress) {
            LetState::Done => {
                self.lets[l as usize] = LetState::Done;
                Some(self.prog.lets[l as usize].ty)
            }
            LetState::InProgress => {
                let name = self.prog.lets[l as usize].name.clone();
                let at = self.let_stack.iter().position(|x| *x == l).unwrap_or(0);
                let steps = self.let_stack[at..].iter().chain([&l]);
                let chain: Vec<&str> = steps.map(|x| self.prog.lets[*x as usize].name.as_str()).collect();
                self.errors.push(CheckError::Cycle {
                    chain: chain.join(" → "),
                    name,
                    src: self.src(used_at),
                    span: used_at.into(),
                });
                None
            }
            LetState::Pending(e, prov) => {
                self.resolve_reads_first(l, &e);
                if !matches!(self.lets[l as usize], LetState::InProgress) {
                    // On a cycle, reported.
                    return None;
                }
                let saved = std::mem::take(&mut self.deps);
                let env = Env { vars: vec![], prov };
                self.let_stack.push(l);
                let r = self.expr(&e, &env, None);
                self.let_stack.pop();
                let deps = std::mem::replace(&mut self.deps, saved);
                self.let_deps[l as usize] = deps;
                self.lets[l as usize] = LetState::Done;
                let (x, ty) = r?;
                let saved = self.errors.len();
                let reads = self.reads(&e, &env);
                self.errors.truncate(saved);
                let def = &mut self.prog.lets[l as usize];
                def.expr = x;
                def.ty = ty;
                def.reads = reads;
                Some(ty)
            }
        }
    }
}
