//! Gaps: the cases where a conclusion the provisions must decide (`complete C when W`, once the
//! measures are in force) is left undecided: no rule gives it a value that is not pinned, or rules
//! conflict. Only the values its rules read count (definitions inlined, other conclusions as
//! unknowns of their own); the search (`search.rs`) splits them, each gap is reduced to the values
//! that matter, then grouped. With layers, each layer's cases are searched apart, and each gap of
//! the base set alone is compared with what the layer decides of it.

use super::search::{Limit, Model, Pattern, Search};
pub use super::values::{Range, Values};
use crate::program::combine::RuleSet;
use crate::program::ir::{Expr, Ord, Value};
use crate::program::*;
use crate::solve::domain::{Binding, abstracted, collect_consts};

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

/// A conclusion that was not analysed: the search for its gaps would take too long.
pub struct Skipped {
    /// The conclusion.
    pub conclusion: String,
    /// How many values its rules read.
    pub atoms: usize,
}

/// The gaps of every `complete` declaration, and the conclusions not analysed.
pub struct Gaps {
    /// The gaps found.
    pub found: Vec<Gap>,
    /// The conclusions whose search stopped before it finished: nothing is known of their gaps.
    pub skipped: Vec<Skipped>,
}

/// Every gap of every `complete` declaration.
pub fn gaps(prog: &Program) -> Gaps {
    within(prog, None)
}

/// The gaps in the cases layer `layer` decides (and no layer that extends it).
pub fn of_layer(prog: &Program, layer: u16) -> Gaps {
    within(prog, Some(&scope(prog, layer)))
}

fn within(prog: &Program, scope: Option<&Expr>) -> Gaps {
    let mut out = Gaps { found: vec![], skipped: vec![] };
    for c in &prog.completes {
        let m = model(prog, c, scope);
        match Search::new(prog, &m, None).gaps() {
            Ok(found) => out.found.extend(render(prog, c, &m, merge(found))),
            Err(Limit) => out.skipped.push(Skipped {
                conclusion: prog.conclusions[c.conclusion as usize].name.clone(),
                atoms: m.atoms.len(),
            }),
        }
    }
    out
}

/// The cases a layer decides and no layer extending it does: its guards (which hold those of the
/// layers it extends), and not all the guards of any layer built on it.
pub fn scope(prog: &Program, layer: u16) -> Expr {
    let all = |l: &LayerDef| -> Expr { Expr::All(l.guards.iter().map(|g| g.expr.clone()).collect()) };
    let mut e = all(&prog.layers[layer as usize]);
    for child in prog.layers.iter().skip(1).filter(|l| l.extends.unwrap_or(0) == layer) {
        e = Expr::and(e, Expr::Not(Box::new(all(child))));
    }
    e
}

/// How much of a gap of the base set alone the rules in force in a layer's cases decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// Every case of the gap.
    Whole,
    /// Some of its cases, not all.
    Part,
    /// None of them.
    Nothing,
    /// The layer decides none of these cases, or they cannot be matched with its values.
    Apart,
}

/// How much of `gap` (a gap of the base set alone) the rules decide in the cases of `layer`.
/// `None`: the search stopped before it could tell.
pub fn share(prog: &Program, layer: u16, gap: &Gap) -> Option<Share> {
    let c = prog.completes.iter().find(|c| prog.conclusions[c.conclusion as usize].name == gap.conclusion)?;
    let m = model(prog, c, Some(&scope(prog, layer)));
    let mut pattern: Pattern = vec![None; m.atoms.len()];
    for v in &gap.pattern {
        let Some(k) = m.atoms.iter().position(|a| a.key.trim_start_matches('#') == v.name) else {
            return Some(Share::Apart);
        };
        let idx: Vec<usize> =
            (0..m.atoms[k].domain.len()).filter(|i| v.admits(prog, m.atoms[k].domain[*i])).collect();
        if idx.is_empty() {
            return Some(Share::Apart);
        }
        pattern[k] = Some(idx);
    }
    match Search::new(prog, &m, Some(&pattern)).both() {
        Ok((false, true)) => Some(Share::Whole),
        Ok((true, true)) => Some(Share::Part),
        Ok((true, false)) => Some(Share::Nothing),
        Ok((false, false)) => Some(Share::Apart),
        Err(Limit) => None,
    }
}

