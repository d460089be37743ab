//! Running scenario files: one engine per set of layers, each scenario's case decided and its
//! expectations compared; coverage gathered across all of them.

use super::compare;
use super::coverage::Coverage;
use super::error::ScenarioError;
use super::parse::{CaseRef, Scenario, scenarios};
use crate::engine::Engine;
use crate::facts::span_of;
use crate::lang::Lang;
use crate::source::{ReadError, Source, read_file, stays_below};
use crate::suggest::did_you_mean;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What became of one scenario.
pub struct Outcome {
    /// The scenario file.
    pub file: String,
    /// The scenario's name.
    pub name: String,
    /// Readable differences between what was expected and what was decided.
    pub failures: Vec<String>,
    /// Problems that kept it from running (diagnostics).
    pub errors: Vec<miette::Report>,
    /// The provisions whose rules fired on its case.
    pub exercised: Vec<String>,
    /// How long it took to run, in seconds.
    pub seconds: f64,
}

impl Outcome {
    /// Whether it ran and every expectation held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.errors.is_empty()
    }
}

/// What became of every scenario of the files run.
pub struct Report {
    /// Each scenario's outcome.
    pub outcomes: Vec<Outcome>,
    /// Files that could not be read as scenarios at all.
    pub file_errors: Vec<(String, Vec<miette::Report>)>,
    /// What the scenarios exercised, layer by layer.
    pub coverage: Coverage,
}

impl Report {
    /// How many scenarios passed.
    pub fn passed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.passed()).count()
    }

    /// How many failed (a file that is not a scenario file counts as one).
    pub fn failed(&self) -> usize {
        self.outcomes.len() - self.passed() + self.file_errors.len()
    }
}

/// Every `.yaml`/`.yml` file under the paths (files, or folders walked in name order); a link
/// out of a folder walked is refused.
fn scenario_files(paths: &[PathBuf], out: &mut Vec<PathBuf>, refused: &mut Vec<(String, ReadError)>) {
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> =
                std::fs::read_dir(p).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
            entries.sort();
            entries.retain(|e| match crate::source::inside(p, e) {
                Ok(()) => true,
                Err(err) => {
                    refused.push((e.display().to_string(), err));
                    false
                }
            });
            let (dirs, files): (Vec<PathBuf>, Vec<PathBuf>) = entries.into_iter().partition(|e| e.is_dir());
            out.extend(
                files.into_iter().filter(|f| f.extension().is_some_and(|x| x == "yaml" || x == "yml")),
            );
            scenario_files(&dirs, out, refused);
        } else {
            out.push(p.clone());
        }
    }
}

/// A path as written in a scenario: from the current folder, or else from the scenario's own;
/// never absolute nor climbing above either (see [`stays_below`]).
fn resolve(written: &str, file: &Path) -> Result<PathBuf, String> {
    if !stays_below(written) {
        return Err(format!(
            "`{written}` is outside the scenario's folder: a scenario names files in its own folder or \
             the current one, by a relative path that does not climb above it"
        ));
    }
    let p = PathBuf::from(written);
    if p.exists() {
        return Ok(p);
    }
    Ok(file.parent().map(|d| d.join(written)).filter(|x| x.exists()).unwrap_or(p))
}

/// Runs every scenario under the paths.
pub fn run(paths: &[PathBuf]) -> Report {
    run_matching(paths, None)
}

/// Runs the scenarios under the paths whose name or file contains `filter` (all without one).
pub fn run_matching(paths: &[PathBuf], filter: Option<&str>) -> Report {
    let (mut files, mut refused) = (vec![], vec![]);
    scenario_files(paths, &mut files, &mut refused);
    let mut report = Report { outcomes: vec![], file_errors: vec![], coverage: Coverage::default() };
    for (name, e) in refused {
        report.file_errors.push((name, vec![miette::Report::new(e)]));
    }
    let mut engines: HashMap<Vec<PathBuf>, Result<Engine, String>> = HashMap::new();
    let mut registered: std::collections::HashSet<Vec<PathBuf>> = Default::default();
    for file in files {
        let name = file.display().to_string();
        let text = match read_file(&file) {
            Ok(t) => t,
            Err(e) => {
                report.file_errors.push((name, vec![miette::Report::new(e)]));
                continue;
            }
        };
        let src = Source::new(name.clone(), text);
        let list = match scenarios(&src) {
            Ok(l) => l,
            Err(errs) => {
                report.file_errors.push((name, errs));
                continue;
            }
        };
        for sc in list {
            if filter.is_some_and(|f| !sc.name.contains(f) && !name.contains(f)) {
                continue;
            }
            let started = std::time::Instant::now();
            let layers: Result<Vec<PathBuf>, String> = sc.layers.iter().map(|l| resolve(l, &file)).collect();
            let layers = match layers {
                Ok(l) => l,
                Err(e) => {
                    report.outcomes.push(Outcome {
                        file: name.clone(),
                        name: sc.name.clone(),
                        failures: vec![],
                        errors: vec![miette::miette!("its layers are not read: {e}")],
                        exercised: vec![],
                        seconds: 0.0,
                    });
                    continue;
                }
            };
            let engine = engines.entry(layers.clone()).or_insert_with(|| {
                let more = crate::source::read_policies(&layers)
                    .map_err(|e| format!("{:?}", miette::Report::new(crate::diagnostic::Safe::new(&e))))?;
                Engine::load(more).map_err(|e| {
                    let max = crate::diagnostic::MAX_SHOWN;
                    let mut shown: String = (e.problems.iter().take(max))
                        .map(|p| format!("{:?}\n", miette::Report::new(crate::diagnostic::Safe::new(p))))
                        .collect();
                    if e.problems.len() > max {
                        shown += &format!("… and {} more problem(s) not shown\n", e.problems.len() - max);
                    }
                    shown
                })
            });
            let outcome = match engine {
                Ok(engine) => {
                    if registered.insert(layers.clone()) {
                        report.coverage.register(&engine.program);
                    }
                    one(engine, &src, &file, &sc, &mut report.coverage)
                }
                Err(e) => Outcome {
                    file: name.clone(),
                    name: sc.name.clone(),
                    failures: vec![],
                    errors: vec![miette::miette!("its layers do not load:\n{e}")],
                    exercised: vec![],
                    seconds: 0.0,
                },
            };
            report.outcomes.push(Outcome { seconds: started.elapsed().as_secs_f64(), ..outcome });
        }
    }
    report
}

