//! `zeren serve` over a real loopback socket: every endpoint, each class of bad input (its
//! diagnostic JSON snapshotted), the limits (413, 415, 503 with Retry-After, the deadline), and
//! reloading (a layer that fails its check is refused and the old set keeps serving).

#[path = "serve/client.rs"]
mod client;

use client::Server;
use serde_json::Value as J;
use std::io::Write;

const CASE: &str = include_str!("../examples/cases/minor-minor-notification.yaml");
const YAML: &str = "application/yaml";

fn pretty(a: &client::Answer) -> String {
    format!("{}\n{}", a.status, serde_json::to_string_pretty(&a.json()).expect("JSON"))
}

#[test]
fn decides_one_case_a_stream_json_and_json_lines() {
    let s = Server::start(&[]);
    let health = s.get("/healthz").json();
    assert_eq!(health["status"], "ok");
    let set = health["set"].as_str().expect("a digest").to_string();

    let one = s.post("/v1/decide", YAML, CASE);
    assert_eq!(one.status, 200, "{}", one.body);
    assert_eq!(one.header("zeren-policy-set"), Some(set.as_str()));
    let d = one.json();
    assert_eq!(d["made_under"]["set"], set.as_str());
    assert!(d["made_under"]["layers"][0]["digest"].as_str().is_some_and(|x| x.starts_with("sha256:")));
    assert!(d.get("trace").is_none() && d.get("explanation").is_none());
    // The decision of `zeren eval --format json`, with the set it was made under.
    let eval = std::process::Command::new(env!("CARGO_BIN_EXE_zeren"))
        .args(["eval", "--format", "json", "examples/cases/minor-minor-notification.yaml"])
        .output()
        .expect("eval runs");
    let mut cli: J = serde_json::from_slice(&eval.stdout).expect("JSON");
    let mut served = d.clone();
    served.as_object_mut().expect("an object").remove("made_under");
    cli.as_object_mut().expect("an object").remove("trace");
    served.as_object_mut().expect("an object").remove("trace");
    assert_eq!(served, cli);

    // A stream of two: an array. JSON is a case too.
    let two = s.post("/v1/decide", YAML, &format!("{CASE}\n---\n{CASE}"));
    assert_eq!(two.json().as_array().map(Vec::len), Some(2));
    let json_case = std::fs::read_to_string("examples/cases/individual-failed-to-process-notification.json")
        .expect("case");
    assert_eq!(s.post("/v1/decide", "application/json", &json_case).status, 200);

    // JSON Lines: streamed, a bad line an error record, the others decided.
    let line = serde_json::to_string(&serde_json::from_str::<J>(&json_case).expect("JSON")).expect("a line");
    let lines = s.post("/v1/decide", "application/x-ndjson", &format!("{line}\n{{\"hram\": 1}}\n\n{line}\n"));
    assert_eq!(lines.status, 200);
    assert_eq!(lines.header("content-type"), Some("application/x-ndjson"));
    let out: Vec<J> = lines.body.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(out.len(), 3);
    assert_eq!(out[1]["error"]["line"], 2);
    assert_eq!(out[1]["error"]["problems"][0]["code"], "zeren::case::unknown_key");
    assert_eq!(out[1]["error"]["problems"][0]["path"], "$.hram", "the key the problem is at");
    assert_eq!(out[0]["rung"], out[2]["rung"]);

    // The explanation and the trace, on request; the language of the query.
    let explained = s.post("/v1/decide?explain=en&trace=true", YAML, CASE).json();
    assert!(explained["explanation"].as_str().is_some_and(|t| t.contains("Article")), "{explained}");
    assert!(explained["argument"].is_array() || explained["argument"].is_object());
    assert!(explained["trace"].as_array().is_some_and(|t| !t.is_empty()));

    // What-ifs.
    let w = s.post("/v1/what-if", YAML, CASE).json();
    assert!(w["what_if"].is_array() || w["what_if"].is_object(), "{w}");

    // Decisions are counted by the values of ranked conclusions.
    let metrics = s.get("/metrics");
    assert!(
        metrics.body.contains("zeren_requests_total{route=\"/v1/decide\",status=\"200\"}"),
        "{}",
        metrics.body
    );
    assert!(metrics.body.contains("zeren_decisions_total{"));
    assert!(metrics.body.contains("zeren_request_duration_seconds_bucket{route=\"/v1/decide\",le=\"+Inf\"}"));
}

