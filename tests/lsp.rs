//! `zeren lsp` driven as an editor drives it: initialize, open a layer, hover, go to definition,
//! references, completion, a typo and its diagnostic, formatting, the outline, shutdown and
//! exit; the answers snapshotted. And how long a re-check takes after a change.

use serde_json::{Value as J, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Client {
    child: Child,
    input: ChildStdin,
    messages: Receiver<J>,
    next: u64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zeren"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary runs");
        let input = child.stdin.take().expect("stdin");
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = n.trim().parse().expect("a length");
                    }
                }
                let mut body = vec![0; length];
                out.read_exact(&mut body).expect("a body");
                if tx.send(serde_json::from_slice(&body).expect("JSON")).is_err() {
                    return;
                }
            }
        });
        Client { child, input, messages, next: 1 }
    }

    fn send(&mut self, message: J) {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.input.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: J) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// A request, and its answer's result.
    fn request(&mut self, method: &str, params: J) -> J {
        let id = self.next;
        self.next += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.messages.recv_timeout(Duration::from_secs(20)).expect("an answer");
            if m["id"] == id {
                assert!(m.get("error").is_none(), "{m}");
                return m["result"].clone();
            }
        }
    }

    /// The next diagnostics published.
    fn diagnostics(&mut self) -> J {
        loop {
            let m = self.messages.recv_timeout(Duration::from_secs(20)).expect("diagnostics");
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"].clone();
            }
        }
    }
}

fn root() -> String {
    std::env::current_dir().expect("cwd").display().to_string()
}

fn uri(path: &str) -> String {
    format!("file://{}/{path}", root())
}

/// The position of the `nth` occurrence of `needle` in `text` (plus `into` characters).
fn pos(text: &str, needle: &str, nth: usize, into: usize) -> J {
    let at = text.match_indices(needle).nth(nth).expect("the needle").0 + into;
    let line = text[..at].matches('\n').count();
    let col = text[..at].rsplit('\n').next().expect("a line").encode_utf16().count();
    json!({"line": line, "character": col})
}

/// Locations with the workspace's path taken out, for snapshots.
fn local(v: J) -> J {
    serde_json::from_str(&v.to_string().replace(&format!("file://{}/", root()), "file:///")).expect("JSON")
}

fn initialize(c: &mut Client, debounce: u64) {
    let r = c.request("initialize", json!({"processId": null, "rootUri": format!("file://{}", root()), "capabilities": {}, "initializationOptions": {"debounce_ms": debounce}}));
    let caps = &r["capabilities"];
    for k in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "completionProvider",
        "documentFormattingProvider",
        "documentSymbolProvider",
    ] {
        assert!(!caps[k].is_null(), "{k}");
    }
    c.notify("initialized", json!({}));
}

