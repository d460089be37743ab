//! Stage 1: policy text → syntax tree. The pest grammar lives in `grammar/policy.pest`; nothing
//! from pest leaves this module, which hands out an [`ast::File`] with a span on every node.

pub mod ast;
pub mod depth;
pub mod error;
mod parse;

pub use error::SyntaxError;
pub use parse::parse_file;
