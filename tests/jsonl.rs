//! JSON Lines in and out: every line is an independent case, decided in input order (on every
//! core), a bad line gets an error record and the others are decided, and the decisions are those
//! of the same cases read as YAML.

use serde_json::Value as J;
use std::io::Write;
use std::process::{Command, Stdio};

fn zeren(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let input = stdin.unwrap_or("").to_string();
    let mut pipe = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("it ends");
    let _ = writer.join();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

/// Each line of the output, as JSON.
fn json_lines(out: &str) -> Vec<J> {
    out.lines().map(|l| serde_json::from_str(l).expect("each output line is JSON")).collect()
}

/// The example cases of `examples/cases/*.json`, each as one line.
fn example_lines() -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir("examples/cases")
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
        .iter()
        .map(|p| {
            let v: J = serde_json::from_str(&std::fs::read_to_string(p).expect("readable")).expect("json");
            serde_json::to_string(&v).expect("one line")
        })
        .collect()
}

/// A case of the given id, otherwise as the first JSON example.
fn case_with_id(id: &str) -> String {
    let mut v: J = serde_json::from_str(&example_lines()[0]).expect("json");
    v["case"] = J::from(id);
    serde_json::to_string(&v).expect("one line")
}

#[test]
fn a_bad_line_gets_an_error_record_and_the_others_are_decided() {
    let good = case_with_id("L-1");
    let text = format!("{good}\n{{\"harm\": \"minor\"}}\n\nnot json at all\n{}\n", case_with_id("L-5"));
    let (code, out, _) = zeren(&["eval", "--input", "jsonl", "--format", "jsonl", "-"], Some(&text));
    assert_eq!(code, 1, "a failed line makes the exit status 1");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4, "one record per non-empty input line:\n{out}");
    assert_eq!(lines[0]["case"], "L-1");
    assert_eq!(lines[1]["error"]["line"], 2);
    let codes: Vec<&str> = lines[1]["error"]["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert!(codes.contains(&"zeren::case::missing"), "{codes:?}");
    // A missing fact is at the case itself, and so is a line that is not a mapping.
    assert!(lines[1]["error"]["problems"].as_array().expect("problems").iter().all(|p| p["path"] == "$"));
    assert_eq!(lines[2]["error"]["line"], 4, "blank lines are skipped but counted");
    assert_eq!(lines[2]["error"]["problems"][0]["path"], "$");
    assert_eq!(lines[3]["case"], "L-5");
}

#[test]
fn an_error_record_says_at_which_key_each_problem_is() {
    let good = case_with_id("P-1");
    let bad = good.replacen("\"harm\"", "\"harn\"", 1);
    let person = good.replacen("\"people\":[{", "\"people\":[{\"age\":3,", 1);
    assert_ne!(person, good, "the case has people");
    let (_, out, _) =
        zeren(&["eval", "--input", "jsonl", "--format", "jsonl", "-"], Some(&format!("{bad}\n{person}\n")));
    let lines = json_lines(&out);
    let paths = |l: &serde_json::Value| -> Vec<String> {
        l["error"]["problems"].as_array().expect("problems").iter().map(|p| p["path"].to_string()).collect()
    };
    assert!(paths(&lines[0]).contains(&"\"$.harn\"".to_string()), "{:?}", paths(&lines[0]));
    assert!(paths(&lines[1]).contains(&"\"$.people[0].age\"".to_string()), "{:?}", paths(&lines[1]));
}

#[test]
fn thousands_of_lines_come_out_in_input_order() {
    let text: String = (0..10_000).map(|i| case_with_id(&format!("N-{i}")) + "\n").collect();
    let dir = std::env::temp_dir().join(format!("zeren-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("many.jsonl");
    std::fs::write(&path, &text).expect("written");
    let (code, out, err) = zeren(&["eval", path.to_str().expect("utf-8"), "--format", "jsonl"], None);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<J>(l).expect("json")["case"].as_str().unwrap_or_default().to_string())
        .collect();
    let expected: Vec<String> = (0..10_000).map(|i| format!("N-{i}")).collect();
    assert_eq!(ids, expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_lines_decide_as_the_same_cases_in_yaml() {
    let lines = example_lines();
    let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let stream: String = lines.iter().map(|l| format!("---\n{l}\n")).collect();
    let (c1, a, _) = zeren(&["eval", "--input", "jsonl", "--format", "jsonl", "-"], Some(&jsonl));
    let (c2, b, _) = zeren(&["eval", "--format", "jsonl", "-"], Some(&stream));
    let (c3, c, _) = zeren(&["eval", "--format", "json", "-"], Some(&stream));
    assert_eq!((c1, c2, c3), (0, 0, 0));
    assert_eq!(a, b, "JSON Lines in, and a YAML stream in, give the same lines");
    let array: J = serde_json::from_str(&c).expect("json");
    let from_lines = json_lines(&b);
    let array = match array {
        J::Array(v) => v,
        one => vec![one],
    };
    assert_eq!(from_lines, array, "--format jsonl carries what --format json does");
}

#[test]
fn json_lines_and_yaml_files_are_not_mixed() {
    let (code, out, err) = zeren(&["eval", "examples/cases/minor-minor-notification.yaml", "x.jsonl"], None);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("JSON Lines files alone"), "{err}");
}

#[test]
fn a_line_too_long_or_not_utf8_gets_an_error_record_and_the_next_line_is_decided() {
    let mut bytes = format!("{}\n", case_with_id("L-1")).into_bytes();
    bytes.extend_from_slice(b"{\"case\": \"");
    bytes.resize(bytes.len() + 17 * 1024 * 1024, b'a');
    bytes.extend_from_slice(b"\"}\n{\"case\": \"\xff\"}\n");
    bytes.extend_from_slice(format!("{}\n", case_with_id("L-4")).as_bytes());
    let path = std::env::temp_dir().join(format!("zeren-long-{}.jsonl", std::process::id()));
    std::fs::write(&path, &bytes).expect("written");
    let (code, out, _) = zeren(&["eval", "--format", "jsonl", path.to_str().expect("utf-8 path")], None);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 1, "a bad line fails the batch");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4, "{out:.400}");
    assert_eq!(lines[0]["case"], "L-1");
    assert_eq!(lines[1]["error"]["line"], 2);
    assert_eq!(lines[1]["error"]["problems"][0]["code"], "zeren::file::too_large");
    assert_eq!(lines[2]["error"]["line"], 3);
    assert_eq!(lines[2]["error"]["problems"][0]["code"], "zeren::file::encoding");
    assert_eq!(lines[3]["case"], "L-4");
}

/// Cases written to a pipe one at a time are decided one at a time: each decision comes out while
/// the input is still open, before the next case is written.
#[test]
fn cases_written_one_at_a_time_are_decided_one_at_a_time() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(["eval", "-", "--input", "jsonl", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    let mut output = BufReader::new(child.stdout.take().expect("stdout"));
    // The answer is read on another thread, so that a decision held back fails the test instead
    // of hanging it.
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut line = String::new();
        while output.read_line(&mut line).is_ok_and(|n| n > 0) {
            if tx.send(std::mem::take(&mut line)).is_err() {
                break;
            }
        }
    });
    for id in ["one-at-a-time-1", "one-at-a-time-2"] {
        writeln!(input, "{}", case_with_id(id)).expect("written");
        input.flush().expect("flushed");
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no decision for {id} while the input stays open"));
        let decision: J = serde_json::from_str(&line).expect("JSON");
        assert_eq!(decision["case"], id, "{line}");
    }
    drop(input);
    assert!(child.wait().expect("it ends").success());
    let _ = reader.join();
}
