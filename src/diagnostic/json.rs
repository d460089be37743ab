//! Diagnostics as JSON, for machines (the service's 4xx answers, and what editors read): each
//! problem's code, severity, message, file, line and column (1-based, columns in characters),
//! labels and help, the same words the command line prints. A diagnostic with related problems
//! (a policy set that does not load, a case text with several problems) gives one entry each.

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};
use serde_json::{Value as J, json};

/// Every problem of `d`, flattened: its related problems where it has them, else itself.
pub fn problems(d: &dyn Diagnostic) -> Vec<J> {
    let mut out = vec![];
    flatten(d, None, &mut out, &mut Texts::default());
    out
}

/// The whole text of each source read in one call, by the source's address: every diagnostic
/// is borrowed for the call, so no address is reused by another text within it (a cache kept
/// across calls could be handed a new text at a freed one's address, with the same name).
#[derive(Default)]
struct Texts(Vec<(usize, Option<Whole>)>);

/// A source's name and whole text.
type Whole = (Option<String>, std::sync::Arc<str>);

impl Texts {
    fn of(&mut self, source: &dyn SourceCode) -> Option<Whole> {
        let at = source as *const dyn SourceCode as *const () as usize;
        if let Some((_, t)) = self.0.iter().find(|(a, _)| *a == at) {
            return t.clone();
        }
        let c = source.read_span(&miette::SourceSpan::from((0, 0)), 0, usize::MAX).ok();
        let t = c.map(|c| (c.name().map(str::to_string), String::from_utf8_lossy(c.data()).into()));
        self.0.push((at, t.clone()));
        t
    }
}

fn flatten(d: &dyn Diagnostic, parent: Option<&dyn SourceCode>, out: &mut Vec<J>, texts: &mut Texts) {
    let source = d.source_code().or(parent);
    let related: Vec<&dyn Diagnostic> = d.related().map(|r| r.collect()).unwrap_or_default();
    if !related.is_empty() {
        for r in related {
            flatten(r, source, out, texts);
        }
        return;
    }
    out.push(one(d, source.and_then(|s| texts.of(s))));
}

/// One problem.
fn one(d: &dyn Diagnostic, whole: Option<Whole>) -> J {
    let labels: Vec<LabeledSpan> = d.labels().map(|l| l.collect()).unwrap_or_default();
    let place = |l: &LabeledSpan| {
        let (line, column) = whole.as_ref().map_or((0, 0), |(_, t)| line_column(t, l.offset()));
        let (end_line, end_column) =
            whole.as_ref().map_or((0, 0), |(_, t)| line_column(t, l.offset() + l.len()));
        json!({
            "label": l.label(),
            "offset": l.offset(),
            "length": l.len(),
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
        })
    };
    let primary = labels.iter().find(|l| l.primary()).or(labels.first());
    let at = primary.map(place);
    let severity = match d.severity() {
        Some(Severity::Warning) => "warning",
        Some(Severity::Advice) => "advice",
        _ => "error",
    };
    json!({
        "code": d.code().map(|c| c.to_string()),
        "severity": severity,
        "message": d.to_string(),
        "file": whole.as_ref().and_then(|(n, _)| n.clone()),
        "line": at.as_ref().map(|a| a["line"].clone()),
        "column": at.as_ref().map(|a| a["column"].clone()),
        "help": d.help().map(|h| h.to_string()),
        "labels": labels.iter().map(place).collect::<Vec<_>>(),
    })
}

/// The line and column (1-based; the column in characters) of a byte offset of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(line_column("ab\n中文x", 0), (1, 1));
        assert_eq!(line_column("ab\n中文x", 3), (2, 1));
        assert_eq!(line_column("ab\n中文x", 9), (2, 3));
        assert_eq!(line_column("ab", 99), (1, 3));
    }
}
