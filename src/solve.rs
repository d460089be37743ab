//! Reasoning over all cases, below the checker: every value a condition reads has a small domain
//! (`domain`), so whether some case makes a condition true can be decided by trying them; the
//! pairs of rules that can both apply and disagree (`pairs`); a resolved condition written back
//! as text (`text`). The checker reports conflicts and rules that never apply with these; the
//! analyses (`analyze`) find gaps and write witness cases with them.

pub mod classes;
pub mod domain;
pub mod pairs;
pub mod partial;
pub mod text;
