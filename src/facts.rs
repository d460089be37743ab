//! Case files: YAML (or JSON) text → frames, checked against the vocabulary of the loaded
//! policies, not against Rust structs. Every problem points at the key or value in the file.

pub mod error;
mod load;
pub(crate) mod yaml;

pub use error::CaseError;
pub use load::{load, load_known, load_with};
pub(crate) use load::{load_doc, span_of};

/// The documents of a YAML (or JSON) text as plain JSON values, unchecked.
pub fn documents(text: &str) -> Option<Vec<serde_json::Value>> {
    yaml::parse_stream(text).ok().map(|docs| docs.iter().map(yaml::to_json).collect())
}
