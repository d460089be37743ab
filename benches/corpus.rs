//! Writes a corpus of varied, valid national cases as JSON Lines, for the batch benchmark.
//!
//! `cargo run --release --example corpus -- N SEED > cases.jsonl`
//!
//! The same N and SEED give the same lines. The cases vary the way real ones do: the kinds of unit,
//! collective or individual responsibility, harm and impact, the elements of the circumstances of
//! Article 11 ¶1 (often a complete item, sometimes a partial one, sometimes none), one to eight
//! people with their roles and flags, earlier measures (Articles 14 and 15), a year's duties. Only
//! national facts: no region, no layer's keys, no `unknown`.

use serde_json::{Map, Value, json};
use std::io::{BufWriter, Write};

/// splitmix64: small, fast, and good enough to vary cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
    /// One of `xs` by weight.
    fn weighted<'a, T>(&mut self, xs: &'a [(T, u64)]) -> &'a T {
        let total: u64 = xs.iter().map(|x| x.1).sum();
        let mut r = self.below(total);
        for (x, w) in xs {
            if r < *w {
                return x;
            }
            r -= w;
        }
        &xs[xs.len() - 1].0
    }
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (Howard Hinnant's
/// algorithm), and back.
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn date(z: i64) -> String {
    let (y, m, d) = civil(z);
    format!("{y:04}-{m:02}-{d:02}")
}

const UNIT_KINDS: &[(&str, u64)] = &[
    ("administrative_organ", 30),
    ("party_organ", 10),
    ("congress_organ", 4),
    ("cppcc_organ", 3),
    ("court", 6),
    ("procuratorate", 5),
    ("dispatched_agency", 8),
    ("affiliated_institution", 8),
    ("people_organization", 5),
    ("state_owned_enterprise", 10),
    ("military", 2),
    ("other", 3),
];
const PLACES: &[&str] = &["某县", "某市", "某区", "某镇", "某街道", "某省"];
const BODIES: &[&str] = &[
    "人民政府",
    "信访局",
    "住房和城乡建设局",
    "人力资源和社会保障局",
    "自然资源局",
    "公安局",
    "卫生健康委员会",
    "教育局",
    "供电公司",
    "总工会",
];
const HARM: &[(&str, u64)] = &[("minor", 50), ("serious", 35), ("particularly_serious", 15)];
const IMPACT: &[(&str, u64)] = &[("minor", 50), ("major", 35), ("particularly_major", 15)];
const ROLES: &[(&str, u64)] =
    &[("principal_leader", 20), ("leader_in_charge", 25), ("other_member", 25), ("staff_in_charge", 30)];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "高", "林", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀英", "建国", "春梅", "志勇", "丽丽", "海燕", "国庆",
];

/// The circumstances of Article 11 ¶1, item by item: the alternatives (one or both hold), then
/// the elements that must all hold.
const ITEMS: &[(&[&str], &[&str])] = &[
    (
        &["decision_error", "dereliction"],
        &["harmed_people_interests", "caused_petition_problem", "serious_consequences"],
    ),
    (&["failed_to_process", "ignored_handling_opinion"], &["seriously_harmed_petitioner_rights"]),
    (
        &["perfunctory_or_buck_passing", "rude_to_petitioners"],
        &["harmed_party_people_relations", "serious_consequences"],
    ),
    (
        &["mishandled_collective_visit", "mishandled_negative_opinion"],
        &["situation_escalated", "adverse_impact"],
    ),
    (&["neglected_petition_dept_suggestions"], &["problem_long_unresolved"]),
    (&["other_dereliction"], &[]),
];

/// The conduct: usually one complete item, sometimes two, sometimes only part of one (no
/// circumstance), now and then written out in full with `false`s.
fn conduct(r: &mut Rng) -> Value {
    let mut set = Map::new();
    let complete = *r.weighted(&[(0usize, 12), (1, 70), (2, 15), (3, 3)]);
    for _ in 0..complete {
        let (alts, all) = r.pick(ITEMS);
        let both = alts.len() > 1 && r.chance(20);
        let first = r.below(alts.len() as u64) as usize;
        for (i, a) in alts.iter().enumerate() {
            if both || i == first {
                set.insert((*a).into(), Value::Bool(true));
            }
        }
        for e in all.iter() {
            set.insert((*e).into(), Value::Bool(true));
        }
    }
    // A partial item: some of its elements but not all (it may complete nothing, or add to one).
    if complete == 0 || r.chance(15) {
        let (alts, all) = r.pick(ITEMS);
        if !all.is_empty() {
            set.insert(r.pick(alts).into(), Value::Bool(true));
            for e in all.iter().skip(1) {
                set.insert((*e).into(), Value::Bool(r.chance(50)));
            }
        }
    }
    if r.chance(5) {
        for (alts, all) in ITEMS {
            for k in alts.iter().chain(all.iter()) {
                set.entry(*k).or_insert(Value::Bool(false));
            }
        }
    }
    Value::Object(set)
}

fn person(r: &mut Rng, name: Option<String>, case_kind: &str) -> Value {
    let role = *r.weighted(ROLES);
    let mut p = Map::new();
    if let Some(n) = name {
        p.insert("name".into(), n.into());
    }
    p.insert("role".into(), role.into());
    if r.chance(15) {
        let other = if case_kind == "collective" { "individual" } else { "collective" };
        p.insert("responsibility_type".into(), (if r.chance(70) { other } else { case_kind }).into());
    }
    let took_part = if role == "other_member" { 65 } else { 5 };
    for (flag, percent) in
        [("took_part", took_part), ("opposed", 12), ("sanction_warranted", 10), ("crime_suspected", 4)]
    {
        if r.chance(percent) {
            p.insert(flag.into(), Value::Bool(true));
        } else if r.chance(10) {
            p.insert(flag.into(), Value::Bool(false));
        }
    }
    Value::Object(p)
}

