//! Analyses of a compiled policy set over all cases, not only the ones written down: gaps where a
//! conclusion that should be decided is not, conflicts with witness cases, what-ifs on a case,
//! cases with unknown facts, and the differences between two policy sets over a folder of cases.

pub mod diff;
pub mod gaps;
pub mod unknown;
pub mod whatif;
pub mod witness;

/// A value as a case file writes it (plain enum names, dates as text), for witnesses, answers and
/// what-ifs.
pub fn case_value(prog: &crate::program::Program, v: crate::program::ir::Value) -> serde_json::Value {
    use crate::program::ir::Value;
    use serde_json::Value as J;
    match v {
        Value::Bool(b) => J::Bool(b),
        Value::Int(i) => J::from(i),
        Value::Date(d) => J::String(crate::date::format(d)),
        Value::Sym(s) => J::String(prog.syms[s as usize].clone()),
        _ => J::Null,
    }
}
