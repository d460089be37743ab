//! What the server answers: the diagnostics of a document, hover, go to definition, references,
//! completion, formatting and the outline.

use super::docs::Docs;
use super::index::{self, Kind, Symbol};
use super::text;
use crate::program::{Program, Ty};
use lsp_types::*;
use serde_json::Value as J;

/// Checks a document in its set; keeps the set if it loaded; the diagnostics of the document.
pub fn check(docs: &mut Docs, uri: &Url) -> Vec<Diagnostic> {
    let sources = docs.set_of(uri);
    let name = docs.name(uri);
    let Some(my_text) = docs.open.get(uri).map(|d| d.text.clone()) else { return vec![] };
    let (problems, analysis) = match crate::engine::Engine::load(sources) {
        Err(e) => (crate::diagnostic::json::problems(&e), None),
        Ok(engine) => {
            let warnings: Vec<J> =
                engine.warnings.iter().flat_map(|w| crate::diagnostic::json::problems(w)).collect();
            (warnings, Some(super::analysis(engine)))
        }
    };
    if let (Some(a), Some(doc)) = (analysis, docs.open.get_mut(uri)) {
        doc.analysis = Some(a);
    }
    let mut out = vec![];
    for p in problems {
        let file = p["file"].as_str().unwrap_or("");
        let mine = file == name || file.is_empty();
        let at = |l: &J| {
            text::from_line_column(
                &my_text,
                l["line"].as_u64().unwrap_or(1) as usize,
                l["column"].as_u64().unwrap_or(1) as usize,
            )
        };
        let label = p["labels"].as_array().and_then(|l| l.first()).cloned();
        let range = match (&label, mine) {
            (Some(l), true) => Range::new(at(l), {
                let end = serde_json::json!({"line": l["end_line"], "column": l["end_column"]});
                at(&end)
            }),
            _ => Range::default(),
        };
        let mut message = p["message"].as_str().unwrap_or("").to_string();
        if !mine {
            message = format!("{file}:{}: {message}", p["line"]);
        }
        if let Some(h) = p["help"].as_str() {
            message += &format!("\nhelp: {h}");
        }
        let severity = match p["severity"].as_str() {
            Some("warning") => DiagnosticSeverity::WARNING,
            Some("advice") => DiagnosticSeverity::HINT,
            _ => DiagnosticSeverity::ERROR,
        };
        out.push(Diagnostic {
            range,
            severity: Some(severity),
            code: p["code"].as_str().map(|c| NumberOrString::String(c.to_string())),
            source: Some("zeren".into()),
            message,
            ..Diagnostic::default()
        });
    }
    out
}

/// The document's text, its analysis, and the byte offset of a position.
fn at<'a>(docs: &'a Docs, uri: &Url, p: Position) -> Option<(&'a str, &'a super::Analysis, usize)> {
    let doc = docs.open.get(uri)?;
    let a = doc.analysis.as_deref()?;
    Some((&doc.text, a, text::offset(&doc.text, p)))
}

fn found<'a>(
    docs: &'a Docs,
    uri: &Url,
    p: Position,
) -> Option<(Vec<&'a Symbol>, &'a super::Analysis, &'a str, text::Word<'a>)> {
    let (t, a, off) = at(docs, uri, p)?;
    let w = text::word_at(t, off)?;
    let mut syms = index::lookup(&a.engine.program, &a.symbols, w.text, w.owner, &t[..w.start]);
    // An article's number after `article` in a layer is the layer's own provision.
    if let Some(layer) = own_layer(&a.engine.program, t) {
        syms.sort_by_key(|s| (s.kind == Kind::Provision && s.owner.as_deref() != Some(layer.as_str())) as u8);
    }
    Some((syms, a, t, w))
}

/// The id of the layer (or set) a text declares.
fn own_layer(prog: &Program, text: &str) -> Option<String> {
    prog.layers
        .iter()
        .rev()
        .find(|l| text.contains(&format!("layer {}", l.id)) || text.contains(&format!("measures {}", l.id)))
        .map(|l| l.id.clone())
}

/// Hover: what the name under the cursor is.
pub fn hover(docs: &Docs, p: &HoverParams) -> Option<Hover> {
    let pos = &p.text_document_position_params;
    let (syms, _, t, w) = found(docs, &pos.text_document.uri, pos.position)?;
    let mut syms = syms;
    // A value compared with a name: the values of that name's enumeration.
    if syms.iter().filter(|s| s.kind == Kind::Value).count() > 1 {
        let line = &t[t[..w.start].rfind('\n').map_or(0, |i| i + 1)..w.start];
        let left = ["==", "!="]
            .iter()
            .find_map(|op| line.trim_end().strip_suffix(op))
            .map(|l| l.trim_end().rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or(""));
        let prog = &docs.open.get(&pos.text_document.uri)?.analysis.as_deref()?.engine.program;
        if let Some(Ty::Enum(e)) = left.and_then(|l| super::complete::type_of(prog, l)) {
            let name = &prog.enums[e as usize].name;
            syms.retain(|s| s.kind != Kind::Value || s.owner.as_deref() == Some(name.as_str()));
        }
    }
    let first = syms.first()?;
    // A name that is two things (a field and a fact) shows both.
    let value: Vec<&str> = syms
        .iter()
        .filter(|s| s.kind == first.kind || syms.len() <= 2)
        .take(2)
        .map(|s| s.about.as_str())
        .collect();
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: value.join("\n\n---\n\n"),
        }),
        range: Some(text::range(t, w.start, w.start + w.text.len())),
    })
}

