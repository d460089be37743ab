//! zeren: law written as data. Policy files (`policies/`) are parsed (`syntax`), checked
//! (`check`), compiled to a resolved form (`compile`) and run against case files (`facts`) by
//! the evaluator (`eval`), whose decisions are rendered for people and machines (`render`).
//! See ARCHITECTURE.md for the stage table.

pub mod analyze;
pub mod check;
pub mod compile;
pub mod date;
pub mod eval;
pub mod facts;
pub mod fmt;
pub mod lang;
pub mod program;
pub mod render;
pub mod scenario;
pub mod solve;
pub mod source;
pub mod suggest;
pub mod syntax;

pub mod engine;
pub use engine::{CaseErrors, DecideError, Engine, LoadErrors, Options};
pub use eval::Decision;
pub use render::Lang;
pub use source::{Source, Span};
pub mod cli;
