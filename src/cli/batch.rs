//! Deciding many cases on every core, written in input order as soon as they can be.
//! `zeren eval --input jsonl` ([`run`]): independent cases, one JSON object a line; a bad line gets
//! an error record (its line, each problem's code, message and place) and the others are decided;
//! the exit status is 1 if any line failed; memory stays flat. A checked YAML stream ([`decided`]):
//! its frames decided a chunk at a time. The JSON Lines reader is `batch/read.rs`; a line's error
//! record, `batch/records.rs`.

use super::Format;
use super::eval::Show;
use crate::engine::{Engine, Options};
use crate::program::frame::Frame;
use crate::render;
use std::io::{BufReader, Read, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, mpsc};

mod read;
mod records;
use read::{Lines, read_jobs};
use records::{error_record, unread};

/// Frames of a checked YAML stream decided together, split among the threads.
const CHUNK: usize = 4096;

/// What one line gives: its output (a decision, or for JSON out an error record: the next `len`
/// bytes of its job's text), and for people the problems to report on standard error
/// (diagnostics, or a line of text).
struct Done {
    len: usize,
    errors: Vec<crate::facts::CaseError>,
    other: String,
    failed: bool,
}

/// A job's lines decided: their outputs one after another in one text (one allocation a job,
/// not one a line), and what each line gave.
struct Job {
    text: String,
    done: Vec<Done>,
}

impl Job {
    /// The lines of a job decided, in order.
    fn of(lines: &Lines, decide: impl Fn(usize, Result<&str, (&str, &str)>, &mut String) -> Done) -> Job {
        // Room for as many decisions as the job has lines, each as long as a usual one.
        let mut text = String::with_capacity(lines.lines.len() * 2048);
        let done = lines.lines.iter().map(|(n, l)| decide(*n, lines.get(l), &mut text)).collect();
        Job { text, done }
    }

    /// Each line's result with its output, in order.
    fn each(&self) -> impl Iterator<Item = (&Done, &str)> {
        let mut at = 0;
        self.done.iter().map(move |d| {
            let text = self.text.get(at..at + d.len).unwrap_or_default();
            at += d.len;
            (d, text)
        })
    }
}

