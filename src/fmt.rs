//! `zeren fmt`: one canonical layout for policy files. It changes only whitespace outside
//! strings and comments: each line is indented by its depth in braces (two spaces a level; a
//! `then`, `cite`, `clause` or `finding` line two more, an `and`/`or` line four more, a line inside open
//! parentheses four more and two a parenthesis), runs of spaces become one, trailing spaces and
//! extra blank lines go. Strings and comments are kept byte for byte, and the result is checked to hold the
//! same text otherwise.

/// The canonical layout of a policy text. Formatting a formatted text changes nothing.
pub fn format(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut braces: i32 = 0;
    let mut parens: i32 = 0;
    let mut in_string = false;
    let mut blank = false;
    let mut started = false;
    let mut after_open = false;
    for raw in text.lines() {
        if in_string {
            // A line that continues a string is part of the string: kept as it is.
            out.push_str(raw);
            out.push('\n');
            let (_, _, s) = scan(raw, true);
            in_string = s;
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            blank = started;
            continue;
        }
        let (code, comment, ends_in_string) = scan(line, false);
        let squeezed = one_line(&code);
        let opens_with_close = squeezed.starts_with('}');
        let first = squeezed.split(' ').next().unwrap_or("");
        let depth = braces - i32::from(opens_with_close);
        let mut indent = 2 * depth.max(0);
        if parens > 0 {
            indent += 4 + 2 * parens;
        } else if matches!(first, "then" | "cite" | "finding" | "clause") {
            indent += 2;
        } else if matches!(first, "and" | "or") {
            indent += 4;
        }
        if blank && !opens_with_close && !after_open {
            out.push('\n');
        }
        blank = false;
        started = true;
        out.push_str(&" ".repeat(indent.max(0) as usize));
        out.push_str(&squeezed);
        if let Some(c) = comment {
            if !squeezed.is_empty() {
                out.push(' ');
            }
            out.push_str(c);
        }
        out.push('\n');
        for ch in strip_strings(&code).chars() {
            match ch {
                '{' => braces += 1,
                '}' => braces -= 1,
                '(' => parens += 1,
                ')' => parens = (parens - 1).max(0),
                _ => {}
            }
        }
        after_open = squeezed.ends_with('{');
        in_string = ends_in_string;
    }
    out
}

/// Whether two texts differ only in whitespace outside strings and comments.
pub fn same_text(a: &str, b: &str) -> bool {
    essence(a) == essence(b)
}

/// Where a character stands with respect to double-quoted strings (`\` escapes the next
/// character): one state machine for every pass of the formatter.
#[derive(Default)]
struct Quotes {
    open: bool,
    escaped: bool,
}

impl Quotes {
    /// Whether `c` belongs to a string, its quotes included.
    fn inside(&mut self, c: char) -> bool {
        if self.open {
            if self.escaped {
                self.escaped = false;
            } else if c == '\\' {
                self.escaped = true;
            } else if c == '"' {
                self.open = false;
            }
            return true;
        }
        self.open = c == '"';
        self.open
    }
}

/// The text without the whitespace outside strings and comments.
fn essence(t: &str) -> String {
    let mut s = String::new();
    let mut q = Quotes::default();
    let mut in_comment = false;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if in_comment {
            in_comment = c != '\n';
            if !c.is_whitespace() {
                s.push(c);
            }
        } else if q.inside(c) {
            s.push(c);
        } else if c == '/' && chars.peek() == Some(&'/') {
            in_comment = true;
            s.push(c);
        } else if !c.is_whitespace() {
            s.push(c);
        }
    }
    s
}

/// Splits a line into its code (strings included) and its `//` comment, and says whether the line
/// ends inside a string. `in_string`: the line starts inside one.
fn scan(line: &str, in_string: bool) -> (String, Option<&str>, bool) {
    let mut code = String::new();
    let mut q = Quotes { open: in_string, escaped: false };
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !q.inside(c) && c == '/' && chars.peek().is_some_and(|(_, n)| *n == '/') {
            return (code.trim_end().to_string(), Some(&line[i..]), false);
        }
        code.push(c);
    }
    (code.trim_end().to_string(), None, q.open)
}

/// Source text on one line: every run of whitespace outside strings (newlines included) becomes
/// one space, and a comment (`//` to the end of its line) is dropped like whitespace. For quoting
/// conditions in explanations, and for each line the formatter writes.
pub fn one_line(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut q = Quotes::default();
    let mut space = false;
    let mut chars = code.trim().chars().peekable();
    while let Some(c) = chars.next() {
        let outside = !q.inside(c);
        if outside && c == '/' && chars.peek() == Some(&'/') {
            while chars.next_if(|n| *n != '\n').is_some() {}
            space = true;
            continue;
        }
        if outside && c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The code with the contents of its strings removed (for counting braces and parentheses).
fn strip_strings(code: &str) -> String {
    let mut q = Quotes::default();
    code.chars().filter(|c| !q.inside(*c)).collect()
}
