//! Case files: YAML (or JSON) text → frames, checked against the vocabulary of the loaded
//! policies, not against Rust structs. Every problem points at the key or value in the file.

mod doc;
pub mod error;
mod json;
mod load;
pub mod path;
mod spare;
mod split;
pub(crate) mod yaml;

pub use error::CaseError;
pub use load::{File, load, load_kept, load_known, load_with};
pub(crate) use load::{load_doc, span_of};
pub use spare::recycle;
pub use split::{load_parallel, load_parallel_kept};

/// One case given as one JSON text (a line of JSON Lines), read the fast way: `None` when it is
/// not read exactly as the YAML reader reads it, or has any problem; then read it with
/// [`load_with`], which places the problems. The text is neither copied nor named: this path
/// reports nothing. A frame given back with [`recycle`] once decided is filled again here.
pub fn load_json(
    prog: &crate::program::Program,
    text: &str,
    selector: Option<crate::program::ir::Value>,
) -> Option<crate::program::frame::Frame> {
    json::read(text, |doc| load::load_tree(prog, selector, doc)).flatten()
}

/// The documents of a YAML (or JSON) text as plain JSON values, unchecked.
pub fn documents(text: &str) -> Option<Vec<serde_json::Value>> {
    yaml::parse_stream(text).ok().map(|docs| docs.iter().map(yaml::to_json).collect())
}
