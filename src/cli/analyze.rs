//! `zeren analyze gaps|conflicts`: reasoning over all cases of the loaded policies.

use super::{out, outln};
use crate::analyze;
use crate::lang::Lang;
use crate::render;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn conflicts(policy: &[PathBuf], out: Option<&PathBuf>, lang: Lang) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let prog = &engine.program;
    let limit = crate::solve::pairs::MAX_PAIRS;
    let all = crate::solve::pairs::pairs(prog, limit);
    if all.stopped {
        eprintln!("note: the search for conflicts stopped after {limit}; there may be more");
    }
    for (a, b) in &all.unsettled {
        let (ra, rb) = (&prog.rules[*a as usize], &prog.rules[*b as usize]);
        eprintln!(
            "note: `{}` and `{}` were not compared: the search for a case where both apply stopped after {} steps",
            ra.id,
            rb.id,
            crate::solve::domain::MAX_STEPS
        );
    }
    let pairs = all.found;
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
        let text = render::analysis::conflict(prog, i, p, &yaml, &unmet, decided, lang);
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
    let hash = if pairs.is_empty() || out.is_some() { "" } else { "# " };
    match lang {
        Lang::Zh => outln!("{hash}共{}对规则相互冲突", pairs.len()),
        Lang::En => outln!("{hash}{} conflict(s)", pairs.len()),
    }
    ExitCode::SUCCESS
}

pub fn gaps(policy: &[PathBuf], lang: Lang) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    // With layers loaded, each layer's cases apart, compared with the base set alone.
    let text = match (!policy.is_empty()).then(|| super::engine(&[]).ok()).flatten() {
        Some(base) => render::analysis::by_layer(&engine.program, &engine.gaps_by_layer(&base), lang),
        None => render::analysis::gaps(&engine.program, &engine.gaps(), lang),
    };
    out!("{text}");
    ExitCode::SUCCESS
}
