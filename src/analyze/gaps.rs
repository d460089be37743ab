//! Gaps: the combinations of facts where a conclusion the provisions must decide (`complete C when
//! W`) is left undecided: no rule gives it a value that is not pinned, or rules conflict. Only the
//! values its rules read are enumerated (definitions inlined, other conclusions as unknowns of their
//! own), and each gap is reduced to the values that matter, then grouped.

use crate::program::bits::Wide;
use crate::program::combine::{RuleSet, Tests};
use crate::program::ir::{Expr, Value};
use crate::program::meaning::{Ctx, eval, truthy};
use crate::program::*;
use crate::solve::domain::{Atom, Binding, abstracted, collect_consts, show};

/// A pattern of values, each atom with the values it may take, that leaves a conclusion undecided.
pub struct Gap {
    /// The conclusion left undecided.
    pub conclusion: String,
    /// The provision that says it must be decided.
    pub provision: u16,
    /// What is read and the values that make the gap, only those that matter.
    pub pattern: Vec<Values>,
    /// One full assignment of the pattern, for a witness case.
    pub example: Vec<Binding>,
    /// Undecided (no rule) or in conflict.
    pub conflict: bool,
}

/// Definitions replaced by what they define, so that values they share stay tied together.
fn inline(prog: &Program, e: &Expr, depth: u8) -> Expr {
    let b = |x: &Expr| Box::new(inline(prog, x, depth));
    if depth > 16 {
        return e.clone();
    }
    match e {
        Expr::Global(s) => match prog.lets.iter().find(|l| l.slot == *s) {
            Some(l) => inline(prog, &l.expr, depth + 1),
            None => e.clone(),
        },
        Expr::Not(a) => Expr::Not(b(a)),
        Expr::And(x, y) => Expr::And(b(x), b(y)),
        Expr::Or(x, y) => Expr::Or(b(x), b(y)),
        Expr::All(xs) => Expr::All(xs.iter().map(|x| inline(prog, x, depth)).collect()),
        Expr::Eq(x, y) => Expr::Eq(b(x), b(y)),
        Expr::Ne(x, y) => Expr::Ne(b(x), b(y)),
        Expr::Cmp(o, x, y) => Expr::Cmp(*o, b(x), b(y)),
        Expr::Rank(o, r, x, y) => Expr::Rank(*o, r.clone(), b(x), b(y)),
        Expr::InSet(x, s) => Expr::InSet(b(x), s.clone()),
        Expr::If(x, y) => Expr::If(b(x), b(y)),
        other => other.clone(),
    }
}

struct Model {
    atoms: Vec<Atom>,
    when: Expr,
    /// Per rule of the conclusion: its condition and value over the atoms.
    rules: Vec<(Expr, Option<Expr>)>,
    /// How they combine.
    set: RuleSet<Wide>,
}

/// A conclusion that reads too many values for its combinations to be tried.
pub struct Skipped {
    /// The conclusion.
    pub conclusion: String,
    /// How many values its rules read.
    pub atoms: usize,
    /// How many combinations of their values there are.
    pub combinations: usize,
}

/// The gaps of every `complete` declaration, and the conclusions not analysed.
pub struct Gaps {
    /// The gaps found.
    pub found: Vec<Gap>,
    /// The conclusions whose rules read too many values to enumerate.
    pub skipped: Vec<Skipped>,
}

/// At most this many combinations of values are tried for one conclusion.
pub const MAX_COMBINATIONS: usize = 1 << 24;

/// Every gap of every `complete` declaration.
pub fn gaps(prog: &Program) -> Gaps {
    let mut out = Gaps { found: vec![], skipped: vec![] };
    for c in &prog.completes {
        match one(prog, c) {
            Ok(found) => out.found.extend(found),
            Err(s) => out.skipped.push(s),
        }
    }
    out
}

