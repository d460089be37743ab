//! `cargo bench`: (a) loading and checking the national measures, (b) deciding one case on the
//! compiled program, then the same and building its typed decision with the trace, then every
//! example case in turn (varied cases, the figure of record: one hot case flatters), (c) a stream
//! of 10,000 cases from YAML text to JSON text, beside the time the YAML parser alone takes on
//! that text.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
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
    c.bench_function("a_load_and_check_national", |b| {
        b.iter(|| black_box(Engine::national().expect("checks")))
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
