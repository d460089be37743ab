//! What decided a value: a rule's status on the case or a member, and the provisions a value is
//! cited to (a conclusion's rules that applied, a definition's provision, or, for a rule that says
//! `cite C`, whatever decided `C`).

use super::decision::Cites;
use crate::program::frame::{Frame, Status};
use crate::program::{Cite, Program, Scope};

/// A rule's status on a case (a rule about each member: for the given member).
pub fn rule_status(prog: &Program, f: &Frame, r: u32, member: Option<usize>) -> Status {
    let rule = &prog.rules[r as usize];
    match (rule.scope, member) {
        (Scope::Global, _) => f.status.get(rule.status as usize).copied().unwrap_or_default(),
        (Scope::Member(l), Some(i)) => f
            .lists
            .get(l as usize)
            .and_then(|m| m.get(i))
            .and_then(|m| m.status.get(rule.status as usize))
            .copied()
            .unwrap_or_default(),
        (Scope::Member(_), None) => Status::Unseen,
    }
}

/// The provisions whose rules decided a value: a conclusion's rules that applied (for one member,
/// or for the case), or a definition's provision.
pub(super) fn cites(prog: &Program, f: &Frame, cite: Cite, member: Option<usize>) -> Cites {
    let mut out = Cites::new();
    each_cite(prog, f, cite, member, &mut |p| out.push(p));
    out.sort_unstable();
    out.dedup();
    out
}

/// Each provision of [`cites`], as it is found (some more than once).
fn each_cite(prog: &Program, f: &Frame, cite: Cite, member: Option<usize>, out: &mut impl FnMut(u16)) {
    match cite {
        Cite::None => {}
        Cite::Let(l) => prog.lets[l as usize].provision.into_iter().for_each(out),
        Cite::Conclusion(c) => {
            for &r in &prog.conclusions[c as usize].rules {
                if rule_status(prog, f, r, member) == Status::Won {
                    rule_cites(prog, f, r, member, out);
                }
            }
        }
    }
}

/// What a rule that applied is cited to: its own provision, or, for a rule that says `cite C`,
/// whatever decided `C` (for the same member, when `C` is about each member).
fn rule_cites(prog: &Program, f: &Frame, r: u32, member: Option<usize>, out: &mut impl FnMut(u16)) {
    let rule = &prog.rules[r as usize];
    match (rule.cites, member) {
        // A rule about the case citing a conclusion about each member: what decided it for the
        // members whose value is the one the rule gave (the highest rung, say).
        (Some(c), None) if prog.conclusions[c as usize].scope != Scope::Global => {
            let def = &prog.conclusions[c as usize];
            let Scope::Member(l) = def.scope else { return };
            let given = rule.target.map(|t| f.globals[prog.conclusions[t as usize].slot as usize]);
            for (i, m) in f.lists[l as usize].iter().enumerate() {
                if Some(m.vals[def.slot as usize]) == given {
                    each_cite(prog, f, Cite::Conclusion(c), Some(i), out);
                }
            }
        }
        (Some(c), _) => {
            let member = if prog.conclusions[c as usize].scope == Scope::Global { None } else { member };
            each_cite(prog, f, Cite::Conclusion(c), member, out);
        }
        (None, _) => out(rule.provision),
    }
}
