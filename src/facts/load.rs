//! Checking a case's tree against the vocabulary and filling a frame. All problems of a file
//! are collected; one problem anywhere means no frame at all.

use super::doc::{Doc, Shape};
use super::error::CaseError;
use super::yaml::{CharSpan, MAX_DEPTH, Node, YamlError, docs};
use crate::program::frame::{Frame, Member, Status};
use crate::program::ir::Value;
use crate::program::texts::Texts;
use crate::program::{Program, Ty};
use crate::source::Source;
pub use file::File;
use keys::Seen;
use miette::SourceSpan;
use smallvec::{SmallVec, smallvec};

mod file;
mod keys;
mod known;
mod layers;
mod members;
mod names;
mod record;
mod scalar;

/// Reads every case of a file (one case, or a YAML stream of several).
pub fn load(prog: &Program, src: &Source) -> Result<Vec<Frame>, Vec<CaseError>> {
    load_with(prog, src, None)
}

/// `load`, with the fact that selects layers (`selected_by`) set for every case, whatever the
/// case says (`--region`).
pub fn load_with(
    prog: &Program,
    src: &Source,
    selector: Option<Value>,
) -> Result<Vec<Frame>, Vec<CaseError>> {
    load_kept(prog, &File::of(src), selector, |f| f)
}

/// `load_with`, keeping of each case what `keep` makes of its frame (a packed frame, say) as soon
/// as it is read.
pub fn load_kept<T>(
    prog: &Program,
    file: &File,
    selector: Option<Value>,
    keep: impl FnMut(Frame) -> T,
) -> Result<Vec<T>, Vec<CaseError>> {
    Loader::new(prog, file, selector).frames(keep)
}

/// `load_with`, reading only what `prog` knows of cases written for a larger policy set: keys and
/// fields it does not know, and values of optional facts it does not know, are left out; returns
/// the frames and what was left out of them (see `known.rs`).
pub fn load_known(
    prog: &Program,
    src: &Source,
    selector: Option<Value>,
) -> Result<(Vec<Frame>, Vec<String>), Vec<CaseError>> {
    let file = File::of(src);
    let mut l = Loader { left_out: Some(vec![]), ..Loader::new(prog, &file, selector) };
    let frames = l.frames(|f| f)?;
    Ok((frames, l.left_out.unwrap_or_default()))
}

/// Reads one case given as a node of a larger YAML file (a scenario's inline case); spans point
/// into that file.
pub fn load_doc(prog: &Program, src: &Source, doc: &Node) -> Result<Frame, Vec<CaseError>> {
    let file = File::of(src);
    let mut l = Loader::new(prog, &file, None);
    let f = l.case(doc);
    if l.errors.is_empty() { Ok(f) } else { Err(l.errors) }
}

/// Reads the cases of `part`, a part of the stream `whole` that starts at byte `at` of it, keeping
/// what `keep` makes of each; problems are placed in `whole`.
pub fn load_part<T>(
    prog: &Program,
    part: &str,
    whole: &File,
    at: usize,
    selector: Option<Value>,
    keep: impl FnMut(Frame) -> T,
) -> Result<Vec<T>, Vec<CaseError>> {
    let mut l = Loader { text: part, at, ..Loader::new(prog, whole, selector) };
    l.frames(keep)
}

/// Reads one case from a tree built without spans (a JSON line read the fast way, `json.rs`);
/// `None` if it has any problem: the caller reads the text again to place them.
pub fn load_tree<'n>(prog: &Program, selector: Option<Value>, doc: impl Doc<'n>) -> Option<Frame> {
    // Its problems are not reported (the caller reads the text again): it names no file.
    let file = File::new("", "");
    let mut l = Loader { spare: Some(super::spare::take()), ..Loader::new(prog, &file, selector) };
    let f = l.case(doc);
    if let Some(spare) = l.spare.take() {
        super::spare::give_back(spare);
    }
    if l.errors.is_empty() {
        return Some(f);
    }
    super::spare::recycle(f);
    None
}

/// A span in a source's bytes, for miette, from a YAML span in characters.
pub fn span_of(src: &Source, cs: CharSpan) -> SourceSpan {
    Loader::new(&Program::default(), &File::of(src), None).span(cs)
}

