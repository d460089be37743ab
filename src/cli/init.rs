//! `zeren init LAYER-ID --issuer … --kind …`: a folder for a new layer of implementing rules — the
//! layer's file with its header, and beside it a first scenario that passes — from the templates in
//! `policies/templates/`. The layer is checked before anything is written; the scenario is run
//! after.

use super::outln;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const LAYER: &str = include_str!("../../policies/templates/layer.policy.tmpl");
const SCENARIOS: &str = include_str!("../../policies/templates/scenarios.yaml.tmpl");

/// What the layer is.
pub struct Asked<'a> {
    pub id: &'a str,
    pub issuer: &'a str,
    pub kind: &'a str,
    pub region: Option<&'a str>,
    pub title: Option<&'a str>,
    pub effective: &'a str,
    pub dir: Option<&'a Path>,
}

/// The region value of a layer id: `example-province-2019` → `example_province`.
fn region_of(id: &str) -> String {
    let words: Vec<&str> = id.split('-').collect();
    let keep = match words.last() {
        Some(w) if words.len() > 1 && w.bytes().all(|b| b.is_ascii_digit()) => &words[..words.len() - 1],
        _ => &words[..],
    };
    keep.join("_")
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in pairs {
        out = out.replace(k, v);
    }
    out
}

pub fn run(a: Asked) -> ExitCode {
    let valid =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid(a.id) {
        eprintln!(
            "error: `{}` is not a layer id: use letters, digits and `-`, as in `example-province-2019`",
            a.id
        );
        return ExitCode::from(2);
    }
    if a.issuer.contains('"') || a.title.is_some_and(|t| t.contains('"')) {
        eprintln!(
            "error: the issuer and the title are written in quotes in the layer: leave `\"` out of them"
        );
        return ExitCode::from(2);
    }
    let region = a.region.map_or_else(|| region_of(a.id), str::to_string);
    let title = a.title.map_or_else(|| format!("{}实施细则", a.issuer), str::to_string);
    let file = format!("{}.policy", a.id);
    let pairs = [
        ("LAYER_ID", a.id),
        ("LAYER_TITLE", title.as_str()),
        ("LAYER_FILE", file.as_str()),
        ("ISSUER_TEXT", a.issuer),
        ("ISSUER_KIND", a.kind),
        ("REGION_VALUE", region.as_str()),
        ("EFFECTIVE_DATE", a.effective),
    ];
    let dir = a.dir.map_or_else(|| PathBuf::from(a.id), Path::to_path_buf);
    if dir.exists() {
        eprintln!("error: {} exists already; give another `--dir`, or remove it", dir.display());
        return ExitCode::from(2);
    }
    let layer = fill(LAYER, &pairs);
    let layer_path = dir.join(&file);
    // Checked before anything is written: an issuer kind Article 17 does not allow, a bad date or
    // id is said here, with the checker's own diagnostics.
    let source = crate::source::Source::new(layer_path.display().to_string(), layer.as_str());
    if let Err(e) = crate::Engine::load(vec![source]) {
        for p in e.problems {
            super::report(&p);
        }
        eprintln!("error: nothing written: the new layer would not check (see above)");
        return ExitCode::from(1);
    }
    // Beside the layer: a scenario names its files in its own folder.
    let first = dir.join(format!("{}.scenarios.yaml", a.id));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(&layer_path, &layer))
        .and_then(|_| std::fs::write(&first, fill(SCENARIOS, &pairs)));
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let report = crate::scenario::run(std::slice::from_ref(&first));
    outln!("created {}", layer_path.display());
    outln!("created {}", first.display());
    outln!("{} passed, {} failed", report.passed(), report.failed());
    outln!(
        "next: write the articles in {}, then `zeren check {}` and `zeren test {}`",
        layer_path.display(),
        layer_path.display(),
        dir.display()
    );
    if report.failed() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
