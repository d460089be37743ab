//! The search behind `analyze gaps`: it splits the cases one atom at a time (the atom that helps
//! most to answer the rules still open) and stops a branch as soon as its answer no longer
//! depends on the atoms left: outside the `when`, decided, or a gap. A gap is then widened to
//! the atoms that matter. Layers' guards, definitions that make whole rules false, and values
//! that settle the combining end branches early, so a conclusion that reads twenty facts is
//! answered without trying their millions of combinations.

use crate::program::combine::{RuleSet, Tests};
use crate::program::ir::{Expr, Value};
use crate::program::*;
use crate::solve::domain::Atom;
use crate::solve::partial::Partial;

use crate::program::bits::Wide;

/// A conclusion's rules over atoms, with the cases that must be decided.
pub struct Model {
    /// What the rules read.
    pub atoms: Vec<Atom>,
    /// When the conclusion must be decided.
    pub when: Expr,
    /// Per rule of the conclusion: its condition and value over the atoms.
    pub rules: Vec<(Expr, Option<Expr>)>,
    /// How they combine.
    pub set: RuleSet<Wide>,
    /// For each atom, its values in classes the rules cannot tell apart (`solve::classes`).
    pub classes: Vec<Vec<Vec<usize>>>,
}

impl Model {
    /// The model, with the classes of each atom's values.
    pub fn new(atoms: Vec<Atom>, when: Expr, rules: Vec<(Expr, Option<Expr>)>, set: RuleSet<Wide>) -> Self {
        let domains: Vec<&[Value]> = atoms.iter().map(|a| a.domain.as_slice()).collect();
        let conditions: Vec<&Expr> = std::iter::once(&when).chain(rules.iter().map(|r| &r.0)).collect();
        let values: Vec<&Expr> = rules.iter().filter_map(|r| r.1.as_ref()).collect();
        let classes = crate::solve::classes::classes(&domains, &conditions, &values);
        Model { atoms, when, rules, set, classes }
    }

    /// The class of value `i` of atom `k`.
    fn class(&self, k: usize, i: usize) -> &[usize] {
        self.classes[k].iter().find(|c| c.contains(&i)).map_or(&[], |c| c.as_slice())
    }
}

/// At most this many steps for one search; past them the conclusion is reported as not analysed.
pub const MAX_STEPS: usize = 2_000_000;

/// Rules whose conditions are still open are combined every way they could be when there are at
/// most this many of them; with more, the search splits further first.
const OPEN_MAX: usize = 6;

/// The search stopped after `MAX_STEPS`.
#[derive(Debug)]
pub struct Limit;

/// A set of cases: for each atom, the indices of the values it takes (`None`: any value).
pub type Pattern = Vec<Option<Vec<usize>>>;

/// How a branch ends.
#[derive(Clone, Copy, PartialEq)]
enum Leaf {
    /// Every case of it leaves the conclusion undecided (`true`: because rules conflict).
    Gap(bool),
    /// Every case of it is decided.
    Decided,
}

/// What a search looks for.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    /// Every gap, widened.
    Gaps,
    /// Whether there is a gap and whether there is a decided case.
    Both,
}

/// One search over a model, within some values of each atom.
pub struct Search<'a> {
    prog: &'a Program,
    m: &'a Model,
    values: Vec<Value>,
    known: Vec<bool>,
    idx: Vec<usize>,
    allowed: Vec<Vec<usize>>,
    /// Atoms held to some of their values by the search's `within`.
    restricted: Vec<bool>,
    want: Want,
    /// Steps taken so far.
    pub steps: usize,
    /// The gaps found: the cases, one example, and whether the rules conflict there.
    pub found: Vec<(Pattern, Vec<Value>, bool)>,
    seen_gap: bool,
    seen_decided: bool,
}

impl<'a> Search<'a> {
    /// A search over the cases of `within` (every case where it is `None`).
    pub fn new(prog: &'a Program, m: &'a Model, within: Option<&Pattern>) -> Self {
        // One value of each class, among those `within` allows.
        let allowed = (0..m.atoms.len())
            .map(|k| {
                let ok = |i: &usize| within.and_then(|p| p[k].as_ref()).is_none_or(|v| v.contains(i));
                m.classes[k].iter().filter_map(|c| c.iter().copied().find(ok)).collect()
            })
            .collect();
        let restricted = (0..m.atoms.len()).map(|k| within.is_some_and(|p| p[k].is_some())).collect();
        Search {
            prog,
            m,
            values: m.atoms.iter().map(|a| a.domain.first().copied().unwrap_or(Value::Null)).collect(),
            known: vec![false; m.atoms.len()],
            idx: vec![0; m.atoms.len()],
            allowed,
            restricted,
            want: Want::Gaps,
            steps: 0,
            found: vec![],
            seen_gap: false,
            seen_decided: false,
        }
    }

    /// Every gap, each widened to the atoms that matter.
    pub fn gaps(mut self) -> Result<Vec<(Pattern, Vec<Value>, bool)>, Limit> {
        self.want = Want::Gaps;
        self.node()?;
        Ok(self.found)
    }

    /// Whether some case is a gap, and whether some case (within the `when`) is decided.
    pub fn both(mut self) -> Result<(bool, bool), Limit> {
        self.want = Want::Both;
        self.node()?;
        Ok((self.seen_gap, self.seen_decided))
    }

    fn done(&self) -> bool {
        self.want == Want::Both && self.seen_gap && self.seen_decided
    }

