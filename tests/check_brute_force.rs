// The checker's conflict and never-fires findings against brute force: small random policies
// (two scale facts, two bool facts, 2–4 rules concluding one enum) whose every case (3·3·2·2) is
// evaluated here, independently of zeren, to say which rules never apply and which pairs can both
// apply with different values.

use proptest::prelude::*;
use std::collections::BTreeSet;
use zeren::{CheckError, Engine, Problem, Source};

#[derive(Debug, Clone)]
enum Cond {
    /// `p` or `q` (0, 1).
    Flag(usize),
    /// `x` or `y` (0, 1), an operator (index into `OPS`), a level 0–2.
    Cmp(usize, usize, usize),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

const OPS: [&str; 6] = ["==", "!=", "<", "<=", ">", ">="];

impl Cond {
    fn text(&self) -> String {
        match self {
            Cond::Flag(i) => ["p", "q"][*i].to_string(),
            Cond::Cmp(v, op, l) => format!("{} {} l{l}", ["x", "y"][*v], OPS[*op]),
            Cond::Not(c) => format!("not ({})", c.text()),
            Cond::And(a, b) => format!("({} and {})", a.text(), b.text()),
            Cond::Or(a, b) => format!("({} or {})", a.text(), b.text()),
        }
    }

    /// Its value in the case `levels` (x, y), `flags` (p, q).
    fn holds(&self, levels: [usize; 2], flags: [bool; 2]) -> bool {
        match self {
            Cond::Flag(i) => flags[*i],
            Cond::Cmp(v, op, l) => {
                let (a, b) = (levels[*v], *l);
                [a == b, a != b, a < b, a <= b, a > b, a >= b][*op]
            }
            Cond::Not(c) => !c.holds(levels, flags),
            Cond::And(a, b) => a.holds(levels, flags) && b.holds(levels, flags),
            Cond::Or(a, b) => a.holds(levels, flags) || b.holds(levels, flags),
        }
    }
}

fn cond() -> impl Strategy<Value = Cond> {
    let leaf = prop_oneof![
        (0..2usize).prop_map(Cond::Flag),
        (0..2usize, 0..6usize, 0..3usize).prop_map(|(v, o, l)| Cond::Cmp(v, o, l))
    ];
    leaf.prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| Cond::Not(Box::new(c))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Cond::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner).prop_map(|(a, b)| Cond::Or(Box::new(a), Box::new(b))),
        ]
    })
}

/// Every case of the four facts.
fn cases() -> impl Iterator<Item = ([usize; 2], [bool; 2])> {
    (0..36).map(|i| ([i % 3, i / 3 % 3], [i / 9 % 2 == 1, i / 18 == 1]))
}

fn policy(rules: &[(Cond, usize)]) -> String {
    let mut text = String::from(
        "measures brute { title \"穷举\" \"brute force\" }\n\
         scale Lvl \"级\" \"level\" { l0 \"零\" \"zero\" l1 \"一\" \"one\" l2 \"二\" \"two\" }\n\
         enum Out \"果\" \"outcome\" { v0 \"零\" \"zero\" v1 \"一\" \"one\" v2 \"二\" \"two\" }\n\
         fact x: Lvl \"甲\" \"x\"\nfact y: Lvl \"乙\" \"y\"\n\
         fact p: bool \"丙\" \"p\"\nfact q: bool \"丁\" \"q\"\n\
         conclusion out: Out \"果\" \"outcome\"\n\
         article 1 \"规则\" \"rules\" {\n",
    );
    for (i, (c, v)) in rules.iter().enumerate() {
        text.push_str(&format!("  rule r{i} when {} then out = v{v}\n", c.text()));
    }
    text.push_str("}\ndecision { x y p q out }\n");
    text
}

/// The rule's own name, from its id (`1/r0`).
fn name(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn findings_agree_with_every_case(rules in prop::collection::vec((cond(), 0..3usize), 2..5)) {
        let text = policy(&rules);
        // Brute force: which rules apply in no case, which pairs both apply with different values.
        let never: BTreeSet<String> = rules
            .iter()
            .enumerate()
            .filter(|(_, (c, _))| !cases().any(|(l, f)| c.holds(l, f)))
            .map(|(i, _)| format!("r{i}"))
            .collect();
        let mut conflicts = BTreeSet::new();
        for (i, (ci, vi)) in rules.iter().enumerate() {
            for (j, (cj, vj)) in rules.iter().enumerate().skip(i + 1) {
                if vi != vj && cases().any(|(l, f)| ci.holds(l, f) && cj.holds(l, f)) {
                    conflicts.insert((format!("r{i}"), format!("r{j}")));
                }
            }
        }
        // The checker: never-fires is an error, a conflict a warning (both among the problems
        // when the set does not load).
        let checked: Vec<CheckError> = match Engine::from_sources(vec![Source::new("brute.policy", text.as_str())]) {
            Ok(e) => e.warnings,
            Err(e) => e
                .problems
                .into_iter()
                .map(|p| match p {
                    Problem::Check(c) => Ok(c),
                    other => Err(format!("{other}")),
                })
                .collect::<Result<_, _>>()
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?,
        };
        let mut found_never = BTreeSet::new();
        let mut found_conflicts = BTreeSet::new();
        for c in &checked {
            match c {
                CheckError::NeverFires { rule, .. } => {
                    found_never.insert(name(rule));
                }
                CheckError::Conflict { a, b, .. } => {
                    let (a, b) = (name(a), name(b));
                    found_conflicts.insert(if a < b { (a, b) } else { (b, a) });
                }
                other => prop_assert!(false, "unexpected finding `{}`\n{}", other, text),
            }
        }
        prop_assert_eq!(found_never, never, "never-fires\n{}", text);
        prop_assert_eq!(found_conflicts, conflicts, "conflicts\n{}", text);
    }
}
