//! Analyses over the resolved rules: the order of computation (and cycles), conflicts between
//! rules without precedence, rules that can never apply, and unused vocabulary.
//!
//! Conflicts and dead rules are found by enumeration: every fact the measures speak of has a
//! small domain, so the conditions of two rules are tried on every combination of the values
//! they read (up to a bound; past it, nothing is reported).

use super::error::CheckError;
use super::resolve::{Checker, Dep};
use crate::program::*;
use crate::solve::domain::{Sat, describe, member_list, satisfiable};

pub fn order(c: &mut Checker) {
    let nl = c.prog.lets.len();
    let nc = c.prog.conclusions.len();
    let node = |d: &Dep| match d {
        Dep::Let(l) => *l as usize,
        Dep::Conclusion(k) => nl + *k as usize,
    };
    let mut deps: Vec<Vec<usize>> = vec![vec![]; nl + nc];
    for (l, ds) in c.let_deps.iter().enumerate() {
        deps[l] = ds.iter().map(node).collect();
    }
    for (k, concl) in c.prog.conclusions.iter().enumerate() {
        for r in &concl.rules {
            deps[nl + k].extend(c.rule_deps[*r as usize].iter().map(node));
        }
    }
    for (k, ds) in &c.gate_deps {
        deps[nl + *k as usize].extend(ds.iter().map(node));
    }
    // Depth-first, in declaration order, so the order is stable.
    let mut state = vec![0u8; nl + nc];
    let mut out = vec![];
    let mut stack: Vec<usize> = vec![];
    for start in 0..nl + nc {
        if let Some(cycle) = visit(start, &deps, &mut state, &mut out, &mut stack) {
            let name = |n: usize| {
                if n < nl { c.prog.lets[n].name.clone() } else { c.prog.conclusions[n - nl].name.clone() }
            };
            let span = if cycle[0] < nl {
                c.prog.lets[cycle[0]].span
            } else {
                c.prog.conclusions[cycle[0] - nl].span
            };
            let chain: Vec<String> = cycle.iter().map(|n| name(*n)).chain([name(cycle[0])]).collect();
            c.errors.push(CheckError::Cycle {
                name: name(cycle[0]),
                chain: chain.join(" → "),
                src: c.src(span),
                span: span.into(),
            });
            return;
        }
    }
    c.prog.steps = out
        .into_iter()
        .map(|n| if n < nl { Step::Let(n as u32) } else { Step::Conclusion((n - nl) as u32) })
        .collect();
}

/// Definitions of open terms run before every step, each after the definitions of the facts it
/// reads; definitions that read one another in a cycle are an error naming each fact on it.
pub fn define_order(c: &mut Checker) {
    let groups = &c.prog.defines;
    let deps: Vec<Vec<usize>> = groups
        .iter()
        .map(|g| {
            let mut read = vec![];
            for r in &g.rules {
                let rule = &c.prog.rules[*r as usize];
                let mut note = |e: &crate::program::ir::Expr| {
                    if let crate::program::ir::Expr::Global(s) = e
                        && let Some(h) = groups.iter().position(|h| h.slot == *s)
                        && !read.contains(&h)
                    {
                        read.push(h);
                    }
                };
                rule.cond.visit(&mut note);
                if let Some(v) = &rule.value {
                    v.visit(&mut note);
                }
            }
            read
        })
        .collect();
    let mut state = vec![0u8; groups.len()];
    let mut out = vec![];
    let mut stack = vec![];
    for start in 0..groups.len() {
        if let Some(cycle) = visit(start, &deps, &mut state, &mut out, &mut stack) {
            let name = |g: usize| crate::solve::domain::global_info(&c.prog, c.prog.defines[g].slot).0;
            let chain: Vec<String> = cycle.iter().map(|g| name(*g)).chain([name(cycle[0])]).collect();
            let first = c.prog.defines[cycle[0]].rules[0];
            let span = c.prog.rules[first as usize].span;
            c.errors.push(CheckError::Cycle {
                name: name(cycle[0]),
                chain: chain.join(" → "),
                src: c.src(span),
                span: span.into(),
            });
            return;
        }
    }
    let mut defines = std::mem::take(&mut c.prog.defines);
    let mut sorted: Vec<DefineGroup> = Vec::with_capacity(defines.len());
    for g in out {
        sorted.push(std::mem::replace(
            &mut defines[g],
            DefineGroup { slot: 0, rules: vec![], default: Default::default(), floors: None },
        ));
    }
    c.prog.defines = sorted;
}

fn visit(
    n: usize,
    deps: &[Vec<usize>],
    state: &mut [u8],
    out: &mut Vec<usize>,
    stack: &mut Vec<usize>,
) -> Option<Vec<usize>> {
    // Depth-first with an explicit stack (a chain of conclusions may be long): each frame is a
    // node and the index of its next dependency.
    if state[n] == 2 {
        return None;
    }
    let mut frames: Vec<(usize, usize)> = vec![(n, 0)];
    state[n] = 1;
    stack.push(n);
    while let Some((m, i)) = frames.last_mut() {
        let m = *m;
        if let Some(&d) = deps[m].get(*i) {
            *i += 1;
            match state[d] {
                2 => {}
                1 => {
                    let at = stack.iter().position(|x| *x == d).unwrap_or(0);
                    return Some(stack[at..].to_vec());
                }
                _ => {
                    state[d] = 1;
                    stack.push(d);
                    frames.push((d, 0));
                }
            }
        } else {
            frames.pop();
            stack.pop();
            state[m] = 2;
            out.push(m);
        }
    }
    None
}

