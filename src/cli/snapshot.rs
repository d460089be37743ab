//! `zeren snapshot CASES... --store DIR`: each case file's decisions (without the trace) kept as a
//! file a reviewer reads in a pull request, `DIR/<the case's path>.snap.json`, with a header
//! naming the layers and digests it was accepted under. A first run writes them; later runs
//! compare, key by key: a decision that changed is written beside its snapshot as `.snap.json.new`
//! (pending, as insta does) and the run fails; `--check` writes nothing and fails on any
//! difference; `--accept` makes every pending change the snapshot. The differences are said in
//! the reader's language (whose measure changed, which rung, which provisions now decide), with a
//! summary table; new and deleted cases are reported as such.

use super::{out, outln};
use crate::analyze::diff::{CaseDiff, Report, compare, only_each, summary};
use crate::engine::{Engine, Options};
use serde_json::{Value as J, json};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

/// What the run may write.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// New snapshots, and pending files for changes.
    Write,
    /// Nothing.
    Check,
    /// Every change, as the snapshot.
    Accept,
}

const SUFFIX: &str = ".snap.json";

/// The case files under the paths, and where each one's snapshot goes.
fn cases(paths: &[PathBuf], store: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let mut out = vec![];
    for p in paths {
        let rel = p.strip_prefix("./").unwrap_or(p);
        if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::ParentDir)) {
            return Err(format!(
                "{}: give the cases by a path inside the current folder (their snapshots mirror it)",
                p.display()
            ));
        }
        let files = if p.is_dir() { walk(p) } else { vec![p.clone()] };
        for f in files {
            let rel = f.strip_prefix("./").unwrap_or(&f).to_path_buf();
            let snap = store.join(format!("{}{SUFFIX}", rel.display()));
            out.push((f, snap));
        }
    }
    Ok(out)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    entries.sort();
    let mut out = vec![];
    for e in entries {
        if crate::source::inside(dir, &e).is_err() {
            continue;
        }
        if e.is_dir() {
            out.extend(walk(&e));
        } else if e.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json") {
            out.push(e);
        }
    }
    out
}

/// Every snapshot file under the store.
fn stored(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            stored(&e, out);
        } else if e.to_string_lossy().ends_with(SUFFIX) {
            out.push(e);
        }
    }
}

/// A case file's snapshot: the header, and its decisions as the JSON writes them (no trace, no
/// digests: those are the header's).
fn snapshot(engine: &Engine, case: &Path, text: &str) -> Result<J, crate::engine::DecideError> {
    let options = Options { name: case.display().to_string(), ..Options::default() };
    let decisions: Vec<J> = engine
        .decide(text, &options)?
        .iter()
        .map(|d| {
            let mut v = engine.json_value(d);
            if let J::Object(o) = &mut v {
                o.shift_remove("digests");
                o.shift_remove("trace");
            }
            v
        })
        .collect();
    let layers = engine.layer_digests();
    Ok(
        json!({"zeren_snapshot": 1, "case": case.display().to_string(), "accepted_under": layers, "decisions": decisions}),
    )
}

fn text(v: &J) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

