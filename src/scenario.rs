//! Scenario tests for policy authors (`zeren test`): a case and what its decision must contain,
//! run against the national measures and the layers a scenario names, with coverage by provision.
//!
//! A scenario file is a YAML stream of scenarios:
//!
//! ```yaml
//! name: a minor case gives notification
//! layers: [policies/regions/sample-province.policy]   # optional
//! case: examples/cases/minor-minor-notification.yaml   # or the case itself, inline
//! expect:
//!   accountable: true
//!   rung: notification
//!   people: {张三: {measures: [notification]}}
//!   why: ["13"]                                        # provisions among those that decided
//! ```

pub(crate) mod compare;
pub mod coverage;
pub mod error;
pub(crate) mod parse;
mod run;

pub use error::ScenarioError;
pub use run::{Outcome, Report, run, run_matching, run_text};
