//! Binding exceptions to the rules they override: by name, as seen from the exception's layer, or
//! every rule of a conclusion (`to all X`).

use super::error::CheckError;
use super::resolve::Checker;
use crate::program::*;
use crate::suggest::did_you_mean;
use crate::syntax::ast;

impl Checker {
    /// Binds each exception to the rules it overrides: by name (looked up in the exception's
    /// layer, then in the layers it extends), then every rule of a conclusion (`to all X`); and
    /// refuses exceptions that override one another in a cycle.
    pub fn exceptions(&mut self) {
        let mut to_all = vec![];
        for (idx, targets) in std::mem::take(&mut self.pending_exceptions) {
            match targets {
                Targets::All(c) => to_all.push((idx, c)),
                Targets::Names(names) => self.named(idx, names),
            }
        }
        // `to all X` sets aside every rule that concludes X, and the exceptions to them, but not
        // another `to all X` (two exemptions agree) nor an exception that sets it aside in turn
        // (that would be a cycle).
        let all: Vec<u32> = to_all.iter().map(|(r, _)| *r).collect();
        for (idx, c) in to_all {
            let targets: Vec<u32> = self.prog.conclusions[c as usize]
                .rules
                .iter()
                .copied()
                .filter(|r| *r != idx && !all.contains(r) && self.prog.rules[*r as usize].step == 0)
                .filter(|r| !self.overrides(*r, idx))
                .collect();
            for t in targets {
                self.prog.rules[idx as usize].exception_to.push(t);
                self.prog.rules[t as usize].overridden_by.push(idx);
            }
        }
        self.exception_cycles();
    }

    /// Whether rule `x` sets aside rule `y`, directly or through other exceptions.
    fn overrides(&self, x: u32, y: u32) -> bool {
        let mut seen = vec![false; self.prog.rules.len()];
        let mut todo = vec![x];
        while let Some(r) = todo.pop() {
            for &t in &self.prog.rules[r as usize].exception_to {
                if t == y {
                    return true;
                }
                if !std::mem::replace(&mut seen[t as usize], true) {
                    todo.push(t);
                }
            }
        }
        false
    }

    /// Exceptions that set one another aside in a cycle: none of them could stand.
    fn exception_cycles(&mut self) {
        let n = self.prog.rules.len();
        // 0: not seen, 1: on the path, 2: done.
        let mut state = vec![0u8; n];
        for start in 0..n as u32 {
            let mut path: Vec<(u32, usize)> = vec![];
            if state[start as usize] != 0 {
                continue;
            }
            state[start as usize] = 1;
            path.push((start, 0));
            while let Some(&mut (r, ref mut next)) = path.last_mut() {
                let targets = &self.prog.rules[r as usize].exception_to;
                if *next == targets.len() {
                    state[r as usize] = 2;
                    path.pop();
                    continue;
                }
                let t = targets[*next];
                *next += 1;
                match state[t as usize] {
                    0 => {
                        state[t as usize] = 1;
                        path.push((t, 0));
                    }
                    1 => {
                        let at = path.iter().position(|(x, _)| *x == t).unwrap_or(0);
                        let ids: Vec<&str> = path[at..]
                            .iter()
                            .map(|(x, _)| self.prog.rules[*x as usize].id.as_str())
                            .chain([self.prog.rules[t as usize].id.as_str()])
                            .collect();
                        let span = self.prog.rules[t as usize].span;
                        self.errors.push(CheckError::ExceptionCycle {
                            chain: ids.join(" → "),
                            src: self.src(span),
                            span: span.into(),
                        });
                        return;
                    }
                    _ => {}
                }
            }
        }
    }

    /// Binds an exception to the rules it names.
    fn named(&mut self, idx: u32, names: Vec<ast::Ident>) {
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
                    // A conclusion of each member is named with its list: `people.rung`.
                    let list = match r.scope {
                        Scope::Member(l) => format!("{}.", self.prog.lists[l as usize].name),
                        _ => String::new(),
                    };
                    r.target
                        .map(|c| format!("{list}{}", self.prog.conclusions[c as usize].name))
                        .unwrap_or_else(|| "nothing".into())
                };
                let help = match (e.scope, t.scope) {
                    (Scope::Global, Scope::Member(l)) => {
                        let list = &self.prog.lists[l as usize].name;
                        format!(
                            "an exception overrides rules about the same conclusion; `{}` is decided for each member of `{list}`: write the exception inside `each … in {list} {{ … }}`, as the rule is",
                            name_of(t)
                        )
                    }
                    (Scope::Member(_), Scope::Global) => format!(
                        "an exception overrides rules about the same conclusion; `{}` is decided for the case: write the exception outside `each`, as the rule is",
                        name_of(t)
                    ),
                    _ => "an exception overrides rules about the same conclusion".to_string(),
                };
                self.errors.push(CheckError::ExceptionTarget {
                    help,
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
