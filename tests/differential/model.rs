//! The reference model checked by hand-written cases, one for each point of "Changes from the
//! first reading" (`cargo test --test differential -- model_` runs them alone).

use super::cases::CMC_FROM;
use super::reference;
use serde_json::{Value, json};

/// An accountable case (11.1.6, a covered unit, in force, minor harm and impact) to adjust.
pub fn accountable_case(people: Value) -> Value {
    json!({
        "conduct_date": "2017-03-15",
        "unit": {"kind": "administrative_organ"},
        "responsibility": "collective",
        "harm": "minor",
        "impact": "minor",
        "conduct": {"other_dereliction": true},
        "people": people,
    })
}

/// The model's decision of a national case (no CMC layer loaded).
fn model(case: &Value) -> Value {
    reference::decide(case, None)
}

/// Each person's `key`, in order.
fn each(decision: &Value, key: &str) -> Value {
    decision["people"].as_array().expect("people").iter().map(|p| p[key].clone()).collect()
}

#[test]
fn model_comparison_reports_missing_keys_and_other_values() {
    let want = json!({"rung": null, "people": [{"name": "张三", "rung": "notification"}]});
    let extra =
        json!({"rung": null, "more": 1, "people": [{"name": "张三", "rung": "notification", "x": 2}]});
    assert_eq!(reference::differs(&want, &extra, ""), None);
    assert!(reference::differs(&want, &json!({"people": []}), "").is_some_and(|d| d.contains(".rung")));
    let longer = json!({"rung": null, "people": [{"name": "张三", "rung": "notification"}, {}]});
    assert!(reference::differs(&want, &longer, "").is_some());
    let other = json!({"rung": null, "people": [{"name": "张三", "rung": "admonishment"}]});
    assert_eq!(
        reference::differs(&want, &other, "").as_deref(),
        Some(".people[0].rung: want \"notification\", got \"admonishment\"")
    );
}

#[test]
fn model_exempts_whoever_opposed_under_collective_responsibility_only() {
    let mut case = accountable_case(json!([
        {"name": "张三", "role": "principal_leader", "opposed": true},
        {"name": "李四", "role": "other_member", "took_part": true},
        {"name": "王五", "role": "staff_in_charge", "opposed": true},
    ]));
    let decision = model(&case);
    assert_eq!(decision["rung"], "notification");
    assert_eq!(each(&decision, "responsibility"), json!(["none", "important_leadership", "none"]));
    assert_eq!(each(&decision, "rung"), json!([null, "notification", null]));
    assert_eq!(each(&decision, "measures"), json!([[], ["notification"], []]));
    assert_eq!(decision["authority"], json!({"organ": "有管理权限的党政机关", "article": "13"}));

    case["responsibility"] = json!("individual");
    let decision = model(&case);
    assert_eq!(each(&decision, "responsibility"), json!(["leadership", "none", "direct"]));
}

#[test]
fn model_escalates_an_unrectified_notification_to_admonishment() {
    let mut case =
        accountable_case(json!([{"name": "张三", "role": "leader_in_charge", "crime_suspected": true}]));
    case["case"] = json!("2017-zj-0042");
    case["history"] = json!([{"measure": "notification", "rectified_in_time": false}]);
    let decision = model(&case);
    assert_eq!(decision["case"], "2017-zj-0042");
    assert_eq!(decision["layers"], json!(["national-2016"]));
    assert_eq!(decision["circumstances"], json!(["11.1.6"]));
    assert_eq!(decision["escalations"], json!([{"history": 0, "article": "14", "people": ["张三"]}]));
    assert_eq!(decision["rung"], "admonishment");
    assert_eq!(decision["unit_consequences"], json!(["honors_ineligible"]));
    assert_eq!(decision["rectification_ordered"], true);
    assert_eq!(decision["authority"], json!({"organ": "有管理权限的党政机关", "article": "14"}));
    assert_eq!(
        decision["people"],
        json!([{
            "name": "张三",
            "responsibility": "principal_leadership",
            "rung": "admonishment",
            "measures": ["admonishment"],
            "referrals": ["law"],
        }])
    );
}

