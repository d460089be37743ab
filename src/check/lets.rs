//! Definitions resolved leaves first: before a definition is checked, the pending definitions it
//! reads (and those they read, …) are checked deepest first, so that a long chain of definitions
//! never nests the checker's recursion; a cycle among them is reported with each step named.

use super::error::CheckError;
use super::resolve::{Checker, LetState, Name};
use crate::source::Span;
use crate::syntax::ast::{Expr, ExprKind as K};
use std::collections::{HashMap, HashSet};

/// A definition on the walk, where it is read from, what it reads and how many of those are seen.
type Frame = (u32, Span, Vec<(u32, Span)>, usize);

impl Checker {
    /// Checks, deepest first, the pending definitions `value` (the expression of `l`) reads.
    pub fn resolve_reads_first(&mut self, l: u32, value: &Expr) {
        let mut order: Vec<(u32, Span)> = vec![];
        let mut seen: HashSet<u32> = HashSet::from([l]);
        let mut frames: Vec<Frame> = vec![(l, Span::default(), self.pending_reads(value), 0)];
        // Where each definition on the walk stands in `frames`.
        let mut on_path: HashMap<u32, usize> = HashMap::from([(l, 0)]);
        while let Some((_, _, reads, i)) = frames.last_mut() {
            let Some(&(d, at)) = reads.get(*i) else {
                let (m, at, ..) = frames.pop().unwrap_or((l, Span::default(), vec![], 0));
                on_path.remove(&m);
                if m != l {
                    order.push((m, at));
                }
                continue;
            };
            *i += 1;
            if let Some(&on) = on_path.get(&d) {
                self.let_cycle(frames[on..].iter().map(|f| f.0).collect(), at);
                return;
            }
            if seen.insert(d)
                && let LetState::Pending(e, _) = &self.lets[d as usize]
            {
                let reads = self.pending_reads(e);
                on_path.insert(d, frames.len());
                frames.push((d, at, reads, 0));
            }
        }
        for (d, at) in order {
            self.resolve_let(d, at);
        }
    }

    /// Reports definitions that read one another in a cycle, and sets them aside as checked.
    fn let_cycle(&mut self, cycle: Vec<u32>, at: Span) {
        let name = |x: &u32| self.prog.lets[*x as usize].name.clone();
        let mut chain: Vec<String> = cycle.iter().chain(&cycle[..1]).map(name).collect();
        if chain.len() > 12 {
            // A long cycle is named by its ends.
            let more = format!("… {} more …", chain.len() - 8);
            chain.splice(5..chain.len() - 3, [more]);
        }
        self.errors.push(CheckError::Cycle {
            name: name(&cycle[0]),
            chain: chain.join(" → "),
            src: self.src(at),
            span: at.into(),
        });
        for x in cycle {
            self.lets[x as usize] = LetState::Done;
        }
    }

    /// The pending definitions an expression names, each with where.
    fn pending_reads(&self, e: &Expr) -> Vec<(u32, Span)> {
        let mut out = vec![];
        self.reads_into(e, &mut out);
        out
    }

    // Bounded: the parser refuses expressions deeper than `MAX_EXPR_DEPTH`.
    fn reads_into(&self, e: &Expr, out: &mut Vec<(u32, Span)>) {
        match &e.kind {
            K::Path(p) if p.parts.len() == 1 => {
                if let Some((Name::Let(d), _)) = self.names.get(&p.parts[0].name)
                    && matches!(self.lets[*d as usize], LetState::Pending(..) | LetState::InProgress)
                {
                    out.push((*d, p.parts[0].span));
                }
            }
            K::Not(x) | K::InSet(x, _) | K::Quant(_, _, _, x) => self.reads_into(x, out),
            K::Binary(_, a, b) | K::If(a, b) | K::InMembers(a, b) => {
                self.reads_into(a, out);
                self.reads_into(b, out);
            }
            K::Call(_, xs) => xs.iter().for_each(|x| self.reads_into(x, out)),
            _ => {}
        }
    }
}
