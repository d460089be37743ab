//! `zeren eval --input jsonl`: a batch of independent cases, one JSON object a line. Each line is
//! read, decided and written as the batch streams through, on every core, in input order: a bad
//! line gets an error record (its line, each problem's code, message and place) and the others are
//! decided; the exit status is 1 if any line failed. Memory stays flat: one chunk of lines at a time.

use super::Format;
use super::eval::Show;
use crate::engine::{DecideError, Engine, Options};
use crate::render;
use miette::Diagnostic;
use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

/// Lines decided together, split among the threads.
const CHUNK: usize = 4096;

/// The longest line read: as long as the largest file (a longer one is skipped, with an error
/// record, and the batch goes on).
const MAX_LINE: u64 = crate::source::MAX_FILE_BYTES;

/// One line of the input: its text, or why it is not read (its code and message).
enum Line {
    Text(String),
    Bad(&'static str, String),
}

/// The next line, without its end; `None` at the end of the input. The whole line is consumed
/// even when it is too long, so the next one starts where it should.
fn next_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<Line>> {
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
    Ok(Some(match String::from_utf8(std::mem::take(buf)) {
        Ok(s) => Line::Text(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Line::Bad("zeren::file::encoding", format!("this line is not UTF-8 text from byte {}", at + 1))
        }
    }))
}

/// What one line gives: its output, or its problems (already rendered for the format), and what
/// goes to standard error.
struct Done {
    text: String,
    errors: String,
    failed: bool,
}

/// Decides every line of `input` and writes each result to `out` as soon as its chunk is done.
pub fn run(
    engine: &Engine,
    name: &str,
    input: impl BufRead,
    options: &Options,
    show: Show,
    format: Format,
    out: &mut impl Write,
) -> ExitCode {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(16);
    let mut failed = false;
    let mut first = true;
    let mut chunk: Vec<(usize, Line)> = Vec::with_capacity(CHUNK);
    let mut input = input;
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        chunk.clear();
        while chunk.len() < CHUNK {
            n += 1;
            match next_line(&mut input, &mut buf) {
                Ok(None) => break,
                Ok(Some(Line::Text(l))) if l.trim().is_empty() => continue,
                Ok(Some(line)) => chunk.push((n, line)),
                Err(e) => {
                    eprintln!("error: cannot read {name} at line {n}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        for done in decide_chunk(engine, name, &chunk, options, show, format, threads) {
            failed |= done.failed;
            eprint!("{}", done.errors);
            if done.text.is_empty() {
                continue;
            }
            let written = match format {
                Format::Human if !first => write!(out, "\n────────\n\n{}", done.text),
                Format::Yaml => write!(out, "---\n{}", done.text),
                _ => write!(out, "{}", done.text),
            };
            first = false;
            if written.is_err() {
                // The reader went away (a closed pipe): nothing more to say.
                return ExitCode::from(if failed { 1 } else { 0 });
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// A chunk's lines, decided by `threads` threads, in input order.
fn decide_chunk(
    engine: &Engine,
    name: &str,
    chunk: &[(usize, Line)],
    options: &Options,
    show: Show,
    format: Format,
    threads: usize,
) -> Vec<Done> {
    let per = chunk.len().div_ceil(threads.max(1));
    if threads <= 1 || chunk.len() < 64 {
        return chunk.iter().map(|(n, l)| one(engine, name, *n, l, options, show, format)).collect();
    }
    std::thread::scope(|s| {
        let parts: Vec<_> = chunk
            .chunks(per)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|(n, l)| one(engine, name, *n, l, options, show, format))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts.into_iter().flat_map(|p| p.join().unwrap_or_default()).collect()
    })
}

/// One line: its decision in the format asked for, or its error record.
fn one(
    engine: &Engine,
    name: &str,
    n: usize,
    line: &Line,
    options: &Options,
    show: Show,
    format: Format,
) -> Done {
    let line = match line {
        Line::Text(l) => l,
        Line::Bad(code, message) => return unread(name, n, code, message, format),
    };
    let mut options = options.clone();
    options.name = format!("{name}:{n}");
    let mut frames = match engine.cases(line, &options) {
        Ok(f) => f,
        Err(e) => return error_record(name, n, line, e, format),
    };
    let mut text = String::new();
    for f in &mut frames {
        let d = engine.decide_case(f, &options);
        let what_if = (show.what_if && d.open.is_none()).then(|| engine.what_if(f));
        match format {
            Format::Human => {
                text.push_str(&engine.human(&d, show.explain));
                if let Some(list) = &what_if {
                    render::whatif::human(&mut text, &engine.program, &d, list);
                }
            }
            Format::Json | Format::Jsonl | Format::Yaml => {
                let mut tree = engine.json_value(&d);
                if let (Some(list), serde_json::Value::Object(o)) = (&what_if, &mut tree) {
                    o.insert("what_if".into(), render::whatif::json(&engine.program, &d, list));
                }
                if let (true, serde_json::Value::Object(o)) = (show.explain && d.open.is_none(), &mut tree) {
                    o.insert("argument".into(), render::argument::json(&engine.program, &d));
                }
                match format {
                    Format::Yaml => text.push_str(&render::yaml::to_yaml(&tree)),
                    _ => {
                        text.push_str(&serde_json::to_string(&tree).unwrap_or_default());
                        text.push('\n');
                    }
                }
            }
        }
    }
    Done { text, errors: String::new(), failed: false }
}

/// A line that could not be read at all (too long, not UTF-8): its error record, or its
/// diagnostic on standard error.
fn unread(name: &str, n: usize, code: &str, message: &str, format: Format) -> Done {
    match format {
        Format::Json | Format::Jsonl => {
            let problem = serde_json::json!({"code": code, "message": message, "column": null});
            let record = serde_json::json!({"error": {"file": name, "line": n, "problems": [problem]}});
            let text = format!("{}\n", serde_json::to_string(&record).unwrap_or_default());
            Done { text, errors: String::new(), failed: true }
        }
        _ => Done {
            text: String::new(),
            errors: format!("error[{code}]: {name}:{n}: {message}\n"),
            failed: true,
        },
    }
}

/// A line that could not be read as a case: for JSON Lines out, a record in the output (the line,
/// and each problem's code, message and column); for people, the diagnostics on standard error.
fn error_record(name: &str, n: usize, line: &str, e: DecideError, format: Format) -> Done {
    let column = |offset: usize| line.get(..offset).map_or(0, |s| s.chars().count()) + 1;
    let problems: Vec<serde_json::Value> = match &e {
        DecideError::Cases(es) => es
            .problems
            .iter()
            .map(|p| {
                let at = p.labels().and_then(|mut l| l.next()).map(|l| column(l.offset()));
                serde_json::json!({
                    "code": p.code().map(|c| c.to_string()),
                    "message": p.to_string(),
                    "column": at,
                })
            })
            .collect(),
        other => vec![serde_json::json!({"code": null, "message": other.to_string(), "column": null})],
    };
    match format {
        Format::Json | Format::Jsonl => {
            let record = serde_json::json!({"error": {"file": name, "line": n, "problems": problems}});
            let text = format!("{}\n", serde_json::to_string(&record).unwrap_or_default());
            Done { text, errors: String::new(), failed: true }
        }
        _ => {
            let errors = match e {
                DecideError::Cases(es) => {
                    es.problems.into_iter().map(|p| format!("{:?}\n", miette::Report::new(p))).collect()
                }
                other => format!("error: {name}:{n}: {other}\n"),
            };
            Done { text: String::new(), errors, failed: true }
        }
    }
}
