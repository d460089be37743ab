//! Stage 3: policy sources → a checked [`Program`] and its evaluation [`Plan`]. Parsing and
//! checking happen here once; both hold only resolved names (slots, symbols), never strings to
//! look up.

pub(crate) mod cond;
pub mod plan;
mod problem;
pub(crate) mod table;

use crate::check::{self, CheckError};
pub use crate::program::Program;
use crate::program::Scope;
use crate::program::combine::RuleSet;
use crate::source::Source;
use crate::syntax;
use plan::{ConclusionPlan, LetRun, Place, RuleCond, Rules};
pub use plan::{Cond, Plan};
pub use problem::Problem;

/// Parses, checks and compiles a policy set. Warnings come back with the program; any error
/// means no program, and every problem found (warnings included) comes back instead.
pub fn compile(sources: Vec<Source>) -> Result<(Program, Plan, Vec<CheckError>), Vec<Problem>> {
    compile_parsed(sources, Parsed::default())
}

/// What is already known of the first sources (the national measures', embedded): their syntax
/// trees, and the digest of the base set they make.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The syntax trees of the first sources: only the sources after them are parsed.
    pub files: Vec<syntax::ast::File>,
    /// The base set's digest (as [`digest`]), when the first sources are the whole base set.
    pub base_digest: Option<String>,
}

/// The same as [`compile`], given what is known of the first sources.
pub fn compile_parsed(
    sources: Vec<Source>,
    parsed: Parsed,
) -> Result<(Program, Plan, Vec<CheckError>), Vec<Problem>> {
    let mut files = parsed.files;
    let mut problems: Vec<Problem> = vec![];
    for (i, s) in sources.iter().enumerate().skip(files.len()) {
        match syntax::parse_file(s, i as u16) {
            Ok(f) => files.push(f),
            Err(e) => problems.push(e.into()),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (mut prog, found) = check::check(sources, &files);
    if found.iter().any(check::is_error) {
        return Err(found.into_iter().map(Problem::from).collect());
    }
    for (i, layer) in prog.layers.iter_mut().enumerate() {
        layer.digest = match (i, &parsed.base_digest) {
            (0, Some(d)) => d.clone(),
            _ => digest(layer.sources.iter().map(|s| prog.sources[*s as usize].text.as_ref())),
        };
    }
    let plan = plan(&prog, true);
    Ok((prog, plan, found))
}

/// The evaluation plan of a checked program. With `narrow`, a conclusion of at most 64 rules
/// keeps its sets of rules in a register; without, every conclusion takes the general path (the
/// same combining, its sets in memory), which tests compare with the first.
pub fn plan(prog: &Program, narrow: bool) -> Plan {
    let rules: Vec<RuleCond> =
        prog.rules.iter().map(|r| cond::rule(&r.cond, matches!(r.scope, Scope::Member(_)))).collect();
    let lets = prog
        .lets
        .iter()
        .map(|l| {
            if cond::is_condition(&l.expr) {
                LetRun::Cond(cond::cond(&l.expr))
            } else {
                LetRun::Value(l.expr.clone())
            }
        })
        .collect();
    let conclusions = prog
        .conclusions
        .iter()
        .map(|c| {
            let places: Vec<Place> = c
                .rules
                .iter()
                .map(|r| {
                    let rule = &prog.rules[*r as usize];
                    Place {
                        run: rules[*r as usize].run.clone(),
                        value: rule.value.clone(),
                        status: rule.status,
                    }
                })
                .collect();
            // On the general path every conclusion is combined as it is decided, so that tests
            // can compare the two.
            let (sets, table) = if narrow && c.rules.len() <= 64 {
                let set = RuleSet::of(prog, c);
                let table = table::table(&prog.enums, &set, &places);
                (Rules::Narrow(set), table)
            } else {
                (Rules::Wide(RuleSet::of(prog, c)), None)
            };
            ConclusionPlan {
                gate: c.gate.as_ref().map(cond::cond),
                places,
                pre: match c.scope {
                    Scope::Member(_) => c.rules.iter().map(|r| rules[*r as usize].pre.clone()).collect(),
                    Scope::Global => vec![],
                },
                rules: sets,
                table,
            }
        })
        .collect();
    Plan { rules, lets, conclusions }
}

/// A layer's digest: `sha256:` and the hex digest of its files' texts, one after another (for a
/// layer in one file, what `sha256sum FILE` prints).
pub fn digest<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for t in texts {
        h.update(t.as_bytes());
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
