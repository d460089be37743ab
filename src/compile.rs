//! Stage 3: policy sources → a [`Program`] ready to decide cases. Parsing and checking happen
//! here once; the program holds only resolved names (slots, symbols), never strings to look up.

pub mod fast;

use crate::check;
pub use crate::program::Program;
use crate::program::{self, ir};
use crate::source::Source;
use crate::syntax;

/// Everything the loader found wrong (and the warnings), as miette reports.
pub type Problems = Vec<miette::Report>;

/// Parses, checks and compiles a policy set. Warnings come back with the program; any error
/// means no program.
pub fn compile(sources: Vec<Source>) -> Result<(Program, Problems), Problems> {
    let mut files = vec![];
    let mut problems: Problems = vec![];
    for (i, s) in sources.iter().enumerate() {
        match syntax::parse_file(s, i as u16) {
            Ok(f) => files.push(f),
            Err(e) => problems.push(e.into()),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (mut prog, found) = check::check(sources, &files);
    let fatal = found.iter().any(check::is_error);
    problems.extend(found.into_iter().map(miette::Report::new));
    if fatal {
        return Err(problems);
    }
    for r in &mut prog.rules {
        (r.pre, r.run) = match r.scope {
            program::Scope::Member(_) => fast::split(fast::fast(&r.cond)),
            program::Scope::Global => (ir::Expr::Const(ir::Value::Bool(true)), fast::fast(&r.cond)),
        };
    }
    for i in 0..prog.conclusions.len() {
        prog.conclusions[i].one_pass = one_pass(&prog, &prog.conclusions[i]);
    }
    for l in &mut prog.lets {
        l.run = fast::fast(&l.expr);
    }
    for layer in &mut prog.layers {
        layer.digest = digest(layer.sources.iter().map(|s| prog.sources[*s as usize].text.as_ref()));
    }
    Ok((prog, problems))
}

/// A conclusion's rules laid out for the one pass, when it can decide them: no steps, at most
/// 64 rules, exceptions only to plain rules of the same conclusion.
fn one_pass(prog: &Program, c: &program::Conclusion) -> Option<program::OnePass> {
    if c.rules.len() > 64 {
        return None;
    }
    let bit = |r: &u32| c.rules.iter().position(|x| x == r).map(|p| 1u64 << p);
    let mut exception_bits = 0;
    let mut places = vec![];
    for (i, r) in c.rules.iter().enumerate() {
        let rule = &prog.rules[*r as usize];
        if rule.step != 0 || !(rule.exception_to.is_empty() || rule.overridden_by.is_empty()) {
            return None;
        }
        if !rule.exception_to.is_empty() {
            exception_bits |= 1 << i;
        }
        let (mut targets, mut overriders) = (0, 0);
        for t in &rule.exception_to {
            targets |= bit(t)?;
        }
        for e in &rule.overridden_by {
            overriders |= bit(e)?;
        }
        let (run, value, status) = (rule.run.clone(), rule.value.clone(), rule.status);
        places.push(program::Place { run, value, status, targets, overriders });
    }
    Some(program::OnePass { exception_bits, places })
}

/// `sha256:` and the hex digest of the texts, one after another: for a layer in one file, what
/// `sha256sum FILE` prints.
fn digest<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for t in texts {
        h.update(t.as_bytes());
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
