//! The fast way in for one line of JSON Lines: serde_json reads the line into a tape (every
//! node, one after another in one buffer, its text borrowed from the line), without the YAML
//! scanner and without spans: one allocation a line (two when it has a number or an escape),
//! against one a mapping and a list. The loader reads the tape as it reads the YAML reader's tree
//! ([`Doc`]). Whatever this path does not read exactly as the YAML reader would (a fraction, a
//! number past 64 bits, nesting past the bound, bad syntax) gives `None`, and so does any problem
//! the loader then finds: the line is read again by the YAML reader, which places every problem in
//! the line.

use super::doc::{Doc, Shape};
use super::yaml::{CharSpan, MAX_DEPTH};
use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt::{self, Write};

/// The nodes of one JSON text, in the order written: a list or mapping, then its items (a
/// mapping's keys and values alternate).
struct Tape<'t> {
    toks: Vec<Tok<'t>>,
    /// The texts that are not in the line as they read: strings with escapes, and numbers.
    own: String,
}

#[derive(Clone, Copy)]
enum Tok<'t> {
    /// A scalar as written in the line (or `true`, `false`, `null`), and whether it was plain.
    Str { text: &'t str, plain: bool },
    /// A scalar whose text is in [`Tape::own`], from `start`, `len` bytes long.
    Own { start: u32, len: u32, plain: bool },
    /// A list of `len` items; the node after it is at `next`.
    Seq { len: u32, next: u32 },
    /// A mapping of `len` entries; the node after it is at `next`.
    Map { len: u32, next: u32 },
}

thread_local! {
    /// The room of the last tape this thread read, kept empty for the next line: a batch reads
    /// one a line, and a tape takes an allocation otherwise.
    static SPARE: Cell<Vec<Tok<'static>>> = const { Cell::new(Vec::new()) };
}

/// The most nodes a tape kept for the next line may have room for.
const KEPT: usize = 1 << 12;

/// `f` of the tree of one JSON text; `None` where it cannot be read as the YAML reader would.
pub fn read<R>(line: &str, f: impl FnOnce(At) -> R) -> Option<R> {
    let mut tape = Tape { toks: recast(SPARE.take()), own: String::new() };
    tape.toks.reserve(64);
    let built = build(line, &mut tape);
    let read = built.then(|| f(At { tape: &tape, i: 0 }));
    if tape.toks.capacity() <= KEPT {
        SPARE.set(recast(tape.toks));
    }
    read
}

/// An empty vector of tokens borrowing from another text, in the same room: collecting a
/// vector's own items in place keeps its allocation (the tokens have the same size whatever
/// they borrow).
// (`filter` would keep the tokens' type, and their lifetime with it.)
#[allow(clippy::unnecessary_filter_map)]
fn recast<'a, 'b>(v: Vec<Tok<'a>>) -> Vec<Tok<'b>> {
    v.into_iter().filter_map(|_| None).collect()
}

/// Fills the tape with the nodes of `line`; whether it was read.
fn build<'t>(line: &'t str, tape: &mut Tape<'t>) -> bool {
    // A text past 4 GiB cannot be placed by 32-bit positions (nor is it read: lines are bounded).
    if u32::try_from(line.len()).is_err() {
        return false;
    }
    let mut de = serde_json::Deserializer::from_str(line);
    let b = Build { tape, depth: 0 };
    b.deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// A node of a tape.
#[derive(Clone, Copy)]
pub struct At<'n> {
    tape: &'n Tape<'n>,
    i: u32,
}

impl<'n> At<'n> {
    #[inline]
    fn tok(self) -> Tok<'n> {
        self.tape.toks.get(self.i as usize).copied().unwrap_or(Tok::Seq { len: 0, next: self.i + 1 })
    }

    /// The node after this one and everything in it.
    #[inline]
    fn next(self) -> u32 {
        match self.tok() {
            Tok::Str { .. } | Tok::Own { .. } => self.i + 1,
            Tok::Seq { next, .. } | Tok::Map { next, .. } => next,
        }
    }

    #[inline]
    fn own(self, start: u32, len: u32) -> &'n str {
        self.tape.own.get(start as usize..start as usize + len as usize).unwrap_or_default()
    }
}