#[test]
fn model_leaves_serious_harm_with_minor_impact_undetermined() {
    let mut case =
        accountable_case(json!([{"name": "张三", "role": "principal_leader", "sanction_warranted": true}]));
    case["harm"] = json!("serious");
    let decision = model(&case);
    assert_eq!(decision["rung"], "undetermined");
    assert_eq!(decision["unit_consequences"], json!([]));
    assert_eq!(decision["rectification_ordered"], false);
    assert_eq!(decision["authority"]["article"], Value::Null);
    assert_eq!(each(&decision, "rung"), json!(["undetermined"]));
    assert_eq!(each(&decision, "measures"), json!([["undetermined", "disciplinary_sanction"]]));
}

/// 19 「本办法自2016年10月8日起施行」: earlier conduct is not decided, whatever it was.
#[test]
fn model_decides_nothing_before_the_measures_take_effect() {
    let mut case =
        accountable_case(json!([{"name": "张三", "role": "principal_leader", "crime_suspected": true}]));
    case["conduct_date"] = json!("2016-10-07");
    case["history"] = json!([{"measure": "notification", "rectified_in_time": false}]);
    case["duties"] = json!({
        "year": 2016, "on_agenda": false, "heard_reports": false, "leaders_read_letters": false,
        "leaders_received_visitors": false, "special_supervisions": 0,
        "supervision_results_circulated": false, "assessment_mechanism": false,
    });
    let decision = model(&case);
    assert_eq!(decision["scope"], "applies");
    assert_eq!(decision["in_force"], false);
    assert_eq!(decision["circumstances"], json!([]));
    assert_eq!(decision["escalations"], json!([]));
    assert_eq!(decision["accountable"], Value::Null);
    assert_eq!(decision["rung"], Value::Null);
    assert_eq!(decision["rectification_ordered"], Value::Null);
    assert_eq!(decision["authority"], json!({"organ": "有管理权限的党政机关", "article": null}));
    assert_eq!(
        decision["people"],
        json!([{"name": "张三", "responsibility": null, "rung": null, "measures": null, "referrals": null}])
    );
    assert_eq!(decision["duty_breaches"], json!([]));
    assert!(decision.get("articles").is_none(), "cases.md does not fix the articles exactly");
}

// The twelve points of "Changes from the first reading" (cases.md, reading 2), one test each.

/// Change 1: 14 「对受到通报后仍未按期完成整改目标……进行诫勉」 and 15 「对受到诫勉后仍未按期完成整改
/// 目标……组织调整或者组织处理」: grounds of their own, with no circumstance of 11 in the case.
#[test]
fn model_change_01_an_unrectified_measure_is_a_ground_of_its_own() {
    let mut case = accountable_case(json!([{"name": "张三", "role": "principal_leader"}]));
    case["conduct"] = json!({});
    case["history"] = json!([{"measure": "notification", "rectified_in_time": false}]);
    let decision = model(&case);
    assert_eq!(decision["circumstances"], json!([]));
    assert_eq!(decision["accountable"], true);
    assert_eq!(decision["escalations"], json!([{"history": 0, "article": "14", "people": ["张三"]}]));
    assert_eq!(each(&decision, "responsibility"), json!(["none"]));
    assert_eq!(each(&decision, "measures"), json!([["admonishment"]]));
    assert_eq!(decision["unit_consequences"], json!(["honors_ineligible"]));
    assert_eq!(decision["authority"]["article"], "14");

    case["history"][0]["measure"] = json!("admonishment");
    let decision = model(&case);
    assert_eq!(decision["accountable"], true);
    assert_eq!(decision["rung"], "organizational");
    assert_eq!(decision["escalations"][0]["article"], "15");
    assert_eq!(decision["unit_consequences"], json!([]), "15 is silent on honors");
    assert_eq!(decision["rectification_ordered"], false);
    assert_eq!(decision["authority"]["article"], "15");
}

