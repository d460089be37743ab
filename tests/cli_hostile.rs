//! The `zeren` binary on hostile inputs (issue 14), generated here into a temporary folder rather
//! than committed: each must exit 1 with a diagnostic, within a time bound (a guard against hangs
//! and quadratic work, generous for a debug build on a busy machine) and a bound on its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A fresh folder for one test's files.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zeren-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p.display().to_string()
}

/// Runs the binary; checks the time it took and the size of what it printed.
fn run(args: &[&str], within: Duration, max_out: usize) -> Output {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let took = t.elapsed();
    assert!(took < within, "{args:?} took {took:?}");
    let size = out.stdout.len() + out.stderr.len();
    assert!(size <= max_out, "{args:?} printed {size} bytes");
    out
}

/// Exit status 1 with this code on stderr, and no control character but line breaks.
fn faulty(out: &Output, code: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(code), "no {code} in:\n{err}");
    let raw = out.stderr.iter().find(|&&b| b < 0x20 && b != b'\n');
    assert!(raw.is_none(), "a raw control byte {raw:?} on stderr:\n{err}");
}

const SECS: Duration = Duration::from_secs(5);

#[test]
fn a_label_past_column_65535_is_shown_without_a_panic() {
    let d = dir("columns");
    let tabs = "\t".repeat(16_384);
    let case = write(&d, "case.yaml", format!("{{{tabs}zz: 1}}"));
    faulty(&run(&["eval", &case], SECS, 20_000), "zeren::case::");
    let policy = write(&d, "p.policy", format!("{tabs}zz"));
    faulty(&run(&["check", &policy], SECS, 20_000), "zeren::syntax::");
    let sc = dir("columns-scenario");
    write(&sc, "s.yaml", format!("name: x\ncase: {{{tabs}zz: 1}}\n"));
    let out = run(&["test", &sc.display().to_string()], SECS, 20_000);
    assert_eq!(out.status.code(), Some(1));
}

/// A line of wide characters past 65,535 columns beside a label (found by the policy fuzzer: miette
/// panics on it when it is not cut first).
#[test]
fn a_line_of_wide_characters_beside_a_label_is_shown_without_a_panic() {
    let d = dir("wide");
    let policy = write(&d, "p.policy", format!("article 1 \"{}\"\n%%%\n", "長".repeat(40_000)));
    faulty(&run(&["check", &policy], SECS, 20_000), "zeren::syntax::");
}

#[test]
fn long_keys_and_values_are_cut_and_control_characters_escaped() {
    let d = dir("long");
    // An explicit key (`? key`): YAML takes an implicit key of 1,024 characters at most.
    let key = write(&d, "key.yaml", format!("? {}\n: 1\n", "k".repeat(1 << 20)));
    faulty(&run(&["eval", &key], SECS, 10_000), "zeren::case::unknown_key");
    let value = write(&d, "value.yaml", format!("unit: {{kind: {}}}\n", "v".repeat(1 << 20)));
    faulty(&run(&["eval", &value], SECS, 40_000), "zeren::case::");
    // ESC and BEL reach a key through YAML's escapes in a double-quoted key.
    let raw = write(&d, "raw.yaml", "\"name\\e[31m\\a\": 1\n");
    // `zeren diff` says why a case is not compared in a line of its own: escaped and cut too.
    let out = run(&["diff", &key, &raw, "--with", "policies/regions/sample-cmc.policy"], SECS, 10_000);
    let raw_bytes = out.stdout.iter().chain(&out.stderr).find(|&&b| b < 0x20 && b != b'\n');
    assert!(raw_bytes.is_none(), "{}", String::from_utf8_lossy(&out.stdout));
    let out = run(&["eval", &raw], SECS, 40_000);
    faulty(&out, "zeren::case::");
    assert!(String::from_utf8_lossy(&out.stderr).contains("\\u{1b}[31m"));
    let nul = write(&d, "nul.yaml", "a\u{0}b: 1\n");
    faulty(&run(&["eval", &nul], SECS, 10_000), "zeren::case::");
}