/// The items of a list on a tape.
pub struct Items<'n> {
    at: At<'n>,
    left: u32,
}

impl<'n> Iterator for Items<'n> {
    type Item = At<'n>;

    #[inline]
    fn next(&mut self) -> Option<At<'n>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let here = self.at;
        self.at.i = here.next();
        Some(here)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// The entries of a mapping on a tape.
pub struct Entries<'n>(Items<'n>);

impl<'n> Iterator for Entries<'n> {
    type Item = (At<'n>, At<'n>);

    #[inline]
    fn next(&mut self) -> Option<(At<'n>, At<'n>)> {
        Some((self.0.next()?, self.0.next()?))
    }
}

impl<'n> Doc<'n> for At<'n> {
    type Items = Items<'n>;
    type Entries = Entries<'n>;

    #[inline]
    fn shape(self) -> Shape<'n, Self> {
        let first = At { i: self.i + 1, ..self };
        match self.tok() {
            Tok::Str { text, plain } => Shape::Scalar { text, plain },
            Tok::Own { start, len, plain } => Shape::Scalar { text: self.own(start, len), plain },
            Tok::Seq { len, .. } => Shape::Seq(Items { at: first, left: len }),
            Tok::Map { len, .. } => Shape::Map(Entries(Items { at: first, left: len * 2 })),
        }
    }

    #[inline]
    fn span(self) -> CharSpan {
        CharSpan::default()
    }

    /// JSON's one null: the only plain scalars on a tape are `null`, `true`, `false` and numbers.
    #[inline]
    fn is_null(self) -> bool {
        matches!(self.tok(), Tok::Str { text: "null", plain: true })
    }

    #[inline]
    fn text(self) -> Option<&'n str> {
        match self.tok() {
            Tok::Str { text, .. } => Some(text),
            Tok::Own { start, len, .. } => Some(self.own(start, len)),
            _ => None,
        }
    }
}

/// Adds the nodes of one value to the tape, `depth` collections deep.
struct Build<'b, 't> {
    tape: &'b mut Tape<'t>,
    depth: usize,
}

impl<'t> Build<'_, 't> {
    fn push(&mut self, text: &'t str, plain: bool) {
        self.tape.toks.push(Tok::Str { text, plain });
    }

    /// A scalar whose text is not in the line as it reads.
    fn own(&mut self, v: impl fmt::Display, plain: bool) {
        let start = self.tape.own.len() as u32;
        let _ = write!(self.tape.own, "{v}");
        let len = self.tape.own.len() as u32 - start;
        self.tape.toks.push(Tok::Own { start, len, plain });
    }

    /// A collection's node, to be completed once its items are on the tape.
    fn open<E: Error>(&mut self) -> Result<usize, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom("too deep"));
        }
        self.tape.toks.push(Tok::Seq { len: 0, next: 0 });
        Ok(self.tape.toks.len() - 1)
    }

    fn inner(&mut self) -> Build<'_, 't> {
        Build { tape: self.tape, depth: self.depth + 1 }
    }
}

impl<'t> DeserializeSeed<'t> for Build<'_, 't> {
    type Value = ();

    fn deserialize<D: Deserializer<'t>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'t> Visitor<'t> for Build<'_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: Error>(mut self, v: bool) -> Result<(), E> {
        self.push(if v { "true" } else { "false" }, true);
        Ok(())
    }

    fn visit_i64<E: Error>(mut self, v: i64) -> Result<(), E> {
        self.own(v, true);
        Ok(())
    }

    fn visit_u64<E: Error>(mut self, v: u64) -> Result<(), E> {
        self.own(v, true);
        Ok(())
    }

