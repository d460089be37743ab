//! A conclusion about each member with more rules than the evaluator tests ahead, once per case
//! (64): the rules past the 64th must decide exactly as the first ones do.

use zeren::Engine;
use zeren::Source;

/// 70 rules, the `i`th firing for a member who is `on` when the case's `k` is `i`.
fn policy() -> String {
    let mut text = String::from(
        "measures many { title \"多条规则\" \"many rules\" }\n\
         record Person \"人员\" \"person\" {\n  name: text \"姓名\" \"name\"\n  on: bool = false \"在\" \"on\"\n}\n\
         fact k: int \"编号\" \"k\"\n\
         fact people: list of Person nonempty \"人员\" \"people\"\n\
         each person in people {\n  conclusion hit: bool = false \"命中\" \"hit\"\n}\n\
         article 1 \"规则。\" \"Rules.\" {\n  each person in people {\n",
    );
    for i in 0..70 {
        text.push_str(&format!("    rule r{i} when k == {i} and person.on then person.hit = true\n"));
    }
    text.push_str("  }\n}\ndecision { people { name hit } }\n");
    text
}

fn decide(engine: &Engine, k: i64) -> serde_json::Value {
    let case = format!("k: {k}\npeople:\n  - name: 甲\n    on: true\n  - name: 乙\n");
    let options = zeren::Options { trace: true, ..zeren::Options::default() };
    engine.decide_values(&case, &options).expect("valid case").remove(0)
}

fn hits(engine: &Engine, k: i64) -> Vec<bool> {
    let people = decide(engine, k)["people"].as_array().expect("people").clone();
    people.iter().map(|p| p["hit"].as_bool().expect("hit")).collect()
}

/// The status the trace gives rule `r{i}` for one member.
fn status(decision: &serde_json::Value, i: usize, member: &str) -> String {
    let trace = decision["trace"].as_array().expect("trace");
    let entry = trace.iter().find(|t| t["rule"] == format!("1/r{i}") && t["member"] == member);
    entry.map_or("absent".into(), |t| t["status"].as_str().unwrap_or("").to_string())
}

#[test]
fn rules_past_the_64th_decide_like_the_first() {
    let engine = Engine::from_sources(vec![Source::new("many.policy", policy().as_str())]).expect("checks");
    for k in [0, 63, 64, 69] {
        assert_eq!(hits(&engine, k), [true, false], "k = {k}");
    }
    assert_eq!(hits(&engine, 70), [false, false]);
    // The statuses too: the rule for `k` applied to the member who is on, and no other.
    for k in [63, 64, 69] {
        let d = decide(&engine, k as i64);
        for i in [0, 63, 64, 69] {
            let want = if i == k { "applied" } else { "not_applicable" };
            assert_eq!(status(&d, i, "甲"), want, "k = {k}, rule {i}, 甲");
            assert_eq!(status(&d, i, "乙"), "not_applicable", "k = {k}, rule {i}, 乙");
        }
    }
}
