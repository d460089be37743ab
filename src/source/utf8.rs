//! Long texts read back from the compiled form (the national measures' labels, provisions and
//! templates): checked as UTF-8 with SIMD where the command line is built (simdutf8), which
//! postcard's own `String` does a byte at a time. One case's start-up spent 15% of its
//! instructions there. The encoding is postcard's for a `str` (its length, then its bytes), so
//! the compiled form is written as before.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// A `String` field: `#[serde(deserialize_with = "crate::source::utf8::string")]`.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_bytes(Utf8)
}

/// An `Option<String>` field.
pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_option(Maybe)
}

/// Checks a text's bytes, as fast as the build allows.
fn check(bytes: &[u8]) -> Option<&str> {
    #[cfg(feature = "cli")]
    return simdutf8::basic::from_utf8(bytes).ok();
    #[cfg(not(feature = "cli"))]
    return std::str::from_utf8(bytes).ok();
}

struct Utf8;

impl Visitor<'_> for Utf8 {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a UTF-8 text")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<String, E> {
        check(bytes).map(str::to_owned).ok_or_else(|| E::invalid_value(de::Unexpected::Bytes(bytes), &self))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_owned())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }
}

struct Maybe;

impl<'de> Visitor<'de> for Maybe {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a UTF-8 text, or none")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        string(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct T {
        #[serde(deserialize_with = "super::string")]
        a: String,
        #[serde(deserialize_with = "super::option")]
        b: Option<String>,
        #[serde(deserialize_with = "super::option")]
        c: Option<String>,
    }

    #[test]
    fn reads_back_what_postcard_wrote() {
        let t = T { a: "责任，responsibility".into(), b: Some("petition work".into()), c: None };
        let bytes = postcard::to_allocvec(&t).unwrap();
        assert_eq!(postcard::from_bytes::<T>(&bytes).unwrap(), t);
    }

    #[test]
    fn refuses_bytes_that_are_not_utf8() {
        let mut bytes = postcard::to_allocvec(&T { a: "ab".into(), b: None, c: None }).unwrap();
        bytes[1] = 0xff;
        assert!(postcard::from_bytes::<T>(&bytes).is_err());
    }
}
