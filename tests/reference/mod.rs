//! Reference model of the national measures (《信访工作责任制实施办法》, 2016), reading 2 of
//! `shared/spec/cases.md`: scope and in force here; grounds in `grounds.rs`, persons in
//! `persons.rs`.
//!
//! Written from cases.md and the Chinese text only, never from a policy file or the engine, so
//! that `tests/differential/` can check the engine against it. `decide` takes one valid case as
//! JSON (keys as in the case file, dates `"YYYY-MM-DD"`) and the effective date of a loaded
//! Central Military Commission layer (None when none is loaded); it returns the keys of the
//! decision that cases.md fixes. Objects compare on the model's keys (the engine may add more).
//! Left out: `findings` and `trace` (text), and `articles`: cases.md asks for "every article that
//! decided something" without fixing which those are (its example lists neither 2 nor 19).

mod grounds;
mod persons;

use serde_json::{Value, json};

/// Article 19: the measures take effect on this date (ISO dates compare as strings).
const IN_FORCE_FROM: &str = "2016-10-08";
/// Articles 13–15: 「由有管理权限的党政机关」.
const AUTHORITY: &str = "有管理权限的党政机关";

/// Article 2, and 17.2 for a military unit: `applies`, `applies_by_reference`,
/// `specific_provisions` or `not_covered`.
pub fn scope(kind: &str, conduct_date: &str, cmc: Option<&str>) -> &'static str {
    match kind {
        "party_organ"
        | "congress_organ"
        | "administrative_organ"
        | "cppcc_organ"
        | "court"
        | "procuratorate" => {
            "applies" // 2.1
        }
        "dispatched_agency" | "affiliated_institution" | "people_organization" => "applies", // 2.2
        "state_owned_enterprise" => "applies_by_reference",                                  // 2.3
        // 17.2 「中央军事委员会可以根据本办法……制定具体规定」: the CMC's provisions govern from
        // their own date; without them the measures do not decide a military unit.
        "military" if cmc.is_some_and(|from| conduct_date >= from) => "specific_provisions",
        _ => "not_covered",
    }
}

/// Decides one valid case as the national measures do (reading 2), given the effective date of
/// a loaded CMC layer, if any.
pub fn decide(case: &Value, cmc: Option<&str>) -> Value {
    let conduct_date = case["conduct_date"].as_str().expect("conduct_date");
    let scope = scope(case["unit"]["kind"].as_str().expect("unit.kind"), conduct_date, cmc);
    // 19 「本办法自2016年10月8日起施行」: reported from the date alone, whatever the scope.
    let in_force = conduct_date >= IN_FORCE_FROM;
    if scope == "specific_provisions" {
        // The CMC's provisions decide 11–16 「根据本办法」, "as the layer adopts them (by default
        // all of them), with the layer's own additions" (circumstances, definitions such as 造成
        // 严重后果, measures, mitigation, exemptions, duties): of the keys the national reading
        // fixes, only the scope (2, 17.2) and the date of the measures (19) do not depend on what
        // the layer adds or adopts.
        return json!({"case": case["case"], "scope": scope, "in_force": in_force});
    }
    let mut decision = if scope != "not_covered" && in_force { decided(case) } else { undecided(case) };
    decision["case"] = case["case"].clone();
    decision["scope"] = json!(scope);
    decision["in_force"] = json!(in_force);
    // The layers that decided: fixed only without a CMC layer loaded (with one, cases.md does not
    // say whether a loaded layer that does not decide the case is listed).
    if cmc.is_none() {
        decision["layers"] = json!(["national-2016"]);
    }
    decision
}

/// Not covered or not in force: 「本办法不适用」 or 「行为发生在本办法施行前」; the outcome keys
/// are `null` (not "no"), the lists empty, and the authority keeps its organ.
fn undecided(case: &Value) -> Value {
    let people: Vec<Value> = case["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|p| json!({"name": p["name"], "responsibility": null, "rung": null, "measures": null, "referrals": null}))
        .collect();
    json!({
        "circumstances": [],
        "escalations": [],
        "accountable": null,
        "rung": null,
        "unit_consequences": [],
        "rectification_ordered": null,
        "authority": {"organ": AUTHORITY, "article": null},
        "people": people,
        "duty_breaches": [],
    })
}

/// A covered unit, conduct in force: every key decided.
fn decided(case: &Value) -> Value {
    let circumstances = grounds::circumstances(&case["conduct"]);
    let escalations = grounds::escalations(case);
    let responsibility = persons::responsibilities(case, !circumstances.is_empty());
    let people = persons::decide(case, &responsibility, &escalations);

    // The case's rung: the highest determined rung of any person, else `undetermined` if someone
    // has it, else null (e.g. every leader of a collective decision opposed).
    let rungs: Vec<&str> = people.iter().filter_map(|p| p["rung"].as_str()).collect();
    let highest = persons::RUNGS.iter().rev().find(|r| rungs.contains(r)).copied();
    let rung = highest.or_else(|| rungs.contains(&"undetermined").then_some("undetermined"));
    // The authority cites the article of the case's rung (13, 14, 15), never 12.
    let article = rung.and_then(|r| match r {
        "notification" => Some("13"),
        "admonishment" => Some("14"),
        "organizational" => Some("15"),
        _ => None,
    });

    // 14 「同时,取消该地区、部门和单位本年度评选综合性荣誉称号的资格」 goes with 14's ground,
    // whichever holds for some person: 危害严重以及影响重大 for one who bears responsibility
    // (15's severity included), or an escalating notification (「受到通报后仍未按期完成整改目标」).
    // 15 is silent on honors: an escalating admonishment alone takes none.
    let (severe, _) = persons::severity(case);
    let honors = (severe && responsibility.iter().any(|&r| r != "none"))
        || escalations.iter().any(|e| e["article"] == "14");
    // 13 「通报,限期整改」 and 14 「诫勉,督促限期整改」 (after either of 14's grounds, an
    // escalating notification included); 15 orders no rectification.
    let rectification = rungs.iter().any(|&r| r == "notification" || r == "admonishment");

    json!({
        "circumstances": circumstances,
        "escalations": escalations,
        "accountable": !circumstances.is_empty() || !escalations.is_empty(),
        "rung": rung,
        "unit_consequences": if honors { vec!["honors_ineligible"] } else { vec![] },
        "rectification_ordered": rectification,
        "authority": {"organ": AUTHORITY, "article": article},
        "people": people,
        "duty_breaches": grounds::duty_breaches(&case["duties"]),
    })
}

/// Where the engine's decision departs from the model's: the path of the first key that differs.
/// Objects compare on the model's keys (each must be present); arrays element by element, with
/// the same length.
pub fn differs(want: &Value, got: &Value, path: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().find_map(|(key, value)| match g.get(key) {
            Some(got) => differs(value, got, &format!("{path}.{key}")),
            None => Some(format!("{path}.{key}: want {value}, missing")),
        }),
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            w.iter().zip(g).enumerate().find_map(|(i, (w, g))| differs(w, g, &format!("{path}[{i}]")))
        }
        _ if want == got => None,
        _ => Some(format!("{path}: want {want}, got {got}")),
    }
}
