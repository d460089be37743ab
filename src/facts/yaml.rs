//! A YAML stream → a tree of nodes with spans, built from saphyr-parser's events. Anchors and
//! aliases are refused (no expansion ever happens) and nesting is bounded, so hostile input is
//! refused quickly.

use saphyr_parser::{Event, Parser, ScalarStyle};
use std::borrow::Cow;

pub const MAX_DEPTH: usize = 16;

/// A span in characters (saphyr's markers count characters).
#[derive(Debug, Clone, Copy, Default)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
/// A node of the tree; its scalars borrow from the text read where they can (a scalar written
/// without escapes, as most are), so that a batch does not copy every key and value.
pub enum Node<'a> {
    Scalar { text: Cow<'a, str>, plain: bool, span: CharSpan },
    Seq { items: Vec<Node<'a>>, span: CharSpan },
    Map { entries: Vec<(Node<'a>, Node<'a>)>, span: CharSpan },
}

impl Node<'_> {
    /// The node, owning its text (to be kept after the text it was read from).
    pub fn into_owned(self) -> Node<'static> {
        match self {
            Node::Scalar { text, plain, span } => {
                Node::Scalar { text: Cow::Owned(text.into_owned()), plain, span }
            }
            Node::Seq { items, span } => {
                Node::Seq { items: items.into_iter().map(Node::into_owned).collect(), span }
            }
            Node::Map { entries, span } => Node::Map {
                entries: entries.into_iter().map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
                span,
            },
        }
    }

    pub fn span(&self) -> CharSpan {
        match self {
            Node::Scalar { span, .. } | Node::Seq { span, .. } | Node::Map { span, .. } => *span,
        }
    }

    /// A plain `~`, `null` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { text, plain: true, .. } if super::doc::is_null_text(text))
    }
}

pub enum YamlError {
    Syntax(String, CharSpan),
    Alias(CharSpan),
    TooDeep(CharSpan),
}

/// Parses every document of a stream. Stops at the first syntax error.
pub fn parse_stream(text: &str) -> Result<Vec<Node<'_>>, YamlError> {
    docs(text).collect()
}

/// The documents of a stream one at a time, so that each can be read and dropped before the
/// next is built. After an error it ends.
pub fn docs(text: &str) -> Docs<'_> {
    Docs { events: Parser::new_from_str(text), stack: vec![], failed: false }
}

pub struct Docs<'a> {
    events: Parser<'a, saphyr_parser::StrInput<'a>>,
    stack: Vec<(Node<'a>, Option<Node<'a>>)>,
    failed: bool,
}

impl<'a> Iterator for Docs<'a> {
    type Item = Result<Node<'a>, YamlError>;

    fn next(&mut self) -> Option<Result<Node<'a>, YamlError>> {
        if self.failed {
            return None;
        }
        let doc = self.next_doc();
        self.failed = matches!(doc, Some(Err(_)));
        doc
    }
}

impl<'a> Docs<'a> {
    fn next_doc(&mut self) -> Option<Result<Node<'a>, YamlError>> {
        let stack = &mut self.stack;
        for ev in self.events.by_ref() {
            let (ev, span) = match ev {
                Ok(x) => x,
                Err(e) => {
                    let at = e.marker().index();
                    return Some(Err(YamlError::Syntax(
                        e.info().to_string(),
                        CharSpan { start: at, end: at + 1 },
                    )));
                }
            };
            let sp =
                CharSpan { start: span.start.index(), end: span.end.index().max(span.start.index() + 1) };
            let node = match ev {
                Event::Alias(_) => return Some(Err(YamlError::Alias(sp))),
                Event::Scalar(_, _, anchor, _)
                | Event::SequenceStart(anchor, _)
                | Event::MappingStart(anchor, _)
                    if anchor != 0 =>
                {
                    return Some(Err(YamlError::Alias(sp)));
                }
                Event::Scalar(v, style, _, _) => {
                    Node::Scalar { text: v, plain: style == ScalarStyle::Plain, span: sp }
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    if stack.len() >= MAX_DEPTH {
                        return Some(Err(YamlError::TooDeep(sp)));
                    }
                    let n = if matches!(ev, Event::SequenceStart(..)) {
                        Node::Seq { items: vec![], span: sp }
                    } else {
                        Node::Map { entries: vec![], span: sp }
                    };
                    stack.push((n, None));
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                    Some((mut n, _)) => {
                        if let Node::Seq { span, .. } | Node::Map { span, .. } = &mut n {
                            span.end = sp.end.max(span.start + 1);
                        }
                        n
                    }
                    None => continue,
                },
                _ => continue,
            };
            match stack.last_mut() {
                None => return Some(Ok(node)),
                Some((Node::Seq { items, .. }, _)) => items.push(node),
                Some((Node::Map { entries, .. }, key)) => match key.take() {
                    None => *key = Some(node),
                    Some(k) => entries.push((k, node)),
                },
                Some((Node::Scalar { .. }, _)) => {}
            }
        }
        None
    }
}

/// The node as JSON with YAML's core schema (plain `true`/`false`, integers, `null`); used by
/// tools and tests that want a case as plain data.
pub fn to_json(n: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match n {
        Node::Scalar { text, plain: true, .. } if n.is_null() => {
            let _ = text;
            J::Null
        }
        Node::Scalar { text, plain: true, .. } if text == "true" || text == "false" => {
            J::Bool(text == "true")
        }
        Node::Scalar { text, plain: true, .. } if text.parse::<i64>().is_ok() => {
            text.parse::<i64>().map_or(J::Null, J::from)
        }
        Node::Scalar { text, .. } => J::String(text.to_string()),
        Node::Seq { items, .. } => J::Array(items.iter().map(to_json).collect()),
        Node::Map { entries, .. } => J::Object(
            entries
                .iter()
                .map(|(k, v)| match k {
                    Node::Scalar { text, .. } => (text.to_string(), to_json(v)),
                    other => (format!("{:?}", other.span()), to_json(v)),
                })
                .collect(),
        ),
    }
}
