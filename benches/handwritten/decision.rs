//! A decision, with the main keys of `zeren eval --format jsonl` in its order and by its names.

use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Applies,
    AppliesByReference,
    NotCovered,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Responsibility {
    PrincipalLeadership,
    ImportantLeadership,
    Leadership,
    Direct,
    None,
}

/// The rungs of Articles 12 to 15, lowest first: `Undetermined` (12 ¶1 leaves the choice to the
/// organ) is below every rung 13 to 15 fix.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Rung {
    Undetermined,
    Notification,
    Admonishment,
    Organizational,
}

impl Rung {
    pub fn name(self) -> &'static str {
        match self {
            Rung::Undetermined => "undetermined",
            Rung::Notification => "notification",
            Rung::Admonishment => "admonishment",
            Rung::Organizational => "organizational",
        }
    }
}

#[derive(Serialize)]
pub struct Decision<'c> {
    pub case: Option<&'c str>,
    pub accountable: Option<bool>,
    pub rung: Option<Rung>,
    pub authority: Authority,
    pub people: Vec<PersonDecision<'c>>,
    pub escalations: Vec<Escalation<'c>>,
    pub rectification_ordered: Option<bool>,
    pub unit_consequences: Vec<&'static str>,
    pub duty_breaches: Vec<&'static str>,
    pub circumstances: Vec<&'static str>,
    pub scope: Scope,
    pub in_force: bool,
    pub articles: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct Authority {
    pub organ: &'static str,
    pub article: Option<&'static str>,
}

#[derive(Serialize)]
pub struct PersonDecision<'c> {
    pub name: Option<&'c str>,
    pub responsibility: Option<Responsibility>,
    pub rung: Option<Rung>,
    pub measures: Option<Vec<&'static str>>,
    pub referrals: Option<Vec<&'static str>>,
}

/// A history entry not rectified in time and not yet followed up (14 or 15).
#[derive(Serialize)]
pub struct Escalation<'c> {
    pub history: usize,
    pub article: &'static str,
    pub people: Vec<Cow<'c, str>>,
}
