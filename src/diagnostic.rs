//! Safe diagnostics: a copy of any diagnostic that can be shown whatever the input was. The
//! copy's source is an excerpt of the lines its labels point at, each cut to a window of at most
//! [`LINE_WINDOW`] characters around the label with control characters escaped, so no renderer
//! sees a column past a few hundred (miette panics past 65,535) and no terminal sees NUL or ESC;
//! its message, help and labels are escaped and cut the same way. Line and column numbers are the
//! original file's.

pub mod json;

use miette::SpanContents;
use miette::{Diagnostic, LabeledSpan, MietteError, MietteSpanContents, Severity, SourceCode, SourceSpan};
use std::fmt;

/// The most characters of one source line shown around a label.
pub const LINE_WINDOW: usize = 400;
/// The most characters of a message, help or label line shown.
pub const TEXT_WINDOW: usize = 400;
/// The most diagnostics printed in full by the command line unless `--max-errors` says otherwise;
/// the rest are counted by code.
pub const MAX_SHOWN: usize = 20;

/// A diagnostic made safe to render: see the module.
#[derive(Debug)]
pub struct Safe {
    message: String,
    code: Option<String>,
    severity: Option<Severity>,
    help: Option<String>,
    url: Option<String>,
    labels: Vec<LabeledSpan>,
    excerpt: Option<Excerpt>,
    related: Vec<Safe>,
}

impl Safe {
    /// The safe copy of `d`.
    pub fn new(d: &dyn Diagnostic) -> Safe {
        Safe::within(d, None)
    }

    /// `d`, whose labels point into its own source or else into `parent`'s.
    fn within(d: &dyn Diagnostic, parent: Option<&dyn SourceCode>) -> Safe {
        let source = d.source_code().or(parent);
        let labels: Vec<LabeledSpan> = d.labels().map(|l| l.collect()).unwrap_or_default();
        let (excerpt, labels) = match source.and_then(whole) {
            Some((name, text)) if !labels.is_empty() => {
                let (e, l) = Excerpt::build(name, &text, &labels);
                (Some(e), l)
            }
            _ => (None, vec![]),
        };
        Safe {
            message: clip(&d.to_string()),
            code: d.code().map(|c| clip(&c.to_string())),
            severity: d.severity(),
            help: d.help().map(|h| clip(&h.to_string())),
            url: d.url().map(|u| clip(&u.to_string())),
            labels,
            excerpt,
            related: d.related().map(|r| r.map(|x| Safe::within(x, source)).collect()).unwrap_or_default(),
        }
    }
}

impl fmt::Display for Safe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Safe {}

impl Diagnostic for Safe {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<Severity> {
        self.severity
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.url.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|e| e as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() { None } else { Some(Box::new(self.labels.iter().cloned())) }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

/// The whole text of a source, and its name. Reading a whole source through miette walks every
/// line of it, so the last one read is kept: the diagnostics of one big file (a stream of
/// thousands of cases) cost one walk, not one each.
fn whole(source: &dyn SourceCode) -> Option<(Option<String>, std::sync::Arc<str>)> {
    type Kept = Option<((usize, Option<String>, Vec<u8>), std::sync::Arc<str>)>;
    static LAST: std::sync::Mutex<Kept> = std::sync::Mutex::new(None);
    // What tells one source from another without walking it: where its text starts, its name,
    // and its first line.
    let head = source.read_span(&SourceSpan::from((0, 0)), 0, 0).ok()?;
    let key = (head.data().as_ptr() as usize, head.name().map(str::to_string), head.data().to_vec());
    let mut last = LAST.lock().ok()?;
    if let Some((k, text)) = last.as_ref().filter(|(k, _)| *k == key) {
        return Some((k.1.clone(), text.clone()));
    }
    let c = source.read_span(&SourceSpan::from((0, 0)), 0, usize::MAX).ok()?;
    let text: std::sync::Arc<str> = String::from_utf8_lossy(c.data()).into();
    *last = Some((key.clone(), text.clone()));
    Some((key.1, text))
}

/// Escapes what a terminal would act on (control and bidirectional formatting characters) and
/// cuts each line to [`TEXT_WINDOW`] characters.
pub fn clip(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * TEXT_WINDOW));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (n, c) in line.chars().enumerate() {
            if n == TEXT_WINDOW {
                out.push('…');
                break;
            }
            push_escaped(&mut out, c);
        }
    }
    out
}

/// Whether a terminal could act on `c` rather than show it.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    if unsafe_char(c) {
        out.push_str(&c.escape_unicode().to_string());
    } else {
        out.push(c);
    }
}

/// The lines of a source that labels point at, windowed and escaped; see the module.
#[derive(Debug)]
struct Excerpt {
    name: Option<String>,
    text: String,
    /// The original number (from 0) of the excerpt's first line.
    first_line: usize,
    /// Where each label starts in the excerpt, with its original line and byte column.
    starts: Vec<(usize, usize, usize)>,
}