fn one(prog: &Program, c: &Complete) -> Result<Vec<Gap>, Skipped> {
    let def = &prog.conclusions[c.conclusion as usize];
    let list = match def.scope {
        Scope::Member(l) => Some(l),
        Scope::Global => None,
    };
    let ids: Vec<u32> = def.rules.clone();
    let mut exprs: Vec<Expr> = vec![inline(prog, &c.when, 0)];
    for r in &ids {
        let rule = &prog.rules[*r as usize];
        exprs.push(inline(prog, &rule.cond, 0));
        if let Some(v) = &rule.value {
            exprs.push(inline(prog, v, 0));
        }
    }
    let mut consts = vec![];
    for e in &exprs {
        collect_consts(e, &mut consts);
    }
    let mut atoms = vec![];
    let when = abstracted(prog, list, &exprs[0], &mut atoms, &consts);
    let mut rules = vec![];
    for r in &ids {
        let rule = &prog.rules[*r as usize];
        let cond = abstracted(prog, list, &inline(prog, &rule.cond, 0), &mut atoms, &consts);
        let value =
            rule.value.as_ref().map(|v| abstracted(prog, list, &inline(prog, v, 0), &mut atoms, &consts));
        rules.push((cond, value));
    }
    let m = Model { atoms, when, rules, set: RuleSet::of(prog, def) };
    let total: usize = m.atoms.iter().map(|a| a.domain.len().max(1)).product();
    if total > MAX_COMBINATIONS {
        return Err(Skipped { conclusion: def.name.clone(), atoms: m.atoms.len(), combinations: total });
    }
    let mut found: Vec<Found> = vec![];
    let mut idx = vec![0usize; m.atoms.len()];
    loop {
        let asg: Vec<Value> = m.atoms.iter().zip(&idx).map(|(a, i)| a.domain[*i]).collect();
        if let Some(conflict) = gap_at(prog, def, &m, &asg) {
            // Keep only the atoms that matter: free them one by one while every case of the
            // widened pattern is still a gap (or outside `when`).
            if found.iter().any(|(p, _, _)| covers(p, &idx)) {
                if !next(&mut idx, &m) {
                    return Ok(render(prog, c, &m, merge(found)));
                }
                continue;
            }
            let mut pattern: Vec<Option<Vec<usize>>> = idx.iter().map(|i| Some(vec![*i])).collect();
            for k in 0..m.atoms.len() {
                pattern[k] = None;
                if !all_gaps(prog, def, &m, &pattern) {
                    pattern[k] = Some(vec![idx[k]]);
                }
            }
            if !found.iter().any(|(p, _, _)| *p == pattern) {
                found.push((pattern, asg.clone(), conflict));
            }
        }
        if !next(&mut idx, &m) {
            return Ok(render(prog, c, &m, merge(found)));
        }
    }
}

/// The next combination of atom values; false after the last.
fn next(idx: &mut [usize], m: &Model) -> bool {
    for (i, a) in idx.iter_mut().zip(&m.atoms) {
        *i += 1;
        if *i < a.domain.len() {
            return true;
        }
        *i = 0;
    }
    false
}

/// Whether a pattern (atoms fixed to some values, or free) includes a combination.
fn covers(p: &[Option<Vec<usize>>], idx: &[usize]) -> bool {
    p.iter().zip(idx).all(|(vals, i)| vals.as_ref().is_none_or(|v| v.contains(i)))
}

/// Whether every combination of a pattern is a gap or outside `when`.
fn all_gaps(prog: &Program, def: &Conclusion, m: &Model, p: &[Option<Vec<usize>>]) -> bool {
    let choices: Vec<Vec<usize>> = p
        .iter()
        .enumerate()
        .map(|(k, v)| v.clone().unwrap_or_else(|| (0..m.atoms[k].domain.len()).collect()))
        .collect();
    let mut pos = vec![0usize; choices.len()];
    loop {
        let asg: Vec<Value> =
            pos.iter().enumerate().map(|(k, i)| m.atoms[k].domain[choices[k][*i]]).collect();
        if holds(&m.when, &asg) && gap_at(prog, def, m, &asg).is_none() {
            return false;
        }
        let mut k = 0;
        loop {
            if k == pos.len() {
                return true;
            }
            pos[k] += 1;
            if pos[k] < choices[k].len() {
                break;
            }
            pos[k] = 0;
            k += 1;
        }
    }
}

