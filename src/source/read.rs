//! Reading input files safely: regular files only (a link is followed to a regular file; a
//! device, pipe, socket or folder is refused before it is opened), at most [`MAX_FILE_BYTES`],
//! UTF-8 (a byte that is not is a diagnostic at its place). A file found by walking a folder is
//! read only when it, or the file it links to, is inside that folder; a path written inside a
//! scenario is relative and never climbs above the folder it is read from.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::io::Read;
use std::path::{Component, Path};
use std::sync::Arc;
use thiserror::Error;

/// The largest file read: 16 MiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The largest stream of cases read whole (a YAML stream given to `eval` or `diff`): 1 GiB. Its
/// cases are checked before any is decided, so the text is held; JSON Lines are read a line at a
/// time and have no such bound.
pub const MAX_STREAM_BYTES: u64 = 1024 * 1024 * 1024;

/// Why a file is not read.
#[derive(Debug, Error, Diagnostic)]
pub enum ReadError {
    /// The system cannot open or read it (no such file, no permission, …).
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(zeren::file::unreadable))]
    Unreadable {
        /// The path.
        path: String,
        /// The system's reason.
        reason: String,
    },
    /// A device, pipe, socket or folder where a file was expected.
    #[error("{path} is not a regular file: it is {what}")]
    #[diagnostic(
        code(zeren::file::not_regular),
        help(
            "zeren reads regular files only: never a device, a pipe, a socket or a folder in a file's place"
        )
    )]
    NotRegular {
        /// The path.
        path: String,
        /// What it is.
        what: &'static str,
    },
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("{path} is larger than {limit} bytes, the most zeren reads from one file")]
    #[diagnostic(code(zeren::file::too_large), help("split the cases into several files"))]
    TooLarge {
        /// The path.
        path: String,
        /// The limit.
        limit: u64,
    },
    /// Not UTF-8 text.
    #[error("this file is not UTF-8 text")]
    #[diagnostic(code(zeren::file::encoding), help("save the file as UTF-8"))]
    NotUtf8 {
        /// The text, each faulty byte replaced.
        #[source_code]
        src: NamedSource<Arc<str>>,
        /// The first faulty byte.
        #[label("not UTF-8 from here")]
        span: SourceSpan,
    },
    /// A link, found in a folder, to a file outside it.
    #[error("{path} links outside its folder {folder}; it is not read")]
    #[diagnostic(
        code(zeren::file::outside),
        help("a folder's files are read only when they are inside it: name the file itself to read it")
    )]
    Outside {
        /// The link.
        path: String,
        /// The folder walked.
        folder: String,
    },
}

impl ReadError {
    /// The exit status: a file that cannot be opened is a usage error (2); one that is there
    /// but not fit to read is a faulty input (1).
    pub fn exit_code(&self) -> u8 {
        if matches!(self, ReadError::Unreadable { .. }) { 2 } else { 1 }
    }
}

/// The text of a regular file of at most [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path) -> Result<String, ReadError> {
    read_at_most(path, MAX_FILE_BYTES)
}

/// The text of a regular file of at most `limit` bytes.
pub fn read_at_most(path: &Path, limit: u64) -> Result<String, ReadError> {
    let name = path.display().to_string();
    let unreadable = |e: std::io::Error| ReadError::Unreadable { path: name.clone(), reason: e.to_string() };
    // Before opening: opening a pipe waits for a writer.
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        let what = if meta.is_dir() { "a folder" } else { "a device, a pipe or a socket" };
        return Err(ReadError::NotRegular { path: name, what });
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    read_text(file, name, limit)
}

/// The text of standard input, of at most `limit` bytes.
pub fn read_stdin(limit: u64) -> Result<String, ReadError> {
    read_text(std::io::stdin().lock(), "<stdin>".to_string(), limit)
}

/// At most `limit` bytes of UTF-8 text from `input`, named `name` in what is said of it.
fn read_text(input: impl Read, name: String, limit: u64) -> Result<String, ReadError> {
    let mut bytes = vec![];
    if let Err(e) = input.take(limit + 1).read_to_end(&mut bytes) {
        return Err(ReadError::Unreadable { path: name, reason: e.to_string() });
    }
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { path: name, limit });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let len = text[at..].chars().next().map_or(0, char::len_utf8);
        ReadError::NotUtf8 {
            src: NamedSource::new(name, Arc::from(text)),
            span: SourceSpan::new(at.into(), len),
        }
    })
}

/// Refuses an entry of `folder` that is a link to a file outside it.
pub fn inside(folder: &Path, entry: &Path) -> Result<(), ReadError> {
    let link = std::fs::symlink_metadata(entry).is_ok_and(|m| m.file_type().is_symlink());
    if !link {
        return Ok(());
    }
    let (Ok(dir), Ok(target)) = (folder.canonicalize(), entry.canonicalize()) else {
        return Ok(()); // a dangling link: reading it says so
    };
    if target.starts_with(&dir) {
        Ok(())
    } else {
        Err(ReadError::Outside { path: entry.display().to_string(), folder: folder.display().to_string() })
    }
}

/// Whether a path written in a file stays below the folder it is read from: relative, and no
/// `..` climbs above where it starts.
pub fn stays_below(written: &str) -> bool {
    let mut depth = 0usize;
    for c in Path::new(written).components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}
