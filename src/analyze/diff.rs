//! Two policy sets over the same cases: which cases they decide differently, key by key, and a
//! summary (how many changed each key, and for a ranked value such as the rung, in which direction).
//! The sets number their symbols differently, so values are compared as the JSON writes them.

use crate::compile::Plan;
use crate::eval::decision::{Decision, Key};
use crate::eval::{Detail, build, plain, run};
use crate::lang::Lang;
use crate::program::frame::Frame;
use crate::program::{Program, Ty};
use crate::source::Source;
use serde_json::Value as J;

/// A policy set as the comparison reads it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The checked program.
    pub program: &'a Program,
    /// How it decides cases.
    pub plan: &'a Plan,
}

/// One case decided differently.
pub struct CaseDiff {
    /// The case file.
    pub file: String,
    /// Position in the file (from 1).
    pub index: usize,
    /// The case's id, when it has one (the decision's first text key).
    pub case: Option<String>,
    /// Each key decided differently.
    pub changes: Vec<KeyChange>,
    /// The provisions that decided the case under the first set only, and under the second only:
    /// what caused the change on each side.
    pub provisions: [Vec<String>; 2],
    /// Both decisions, with their trace, when explanations were asked for.
    pub decisions: Option<Box<(Decision, Decision)>>,
}

/// A key of the decision that a case has otherwise under the second set.
pub struct KeyChange {
    /// The key.
    pub key: String,
    /// Its value under the first set, as the JSON writes it.
    pub before: J,
    /// Its value under the second.
    pub after: J,
}

/// A file that one side cannot decide.
pub struct NotCompared {
    /// The file.
    pub file: String,
    /// Which side: `before`, `after` or `both`.
    pub side: &'static str,
    /// The first problem.
    pub problem: String,
}

/// The cases of a folder decided under both sets.
pub struct Report {
    /// How many cases were compared.
    pub cases: usize,
    /// Those decided differently.
    pub diffs: Vec<CaseDiff>,
    /// Files that one side cannot decide.
    pub errors: Vec<NotCompared>,
    /// What the cases give that the first set does not read (facts, fields, values of optional
    /// facts only the second set knows), left out when deciding them under the first.
    pub unread: Vec<String>,
}

/// How a key changed across the cases.
pub struct KeySummary {
    /// The key.
    pub key: String,
    /// In how many cases it changed.
    pub changed: usize,
    /// For a ranked value: how many moved up the scale, and down.
    pub up: usize,
    /// How many moved down.
    pub down: usize,
}

fn frames(side: Side, name: &str, text: &str, region: Option<&str>) -> Result<Vec<Frame>, String> {
    // The region picks layers on each side where it is declared.
    let selector = region.and_then(|r| side.program.region(r).ok());
    crate::facts::load_with(side.program, &Source::new(name, text), selector)
        .map_err(|es| es.first().map(|e| crate::diagnostic::clip(&e.to_string())).unwrap_or_default())
}

/// The first set's frames: what it can read of cases written for the second (a layer's own cases
/// give facts, and a region, that only the layer knows), and what it left out.
fn frames_known(
    side: Side,
    name: &str,
    text: &str,
    region: Option<&str>,
    unread: &mut Vec<String>,
) -> Result<Vec<Frame>, String> {
    let selector = region.and_then(|r| side.program.region(r).ok());
    let (frames, left) = crate::facts::load_known(side.program, &Source::new(name, text), selector)
        .map_err(|es| es.first().map(|e| crate::diagnostic::clip(&e.to_string())).unwrap_or_default())?;
    for x in left {
        // A key as written in the case: escaped and cut like any text a diagnostic echoes.
        let x = crate::diagnostic::clip(&x);
        if !unread.contains(&x) {
            unread.push(x);
        }
    }
    Ok(frames)
}

/// The case's id: the first key of the decision that is a text.
fn case_id(prog: &Program, d: &Decision) -> Option<String> {
    prog.decision.iter().zip(&d.keys).find_map(|(e, k)| match k {
        Key::One(c) if e.ty == Ty::Text => match c.value {
            crate::program::ir::Value::Text(t) => Some(d.text(t).to_string()),
            _ => None,
        },
        _ => None,
    })
}

