//! `zeren analyze gaps|conflicts`: reasoning over all cases of the loaded policies.

use super::{out, outln};
use crate::analyze;
use crate::source::Source;
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
        let (ra, rb) = (&prog.rules[p.a as usize], &prog.rules[p.b as usize]);
        let (yaml, unmet) = analyze::witness::case_yaml(prog, &p.witness);
        // Run the witness: does the engine decide it as a conflict?
        let shown = match crate::facts::load(prog, &Source::new("witness", yaml.clone())) {
            Ok(mut frames) if frames.len() == 1 => {
                let f = &mut frames[0];
                crate::eval::run(prog, &engine.plan, f);
                let conflicted =
                    f.conflicts.iter().any(|(c, _)| prog.conclusions[*c as usize].name == p.target)
                        || !f.define_conflicts.is_empty();
                if conflicted { "yes" } else { "no" }
            }
            _ => "no (the witness is not a valid case)",
        };
        let mut text = format!(
            "# conflict {}: `{}` and `{}` can both apply and conclude `{}` differently\n# when {}\n",
            i + 1,
            ra.id,
            rb.id,
            p.target,
            crate::solve::domain::describe(prog, &p.witness)
        );
        if !unmet.is_empty() {
            text += &format!("# the case must also bring about: {}\n", unmet.join(", "));
        }
        text += &format!("# decided as a conflict by `zeren eval`: {shown}\n{yaml}");
        match out {
            Some(dir) => {
                let path = dir.join(format!("conflict-{}.yaml", i + 1));
                if let Err(e) = std::fs::write(&path, &text) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::from(2);
                }
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

fn pattern_text(g: &analyze::gaps::Gap) -> String {
    g.pattern.iter().map(|(k, vs)| format!("{k} = {}", vs.join(" | "))).collect::<Vec<_>>().join("; ")
}

pub fn gaps(policy: &[PathBuf]) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let prog = &engine.program;
    let found = analyze::gaps::gaps(prog);
    // With layers loaded, compare with the base set alone: which gaps the layers fill.
    let base: Option<Vec<String>> =
        (!policy.is_empty()).then(|| super::engine(&[]).ok()).flatten().map(|e| {
            analyze::gaps::gaps(&e.program)
                .iter()
                .map(|g| format!("{}: {}", g.conclusion, pattern_text(g)))
                .collect()
        });
    for c in &prog.completes {
        let def = &prog.conclusions[c.conclusion as usize];
        let mine: Vec<&analyze::gaps::Gap> = found.iter().filter(|g| g.conclusion == def.name).collect();
        outln!(
            "{} (must be decided, {}): {} gap(s)",
            def.name,
            crate::render::cite::cite(prog, c.provision, crate::render::Lang::En),
            mine.len()
        );
        for (i, g) in mine.iter().enumerate() {
            let kind = if g.conflict { "rules conflict" } else { "no rule decides it" };
            outln!("  {}. {kind} when {}", i + 1, pattern_text(g));
        }
        if let Some(base) = &base {
            let now: Vec<String> =
                mine.iter().map(|g| format!("{}: {}", g.conclusion, pattern_text(g))).collect();
            for b in base.iter().filter(|b| b.starts_with(&format!("{}: ", def.name)) && !now.contains(b)) {
                outln!(
                    "  a gap of the base set alone, now decided by the layers in whole or in part: {}",
                    b.split_once(": ").map_or("", |x| x.1)
                );
            }
        }
    }
    ExitCode::SUCCESS
}
