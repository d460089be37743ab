//! Analyses of a compiled policy set over all cases, not only the ones written down: gaps where a
//! conclusion that should be decided is not, witness cases for conflicts, what-ifs on a case, and
//! the differences between two policy sets over a folder of cases. Each returns data; `render`
//! writes it for people.

pub mod diff;
pub mod gaps;
pub mod search;
pub mod values;
pub mod whatif;
pub mod witness;
