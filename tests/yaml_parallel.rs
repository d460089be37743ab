//! A long YAML stream is read on every core (`src/facts/split.rs`): its cases, and its problems
//! with their places in the file, are exactly those of reading it in one piece; and read packed
//! (`src/program/packed.rs`, as `zeren eval` holds a checked stream), they unpack to those cases.

use zeren::facts::{load_parallel, load_parallel_kept, load_with};
use zeren::{Engine, Source};

/// Every example case (YAML, one document each), repeated until the stream passes 1 MiB.
fn stream(with: &[(usize, &str)]) -> String {
    let mut docs: Vec<String> = std::fs::read_dir("examples/cases")
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .filter(|t| !t.contains("\n---") && !t.contains("region"))
        .collect();
    docs.sort();
    let mut out = String::new();
    let mut i = 0;
    while out.len() < 3 << 20 || i < 1300 {
        let doc = &docs[i % docs.len()];
        out.push_str("---\n");
        match with.iter().find(|(at, _)| *at == i) {
            Some((_, fault)) => out.push_str(&format!("{fault}\n{doc}")),
            None => out.push_str(doc),
        }
        i += 1;
    }
    out
}

/// A problem's message and where its labels point.
fn placed(e: &zeren::CaseError) -> String {
    use miette::Diagnostic;
    let labels: Vec<(usize, usize)> =
        e.labels().map(|l| l.map(|x| (x.offset(), x.len())).collect()).unwrap_or_default();
    format!("{e} {labels:?}")
}

fn both(text: &str) -> (String, String) {
    let engine = Engine::national().expect("the national measures load");
    let src = Source::new("stream.yaml", text);
    let show = |r: Result<Vec<zeren::program::frame::Frame>, Vec<zeren::CaseError>>| match r {
        Ok(frames) => format!("{} frames: {frames:?}", frames.len()),
        Err(es) => es.into_iter().map(|e| format!("{:?}\n", miette::Report::new(e))).collect(),
    };
    let one = load_with(&engine.program, &src, None);
    // Read packed, the same problems, or frames that unpack to the same cases in the same order.
    let file = zeren::facts::File::new("stream.yaml", text);
    let packed = load_parallel_kept(&engine.program, &file, None, || 3, |f| f.pack());
    match (&packed, &one) {
        (Ok(p), Ok(frames)) => {
            assert_eq!(p.len(), frames.len());
            for (p, f) in p.iter().zip(frames) {
                assert_eq!(p.unpack().as_ref(), Some(f));
            }
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.iter().map(placed).collect::<Vec<_>>(), b.iter().map(placed).collect::<Vec<_>>())
        }
        _ => panic!("reading packed and reading in one piece disagree"),
    }
    (show(load_parallel(&engine.program, &src, None, 4)), show(one))
}

#[test]
fn a_clean_stream_reads_the_same_cases() {
    let (parallel, one) = both(&stream(&[]));
    assert!(parallel.starts_with(|c: char| c.is_ascii_digit()), "{:.300}", parallel);
    assert_eq!(parallel, one);
}

#[test]
fn problems_in_several_parts_are_the_same_and_placed_in_the_whole_file() {
    let text = stream(&[(3, "unknown_key_here: 1"), (600, "another_unknown: 2"), (1200, "third_unknown: 3")]);
    let (parallel, one) = both(&text);
    assert!(parallel.contains("unknown_key_here") && parallel.contains("third_unknown"), "{:.300}", parallel);
    assert_eq!(parallel, one);
}

#[test]
fn a_syntax_error_is_reported_alone_as_in_one_piece() {
    let text = stream(&[(10, "unknown_key_here: 1"), (900, "bad: [unclosed")]);
    let (parallel, one) = both(&text);
    assert_eq!(parallel, one);
}
