//! The generator of the differential test: random valid case files drawn from the whole schema
//! of `shared/spec/cases.md` (JSON values), about half of them for the sample CMC layer, and the
//! dates they are drawn from.

use proptest::prelude::*;
use serde_json::{Value, json};

const UNIT_KINDS: &[&str] = &[
    "party_organ",
    "congress_organ",
    "administrative_organ",
    "cppcc_organ",
    "court",
    "procuratorate",
    "dispatched_agency",
    "affiliated_institution",
    "people_organization",
    "state_owned_enterprise",
    "military",
    "other",
];
/// The sample Central Military Commission layer (17.2). Its content is not read here; its date,
/// `effective 2017-01-01`, is the one its header gives in `docs/writing-implementing-rules.md`
/// (section "By other facts") and that `examples/regions/sample-cmc/` names.
pub const CMC_LAYER: &str = "policies/regions/sample-cmc.policy";
pub const CMC_FROM: &str = "2017-01-01";
const UNIT_NAMES: &[&str] = &["某县人民政府", "某市信访局", "Some County Court"];
const RESPONSIBILITIES: &[&str] = &["collective", "individual"];
const HARMS: &[&str] = &["minor", "serious", "particularly_serious"];
const IMPACTS: &[&str] = &["minor", "major", "particularly_major"];
const MEASURES: &[&str] = &["notification", "admonishment"];
const ROLES: &[&str] = &["principal_leader", "leader_in_charge", "other_member", "staff_in_charge"];
const NAMES: &[&str] = &["张三", "李四", "王五", "赵六", "Li Na"];
const CONDUCT: &[&str] = &[
    "decision_error",
    "dereliction",
    "harmed_people_interests",
    "caused_petition_problem",
    "serious_consequences",
    "failed_to_process",
    "ignored_handling_opinion",
    "seriously_harmed_petitioner_rights",
    "perfunctory_or_buck_passing",
    "rude_to_petitioners",
    "harmed_party_people_relations",
    "mishandled_collective_visit",
    "mishandled_negative_opinion",
    "situation_escalated",
    "adverse_impact",
    "neglected_petition_dept_suggestions",
    "problem_long_unresolved",
    "other_dereliction",
];

/// Days from 2015-01-01 to 2016-10-08, the day the measures take effect.
const IN_FORCE_DAY: u32 = 365 + 281;
/// Days from 2015-01-01 to 2017-01-01, the day the sample CMC layer takes effect.
const CMC_DAY: u32 = 365 + 366;
/// Days from 2015-01-01 to 2021-01-01: conduct dates are drawn from 2015 to 2020.
const DAYS: u32 = 6 * 365 + 2;

/// The ISO date `days` days after 2015-01-01.
fn date(mut days: u32) -> String {
    for year in 2015.. {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let february = if leap { 29 } else { 28 };
        let months = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (month, length) in (1..).zip(months) {
            if days < length {
                return format!("{year}-{month:02}-{:02}", days + 1);
            }
            days -= length;
        }
    }
    unreachable!("years do not run out")
}

/// A JSON object of the entries that are present.
fn object<'a>(entries: impl IntoIterator<Item = (&'a str, Option<Value>)>) -> Value {
    Value::Object(entries.into_iter().filter_map(|(key, value)| Some((key.to_owned(), value?))).collect())
}

/// A boolean fact: absent, present and false, or (half the time) present and true.
fn fact() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Value::Bool(false))),
        2 => Just(Some(Value::Bool(true))),
    ]
}

/// A choice among `values`, as a JSON string.
fn one_of(values: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::sample::select(values).prop_map(Value::from)
}

/// A person's facts, the name aside: role, responsibility type, and the four flags.
fn person() -> impl Strategy<Value = Vec<(&'static str, Value)>> {
    let kind = prop_oneof![2 => Just(None), 1 => Just(Some("collective")), 1 => Just(Some("individual"))];
    let flags = prop::array::uniform4(prop::option::of(any::<bool>()));
    (one_of(ROLES), kind, flags).prop_map(|(role, kind, flags)| {
        let mut facts = vec![("role", role)];
        facts.extend(kind.map(|k| ("responsibility_type", Value::from(k))));
        let keys = ["took_part", "opposed", "sanction_warranted", "crime_suspected"];
        facts.extend(keys.into_iter().zip(flags).filter_map(|(key, flag)| Some((key, Value::from(flag?)))));
        facts
    })
}

/// A history entry before the names are known: the measure, `rectified_in_time`, `escalated`,
/// how many days before the conduct it was taken (if dated), and which persons it names, as a
/// bit set over the case's people (None: the key is absent, every person).
type Entry = (Value, bool, Option<bool>, Option<u32>, Option<u8>);