struct Loader<'a> {
    prog: &'a Program,
    /// The text read: the file, or a part of it (`split.rs`) that starts at byte `at` of it.
    text: &'a str,
    at: usize,
    /// The file problems are placed in.
    file: &'a File<'a>,
    errors: Vec<CaseError>,
    selector: Option<Value>,
    /// Fields a layer added to a record, given in the case being read: (key, layer, where).
    layer_fields: Vec<(String, u16, CharSpan)>,
    /// When reading only what the program knows: what was left out.
    left_out: Option<Vec<String>>,
    /// `members of` values read before the list they name (`members.rs`).
    pending: Vec<members::Pending>,
    /// The `unique` names read so far: (list, name, where).
    /// (Kept inline: a case names a few people.)
    uniques: SmallVec<[(u16, members::Unique, CharSpan); 8]>,
    /// The list member being read, if any.
    at_member: Option<(u16, usize)>,
    /// For a text that is not all ASCII: the byte offset of every [`STRIDE`]th character, so that
    /// a span costs at most `STRIDE` steps (built once, on the first span).
    char_marks: std::cell::OnceCell<Option<Vec<usize>>>,
    /// A frame and members a decided case left, to fill again (`spare.rs`).
    spare: Option<super::spare::Spare>,
}

/// The slots a record gave (kept inline: a record has a few dozen fields at most, and a batch
/// reads several a case).
type Given = SmallVec<[u32; 16]>;

/// Characters between two marks of [`Loader::char_marks`].
const STRIDE: usize = 64;

impl<'a> Loader<'a> {
    fn new(prog: &'a Program, file: &'a File<'a>, selector: Option<Value>) -> Self {
        Loader {
            prog,
            text: file.text(),
            at: 0,
            file,
            errors: vec![],
            selector,
            layer_fields: vec![],
            left_out: None,
            pending: vec![],
            uniques: SmallVec::new(),
            at_member: None,
            char_marks: std::cell::OnceCell::new(),
            spare: None,
        }
    }

    /// The file problems are shown in (the whole stream, when this reads a part of one).
    fn named(&self) -> miette::NamedSource<std::sync::Arc<str>> {
        self.file.named()
    }

    /// Each case is read as soon as its document is built, and kept as `keep` makes it; a syntax
    /// error anywhere is the only error reported.
    fn frames<T>(&mut self, mut keep: impl FnMut(Frame) -> T) -> Result<Vec<T>, Vec<CaseError>> {
        let mut frames = vec![];
        for d in docs(self.text) {
            let e = match d {
                Ok(mut d) => {
                    if let Some(out) = &mut self.left_out {
                        known::prune(self.prog, &mut d, out);
                    }
                    let f = self.case(&d);
                    frames.push(keep(f));
                    continue;
                }
                Err(e) => e,
            };
            let err = match e {
                // The parser reports a tab at the value before it: point at the tab itself.
                YamlError::Syntax(reason, at) if reason.contains("tab") => match self.tab_after(at) {
                    Some(tab) => CaseError::Tab { src: self.named(), span: self.span(tab) },
                    None => CaseError::Syntax { reason, src: self.named(), span: self.span(at) },
                },
                YamlError::Syntax(reason, at) => {
                    CaseError::Syntax { reason, src: self.named(), span: self.span(at) }
                }
                YamlError::Alias(at) => CaseError::Alias { src: self.named(), span: self.span(at) },
                YamlError::TooDeep(at) => {
                    CaseError::TooDeep { limit: MAX_DEPTH, src: self.named(), span: self.span(at) }
                }
            };
            return Err(vec![err]);
        }
        if frames.is_empty() {
            self.errors.push(CaseError::NotAMapping { src: self.named(), span: (0, 0).into() });
        }
        if self.errors.is_empty() { Ok(frames) } else { Err(std::mem::take(&mut self.errors)) }
    }

    /// A span in bytes, for miette, from saphyr's span in characters.
    fn span(&self, cs: CharSpan) -> SourceSpan {
        let text = self.text;
        let marks = self.char_marks.get_or_init(|| {
            (!text.is_ascii()).then(|| text.char_indices().step_by(STRIDE).map(|(b, _)| b).collect())
        });
        let byte = |c: usize| match marks {
            None => c.min(text.len()),
            Some(m) => match m.get(c / STRIDE) {
                Some(&from) => {
                    text[from..].char_indices().nth(c % STRIDE).map_or(text.len(), |(b, _)| from + b)
                }
                None => text.len(),
            },
        };
        let (s, e) = (byte(cs.start), byte(cs.end));
        let e = if e <= s { (s + 1).min(text.len()) } else { e };
        (self.at + s, e.saturating_sub(s)).into()
    }

