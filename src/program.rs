//! The resolved form of a policy set, shared by every stage after `check`: symbol tables, the
//! frame layout of a case, the rules by conclusion and the order they are computed in. Names are
//! resolved to slots and symbols here; nothing below evaluation looks a string up.

pub mod bits;
pub mod combine;
mod defs;
pub mod frame;
pub mod ir;
pub mod meaning;
mod region;

pub use region::RegionError;

pub use defs::*;
