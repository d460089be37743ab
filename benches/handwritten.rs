//! The national measures decided by hand-written Rust: the baseline of the batch benchmark
//! (issue 15), the limit of what code written for this one law can do.
//!
//! `cargo run --release --example handwritten < cases.jsonl > decisions.jsonl`
//!
//! Reads one case a line (JSON, the keys of `docs/case-format.md` by their English names, national
//! facts only, no `unknown`) and writes one decision a line with the main keys of
//! `zeren eval --format jsonl`: `case`, `accountable`, `rung`, `authority`, `people`, `escalations`,
//! `rectification_ordered`, `unit_consequences`, `duty_breaches`, `circumstances`, `scope`,
//! `in_force`, `articles`. No trace, no findings. `benches/agree.sh` checks it against zeren.

#[path = "handwritten/case.rs"]
mod case;
#[path = "handwritten/decide.rs"]
mod decide;
#[path = "handwritten/decision.rs"]
mod decision;

use std::io::{BufRead, BufWriter, Write};

fn main() {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut failed = false;
    for (n, line) in stdin.lines().enumerate() {
        let line = line.expect("read a line");
        if line.trim().is_empty() {
            continue;
        }
        let written = match serde_json::from_str::<case::Case>(&line) {
            Ok(c) => serde_json::to_writer(&mut out, &decide::decide(&c)),
            Err(e) => {
                failed = true;
                let message = serde_json::json!({"error": {"line": n + 1, "message": e.to_string()}});
                serde_json::to_writer(&mut out, &message)
            }
        };
        written.expect("write a decision");
        out.write_all(b"\n").expect("write a decision");
    }
    out.flush().expect("write the decisions");
    std::process::exit(i32::from(failed));
}
