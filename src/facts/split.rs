//! A long YAML stream read on every core: cut into parts at document markers, each part read into
//! frames on its own thread, the frames (or the problems, placed in the whole file) joined in
//! order. A line that starts with `---` followed by a space or its end is always a document
//! marker in YAML (no scalar may contain one), so the cuts never fall inside a document. A syntax
//! error in any part, or a directive (`%YAML`) anywhere, and the whole text is read again in one
//! piece: the one-piece reading reports a syntax error alone, and directives carry over.

use super::error::CaseError;
use super::load::{File, load_kept, load_part};
use crate::program::Program;
use crate::program::frame::Frame;
use crate::program::ir::Value;
use crate::source::Source;

/// Streams shorter than this are read in one piece: threads would cost more than they save.
const PARALLEL_FROM: usize = 1 << 20;

/// Every case of `src`, as [`load_with`](super::load_with) reads them, on up to `threads` threads.
pub fn load_parallel(
    prog: &Program,
    src: &Source,
    selector: Option<Value>,
    threads: usize,
) -> Result<Vec<Frame>, Vec<CaseError>> {
    load_parallel_kept(prog, &File::of(src), selector, || threads, |f| f)
}

/// [`load_parallel`], keeping of each case what `keep` makes of its frame as soon as it is read
/// (a packed frame: a long stream's frames as read would take about 6 KB a case). `threads` is
/// asked only of a text long enough to cut (on Linux it reads the cgroup's files).
pub fn load_parallel_kept<T: Send>(
    prog: &Program,
    file: &File,
    selector: Option<Value>,
    threads: impl FnOnce() -> usize,
    keep: impl Fn(Frame) -> T + Sync,
) -> Result<Vec<T>, Vec<CaseError>> {
    let text = file.text();
    if text.len() < PARALLEL_FROM || text.starts_with('%') || text.contains("\n%") {
        return load_kept(prog, file, selector, keep);
    }
    let threads = threads();
    if threads <= 1 {
        return load_kept(prog, file, selector, keep);
    }
    let parts = cut(text, threads);
    if parts.len() <= 1 {
        return load_kept(prog, file, selector, keep);
    }
    let starts: Vec<usize> = parts.iter().map(|p| p.as_ptr() as usize - text.as_ptr() as usize).collect();
    let keep = &keep;
    let read: Vec<Result<Vec<T>, Vec<CaseError>>> = std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .iter()
            .zip(&starts)
            .map(|(part, &at)| s.spawn(move || load_part(prog, part, file, at, selector, keep)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    if read.iter().any(|r| r.as_ref().is_err_and(|es| es.iter().any(is_syntax))) {
        return load_kept(prog, file, selector, keep);
    }
    if read.iter().all(Result::is_ok) {
        return Ok(read.into_iter().flat_map(Result::unwrap_or_default).collect());
    }
    Err(read.into_iter().filter_map(Result::err).flatten().collect())
}

/// A syntax error: the one-piece reading reports it alone.
fn is_syntax(e: &CaseError) -> bool {
    matches!(
        e,
        CaseError::Syntax { .. }
            | CaseError::Tab { .. }
            | CaseError::Alias { .. }
            | CaseError::TooDeep { .. }
    )
}

/// `text` cut into about `n` parts, each cut just before a line that is a document marker.
fn cut(text: &str, n: usize) -> Vec<&str> {
    let mut parts = vec![];
    let mut from = 0;
    for i in 1..n {
        let aim = text.len() * i / n;
        if aim <= from {
            continue;
        }
        match next_marker(text, aim) {
            Some(at) if at > from => {
                parts.push(&text[from..at]);
                from = at;
            }
            _ => break,
        }
    }
    parts.push(&text[from..]);
    parts
}

/// The start of the first line at or after byte `aim` that is a `---` document marker.
fn next_marker(text: &str, aim: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = aim;
    loop {
        let nl = bytes[i..].iter().position(|&b| b == b'\n')?;
        let line = i + nl + 1;
        let rest = &bytes[line..];
        if rest.starts_with(b"---") && matches!(rest.get(3), None | Some(b' ' | b'\n' | b'\r' | b'\t')) {
            return Some(line);
        }
        i = line;
    }
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn cuts_only_before_document_markers() {
        let text = "a: 1\n---\nb: |\n  ---x\n--- \nc: 2\n----\n---\nd: 4\n";
        for n in 1..8 {
            let parts = cut(text, n);
            assert_eq!(parts.concat(), text);
            for p in &parts[1..] {
                assert!(p.starts_with("---\n") || p.starts_with("--- \n"), "{p:?}");
            }
        }
    }
}
