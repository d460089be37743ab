//! What the service tells about itself and the law it serves: `POST /v1/check` (policy texts →
//! diagnostics), `GET /v1/articles[/ID]`, `GET /v1/layers`, `GET /v1/vocabulary` (a case's JSON
//! Schema), `GET /healthz`, `GET /metrics` and `POST /v1/reload`.

use super::input::{self, Body};
use super::problem::Refusal;
use super::state::{Set, State};
use crate::program::{Labels, Program};
use crate::source::Source;
use axum::extract::{ConnectInfo, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value as J, json};
use std::net::SocketAddr;
use std::sync::Arc;

fn labels(l: &Labels) -> J {
    json!({"zh": l.zh, "en": l.en})
}

/// The policy texts of a check request: one file as text, or `{"files": [{"name", "text"}]}`.
pub fn policy_files(kind: Body, body: &[u8]) -> Result<Vec<Source>, Refusal> {
    let text = input::text(body)?;
    if kind == Body::Policy {
        return Ok(vec![Source::new("<layer>", text)]);
    }
    let bad = |why: String| {
        Refusal::new(StatusCode::BAD_REQUEST, "zeren::serve::shape", why).help(
            r#"send {"files": [{"name": "my-layer.policy", "text": "layer …"}]}, or one file as text/plain"#,
        )
    };
    let v: J = serde_json::from_str(text).map_err(|e| bad(format!("the body is not JSON: {e}")))?;
    let J::Object(o) = &v else { return Err(bad("the body is not a JSON object".into())) };
    if let Some(k) = o.keys().find(|k| *k != "files") {
        return Err(bad(format!("unknown key `{k}`")));
    }
    let files = o.get("files").and_then(J::as_array).ok_or_else(|| bad("`files` is not a list".into()))?;
    files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name =
                f.get("name").and_then(J::as_str).map_or_else(|| format!("<file {}>", i + 1), str::to_string);
            let text = f
                .get("text")
                .and_then(J::as_str)
                .ok_or_else(|| bad(format!("file {} has no `text`", i + 1)))?;
            if let Some(k) = f.as_object().and_then(|o| o.keys().find(|k| *k != "name" && *k != "text")) {
                return Err(bad(format!("file {}: unknown key `{k}`", i + 1)));
            }
            Ok(Source::new(name, text))
        })
        .collect()
}

/// `POST /v1/check`.
pub async fn check(state: Arc<State>, req: Request) -> Result<Response, Refusal> {
    let kind = input::kind(&req, super::routes::bodies(&req))?;
    let body = input::bytes(req, state.limits.max_body).await?;
    let files = policy_files(kind, &body)?;
    let (out, _) = super::blocking("the check", move || crate::engine::Engine::check_report(files)).await?;
    Ok(axum::Json(out).into_response())
}

/// One provision.
fn provision(prog: &Program, i: usize) -> J {
    let p = &prog.provisions[i];
    let kind = format!("{:?}", p.kind).to_lowercase();
    json!({
        "id": p.id,
        "kind": kind,
        "layer": prog.layers[p.layer as usize].id,
        "chapter": p.chapter.map(|c| prog.chapters[c as usize].number),
        "parent": p.parent.map(|q| prog.provisions[q as usize].id.clone()),
        "text": p.labels.as_ref().map(labels),
        "text_only": p.text_only.as_ref().map(labels),
        "rules": prog.rules.iter().filter(|r| r.provision as usize == i).count(),
    })
}

/// `GET /v1/articles`: every provision of the set, in the order of the text.
pub async fn articles(state: Arc<State>, _req: Request) -> Result<Response, Refusal> {
    let set = state.set();
    let prog = &set.engine.program;
    let chapters: Vec<J> =
        prog.chapters.iter().map(|c| json!({"number": c.number, "title": labels(&c.labels)})).collect();
    let all: Vec<J> = (0..prog.provisions.len()).map(|i| provision(prog, i)).collect();
    Ok(axum::Json(json!({"title": labels(&prog.header.title), "chapters": chapters, "provisions": all}))
        .into_response())
}

