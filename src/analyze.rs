//! Analyses of a compiled policy set over all cases, not only the ones written down: gaps where a
//! conclusion that should be decided is not, conflicts with witness cases, what-ifs on a case,
//! cases with unknown facts, and the differences between two policy sets over a folder of cases.

pub mod conflicts;
pub mod diff;
pub mod domain;
pub mod gaps;
pub mod text;
pub mod unknown;
pub mod whatif;
pub mod witness;
