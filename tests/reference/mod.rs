//! Reference model of the national measures (《信访工作责任制实施办法》, 2016).
//!
//! Written directly from `shared/spec/cases.md` and `docs/legal-reading.md`, without looking at
//! any policy file or at the engine, so that `tests/differential.rs` can check the engine against
//! it. It decides one case given as JSON (keys as in the case file, dates as `"YYYY-MM-DD"`) and
//! returns the keys of the decision that are fixed by the legal reading; `findings` and `trace`
//! are left to the engine.

use serde_json::{Value, json};

/// Article 19: the measures take effect on this date (ISO dates compare as strings).
const IN_FORCE_FROM: &str = "2016-10-08";
/// Articles 13–15: the organ that decides the measures.
const AUTHORITY: &str = "有管理权限的党政机关";

/// A boolean fact, `false` when absent.
fn flag(facts: &Value, key: &str) -> bool {
    facts[key].as_bool().unwrap_or(false)
}

/// The position of an ordered enum value (harm, impact) among its values.
fn rank(value: &Value, order: [&str; 3]) -> usize {
    order.iter().position(|o| value == o).expect("a valid enum value")
}

/// Decides one valid case the way the national measures do.
pub fn decide(case: &Value) -> Value {
    // Article 2 (scope) and 17.2; Article 19 (in force).
    let kind = case["unit"]["kind"].as_str().expect("unit.kind");
    let (scope, scope_article) = match kind {
        "party_organ"
        | "congress_organ"
        | "administrative_organ"
        | "cppcc_organ"
        | "court"
        | "procuratorate" => ("applies", Some("2.1")),
        "dispatched_agency" | "affiliated_institution" | "people_organization" => ("applies", Some("2.2")),
        "state_owned_enterprise" => ("applies_by_reference", Some("2.3")),
        _ => ("not_covered", None), // military (17.2) and other
    };
    let in_force = case["conduct_date"].as_str().expect("conduct_date") >= IN_FORCE_FROM;
    let decided = scope != "not_covered" && in_force;

    // Article 11 ¶1: the circumstances.
    let c = |key| flag(&case["conduct"], key);
    let elements = [
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
    ];
    let circumstances: Vec<&str> =
        elements.iter().filter(|&&(_, holds)| decided && holds).map(|&(id, _)| id).collect();
    let accountable = !circumstances.is_empty();

    // Articles 12–15: the rung, the highest that holds.
    let harm = rank(&case["harm"], ["minor", "serious", "particularly_serious"]);
    let impact = rank(&case["impact"], ["minor", "major", "particularly_major"]);
    let history = case["history"].as_array().map(Vec::as_slice).unwrap_or_default();
    let unrectified =
        |measure: &str| history.iter().any(|e| e["measure"] == measure && e["rectified_in_time"] == false);
    let art13 = harm == 0 && impact == 0;
    let art14 = unrectified("notification") || (harm >= 1 && impact >= 1);
    let art15 = unrectified("admonishment") || (harm == 2 && impact == 2);
    let (rung, rung_article) = match (art15, art14, art13) {
        (true, _, _) => ("organizational", "15"),
        (_, true, _) => ("admonishment", "14"),
        (_, _, true) => ("notification", "13"),
        _ => ("undetermined", "12.1"),
    };
    let honors_ineligible = accountable && art14;

    // Article 11 ¶2: responsibility before the `opposed` exception.
    let allocated = |person: &Value| match (case["responsibility"].as_str(), person["role"].as_str()) {
        _ if !accountable => "none",
        (Some("collective"), Some("principal_leader" | "leader_in_charge")) => "principal_leadership",
        (Some("collective"), Some("other_member")) if flag(person, "took_part") => "important_leadership",
        (Some("individual"), Some("staff_in_charge")) => "direct",
        (Some("individual"), Some("principal_leader" | "leader_in_charge")) => "leadership",
        _ => "none",
    };
    let persons = case["people"].as_array().expect("people");
    let people: Vec<Value> = persons
        .iter()
        .map(|person| {
            let mut responsibility = allocated(person);
            if responsibility != "direct" && flag(person, "opposed") {
                responsibility = "none"; // 11.2: opposed and overruled
            }
            let mut measures = Vec::new();
            if responsibility != "none" {
                measures.push(rung);
                if flag(person, "sanction_warranted") {
                    measures.push("disciplinary_sanction"); // 16
                }
            }
            let referred = decided && flag(person, "crime_suspected"); // 12.2
            json!({
                "name": person["name"],
                "responsibility": responsibility,
                "measures": measures,
                "referrals": if referred { vec!["law"] } else { vec![] },
            })
        })
        .collect();

    // Chapters 2 and 3: duty breaches.
    let d = &case["duties"];
    let duty_breaches: Vec<&str> = [
        ("4.1", !(flag(d, "on_agenda") && flag(d, "heard_reports"))),
        ("4.3", !(flag(d, "leaders_read_letters") && flag(d, "leaders_received_visitors"))),
        (
            "9",
            d["special_supervisions"].as_u64().unwrap_or(0) < 1 || !flag(d, "supervision_results_circulated"),
        ),
        ("10.1", !flag(d, "assessment_mechanism")),
    ]
    .into_iter()
    .filter(|&(_, breached)| decided && d.is_object() && breached)
    .map(|(id, _)| id)
    .collect();

    // The provisions that decided something, in the order of the measures.
    let given = |key: &str, value: &str| {
        people.iter().any(|p| p[key].as_array().is_some_and(|a| a.iter().any(|v| v == value)))
    };
    let mut articles: Vec<&str> = scope_article.into_iter().collect();
    articles.extend(&duty_breaches);
    articles.extend(&circumstances);
    for (id, fired) in [
        ("11.2", persons.iter().any(|p| allocated(p) != "none")),
        ("12.1", accountable && rung_article == "12.1"),
        ("12.2", given("referrals", "law")),
        ("13", accountable && rung_article == "13"),
        ("14", honors_ineligible), // the rung reached, or 14 also holding under 15
        ("15", accountable && rung_article == "15"),
        ("16", given("measures", "disciplinary_sanction")),
        ("17.2", kind == "military"),
        ("19", in_force),
    ] {
        if fired {
            articles.push(id);
        }
    }

    json!({
        "case": case["case"],
        "layers": ["national-2016"],
        "scope": scope,
        "in_force": in_force,
        "circumstances": circumstances,
        "accountable": accountable,
        "rung": if accountable { json!(rung) } else { Value::Null },
        "articles": articles,
        "unit_consequences": if honors_ineligible { vec!["honors_ineligible"] } else { vec![] },
        "authority": if accountable { json!(AUTHORITY) } else { Value::Null },
        "people": people,
        "duty_breaches": duty_breaches,
    })
}
