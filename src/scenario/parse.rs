//! A scenario file's text → scenarios: a name, the layers to load, the case (inline or a file),
//! and the expectations, each with where it stands in the file.

use super::error::ScenarioError;
use crate::facts::yaml::{Node, parse_stream};
use crate::facts::{CaseError, span_of};
use crate::source::Source;
use crate::suggest::did_you_mean;

pub struct Scenario {
    pub name: String,
    pub layers: Vec<String>,
    pub case: CaseRef,
    pub expect: Vec<Expectation>,
}

pub enum CaseRef {
    Inline(Node<'static>),
    File(String, Node<'static>),
}

pub struct Expectation {
    pub key: String,
    pub value: serde_json::Value,
    pub node: Node<'static>,
}

const KEYS: &[&str] = &["name", "layers", "case", "expect"];

/// Reads a scenario file. Problems come back as diagnostics (a YAML error is a case-file error).
pub fn scenarios(src: &Source) -> Result<Vec<Scenario>, Vec<miette::Report>> {
    let docs = match parse_stream(&src.text) {
        Ok(d) => d,
        Err(_) => {
            // The case loader words YAML errors best; let it speak.
            let errs = crate::facts::load(&crate::program::Program::default(), src).err().unwrap_or_default();
            let errs: Vec<CaseError> = errs
                .into_iter()
                .filter(|e| {
                    matches!(
                        e,
                        CaseError::Syntax { .. }
                            | CaseError::Tab { .. }
                            | CaseError::Alias { .. }
                            | CaseError::TooDeep { .. }
                    )
                })
                .collect();
            return Err(errs.into_iter().map(miette::Report::new).collect());
        }
    };
    let mut out = vec![];
    let mut errors: Vec<ScenarioError> = vec![];
    for (i, doc) in docs.into_iter().enumerate() {
        let at = doc.span();
        let Node::Map { entries, .. } = doc else {
            errors.push(shape(src, at, "a scenario is a mapping with `name`, `case` and `expect`", None));
            continue;
        };
        let (mut name, mut layers, mut case, mut expect) = (None, vec![], None, None);
        for (k, v) in entries {
            let Node::Scalar { text: key, .. } = &k else {
                errors.push(shape(src, k.span(), "a key is a name", None));
                continue;
            };
            match key.as_ref() {
                "name" => match &v {
                    Node::Scalar { text, .. } => name = Some(text.to_string()),
                    _ => errors.push(shape(src, v.span(), "`name` is a text", None)),
                },
                "layers" => match &v {
                    Node::Seq { items, .. } => {
                        for it in items {
                            match it {
                                Node::Scalar { text, .. } => layers.push(text.to_string()),
                                _ => errors.push(shape(
                                    src,
                                    it.span(),
                                    "a layer is the path of a policy file or folder",
                                    None,
                                )),
                            }
                        }
                    }
                    Node::Scalar { text, .. } => layers.push(text.to_string()),
                    _ => errors.push(shape(
                        src,
                        v.span(),
                        "`layers` is a list of policy files or folders",
                        None,
                    )),
                },
                "case" => {
                    case = Some(match v {
                        Node::Scalar { ref text, .. } => CaseRef::File(text.to_string(), v.into_owned()),
                        other => CaseRef::Inline(other.into_owned()),
                    })
                }
                "expect" => expect = Some(v),
                other => errors.push(ScenarioError::UnknownKey {
                    key: other.to_string(),
                    place: "a scenario".into(),
                    src: src.named(),
                    span: span_of(src, k.span()),
                    help: did_you_mean(other, KEYS.iter().copied())
                        .or_else(|| Some(format!("a scenario has: {}", KEYS.join(", ")))),
                }),
            }
        }
        let Some(case) = case else {
            errors.push(shape(
                src,
                at,
                "this scenario has no `case`",
                Some("give the case inline, or the path of a case file"),
            ));
            continue;
        };
        let mut expectations = vec![];
        match expect {
            Some(Node::Map { entries, .. }) => {
                for (k, v) in entries {
                    let Node::Scalar { text: key, .. } = &k else { continue };
                    expectations.push(Expectation {
                        key: key.to_string(),
                        value: crate::facts::yaml::to_json(&v),
                        node: k.into_owned(),
                    });
                }
            }
            Some(other) => {
                errors.push(shape(src, other.span(), "`expect` is a mapping of decision keys", None))
            }
            None => errors.push(shape(
                src,
                at,
                "this scenario expects nothing",
                Some("add `expect:` with the keys the decision must have"),
            )),
        }
        out.push(Scenario {
            name: name.unwrap_or_else(|| format!("scenario {}", i + 1)),
            layers,
            case,
            expect: expectations,
        });
    }
    if errors.is_empty() { Ok(out) } else { Err(errors.into_iter().map(miette::Report::new).collect()) }
}

fn shape(src: &Source, at: crate::facts::yaml::CharSpan, what: &str, help: Option<&str>) -> ScenarioError {
    ScenarioError::Shape {
        what: what.into(),
        src: src.named(),
        span: span_of(src, at),
        help: help.map(Into::into),
    }
}
