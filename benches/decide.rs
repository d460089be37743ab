//! `cargo bench`: (a) loading the national measures (their embedded compiled form, and their
//! text parsed and checked), (b) deciding one case on the compiled program, then the same and
//! building its typed decision with the trace, then every example case in turn, and the batch
//! benchmark's 1,000 generated cases (varied cases, the figure of record: one hot case flatters):
//! decided, decided by the batch benchmark's hand-written code, and decided and built into a
//! decision; (c) a stream of 10,000 cases from YAML text to JSON text, beside the time the YAML
//! parser alone takes on that text.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

// The batch benchmark's corpus generator, for its cases (its `main` is the example's).
#[allow(dead_code)]
#[path = "corpus.rs"]
mod corpus;
// The hand-written decision of the national measures (the batch benchmark's limit), to decide
// the same generated cases beside zeren.
#[allow(dead_code)]
#[path = "handwritten/case.rs"]
mod case;
#[allow(dead_code)]
#[path = "handwritten/decide.rs"]
mod decide;
#[allow(dead_code)]
#[path = "handwritten/decision.rs"]
mod decision;

use std::hint::black_box;
use zeren::{Engine, Lang};

const CASE: &str = include_str!("../examples/cases/mixed-roles-multi-person.yaml");

/// 10,000 cases: the YAML examples, one after another, as one stream.
fn stream() -> String {
    let mut docs = vec![];
    for entry in std::fs::read_dir("examples/cases").expect("examples folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "yaml") {
            let text = std::fs::read_to_string(&path).expect("readable");
            docs.extend(text.split("\n---").map(|d| d.trim().to_string()).filter(|d| !d.is_empty()));
        }
    }
    docs.sort();
    (0..10_000).map(|i| docs[i % docs.len()].as_str()).collect::<Vec<_>>().join("\n---\n")
}

fn bench(c: &mut Criterion) {
    // What a start pays: the embedded compiled form read back; and what it saves, parsing and
    // checking the measures' text.
    c.bench_function("a_load_national_compiled", |b| {
        b.iter(|| black_box(Engine::national().expect("loads")))
    });
    c.bench_function("a_parse_and_check_national_text", |b| {
        b.iter(|| black_box(Engine::national_from_text().expect("checks")))
    });

    let engine = Engine::national().expect("checks");
    let prog = &engine.program;
    let mut frame = engine.cases(CASE, &zeren::Options::default()).expect("valid").remove(0);
    c.bench_function("b_decide_one_case", |b| {
        b.iter(|| {
            zeren::eval::run(prog, &engine.plan, black_box(&mut frame));
            black_box(&frame.globals);
        })
    });
    // What every output is written from: the typed decision, here with its trace.
    c.bench_function("b_decide_one_case_into_a_decision_with_trace", |b| {
        b.iter(|| {
            zeren::eval::run(prog, &engine.plan, black_box(&mut frame));
            black_box(zeren::eval::build(prog, &frame, Lang::Zh, zeren::eval::Detail::Traced))
        })
    });

    // Varied cases: every example the national measures decide, each frame decided in turn.
    let text = stream();
    let mut frames = engine.cases(&text, &zeren::Options::default()).expect("valid");
    frames.truncate(frames.len().min(1000));
    let mut g = c.benchmark_group("b_varied");
    g.throughput(Throughput::Elements(frames.len() as u64));
    g.bench_function("decide_1000_example_cases", |b| {
        b.iter(|| {
            for f in frames.iter_mut() {
                zeren::eval::run(prog, &engine.plan, black_box(f));
            }
        })
    });
    // The figure of record: the benchmark's generated corpus (`benches/corpus.rs`, seed 1), the
    // cases `benches/compare.sh` and its instruction counts decide, each decided, then decided
    // and built into the decision a JSON batch writes (without the provisions of each key).
    let generated: Vec<String> = corpus::cases(1000, 1).map(|c| c.to_string()).collect();
    let mut frames = engine.cases(&generated.join("\n---\n"), &zeren::Options::default()).expect("valid");
    g.throughput(Throughput::Elements(frames.len() as u64));
    g.bench_function("decide_1000_generated_cases", |b| {
        b.iter(|| {
            for f in frames.iter_mut() {
                zeren::eval::run(prog, &engine.plan, black_box(f));
            }
        })
    });
    // The limit: the hand-written code deciding the same cases into its own decision.
    let parsed: Vec<case::Case> =
        generated.iter().map(|t| serde_json::from_str(t).expect("a case")).collect();
    g.bench_function("handwritten_decide_1000_generated_cases", |b| {
        b.iter(|| {
            for c in &parsed {
                black_box(decide::decide(black_box(c)));
            }
        })
    });
    g.bench_function("decide_and_build_1000_generated_cases", |b| {
        b.iter(|| {
            for f in frames.iter_mut() {
                zeren::eval::run(prog, &engine.plan, black_box(f));
                let d = zeren::eval::build(prog, f, Lang::Zh, zeren::eval::Detail::Values);
                zeren::eval::recycle(black_box(d));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("c_stream");
    g.throughput(Throughput::Elements(10_000));
    g.sample_size(10);
    g.bench_function("yaml_to_json_10000_cases", |b| {
        b.iter(|| {
            let out = engine.decide_text("stream.yaml", black_box(&text), Lang::Zh).expect("valid");
            assert_eq!(out.len(), 10_000);
            black_box(out)
        })
    });
    // The floor under (c): the YAML parser alone, producing events and nothing else, on the
    // same text. No stream of these cases can be decided faster than this.
    g.bench_function("yaml_parser_alone_10000_cases", |b| {
        b.iter(|| {
            let mut events = 0usize;
            for ev in saphyr_parser::Parser::new_from_str(black_box(&text)) {
                ev.expect("valid YAML");
                events += 1;
            }
            black_box(events)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
