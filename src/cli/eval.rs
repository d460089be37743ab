//! `zeren eval`: decide cases.

use super::Format;
use super::{out, outln};
use crate::render::{self, Lang};
use crate::source::Source;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// What to show beside the decision.
#[derive(Clone, Copy, Default)]
pub struct Show {
    pub explain: bool,
    pub what_if: bool,
}

pub fn run(
    cases: &[PathBuf],
    policy: &[PathBuf],
    region: Option<&str>,
    format: Format,
    lang: Lang,
    show: Show,
) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let prog = &engine.program;
    for w in engine.conflicts() {
        eprintln!("{w:?}");
    }
    let selector = match region.map(|r| region_value(prog, r)) {
        None => None,
        Some(Ok(v)) => Some(v),
        Some(Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // Read and check every file first: nothing is decided if any input has an error.
    let mut frames = vec![];
    let mut failed = false;
    for path in cases {
        let (name, text) = if path.as_os_str() == "-" {
            let mut s = String::new();
            if std::io::stdin().read_to_string(&mut s).is_err() {
                eprintln!("error: cannot read standard input");
                return ExitCode::from(2);
            }
            ("<stdin>".to_string(), s)
        } else {
            match std::fs::read_to_string(path) {
                Ok(t) => (path.display().to_string(), t),
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        };
        match crate::facts::load_with(prog, &Source::new(name, text), selector) {
            Ok(fs) => frames.extend(fs),
            Err(es) => {
                failed = true;
                for e in es {
                    eprintln!("{:?}", miette::Report::new(e));
                }
            }
        }
    }
    if failed {
        return ExitCode::from(1);
    }
    let mut out = String::new();
    let many = frames.len() > 1;
    let mut jsons = vec![];
    for (i, mut f) in frames.into_iter().enumerate() {
        // A case with unknown facts is decided under each answer.
        if !f.unknown.is_empty() {
            match format {
                Format::Human => {
                    if i > 0 {
                        out.push_str("\n────────\n\n");
                    }
                    crate::analyze::unknown::human(&mut out, prog, &engine.plan, &f, lang);
                }
                Format::Json | Format::Yaml => {
                    let d = crate::analyze::unknown::decide(prog, &engine.plan, &f, lang);
                    jsons.push(serde_json::to_string_pretty(&d).unwrap_or_default());
                }
            }
            continue;
        }
        crate::eval::run(prog, &engine.plan, &mut f);
        match format {
            Format::Human => {
                if i > 0 {
                    out.push_str("\n────────\n\n");
                }
                render::human::decision(&mut out, prog, &f, lang, show.explain);
                if show.what_if {
                    render::whatif::human(&mut out, prog, &engine.plan, &f, lang);
                }
            }
            Format::Json | Format::Yaml => {
                let mut s = String::new();
                render::json::decision(&mut s, prog, &f, lang);
                if show.what_if
                    && let Ok(serde_json::Value::Object(mut o)) =
                        serde_json::from_str::<serde_json::Value>(&s)
                {
                    o.insert("what_if".into(), render::whatif::json(prog, &engine.plan, &f));
                    s = serde_json::to_string_pretty(&serde_json::Value::Object(o)).unwrap_or(s);
                }
                jsons.push(s);
            }
        }
    }
    match format {
        Format::Human => out!("{out}"),
        Format::Json if many => outln!("[\n{}\n]", jsons.join(",\n")),
        Format::Json => outln!("{}", jsons.join("")),
        Format::Yaml => {
            for (i, j) in jsons.iter().enumerate() {
                if i > 0 || many {
                    outln!("---");
                }
                match serde_json::from_str::<serde_json::Value>(j) {
                    Ok(v) => out!("{}", render::yaml::to_yaml(&v)),
                    Err(_) => outln!("{j}"),
                }
            }
        }
    }
    ExitCode::SUCCESS
}

/// The value `--region` gives the fact that selects layers: one of the regions of the layers
/// loaded.
fn region_value(prog: &crate::program::Program, r: &str) -> Result<crate::program::ir::Value, String> {
    let Some((_, e)) = prog.header.selected_by else {
        return Err("these policies name no fact that selects a layer (`selected_by`)".into());
    };
    let def = &prog.enums[e as usize];
    match def.values.iter().find(|s| prog.syms[**s as usize] == r) {
        Some(s) => Ok(crate::program::ir::Value::Sym(*s)),
        None if def.values.is_empty() => Err(format!(
            "no layer for region `{r}` is loaded; load its implementing rules with `--policy FILE`"
        )),
        None => {
            let known: Vec<&str> = def.values.iter().map(|s| prog.syms[*s as usize].as_str()).collect();
            Err(format!("no layer for region `{r}` is loaded; the regions loaded are: {}", known.join(", ")))
        }
    }
}