#[test]
fn an_editor_session() {
    let mut c = Client::start();
    initialize(&mut c, 50);
    let path = "policies/regions/sample-province.policy";
    let text = std::fs::read_to_string(path).expect("layer");
    let doc = json!({"uri": uri(path)});
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(path), "languageId": "zeren-policy", "version": 1, "text": text}}),
    );
    let d = c.diagnostics();
    assert_eq!(d["diagnostics"], json!([]), "the sample layer checks");

    // Hover: a fact of the layer, a fact of the national measures, an enum value, an article.
    let at = |needle: &str, nth: usize, into: usize| json!({"textDocument": doc, "position": pos(&text, needle, nth, into)});
    let hovers: Vec<(&str, J)> = vec![
        ("layer_fact", c.request("textDocument/hover", at("reception_days <", 0, 2))),
        ("national_fact", c.request("textDocument/hover", at("harm >= serious", 0, 1))),
        ("enum_value", c.request("textDocument/hover", at("unit_level == city", 0, 15))),
        ("field", c.request("textDocument/hover", at("person.force_majeure", 0, 9))),
    ];
    for (name, h) in hovers {
        insta::assert_snapshot!(format!("lsp_hover_{name}"), serde_json::to_string_pretty(&h).expect("JSON"));
    }

    // Definition: a layer's fact in the layer; a national fact in the national vocabulary.
    let def = c.request("textDocument/definition", at("reception_days <", 0, 2));
    assert_eq!(def[0]["uri"], uri(path));
    assert_eq!(def[0]["range"]["start"]["line"], pos(&text, "fact reception_days", 0, 0)["line"]);
    let def = c.request("textDocument/definition", at("harm >= serious", 0, 1));
    insta::assert_snapshot!(
        "lsp_definition_national_fact",
        serde_json::to_string_pretty(&local(def)).expect("JSON")
    );

    // Definition of a field through a name a quantifier binds: `p.date` in `count p in
    // prior_accountability` is the layer's record's `date`, not the earlier measure's.
    let def = c.request("textDocument/definition", at("p.date >=", 0, 2));
    assert_eq!(def[0]["uri"], uri(path), "{def}");
    assert_eq!(
        def[0]["range"]["start"]["line"],
        pos(&text, "  date: date \"追责日期\"", 0, 0)["line"],
        "{def}"
    );

    // References: every use of a layer's fact.
    let refs = c.request("textDocument/references", json!({"textDocument": doc, "position": pos(&text, "reception_days <", 0, 2), "context": {"includeDeclaration": true}}));
    let lines: Vec<u64> = refs
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| l["range"]["start"]["line"].as_u64().expect("a line"))
        .collect();
    insta::assert_snapshot!("lsp_references", format!("{lines:?}"));

    // Completion: the fields after `person.`, the values after `unit_level == `, names elsewhere.
    let edited =
        text.replace("when person.force_majeure", "when person.force_majeure and person. and unit_level == ");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(path), "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    let _ = c.diagnostics();
    let labels = |r: J| -> Vec<String> {
        let mut v: Vec<String> = r
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().expect("a label").to_string())
            .collect();
        v.sort();
        v
    };
    let fields = labels(c.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": pos(&edited, "person. and", 0, 7)}),
    ));
    assert!(
        fields.contains(&"force_majeure".to_string()) && fields.contains(&"role".to_string()),
        "{fields:?}"
    );
    assert!(!fields.contains(&"harm".to_string()));
    let values = labels(c.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": pos(&edited, "unit_level == \n", 0, 14)}),
    ));
    insta::assert_snapshot!("lsp_completion_values", format!("{values:?}"));
    let names = labels(c.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": pos(&text, "when accountable and harm", 0, 5)}),
    ));
    assert!(
        names.contains(&"harm".to_string())
            && names.contains(&"reception_days".to_string())
            && names.contains(&"rule".to_string())
    );

    // A typo: its diagnostic, with the code and help of `zeren check`.
    let typo = text.replace("harm >= serious", "hram >= serious");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(path), "version": 3}, "contentChanges": [{"text": typo}]}),
    );
    let d = c.diagnostics();
    insta::assert_snapshot!("lsp_typo_diagnostics", serde_json::to_string_pretty(&local(d)).expect("JSON"));

    // Formatting: a line out of layout comes back in layout.
    let messy = text.replace(
        "\n    each person in people {\n      rule lighter",
        "\n each person in people {\n      rule lighter",
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(path), "version": 4}, "contentChanges": [{"text": messy}]}),
    );
    let _ = c.diagnostics();
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits[0]["newText"].as_str(), Some(text.as_str()));

    // The outline: articles, their paragraphs and rules; the vocabulary the layer adds.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(path), "version": 5}, "contentChanges": [{"text": text}]}),
    );
    let _ = c.diagnostics();
    let outline = c.request("textDocument/documentSymbol", json!({"textDocument": doc}));
    fn outline_names(v: &J, depth: usize, out: &mut String) {
        for s in v.as_array().into_iter().flatten() {
            out.push_str(&format!(
                "{}{} (line {})\n",
                "  ".repeat(depth),
                s["name"].as_str().unwrap_or(""),
                s["range"]["start"]["line"]
            ));
            outline_names(&s["children"], depth + 1, out);
        }
    }
    let mut tree = String::new();
    outline_names(&outline, 0, &mut tree);
    insta::assert_snapshot!("lsp_outline", tree);

    assert_eq!(c.request("shutdown", J::Null), J::Null);
    c.notify("exit", J::Null);
    let status = c.child.wait().expect("it exits");
    assert!(status.success());
}

/// How long a change takes to be re-checked (no debounce): printed, not asserted (timings are
/// for `cargo test --release --test lsp -- --nocapture`, which the README quotes).
#[test]
fn recheck_time_after_a_change() {
    let mut c = Client::start();
    initialize(&mut c, 0);
    for path in ["policies/regions/sample-province.policy", "policies/regions/sample-cmc.policy"] {
        let text = std::fs::read_to_string(path).expect("layer");
        c.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri(path), "languageId": "zeren-policy", "version": 1, "text": text}}));
        let _ = c.diagnostics();
        let mut took = vec![];
        for i in 0..20 {
            let changed = format!("{text}\n// edit {i}\n");
            let start = Instant::now();
            c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri(path), "version": i + 2}, "contentChanges": [{"text": changed}]}));
            let d = c.diagnostics();
            took.push(start.elapsed());
            assert_eq!(d["diagnostics"], json!([]));
        }
        took.sort();
        println!(
            "re-check of {path} ({} lines) after a change: median {:.1} ms, max {:.1} ms (20 changes)",
            text.lines().count(),
            took[10].as_secs_f64() * 1e3,
            took[19].as_secs_f64() * 1e3
        );
    }
    let _ = c.request("shutdown", J::Null);
    c.notify("exit", J::Null);
    let _ = c.child.wait();
}
