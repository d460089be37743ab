//! `zeren analyze gaps|conflicts`: reasoning over all cases of the loaded policies.

use super::{out, outln};
use crate::analyze;
use crate::render;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn conflicts(policy: &[PathBuf], out: Option<&PathBuf>) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let prog = &engine.program;
    let pairs = crate::solve::pairs::pairs(prog);
    if let Some(dir) = out
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (i, p) in pairs.iter().enumerate() {
        let (case, unmet) = analyze::witness::case(prog, &p.witness);
        // Run the witness: does the engine decide it as a conflict?
        let decided = analyze::witness::decided_as_conflict(prog, &engine.plan, &case, &p.target);
        let yaml = render::yaml::to_yaml(&case);
        let text = render::analysis::conflict(prog, i, p, &yaml, &unmet, decided);
        match out {
            Some(dir) => {
                let path = dir.join(format!("conflict-{}.yaml", i + 1));
                if let Err(e) = std::fs::write(&path, &text) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::from(2);
                }
                let (ra, rb) = (&prog.rules[p.a as usize], &prog.rules[p.b as usize]);
                outln!("conflict {}: {} / {} on `{}` → {}", i + 1, ra.id, rb.id, p.target, path.display());
            }
            None => {
                if i > 0 {
                    outln!("---");
                }
                out!("{text}");
            }
        }
    }
    outln!("{}{} conflict(s)", if pairs.is_empty() || out.is_some() { "" } else { "# " }, pairs.len());
    ExitCode::SUCCESS
}

pub fn gaps(policy: &[PathBuf]) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let found = engine.gaps();
    // With layers loaded, compare with the base set alone: which gaps the layers fill.
    let base = (!policy.is_empty()).then(|| super::engine(&[]).ok()).flatten().map(|e| e.gaps());
    for gaps in std::iter::once(&found).chain(&base) {
        for note in render::analysis::skipped(gaps) {
            eprintln!("{note}");
        }
    }
    out!("{}", render::analysis::gaps(&engine.program, &found, base.as_ref()));
    ExitCode::SUCCESS
}