/// Conflicts between rules (or definitions) without precedence.
pub fn conflicts(c: &mut Checker) {
    let limit = crate::solve::pairs::MAX_PAIRS;
    let pairs = crate::solve::pairs::pairs(&c.prog, limit);
    let last = pairs.found.last().map(|p| p.b).or(pairs.unsettled.last().map(|p| p.1));
    if pairs.stopped
        && let Some(r) = last
    {
        let span = c.prog.rules[r as usize].span;
        c.errors.push(CheckError::ConflictsCut { limit, src: c.src(span), span: span.into() });
    }
    for (a, b) in pairs.unsettled {
        let (ra, rb) = (&c.prog.rules[a as usize], &c.prog.rules[b as usize]);
        c.errors.push(CheckError::NotCompared {
            a: ra.id.clone(),
            b: rb.id.clone(),
            steps: crate::solve::domain::MAX_STEPS,
            src: c.src(rb.span),
            span: rb.span.into(),
        });
    }
    for p in pairs.found {
        let (ra, rb) = (&c.prog.rules[p.a as usize], &c.prog.rules[p.b as usize]);
        let same_file = ra.span.src == rb.span.src;
        let (what, label) = if p.definitions {
            (format!("definition `{}`", ra.id), "defines it too")
        } else {
            (format!("rule `{}`", ra.id), "conflicts with this one")
        };
        c.errors.push(CheckError::Conflict {
            a: ra.id.clone(),
            b: rb.id.clone(),
            target: p.target,
            witness: describe(&c.prog, &p.witness),
            src: c.src(rb.span),
            span: rb.span.into(),
            other: same_file.then(|| ra.span.into()),
            elsewhere: if same_file { vec![] } else { vec![c.note(ra.span, what, label)] },
        });
    }
}

pub fn never_fires(c: &mut Checker) {
    let mut dead = vec![];
    for r in 0..c.prog.rules.len() as u32 {
        let list = member_list(c.prog.rules[r as usize].scope);
        if let Sat::No = satisfiable(&c.prog, list, &crate::solve::pairs::effective(&c.prog, r)) {
            dead.push(r);
        }
    }
    for r in dead {
        let rule = &c.prog.rules[r as usize];
        c.errors.push(CheckError::NeverFires {
            rule: rule.id.clone(),
            src: c.src(rule.span),
            span: rule.span.into(),
        });
    }
}

pub fn unused(c: &mut Checker) {
    let mut problems = vec![];
    for f in &c.prog.facts {
        if f.def.open {
            continue;
        }
        let read = c.read_globals.get(f.def.slot as usize).copied().unwrap_or(false)
            || c.prog.decision.iter().any(|d| d.key == f.def.name);
        if !read {
            problems.push((f.def.name.clone(), f.def.span));
            continue;
        }
        for x in &f.fields {
            let used = c.read_globals.get(x.slot as usize).copied().unwrap_or(false)
                || c.prog
                    .decision
                    .iter()
                    .any(|d| d.key == f.def.name && d.fields.iter().any(|y| y.key == x.name));
            if !used && !x.open {
                problems.push((format!("{}.{}", f.def.name, x.name), x.span));
            }
        }
        if let Some(l) = f.list {
            let rec = &c.prog.records[c.prog.lists[l as usize].record as usize];
            for x in &rec.fields {
                if !x.open && !c.read_members.contains_key(&(l, x.slot)) {
                    problems.push((format!("{}.{}", f.def.name, x.name), x.span));
                }
            }
        }
    }
    let ne = c.prog.enums.len();
    for (i, used) in c.used_types.iter().enumerate() {
        let included = i < ne && {
            let vals = &c.prog.enums[i].values;
            c.prog.enums.iter().enumerate().any(|(j, e)| {
                j != i && c.used_types.get(j) == Some(&true) && vals.iter().all(|s| e.values.contains(s))
            })
        };
        let issuer = i < ne && {
            let vals = &c.prog.enums[i].values;
            c.prog.provisions.iter().any(|p| p.issuers.iter().any(|s| vals.contains(s)))
        };
        if !used && !included && !issuer {
            let (name, span) = if i < ne {
                (c.prog.enums[i].name.clone(), c.prog.enums[i].span)
            } else {
                let r = &c.prog.records[i - ne];
                (r.name.clone(), r.span)
            };
            problems.push((name, span));
        }
    }
    for (k, concl) in c.prog.conclusions.iter().enumerate() {
        let gates = c.gate_deps.iter().flat_map(|g| &g.1);
        let read = c
            .rule_deps
            .iter()
            .chain(&c.let_deps)
            .flatten()
            .chain(gates)
            .any(|d| *d == Dep::Conclusion(k as u32))
            || c.prog.decision.iter().any(|d| {
                matches!(d.cite, Cite::Conclusion(x) if x == k as u32)
                    || d.fallback == Some(k as u32)
                    || d.fields.iter().any(|f| {
                        matches!(f.cite, Cite::Conclusion(x) if x == k as u32) || f.fallback == Some(k as u32)
                    })
            });
        if concl.rules.is_empty() || !read {
            problems.push((concl.name.clone(), concl.span));
        }
    }
    for (l, def) in c.prog.lets.iter().enumerate() {
        let gates = c.gate_deps.iter().flat_map(|g| &g.1);
        let read =
            c.rule_deps.iter().chain(&c.let_deps).flatten().chain(gates).any(|d| *d == Dep::Let(l as u32))
                || c.prog.decision.iter().any(|d| {
                    matches!(d.cite, Cite::Let(x) if x == l as u32)
                        || d.fields.iter().any(|f| matches!(f.cite, Cite::Let(x) if x == l as u32))
                });
        if !read {
            problems.push((def.name.clone(), def.span));
        }
    }
    for (name, span) in problems {
        c.errors.push(CheckError::Unused { name, src: c.src(span), span: span.into() });
    }
}
