//! `zeren check`: check policy files and say what was checked.

use super::outln;
use std::path::PathBuf;
use std::process::ExitCode;

/// `zeren check --format json`: every diagnostic (code, severity, file, line, column, message,
/// help, labels), whether the set checks, and its layers; exit 1 when it does not.
fn json(paths: &[PathBuf]) -> ExitCode {
    let out = match crate::source::read_policies(paths) {
        Err(e) => {
            serde_json::json!({"ok": false, "diagnostics": crate::diagnostic::json::problems(&e), "layers": []})
        }
        Ok(more) => crate::Engine::check_report(more).0,
    };
    outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    if out["ok"] == true { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

pub fn run(paths: &[PathBuf], format: super::CheckFormat) -> ExitCode {
    if format == super::CheckFormat::Json {
        return json(paths);
    }
    let mut engine = match super::engine(paths) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let conflicts = engine.conflicts().count();
    let warned = !engine.warnings.is_empty();
    let compared = !engine.warnings.iter().any(|w| matches!(w, crate::check::CheckError::NotCompared { .. }));
    for w in std::mem::take(&mut engine.warnings) {
        super::report(&w);
    }
    if conflicts > 0 {
        eprintln!(
            "error: {conflicts} conflict(s) between rules without precedence; `zeren eval` decides the \
             cases they disagree on as conflicts, and `zeren analyze conflicts` writes a case for each"
        );
        return ExitCode::from(1);
    }
    let p = &engine.program;
    let articles = p.provisions.iter().filter(|x| x.parent.is_none()).count();
    let text_only = p.provisions.iter().filter(|x| x.text_only.is_some()).count();
    let files: Vec<&str> = p.sources.iter().map(|s| &*s.name).collect();
    outln!(
        "checked {} ({}): {} files, {} chapters, {} articles, {} provisions ({} text only), {} facts, {} conclusions, {} definitions, {} rules",
        p.header.id,
        p.header.title.zh,
        files.len(),
        p.chapters.len(),
        articles,
        p.provisions.len(),
        text_only,
        p.facts.len(),
        p.conclusions.len(),
        p.lets.len(),
        p.rules.len(),
    );
    for l in p.layers.iter().skip(1) {
        let kind = l.issuer_kind.map(|k| p.syms[k as usize].as_str()).unwrap_or("?");
        let from = l.effective.map(crate::date::format).unwrap_or_default();
        let until = l.until.map(|d| format!(" until {}", crate::date::format(d))).unwrap_or_default();
        let applies = l.applies();
        outln!(
            "  with layer {} ({}): issued by {} ({kind}), in force from {from}{until}, deciding cases where {}; {}",
            l.id,
            l.title.zh,
            l.issuer,
            if applies.is_empty() { "always".to_string() } else { applies.join(" and ") },
            l.digest
        );
    }
    outln!(
        "no problems found: names, types, cycles, {}rules that never apply{}",
        if compared { "conflicts, " } else { "" },
        if warned { "" } else { ", unused vocabulary" }
    );
    ExitCode::SUCCESS
}
