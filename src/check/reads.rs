//! What each value a rule or a definition reads is, for the trace and the explanation: where it
//! comes from (a fact of the case, possibly defined by a layer; a member's field; a definition;
//! something computed) and, for a set of provisions, the conclusion whose provisions it holds.

use crate::program::ir::Expr;
use crate::program::*;

/// Fills in `cite` and `source` of every read of every rule and definition.
pub fn annotate(prog: &mut Program) {
    let scope = |s: Scope| match s {
        Scope::Member(l) => Some(l),
        Scope::Global => None,
    };
    let rules: Vec<Vec<(Cite, ReadSource)>> = prog
        .rules
        .iter()
        .map(|r| r.reads.iter().map(|x| describe(prog, x, scope(r.scope))).collect())
        .collect();
    let lets: Vec<Vec<(Cite, ReadSource)>> =
        prog.lets.iter().map(|l| l.reads.iter().map(|x| describe(prog, x, None)).collect()).collect();
    let reads = prog.rules.iter_mut().map(|r| &mut r.reads).chain(prog.lets.iter_mut().map(|l| &mut l.reads));
    for (mine, found) in reads.zip(rules.into_iter().chain(lets)) {
        for (read, (cite, source)) in mine.iter_mut().zip(found) {
            (read.cite, read.source) = (cite, source);
        }
    }
}

fn describe(prog: &Program, read: &Read, list: Option<u16>) -> (Cite, ReadSource) {
    let cite = if read.ty == Ty::SetOfProvision { cite_of(prog, &read.expr) } else { Cite::None };
    let source = match read.expr {
        Expr::Global(slot) => {
            let fact =
                prog.facts.iter().any(|x| x.def.slot == slot || x.fields.iter().any(|y| y.slot == slot));
            if fact {
                let defined = prog.defines.iter().position(|g| g.slot == slot).map(|g| g as u32);
                ReadSource::Fact { slot, defined }
            } else if let Some(l) = prog.lets.iter().position(|l| l.slot == slot) {
                ReadSource::Let(l as u32)
            } else {
                ReadSource::Derived
            }
        }
        Expr::Var(0, slot) => {
            let field = list.is_some_and(|l| {
                prog.records[prog.lists[l as usize].record as usize].fields.iter().any(|x| x.slot == slot)
            });
            if field { ReadSource::Field { slot } } else { ReadSource::Derived }
        }
        _ => ReadSource::Derived,
    };
    (cite, source)
}

/// The conclusion whose slot an expression reads (global, or of the member at level 0).
fn cite_of(prog: &Program, e: &Expr) -> Cite {
    let found = match e {
        Expr::Global(s) => prog.conclusions.iter().position(|c| c.scope == Scope::Global && c.slot == *s),
        Expr::Var(0, s) => prog.conclusions.iter().position(|c| c.scope != Scope::Global && c.slot == *s),
        _ => None,
    };
    found.map_or(Cite::None, |c| Cite::Conclusion(c as u32))
}
