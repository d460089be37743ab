//! The fast way in for one line of JSON Lines: serde_json reads the line straight into the tree the
//! loader checks, without the YAML scanner and without spans. Whatever this path does not read
//! exactly as the YAML reader would (a fraction, a number past 64 bits, nesting past the bound,
//! bad syntax) gives `None`, and so does any problem the loader then finds: the line is read
//! again by the YAML reader, which places every problem in the line.

use super::yaml::{CharSpan, MAX_DEPTH, Node};
use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The tree of one JSON text, as the YAML reader would build it (strings quoted, other scalars
/// plain), with empty spans; `None` where it cannot be read the same way.
pub fn parse(text: &str) -> Option<Node<'_>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let node = Depth(0).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(node)
}

/// Builds a node `0` levels of collections deep.
struct Depth(usize);

fn scalar<'a>(text: impl Into<Cow<'a, str>>, plain: bool) -> Node<'a> {
    Node::Scalar { text: text.into(), plain, span: CharSpan::default() }
}

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = Node<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Depth {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(scalar(if v { "true" } else { "false" }, true))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(scalar(v.to_string(), true))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(scalar(v.to_string(), true))
    }

    /// A fraction (or a whole number written as one) keeps its spelling only in the YAML reader.
    fn visit_f64<E: Error>(self, _: f64) -> Result<Node<'de>, E> {
        Err(E::custom("a number read the slow way"))
    }

    /// A string without escapes, borrowed from the line.
    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(scalar(v, false))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(scalar(v.to_string(), false))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Node<'de>, E> {
        Ok(scalar(v, false))
    }

    fn visit_unit<E: Error>(self) -> Result<Node<'de>, E> {
        Ok(scalar("null", true))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        if self.0 >= MAX_DEPTH {
            return Err(A::Error::custom("too deep"));
        }
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4));
        while let Some(n) = seq.next_element_seed(Depth(self.0 + 1))? {
            items.push(n);
        }
        Ok(Node::Seq { items, span: CharSpan::default() })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        if self.0 >= MAX_DEPTH {
            return Err(A::Error::custom("too deep"));
        }
        // The case itself has a dozen keys or so; a record, a few.
        let guess = if self.0 == 0 { 16 } else { 8 };
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(guess));
        while let Some(k) = map.next_key_seed(Key)? {
            let v = map.next_value_seed(Depth(self.0 + 1))?;
            entries.push((scalar(k, false), v));
        }
        Ok(Node::Map { entries, span: CharSpan::default() })
    }
}

/// A mapping's key: borrowed from the line when it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::yaml::parse_stream;

    /// The tree without spans, to compare the two readers.
    fn shape(n: &Node) -> String {
        match n {
            Node::Scalar { text, plain, .. } => format!("{text:?}{}", if *plain { "" } else { "q" }),
            Node::Seq { items, .. } => format!("[{}]", items.iter().map(shape).collect::<Vec<_>>().join(",")),
            Node::Map { entries, .. } => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{}:{}", shape(k), shape(v)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }

    #[test]
    fn reads_json_as_the_yaml_reader_does() {
        for text in [
            r#"{"a": 1, "b": -2, "c": true, "d": null, "e": "x\"y\u00e9\n", "f": [1, {"g": "2020-01-01"}], "a": 3}"#,
            r#"{"名称": "某市", "n": 18446744073709551615, "empty": {}, "list": []}"#,
            r#"[false, "true", "null", ""]"#,
        ] {
            let fast = parse(text).expect("read the fast way");
            let slow = parse_stream(text).ok().and_then(|d| d.into_iter().next()).expect("yaml reads it");
            assert_eq!(shape(&fast), shape(&slow), "{text}");
        }
    }

    #[test]
    fn leaves_to_the_yaml_reader_what_it_cannot_read_the_same_way() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        for text in [r#"{"a": 1.5}"#, r#"{"a": 1e3}"#, "{\"a\": 1,}", "{} {}", "[1", deep.as_str()] {
            assert!(parse(text).is_none(), "{text}");
        }
    }
}
