//! A batch holds its checked cases packed (`src/program/packed.rs`): every example case, as read
//! and once decided (statuses filled in), unpacks to the very frame it was packed from, in a
//! small part of the frame's size.

use zeren::program::frame::Frame;
use zeren::{Engine, Options, Source};

/// The bytes a frame holds in its slots, statuses and texts (not counting the lists' own headers).
fn held(f: &Frame) -> usize {
    let value = std::mem::size_of::<zeren::program::ir::Value>();
    let members: usize = f.lists.iter().flatten().map(|m| m.vals.len() * value + m.status.len()).sum();
    f.globals.len() * value + f.given.len() + f.status.len() + members
}

#[test]
fn every_example_unpacks_to_its_frame_as_read_and_as_decided() {
    let (mut frames, mut packed, mut whole) = (0, 0, 0);
    for layer in [None, Some("policies/regions/sample-province.policy")] {
        let engine = match layer {
            None => Engine::national().expect("the national measures load"),
            Some(path) => {
                let text = std::fs::read_to_string(path).expect("the layer");
                Engine::load(vec![Source::new(path, text)]).expect("the layer loads")
            }
        };
        for entry in std::fs::read_dir("examples/cases").expect("examples").flatten() {
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let Ok(cases) = engine.cases(&text, &Options::default()) else { continue };
            for mut f in cases {
                let p = f.pack();
                assert_eq!(p.unpack().as_ref(), Some(&f), "{} as read", path.display());
                (frames, packed, whole) = (frames + 1, packed + p.as_bytes().len(), whole + held(&f));
                engine.decide_case(&mut f, &Options::default());
                assert_eq!(f.pack().unpack().as_ref(), Some(&f), "{} decided", path.display());
            }
        }
    }
    assert!(frames > 40, "{frames} frames");
    // Packed, a frame is a small part of what it holds as read.
    assert!(packed * 5 < whole, "{packed} bytes packed against {whole} held");
    println!("{frames} frames: {} bytes packed a frame, {} held", packed / frames, whole / frames);
}

#[test]
fn bytes_not_made_by_pack_unpack_to_nothing() {
    let engine = Engine::national().expect("the national measures load");
    let text = std::fs::read_to_string("examples/cases/mixed-roles-multi-person.yaml").expect("example");
    let f = engine.cases(&text, &Options::default()).expect("valid").remove(0);
    let p = f.pack();
    assert!(p.unpack().is_some());
    use zeren::program::packed::Packed;
    assert!(Packed::from_bytes(&[0xff; 3]).unpack().is_none());
    // Cut short anywhere, or with a byte more: nothing (and no panic, nor a huge allocation).
    let bytes = p.as_bytes();
    for n in 0..bytes.len() {
        assert!(Packed::from_bytes(&bytes[..n]).unpack().is_none(), "cut at {n} of {}", bytes.len());
    }
    assert!(Packed::from_bytes(&[bytes, &[0]].concat()).unpack().is_none());
    // A count of slots far beyond any policy's is refused before anything is allocated for it.
    assert!(Packed::from_bytes(&[0xff, 0xff, 0xff, 0xff, 0x7f]).unpack().is_none());
}