/// The gaps with layers loaded: those of the base set alone, and those in each layer's cases.
pub struct ByLayer {
    /// The gaps of the base set alone.
    pub base: Gaps,
    /// Each layer's, in load order.
    pub layers: Vec<LayerGaps>,
}

/// The gaps in the cases one layer decides.
pub struct LayerGaps {
    /// The layer.
    pub layer: u16,
    /// Its gaps.
    pub gaps: Gaps,
    /// For each gap of the base set alone, how much of it the layer decides (`None`: the search
    /// stopped before it could tell).
    pub shares: Vec<Option<Share>>,
}

/// The gaps of `base` (the base set alone) and those in the cases each layer of `prog` decides.
pub fn by_layer(prog: &Program, base: &Program) -> ByLayer {
    let base = gaps(base);
    let layers = (1..prog.layers.len() as u16)
        .map(|layer| LayerGaps {
            layer,
            gaps: of_layer(prog, layer),
            shares: base.found.iter().map(|g| share(prog, layer, g)).collect(),
        })
        .collect();
    ByLayer { base, layers }
}

/// The measures' own dates: nothing must be decided of conduct before they are in force.
fn in_force(prog: &Program) -> Option<Expr> {
    let (slot, from) = (prog.header.dated_by?, prog.header.effective?);
    Some(Expr::Cmp(Ord::Ge, Box::new(Expr::Global(slot)), Box::new(Expr::Const(Value::Date(from)))))
}

/// The conclusion's rules over the values they read (definitions inlined, other conclusions as
/// unknowns of their own), within `scope` and the measures' dates.
fn model(prog: &Program, c: &Complete, scope: Option<&Expr>) -> Model {
    let def = &prog.conclusions[c.conclusion as usize];
    let list = match def.scope {
        Scope::Member(l) => Some(l),
        Scope::Global => None,
    };
    let mut when = inline(prog, &c.when, 0);
    for extra in in_force(prog).iter().chain(scope) {
        when = Expr::and(when, inline(prog, extra, 0));
    }
    let rules: Vec<(Expr, Option<Expr>)> = def
        .rules
        .iter()
        .map(|r| {
            let rule = &prog.rules[*r as usize];
            (inline(prog, &rule.cond, 0), rule.value.as_ref().map(|v| inline(prog, v, 0)))
        })
        .collect();
    let mut consts = vec![];
    collect_consts(&when, &mut consts);
    for (cond, value) in &rules {
        collect_consts(cond, &mut consts);
        value.iter().for_each(|v| collect_consts(v, &mut consts));
    }
    let mut atoms = vec![];
    let when = abstracted(prog, list, &when, &mut atoms, &consts);
    let rules = rules
        .iter()
        .map(|(cond, value)| {
            let cond = abstracted(prog, list, cond, &mut atoms, &consts);
            (cond, value.as_ref().map(|v| abstracted(prog, list, v, &mut atoms, &consts)))
        })
        .collect();
    for a in &mut atoms {
        if a.domain.is_empty() {
            a.domain.push(Value::Null);
        }
    }
    Model::new(atoms, when, rules, RuleSet::of(prog, def))
}

type Found = (Pattern, Vec<Value>, bool);

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
                    Some(Values::of(prog, name, (&a.expr, list_of(prog, c)), &a.domain, vals))
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

/// The list whose members a `complete` declaration is about.
fn list_of(prog: &Program, c: &Complete) -> Option<u16> {
    match prog.conclusions[c.conclusion as usize].scope {
        Scope::Member(l) => Some(l),
        Scope::Global => None,
    }
}