/// Runs the scenarios of one text against `engine` (whatever layers they name): for a scenario
/// pasted into a page, whose case is written inline (a case file named is not read).
pub fn run_text(
    engine: &Engine,
    src: &Source,
    cov: &mut Coverage,
) -> Result<Vec<Outcome>, Vec<miette::Report>> {
    let list = scenarios(src)?;
    Ok(list
        .iter()
        .map(|sc| match &sc.case {
            CaseRef::File(path, node) => Outcome {
                file: src.name.to_string(),
                name: sc.name.clone(),
                failures: vec![],
                errors: vec![miette::Report::new(ScenarioError::Shape {
                    what: format!("`{path}` is a case file: here, write the case inline"),
                    src: src.named(),
                    span: span_of(src, node.span()),
                    help: None,
                })],
                exercised: vec![],
                seconds: 0.0,
            },
            CaseRef::Inline(_) => one(engine, src, Path::new(""), sc, cov),
        })
        .collect())
}

fn one(engine: &Engine, src: &Source, file: &Path, sc: &Scenario, cov: &mut Coverage) -> Outcome {
    let prog = &engine.program;
    let mut out = Outcome {
        file: src.name.to_string(),
        name: sc.name.clone(),
        failures: vec![],
        errors: vec![],
        exercised: vec![],
        seconds: 0.0,
    };
    let frame = match &sc.case {
        CaseRef::Inline(node) => crate::facts::load_doc(prog, src, node),
        CaseRef::File(path, node) => {
            match resolve(path, file).and_then(|p| read_file(&p).map(|t| (p, t)).map_err(|e| e.to_string())) {
                Err(reason) => {
                    out.errors.push(miette::Report::new(ScenarioError::File {
                        path: path.clone(),
                        reason,
                        src: src.named(),
                        span: span_of(src, node.span()),
                    }));
                    return out;
                }
                Ok((p, text)) => {
                    let csrc = Source::new(p.display().to_string(), text);
                    match crate::facts::load(prog, &csrc) {
                        Ok(mut fs) if fs.len() == 1 => Ok(fs.remove(0)),
                        Ok(fs) => {
                            out.errors.push(miette::Report::new(ScenarioError::Shape {
                                what: format!("`{path}` holds {} cases; a scenario decides one", fs.len()),
                                src: src.named(),
                                span: span_of(src, node.span()),
                                help: None,
                            }));
                            return out;
                        }
                        Err(e) => Err(e),
                    }
                }
            }
        }
    };
    let mut f = match frame {
        Ok(f) => f,
        Err(errs) => {
            out.errors.extend(errs.into_iter().map(miette::Report::new));
            return out;
        }
    };
    crate::eval::run(prog, &engine.plan, &mut f);
    let d = crate::eval::build(prog, &f, Lang::Zh, crate::eval::Detail::Traced);
    out.exercised = cov.observe(prog, &d);
    let keys = compare::keys(prog);
    for e in &sc.expect {
        if e.key != "why" && !keys.contains(&e.key) {
            let all = keys.iter().map(String::as_str).chain(["why"]);
            out.errors.push(miette::Report::new(ScenarioError::UnknownKey {
                key: e.key.clone(),
                place: "a decision".into(),
                src: src.named(),
                span: span_of(src, e.node.span()),
                help: did_you_mean(&e.key, all.clone())
                    .or_else(|| Some(format!("a decision has: {}", all.collect::<Vec<_>>().join(", ")))),
            }));
            continue;
        }
        compare::differences(prog, &d, &e.key, &e.value, &mut out.failures);
    }
    out
}