#[test]
fn bad_input_is_a_4xx_with_the_diagnostics() {
    let s = Server::start(&["--max-body", "4096"]);
    let cases: &[(&str, client::Answer)] = &[
        ("malformed_yaml", s.post("/v1/decide", YAML, "harm: [\n")),
        ("unknown_key", s.post("/v1/decide", YAML, &CASE.replace("harm:", "hram:"))),
        (
            "wrong_type",
            s.post("/v1/decide", YAML, &CASE.replace("conduct_date: 2017", "conduct_date: x2017")),
        ),
        ("oversized", s.post("/v1/decide", YAML, &"# padding\n".repeat(500))),
        ("wrong_content_type", s.post("/v1/decide", "application/x-www-form-urlencoded", CASE)),
        ("no_content_type", s.send("POST", "/v1/decide", &[], CASE.as_bytes())),
        ("not_utf8", s.send("POST", "/v1/decide", &[("content-type", YAML)], b"harm: \xff\n")),
        ("unknown_query_key", s.post("/v1/decide?explian=zh", YAML, CASE)),
        ("bad_query_value", s.post("/v1/decide?explain=fr", YAML, CASE)),
        ("unknown_region", s.post("/v1/decide?region=atlantis", YAML, CASE)),
        ("unknown_article", s.get("/v1/articles/111")),
        ("unknown_path", s.get("/v2/decide")),
        ("wrong_method", s.get("/v1/decide")),
        ("check_not_json", s.post("/v1/check", "application/json", "{")),
    ];
    for (name, a) in cases {
        assert!((400..500).contains(&a.status), "{name}: {}", a.status);
        assert_eq!(a.header("content-type"), Some("application/json"), "{name}");
        insta::assert_snapshot!(format!("serve_{name}"), pretty(a));
    }
}

#[test]
fn check_articles_layers_vocabulary_and_openapi() {
    let s = Server::start(&["--policy", "policies/regions/sample-province.policy"]);
    let layer = std::fs::read_to_string("policies/regions/sample-cmc.policy").expect("layer");
    let ok = s.post("/v1/check", "text/plain", &layer).json();
    assert_eq!(ok["ok"], true, "{ok}");
    let broken = s.post("/v1/check", "text/plain", &layer.replacen("extends", "extnds", 1));
    insta::assert_snapshot!("serve_check_broken_layer", pretty(&broken));
    let files = serde_json::json!({"files": [{"name": "cmc.policy", "text": layer}]}).to_string();
    assert_eq!(s.post("/v1/check", "application/json", &files).json()["ok"], true);

    let all = s.get("/v1/articles").json();
    let ids: Vec<&str> =
        all["provisions"].as_array().expect("provisions").iter().filter_map(|p| p["id"].as_str()).collect();
    assert!(ids.contains(&"11.1.3"));
    assert!(s.get("/v1/articles/13").json()["text"]["zh"].as_str().is_some_and(|t| t.contains("通报")));
    let one = s.get("/v1/articles/11").json();
    assert!(one["parts"].as_array().is_some_and(|p| p.iter().any(|x| x["id"] == "11.1.3")));

    let layers = s.get("/v1/layers").json();
    assert_eq!(layers["layers"].as_array().map(Vec::len), Some(2));
    assert!(layers["layers"][1]["digest"].as_str().is_some_and(|d| d.starts_with("sha256:")));
    assert_eq!(layers["set"], s.get("/healthz").json()["set"]);

    let schema = s.get("/v1/vocabulary");
    assert_eq!(schema.header("content-type"), Some("application/schema+json"));
    let schema = schema.json();
    assert_eq!(schema["additionalProperties"], false);
    // The example case is valid under it, and a case without its required keys is not.
    let v = jsonschema::options().should_validate_formats(true).build(&schema).expect("a JSON Schema");
    let case = zeren::facts::documents(CASE).expect("YAML").remove(0);
    assert!(v.is_valid(&case));
    assert!(!v.is_valid(&serde_json::json!({"harm": "minor"})));
    // Every key the example case gives is a property of the schema.
    for line in CASE.lines().filter(|l| !l.starts_with([' ', '#', '-']) && l.contains(':')) {
        let key = line.split(':').next().expect("a key");
        assert!(schema["properties"].get(key).is_some(), "{key}");
    }

    // The document lists every endpoint, and every endpoint it lists answers.
    let doc = s.get("/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    for p in [
        "/v1/decide",
        "/v1/what-if",
        "/v1/check",
        "/v1/articles",
        "/v1/articles/{id}",
        "/v1/layers",
        "/v1/vocabulary",
        "/v1/reload",
        "/healthz",
        "/metrics",
        "/openapi.json",
        "/",
    ] {
        assert!(paths.contains_key(p), "{p}");
    }
    for (path, ops) in paths {
        for method in ops.as_object().expect("operations").keys() {
            let concrete = path.replace("{id}", "11").replace("{file}", "workbench.js");
            let a =
                if method == "get" { s.get(&concrete) } else { s.post(&concrete, "application/json", "{}") };
            assert!(a.status != 404 && a.status != 405, "{method} {path}: {}", a.status);
        }
    }
}

