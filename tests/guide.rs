//! The guide (`docs/writing-implementing-rules.md`) and the README say what zeren does; this
//! checks that they still do. In `docs/guide/`, which holds every file the guide's commands use:
//! - each `$ zeren …` line of a ```console block prints the lines shown under it, in order
//!   (`…` alone on a line stands for any lines, `…` within a line for any text there);
//! - each `zeren …` line of a ```sh block exits 0 (or the `exit status N` its comment gives);
//! - each block the guide says to save ("Save as `X`") is the file `docs/guide/X`, and a policy
//!   is in the canonical layout (`zeren fmt --check`).
//!
//! And from the repository root, each `cargo run --release -- …` command of the README exits 0.

use std::process::Command;

const GUIDE: &str = "docs/writing-implementing-rules.md";
const DIR: &str = "docs/guide";

/// A fenced block: its language, its lines (the fence's indentation removed), and the prose
/// between the block before it and this one.
struct Block {
    lang: String,
    lines: Vec<String>,
    before: String,
}

fn blocks(path: &str) -> Vec<Block> {
    let text = std::fs::read_to_string(path).expect("readable");
    let (mut out, mut prose, mut open) = (Vec::new(), String::new(), None::<(usize, Block)>);
    for line in text.lines() {
        let fence = line.trim_start().starts_with("```");
        match (open.take(), fence) {
            (None, true) => {
                let indent = line.len() - line.trim_start().len();
                let lang = line.trim_start().trim_start_matches('`').trim().to_string();
                let before = std::mem::take(&mut prose);
                open = Some((indent, Block { lang, lines: Vec::new(), before }));
            }
            (None, false) => prose.push_str(&format!("{line}\n")),
            (Some((_, block)), true) => out.push(block),
            (Some((indent, mut block)), false) => {
                block.lines.push(line.get(indent..).unwrap_or(line.trim_start()).to_string());
                open = Some((indent, block));
            }
        }
    }
    out
}

/// Runs zeren in `dir`; returns its exit status and stdout followed by stderr.
fn zeren(dir: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code(), text)
}

