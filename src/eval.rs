//! Stage 4: a case's frame → its decision. Conclusions are computed in the plan's order; each
//! rule's status (fired, overridden, lost, won) is kept for the trace and the cited articles.

pub mod cond;
mod run;

pub use run::run;
