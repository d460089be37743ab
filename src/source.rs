//! Sources: policy and case texts with their names, byte spans into them, and reading policy
//! files from disk. A [`Span`] names its file by index into the list of
//! loaded sources, so any diagnostic can show the text it points at.

mod read;
pub(crate) mod utf8;

pub use read::{
    MAX_FILE_BYTES, MAX_STREAM_BYTES, ReadError, inside, read_at_most, read_file, read_stdin, stays_below,
};

use miette::{NamedSource, SourceSpan};
use std::sync::Arc;

/// One loaded policy or case file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// Its name (a path, `<stdin>`, …).
    pub name: Text,
    /// Its text.
    pub text: Text,
}

/// A source's name or text: shared when read at run time, borrowed when embedded in zeren (the
/// national measures), so that starting up does not copy their text.
#[derive(Debug, Clone)]
pub enum Text {
    /// Embedded when zeren was compiled.
    Embedded(&'static str),
    /// Read at run time.
    Shared(Arc<str>),
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Embedded(t) => t,
            Text::Shared(t) => t,
        }
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl From<&str> for Text {
    fn from(t: &str) -> Self {
        Text::Shared(t.into())
    }
}

impl From<String> for Text {
    fn from(t: String) -> Self {
        Text::Shared(t.into())
    }
}

impl From<std::borrow::Cow<'_, str>> for Text {
    fn from(t: std::borrow::Cow<'_, str>) -> Self {
        Text::Shared(t.into())
    }
}

impl From<&String> for Text {
    fn from(t: &String) -> Self {
        Text::Shared(t.as_str().into())
    }
}

impl From<Arc<str>> for Text {
    fn from(t: Arc<str>) -> Self {
        Text::Shared(t)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Arc::<str>::deserialize(d).map(Text::Shared)
    }
}

impl Source {
    /// A source of this name and text.
    pub fn new(name: impl Into<Text>, text: impl Into<Text>) -> Self {
        Source { name: name.into(), text: text.into() }
    }

    /// A source embedded in zeren when it was compiled (not copied).
    pub fn embedded(name: &'static str, text: &'static str) -> Self {
        Source { name: Text::Embedded(name), text: Text::Embedded(text) }
    }

    /// The source as miette wants it for rendering a diagnostic (an embedded text is copied
    /// then: only a diagnostic needs it shared).
    pub fn named(&self) -> NamedSource<Arc<str>> {
        let text = match &self.text {
            Text::Embedded(t) => Arc::from(*t),
            Text::Shared(t) => t.clone(),
        };
        NamedSource::new(&*self.name, text).with_language("zeren")
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or("")
    }
}

/// A byte range in the source file number `src` of a policy set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// The file, by its position among the set's sources.
    pub src: u16,
    /// The first byte.
    pub start: u32,
    /// The byte after the last.
    pub end: u32,
}

impl Span {
    /// The span of bytes `start..end` of file `src`.
    pub fn new(src: u16, start: usize, end: usize) -> Self {
        Span { src, start: start as u32, end: end as u32 }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { src: self.src, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// A digest of files' names and texts (64-bit FNV-1a), the same whether computed when zeren is
/// compiled (a `const`) or at run time: it tells whether a compiled form was made from these texts.
pub const fn digest(files: &[(&str, &str)]) -> u64 {
    let (mut h, mut i) = (FNV_START, 0);
    while i < files.len() {
        h = fnv(fnv(h, files[i].0.as_bytes()), files[i].1.as_bytes());
        i += 1;
    }
    h
}

/// The digest of these sources (as [`digest`] of their names and texts).
pub fn digest_of(sources: &[Source]) -> u64 {
    sources.iter().fold(FNV_START, |h, s| fnv(fnv(h, s.name.as_bytes()), s.text.as_bytes()))
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over the bytes and one 0xff after them (no UTF-8 text holds it, so a name's end is
/// never confused with its text's beginning).
const fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i <= bytes.len() {
        let b = if i < bytes.len() { bytes[i] } else { 0xff };
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

impl From<Span> for SourceSpan {
    fn from(s: Span) -> Self {
        SourceSpan::new((s.start as usize).into(), (s.end - s.start) as usize)
    }
}

/// Reads policy files: each path is a `.policy` file or a folder of them (see [`read_file`]
/// and [`inside`] for what is refused).
pub fn read_policies(paths: &[std::path::PathBuf]) -> Result<Vec<Source>, ReadError> {
    let mut out = vec![];
    for p in paths {
        let mut files = vec![];
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|e| ReadError::Unreadable {
                path: p.display().to_string(),
                reason: e.to_string(),
            })?;
            for entry in rd.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|x| x == "policy") {
                    inside(p, &path)?;
                    files.push(path);
                }
            }
            files.sort();
        } else {
            files.push(p.clone());
        }
        for f in files {
            let text = read_file(&f)?;
            out.push(Source::new(f.display().to_string(), text));
        }
    }
    Ok(out)
}
