//! Reading JSON Lines: each line's text (or why it is not read), gathered into numbered jobs for
//! the workers of [`super::run`].

use std::io::{BufRead, BufReader, Read};

/// The longest line read: as long as the largest file (a longer one is skipped, with an error
/// record, and the batch goes on).
const MAX_LINE: u64 = crate::source::MAX_FILE_BYTES;

/// One line of the input: where its text is in its job's text, or why it is not read (its code
/// and message).
pub(super) enum Line {
    Text(std::ops::Range<usize>),
    Bad(&'static str, String),
}

/// A job: numbered lines, their texts one after another in one text (one allocation a job, not
/// one a line).
pub(super) struct Lines {
    pub text: String,
    pub lines: Vec<(usize, Line)>,
}

impl Lines {
    /// A line's text, or why it is not read.
    pub fn get<'a>(&'a self, line: &'a Line) -> Result<&'a str, (&'static str, &'a str)> {
        match line {
            Line::Text(r) => Ok(self.text.get(r.clone()).unwrap_or_default()),
            Line::Bad(code, message) => Err((code, message)),
        }
    }
}

/// The next line, without its end, its text added to `text`; `None` at the end of the input. The
/// whole line is consumed even when it is too long, so the next one starts where it should.
fn next_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    text: &mut String,
) -> std::io::Result<Option<Line>> {
    buf.clear();
    let read = (&mut *input).take(MAX_LINE + 1).read_until(b'\n', buf)?;
    if read == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') && read as u64 > MAX_LINE {
        let mut rest = Vec::new();
        loop {
            rest.clear();
            let more = (&mut *input).take(1 << 20).read_until(b'\n', &mut rest)?;
            if more == 0 || rest.last() == Some(&b'\n') {
                break;
            }
        }
        let message = format!("this line is longer than {MAX_LINE} bytes, the most zeren reads as one case");
        return Ok(Some(Line::Bad("zeren::file::too_large", message)));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    // The buffer is kept for the next line (it has grown to a line's length once); the line's
    // own text goes after the job's others.
    Ok(Some(match simdutf8::compat::from_utf8(buf) {
        Ok(s) => {
            let start = text.len();
            text.push_str(s);
            Line::Text(start..text.len())
        }
        Err(e) => {
            let at = e.valid_up_to();
            Line::Bad("zeren::file::encoding", format!("this line is not UTF-8 text from byte {}", at + 1))
        }
    }))
}

/// Lines in a job: enough that handing one over costs nothing beside deciding it, few enough
/// that the workers stay busy to the end.
pub(super) const JOB: usize = 256;

/// Reads the input into numbered jobs of up to [`JOB`] lines, each handed to `take` (which says
/// whether to go on); the error that stopped it, with its line. A job is handed over early when
/// the lines read so far are all the input has given yet, so that cases written one at a time to
/// a pipe are decided one at a time.
pub(super) fn read_jobs(
    mut input: BufReader<impl Read>,
    mut take: impl FnMut(usize, Lines) -> bool,
) -> Result<(), (usize, std::io::Error)> {
    let mut buf = Vec::new();
    let (mut n, mut seq) = (0, 0);
    loop {
        let mut job = Lines { text: String::new(), lines: Vec::with_capacity(JOB) };
        let mut end = false;
        while job.lines.len() < JOB {
            if !job.lines.is_empty() && input.buffer().is_empty() {
                break;
            }
            n += 1;
            match next_line(&mut input, &mut buf, &mut job.text) {
                Ok(None) => {
                    end = true;
                    break;
                }
                Ok(Some(Line::Text(r))) if job.text[r.clone()].trim().is_empty() => {
                    job.text.truncate(r.start)
                }
                Ok(Some(line)) => job.lines.push((n, line)),
                Err(e) => {
                    // What was read before is still decided and written.
                    take(seq, job);
                    return Err((n, e));
                }
            }
        }
        if !job.lines.is_empty() && !take(seq, job) {
            // Nobody decides any more: the output was closed.
            return Ok(());
        }
        seq += 1;
        if end {
            return Ok(());
        }
    }
}
