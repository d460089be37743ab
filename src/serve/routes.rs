//! The service's endpoints, in one table: the router is built from it and so is the OpenAPI
//! document at `/openapi.json`, and every request's query and content type are checked against
//! it before its handler runs, so what the document says is what the service does.

use super::input::{self, Body};
use super::problem::Refusal;
use super::state::State;
use super::{decide, info, workbench};
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value as J, json};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// What a handler returns.
pub type Answer = Pin<Box<dyn Future<Output = Response> + Send>>;

/// One endpoint.
pub struct Endpoint {
    /// Its method.
    pub method: Method,
    /// Its path, `{name}` for a part of it.
    pub path: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// The query keys it reads, with what each means.
    pub query: &'static [(&'static str, &'static str)],
    /// The bodies it reads.
    pub bodies: &'static [Body],
    /// What it answers (status, what).
    pub answers: &'static [(u16, &'static str)],
    /// The handler.
    pub handler: fn(Arc<State>, Request) -> Answer,
}

fn boxed<F: Future<Output = Result<Response, Refusal>> + Send + 'static>(f: F) -> Answer {
    Box::pin(async move { f.await.unwrap_or_else(IntoResponse::into_response) })
}

const DECIDE_QUERY: &[(&str, &str)] = &[
    ("explain", "zh or en: add the explanation and the legal argument, in that language"),
    ("lang", "zh or en: the language of the decision (zh by default)"),
    ("trace", "true: keep every rule considered, on which facts"),
    ("region", "decide every case under this region's implementing rules"),
    ("quote", "zh or en: the language the explanation quotes the provisions in"),
];
const BAD_INPUT: (u16, &str) = (400, "the case text or the query has a problem: the diagnostics");
const TOO_LARGE: (u16, &str) = (413, "the body is larger than the service reads");
const WRONG_TYPE: (u16, &str) = (415, "the content type is not one the endpoint reads");
const BUSY: (u16, &str) = (503, "too many requests in flight, or past the deadline (Retry-After)");

