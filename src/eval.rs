//! Stage 4: a case's frame → its [`Decision`]. Conclusions are computed in the plan's order
//! (`run`); each rule's status (fired, overridden, lost, won) is kept, and the decision is built
//! once from the decided frame (`build`): its keys, layers, findings and trace. A case with
//! unknown facts is decided under every answer (`open`).

pub mod build;
mod cite;
pub mod cond;
pub mod decision;
pub mod open;
pub mod plain;
mod run;
mod table;
mod trace;

pub use build::{Detail, build, recycle};
pub use decision::Decision;
pub use run::run;