#[test]
fn busy_and_late_requests_are_answered_503() {
    let s = Server::start(&["--max-in-flight", "1", "--deadline-ms", "400"]);
    // A request whose body never finishes holds the one place.
    let mut slow = std::net::TcpStream::connect(&s.addr).expect("connect");
    write!(
        slow,
        "POST /v1/decide HTTP/1.1\r\nhost: x\r\ncontent-type: {YAML}\r\ncontent-length: 1000\r\n\r\nharm:"
    )
    .expect("write");
    std::thread::sleep(std::time::Duration::from_millis(100));
    let busy = s.post("/v1/decide", YAML, CASE);
    assert_eq!(busy.status, 503);
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert_eq!(busy.json()["error"]["code"], "zeren::serve::busy");
    // The probes are answered all the same.
    assert_eq!(s.get("/healthz").status, 200);
    // The slow one is cut at the deadline, and the place is free again.
    let late = client::read_answer(&mut slow);
    assert_eq!(late.status, 503);
    assert_eq!(late.json()["error"]["code"], "zeren::serve::deadline");
    assert_eq!(s.post("/v1/decide", YAML, CASE).status, 200);
}

#[test]
fn reload_refuses_a_layer_that_fails_and_swaps_one_that_checks() {
    let dir = std::env::temp_dir().join(format!("zeren-serve-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let layer = std::fs::read_to_string("policies/regions/sample-province.policy").expect("layer");
    let file = dir.join("layer.policy");
    std::fs::write(&file, &layer).expect("write");
    let s = Server::start(&["--policy", dir.to_str().expect("a path")]);
    let before = s.get("/healthz").json()["set"].clone();

    // Broken on disk: refused with its diagnostics, and the old set keeps deciding.
    std::fs::write(&file, layer.replacen("extends", "extnds", 1)).expect("write");
    let refused = s.post("/v1/reload", "application/json", "");
    assert_eq!(refused.status, 422);
    let mut snap = refused.json();
    for p in snap["error"]["problems"].as_array_mut().expect("problems") {
        p["file"] = J::String("<layer on disk>".into());
    }
    insta::assert_snapshot!("serve_reload_refused", serde_json::to_string_pretty(&snap).expect("JSON"));
    assert_eq!(s.get("/healthz").json()["set"], before);
    assert_eq!(s.post("/v1/decide", YAML, CASE).status, 200);

    // Changed and sound: swapped, and decisions name the new set.
    std::fs::write(&file, layer.replacen("sample-province-2017", "sample-province-2018", 1)).expect("write");
    let swapped = s.post("/v1/reload", "application/json", "");
    assert_eq!(swapped.status, 200, "{}", swapped.body);
    let after = s.get("/healthz").json()["set"].clone();
    assert_ne!(after, before);
    assert_eq!(s.post("/v1/decide", YAML, CASE).json()["made_under"]["set"], after);

    // SIGHUP reloads too.
    std::fs::write(&file, &layer).expect("write");
    let hup = std::process::Command::new("kill").args(["-HUP", &s.pid().to_string()]).status().expect("kill");
    assert!(hup.success());
    let mut now = J::Null;
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        now = s.get("/healthz").json()["set"].clone();
        if now == before {
            break;
        }
    }
    assert_eq!(now, before);
    let metrics = s.get("/metrics").body;
    assert!(metrics.contains("zeren_reloads_total{outcome=\"refused\"} 1"), "{metrics}");
    assert!(metrics.contains("zeren_reloads_total{outcome=\"ok\"} 2"), "{metrics}");
    let _ = std::fs::remove_dir_all(&dir);
}