/// Every endpoint.
pub static ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: Method::POST,
        path: "/v1/decide",
        summary: "Decide the cases of the body: one case (YAML or JSON) → its decision; a YAML stream → an array; JSON Lines → JSON Lines, streamed, a bad line an error record",
        query: DECIDE_QUERY,
        bodies: &[Body::Cases, Body::Lines],
        answers: &[(200, "the decisions"), BAD_INPUT, TOO_LARGE, WRONG_TYPE, BUSY],
        handler: |s, r| Box::pin(decide::decide(s, r)),
    },
    Endpoint {
        method: Method::POST,
        path: "/v1/what-if",
        summary: "Decide the cases of the body, each with the changes of one fact that would change its outcome",
        query: DECIDE_QUERY,
        bodies: &[Body::Cases, Body::Lines],
        answers: &[(200, "the decisions, each with `what_if`"), BAD_INPUT, TOO_LARGE, WRONG_TYPE, BUSY],
        handler: |s, r| Box::pin(decide::what_if(s, r)),
    },
    Endpoint {
        method: Method::POST,
        path: "/v1/check",
        summary: "Check policy texts (a layer as text/plain, or {\"files\": [{\"name\", \"text\"}]}) with the national measures: the diagnostics of `zeren check`",
        query: &[],
        bodies: &[Body::Policy, Body::Json],
        answers: &[
            (200, "{ok, diagnostics, layers}"),
            (400, "the body is not of that shape"),
            TOO_LARGE,
            WRONG_TYPE,
            BUSY,
        ],
        handler: |s, r| boxed(info::check(s, r)),
    },
    Endpoint {
        method: Method::GET,
        path: "/v1/articles",
        summary: "The provisions of the set served, with their text in both languages",
        query: &[],
        bodies: &[],
        answers: &[(200, "{title, chapters, provisions}")],
        handler: |s, r| boxed(info::articles(s, r)),
    },
    Endpoint {
        method: Method::GET,
        path: "/v1/articles/{id}",
        summary: "One provision (`11`, `11.1.3`, a layer's own), with its paragraphs and items",
        query: &[],
        bodies: &[],
        answers: &[(200, "the provision"), (404, "no such provision")],
        handler: |s, r| {
            let id = r.uri().path().trim_start_matches("/v1/articles/").to_string();
            let id = percent_decode(&id);
            boxed(info::article(s, id, r))
        },
    },
    Endpoint {
        method: Method::GET,
        path: "/v1/layers",
        summary: "The layers served: ids, titles, issuers, dates, the cases each decides, digests",
        query: &[],
        bodies: &[],
        answers: &[(200, "{set, layers}")],
        handler: |s, r| boxed(info::layers(s, r)),
    },
    Endpoint {
        method: Method::GET,
        path: "/v1/vocabulary",
        summary: "The JSON Schema of a case for the set served: every key, type, value, default and label",
        query: &[],
        bodies: &[],
        answers: &[(200, "a JSON Schema (draft 2020-12)")],
        handler: |s, r| boxed(info::vocabulary(s, r)),
    },
    Endpoint {
        method: Method::POST,
        path: "/v1/reload",
        summary: "Read the policies again (from loopback only); a set that fails its check is refused and the old one keeps serving",
        query: &[],
        bodies: &[],
        answers: &[
            (200, "the layers now served"),
            (403, "not from loopback"),
            (422, "the new set fails its check: the diagnostics"),
        ],
        handler: |s, r| boxed(info::reload(s, r)),
    },
    Endpoint {
        method: Method::POST,
        path: "/v1/workbench",
        summary: "For the workbench: a layer's text and a case text → the check, each decision with its explanation, argument and what-ifs, the coverage of the layer by the cases, and the gaps",
        query: &[],
        bodies: &[Body::Json],
        answers: &[
            (200, "{check, decisions, case_problems, coverage, gaps}"),
            (400, "the body is not of that shape"),
            TOO_LARGE,
            WRONG_TYPE,
        ],
        handler: |s, r| boxed(workbench::run(s, r)),
    },
    Endpoint {
        method: Method::GET,
        path: "/v1/workbench/start",
        summary: "For the workbench: a layer and a case to start from",
        query: &[],
        bodies: &[],
        answers: &[(200, "{layer, case}")],
        handler: |s, r| boxed(workbench::start(s, r)),
    },
    Endpoint {
        method: Method::GET,
        path: "/healthz",
        summary: "Whether the service is up, and the set it serves",
        query: &[],
        bodies: &[],
        answers: &[(200, "{status, set, layers}")],
        handler: |s, r| boxed(info::healthz(s, r)),
    },
    Endpoint {
        method: Method::GET,
        path: "/metrics",
        summary: "Prometheus text: requests by route and status, latencies, decisions by the values of ranked conclusions, reloads",
        query: &[],
        bodies: &[],
        answers: &[(200, "text/plain; version=0.0.4")],
        handler: |s, r| boxed(info::metrics(s, r)),
    },
    Endpoint {
        method: Method::GET,
        path: "/openapi.json",
        summary: "This document",
        query: &[],
        bodies: &[],
        answers: &[(200, "OpenAPI 3.1")],
        handler: |_, _| Box::pin(async { axum::Json(openapi()).into_response() }),
    },
    Endpoint {
        method: Method::GET,
        path: "/",
        summary: "The workbench: a page to edit a layer and a case and see the decision",
        query: &[],
        bodies: &[],
        answers: &[(200, "text/html")],
        handler: |_, r| Box::pin(workbench::asset(r)),
    },
    Endpoint {
        method: Method::GET,
        path: "/assets/{file}",
        summary: "The workbench's script and style, embedded in the binary",
        query: &[],
        bodies: &[],
        answers: &[(200, "the file"), (404, "no such file")],
        handler: |_, r| Box::pin(workbench::asset(r)),
    },
];

/// `%XX` escapes of a path part decoded (an article id is ASCII; anything else is kept).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The endpoint a request's method and matched path name.
pub fn find(method: &Method, path: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.method == *method && e.path == path)
}

/// The query of a request, its keys checked against its endpoint's.
#[derive(Clone, Debug, Default)]
pub struct Pairs(pub Vec<(String, String)>);

/// The query of a request admitted (see [`admit`]).
pub fn pairs(req: &Request) -> Vec<(String, String)> {
    req.extensions().get::<Pairs>().map(|p| p.0.clone()).unwrap_or_default()
}