    fn node(&mut self) -> Result<(), Limit> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(Limit);
        }
        if self.want == Want::Gaps && self.covered() {
            return Ok(());
        }
        let p = Partial { values: &self.values, known: &self.known };
        let split = match p.holds(&self.m.when) {
            Some(false) => return Ok(()),
            None => p.pick(&self.m.when),
            Some(true) => match self.outcome(&p) {
                Ok(leaf) => return self.leaf(leaf),
                Err(atom) => Some(atom),
            },
        };
        // An open condition always reads an atom not chosen; were it not so, stop here.
        let Some(n) = split.map(|n| n as usize).filter(|n| !self.known[*n]) else { return Ok(()) };
        self.known[n] = true;
        for i in self.allowed[n].clone() {
            self.values[n] = self.m.atoms[n].domain[i];
            self.idx[n] = i;
            self.node()?;
            if self.done() {
                break;
            }
        }
        self.known[n] = false;
        Ok(())
    }

    /// Whether a gap found already holds every case of this branch.
    fn covered(&self) -> bool {
        self.found.iter().any(|(p, _, _)| {
            p.iter()
                .enumerate()
                .all(|(k, v)| v.as_ref().is_none_or(|v| self.known[k] && v.contains(&self.idx[k])))
        })
    }

    /// How the branch ends, if its answer no longer depends on the atoms left; otherwise the atom
    /// to split on next.
    fn outcome(&self, p: &Partial) -> Result<Leaf, u32> {
        let n = self.m.rules.len();
        let (mut holds, mut values, mut open) = (vec![false; n], vec![Value::Null; n], vec![]);
        for (i, (cond, value)) in self.m.rules.iter().enumerate() {
            let h = p.holds(cond);
            if h == Some(false) {
                continue;
            }
            if let Some(v) = value {
                values[i] = match p.value(v) {
                    Some(x) => x,
                    None => return Err(p.pick(v).unwrap_or(0)),
                };
            }
            match h {
                Some(true) => holds[i] = true,
                _ => open.push(i),
            }
        }
        if open.len() > OPEN_MAX {
            return Err(self.best(p, &open));
        }
        let mut first = None;
        for combo in 0u32..1 << open.len() {
            for (bit, i) in open.iter().enumerate() {
                holds[*i] = combo & (1 << bit) != 0;
            }
            let leaf = judge(self.prog, self.m, &Fixed { holds: &holds, values: &values });
            match first {
                None => first = Some(leaf),
                Some(f) if f != leaf => return Err(self.best(p, &open)),
                _ => {}
            }
        }
        Ok(first.unwrap_or(Leaf::Decided))
    }

    /// The atom most of the open rules wait for.
    fn best(&self, p: &Partial, open: &[usize]) -> u32 {
        let mut votes: Vec<(u32, usize)> = vec![];
        for i in open {
            if let Some(a) = p.pick(&self.m.rules[*i].0) {
                match votes.iter_mut().find(|(x, _)| *x == a) {
                    Some(v) => v.1 += 1,
                    None => votes.push((a, 1)),
                }
            }
        }
        votes.iter().max_by_key(|(_, n)| *n).map_or(0, |(a, _)| *a)
    }

    fn leaf(&mut self, leaf: Leaf) -> Result<(), Limit> {
        match leaf {
            Leaf::Decided => self.seen_decided = true,
            Leaf::Gap(conflict) => {
                self.seen_gap = true;
                if self.want == Want::Gaps {
                    let pattern = self.widened();
                    if !self.found.iter().any(|(p, _, _)| *p == pattern) {
                        self.found.push((pattern, self.values.clone(), conflict));
                    }
                }
            }
        }
        Ok(())
    }

    /// The branch's cases, with every atom set free whose value does not matter: each case of
    /// the wider set is still a gap or outside the `when`.
    fn widened(&self) -> Pattern {
        let mut pattern: Pattern = (0..self.known.len())
            .map(|k| self.known[k].then(|| self.m.class(k, self.idx[k]).to_vec()))
            .collect();
        for k in 0..pattern.len() {
            if pattern[k].is_none() || self.restricted[k] {
                continue;
            }
            let kept = pattern[k].take();
            let probe = Search::new(self.prog, self.m, Some(&pattern)).both();
            if !matches!(probe, Ok((_, false))) {
                pattern[k] = kept;
            }
        }
        pattern
    }
}

/// The rules' conditions and values, fixed.
struct Fixed<'a> {
    holds: &'a [bool],
    values: &'a [Value],
}

impl Tests for Fixed<'_> {
    fn holds(&self, i: u32) -> bool {
        self.holds[i as usize]
    }

    fn value(&self, i: u32) -> Value {
        self.values[i as usize]
    }
}

/// Whether the rules, combined as the evaluator combines them, leave the conclusion undecided:
/// no value, a pinned one, or a conflict.
fn judge(prog: &Program, m: &Model, tests: &Fixed) -> Leaf {
    let r = m.set.resolve(&prog.enums, &m.set.all, tests);
    if m.set.combine == Combine::Union {
        return Leaf::Decided;
    }
    let pinned = match (r.value, m.set.scale) {
        (Value::Sym(s), Some(e)) => {
            let en = &prog.enums[e as usize];
            en.bit.get(s as usize).is_some_and(|b| en.pinned.get(*b as usize).copied().unwrap_or(false))
        }
        (Value::Null, _) => true,
        _ => false,
    };
    if !r.decided {
        Leaf::Gap(false)
    } else if r.conflict {
        Leaf::Gap(true)
    } else if pinned {
        Leaf::Gap(false)
    } else {
        Leaf::Decided
    }
}
