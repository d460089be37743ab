//! Binding exceptions to the rules they override: by name, as seen from the exception's layer, or
//! every rule of a conclusion (`to all X`).

use super::error::CheckError;
use super::resolve::Checker;
use crate::program::*;
use crate::suggest::did_you_mean;
use crate::syntax::ast;

impl Checker {
    /// Binds each exception to the rules it overrides: by name (looked up in the exception's
    /// layer, then in the layers it extends), or every rule of a conclusion (`to all X`).
    pub fn exceptions(&mut self) {
        for (idx, targets) in std::mem::take(&mut self.pending_exceptions) {
            let names = match targets {
                Targets::All(c) => {
                    let all: Vec<u32> = self.prog.conclusions[c as usize]
                        .rules
                        .iter()
                        .copied()
                        .filter(|r| *r != idx && self.prog.rules[*r as usize].step == 0)
                        .collect();
                    for t in all {
                        self.prog.rules[idx as usize].exception_to.push(t);
                        self.prog.rules[t as usize].overridden_by.push(idx);
                    }
                    continue;
                }
                Targets::Names(names) => names,
            };
            let layer = self.prog.rules[idx as usize].layer;
            for n in names {
                let Some(target) = self.rule_named(layer, &n.name) else {
                    let cands: Vec<String> = self.rule_names.keys().map(|k| k.1.clone()).collect();
                    self.errors.push(CheckError::UnknownRule {
                        name: n.name.clone(),
                        src: self.src(n.span),
                        span: n.span.into(),
                        help: did_you_mean(&n.name, cands.iter().map(String::as_str)),
                    });
                    continue;
                };
                let (e, t) = (&self.prog.rules[idx as usize], &self.prog.rules[target as usize]);
                if e.target != t.target || e.scope != t.scope {
                    let name_of = |r: &RuleDef| {
                        r.target
                            .map(|c| self.prog.conclusions[c as usize].name.clone())
                            .unwrap_or_else(|| "nothing".into())
                    };
                    self.errors.push(CheckError::ExceptionTarget {
                        name: e.name.clone().unwrap_or_default(),
                        rule: n.name.clone(),
                        found: name_of(e),
                        expected: name_of(t),
                        src: self.src(n.span),
                        span: n.span.into(),
                    });
                    continue;
                }
                self.prog.rules[idx as usize].exception_to.push(target);
                self.prog.rules[target as usize].overridden_by.push(idx);
            }
        }
    }

    /// A rule by name, as seen from a layer: its own rules first, then those it extends.
    fn rule_named(&self, layer: u16, name: &str) -> Option<u32> {
        let mut at = Some(layer);
        while let Some(l) = at {
            if let Some(r) = self.rule_names.get(&(l, name.to_string())) {
                return Some(*r);
            }
            at = if l == 0 { None } else { self.prog.layers[l as usize].extends.or(Some(0)) };
        }
        None
    }
}

/// What an exception overrides.
pub enum Targets {
    Names(Vec<ast::Ident>),
    /// Every rule of a conclusion (`to all X`).
    All(u32),
}
