//! A case file as plain Rust structs: the keys of `docs/case-format.md` by their English names.
//! Keys the national decision does not read (`decision_date`, `unit.name`, `history[].date`) are
//! skipped.

use serde::Deserialize;
use serde::de::{self, Visitor};
use std::borrow::Cow;

#[derive(Deserialize)]
pub struct Case<'a> {
    #[serde(default, borrow)]
    pub case: Option<Text<'a>>,
    pub conduct_date: Date,
    pub unit: Unit,
    pub responsibility: Kind,
    pub harm: Harm,
    pub impact: Impact,
    #[serde(default)]
    pub conduct: Conduct,
    #[serde(default, borrow)]
    pub history: Vec<Step<'a>>,
    #[serde(borrow)]
    pub people: Vec<Person<'a>>,
    #[serde(default)]
    pub duties: Option<Duties>,
}

#[derive(Deserialize)]
pub struct Unit {
    pub kind: UnitKind,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    PartyOrgan,
    CongressOrgan,
    AdministrativeOrgan,
    CppccOrgan,
    Court,
    Procuratorate,
    DispatchedAgency,
    AffiliatedInstitution,
    PeopleOrganization,
    StateOwnedEnterprise,
    Military,
    Other,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Collective,
    Individual,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Harm {
    Minor,
    Serious,
    ParticularlySerious,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    Minor,
    Major,
    ParticularlyMajor,
}

/// The elements of the circumstances of Article 11 ¶1; each false when left out.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Conduct {
    pub decision_error: bool,
    pub dereliction: bool,
    pub harmed_people_interests: bool,
    pub caused_petition_problem: bool,
    pub serious_consequences: bool,
    pub failed_to_process: bool,
    pub ignored_handling_opinion: bool,
    pub seriously_harmed_petitioner_rights: bool,
    pub perfunctory_or_buck_passing: bool,
    pub rude_to_petitioners: bool,
    pub harmed_party_people_relations: bool,
    pub mishandled_collective_visit: bool,
    pub mishandled_negative_opinion: bool,
    pub situation_escalated: bool,
    pub adverse_impact: bool,
    pub neglected_petition_dept_suggestions: bool,
    pub problem_long_unresolved: bool,
    pub other_dereliction: bool,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EarlierMeasure {
    Notification,
    Admonishment,
}

/// An earlier measure in the same matter (Articles 14 and 15).
#[derive(Deserialize)]
pub struct Step<'a> {
    pub measure: EarlierMeasure,
    pub rectified_in_time: bool,
    /// Who received it, by name; `None`: every person of the case.
    #[serde(default, borrow)]
    pub people: Option<Vec<Text<'a>>>,
    #[serde(default)]
    pub escalated: bool,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    PrincipalLeader,
    LeaderInCharge,
    OtherMember,
    StaffInCharge,
}

#[derive(Deserialize)]
pub struct Person<'a> {
    #[serde(default, borrow)]
    pub name: Option<Text<'a>>,
    pub role: Role,
    #[serde(default)]
    pub responsibility_type: Option<Kind>,
    #[serde(default)]
    pub took_part: bool,
    #[serde(default)]
    pub opposed: bool,
    #[serde(default)]
    pub sanction_warranted: bool,
    #[serde(default)]
    pub crime_suspected: bool,
}

/// The unit's record of one year (Chapters 2 and 3).
#[derive(Deserialize)]
pub struct Duties {
    pub year: i64,
    pub on_agenda: bool,
    pub heard_reports: bool,
    pub leaders_read_letters: bool,
    pub leaders_received_visitors: bool,
    pub special_supervisions: i64,
    pub supervision_results_circulated: bool,
    pub assessment_mechanism: bool,
}

/// A text value, borrowed from the input line unless it had escapes.
pub struct Text<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// A day written `YYYY-MM-DD`, kept as the number YYYYMMDD so that days compare as numbers.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub u32);

impl Date {
    fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        Some(Date(digits(0..4)? * 10_000 + digits(5..7)? * 100 + digits(8..10)?))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse(s).ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
            }
        }
        d.deserialize_str(V)
    }
}
