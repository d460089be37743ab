//! Grounds of the reference model: the circumstances of Article 11 ¶1, the escalations of the
//! first clauses of Articles 14 and 15, and the duty breaches of Chapters 2 and 3 (cases.md,
//! reading 2). Each function is called only for a case the measures decide.

use serde_json::{Value, json};

/// A boolean fact, `false` when absent.
pub fn flag(facts: &Value, key: &str) -> bool {
    facts[key].as_bool().unwrap_or(false)
}

/// 11 ¶1: the ids of the circumstances that hold, in the order of the items.
pub fn circumstances(conduct: &Value) -> Vec<&'static str> {
    let c = |key| flag(conduct, key);
    [
        (
            "11.1.1",
            (c("decision_error") || c("dereliction"))
                && c("harmed_people_interests")
                && c("caused_petition_problem")
                && c("serious_consequences"),
        ),
        (
            "11.1.2",
            (c("failed_to_process") || c("ignored_handling_opinion"))
                && c("seriously_harmed_petitioner_rights"),
        ),
        (
            "11.1.3",
            (c("perfunctory_or_buck_passing") || c("rude_to_petitioners"))
                && c("harmed_party_people_relations")
                && c("serious_consequences"),
        ),
        (
            "11.1.4",
            (c("mishandled_collective_visit") || c("mishandled_negative_opinion"))
                && c("situation_escalated")
                && c("adverse_impact"),
        ),
        ("11.1.5", c("neglected_petition_dept_suggestions") && c("problem_long_unresolved")),
        ("11.1.6", c("other_dereliction")),
    ]
    .into_iter()
    .filter_map(|(id, holds)| holds.then_some(id))
    .collect()
}

/// 14 and 15, first clauses (「受到通报后仍未按期完成整改目标」, 「受到诫勉后仍未按期完成整改
/// 目标」): each history entry not rectified in time and not yet followed up (`escalated`), as
/// `{history, article, people}`. An entry without `people` names every person of the case.
/// The names are listed as the entry gives them; the generator writes them in the case's order,
/// since cases.md does not fix the order of the names.
pub fn escalations(case: &Value) -> Vec<Value> {
    let everyone: Vec<Value> =
        case["people"].as_array().expect("people").iter().map(|p| p["name"].clone()).collect();
    let history = case["history"].as_array().map(Vec::as_slice).unwrap_or_default();
    history
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry["rectified_in_time"] == false && entry["escalated"] != true)
        .map(|(i, entry)| {
            let article = if entry["measure"] == "notification" { "14" } else { "15" };
            let people = entry.get("people").cloned().unwrap_or_else(|| Value::from(everyone.clone()));
            json!({"history": i, "article": article, "people": people})
        })
        .collect()
}

/// Chapters 2 and 3: the articles whose duties the unit's record for the year breaches. A year
/// before 2016 is not assessed (the measures were not in force, 19); 2016 is assessed (with a
/// finding that only the part from 2016-10-08 is governed).
pub fn duty_breaches(duties: &Value) -> Vec<&'static str> {
    if !duties.is_object() || duties["year"].as_u64().expect("duties.year") < 2016 {
        return vec![];
    }
    let d = |key| flag(duties, key);
    [
        ("4.1", !(d("on_agenda") && d("heard_reports"))),
        ("4.3", !(d("leaders_read_letters") && d("leaders_received_visitors"))),
        (
            "9",
            duties["special_supervisions"].as_u64().expect("special_supervisions") < 1
                || !d("supervision_results_circulated"),
        ),
        ("10.1", !d("assessment_mechanism")),
    ]
    .into_iter()
    .filter_map(|(id, breached)| breached.then_some(id))
    .collect()
}
