//! `zeren schema`: the JSON Schema of a case for the loaded set (every key, its type, its values,
//! its default, whether it is required, its labels in both languages).

use super::outln;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(policy: &[PathBuf]) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let schema = crate::render::schema::case(&engine.program);
    outln!("{}", serde_json::to_string_pretty(&schema).unwrap_or_default());
    ExitCode::SUCCESS
}