/// Decides every line of `input` and writes each result to `out` in input order. Three stages
/// overlap: a thread reads lines into jobs ([`read::JOB`] lines at most), `threads` workers decide them,
/// and this thread writes each job's results as soon as those before it are written. The
/// channels between them are bounded, so memory stays flat whatever the input's length. A
/// `small` input (a file of a few cases) is decided on this thread alone: starting threads would
/// cost more than its cases.
#[allow(clippy::too_many_arguments)]
pub fn run(
    engine: &Engine,
    name: &str,
    input: BufReader<impl Read + Send + 'static>,
    small: bool,
    options: &Options,
    show: Show,
    format: Format,
    out: &mut impl Write,
) -> ExitCode {
    // A small input does not ask how many cores there are (that reads the cgroup's files).
    let threads = if small { 1 } else { crate::engine::threads() };
    if threads <= 1 {
        // Each job decided and written as it is read.
        let mut put = Put { first: true, failed: false };
        let mut closed = false;
        let read = read_jobs(input, |_, lines| {
            let job = Job::of(&lines, |n, l, text| one(engine, name, n, l, options, show, format, text));
            closed = !put.put_job(&job, format, out);
            !closed
        });
        return finish(name, read, put.failed, closed, out);
    }
    let (jobs_in, jobs) = mpsc::sync_channel::<(usize, Lines)>(threads * 2);
    let (dones_in, dones) = mpsc::sync_channel::<(usize, Job)>(threads * 2);
    // Not scoped: a reader blocked on an input that never ends is not waited for once the
    // output is closed.
    let reader = std::thread::spawn(move || read_jobs(input, |seq, job| jobs_in.send((seq, job)).is_ok()));
    // Dropped with the last worker, which ends a reader waiting to hand over a job.
    let jobs = Arc::new(Mutex::new(jobs));
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (jobs, dones_in) = (Arc::clone(&jobs), dones_in.clone());
            s.spawn(move || {
                // A job at a time; the channel closes when the reader is done.
                while let Ok((seq, lines)) = jobs.lock().map_err(drop).and_then(|j| j.recv().map_err(drop)) {
                    let job =
                        Job::of(&lines, |n, l, text| one(engine, name, n, l, options, show, format, text));
                    if dones_in.send((seq, job)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((dones_in, jobs));
        let (failed, closed) = write_in_order(dones, format, out);
        // A closed output may leave the reader blocked on its input: it is not waited for.
        let read =
            if closed { Ok(()) } else { reader.join().unwrap_or_else(|e| std::panic::resume_unwind(e)) };
        finish(name, read, failed, closed, out)
    })
}

/// The exit status of a batch: 2 if the input could not be read (said why) or the output not
/// flushed, 1 if a line failed, else 0. A closed output is no failure of the batch's.
fn finish(
    name: &str,
    read: Result<(), (usize, std::io::Error)>,
    failed: bool,
    closed: bool,
    out: &mut impl Write,
) -> ExitCode {
    if let Err((n, e)) = read {
        eprintln!("error: cannot read {name} at line {n}: {e}");
        return ExitCode::from(2);
    }
    if !closed && out.flush().is_err() {
        return ExitCode::from(2);
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Writes the jobs' results in their order as they come (a job done early waits for those
/// before it); whether any line failed, and whether the output was closed.
fn write_in_order(dones: mpsc::Receiver<(usize, Job)>, format: Format, out: &mut impl Write) -> (bool, bool) {
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    let mut put = Put { first: true, failed: false };
    loop {
        let (seq, done) = match dones.try_recv() {
            Ok(job) => job,
            // Nothing more yet: what is written goes out now, for a reader waiting on a pipe.
            Err(mpsc::TryRecvError::Empty) => {
                if out.flush().is_err() {
                    return (put.failed, true);
                }
                match dones.recv() {
                    Ok(job) => job,
                    Err(_) => break,
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => break,
        };
        waiting.insert(seq, done);
        while let Some(job) = waiting.remove(&next) {
            next += 1;
            if !put.put_job(&job, format, out) {
                return (put.failed, true);
            }
        }
    }
    (put.failed, false)
}

/// What has been written: whether anything has (for the separators between decisions for
/// people), and whether any line failed.
struct Put {
    first: bool,
    failed: bool,
}

impl Put {
    /// Writes one line's result (its problems to standard error); false once the output is
    /// closed (a closed pipe: nothing more to say).
    fn put(&mut self, done: &Done, text: &str, format: Format, out: &mut impl Write) -> bool {
        self.report(done);
        if text.is_empty() {
            return true;
        }
        let written = match format {
            Format::Human if !self.first => write!(out, "\n────────\n\n{text}"),
            Format::Yaml => write!(out, "---\n{text}"),
            _ => out.write_all(text.as_bytes()),
        };
        self.first = false;
        written.is_ok()
    }

    /// Writes a job's results in order; false once the output is closed. Where the results are
    /// written as they are (JSON, JSON Lines), the job's text goes out in one write, which a
    /// buffered writer passes on without copying when it is longer than its buffer.
    fn put_job(&mut self, job: &Job, format: Format, out: &mut impl Write) -> bool {
        if matches!(format, Format::Human | Format::Yaml) {
            return job.each().all(|(done, text)| self.put(done, text, format, out));
        }
        for done in &job.done {
            self.report(done);
        }
        out.write_all(job.text.as_bytes()).is_ok()
    }

    /// One line's problems, to standard error; whether it failed, noted.
    fn report(&mut self, done: &Done) {
        self.failed |= done.failed;
        for p in &done.errors {
            super::report(p);
        }
        // (Asked of every line: standard error is locked only when there is something to say.)
        if !done.other.is_empty() {
            eprint!("{}", done.other);
        }
    }
}

/// `f` of each item, by `threads` threads (each a contiguous part), in the items' order. Fewer
/// than 64 items are done on this thread (starting threads would cost more), without asking
/// `threads` (on Linux it reads the cgroup's files).
fn par_map<T: Send, R: Send>(
    items: &mut [T],
    threads: impl FnOnce() -> usize,
    f: impl Fn(&mut T) -> R + Sync,
) -> Vec<R> {
    if items.len() < 64 {
        return items.iter_mut().map(f).collect();
    }
    let threads = threads();
    let per = items.len().div_ceil(threads.max(1));
    if threads <= 1 {
        return items.iter_mut().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks_mut(per)
            .map(|part| s.spawn(move || part.iter_mut().map(f).collect::<Vec<_>>()))
            .collect();
        // A thread that panicked is a bug: it is passed on, never a silently missing answer.
        parts.into_iter().flat_map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// How a decision in JSON is laid out: one line (JSON Lines), or for people to read.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Line,
    Pretty,
}

/// One decided case in the format asked for, added to `out`: human text, a JSON line or
/// document, or a YAML document (without its `---`).
fn render_case(
    engine: &Engine,
    f: &mut Frame,
    options: &Options,
    show: Show,
    format: Format,
    layout: Layout,
    out: &mut String,
) {
    let d = engine.decide_case(f, options);
    // What-ifs are for a decided case; a case with unknown facts says what each answer does.
    let what_if = (show.what_if && d.open.is_none()).then(|| engine.what_if(f));
    if format == Format::Human {
        out.push_str(&engine.human(&d, show.explain));
        if let Some(list) = &what_if {
            render::whatif::human(out, &engine.program, &d, list);
        }
        return;
    }
    // The decision's own layout, unless it grows what-ifs or the argument.
    let argument = show.explain && d.open.is_none();
    if matches!(format, Format::Json | Format::Jsonl) && what_if.is_none() && !argument {
        match layout {
            Layout::Pretty => out.push_str(&engine.json(&d)),
            Layout::Line => engine.json_line(&d, out),
        }
        // Written: its room serves the next case this thread decides.
        crate::eval::recycle(d);
        return;
    }
    let mut tree = engine.json_value(&d);
    if let (Some(list), serde_json::Value::Object(o)) = (&what_if, &mut tree) {
        o.insert("what_if".into(), render::whatif::json(&engine.program, &d, list));
    }
    if let (true, serde_json::Value::Object(o)) = (argument, &mut tree) {
        o.insert("argument".into(), render::argument::json(&engine.program, &d));
    }
    match (format, layout) {
        (Format::Yaml, _) => out.push_str(&render::yaml::to_yaml(&tree)),
        (Format::Json, Layout::Pretty) => {
            out.push_str(&serde_json::to_string_pretty(&tree).unwrap_or_default())
        }
        _ => {
            out.push_str(&serde_json::to_string(&tree).unwrap_or_default());
            out.push('\n');
        }
    }
}

/// The decisions of checked cases (a YAML stream that passed its checks), decided a chunk at a
/// time on every core and written as soon as their chunk is done, in input order: a frame is
/// dropped once written, and no output is held but a chunk's.
pub fn decided(
    engine: &Engine,
    mut frames: impl Iterator<Item = Frame>,
    many: bool,
    options: &Options,
    show: Show,
    format: Format,
) -> ExitCode {
    // Asked once, and only of a chunk big enough to share (`par_map`).
    let threads = std::cell::OnceCell::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut chunk: Vec<Frame> = Vec::with_capacity(CHUNK);
    let mut i = 0;
    let mut written = Ok(());
    if format == Format::Json && many {
        written = out.write_all(b"[\n");
    }
    let layout = if format == Format::Jsonl { Layout::Line } else { Layout::Pretty };
    loop {
        chunk.clear();
        chunk.extend(frames.by_ref().take(CHUNK));
        if chunk.is_empty() || written.is_err() {
            break;
        }
        let n = || *threads.get_or_init(crate::engine::threads);
        let texts = par_map(&mut chunk, n, |f| {
            let mut text = String::new();
            render_case(engine, f, options, show, format, layout, &mut text);
            text
        });
        for text in texts {
            let sep = match format {
                Format::Human if i > 0 => "\n────────\n\n",
                Format::Json if i > 0 => ",\n",
                Format::Yaml if many => "---\n",
                _ => "",
            };
            written = written
                .and_then(|_| out.write_all(sep.as_bytes()))
                .and_then(|_| out.write_all(text.as_bytes()));
            i += 1;
        }
    }
    if format == Format::Json {
        written = written.and_then(|_| out.write_all(if many { b"\n]\n" } else { b"\n" }));
    }
    // The reader went away (a closed pipe): nothing more to say, and nothing wrong.
    if written.is_err() {
        return ExitCode::SUCCESS;
    }
    if out.flush().is_err() { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// One line: its decision in the format asked for, or its error record, added to `out`.
#[allow(clippy::too_many_arguments)]
fn one(
    engine: &Engine,
    name: &str,
    n: usize,
    line: Result<&str, (&str, &str)>,
    options: &Options,
    show: Show,
    format: Format,
    out: &mut String,
) -> Done {
    let start = out.len();
    let decided =
        |out: &String| Done { len: out.len() - start, errors: vec![], other: String::new(), failed: false };
    let line = match line {
        Ok(l) => l,
        Err((code, message)) => return unread(name, n, code, message, format, out),
    };
    // The common case: read the fast way, without naming the line (only a problem needs its name).
    if let Ok(Some(mut f)) = engine.json_frame(line, options) {
        render_case(engine, &mut f, options, show, format, Layout::Line, out);
        crate::facts::recycle(f);
        return decided(out);
    }
    // It has a problem (or is not read exactly so): read as a case file, which places every
    // problem in the named line.
    let options = Options { name: format!("{name}:{n}"), ..options.clone() };
    let mut frames = match engine.cases(line, &options) {
        Ok(f) => f,
        Err(e) => return error_record(name, n, line, e, format, out),
    };
    for f in &mut frames {
        render_case(engine, f, &options, show, format, Layout::Line, out);
    }
    decided(out)
}
