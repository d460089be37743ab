//! Stage 4: a case's frame → its decision. Conclusions are computed in the compiled order; each
//! rule's status (fired, overridden, lost, won) is kept for the trace and the cited articles.

mod acc;
pub mod expr;
mod one_pass;
mod run;

pub use run::{Frame, Member, Unknown, run};

/// What became of a rule on one case (or one member of a list).
pub mod status {
    /// The rule was not evaluated (only a global rule, before it is reached; a member's rule that
    /// the case alone rules out is `NOT_FIRED` without being tested).
    pub const UNSEEN: u8 = 0;
    /// Its condition was false.
    pub const NOT_FIRED: u8 = 1;
    /// It fired, but an exception overrode it.
    pub const OVERRIDDEN: u8 = 2;
    /// It fired, but a higher value won (`max`/`min` conclusions).
    pub const LOST: u8 = 3;
    /// It fired and its conclusion stands.
    pub const WON: u8 = 4;
    /// It fired and disagreed with another rule with no precedence between them.
    pub const CONFLICT: u8 = 5;
    /// A definition that did not decide its fact: the case gives the fact itself.
    pub const GIVEN: u8 = 6;

    /// Whether a rule with this status fired.
    pub fn fired(s: u8) -> bool {
        matches!(s, OVERRIDDEN | LOST | WON | CONFLICT)
    }
}
