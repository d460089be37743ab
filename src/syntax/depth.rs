//! Bounds on nesting, checked on the text before pest sees it: pest's parser, the expression
//! builder, the checker and the evaluator all recurse on nesting, so a file nested deeper than a
//! thread's stack would crash them. Brackets (`(`, `{`, `[`) and runs of `not` count one level
//! each; strings and comments are skipped. Long operator chains are bounded where the tree is
//! built ([`MAX_EXPR_DEPTH`]).

use super::error::SyntaxError;
use crate::source::Source;

/// The deepest nesting of brackets and `not`s a policy may have.
pub const MAX_NESTING: usize = 100;
/// The deepest expression tree a policy may have: each operator of a chain (`a and b and …`,
/// `n + n + …`) is one level.
pub const MAX_EXPR_DEPTH: usize = 200;

/// Refuses a text nested deeper than [`MAX_NESTING`], at the bracket or `not` that goes past it.
pub fn check_nesting(source: &Source) -> Result<(), SyntaxError> {
    let b = source.text.as_bytes();
    // The `not`s pending at each open bracket, and the current run of `not`s.
    let mut opened: Vec<usize> = vec![];
    let mut pending = 0usize;
    let mut run = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
        match c {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                run = 0;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'{' | b'[' => {
                opened.push(run);
                pending += run;
                run = 0;
                if opened.len() + pending > MAX_NESTING {
                    return Err(too_deep(source, i, 1));
                }
            }
            b')' | b'}' | b']' => {
                pending -= opened.pop().unwrap_or(0);
                run = 0;
            }
            c if word(c) => {
                let start = i;
                while i < b.len() && word(b[i]) {
                    i += 1;
                }
                if &b[start..i] == b"not" {
                    run += 1;
                    if opened.len() + pending + run > MAX_NESTING {
                        return Err(too_deep(source, start, 3));
                    }
                } else {
                    run = 0;
                }
                continue;
            }
            c if c.is_ascii_whitespace() => {}
            _ => run = 0,
        }
        i += 1;
    }
    Ok(())
}

fn too_deep(source: &Source, at: usize, len: usize) -> SyntaxError {
    SyntaxError::TooDeep {
        limit: MAX_NESTING,
        what: "brackets and `not`s",
        src: source.named(),
        span: (at, len).into(),
    }
}