#[test]
fn forty_thousand_unknown_keys_are_counted_not_all_printed() {
    let d = dir("many");
    let keys: String = (0..40_000).map(|i| format!("k{i}: 1\n")).collect();
    let case = write(&d, "case.yaml", keys);
    // Quadratic work took 87 s here; linear takes about 3 s in a debug build.
    let out = run(&["eval", &case], 4 * SECS, 100_000);
    faulty(&out, "zeren::case::unknown_key");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("more problem(s) not shown"), "{err}");
    // 20 in full by default, then a count by code; `--max-errors N` prints N.
    let in_full = |err: &str| err.lines().filter(|l| l.starts_with("  × ")).count();
    assert_eq!(in_full(&err), 20, "{err}");
    // (the 40,000 unknown keys, and the 6 facts a case must give)
    assert!(err.contains("only the first 20 of 40006 are printed in full"), "{err}");
    assert!(err.contains("  39980  zeren::case::unknown_key"), "{err}");
    for n in ["3", "0"] {
        let out = run(&["eval", "--max-errors", n, &case], 4 * SECS, 100_000);
        faulty(&out, "zeren::case::unknown_key");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(in_full(&err).to_string(), n, "{err}");
    }
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_a_scenario_stays_in_its_folder() {
    let d = dir("files");
    let layer = d.join("layer");
    std::fs::create_dir_all(&layer).expect("dir");
    std::os::unix::fs::symlink("/etc/passwd", layer.join("evil.policy")).expect("link");
    let out = run(&["check", &layer.display().to_string()], SECS, 10_000);
    faulty(&out, "zeren::file::outside");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("root:"), "a linked file was shown");
    faulty(&run(&["check", "/dev/zero"], SECS, 10_000), "zeren::file::not_regular");
    faulty(&run(&["eval", "/dev/zero"], SECS, 10_000), "zeren::file::not_regular");
    // A policy one byte past the limit of 16 MiB (a comment, so that only the size is at fault).
    // (A stream of cases may be larger: its bound, 1 GiB, is too big to test here.)
    let big = write(&d, "big.policy", format!("//{}\n", "x".repeat((16 << 20) - 2)));
    faulty(&run(&["check", &big], SECS, 10_000), "zeren::file::too_large");
    // A pipe with no writer: opening it would wait for ever.
    let fifo = d.join("pipe.yaml");
    if Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        faulty(&run(&["eval", &fifo.display().to_string()], SECS, 10_000), "zeren::file::not_regular");
    }
    let sc = d.join("scenarios");
    std::fs::create_dir_all(&sc).expect("dir");
    write(&sc, "a.yaml", "name: up\ncase: ../../../../../../../../etc/passwd\nexpect: {}\n");
    write(&sc, "b.yaml", "name: zero\nlayers: [/dev/zero]\ncase: {}\nexpect: {}\n");
    let out = run(&["test", &sc.display().to_string()], SECS, 10_000);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("outside the scenario's folder") && !err.contains("root:"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 passed, 2 failed"));
}

#[test]
fn a_file_that_is_not_utf8_is_a_faulty_input() {
    let d = dir("utf8");
    let case = write(&d, "case.yaml", b"year: \xff\xfe 1\n");
    faulty(&run(&["eval", &case], SECS, 10_000), "zeren::file::encoding");
    let policy = write(&d, "p.policy", b"measures x \xc3 {\n");
    faulty(&run(&["check", &policy], SECS, 10_000), "zeren::file::encoding");
}

#[test]
fn a_byte_order_mark_and_ideographic_spaces_in_a_policy_are_read_as_the_grammar_reads_them() {
    let d = dir("bom");
    let text = std::fs::read_to_string("tests/language/conclusion-if.policy").expect("fixture");
    let bom = write(&d, "bom.policy", format!("\u{feff}{text}"));
    let out = run(&["check", &bom], SECS, 10_000);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // `measures　ID`: the grammar takes U+3000 as whitespace, so the file opens a set of its own.
    let ideo = write(&d, "ideo.policy", text.replacen("measures ", "measures\u{3000}", 1));
    let out = run(&["check", &ideo], SECS, 10_000);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}
