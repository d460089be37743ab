//! Reading a request: its body within the size limit, what its content type says it is, and its
//! query, every key of which must be known (an unknown key is refused, never ignored).

use super::problem::Refusal;
use axum::extract::Request;
use axum::http::{StatusCode, header};

/// What a body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// One case, or a YAML stream of cases (JSON is YAML too).
    Cases,
    /// JSON Lines: independent cases, one a line.
    Lines,
    /// A policy text.
    Policy,
    /// A JSON document of the request's own shape.
    Json,
}

/// The content types each kind of body is sent with.
pub const CASE_TYPES: &[&str] = &["application/yaml", "application/x-yaml", "text/yaml", "application/json"];
/// The content types of JSON Lines.
pub const LINE_TYPES: &[&str] = &["application/x-ndjson", "application/jsonl", "application/jsonlines"];

/// What the request's content type says its body is, among the kinds `accepted`.
pub fn kind(req: &Request, accepted: &[Body]) -> Result<Body, Refusal> {
    let given = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = given.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let found = if CASE_TYPES.contains(&essence.as_str()) {
        if accepted.contains(&Body::Cases) { Some(Body::Cases) } else { Some(Body::Json) }
    } else if LINE_TYPES.contains(&essence.as_str()) {
        Some(Body::Lines)
    } else if essence == "text/plain" || essence == "text/x-policy" {
        Some(Body::Policy)
    } else {
        None
    };
    match found.filter(|k| accepted.contains(k)) {
        Some(k) => Ok(k),
        None => {
            let mut types: Vec<&str> = vec![];
            for k in accepted {
                match k {
                    Body::Cases => types.extend(CASE_TYPES),
                    Body::Lines => types.extend(LINE_TYPES),
                    Body::Policy => types.extend(["text/plain", "text/x-policy"]),
                    Body::Json => types.push("application/json"),
                }
            }
            types.dedup();
            let shown = if given.is_empty() { "no content type".to_string() } else { format!("`{given}`") };
            Err(Refusal::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "zeren::serve::content_type",
                format!("this endpoint does not read a body sent with {shown}"),
            )
            .help(format!("send it with `content-type:` one of {}", types.join(", "))))
        }
    }
}

/// The body, whole, as bytes: refused past the size limit (413), before reading it where its
/// length is announced.
pub async fn bytes(req: Request, max: usize) -> Result<axum::body::Bytes, Refusal> {
    let too_big = || {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "zeren::serve::too_large",
            format!("the request body is larger than this service reads ({max} bytes)"),
        )
        .help("send fewer cases a request (JSON Lines streams the answers of a batch), or start the service with a larger `--max-body`")
    };
    let announced =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|n| n > max as u64) {
        return Err(too_big());
    }
    axum::body::to_bytes(req.into_body(), max).await.map_err(|e| {
        let limit = std::error::Error::source(&e)
            .is_some_and(|s| s.downcast_ref::<http_body_util::LengthLimitError>().is_some());
        if limit || e.to_string().contains("length limit") {
            too_big()
        } else {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                "zeren::serve::body",
                format!("the request body could not be read: {e}"),
            )
        }
    })
}

/// The body as text: it must be UTF-8.
pub fn text(bytes: &[u8]) -> Result<&str, Refusal> {
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = crate::diagnostic::json::line_column(
            &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            e.valid_up_to(),
        );
        let mut r = Refusal::new(
            StatusCode::BAD_REQUEST,
            "zeren::file::encoding",
            format!("the body is not UTF-8 text (at byte {})", e.valid_up_to()),
        )
        .help("save the text as UTF-8");
        r.problems = vec![serde_json::json!({
            "code": "zeren::file::encoding", "severity": "error", "message": r.message,
            "line": line, "column": column, "help": r.help, "labels": [],
        })];
        r
    })
}

/// The query's pairs, each key one of `known` (at most once).
pub fn query(req: &Request, known: &[&str]) -> Result<Vec<(String, String)>, Refusal> {
    let pairs =
        axum::extract::Query::<Vec<(String, String)>>::try_from_uri(req.uri()).map(|q| q.0).map_err(|e| {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                "zeren::serve::query",
                format!("the query is not readable: {e}"),
            )
        })?;
    for (i, (k, _)) in pairs.iter().enumerate() {
        if !known.contains(&k.as_str()) {
            let near = crate::suggest::did_you_mean(k, known.iter().copied());
            let help = match near {
                Some(n) => format!("{n} this endpoint reads {}", known.join(", ")),
                None => format!("this endpoint reads {}", known.join(", ")),
            };
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "zeren::serve::query",
                format!("unknown query key `{k}`"),
            )
            .help(help));
        }
        if pairs[..i].iter().any(|(k2, _)| k2 == k) {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "zeren::serve::query",
                format!("the query gives `{k}` twice"),
            ));
        }
    }
    Ok(pairs)
}

/// A yes-or-no query value.
pub fn flag(pairs: &[(String, String)], key: &str) -> Result<bool, Refusal> {
    match pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()) {
        None | Some("false") => Ok(false),
        Some("true" | "") => Ok(true),
        Some(v) => Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "zeren::serve::query",
            format!("`{key}` is `{v}`, not true or false"),
        )
        .help(format!("write `{key}=true` or `{key}=false`"))),
    }
}

/// A language query value (`zh` or `en`).
pub fn lang(pairs: &[(String, String)], key: &str) -> Result<Option<crate::lang::Lang>, Refusal> {
    match pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()) {
        None => Ok(None),
        Some("zh") => Ok(Some(crate::lang::Lang::Zh)),
        Some("en") => Ok(Some(crate::lang::Lang::En)),
        Some(v) => Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "zeren::serve::query",
            format!("`{key}` is `{v}`, not zh or en"),
        )
        .help(format!("write `{key}=zh` (Chinese, which governs) or `{key}=en`"))),
    }
}