/// The bodies the endpoint of an admitted request reads.
pub fn bodies(req: &Request) -> &'static [Body] {
    req.extensions().get::<&'static Endpoint>().map_or(&[], |e| e.bodies)
}

/// Checks a request against its endpoint: its query keys, and that a body-less endpoint gets none.
pub fn admit(e: &Endpoint, req: &Request) -> Result<Pairs, Refusal> {
    let keys: Vec<&str> = e.query.iter().map(|(k, _)| *k).collect();
    let pairs = input::query(req, &keys)?;
    if e.bodies.is_empty() && e.method == Method::POST {
        let len = req.headers().get(axum::http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok());
        if len.is_some_and(|l| l != "0") {
            return Err(Refusal::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "zeren::serve::content_type",
                "this endpoint reads no body",
            ));
        }
    }
    Ok(Pairs(pairs))
}

/// The OpenAPI 3.1 document, from [`ENDPOINTS`].
pub fn openapi() -> J {
    let mut paths = Map::new();
    for e in ENDPOINTS {
        let mut op = Map::new();
        op.insert("summary".into(), J::String(e.summary.into()));
        op.insert("operationId".into(), J::String(operation_id(e)));
        let params: Vec<J> = e
            .path
            .split('/')
            .filter_map(|p| p.strip_prefix('{').and_then(|p| p.strip_suffix('}')))
            .map(|p| json!({"name": p, "in": "path", "required": true, "schema": {"type": "string"}}))
            .chain(e.query.iter().map(|(k, what)| {
                json!({"name": k, "in": "query", "required": false, "description": what, "schema": {"type": "string"}})
            }))
            .collect();
        if !params.is_empty() {
            op.insert("parameters".into(), J::Array(params));
        }
        if !e.bodies.is_empty() {
            let mut content = Map::new();
            for b in e.bodies {
                let types: &[&str] = match b {
                    Body::Cases => input::CASE_TYPES,
                    Body::Lines => input::LINE_TYPES,
                    Body::Policy => &["text/plain", "text/x-policy"],
                    Body::Json => &["application/json"],
                };
                for t in types {
                    let schema = match (b, *t) {
                        (Body::Cases, "application/json") => json!({"$ref": "/v1/vocabulary"}),
                        (Body::Json, _) => json!({"type": "object"}),
                        _ => json!({"type": "string"}),
                    };
                    content.insert((*t).into(), json!({"schema": schema}));
                }
            }
            op.insert("requestBody".into(), json!({"required": true, "content": content}));
        }
        let mut responses = Map::new();
        for (status, what) in e.answers {
            let body = if *status >= 400 {
                json!({"description": what, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
            } else {
                json!({"description": what})
            };
            responses.insert(status.to_string(), body);
        }
        op.insert("responses".into(), J::Object(responses));
        let entry = paths.entry(e.path).or_insert_with(|| json!({}));
        entry[e.method.as_str().to_lowercase()] = J::Object(op);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "zeren",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Decides petition-work accountability cases under the policies it serves; bad input is a 4xx with the diagnostics `zeren` prints.",
        },
        "paths": paths,
        "components": {"schemas": {"Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {
                "type": "object",
                "required": ["status", "code", "message", "problems"],
                "properties": {
                    "status": {"type": "integer"},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "help": {"type": ["string", "null"]},
                    "problems": {"type": "array", "items": {"type": "object", "properties": {
                        "code": {"type": ["string", "null"]},
                        "severity": {"type": "string"},
                        "message": {"type": "string"},
                        "file": {"type": ["string", "null"]},
                        "line": {"type": ["integer", "null"]},
                        "column": {"type": ["integer", "null"]},
                        "path": {"type": ["string", "null"], "description": "in a JSON Lines error record: the key the problem is at, as $.people[2].role"},
                        "help": {"type": ["string", "null"]},
                        "labels": {"type": "array"},
                    }}},
                },
            }},
        }}},
    })
}

fn operation_id(e: &Endpoint) -> String {
    let words: Vec<String> = e
        .path
        .split(['/', '-', '.'])
        .filter(|w| !w.is_empty() && *w != "v1")
        .map(|w| w.trim_matches(['{', '}']).to_string())
        .collect();
    let name = if words.is_empty() { "workbench_page".to_string() } else { words.join("_") };
    format!("{}_{name}", e.method.as_str().to_lowercase())
}