fn entry() -> impl Strategy<Value = Entry> {
    (
        one_of(MEASURES),
        prop::bool::weighted(0.3),
        prop::option::weighted(0.4, any::<bool>()),
        prop::option::of(1..400u32),
        prop::option::weighted(0.7, 1..16u8),
    )
}

prop_compose! {
    fn duties()(
        year in 2015..=2018u32,
        flags in prop::array::uniform6(prop::bool::weighted(0.8)),
        special_supervisions in 0..=3u32,
    ) -> Value {
        let [on_agenda, heard_reports, read, received, circulated, assessment] = flags;
        json!({
            "year": year,
            "on_agenda": on_agenda,
            "heard_reports": heard_reports,
            "leaders_read_letters": read,
            "leaders_received_visitors": received,
            "special_supervisions": special_supervisions,
            "supervision_results_circulated": circulated,
            "assessment_mechanism": assessment,
        })
    }
}

prop_compose! {
    /// A valid case, and whether the CMC layer is loaded to decide it.
    pub fn case()(
        id in prop::option::of("20[12][0-9]-[a-z]{2}-[0-9]{4}".prop_map(Value::from)),
        day in prop_oneof![
            1 => Just(IN_FORCE_DAY - 1),
            1 => Just(IN_FORCE_DAY),
            1 => (IN_FORCE_DAY - 30)..(IN_FORCE_DAY + 30),
            1 => Just(CMC_DAY - 1),
            1 => Just(CMC_DAY),
            6 => 0..DAYS,
        ],
        decided_after in prop::option::of(0..730u32),
        (unit_name, kind, cmc) in (
            prop::option::of(one_of(UNIT_NAMES)),
            prop_oneof![4 => one_of(UNIT_KINDS), 1 => Just(Value::from("military"))],
            any::<bool>(),
        ),
        (responsibility, harm, impact) in (one_of(RESPONSIBILITIES), one_of(HARMS), one_of(IMPACTS)),
        // One case in five has no conduct: accountable, if at all, by an escalation alone (14, 15).
        conduct in prop_oneof![
            1 => Just(vec![None; CONDUCT.len()]),
            4 => prop::collection::vec(fact(), CONDUCT.len()),
        ],
        history in prop::option::of(prop::collection::vec(entry(), 0..=3)),
        names in prop::sample::subsequence(NAMES.to_vec(), 1..=4).prop_shuffle(),
        people in prop::collection::vec(person(), 4),
        duties in prop::option::of(duties()),
    ) -> (Value, bool) {
        let people: Vec<Value> = names
            .iter()
            .zip(people)
            .map(|(&name, facts)| {
                let facts = facts.into_iter().map(|(key, value)| (key, Some(value)));
                object([("name", Some(name.into()))].into_iter().chain(facts))
            })
            .collect();
        // The names an entry gives, in the case's order (cases.md does not fix their order).
        let named = |bits: u8| -> Value {
            let mut picked: Vec<&str> =
                names.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, &n)| n).collect();
            if picked.is_empty() {
                picked.push(names[usize::from(bits) % names.len()]);
            }
            picked.into()
        };
        let history = history.map(|entries| {
            let entries = entries.into_iter().map(|(measure, rectified, escalated, before, bits)| {
                object([
                    ("measure", Some(measure)),
                    ("rectified_in_time", Some(rectified.into())),
                    ("date", before.map(|before| date(day.saturating_sub(before)).into())),
                    ("people", bits.map(named)),
                    ("escalated", escalated.map(Value::from)),
                ])
            });
            Value::from_iter(entries)
        });
        let case = object([
            ("case", id),
            ("conduct_date", Some(date(day).into())),
            ("decision_date", decided_after.map(|after| date(day + after).into())),
            ("unit", Some(object([("name", unit_name), ("kind", Some(kind))]))),
            ("responsibility", Some(responsibility)),
            ("harm", Some(harm)),
            ("impact", Some(impact)),
            ("conduct", Some(object(CONDUCT.iter().copied().zip(conduct)))),
            ("history", history),
            ("people", Some(people.into())),
            ("duties", duties),
        ]);
        (case, cmc)
    }
}

#[test]
fn dates_are_counted_from_2015() {
    assert_eq!(date(0), "2015-01-01");
    assert_eq!(date(IN_FORCE_DAY - 1), "2016-10-07");
    assert_eq!(date(IN_FORCE_DAY), "2016-10-08");
    assert_eq!(date(CMC_DAY), CMC_FROM);
    assert_eq!(date(DAYS - 1), "2020-12-31");
}
