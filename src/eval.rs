//! Stage 4: a case's frame → its decision. Conclusions are computed in the compiled order; each
//! rule's status (fired, overridden, lost, won) is kept for the trace and the cited articles.

mod acc;
pub mod expr;
mod one_pass;
mod run;

pub use run::run;