/// `GET /v1/articles/ID`: one provision (and, for an article, its paragraphs and items).
pub async fn article(state: Arc<State>, id: String, _req: Request) -> Result<Response, Refusal> {
    let set = state.set();
    let prog = &set.engine.program;
    let Some(i) = prog.provisions.iter().position(|p| p.id == id) else {
        let near = crate::suggest::did_you_mean(&id, prog.provisions.iter().map(|p| p.id.as_str()));
        let r = Refusal::new(
            StatusCode::NOT_FOUND,
            "zeren::serve::no_provision",
            format!("no provision `{id}` in the policies served"),
        );
        return Err(match near {
            Some(n) => r.help(format!("{n} `GET /v1/articles` lists them all")),
            None => r.help("`GET /v1/articles` lists them all"),
        });
    };
    let mut out = provision(prog, i);
    let parts: Vec<J> =
        (0..prog.provisions.len()).filter(|j| within(prog, *j, i)).map(|j| provision(prog, j)).collect();
    out["parts"] = J::Array(parts);
    Ok(axum::Json(out).into_response())
}

/// Whether provision `j` stands inside provision `i`.
fn within(prog: &Program, j: usize, i: usize) -> bool {
    let mut at = prog.provisions[j].parent;
    while let Some(p) = at {
        if p as usize == i {
            return true;
        }
        at = prog.provisions[p as usize].parent;
    }
    false
}

/// The layers of a set: the base measures first.
pub fn layers_json(set: &Set) -> J {
    let prog = &set.engine.program;
    let layers: Vec<J> = prog
        .layers
        .iter()
        .map(|l| {
            let files: Vec<&str> = l.sources.iter().map(|s| &*prog.sources[*s as usize].name).collect();
            let applies = l.applies();
            json!({
                "id": l.id,
                "title": labels(&l.title),
                "issuer": l.issuer,
                "issuer_kind": l.issuer_kind.map(|k| prog.syms[k as usize].clone()),
                "effective": l.effective.map(crate::date::format),
                "until": l.until.map(crate::date::format),
                "extends": l.extends.map(|e| prog.layers[e as usize].id.clone()),
                "applies_when": applies,
                "digest": l.digest,
                "files": files,
            })
        })
        .collect();
    json!({"set": set.digest, "layers": layers})
}

/// `GET /v1/layers`.
pub async fn layers(state: Arc<State>, _req: Request) -> Result<Response, Refusal> {
    Ok(axum::Json(layers_json(&state.set())).into_response())
}

/// `GET /v1/vocabulary`: the JSON Schema of a case for the set served.
pub async fn vocabulary(state: Arc<State>, _req: Request) -> Result<Response, Refusal> {
    let schema = crate::render::schema::case(&state.set().engine.program);
    let mut r = axum::Json(schema).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, "application/schema+json".parse().expect("a media type"));
    Ok(r)
}

/// `GET /healthz`.
pub async fn healthz(state: Arc<State>, _req: Request) -> Result<Response, Refusal> {
    let set = state.set();
    Ok(axum::Json(json!({"status": "ok", "set": set.digest, "layers": set.layers.len()})).into_response())
}

/// `GET /metrics`.
pub async fn metrics(state: Arc<State>, _req: Request) -> Result<Response, Refusal> {
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.text()).into_response())
}

/// `POST /v1/reload`, from loopback only: reads the policies again; a set that fails its check
/// is refused (422, with its diagnostics) and the old one keeps serving.
pub async fn reload(state: Arc<State>, req: Request) -> Result<Response, Refusal> {
    let from = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    if !from.is_some_and(|ip| ip.is_loopback()) {
        return Err(Refusal::new(
            StatusCode::FORBIDDEN,
            "zeren::serve::not_loopback",
            "reloading is allowed from this machine only",
        )
        .help("send SIGHUP to the process, or POST /v1/reload from 127.0.0.1"));
    }
    let set = state.reload().await?;
    tracing::info!(set = %set.digest, "policies reloaded");
    Ok(axum::Json(layers_json(&set)).into_response())
}