/// Decides every case of `files` under both sets and compares.
pub fn diff(
    before: Side,
    after: Side,
    files: &[std::path::PathBuf],
    region: Option<&str>,
    explain: bool,
) -> Report {
    let mut report = Report { cases: 0, diffs: vec![], errors: vec![], unread: vec![] };
    for path in files {
        let name = path.display().to_string();
        let text = match crate::source::read_at_most(path, crate::source::MAX_STREAM_BYTES) {
            Ok(text) => text,
            Err(e) => {
                report.errors.push(NotCompared { file: name, side: "both", problem: e.to_string() });
                continue;
            }
        };
        // The second set reads the whole case (a fault in it is a fault); the first what it knows.
        let mut unread = vec![];
        let b = frames(after, &name, &text, region);
        let a = frames_known(before, &name, &text, region, &mut unread);
        let (mut fa, mut fb) = match (a, b) {
            (Ok(a), Ok(b)) => (a, b),
            (_, Err(e)) => {
                report.errors.push(NotCompared { file: name, side: "after", problem: e });
                continue;
            }
            (Err(e), _) => {
                report.errors.push(NotCompared { file: name, side: "before", problem: e });
                continue;
            }
        };
        for x in unread {
            if !report.unread.contains(&x) {
                report.unread.push(x);
            }
        }
        for (i, (x, y)) in fa.iter_mut().zip(fb.iter_mut()).enumerate() {
            report.cases += 1;
            run(before.program, before.plan, x);
            run(after.program, after.plan, y);
            let detail = if explain { Detail::Traced } else { Detail::Cited };
            let da = build(before.program, x, Lang::Zh, detail);
            let db = build(after.program, y, Lang::Zh, detail);
            // The decision's own keys, not its bookkeeping (layers, notes, findings, provisions).
            let changes: Vec<KeyChange> = before
                .program
                .decision
                .iter()
                .enumerate()
                .filter_map(|(k, e)| {
                    let va = plain::key(before.program, &da, k);
                    let vb = after
                        .program
                        .decision
                        .iter()
                        .position(|x| x.key == e.key)
                        .map_or(J::Null, |k| plain::key(after.program, &db, k));
                    (va != vb).then(|| KeyChange { key: e.key.clone(), before: va, after: vb })
                })
                .collect();
            if changes.is_empty() {
                continue;
            }
            let case = case_id(before.program, &da);
            let ids = |p: &Program, d: &Decision| -> Vec<String> {
                d.articles.iter().map(|a| p.provisions[*a as usize].id.clone()).collect()
            };
            let provisions = only_each(&ids(before.program, &da), &ids(after.program, &db));
            let decisions = explain.then(|| Box::new((da, db)));
            report.diffs.push(CaseDiff {
                file: name.clone(),
                index: i + 1,
                case,
                changes,
                decisions,
                provisions,
            });
        }
    }
    report
}

/// What is in the first list only, and in the second only.
pub fn only_each(a: &[String], b: &[String]) -> [Vec<String>; 2] {
    [
        a.iter().filter(|x| !b.contains(x)).cloned().collect(),
        b.iter().filter(|x| !a.contains(x)).cloned().collect(),
    ]
}

/// Keys of a decision's JSON that say how it was made, not what was decided: not compared.
const BOOKKEEPING: &[&str] = &["digests", "trace", "articles"];

/// Two decisions as their JSON writes them (a stored snapshot and a new decision), key by key:
/// each key whose value differs, in the order of the second, then keys only the first has.
pub fn compare(before: &J, after: &J) -> Vec<KeyChange> {
    let (J::Object(a), J::Object(b)) = (before, after) else {
        return vec![KeyChange { key: String::new(), before: before.clone(), after: after.clone() }];
    };
    let mut out = vec![];
    let keys = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k)));
    for k in keys {
        if BOOKKEEPING.contains(&k.as_str()) {
            continue;
        }
        let (x, y) = (a.get(k).unwrap_or(&J::Null), b.get(k).unwrap_or(&J::Null));
        if x != y {
            out.push(KeyChange { key: k.clone(), before: x.clone(), after: y.clone() });
        }
    }
    out
}

/// The provisions a decision's JSON says decided it.
pub fn articles(d: &J) -> Vec<String> {
    d.get("articles")
        .and_then(J::as_array)
        .map_or(vec![], |a| a.iter().filter_map(J::as_str).map(str::to_string).collect())
}

/// How each key changed across the cases. Up and down are counted for a ranked value (a scale),
/// by the ranks of the set decided after.
pub fn summary(report: &Report, after: &Program) -> Vec<KeySummary> {
    let mut out: Vec<KeySummary> = vec![];
    for d in &report.diffs {
        for KeyChange { key: k, before: a, after: b } in &d.changes {
            let i = match out.iter().position(|x| x.key == *k) {
                Some(i) => i,
                None => {
                    out.push(KeySummary { key: k.clone(), changed: 0, up: 0, down: 0 });
                    out.len() - 1
                }
            };
            out[i].changed += 1;
            if let (Some(ra), Some(rb)) = (rank(after, k, a), rank(after, k, b)) {
                if rb > ra {
                    out[i].up += 1;
                } else if rb < ra {
                    out[i].down += 1;
                }
            }
        }
    }
    out
}

/// The rank of a decision value on its scale, for a key whose conclusion is ranked.
fn rank(prog: &Program, key: &str, v: &J) -> Option<u8> {
    let e = prog.decision.iter().find(|x| x.key == key)?;
    let Ty::Enum(en) = e.ty else { return None };
    let def = &prog.enums[en as usize];
    if !def.scale {
        return None;
    }
    let name = v.as_str()?;
    let s = def.values.iter().find(|s| *prog.sym_id(**s) == *name || prog.syms[**s as usize] == name)?;
    def.bit.get(*s as usize).copied()
}
