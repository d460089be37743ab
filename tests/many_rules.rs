//! A conclusion about each member with more rules than the evaluator tests ahead, once per case
//! (64): the rules past the 64th must decide exactly as the first ones do.

use zeren::Engine;
use zeren::syntax::Source;

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

fn hits(engine: &Engine, k: i64) -> Vec<bool> {
    let case = format!("k: {k}\npeople:\n  - name: 甲\n    on: true\n  - name: 乙\n");
    let decisions = engine.decide_str("case.yaml", &case).expect("valid case");
    let people = decisions[0]["people"].as_array().expect("people").clone();
    people.iter().map(|p| p["hit"].as_bool().expect("hit")).collect()
}

#[test]
fn rules_past_the_64th_decide_like_the_first() {
    let engine = Engine::from_sources(vec![Source::new("many.policy", policy().as_str())]).expect("checks");
    for k in [0, 63, 64, 69] {
        assert_eq!(hits(&engine, k), [true, false], "k = {k}");
    }
    assert_eq!(hits(&engine, 70), [false, false]);
}
