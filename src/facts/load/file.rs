//! The file a case's problems are placed in. Reading does not need it as a [`Source`] (whose text
//! is a shared copy): only a problem does, and then it is made once, for every part of the file
//! read on every thread. So a long stream is read where it lies, never copied.

use crate::source::Source;
use std::sync::OnceLock;

/// A file's name and text, and the [`Source`] made of them when a problem first needs it.
pub struct File<'a> {
    name: &'a str,
    text: &'a str,
    source: OnceLock<Source>,
}

impl<'a> File<'a> {
    /// A file of this name and text, not copied unless a problem is found in it.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        File { name, text, source: OnceLock::new() }
    }

    /// The file of a source the caller has (shown as it is, never copied again).
    pub fn of(src: &'a Source) -> Self {
        File { name: &src.name, text: &src.text, source: OnceLock::from(src.clone()) }
    }

    /// Its whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The file as miette shows it, made on first use.
    pub(super) fn named(&self) -> miette::NamedSource<std::sync::Arc<str>> {
        self.source.get_or_init(|| Source::new(self.name, self.text)).named()
    }
}