fn holds(e: &Expr, asg: &[Value]) -> bool {
    truthy(e, &Ctx::new(&[], &[]).with(0, asg))
}

/// The model's rules on one assignment of the atoms.
struct OnAssignment<'a> {
    m: &'a Model,
    cx: Ctx<'a>,
}

impl Tests for OnAssignment<'_> {
    fn holds(&self, i: u32) -> bool {
        truthy(&self.m.rules[i as usize].0, &self.cx)
    }

    fn value(&self, i: u32) -> Value {
        self.m.rules[i as usize].1.as_ref().map_or(Value::Null, |v| eval(v, &self.cx))
    }
}

/// `Some(conflict)` when the assignment satisfies the `when` and leaves the conclusion undecided:
/// the rules, combined as the evaluator combines them, give no value, a pinned one, or conflict.
fn gap_at(prog: &Program, def: &Conclusion, m: &Model, asg: &[Value]) -> Option<bool> {
    if !holds(&m.when, asg) || def.combine == Combine::Union {
        return None;
    }
    let cx = Ctx::new(&[], &[]).with(0, asg);
    let r = m.set.resolve(&prog.enums, &m.set.all, &OnAssignment { m, cx });
    let pinned = match (r.value, def.ty) {
        (Value::Sym(s), Ty::Enum(e)) => {
            let en = &prog.enums[e as usize];
            en.bit.get(s as usize).is_some_and(|b| en.pinned.get(*b as usize).copied().unwrap_or(false))
        }
        (Value::Null, _) => true,
        _ => false,
    };
    if !r.decided {
        Some(false)
    } else if r.conflict {
        Some(true)
    } else if pinned {
        Some(false)
    } else {
        None
    }
}

type Found = (Vec<Option<Vec<usize>>>, Vec<Value>, bool);

/// Patterns that differ in the values of one atom only become one, with both values.
fn merge(mut found: Vec<Found>) -> Vec<Found> {
    'again: loop {
        for i in 0..found.len() {
            for j in i + 1..found.len() {
                let (a, b) = (&found[i].0, &found[j].0);
                let diff: Vec<usize> = (0..a.len()).filter(|k| a[*k] != b[*k]).collect();
                if let [k] = diff[..]
                    && a[k].is_some()
                    && b[k].is_some()
                {
                    let mut vals = a[k].clone().unwrap_or_default();
                    vals.extend(b[k].clone().unwrap_or_default());
                    vals.sort_unstable();
                    vals.dedup();
                    found[i].0[k] = Some(vals);
                    found.remove(j);
                    continue 'again;
                }
            }
        }
        return found;
    }
}

/// Something a gap reads, with the values it takes in the gap.
pub struct Values {
    /// What is read (`harm`, `people.role`, `any history: (…)`).
    pub name: String,
    /// Its values, as the policy writes them.
    pub values: Vec<String>,
}

fn render(prog: &Program, c: &Complete, m: &Model, found: Vec<Found>) -> Vec<Gap> {
    let def = &prog.conclusions[c.conclusion as usize];
    found
        .into_iter()
        .map(|(pattern, example, conflict)| Gap {
            conclusion: def.name.clone(),
            provision: c.provision,
            pattern: pattern
                .iter()
                .enumerate()
                .filter_map(|(k, vals)| {
                    let vals = vals.as_ref()?;
                    let a = &m.atoms[k];
                    let name = a.key.trim_start_matches('#').to_string();
                    Some(Values { name, values: vals.iter().map(|i| show(prog, a.domain[*i])).collect() })
                })
                .collect(),
            example: m
                .atoms
                .iter()
                .zip(&example)
                .map(|(a, v)| Binding { name: a.key.clone(), value: *v })
                .collect(),
            conflict,
        })
        .collect()
}
