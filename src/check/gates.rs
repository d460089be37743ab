//! `conclusion X: T = D if COND`: a conclusion decided only where a condition holds (the
//! measures decide the case), absent elsewhere rather than its default — so that a decision
//! does not read "no responsibility" where the measures say nothing. The condition may read
//! definitions, which are known only once the provisions are, so it is resolved after them.

use super::expr::Env;
use super::resolve::{Checker, Name};
use crate::syntax::ast;

impl Checker {
    /// Keeps a declaration's `if COND` for `gates`.
    pub fn pend_gate(&mut self, c: &ast::ConclusionDecl, var: Option<(String, u16)>) {
        let Some(g) = &c.gate else { return };
        let idx = match &var {
            None => match self.names.get(&c.name.name).map(|n| n.0) {
                Some(Name::Conclusion(i)) => i,
                _ => return,
            },
            Some((_, l)) => match self.member_conclusions.get(&(*l, c.name.name.clone())) {
                Some(i) => *i,
                None => return,
            },
        };
        if self.pending_gates.iter().any(|(i, _, _)| *i == idx) {
            return;
        }
        self.pending_gates.push((idx, g.clone(), var));
    }

    /// Resolves each conclusion's gate.
    pub fn gates(&mut self) {
        for (c, e, var) in std::mem::take(&mut self.pending_gates) {
            let env = Env { vars: var.map(|(n, l)| vec![(n, l, 0)]).unwrap_or_default(), prov: None };
            let saved = std::mem::take(&mut self.deps);
            let cond = self.condition(&e, &env);
            let deps = std::mem::replace(&mut self.deps, saved);
            if let Some(cond) = cond {
                self.prog.conclusions[c as usize].gate = Some(cond);
                self.gate_deps.push((c, deps));
            }
        }
    }
}