/// Earlier measures in the same matter, oldest first, each before the conduct date.
fn history(r: &mut Rng, conduct_day: i64, names: &[String]) -> Vec<Value> {
    let n = *r.weighted(&[(0usize, 70), (1, 20), (2, 8), (3, 2)]);
    let mut day = conduct_day - 60 - r.below(120 * n as u64 + 1) as i64;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut s = Map::new();
        let measure = if r.chance(65) { "notification" } else { "admonishment" };
        s.insert("measure".into(), measure.into());
        s.insert("rectified_in_time".into(), Value::Bool(r.chance(35)));
        if r.chance(80) {
            s.insert("date".into(), date(day).into());
        }
        if !names.is_empty() && r.chance(40) {
            let mut named: Vec<Value> =
                names.iter().filter(|_| r.chance(50)).map(|x| x.as_str().into()).collect();
            if named.is_empty() {
                named.push(names[r.below(names.len() as u64) as usize].as_str().into());
            }
            // Named in any order: the decision lists them in the case's order.
            if r.chance(30) {
                named.reverse();
            }
            s.insert("people".into(), Value::Array(named));
        }
        if r.chance(20) {
            s.insert("escalated".into(), Value::Bool(true));
        } else if r.chance(5) {
            s.insert("escalated".into(), Value::Bool(false));
        }
        out.push(Value::Object(s));
        day += 30 + r.below(60) as i64;
    }
    out
}

fn duties(r: &mut Rng, year: i64) -> Value {
    let year = if r.chance(75) { year } else { year - 1 };
    let yes = |r: &mut Rng| r.chance(85);
    json!({
        "year": year,
        "on_agenda": yes(r),
        "heard_reports": yes(r),
        "leaders_read_letters": yes(r),
        "leaders_received_visitors": yes(r),
        "special_supervisions": *r.weighted(&[(0u64, 10), (1, 50), (2, 30), (3, 10)]),
        "supervision_results_circulated": yes(r),
        "assessment_mechanism": yes(r),
    })
}

fn case(r: &mut Rng, seed: u64, i: u64) -> Value {
    let first = days(2016, 10, 8);
    let last = days(2025, 12, 31);
    let conduct_day = first + r.below((last - first + 1) as u64) as i64;
    let (year, _, _) = civil(conduct_day);
    let kind = *r.weighted(UNIT_KINDS);
    let responsibility = if r.chance(55) { "collective" } else { "individual" };
    let mut c = Map::new();
    c.insert("case".into(), format!("{year}-b{seed}-{i:07}").into());
    c.insert("conduct_date".into(), date(conduct_day).into());
    if r.chance(70) {
        c.insert("decision_date".into(), date(conduct_day + 15 + r.below(300) as i64).into());
    }
    let mut unit = Map::new();
    if r.chance(90) {
        unit.insert("name".into(), format!("{}{}", r.pick(PLACES), r.pick(BODIES)).into());
    }
    unit.insert("kind".into(), kind.into());
    c.insert("unit".into(), Value::Object(unit));
    c.insert("responsibility".into(), responsibility.into());
    c.insert("harm".into(), (*r.weighted(HARM)).into());
    c.insert("impact".into(), (*r.weighted(IMPACT)).into());
    if !r.chance(3) {
        c.insert("conduct".into(), conduct(r));
    }
    // One to eight people, most cases two to four; names unique within the case, now and then one
    // left out (no history entry then names it).
    let n = *r.weighted(&[(1usize, 15), (2, 25), (3, 22), (4, 15), (5, 9), (6, 6), (7, 4), (8, 4)]);
    let mut names: Vec<String> = Vec::with_capacity(n);
    let mut people = Vec::with_capacity(n);
    for _ in 0..n {
        let name = if r.chance(3) {
            None
        } else {
            let mut name = format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN));
            while names.contains(&name) {
                name.push_str(r.pick(GIVEN));
            }
            names.push(name.clone());
            Some(name)
        };
        people.push(person(r, name, responsibility));
    }
    let history = history(r, conduct_day, &names);
    if !history.is_empty() {
        c.insert("history".into(), Value::Array(history));
    }
    c.insert("people".into(), Value::Array(people));
    if r.chance(40) {
        c.insert("duties".into(), duties(r, year));
    }
    Value::Object(c)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u64| args.get(i).map_or(Ok(default), |a| a.parse::<u64>());
    let (Ok(n), Ok(seed)) = (number(0, 1000), number(1, 1)) else {
        eprintln!("usage: corpus N SEED");
        std::process::exit(2);
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for c in cases(n, seed) {
        serde_json::to_writer(&mut out, &c).expect("write a case");
        out.write_all(b"\n").expect("write a case");
    }
    out.flush().expect("write the corpus");
}

/// The corpus's `n` cases for `seed`, in order (`cargo bench` decides them too).
pub fn cases(n: u64, seed: u64) -> impl Iterator<Item = Value> {
    let mut r = Rng(seed);
    (0..n).map(move |i| case(&mut r, seed, i))
}
