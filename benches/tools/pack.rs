//! What packing a batch's checked cases costs (`src/program/packed.rs`): reads a YAML stream of
//! national cases, then packs every frame and unpacks it again, and checks that it is the same.
//! Run under callgrind with `read` and with `pack`: the difference is packing and unpacking.
//! `check` also checks that every frame unpacks to itself.
//!
//! `cargo run --release --example pack -- read|pack|check CASES.yaml`

use zeren::{Engine, Options};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(what), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: pack read|pack|check CASES.yaml");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).expect("the cases");
    let engine = Engine::national().expect("the national measures load");
    let frames = engine.cases(&text, &Options::default()).expect("valid cases");
    if what == "read" {
        println!("{} frames read", frames.len());
        return;
    }
    let mut bytes = 0;
    for f in &frames {
        let p = f.pack();
        bytes += p.as_bytes().len();
        let back = p.unpack().expect("a frame unpacks");
        if what == "check" {
            assert_eq!(&back, f, "a frame unpacks to itself");
        }
    }
    println!("{} frames, {} bytes packed a frame", frames.len(), bytes / frames.len().max(1));
}