/// Change 2: 「对受到通报后……对相关责任人进行诫勉」: the escalation reaches those who received the
/// earlier measure; an entry already followed up (`escalated`) is not punished twice.
#[test]
fn model_change_02_an_escalation_reaches_only_the_people_it_names_once() {
    let mut case = accountable_case(json!([
        {"name": "张三", "role": "principal_leader"},
        {"name": "李四", "role": "staff_in_charge"},
    ]));
    case["conduct"] = json!({});
    case["history"] = json!([
        {"measure": "notification", "rectified_in_time": false, "people": ["李四"]},
        {"measure": "admonishment", "rectified_in_time": false, "escalated": true},
        {"measure": "admonishment", "rectified_in_time": true},
    ]);
    let decision = model(&case);
    assert_eq!(decision["escalations"], json!([{"history": 0, "article": "14", "people": ["李四"]}]));
    assert_eq!(each(&decision, "rung"), json!([null, "admonishment"]));
    assert_eq!(each(&decision, "measures"), json!([[], ["admonishment"]]));
    assert_eq!(decision["rung"], "admonishment");

    case["history"][0]["escalated"] = json!(true);
    let decision = model(&case);
    assert_eq!(decision["escalations"], json!([]));
    assert_eq!(decision["accountable"], false);
    assert_eq!(decision["rung"], Value::Null);
    assert_eq!(decision["rectification_ordered"], false);
}

/// Change 3: 13–15 「对相关责任人」: the measure is each person's; 11 ¶2 「对错误决策……提出明确反对
/// 意见而没有被采纳的,不承担领导责任」 can leave nobody responsible, then no rung and no loss of
/// honors although harm and impact are those of 14.
#[test]
fn model_change_03_rungs_are_per_person_and_nobody_responsible_means_no_rung() {
    let mut case = accountable_case(json!([
        {"name": "张三", "role": "principal_leader", "opposed": true},
        {"name": "李四", "role": "leader_in_charge", "opposed": true},
        {"name": "王五", "role": "staff_in_charge"},
    ]));
    case["harm"] = json!("serious");
    case["impact"] = json!("major");
    let decision = model(&case);
    assert_eq!(decision["accountable"], true);
    assert_eq!(each(&decision, "responsibility"), json!(["none", "none", "none"]));
    assert_eq!(decision["rung"], Value::Null);
    assert_eq!(decision["unit_consequences"], json!([]));
    assert_eq!(decision["rectification_ordered"], false);
    assert_eq!(decision["authority"]["article"], Value::Null);

    let mut case = accountable_case(json!([
        {"name": "张三", "role": "principal_leader"},
        {"name": "李四", "role": "other_member"},
    ]));
    case["history"] = json!([{"measure": "admonishment", "rectified_in_time": false, "people": ["李四"]}]);
    let decision = model(&case);
    assert_eq!(each(&decision, "responsibility"), json!(["principal_leadership", "none"]));
    assert_eq!(each(&decision, "rung"), json!(["notification", "organizational"]));
    assert_eq!(decision["rung"], "organizational");
    assert_eq!(decision["unit_consequences"], json!([]));
    assert_eq!(decision["rectification_ordered"], true, "张三 is notified under 13");
    assert_eq!(decision["authority"]["article"], "15");
}

/// Change 4: 13 「进行通报,限期整改」, 14 「进行诫勉,督促限期整改」; 15 orders no rectification.
#[test]
fn model_change_04_rectification_is_ordered_with_13_and_14() {
    let mut case = accountable_case(json!([{"name": "张三", "role": "principal_leader"}]));
    for (harm, impact, rung, ordered, honors) in [
        ("minor", "minor", "notification", true, json!([])),
        ("serious", "major", "admonishment", true, json!(["honors_ineligible"])),
        ("particularly_serious", "particularly_major", "organizational", false, json!(["honors_ineligible"])),
    ] {
        case["harm"] = json!(harm);
        case["impact"] = json!(impact);
        let decision = model(&case);
        assert_eq!(decision["rung"], rung);
        assert_eq!(decision["rectification_ordered"], ordered, "{rung}");
        assert_eq!(decision["unit_consequences"], honors, "{rung}");
    }
}