/// One original line: its byte range (without the line break).
fn line_range(text: &str, line_start: usize) -> (usize, usize) {
    let end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    let end = if text[..end].ends_with('\r') { end - 1 } else { end };
    (line_start, end)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl Excerpt {
    fn build(name: Option<String>, text: &str, labels: &[LabeledSpan]) -> (Excerpt, Vec<LabeledSpan>) {
        // Each label's start and end, clamped to the text and to character boundaries.
        let ends: Vec<(usize, usize)> = labels
            .iter()
            .map(|l| {
                let s = floor_char(text, l.offset());
                (s, ceil_char(text, l.offset().saturating_add(l.len())).max(s))
            })
            .collect();
        // The start of every line, once (linear); then which lines to keep: each label's, one more
        // on each side (the renderer's context).
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let line_of = |off: usize| starts.partition_point(|&s| s <= off) - 1;
        let mut keep = std::collections::BTreeSet::new();
        for &(s, e) in &ends {
            let (a, b) = (line_of(s), line_of(e));
            keep.extend(a.saturating_sub(1)..=(b + 1).min(starts.len() - 1));
        }
        let first = *keep.first().unwrap_or(&0);
        let last = *keep.last().unwrap_or(&0);
        // The windows: around the first label point on each kept line, or the line's start.
        let mut out = String::new();
        let mut map: Vec<(usize, usize, usize, usize)> = vec![]; // line's orig start, window start, end, new start
        for (line, &start) in starts.iter().enumerate().take(last + 1).skip(first) {
            if line > first {
                out.push('\n');
            }
            if !keep.contains(&line) {
                map.push((start, start, start, out.len()));
                continue;
            }
            let (ls, le) = line_range(text, start);
            let point =
                ends.iter().flat_map(|&(s, e)| [s, e]).filter(|&p| p >= ls && p <= le).min().unwrap_or(ls);
            // A line that fits is shown whole; a longer one from a third of a window before the point,
            // or a whole window before the line's end, whichever is earlier.
            let chars: Vec<usize> = text[ls..le].char_indices().map(|(i, _)| ls + i).chain([le]).collect();
            let n = chars.len() - 1;
            let p = chars.partition_point(|&c| c < point);
            let first_char =
                if n <= LINE_WINDOW { 0 } else { p.saturating_sub(LINE_WINDOW / 3).min(n - LINE_WINDOW) };
            let (ws, we) = (chars[first_char], chars[(first_char + LINE_WINDOW).min(n)]);
            map.push((ls, ws, we, out.len()));
            if ws > ls {
                out.push('…');
            }
            text[ws..we].chars().for_each(|c| push_escaped(&mut out, c));
            if we < le {
                out.push('…');
            }
        }
        if last + 1 < starts.len() {
            out.push('\n');
        }
        // Where an original offset lands in the excerpt.
        let place = |off: usize| -> usize {
            let line = line_of(off).clamp(first, last);
            let (ls, ws, we, ns) = map[line - first];
            let mark = if ws > ls { '…'.len_utf8() } else { 0 };
            // Up to the window's end, or its line break when the window reaches the line's end.
            let stop = if we == line_range(text, ls).1 {
                starts.get(line + 1).copied().unwrap_or(text.len())
            } else {
                we
            };
            let off = off.clamp(ws, stop.max(ws));
            let extra = off.saturating_sub(we);
            let off = off.min(we);
            ns + mark
                + text[ws..off]
                    .chars()
                    .map(|c| if unsafe_char(c) { c.escape_unicode().len() } else { c.len_utf8() })
                    .sum::<usize>()
                + extra
        };
        let mut new_labels = vec![];
        let mut label_starts = vec![];
        for (l, &(s, e)) in labels.iter().zip(&ends) {
            let (ns, ne) = (place(s), place(e).max(place(s)));
            let line = line_of(s);
            label_starts.push((ns, line, s - starts[line]));
            let span = SourceSpan::new(ns.into(), ne - ns);
            new_labels.push(LabeledSpan::new_with_span(l.label().map(clip), span).with_primary(l.primary()));
        }
        (Excerpt { name, text: out, first_line: first, starts: label_starts }, new_labels)
    }
}

trait Primary {
    fn with_primary(self, primary: bool) -> Self;
}

impl Primary for LabeledSpan {
    fn with_primary(self, primary: bool) -> Self {
        if primary {
            LabeledSpan::new_primary_with_span(self.label().map(str::to_string), *self.inner())
        } else {
            self
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        let (line, column) = match self.starts.iter().find(|s| s.0 == span.offset()) {
            Some(&(_, line, column)) if before == 0 => (line, column),
            _ => (inner.line() + self.first_line, inner.column()),
        };
        let data: &'a [u8] = inner.data();
        let contents = match &self.name {
            Some(n) => MietteSpanContents::new_named(
                n.clone(),
                data,
                *inner.span(),
                line,
                column,
                inner.line_count(),
            ),
            None => MietteSpanContents::new(data, *inner.span(), line, column, inner.line_count()),
        };
        Ok(Box::new(contents))
    }
}
