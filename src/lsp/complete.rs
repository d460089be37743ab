//! Completion: after `name.`, the fields of its record (a name bound by `each NAME in LIST` too);
//! after `==`, `!=` or `in [`, the values of the left side's enumeration; elsewhere the facts,
//! conclusions and definitions of the set, and the keywords.

use super::docs::Docs;
use super::index::{self, Kind, Symbol};
use crate::program::{Program, Ty};
use lsp_types::*;

const KEYWORDS: &[&str] = &[
    "article",
    "paragraph",
    "item",
    "rule",
    "exception",
    "when",
    "then",
    "if",
    "and",
    "or",
    "not",
    "in",
    "let",
    "fact",
    "record",
    "enum",
    "scale",
    "list",
    "optional",
    "define",
    "finding",
    "cite",
    "clause",
    "text_only",
    "each",
    "any",
    "all",
    "count",
    "members",
    "of",
    "up",
    "down",
    "true",
    "false",
    "this",
    "layer",
    "extends",
    "title",
    "issuer",
    "kind",
    "effective",
    "until",
    "applies",
    "working_days",
    "holidays",
    "workdays",
    "decision",
    "where",
    "within",
];

fn item(s: &Symbol, kind: CompletionItemKind) -> CompletionItem {
    CompletionItem {
        label: s.name.clone(),
        kind: Some(kind),
        detail: Some(s.detail.clone()),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: s.about.clone(),
        })),
        ..CompletionItem::default()
    }
}

/// Completion: after `name.`, the fields of its record; after `==`, `!=` or `in [`, the values of
/// the left side's enumeration; elsewhere facts, conclusions, definitions and keywords.
pub fn completion(docs: &Docs, p: &CompletionParams) -> Option<CompletionResponse> {
    let pos = &p.text_document_position;
    let doc = docs.open.get(&pos.text_document.uri)?;
    let a = doc.analysis.as_deref()?;
    let t = doc.text.as_str();
    let off = super::text::offset(t, pos.position);
    let prog = &a.engine.program;
    let line_start = t[..off].rfind('\n').map_or(0, |i| i + 1);
    let before = &t[line_start..off];
    let typed = before.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or("");
    let rest = &before[..before.len() - typed.len()];
    // `owner.` → its fields.
    if let Some(owner) = rest
        .strip_suffix('.')
        .map(|r| r.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap_or(""))
    {
        let record = index::record_in(prog, &t[..off], owner);
        let items = a
            .symbols
            .iter()
            .filter(|s| s.kind == Kind::Field && record.is_some() && s.owner == record)
            .map(|s| item(s, CompletionItemKind::FIELD))
            .collect();
        return Some(CompletionResponse::Array(items));
    }
    // `x == ` or `x in [a, ` → the values of x's enumeration.
    let trimmed = rest.trim_end();
    let compared = ["==", "!="].iter().find_map(|op| trimmed.strip_suffix(op)).or_else(|| {
        let open = trimmed.rfind('[')?;
        trimmed[..open].trim_end().strip_suffix(" in").filter(|_| !trimmed[open..].contains(']'))
    });
    if let Some(left) = compared {
        let left = left.trim_end().rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        if let Some(Ty::Enum(e) | Ty::SetOfEnum(e)) = type_of(prog, left) {
            let def = &prog.enums[e as usize];
            let items = a
                .symbols
                .iter()
                .filter(|s| s.kind == Kind::Value && s.owner.as_deref() == Some(def.name.as_str()))
                .map(|s| item(s, CompletionItemKind::ENUM_MEMBER))
                .collect();
            return Some(CompletionResponse::Array(items));
        }
    }
    let mut items: Vec<CompletionItem> = a
        .symbols
        .iter()
        .filter_map(|s| match s.kind {
            Kind::Fact => Some(item(s, CompletionItemKind::VARIABLE)),
            Kind::Conclusion => Some(item(s, CompletionItemKind::PROPERTY)),
            Kind::Let => Some(item(s, CompletionItemKind::CONSTANT)),
            _ => None,
        })
        .collect();
    items.extend(KEYWORDS.iter().map(|k| CompletionItem {
        label: (*k).into(),
        kind: Some(CompletionItemKind::KEYWORD),
        ..CompletionItem::default()
    }));
    Some(CompletionResponse::Array(items))
}

/// The type of a name or a path `a.b` written in a condition.
pub(super) fn type_of(prog: &Program, path: &str) -> Option<Ty> {
    let mut parts = path.split('.');
    let first = parts.next()?;
    let mut ty = prog
        .facts
        .iter()
        .find(|f| f.def.name == first)
        .map(|f| f.def.ty)
        .or_else(|| prog.conclusions.iter().find(|c| c.name == first).map(|c| c.ty))
        .or_else(|| prog.lets.iter().find(|l| l.name == first).map(|l| l.ty))
        .or_else(|| prog.records.iter().flat_map(|r| &r.fields).find(|f| f.name == first).map(|f| f.ty))?;
    for part in parts {
        let (Ty::Record(r) | Ty::List(r)) = ty else { return None };
        ty = prog.records[r as usize].fields.iter().find(|f| f.name == part)?.ty;
    }
    Some(ty)
}
