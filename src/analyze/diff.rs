//! Two policy sets over the same cases: which cases they decide differently, key by key, and a
//! summary (how many changed each key, and for a ranked value such as the rung, in which direction).

use crate::Engine;
use crate::program::ir::Value;
use crate::program::{Program, Ty};
use crate::render::Lang;
use crate::source::Source;
use serde_json::Value as J;

/// One case decided differently.
pub struct CaseDiff {
    pub file: String,
    /// Position in the file (from 1), and the case's id when it has one.
    pub index: usize,
    pub case: Option<String>,
    /// (key, before, after)
    pub changes: Vec<(String, J, J)>,
    /// Both explanations, when asked for.
    pub explained: Option<(String, String)>,
}

pub struct Report {
    pub cases: usize,
    pub diffs: Vec<CaseDiff>,
    /// Files that one side cannot decide: (file, side, first problem).
    pub errors: Vec<(String, &'static str, String)>,
}

/// Keys compared: the decision's own, not its bookkeeping.
fn compared(k: &str) -> bool {
    !matches!(k, "trace" | "digests" | "layers" | "notes" | "findings" | "articles")
}

fn frames(
    engine: &Engine,
    name: &str,
    text: &str,
    region: Option<&str>,
) -> Result<Vec<crate::program::frame::Frame>, String> {
    let prog = &engine.program;
    let selector = region.and_then(|r| {
        let (_, e) = prog.header.selected_by?;
        prog.enums[e as usize].values.iter().find(|s| prog.syms[**s as usize] == r).map(|s| Value::Sym(*s))
    });
    crate::facts::load_with(prog, &Source::new(name, text), selector)
        .map_err(|es| es.first().map(|e| e.to_string()).unwrap_or_default())
}

fn decided(engine: &Engine, f: &mut crate::program::frame::Frame, lang: Lang) -> J {
    let prog = &engine.program;
    crate::eval::run(prog, &engine.plan, f);
    let mut s = String::new();
    crate::render::json::decision(&mut s, prog, f, lang);
    serde_json::from_str(&s).unwrap_or(J::Null)
}

/// Decides every case of `files` under both sets and compares.
pub fn diff(
    before: &Engine,
    after: &Engine,
    files: &[std::path::PathBuf],
    region: Option<&str>,
    explain: bool,
) -> Report {
    let mut report = Report { cases: 0, diffs: vec![], errors: vec![] };
    for path in files {
        let name = path.display().to_string();
        let Ok(text) = std::fs::read_to_string(path) else {
            report.errors.push((name, "both", "cannot read the file".into()));
            continue;
        };
        let (a, b) = (frames(before, &name, &text, region), frames(after, &name, &text, region));
        let (mut fa, mut fb) = match (a, b) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) => {
                report.errors.push((name, "before", e));
                continue;
            }
            (_, Err(e)) => {
                report.errors.push((name, "after", e));
                continue;
            }
        };
        for (i, (x, y)) in fa.iter_mut().zip(fb.iter_mut()).enumerate() {
            report.cases += 1;
            let (da, db) = (decided(before, x, Lang::Zh), decided(after, y, Lang::Zh));
            let keys: Vec<String> = da.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
            let changes: Vec<(String, J, J)> = keys
                .into_iter()
                .filter(|k| compared(k) && da[k] != db[k])
                .map(|k| (k.clone(), da[&k].clone(), db[&k].clone()))
                .collect();
            if changes.is_empty() {
                continue;
            }
            let explained = explain.then(|| {
                let mut l = String::new();
                let mut r = String::new();
                crate::render::human::decision(&mut l, &before.program, x, Lang::Zh, true);
                crate::render::human::decision(&mut r, &after.program, y, Lang::Zh, true);
                (l, r)
            });
            report.diffs.push(CaseDiff {
                file: name.clone(),
                index: i + 1,
                case: da["case"].as_str().map(str::to_string),
                changes,
                explained,
            });
        }
    }
    report
}

/// How a key changed across the cases: (key, changed, up, down). Up and down are counted for a
/// ranked value (a scale), by the ranks of the set decided after.
pub fn summary(report: &Report, after: &Program) -> Vec<(String, usize, usize, usize)> {
    let mut out: Vec<(String, usize, usize, usize)> = vec![];
    for d in &report.diffs {
        for (k, a, b) in &d.changes {
            let i = match out.iter().position(|x| x.0 == *k) {
                Some(i) => i,
                None => {
                    out.push((k.clone(), 0, 0, 0));
                    out.len() - 1
                }
            };
            out[i].1 += 1;
            if let (Some(ra), Some(rb)) = (rank(after, k, a), rank(after, k, b)) {
                if rb > ra {
                    out[i].2 += 1;
                } else if rb < ra {
                    out[i].3 += 1;
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
