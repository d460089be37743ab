//! The region that picks a layer (`--region`, or `Options::region`): a value of the fact the base
//! set names `selected_by`, looked up once, before any case is read.

use super::Program;
use super::ir::Value;
use miette::Diagnostic;
use thiserror::Error;

/// Why a region names no layer that is loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum RegionError {
    /// The policies have no fact that selects a layer.
    #[error("these policies name no fact that selects a layer (`selected_by`)")]
    #[diagnostic(code(zeren::region::no_selector))]
    NoSelector,
    /// No layer is loaded at all.
    #[error("no layer for region `{region}` is loaded; load its implementing rules with `--policy FILE`")]
    #[diagnostic(code(zeren::region::not_loaded))]
    NotLoaded {
        /// The region asked for.
        region: String,
    },
    /// Layers are loaded, for other regions.
    #[error("no layer for region `{region}` is loaded; the regions loaded are: {loaded}")]
    #[diagnostic(code(zeren::region::unknown))]
    Unknown {
        /// The region asked for.
        region: String,
        /// The regions of the layers loaded.
        loaded: String,
    },
}

impl Program {
    /// The value a region gives the fact that selects layers: one of the regions of the layers
    /// loaded.
    pub fn region(&self, r: &str) -> Result<Value, RegionError> {
        let Some((_, e)) = self.header.selected_by else { return Err(RegionError::NoSelector) };
        let def = &self.enums[e as usize];
        match def.values.iter().find(|s| self.syms[**s as usize] == r) {
            Some(s) => Ok(Value::Sym(*s)),
            None if def.values.is_empty() => Err(RegionError::NotLoaded { region: r.to_string() }),
            None => {
                let known: Vec<&str> = def.values.iter().map(|s| self.syms[*s as usize].as_str()).collect();
                Err(RegionError::Unknown { region: r.to_string(), loaded: known.join(", ") })
            }
        }
    }
}