/// Change 5: 11 ¶2 「对前款规定中涉及的集体责任……;涉及的个人责任……」: one matter may involve both,
/// each person under their own type.
#[test]
fn model_change_05_each_person_may_have_their_own_responsibility_type() {
    let case = accountable_case(json!([
        {"name": "张三", "role": "principal_leader"},
        {"name": "李四", "role": "other_member", "took_part": true},
        {"name": "王五", "role": "staff_in_charge", "responsibility_type": "individual"},
        {"name": "赵六", "role": "leader_in_charge", "responsibility_type": "individual"},
    ]));
    let decision = model(&case);
    assert_eq!(
        each(&decision, "responsibility"),
        json!(["principal_leadership", "important_leadership", "direct", "leadership"])
    );
    assert_eq!(
        each(&decision, "rung"),
        json!(["notification", "notification", "notification", "notification"])
    );

    let mut case = accountable_case(json!([
        {"name": "张三", "role": "other_member", "took_part": true, "responsibility_type": "collective"},
        {"name": "李四", "role": "staff_in_charge"},
    ]));
    case["responsibility"] = json!("individual");
    assert_eq!(each(&model(&case), "responsibility"), json!(["important_leadership", "direct"]));
}

/// Change 6: 「对错误决策或者行为提出明确反对意见而没有被采纳的,不承担领导责任」 stands in the sentence
/// on collective responsibility; the one on individual responsibility has no such clause, and
/// where a matter involves individual responsibility its last clause gives leaders `leadership`.
#[test]
fn model_change_06_the_objection_exception_is_read_in_the_collective_sentence() {
    let mut case = accountable_case(json!([
        {"name": "张三", "role": "principal_leader", "opposed": true},
        {"name": "李四", "role": "other_member", "took_part": true, "opposed": true},
    ]));
    let decision = model(&case);
    assert_eq!(each(&decision, "responsibility"), json!(["none", "none"]));
    assert_eq!(decision["rung"], Value::Null);

    case["responsibility"] = json!("individual");
    case["people"][1] = json!({"name": "王五", "role": "staff_in_charge", "opposed": true});
    assert_eq!(each(&model(&case), "responsibility"), json!(["leadership", "direct"]));

    // Mixed: 张三 under collective responsibility opposed, but the matter involves 王五's direct
    // responsibility, and 「涉及的个人责任……领导班子主要负责人……承担领导责任」.
    case["responsibility"] = json!("collective");
    case["people"][1]["responsibility_type"] = json!("individual");
    let decision = model(&case);
    assert_eq!(each(&decision, "responsibility"), json!(["leadership", "direct"]));
    assert_eq!(decision["rung"], "notification");
}

/// Change 7: 19 「本办法自2016年10月8日起施行」: a year before 2016 is not assessed; 2016 is.
#[test]
fn model_change_07_duties_of_years_before_the_measures_are_not_assessed() {
    let mut case = accountable_case(json!([{"name": "张三", "role": "principal_leader"}]));
    case["duties"] = json!({
        "year": 2015, "on_agenda": false, "heard_reports": true, "leaders_read_letters": true,
        "leaders_received_visitors": false, "special_supervisions": 0,
        "supervision_results_circulated": true, "assessment_mechanism": false,
    });
    assert_eq!(model(&case)["duty_breaches"], json!([]));
    case["duties"]["year"] = json!(2016);
    assert_eq!(model(&case)["duty_breaches"], json!(["4.1", "4.3", "9", "10.1"]));
    case["duties"] = json!({
        "year": 2018, "on_agenda": true, "heard_reports": true, "leaders_read_letters": true,
        "leaders_received_visitors": true, "special_supervisions": 1,
        "supervision_results_circulated": false, "assessment_mechanism": true,
    });
    assert_eq!(model(&case)["duty_breaches"], json!(["9"]));
}

/// Change 8: 17 ¶2 「中央军事委员会可以根据本办法……制定具体规定」: a military unit is decided by the
/// CMC's provisions from their date, and by nothing before it or without them.
#[test]
fn model_change_08_military_units_under_a_cmc_layer_are_specific_provisions() {
    let mut case =
        accountable_case(json!([{"name": "张三", "role": "principal_leader", "crime_suspected": true}]));
    case["unit"] = json!({"kind": "military"});
    let decision = reference::decide(&case, Some("2017-01-01"));
    assert_eq!((&decision["scope"], &decision["in_force"]), (&json!("specific_provisions"), &json!(true)));
    for layer in [None, Some("2017-06-01")] {
        let decision = reference::decide(&case, layer);
        assert_eq!(decision["scope"], "not_covered", "{layer:?}");
        assert_eq!(decision["in_force"], true);
        assert_eq!(decision["accountable"], Value::Null);
        assert_eq!(each(&decision, "referrals"), json!([null]));
    }
}

