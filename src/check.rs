//! Stage 2: syntax trees → a checked [`Program`]. Names are resolved, types checked, rules
//! attached to their provisions and conclusions; then the analyses run (cycles, conflicts,
//! rules that never apply, unused vocabulary). Every problem is collected, not just the first.

mod analysis;
mod decision;
mod effects;
pub mod error;
mod exceptions;
mod expr;
mod gates;
mod layers;
mod lets;
mod members;
mod paths;
mod points;
mod provisions;
mod reads;
mod refusals;
mod resolve;
mod rules;
mod vocabulary;

pub use error::CheckError;

use crate::program::Program;
use crate::source::Source;
use crate::syntax::ast;

/// Checks the parsed files of one policy set. Returns the program (complete only when there are
/// no errors) and every problem found, warnings included.
pub fn check(sources: Vec<Source>, files: &[ast::File]) -> (Program, Vec<CheckError>) {
    let mut c = resolve::Checker::new(sources);
    c.sets(files);
    c.declarations(files);
    c.calendar(files);
    c.layer_guards(files);
    c.provisions(files);
    c.gates();
    c.exceptions();
    c.refusals();
    c.unreferenced_lets();
    c.decision(files);
    if c.errors.is_empty() {
        analysis::order(&mut c);
        analysis::define_order(&mut c);
        reads::annotate(&mut c.prog);
        c.prog.applied = crate::program::Applied::of(&c.prog);
    }
    if c.errors.is_empty() {
        analysis::conflicts(&mut c);
        analysis::never_fires(&mut c);
    }
    // Vocabulary that a rule which did not resolve would have used is not unused: say so only of
    // a set without errors.
    if !c.errors.iter().any(is_error) {
        analysis::unused(&mut c);
    }
    (c.prog, c.errors)
}

/// Whether a problem stops the policy set from deciding cases. Unused vocabulary does not, and
/// neither does a conflict: `check` fails on it, but the rules still run, and a case on which they
/// disagree is decided as a conflict (the language says so rather than picking one).
pub fn is_error(e: &CheckError) -> bool {
    !matches!(
        e,
        CheckError::Unused { .. }
            | CheckError::NotCompared { .. }
            | CheckError::Conflict { .. }
            | CheckError::ConflictsCut { .. }
    )
}
