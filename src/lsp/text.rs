//! Positions in a text as the editor counts them (a line, and a column in UTF-16 code units, the
//! protocol's default) and as zeren counts them (byte offsets); and the word under the cursor.

use lsp_types::{Position, Range};

/// The position of a byte offset.
pub fn position(text: &str, offset: usize) -> Position {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.bytes().filter(|b| *b == b'\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[start..].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

/// The byte offset of a position (the end of its line when past it).
pub fn offset(text: &str, p: Position) -> usize {
    let mut start = 0;
    for _ in 0..p.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if c == '\n' || units >= p.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The range of two byte offsets.
pub fn range(text: &str, start: usize, end: usize) -> Range {
    Range::new(position(text, start), position(text, end))
}

/// The position of a 1-based line and column counted in characters (as diagnostics give them).
pub fn from_line_column(text: &str, line: usize, column: usize) -> Position {
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else { return position(text, text.len()) };
    let character: usize = l.chars().take(column.saturating_sub(1)).map(char::len_utf16).sum();
    Position::new(line.saturating_sub(1) as u32, character as u32)
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'
}

/// The word under the cursor: its text and where it starts. A word is a name, a provision id
/// (`11.1.3`) or a layer id (`sample-province-2017`); a dotted path (`unit.kind`) gives the part
/// under the cursor and the part before it.
pub fn word_at(text: &str, at: usize) -> Option<Word<'_>> {
    let at = at.min(text.len());
    let start =
        text[..at].char_indices().rev().take_while(|(_, c)| word_char(*c)).last().map_or(at, |(i, _)| i);
    let end = text[at..].char_indices().find(|(_, c)| !word_char(*c)).map_or(text.len(), |(i, _)| at + i);
    let whole = text[start..end].trim_end_matches('.');
    if whole.is_empty() {
        return None;
    }
    let end = start + whole.len();
    if whole.bytes().all(|b| b.is_ascii_digit() || b == b'.') || !whole.contains('.') {
        return Some(Word { text: whole, start, owner: None });
    }
    // A path: the part under the cursor, and the one before it.
    let mut part_start = start;
    let mut owner = None;
    for part in whole.split('.') {
        let part_end = part_start + part.len();
        if at <= part_end || part_end == end {
            return Some(Word { text: part, start: part_start, owner });
        }
        owner = Some(part);
        part_start = part_end + 1;
    }
    None
}

/// A word of the text.
#[derive(Debug, PartialEq)]
pub struct Word<'a> {
    /// Its text.
    pub text: &'a str,
    /// Where it starts (a byte offset).
    pub start: usize,
    /// In a path `a.b`, for `b`: `a`.
    pub owner: Option<&'a str>,
}

/// The list a name is bound to by the nearest `each NAME in LIST` (or `count`, `any`, `all`)
/// in `text` (the text before the name: bindings nest, so the last one seen is in scope).
pub fn bound<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!("{name} in ");
    let at = text.rmatch_indices(pattern.as_str()).map(|(i, _)| i).find(|i| {
        text[..*i]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .is_some_and(|w| ["each", "count", "any", "all"].contains(&w))
    })?;
    let rest = &text[at + pattern.len()..];
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Each identifier of a policy text outside its strings and comments, with where it starts.
pub fn identifiers(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let s = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == b'_'
                        || b[i] == b'-'
                        || (b[i] == b'.'
                            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                            && b[s].is_ascii_digit()))
                {
                    i += 1;
                }
                out.push((s, &text[s..i]));
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let t = "ab\n中文x\n";
        assert_eq!(position(t, 3 + 6), Position::new(1, 2));
        assert_eq!(offset(t, Position::new(1, 2)), 9);
        assert_eq!(offset(t, Position::new(1, 99)), 10);
        assert_eq!(from_line_column(t, 2, 3), Position::new(1, 2));
    }

    #[test]
    fn words_and_paths() {
        let t = "when unit.kind == party_organ and 11.1.3";
        assert_eq!(word_at(t, 7).map(|w| (w.text, w.owner)), Some(("unit", None)));
        assert_eq!(word_at(t, 11).map(|w| (w.text, w.owner)), Some(("kind", Some("unit"))));
        assert_eq!(word_at(t, 20).map(|w| w.text), Some("party_organ"));
        assert_eq!(word_at(t, 36).map(|w| w.text), Some("11.1.3"));
        assert_eq!(identifiers("a // b\n\"c\" d_1 11.2"), vec![(0, "a"), (11, "d_1"), (15, "11.2")]);
    }

    #[test]
    fn a_name_is_bound_by_the_nearest_binding_before_it() {
        let t = "each m in people { rule a when m.role == x }\neach m in history { rule b when m.";
        assert_eq!(bound(t, "m"), Some("history"));
        assert_eq!(bound(&t[..30], "m"), Some("people"));
        assert_eq!(bound("any p in people: (p.opposed)", "p"), Some("people"));
        assert_eq!(bound("xm in people", "m"), None);
        assert_eq!(bound("when m.role", "m"), None);
    }
}