    /// A fraction (or a whole number written as one) keeps its spelling only in the YAML reader.
    fn visit_f64<E: Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom("a number read the slow way"))
    }

    /// A string without escapes, where it lies in the line.
    fn visit_borrowed_str<E: Error>(mut self, v: &'t str) -> Result<(), E> {
        self.push(v, false);
        Ok(())
    }

    fn visit_str<E: Error>(mut self, v: &str) -> Result<(), E> {
        self.own(v, false);
        Ok(())
    }

    fn visit_unit<E: Error>(mut self) -> Result<(), E> {
        self.push("null", true);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'t>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let at = self.open()?;
        let mut len = 0;
        while seq.next_element_seed(self.inner())?.is_some() {
            len += 1;
        }
        let next = self.tape.toks.len() as u32;
        self.tape.toks[at] = Tok::Seq { len, next };
        Ok(())
    }

    fn visit_map<A: MapAccess<'t>>(mut self, mut map: A) -> Result<(), A::Error> {
        let at = self.open()?;
        let mut len = 0;
        while map.next_key_seed(Key(self.inner()))?.is_some() {
            map.next_value_seed(self.inner())?;
            len += 1;
        }
        let next = self.tape.toks.len() as u32;
        self.tape.toks[at] = Tok::Map { len, next };
        Ok(())
    }
}

/// A mapping's key: a string, where it lies in the line when it has no escapes.
struct Key<'b, 't>(Build<'b, 't>);

impl<'t> DeserializeSeed<'t> for Key<'_, 't> {
    type Value = ();

    fn deserialize<D: Deserializer<'t>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'t> Visitor<'t> for Key<'_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: Error>(mut self, v: &'t str) -> Result<(), E> {
        self.0.push(v, false);
        Ok(())
    }

    fn visit_str<E: Error>(mut self, v: &str) -> Result<(), E> {
        self.0.own(v, false);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::yaml::parse_stream;

    /// The tree without spans, to compare the two readers.
    fn shape<'n, D: Doc<'n>>(n: D) -> String {
        match n.shape() {
            Shape::Scalar { text, plain } => format!("{text:?}{}", if plain { "" } else { "q" }),
            Shape::Seq(items) => format!("[{}]", items.map(shape).collect::<Vec<_>>().join(",")),
            Shape::Map(entries) => format!(
                "{{{}}}",
                entries.map(|(k, v)| format!("{}:{}", shape(k), shape(v))).collect::<Vec<_>>().join(",")
            ),
        }
    }

    #[test]
    fn reads_json_as_the_yaml_reader_does() {
        // One after another on one thread, longer lines after shorter ones and shorter after
        // longer, so that a tape sized by an earlier line grows or is left partly empty.
        for text in [
            r#"{"a": 1, "b": -2, "c": true, "d": null, "e": "x\"y\u00e9\n", "f": [1, {"g": "2020-01-01"}], "a": 3}"#,
            r#"{"名称": "某市", "n": 18446744073709551615, "empty": {}, "list": []}"#,
            r#"[false, "true", "null", ""]"#,
            r#"{"k\u0041": [[], [[]], {"x": {}}], "after": "末", "n": -9223372036854775808}"#,
            "7",
            r#""alone""#,
        ] {
            let fast = read(text, |d| shape(d)).expect("read the fast way");
            let slow = parse_stream(text).ok().and_then(|d| d.into_iter().next()).expect("yaml reads it");
            assert_eq!(fast, shape(&slow), "{text}");
        }
    }

    #[test]
    fn leaves_to_the_yaml_reader_what_it_cannot_read_the_same_way() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        for text in [r#"{"a": 1.5}"#, r#"{"a": 1e3}"#, "{\"a\": 1,}", "{} {}", "[1", deep.as_str()] {
            assert!(read(text, |_| ()).is_none(), "{text}");
        }
        // The depth the YAML reader allows is read.
        let deepest = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(read(&deepest, |_| ()).is_some());
    }
}
