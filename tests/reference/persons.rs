//! Persons in the reference model: responsibility (11 ¶2), the severity rung (13–15) and the
//! escalation rung (14 and 15, first clauses), measures (12, 16) and referrals (12 ¶2), for a case
//! the measures decide (cases.md, reading 2).

use super::grounds::flag;
use serde_json::{Value, json};

/// The rungs in order: notification (13) < admonishment (14) < organizational (15).
pub const RUNGS: [&str; 3] = ["notification", "admonishment", "organizational"];

/// The position of an ordered enum value (harm, impact) among its values.
fn grade(value: &Value, order: [&str; 3]) -> usize {
    order.iter().position(|o| value == o).expect("a valid enum value")
}

/// 13–15 by the present circumstances: 14's second ground (危害严重以及影响重大) holds, and the rung.
pub fn severity(case: &Value) -> (bool, &'static str) {
    let harm = grade(&case["harm"], ["minor", "serious", "particularly_serious"]);
    let impact = grade(&case["impact"], ["minor", "major", "particularly_major"]);
    let rung = match (harm, impact) {
        (0, 0) => "notification",     // 13: 情节较轻, as cases.md defines it
        (2, 2) => "organizational",   // 15: 危害特别严重以及影响特别重大
        (1.., 1..) => "admonishment", // 14: 危害严重以及影响重大
        _ => "undetermined",          // 12 ¶1: the organ chooses among the four forms
    };
    (harm >= 1 && impact >= 1, rung)
}

/// 11 ¶2: each person's responsibility, `none` for all when no circumstance holds.
pub fn responsibilities(case: &Value, circumstance: bool) -> Vec<&'static str> {
    let people = case["people"].as_array().expect("people");
    let leader = |p: &Value| matches!(p["role"].as_str(), Some("principal_leader" | "leader_in_charge"));
    if !circumstance {
        return vec!["none"; people.len()];
    }
    let first: Vec<&str> = people
        .iter()
        .map(|p| {
            let kind = p["responsibility_type"].as_str().or(case["responsibility"].as_str());
            // 「对错误决策或者行为提出明确反对意见而没有被采纳的,不承担领导责任」 stands in the
            // collective sentence; cases.md limits it to collective responsibility.
            let opposed = flag(p, "opposed");
            match (kind, p["role"].as_str()) {
                (Some("collective"), _) if leader(p) && !opposed => "principal_leadership",
                (Some("collective"), Some("other_member")) if flag(p, "took_part") && !opposed => {
                    "important_leadership"
                }
                (Some("individual"), Some("staff_in_charge")) => "direct",
                (Some("individual"), _) if leader(p) => "leadership",
                _ => "none",
            }
        })
        .collect();
    // 「涉及的个人责任……领导班子主要负责人和直接主管的负责人承担领导责任」: a matter in which
    // someone bears `direct` involves individual responsibility, whatever the leaders' own type
    // (and, the exception being collective only, whether or not they opposed).
    let mixed = first.contains(&"direct");
    first
        .into_iter()
        .zip(people)
        .map(|(r, p)| if mixed && r == "none" && leader(p) { "leadership" } else { r })
        .collect()
}

/// Each person's decision `{name, responsibility, rung, measures, referrals}`, given their
/// responsibility and the escalations of the case.
pub fn decide(case: &Value, responsibility: &[&'static str], escalations: &[Value]) -> Vec<Value> {
    let (_, severity) = severity(case);
    let people = case["people"].as_array().expect("people");
    people
        .iter()
        .zip(responsibility)
        .map(|(p, &r)| {
            // The escalation rung: 14 → admonishment, 15 → organizational; the higher of those
            // that name the person.
            let escalation = escalations
                .iter()
                .filter(|e| e["people"].as_array().expect("names").contains(&p["name"]))
                .map(|e| if e["article"] == "14" { 1 } else { 2 })
                .max();
            let rank = |rung: &str| RUNGS.iter().position(|&x| x == rung);
            let rung = match ((r != "none").then_some(severity), escalation) {
                (None, None) => None,
                (Some(s), None) => Some(s),
                (None, Some(e)) => Some(RUNGS[e]),
                // An undetermined severity rung gives way to the escalation's (with a finding).
                (Some(s), Some(e)) => Some(RUNGS[rank(s).map_or(e, |s| s.max(e))]),
            };
            let mut measures: Vec<&str> = rung.into_iter().collect();
            // 16 「相关责任人……应当给予党纪政纪处分的,依纪依法追究」.
            if (r != "none" || escalation.is_some()) && flag(p, "sanction_warranted") {
                measures.push("disciplinary_sanction");
            }
            // 12 ¶2 「涉嫌违法犯罪的,按照国家有关法律法规规定处理」, whatever the responsibility.
            let referrals: Vec<&str> = if flag(p, "crime_suspected") { vec!["law"] } else { vec![] };
            json!({"name": p["name"], "responsibility": r, "rung": rung, "measures": measures, "referrals": referrals})
        })
        .collect()
}