    /// The first tab at or after a position (in characters), as a span of one character.
    fn tab_after(&self, at: CharSpan) -> Option<CharSpan> {
        let i = self.text.chars().skip(at.start).position(|c| c == '\t')?;
        Some(CharSpan { start: at.start + i, end: at.start + i + 1 })
    }

    fn new_frame(&mut self) -> Frame {
        let (globals, lists) = (self.prog.globals as usize, self.prog.lists.len());
        if let Some(f) = self.spare.as_mut().and_then(|s| s.frame(globals, lists)) {
            return f;
        }
        Frame {
            globals: vec![Value::Null; self.prog.globals as usize],
            lists: vec![vec![]; self.prog.lists.len()],
            // Room for a case's usual names and ids, so that the texts do not grow as they fill.
            texts: Texts::with_capacity(256, 16),
            ..Frame::default()
        }
    }

    /// A new list member: its slots absent, its rules unseen (in a spare member's room, if any).
    fn member(&mut self, width: usize, rules: usize) -> Member {
        self.spare.as_mut().and_then(|s| s.member(width, rules)).unwrap_or_else(|| Member {
            vals: vec![Value::Null; width],
            status: vec![Status::Unseen; rules],
            given: 0,
        })
    }

    fn case<'n, D: Doc<'n>>(&mut self, doc: D) -> Frame {
        let mut f = self.new_frame();
        let span = doc.span();
        let Shape::Map(entries) = doc.shape() else {
            self.errors.push(CaseError::NotAMapping { src: self.named(), span: self.span(span) });
            return f;
        };
        let mut seen = Seen::default();
        // Which facts the case gives a value, right or wrong (by position in `prog.facts`).
        let mut named: SmallVec<[bool; 32]> = smallvec![false; self.prog.facts.len()];
        let mut layer_facts: Vec<(String, u16, CharSpan)> = vec![];
        // Where each fact was given, to refuse it given twice (by its name and by its label).
        // (The entry's position, from 1, as for a record's fields.)
        let mut given_at: SmallVec<[u32; 32]> = smallvec![0; self.prog.facts.len()];
        let mut given: SmallVec<[u32; 32]> = SmallVec::new();
        // Where to look for the next key's fact first: after the last key's.
        let mut next = 0;
        for (at, (k, v)) in (1..).zip(entries) {
            let Some(key) = self.key(k) else { continue };
            let Some(i) = names::by_key(&self.prog.facts, |x| &x.def, key, next) else {
                if self.again(k, key, &mut seen) {
                    continue;
                }
                if let Some(known) = self.prog.known_facts.find(key) {
                    self.errors.push(CaseError::LayerNotLoaded {
                        key: key.to_string(),
                        layer: known.layer.clone(),
                        cited: self.prog.issuer_provisions(),
                        src: self.named(),
                        span: self.span(k.span()),
                        help: Some(format!("load the layer: `--policy {}`", known.file)),
                    });
                    continue;
                }
                let help = names::suggest(self.prog.facts.iter().map(|x| &x.def), key);
                self.errors.push(CaseError::UnknownKey {
                    key: key.to_string(),
                    src: self.named(),
                    span: self.span(k.span()),
                    place: "a case".into(),
                    help,
                });
                continue;
            };
            next = i + 1;
            let fact = &self.prog.facts[i];
            // The fact's own name from here on, whichever way the case wrote it.
            let key = fact.def.name.as_str();
            let first = std::mem::replace(&mut given_at[i], at);
            if first > 0 {
                self.given_twice(first, doc, k, key);
                continue;
            }
            if v.is_null() {
                continue;
            }
            // Given (a value that is wrong is reported as wrong, not also as missing).
            named[i] = true;
            if fact.def.layer > 0 {
                layer_facts.push((key.to_string(), fact.def.layer, k.span()));
            }
            match fact.def.ty {
                Ty::Record(_) => {
                    f.globals[fact.def.slot as usize] = Value::Bool(true);
                    given.push(fact.def.slot);
                    let mut vals = std::mem::take(&mut f.globals);
                    let (slots, unknown) = self.record(key, v, &fact.fields, &mut vals, &mut f.texts, false);
                    given.extend(slots);
                    for (slot, ty, name) in unknown {
                        f.unknown.push(crate::program::frame::Unknown { name, member: None, slot, ty });
                        given.push(slot);
                    }
                    f.globals = vals;
                }
                Ty::List(r) => {
                    let Some(l) = fact.list else { continue };
                    let Shape::Seq(items) = v.shape() else {
                        self.wrong(key, "a list of entries (`- …`)", v.span());
                        continue;
                    };
                    let empty = items.len() == 0;
                    let list = &self.prog.lists[l as usize];
                    let fields = &self.prog.records[r as usize].fields;
                    for item in items {
                        let mut m = self.member(list.width as usize, list.rules as usize);
                        let at = (l, f.lists[l as usize].len());
                        if let Some(ix) = list.index {
                            m.vals[ix as usize] = Value::Int(at.1 as i64);
                        }
                        self.at_member = Some(at);
                        let (slots, unknown) =
                            self.record(key, item, fields, &mut m.vals, &mut f.texts, true);
                        self.at_member = None;
                        m.given = slots.iter().filter(|s| **s < 128).fold(0, |b, s| b | (1u128 << s));
                        for (slot, ty, name) in unknown {
                            f.unknown.push(crate::program::frame::Unknown {
                                name,
                                member: Some(at),
                                slot,
                                ty,
                            });
                        }
                        f.lists[l as usize].push(m);
                    }
                    if fact.def.nonempty && empty {
                        self.errors.push(CaseError::EmptyList {
                            help: format!("the case must give at least one: {}", fact.def.labels.get(true)),
                            key: key.into(),
                            src: self.named(),
                            span: self.span(v.span()),
                        });
                    }
                }
                ty if self.is_unknown(v, ty) => {
                    let name = fact.def.name.clone();
                    f.unknown.push(crate::program::frame::Unknown {
                        name,
                        member: None,
                        slot: fact.def.slot,
                        ty,
                    });
                    given.push(fact.def.slot);
                }
                ty => {
                    if let Some(x) = self.scalar((key, ""), ty, v, &mut f.texts) {
                        f.globals[fact.def.slot as usize] = x;
                        given.push(fact.def.slot);
                    }
                }
            }
        }
        self.duplicates(&f.texts);
        self.resolve(&mut f);
        if let (Some(v), Some((slot, _))) = (self.selector, self.prog.header.selected_by) {
            f.globals[slot as usize] = v;
            given.push(slot);
        }
        f.given.clear();
        f.given.resize(f.globals.len(), false);
        for s in given {
            f.given[s as usize] = true;
        }
        // Defaults, and what is missing.
        for (fact, &named) in self.prog.facts.iter().zip(&named) {
            let given = named || fact.list.is_some_and(|l| !f.lists[l as usize].is_empty());
            let unknown = f.unknown.iter().any(|u| u.member.is_none() && u.slot == fact.def.slot);
            if given || unknown {
                continue;
            }
            match (fact.def.default, fact.def.optional || fact.def.defined) {
                // A fact a layer defines stays absent here: the definition decides it.
                _ if fact.def.defined => {}
                (Some(d), _) => {
                    if fact.list.is_none() {
                        f.globals[fact.def.slot as usize] = d;
                    }
                    if matches!(fact.def.ty, Ty::Record(_)) {
                        for x in fact.fields.iter().filter(|x| !x.defined) {
                            f.globals[x.slot as usize] = x.default.unwrap_or(Value::Null);
                        }
                    }
                }
                (None, true) => {}
                // A layer's fact is required only of the cases the layer decides.
                (None, false) if fact.def.layer > 0 && !self.layer_applies(&f, fact.def.layer) => {}
                (None, false) => self.missing(&fact.def.name, "the case", span),
            }
        }
        for (key, layer, at) in layer_facts {
            self.layer_decides(&f, &key, layer, at);
        }
        for (key, layer, at) in std::mem::take(&mut self.layer_fields) {
            self.layer_decides(&f, &key, layer, at);
        }
        f
    }
}
