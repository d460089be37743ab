//! `POST /v1/decide` and `POST /v1/what-if`: the cases of a body decided under the set being
//! served. One case answers its decision (the JSON of `zeren eval --format json`), a YAML stream
//! an array of them; a JSON Lines body answers JSON Lines, streamed as each line is decided, a bad
//! line an error record and the others decided. Every decision names the set it was made under.

use super::input::{self, Body};
use super::problem::Refusal;
use super::state::{Set, State};
use crate::engine::{DecideError, Options};
use crate::lang::Lang;
use crate::program::frame::Frame;
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value as J, json};
use std::sync::Arc;

/// What to show beside each decision.
#[derive(Clone, Copy)]
struct Show {
    explain: bool,
    what_if: bool,
}

fn options(pairs: &[(String, String)]) -> Result<(Options, bool), Refusal> {
    let explain = input::lang(pairs, "explain")?;
    let lang = explain.or(input::lang(pairs, "lang")?).unwrap_or(Lang::Zh);
    let options = Options {
        name: "<request>".into(),
        region: pairs.iter().find(|(k, _)| k == "region").map(|(_, v)| v.clone()),
        lang,
        trace: input::flag(pairs, "trace")? || explain.is_some(),
        values_only: false,
        quote: input::lang(pairs, "quote")?,
    };
    Ok((options, explain.is_some()))
}

/// `POST /v1/decide`.
pub async fn decide(state: Arc<State>, req: Request) -> Response {
    run(state, req, false).await
}

/// `POST /v1/what-if`: the decisions, each with the changes of one fact that change its outcome.
pub async fn what_if(state: Arc<State>, req: Request) -> Response {
    run(state, req, true).await
}

async fn run(state: Arc<State>, req: Request, what_if: bool) -> Response {
    match answer(state, req, what_if).await {
        Ok(r) => r,
        Err(refusal) => refusal.into_response(),
    }
}

async fn answer(state: Arc<State>, req: Request, what_if: bool) -> Result<Response, Refusal> {
    let pairs = super::routes::pairs(&req);
    let (options, explain) = options(&pairs)?;
    let show = Show { explain, what_if };
    let kind = input::kind(&req, super::routes::bodies(&req))?;
    let body = input::bytes(req, state.limits.max_body).await?;
    let set = state.set();
    if let Some(r) = &options.region {
        set.engine.program.region(r).map_err(|e| {
            Refusal::new(StatusCode::BAD_REQUEST, "zeren::serve::region", e.to_string())
                .help("`GET /v1/layers` lists the layers loaded and the regions they decide")
        })?;
    }
    let digest = HeaderValue::from_str(&set.digest).ok();
    let mut response = if kind == Body::Lines {
        lines(state, set, body, options, show)
    } else {
        let text = input::text(&body)?.to_string();
        let st = state.clone();
        let decided =
            super::blocking("the decision", move || cases(&st, &set, &text, &options, show)).await??;
        axum::Json(decided).into_response()
    };
    if let Some(d) = digest {
        response.headers_mut().insert("zeren-policy-set", d);
    }
    Ok(response)
}

/// The decisions of a case text: one object, or an array for a stream of several.
fn cases(state: &State, set: &Set, text: &str, options: &Options, show: Show) -> Result<J, Refusal> {
    let engine = &set.engine;
    let mut frames = engine.cases(text, options).map_err(refuse)?;
    let mut out: Vec<J> = frames.iter_mut().map(|f| one(state, set, f, options, show)).collect();
    Ok(if out.len() == 1 { out.remove(0) } else { J::Array(out) })
}

/// Why a case text is not decided, as a 400 with every problem placed.
fn refuse(e: DecideError) -> Refusal {
    match e {
        DecideError::Region(e) => {
            Refusal::new(StatusCode::BAD_REQUEST, "zeren::serve::region", e.to_string())
        }
        DecideError::Cases(es) => Refusal::diagnostic(StatusCode::BAD_REQUEST, &es),
    }
}

/// One decided case, as JSON.
fn one(state: &State, set: &Set, f: &mut Frame, options: &Options, show: Show) -> J {
    let engine = &set.engine;
    let d = engine.decide_case(f, options);
    state.metrics.decision(&engine.program, &d);
    let mut tree = engine.json_value(&d);
    if let J::Object(o) = &mut tree {
        if show.what_if && d.open.is_none() {
            let list = engine.what_if(f);
            o.insert("what_if".into(), crate::render::whatif::json(&engine.program, &d, &list));
        }
        if show.explain {
            o.insert("explanation".into(), J::String(engine.human(&d, true)));
            if d.open.is_none() {
                o.insert("argument".into(), crate::render::argument::json(&engine.program, &d));
            }
        }
        o.insert("made_under".into(), made_under(set));
    }
    tree
}

/// The set a decision was made under: its digest and each layer's.
pub fn made_under(set: &Set) -> J {
    let layers: Vec<J> = set.layers.iter().map(|(id, digest)| json!({"id": id, "digest": digest})).collect();
    json!({"set": set.digest, "layers": layers})
}

/// A JSON Lines body, decided a line at a time on a blocking thread and streamed out.
fn lines(state: Arc<State>, set: Arc<Set>, body: Bytes, options: Options, show: Show) -> Response {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    tokio::task::spawn_blocking(move || {
        let mut chunk = String::new();
        for (i, line) in body.split(|b| *b == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            line_out(&state, &set, i + 1, line, &options, show, &mut chunk);
            if chunk.len() > 1 << 16 && tx.blocking_send(Ok(Bytes::from(std::mem::take(&mut chunk)))).is_err()
            {
                return; // the client went away
            }
        }
        if !chunk.is_empty() {
            let _ = tx.blocking_send(Ok(Bytes::from(chunk)));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|x| (x, rx)) });
    let mut r = axum::body::Body::from_stream(stream).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
    r
}

/// One line's decision, or its error record (`{"error": {"line", "problems"}}`, each problem with
/// the path of the key it is at).
fn line_out(
    state: &State,
    set: &Set,
    n: usize,
    line: &[u8],
    options: &Options,
    show: Show,
    out: &mut String,
) {
    let record = |problems: Vec<J>| json!({"error": {"line": n, "problems": problems}});
    let decided = match std::str::from_utf8(line) {
        Err(_) => Err(record(vec![
            json!({"code": "zeren::file::encoding", "message": "the line is not UTF-8 text"}),
        ])),
        Ok(text) => {
            let options = Options { name: format!("<request>:{n}"), ..options.clone() };
            match set.engine.json_case(text, &options) {
                Ok(mut frames) => {
                    Ok(frames.iter_mut().map(|f| one(state, set, f, &options, show)).collect::<Vec<_>>())
                }
                // Each problem as a diagnostic, with the path of the key it is at.
                Err(DecideError::Cases(es)) => {
                    let paths = crate::facts::path::paths_of(text, &es.problems);
                    let problems = es.problems.iter().zip(paths).flat_map(|(p, path)| {
                        crate::diagnostic::json::problems(p).into_iter().map(move |mut j| {
                            j["path"] = json!(path);
                            j
                        })
                    });
                    Err(record(problems.collect()))
                }
                Err(e) => {
                    Err(record(vec![json!({"code": "zeren::serve::region", "message": e.to_string()})]))
                }
            }
        }
    };
    match decided {
        Ok(all) => {
            for d in all {
                out.push_str(&serde_json::to_string(&d).unwrap_or_default());
                out.push('\n');
            }
        }
        Err(r) => {
            out.push_str(&serde_json::to_string(&r).unwrap_or_default());
            out.push('\n');
        }
    }
}
