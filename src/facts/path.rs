//! Where in a case a problem is, as a path of keys and positions (`$.people[2].role`): for a
//! machine reading an error record, which cannot see the file the way a person sees a diagnostic.

use super::error::CaseError;
use super::yaml::{Node, parse_stream};

/// The path of each problem of a case read from `text`: where its first label points.
pub fn paths_of(text: &str, problems: &[CaseError]) -> Vec<Option<String>> {
    let first = |p: &CaseError| miette::Diagnostic::labels(p).and_then(|mut l| l.next()).map(|l| l.offset());
    paths_at(text, &problems.iter().map(first).collect::<Vec<_>>())
}

/// The path of the key or value of the first case in `text` at each byte offset: `$` for the
/// case itself, `$.harm` for its key `harm` or that key's value, `$.people[2].role` inside a list.
/// `None` for no offset, and for every offset when the text is not YAML (or JSON) at all. The
/// text is read once for all of them.
pub fn paths_at(text: &str, offsets: &[Option<usize>]) -> Vec<Option<String>> {
    let doc = parse_stream(text).ok().and_then(|d| d.into_iter().next());
    let path = |offset: usize| {
        let at = text.get(..offset).map_or(0, |s| s.chars().count());
        let mut path = String::from("$");
        walk(doc.as_ref()?, at, &mut path);
        Some(path)
    };
    offsets.iter().map(|o| o.and_then(path)).collect()
}

/// Adds to `path` the steps from `node` to the innermost key or item holding character `at`.
fn walk(node: &Node, at: usize, path: &mut String) {
    let inside = |n: &Node| (n.span().start..n.span().end.max(n.span().start + 1)).contains(&at);
    match node {
        Node::Map { entries, .. } => {
            if let Some((k, v)) = entries.iter().find(|(k, v)| inside(k) || inside(v)) {
                key(k, path);
                if inside(v) {
                    walk(v, at, path);
                }
            }
        }
        Node::Seq { items, .. } => {
            if let Some((i, item)) = items.iter().enumerate().find(|(_, n)| inside(n)) {
                path.push_str(&format!("[{i}]"));
                walk(item, at, path);
            }
        }
        Node::Scalar { .. } => {}
    }
}

/// One key's step: `.name` for a name, `["…"]` (JSON-quoted) for any other key.
fn key(k: &Node, path: &mut String) {
    let text = match k {
        Node::Scalar { text, .. } => text.as_ref(),
        _ => "?",
    };
    let plain = !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_');
    match plain {
        true => path.push_str(&format!(".{text}")),
        false => path.push_str(&format!("[{}]", serde_json::Value::from(text))),
    }
}

#[cfg(test)]
mod tests {
    use super::paths_at;

    fn path_at(text: &str, offset: usize) -> Option<String> {
        paths_at(text, &[Some(offset)]).remove(0)
    }

    #[test]
    fn a_key_a_value_an_item_and_the_case_itself() {
        let text = r#"{"harm": "minor", "people": [{"name": "甲"}, {"name": "乙", "rôle": "x"}], "a.b": 1}"#;
        let at = |needle: &str| path_at(text, text.find(needle).expect("in the text")).expect("a path");
        assert_eq!(at("\"harm\""), "$.harm");
        assert_eq!(at("\"minor\""), "$.harm");
        assert_eq!(at("\"乙\""), "$.people[1].name");
        assert_eq!(at("\"x\""), "$.people[1].rôle");
        assert_eq!(at("{\"name\": \"甲\""), "$.people[0]");
        assert_eq!(at("\"a.b\""), r#"$["a.b"]"#);
        assert_eq!(path_at(text, 0).as_deref(), Some("$"));
        assert_eq!(path_at("{\"harm\": [", 3), None);
    }
}
