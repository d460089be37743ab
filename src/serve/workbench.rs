//! The workbench: a page for policy authors (`GET /`, its script and style embedded in the binary,
//! nothing fetched from elsewhere) and the one request it makes as they type
//! (`POST /v1/workbench`): a layer's text and a case text → the layer's check, each case's
//! decision with its explanation, legal argument and what-ifs (or, for scenarios pasted in, each
//! one's result), what of the layer the cases or scenarios exercised, and the gaps the layer leaves.

use super::problem::Refusal;
use super::state::State;
use crate::engine::{Engine, Options};
use crate::lang::Lang;
use crate::scenario::coverage::Coverage;
use crate::source::Source;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value as J, json};
use std::sync::Arc;

const PAGE: &str = include_str!("workbench/index.html");
const SCRIPT: &str = include_str!("workbench/workbench.js");
const STYLE: &str = include_str!("workbench/workbench.css");
/// The case the workbench opens with.
const FIRST_CASE: &str = include_str!("../../examples/cases/mixed-roles-multi-person.yaml");

/// `GET /` and `GET /assets/FILE`.
pub async fn asset(req: Request) -> Response {
    let (body, kind) = match req.uri().path() {
        "/" => (PAGE, "text/html; charset=utf-8"),
        "/assets/workbench.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        "/assets/workbench.css" => (STYLE, "text/css; charset=utf-8"),
        other => {
            return Refusal::new(
                StatusCode::NOT_FOUND,
                "zeren::serve::not_found",
                format!("no file at `{other}`"),
            )
            .into_response();
        }
    };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// `GET /v1/workbench/start`: the first layer served (or the sample layer shipped with zeren) and
/// a case.
pub async fn start(state: Arc<State>, _req: Request) -> Result<Response, Refusal> {
    let set = state.set();
    let prog = &set.engine.program;
    let served =
        prog.layers.get(1).and_then(|l| l.sources.first()).map(|s| prog.sources[*s as usize].clone());
    let (name, text) = match served {
        Some(s) => (s.name.to_string(), s.text.to_string()),
        None => {
            let (n, t) = crate::engine::KNOWN_LAYERS.first().copied().unwrap_or(("", ""));
            (n.to_string(), t.to_string())
        }
    };
    Ok(axum::Json(json!({"layer": {"name": name, "text": text}, "case": FIRST_CASE})).into_response())
}

/// What the workbench sends.
struct Asked {
    layer: String,
    case: String,
    lang: Lang,
    gaps: bool,
}

fn asked(body: &[u8]) -> Result<Asked, Refusal> {
    let bad = |why: String| {
        Refusal::new(StatusCode::BAD_REQUEST, "zeren::serve::shape", why)
            .help(r#"send {"layer": "…", "case": "…", "lang": "zh", "gaps": false}"#)
    };
    let v: J = serde_json::from_slice(body).map_err(|e| bad(format!("the body is not JSON: {e}")))?;
    let J::Object(o) = v else { return Err(bad("the body is not a JSON object".into())) };
    if let Some(k) = o.keys().find(|k| !["layer", "case", "lang", "gaps"].contains(&k.as_str())) {
        return Err(bad(format!("unknown key `{k}`")));
    }
    let text = |k: &str| match o.get(k) {
        None => Ok(String::new()),
        Some(J::String(s)) => Ok(s.clone()),
        Some(_) => Err(bad(format!("`{k}` is not a text"))),
    };
    let lang = match o.get("lang").and_then(J::as_str) {
        None | Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        Some(l) => return Err(bad(format!("`lang` is `{l}`, not zh or en"))),
    };
    Ok(Asked {
        layer: text("layer")?,
        case: text("case")?,
        lang,
        gaps: o.get("gaps").and_then(J::as_bool).unwrap_or(false),
    })
}

/// `POST /v1/workbench`.
pub async fn run(state: Arc<State>, req: Request) -> Result<Response, Refusal> {
    super::input::kind(&req, super::routes::bodies(&req))?;
    let body = super::input::bytes(req, state.limits.max_body).await?;
    let a = asked(&body)?;
    let out = super::blocking("the workbench", move || answer(a)).await?;
    Ok(axum::Json(out).into_response())
}

/// The national measures alone, compiled once.
fn national() -> Option<&'static Engine> {
    static BASE: std::sync::OnceLock<Option<Engine>> = std::sync::OnceLock::new();
    BASE.get_or_init(|| Engine::national().ok()).as_ref()
}

fn answer(a: Asked) -> J {
    let files =
        if a.layer.trim().is_empty() { vec![] } else { vec![Source::new("<layer>", a.layer.as_str())] };
    let (check, engine) = Engine::check_report(files);
    let owned;
    let (engine, under_layer) = match engine {
        Some(e) => {
            owned = e;
            (&owned, true)
        }
        None => match national() {
            Some(n) => (n, false),
            None => return json!({"check": check}),
        },
    };
    let options = Options { name: "<case>".into(), lang: a.lang, trace: true, ..Options::default() };
    let mut coverage = Coverage::default();
    coverage.register(&engine.program);
    // Scenarios pasted in (documents with `expect`): each run, and what they exercise covered.
    let is_scenarios =
        crate::facts::documents(&a.case).is_some_and(|docs| docs.iter().any(|d| d.get("expect").is_some()));
    let mut scenarios = J::Null;
    let (decisions, case_problems) = if is_scenarios {
        let src = Source::new("<scenarios>", a.case.as_str());
        match crate::scenario::run_text(engine, &src, &mut coverage) {
            Err(errs) => {
                (vec![], errs.iter().flat_map(|e| crate::diagnostic::json::problems(e.as_ref())).collect())
            }
            Ok(outcomes) => {
                let list: Vec<J> = outcomes
                    .iter()
                    .map(|o| {
                        let errors: Vec<J> =
                            o.errors.iter().flat_map(|e| crate::diagnostic::json::problems(e.as_ref())).collect();
                        json!({"name": o.name, "passed": o.passed(), "failures": o.failures, "errors": errors})
                    })
                    .collect();
                scenarios = J::Array(list);
                (vec![], vec![])
            }
        }
    } else {
        match engine.cases(&a.case, &options) {
            Err(e) => (vec![], crate::diagnostic::json::problems(&e)),
            Ok(mut frames) => {
                let list = frames
                    .iter_mut()
                    .map(|f| {
                        let d = engine.decide_case(f, &options);
                        coverage.observe(&engine.program, &d);
                        let mut text = engine.human(&d, true);
                        let mut what_if = J::Null;
                        if d.open.is_none() {
                            let list = engine.what_if(f);
                            let mut t = String::new();
                            crate::render::whatif::human(&mut t, &engine.program, &d, &list);
                            text.push_str(&t);
                            what_if = crate::render::whatif::json(&engine.program, &d, &list);
                        }
                        let mut tree = engine.json_value(&d);
                        if let J::Object(o) = &mut tree {
                            o.remove("trace");
                        }
                        json!({"decision": tree, "text": text, "what_if": what_if})
                    })
                    .collect();
                (list, vec![])
            }
        }
    };
    let base = engine.program.layers.first().map(|l| l.id.clone()).unwrap_or_default();
    let items: Vec<J> = coverage
        .items
        .iter()
        .filter(|i| i.layer != base)
        .map(|i| json!({"layer": i.layer, "kind": format!("{:?}", i.kind).to_lowercase(), "id": i.id, "covered": i.covered}))
        .collect();
    let covered = items.iter().filter(|i| i["covered"] == J::Bool(true)).count();
    let gaps = match (a.gaps, under_layer, national()) {
        (true, true, Some(n)) if engine.program.layers.len() > 1 => {
            J::String(crate::render::analysis::by_layer(&engine.program, &engine.gaps_by_layer(n), a.lang))
        }
        (true, _, _) => J::String(crate::render::analysis::gaps(&engine.program, &engine.gaps(), a.lang)),
        _ => J::Null,
    };
    json!({
        "check": check,
        "under_layer": under_layer,
        "decisions": decisions,
        "scenarios": scenarios,
        "case_problems": case_problems,
        "coverage": {"covered": covered, "of": items.len(), "items": items},
        "gaps": gaps,
    })
}