/// One line against its pattern: `…` matches any text (a trailing `…` makes it a prefix).
fn line_matches(pattern: &str, line: &str) -> bool {
    let pieces: Vec<&str> = pattern.split('…').collect();
    if pieces.len() == 1 {
        return pattern == line;
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !line.starts_with(first) || line.len() < first.len() + last.len() || !line.ends_with(last) {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

fn is_gap(pattern: &str) -> bool {
    matches!(pattern.trim(), "…" | "...")
}

/// Whether `expected` matches `actual` from line `a` on: consecutive lines, except that a gap
/// line matches any number of lines.
fn matches_from(expected: &[String], actual: &[&str], a: usize) -> bool {
    match expected.split_first() {
        None => true,
        Some((gap, rest)) if is_gap(gap) => (a..=actual.len()).any(|b| matches_from(rest, actual, b)),
        Some((line, rest)) => {
            a < actual.len() && line_matches(line, actual[a]) && matches_from(rest, actual, a + 1)
        }
    }
}

/// Panics unless the shown lines appear in the output (anywhere, in order, as `matches_from`).
fn check_output(command: &str, expected: &[String], output: &str) {
    let actual: Vec<&str> = output.lines().map(str::trim_end).collect();
    if (0..=actual.len()).any(|a| matches_from(expected, &actual, a)) {
        return;
    }
    // The first shown line that cannot follow its predecessors, to name in the message.
    let bad = (1..=expected.len())
        .find(|&n| !(0..=actual.len()).any(|a| matches_from(&expected[..n], &actual, a)))
        .map_or("?", |n| expected[n - 1].as_str());
    let shown: String = output.lines().take(80).collect::<Vec<_>>().join("\n");
    panic!(
        "`{command}`: the line\n  {bad:?}\nis not where the guide shows it in the output \
         ({} lines, the first 80 here):\n{shown}",
        actual.len()
    );
}

/// The `$ PREFIX…` commands of console blocks, each with the lines shown under it.
fn console_commands(blocks: &[Block], prefix: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for block in blocks.iter().filter(|b| b.lang == "console") {
        let mut current: Option<(String, Vec<String>)> = None;
        for line in &block.lines {
            if line.starts_with('$') {
                out.extend(current.take());
                if let Some(rest) = line.strip_prefix(prefix) {
                    let command = rest.split(" #").next().unwrap_or(rest).trim().to_string();
                    current = Some((command, Vec::new()));
                }
            } else if let Some((_, shown)) = current.as_mut() {
                shown.push(line.trim_end().to_string());
            }
        }
        out.extend(current);
    }
    out
}

#[test]
fn each_dollar_command_of_the_guide_prints_what_the_guide_shows() {
    let commands = console_commands(&blocks(GUIDE), "$ zeren ");
    assert!(commands.len() >= 20, "only {} `$ zeren` commands found", commands.len());
    for (command, shown) in &commands {
        let args: Vec<&str> = command.split_whitespace().collect();
        let (_, output) = zeren(DIR, &args);
        check_output(&format!("zeren {command}"), shown, &output);
    }
}

#[test]
fn each_sh_command_of_the_guide_exits_as_the_guide_says() {
    let mut ran = 0;
    for block in blocks(GUIDE).iter().filter(|b| b.lang == "sh") {
        for line in &block.lines {
            let Some(rest) = line.trim().strip_prefix("zeren ") else { continue };
            let (command, comment) = rest.split_once('#').unwrap_or((rest, ""));
            let status = comment
                .split_once("exit status ")
                .and_then(|(_, n)| n.split(|c: char| !c.is_ascii_digit()).next())
                .map_or(0, |n| n.parse().expect("a number"));
            let (command, args) = (command.trim(), command.split_whitespace().collect::<Vec<_>>());
            let (code, output) = zeren(DIR, &args);
            let shown: String = output.lines().take(30).collect::<Vec<_>>().join("\n");
            assert_eq!(code, Some(status), "`zeren {command}` in {DIR}:\n{shown}");
            ran += 1;
        }
    }
    assert!(ran >= 15, "only {ran} `zeren` commands found in sh blocks");
}

#[test]
fn each_file_the_guide_says_to_save_is_in_docs_guide() {
    let mut saved = 0;
    for block in blocks(GUIDE) {
        let prose = block.before.replace('\n', " ");
        let lower = prose.to_ascii_lowercase();
        let Some(at) = lower.rfind("save as `").max(lower.rfind("save it as `")) else {
            continue;
        };
        let name = prose[at..].split('`').nth(1).expect("a name between backquotes");
        let path = format!("{DIR}/{name}");
        let file = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let text = block.lines.join("\n");
        assert_eq!(file.trim_end_matches('\n'), text.trim_end_matches('\n'), "{path}");
        if name.ends_with(".policy") {
            let (code, output) = zeren(DIR, &["fmt", "--check", name]);
            assert_eq!(code, Some(0), "{path} is not in the canonical layout:\n{output}");
        }
        saved += 1;
    }
    assert!(saved >= 12, "only {saved} files to save found in the guide");
    // The one variant the guide describes rather than shows: the tutorial layer for all units.
    let layer = std::fs::read_to_string(format!("{DIR}/example-province.policy")).expect("layer");
    let variant = std::fs::read_to_string(format!("{DIR}/example-province-all-units.policy"));
    assert_eq!(variant.expect("variant"), layer.replace(" and unit.kind != military", ""));
}

#[test]
fn each_cargo_run_command_of_the_readme_runs() {
    let blocks = blocks("README.md");
    let mut ran = 0;
    for block in blocks.iter().filter(|b| b.lang == "sh") {
        let joined = block.lines.join("\n").replace("\\\n", " ");
        for line in joined.lines() {
            let Some(command) = line.trim().strip_prefix("cargo run --release -- ") else {
                continue;
            };
            let args: Vec<&str> = command.split_whitespace().collect();
            let (code, output) = zeren(".", &args);
            let shown: String = output.lines().take(30).collect::<Vec<_>>().join("\n");
            assert_eq!(code, Some(0), "README: `cargo run --release -- {command}`:\n{shown}");
            ran += 1;
        }
    }
    for (command, shown) in console_commands(&blocks, "$ cargo run --release -- ") {
        let args: Vec<&str> = command.split_whitespace().collect();
        check_output(&format!("README: {command}"), &shown, &zeren(".", &args).1);
        ran += 1;
    }
    assert!(ran >= 2, "only {ran} `cargo run` commands found in the README");
}
