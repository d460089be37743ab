//! `zeren analyze`: the gaps of the policies and their conflicts with witness cases, for people.

use super::Lang;
use super::cite::cite;
use crate::analyze::gaps::{ByLayer, Gap, Gaps, Share};
use crate::program::Program;
use crate::solve::pairs::Pair;

fn pattern_text(g: &Gap) -> String {
    g.pattern.iter().map(|v| v.text()).collect::<Vec<_>>().join("; ")
}

/// The gaps of each conclusion that must be decided (a conclusion not analysed says so, never
/// "0 gaps").
pub fn gaps(prog: &Program, found: &Gaps) -> String {
    let mut out = String::new();
    for c in &prog.completes {
        let def = &prog.conclusions[c.conclusion as usize];
        let head = format!("{} (must be decided, {})", def.name, cite(prog, c.provision, Lang::En));
        out += &format!("{head}: {}\n", count(found, &def.name));
        out += &list(found, &def.name, "  ");
    }
    out
}

/// With layers: for each conclusion, the gaps of the base set alone, then those in the cases each
/// layer decides, with how much of each base gap it decides.
pub fn by_layer(prog: &Program, all: &ByLayer) -> String {
    let mut out = String::new();
    for c in &prog.completes {
        let def = &prog.conclusions[c.conclusion as usize];
        out += &format!("{} (must be decided, {})\n", def.name, cite(prog, c.provision, Lang::En));
        let base = &prog.layers[0].id;
        out += &format!("  {base} alone: {}\n", count(&all.base, &def.name));
        out += &list(&all.base, &def.name, "    ");
        let numbered: Vec<usize> =
            (0..all.base.found.len()).filter(|i| all.base.found[*i].conclusion == def.name).collect();
        for l in &all.layers {
            let id = &prog.layers[l.layer as usize].id;
            out += &format!("  in the cases {id} decides: {}\n", count(&l.gaps, &def.name));
            out += &list(&l.gaps, &def.name, "    ");
            for (n, i) in numbered.iter().enumerate() {
                let share = match l.shares.get(*i).copied().flatten() {
                    Some(Share::Whole) => "decided in whole",
                    Some(Share::Part) => "decided in part",
                    Some(Share::Nothing) => "not decided",
                    Some(Share::Apart) => "not among its cases",
                    None => "not compared (the search stopped)",
                };
                out += &format!("    {base} gap {}: {share}\n", n + 1);
            }
        }
    }
    out
}

/// How many gaps a conclusion has, or that it was not analysed.
fn count(gaps: &Gaps, name: &str) -> String {
    match gaps.skipped.iter().find(|s| s.conclusion == name) {
        Some(s) => format!(
            "not analysed: the search over the {} values its rules read stopped after {} steps",
            s.atoms,
            crate::analyze::search::MAX_STEPS
        ),
        None => format!("{} gap(s)", gaps.found.iter().filter(|g| g.conclusion == name).count()),
    }
}

fn list(gaps: &Gaps, name: &str, indent: &str) -> String {
    let mut out = String::new();
    for (i, g) in gaps.found.iter().filter(|g| g.conclusion == name).enumerate() {
        let kind = if g.conflict { "rules conflict" } else { "no rule decides it" };
        out += &format!("{indent}{}. {kind} when {}\n", i + 1, pattern_text(g));
    }
    out
}

/// A conflict's witness as a case file: what conflicts, when, and whether `zeren eval` decides the
/// case as a conflict (`None`: the witness is not a valid case).
pub fn conflict(
    prog: &Program,
    i: usize,
    p: &Pair,
    yaml: &str,
    unmet: &[String],
    decided: Option<bool>,
) -> String {
    let (ra, rb) = (&prog.rules[p.a as usize], &prog.rules[p.b as usize]);
    let mut text = format!(
        "# conflict {}: `{}` and `{}` can both apply and conclude `{}` differently\n# when {}\n",
        i + 1,
        ra.id,
        rb.id,
        p.target,
        crate::solve::domain::describe(prog, &p.witness)
    );
    if !unmet.is_empty() {
        text += &format!("# the case must also bring about: {}\n", unmet.join(", "));
    }
    let shown = match decided {
        Some(true) => "yes",
        Some(false) => "no",
        None => "no (the witness is not a valid case)",
    };
    text += &format!("# decided as a conflict by `zeren eval`: {shown}\n{yaml}");
    text
}