fn location(docs: &Docs, prog: &Program, s: &Symbol) -> Option<Location> {
    let src = prog.sources.get(s.span.src as usize)?;
    let uri = docs.uri(&src.name)?;
    let text = docs.open.get(&uri).map_or(&*src.text, |d| d.text.as_str());
    Some(Location::new(uri, text::range(text, s.span.start as usize, s.span.end as usize)))
}

/// Go to definition: where the name is declared.
pub fn definition(docs: &Docs, p: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let pos = &p.text_document_position_params;
    let (syms, a, _, _) = found(docs, &pos.text_document.uri, pos.position)?;
    let locations: Vec<Location> =
        syms.iter().take(1).filter_map(|s| location(docs, &a.engine.program, s)).collect();
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}

/// References: every use of the name in the set's files, outside strings and comments.
pub fn references(docs: &Docs, p: &ReferenceParams) -> Option<Vec<Location>> {
    let pos = &p.text_document_position;
    let (syms, a, _, w) = found(docs, &pos.text_document.uri, pos.position)?;
    let name = syms.first().map_or(w.text, |s| s.name.as_str());
    let mut out = vec![];
    for src in &a.engine.program.sources {
        let Some(uri) = docs.uri(&src.name) else { continue };
        let text = docs.open.get(&uri).map_or(&*src.text, |d| d.text.as_str());
        for (at, id) in text::identifiers(text) {
            if id == name {
                out.push(Location::new(uri.clone(), text::range(text, at, at + id.len())));
            }
        }
    }
    Some(out)
}

/// Formatting: `zeren fmt`, as one edit of the whole text (none when it is already in layout, or
/// when it does not parse far enough to format safely).
pub fn format(docs: &Docs, p: &DocumentFormattingParams) -> Option<Vec<TextEdit>> {
    let doc = docs.open.get(&p.text_document.uri)?;
    let src = crate::source::Source::new("<doc>", doc.text.as_str());
    crate::syntax::depth::check_nesting(&src).ok()?;
    let formatted = crate::fmt::format(&doc.text);
    if formatted == doc.text || !crate::fmt::same_text(&doc.text, &formatted) {
        return Some(vec![]);
    }
    Some(vec![TextEdit::new(text::range(&doc.text, 0, doc.text.len()), formatted)])
}

/// Makes an outline entry: name, detail, kind, span, children.
type Make<'a> =
    dyn Fn(&str, &str, SymbolKind, crate::source::Span, Vec<DocumentSymbol>) -> DocumentSymbol + 'a;

/// The outline: the document's articles with their paragraphs, items and rules; its facts,
/// enumerations, records and conclusions.
#[allow(deprecated)]
pub fn symbols(docs: &Docs, p: &DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let uri = &p.text_document.uri;
    let doc = docs.open.get(uri)?;
    let a = doc.analysis.as_deref()?;
    let prog = &a.engine.program;
    let name = docs.name(uri);
    let me = prog.sources.iter().position(|s| *s.name == *name)? as u16;
    let t = &doc.text;
    let sym = |name: &str,
               detail: &str,
               kind: SymbolKind,
               span: crate::source::Span,
               children: Vec<DocumentSymbol>| {
        let range = text::range(t, span.start as usize, span.end as usize);
        DocumentSymbol {
            name: name.into(),
            detail: Some(detail.into()).filter(|d: &String| !d.is_empty()),
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children: Some(children).filter(|c| !c.is_empty()),
        }
    };
    fn provision(prog: &Program, i: usize, make: &Make<'_>) -> DocumentSymbol {
        let p = &prog.provisions[i];
        let mut children: Vec<DocumentSymbol> = prog
            .provisions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.parent == Some(i as u16))
            .map(|(j, _)| provision(prog, j, make))
            .collect();
        for r in prog.rules.iter().filter(|r| r.provision as usize == i) {
            children.push(make(
                r.name.as_deref().unwrap_or(&r.id),
                &r.effect_text,
                SymbolKind::FUNCTION,
                r.span,
                vec![],
            ));
        }
        let detail: String = p.labels.as_ref().map(|l| l.zh.chars().take(30).collect()).unwrap_or_default();
        let kind = format!("{:?}", p.kind).to_lowercase();
        make(&format!("{kind} {}", p.id), &detail, SymbolKind::NAMESPACE, p.span, children)
    }
    let mut out = vec![];
    for (i, p) in prog.provisions.iter().enumerate() {
        if p.span.src == me && p.parent.is_none() {
            out.push(provision(prog, i, &sym));
        }
    }
    for s in &a.symbols {
        let kind = match s.kind {
            Kind::Fact => SymbolKind::VARIABLE,
            Kind::Enum => SymbolKind::ENUM,
            Kind::Record => SymbolKind::STRUCT,
            Kind::Conclusion => SymbolKind::PROPERTY,
            Kind::Let => SymbolKind::CONSTANT,
            _ => continue,
        };
        if s.span.src == me {
            out.push(sym(&s.name, &s.detail, kind, s.span, vec![]));
        }
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    Some(DocumentSymbolResponse::Nested(out))
}
