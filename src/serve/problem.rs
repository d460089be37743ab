//! What the service answers when a request cannot be served: an HTTP status and a JSON body with
//! the same diagnostics the command line prints (code, message, line, column, help), never a 500
//! for bad input.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value as J, json};

/// A request that is not served, and why.
#[derive(Debug)]
pub struct Refusal {
    /// The status answered.
    pub status: StatusCode,
    /// A stable code (`zeren::serve::…`, or the diagnostic's own).
    pub code: String,
    /// What went wrong, for people.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The problems found in the request's text, each placed.
    pub problems: Vec<J>,
    /// Seconds to wait before trying again (503).
    pub retry_after: Option<u32>,
}

impl Refusal {
    /// A refusal with no placed problems.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            code: code.into(),
            message: message.into(),
            help: None,
            problems: vec![],
            retry_after: None,
        }
    }

    /// With help.
    pub fn help(mut self, help: impl Into<String>) -> Refusal {
        self.help = Some(help.into());
        self
    }

    /// A diagnostic of the request's text (a case, a layer): 400 or what `status` says, with
    /// every problem placed.
    pub fn diagnostic(status: StatusCode, d: &dyn miette::Diagnostic) -> Refusal {
        let problems = crate::diagnostic::json::problems(d);
        let first = problems.first();
        let code = first.and_then(|p| p["code"].as_str()).map(str::to_string);
        Refusal {
            status,
            code: code
                .or_else(|| d.code().map(|c| c.to_string()))
                .unwrap_or_else(|| "zeren::serve::input".into()),
            message: d.to_string(),
            help: first.and_then(|p| p["help"].as_str()).map(str::to_string),
            problems,
            retry_after: None,
        }
    }

    /// The JSON body.
    pub fn body(&self) -> J {
        json!({"error": {
            "status": self.status.as_u16(),
            "code": self.code,
            "message": self.message,
            "help": self.help,
            "problems": self.problems,
        }})
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let mut r = (self.status, axum::Json(self.body())).into_response();
        if let Some(s) = self.retry_after {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        r
    }
}