/// Change 9: 2 (scope) and 19: where the measures do not decide, their outcome is `null`, not "no".
#[test]
fn model_change_09_what_the_measures_do_not_decide_is_null() {
    let mut case =
        accountable_case(json!([{"name": "张三", "role": "principal_leader", "crime_suspected": true}]));
    case["unit"]["kind"] = json!("other");
    let decision = model(&case);
    assert_eq!(decision["scope"], "not_covered");
    for key in ["accountable", "rung", "rectification_ordered"] {
        assert_eq!(decision[key], Value::Null, "{key}");
    }
    for key in ["responsibility", "rung", "measures", "referrals"] {
        assert_eq!(each(&decision, key), json!([null]), "{key}");
    }
    assert_eq!(decision["circumstances"], json!([]));

    // Covered, in force, nothing holds: a finding of "no", and 12 ¶2's referral all the same.
    case["unit"]["kind"] = json!("court");
    case["conduct"] = json!({});
    let decision = model(&case);
    assert_eq!(
        (&decision["accountable"], &decision["rectification_ordered"]),
        (&json!(false), &json!(false))
    );
    assert_eq!(decision["rung"], Value::Null);
    assert_eq!(
        decision["people"],
        json!([{"name": "张三", "responsibility": "none", "rung": null, "measures": [], "referrals": ["law"]}])
    );
}

/// Change 10: 13–15 「由有管理权限的党政机关对相关责任人……」: the organ, cited to the article of the
/// case's rung; 16 「应当给予党纪政纪处分的,依纪依法追究」 for every 相关责任人, escalated ones
/// included.
#[test]
fn model_change_10_the_authority_is_cited_to_the_rungs_article() {
    let mut case = accountable_case(json!([
        {"name": "张三", "role": "principal_leader", "sanction_warranted": true},
        {"name": "李四", "role": "other_member", "sanction_warranted": true},
        {"name": "王五", "role": "other_member", "sanction_warranted": true},
    ]));
    case["harm"] = json!("serious");
    case["history"] =
        json!([{"measure": "admonishment", "rectified_in_time": false, "people": ["张三", "李四"]}]);
    let decision = model(&case);
    assert_eq!(each(&decision, "responsibility"), json!(["principal_leadership", "none", "none"]));
    assert_eq!(each(&decision, "rung"), json!(["organizational", "organizational", null]));
    assert_eq!(
        each(&decision, "measures"),
        json!([["organizational", "disciplinary_sanction"], ["organizational", "disciplinary_sanction"], []])
    );
    assert_eq!(decision["authority"], json!({"organ": "有管理权限的党政机关", "article": "15"}));
    assert_eq!(decision["unit_consequences"], json!([]));
}

/// Change 11: 17 「根据本办法」: a CMC layer builds on the measures; what they fix it cannot change. Of
/// the keys compared, the scope and the date in force are fixed whatever the layer adds or
/// adopts; a unit that is not military is not the CMC's (17 ¶2 「中国人民解放军和中国人民武装警察
/// 部队」) and is decided as without the layer.
#[test]
fn model_change_11_a_cmc_layer_cannot_change_what_the_measures_fix() {
    let mut case = accountable_case(json!([{"name": "张三", "role": "principal_leader"}]));
    case["case"] = json!("2017-jw-0001");
    case["unit"]["kind"] = json!("military");
    assert_eq!(
        reference::decide(&case, Some(CMC_FROM)),
        json!({"case": "2017-jw-0001", "scope": "specific_provisions", "in_force": true})
    );
    case["unit"]["kind"] = json!("procuratorate");
    let mut national = model(&case);
    national.as_object_mut().expect("an object").remove("layers");
    assert_eq!(reference::decide(&case, Some(CMC_FROM)), national);
    assert_eq!(national["rung"], "notification");
}