pub fn run(
    paths: &[PathBuf],
    policy: &[PathBuf],
    store: &Path,
    mode: Mode,
    lang: crate::lang::Lang,
) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let files = match cases(paths, store) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let en = lang.en();
    let mut report = Report { cases: 0, diffs: vec![], errors: vec![], unread: vec![] };
    let (mut new, mut failed, mut written) = (vec![], false, 0);
    let mut writes: Vec<(PathBuf, String)> = vec![];
    let mut removes: Vec<PathBuf> = vec![];
    for (case, snap) in &files {
        let Ok(text_in) = crate::source::read_file(case) else {
            eprintln!("error: cannot read {}", case.display());
            failed = true;
            continue;
        };
        let now = match snapshot(&engine, case, &text_in) {
            Ok(v) => v,
            Err(e) => {
                super::report(&e);
                failed = true;
                continue;
            }
        };
        let decided = now["decisions"].as_array().cloned().unwrap_or_default();
        report.cases += decided.len();
        let pending = PathBuf::from(format!("{}.new", snap.display()));
        let old: Option<J> = std::fs::read_to_string(snap).ok().and_then(|t| serde_json::from_str(&t).ok());
        let Some(old) = old else {
            new.push(case.display().to_string());
            if mode != Mode::Check {
                writes.push((snap.clone(), text(&now)));
            }
            continue;
        };
        let before = old["decisions"].as_array().cloned().unwrap_or_default();
        let mut changed = before.len() != decided.len();
        for i in 0..before.len().max(decided.len()) {
            let (a, b) = (before.get(i).unwrap_or(&J::Null), decided.get(i).unwrap_or(&J::Null));
            let changes = compare(a, b);
            if changes.is_empty() {
                continue;
            }
            changed = true;
            let case_id = b.get("case").or_else(|| a.get("case")).and_then(J::as_str).map(str::to_string);
            let provisions =
                only_each(&crate::analyze::diff::articles(a), &crate::analyze::diff::articles(b));
            report.diffs.push(CaseDiff {
                file: case.display().to_string(),
                index: i + 1,
                case: case_id,
                changes,
                decisions: None,
                provisions,
            });
        }
        match (changed, mode) {
            (true, Mode::Accept) => {
                writes.push((snap.clone(), text(&now)));
                removes.push(pending);
            }
            (true, Mode::Write) => writes.push((pending, text(&now))),
            (false, Mode::Accept | Mode::Write) if pending.exists() => removes.push(pending),
            _ => {}
        }
    }
    // Snapshots whose case is gone.
    let mut all = vec![];
    stored(store, &mut all);
    let deleted: Vec<PathBuf> = all
        .into_iter()
        .filter(|s| !files.iter().any(|(_, x)| x == s))
        .filter(|s| {
            let case = s
                .strip_prefix(store)
                .ok()
                .map(|r| PathBuf::from(r.display().to_string().trim_end_matches(SUFFIX)));
            case.is_some_and(|c| !c.exists())
        })
        .collect();
    if mode == Mode::Accept {
        removes.extend(deleted.iter().cloned());
    }
    for (path, body) in &writes {
        if let Some(parent) = path.parent()
            && std::fs::create_dir_all(parent).is_err()
        {
            eprintln!("error: cannot make {}", parent.display());
            return ExitCode::from(2);
        }
        if std::fs::write(path, body).is_err() {
            eprintln!("error: cannot write {}", path.display());
            return ExitCode::from(2);
        }
        written += 1;
    }
    for r in &removes {
        let _ = std::fs::remove_file(r);
    }
    // What changed, in the reader's language.
    let table = summary(&report, &engine.program);
    if !report.diffs.is_empty() {
        out!("{}", crate::render::diff::text(&report, &table, &engine.program, &engine.program, lang));
    }
    for n in &new {
        outln!("{} {n}", if en { "new case:" } else { "新增案件：" });
    }
    for d in &deleted {
        outln!(
            "{} {}",
            if en { "deleted case, its snapshot:" } else { "已删除的案件，其快照：" },
            d.display()
        );
    }
    let differs = !report.diffs.is_empty() || !deleted.is_empty() || (mode == Mode::Check && !new.is_empty());
    outln!(
        "{}",
        match (mode, differs, en) {
            (Mode::Check, false, true) => format!("{} cases, every decision as its snapshot", report.cases),
            (Mode::Check, false, false) => format!("共{}个案件，判定均与快照一致", report.cases),
            (Mode::Check, true, true) => "the decisions differ from their snapshots: run `zeren snapshot` to see them pending, `--accept` to accept them".into(),
            (Mode::Check, true, false) => "判定与快照不一致：运行 `zeren snapshot` 生成待审文件，确认后加 `--accept`".into(),
            (Mode::Accept, _, true) => format!("{} cases; {written} snapshot file(s) written, {} removed", report.cases, deleted.len()),
            (Mode::Accept, _, false) => format!("共{}个案件；写入快照文件{written}个，删除{}个", report.cases, deleted.len()),
            (Mode::Write, _, true) => format!("{} cases; {} new snapshot(s), {} change(s) pending (`.snap.json.new`): review them, then `--accept`", report.cases, new.len(), report.diffs.len()),
            (Mode::Write, _, false) => format!("共{}个案件；新增快照{}个，待审变化{}处（`.snap.json.new`），审阅后加 `--accept`", report.cases, new.len(), report.diffs.len()),
        }
    );
    if failed || (mode != Mode::Accept && differs) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
