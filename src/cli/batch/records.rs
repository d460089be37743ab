//! A line that is not decided: its error record in the output (for JSON out: the line, and each
//! problem's code, message, column and the path of the key it is at), or its diagnostics on
//! standard error (for people).

use super::{Done, Format};
use crate::engine::DecideError;
use miette::Diagnostic;

/// A failed line's error record, `{"error": {"file", "line", "problems"}}`, as a line of output
/// added to `out`.
fn record(name: &str, n: usize, problems: Vec<serde_json::Value>, out: &mut String) -> Done {
    let record = serde_json::json!({"error": {"file": name, "line": n, "problems": problems}});
    let start = out.len();
    out.push_str(&serde_json::to_string(&record).unwrap_or_default());
    out.push('\n');
    Done { len: out.len() - start, errors: vec![], other: String::new(), failed: true }
}

/// One problem of an error record: its code, message, column and the path of the key it is at.
fn problem(
    code: Option<String>,
    message: String,
    column: Option<usize>,
    path: Option<String>,
) -> serde_json::Value {
    serde_json::json!({"code": code, "message": message, "column": column, "path": path})
}

/// A line that could not be read at all (too long, not UTF-8): its error record, or its
/// diagnostic on standard error.
pub(super) fn unread(
    name: &str,
    n: usize,
    code: &str,
    message: &str,
    format: Format,
    out: &mut String,
) -> Done {
    match format {
        Format::Json | Format::Jsonl => {
            record(name, n, vec![problem(Some(code.to_string()), message.to_string(), None, None)], out)
        }
        _ => Done {
            len: 0,
            errors: vec![],
            other: format!("error[{code}]: {name}:{n}: {message}\n"),
            failed: true,
        },
    }
}

/// A line that could not be read as a case: for JSON Lines out, a record in the output (the line,
/// and each problem's code, message, column and the path of the key it is at); for people, the
/// diagnostics on standard error.
pub(super) fn error_record(
    name: &str,
    n: usize,
    line: &str,
    e: DecideError,
    format: Format,
    out: &mut String,
) -> Done {
    let column = |offset: usize| line.get(..offset).map_or(0, |s| s.chars().count()) + 1;
    let problems: Vec<serde_json::Value> = match &e {
        DecideError::Cases(es) => (es.problems.iter())
            .zip(crate::facts::path::paths_of(line, &es.problems))
            .map(|(p, path)| {
                let at = p.labels().and_then(|mut l| l.next()).map(|l| column(l.offset()));
                problem(p.code().map(|c| c.to_string()), p.to_string(), at, path)
            })
            .collect(),
        other => vec![problem(None, other.to_string(), None, None)],
    };
    match format {
        Format::Json | Format::Jsonl => record(name, n, problems, out),
        _ => {
            let (errors, other) = match e {
                DecideError::Cases(es) => (es.problems, String::new()),
                other => (vec![], format!("error: {name}:{n}: {other}\n")),
            };
            Done { len: 0, errors, other, failed: true }
        }
    }
}
