//! The national measures as embedded when zeren is compiled: their checked `Program` and
//! `Plan` (read at start instead of parsing and checking their text), and their syntax trees
//! (read when layers are loaded beside them, instead of parsing their text again). Both are
//! postcard bytes written by `tests/compiled.rs`, which fails when they are not what the text
//! gives now; both are used only when the texts they were made from are those embedded.

use super::{Engine, LoadErrors, NATIONAL, all_known_facts};
use crate::compile::{Parsed, Plan};
use crate::program::Program;
use crate::source::Source;
use crate::syntax::ast::File;

/// The national measures compiled (their `Program` and `Plan`, in postcard), so that deciding a
/// case under them does not parse and check their text at every start. `tests/compiled.rs` fails
/// when it is not what compiling [`NATIONAL`] gives now (`ZEREN_UPDATE_COMPILED=1 cargo test
/// --test compiled` writes it again); and it is used only when the texts it was compiled from are
/// those embedded, so a stale file is never decided with.
pub const NATIONAL_COMPILED: &[u8] = include_bytes!("../../policies/compiled/national.postcard");

/// What the compiled form's bytes begin with, and the layout it has: a file of another layout is
/// not read.
const COMPILED_FORMAT: &str = concat!("zeren-compiled-4 ", env!("CARGO_PKG_VERSION"));

/// The digest of the national texts embedded now, computed when zeren is compiled.
const NATIONAL_DIGEST: u64 = crate::source::digest(NATIONAL);

/// The national measures' syntax trees (postcard), made by [`national_syntax_from_text`]: with a
/// layer loaded, the set is checked again as a whole, which needs the trees, not the compiled
/// form. `tests/compiled.rs` fails when they are not what parsing [`NATIONAL`] gives now.
pub const NATIONAL_SYNTAX: &[u8] = include_bytes!("../../policies/compiled/national-syntax.postcard");

/// The embedded syntax trees of the national measures and the base set's digest, if they are
/// current; nothing otherwise (their text is then parsed, as any layer's is).
pub fn national_syntax() -> Parsed {
    let read: Option<(&str, u64, Vec<File>, String)> = postcard::from_bytes(NATIONAL_SYNTAX).ok();
    match read {
        Some((format, digest, files, base))
            if format == COMPILED_FORMAT && digest == NATIONAL_DIGEST && files.len() == NATIONAL.len() =>
        {
            Parsed { files, base_digest: Some(base) }
        }
        _ => Parsed::default(),
    }
}

/// The national measures' texts parsed now, as [`NATIONAL_SYNTAX`] holds them; none if one does
/// not parse.
pub fn national_syntax_from_text() -> Option<Vec<u8>> {
    let files = NATIONAL
        .iter()
        .enumerate()
        .map(|(i, (n, t))| crate::syntax::parse_file(&Source::new(*n, *t), i as u16).ok())
        .collect::<Option<Vec<File>>>()?;
    let base = crate::compile::digest(NATIONAL.iter().map(|(_, t)| *t));
    postcard::to_allocvec(&(COMPILED_FORMAT, NATIONAL_DIGEST, files, base)).ok()
}

impl Engine {
    /// The embedded national measures: their compiled form where it is current, else compiled
    /// from their text.
    pub fn national() -> Result<Engine, LoadErrors> {
        if let Some(e) = Engine::compiled(NATIONAL_COMPILED) {
            return Ok(e);
        }
        Engine::national_from_text()
    }

    /// The embedded national measures, compiled from their text.
    pub fn national_from_text() -> Result<Engine, LoadErrors> {
        Engine::from_sources(NATIONAL.iter().map(|(n, t)| Source::embedded(n, t)).collect())
    }

    /// The compiled form of a set that checked with no warning (see [`NATIONAL_COMPILED`]); none
    /// when it has warnings.
    pub fn to_compiled(&self) -> Option<Vec<u8>> {
        if !self.warnings.is_empty() {
            return None;
        }
        let digest = crate::source::digest_of(&self.program.sources);
        postcard::to_allocvec(&(COMPILED_FORMAT, digest, &self.program, &self.plan)).ok()
    }

    /// The engine of a compiled form, if it is of this build's layout and was compiled from the
    /// national texts embedded now.
    pub fn compiled(bytes: &[u8]) -> Option<Engine> {
        let (format, digest, mut program, plan): (&str, u64, Program, Plan) =
            postcard::from_bytes(bytes).ok()?;
        if format != COMPILED_FORMAT || digest != NATIONAL_DIGEST {
            return None;
        }
        program.sources = NATIONAL.iter().map(|(n, t)| Source::embedded(n, t)).collect();
        program.known_facts = crate::program::KnownFacts {
            all: Some(all_known_facts),
            loaded: program.layers.iter().map(|l| l.id.clone()).collect(),
        };
        Some(Engine { program, plan, warnings: vec![] })
    }
}
