//! `zeren analyze`: the gaps of the policies and their conflicts with witness cases, for people.

use crate::analyze::gaps::{Gap, Gaps};
use crate::program::Program;
use crate::solve::pairs::Pair;

fn pattern_text(g: &Gap) -> String {
    g.pattern.iter().map(|v| format!("{} = {}", v.name, v.values.join(" | "))).collect::<Vec<_>>().join("; ")
}

/// The conclusions not analysed, one note each.
pub fn skipped(gaps: &Gaps) -> Vec<String> {
    gaps.skipped
        .iter()
        .map(|s| {
            format!(
                "note: {} reads {} values with {} combinations; too many to enumerate, not analysed",
                s.conclusion, s.atoms, s.combinations
            )
        })
        .collect()
}

/// The gaps of each conclusion that must be decided; with `base` (the gaps of the base set alone),
/// which of those the layers decide.
pub fn gaps(prog: &Program, found: &Gaps, base: Option<&Gaps>) -> String {
    let mut out = String::new();
    let base: Option<Vec<String>> =
        base.map(|b| b.found.iter().map(|g| format!("{}: {}", g.conclusion, pattern_text(g))).collect());
    for c in &prog.completes {
        let def = &prog.conclusions[c.conclusion as usize];
        let mine: Vec<&Gap> = found.found.iter().filter(|g| g.conclusion == def.name).collect();
        out += &format!(
            "{} (must be decided, {}): {} gap(s)\n",
            def.name,
            super::cite::cite(prog, c.provision, super::Lang::En),
            mine.len()
        );
        for (i, g) in mine.iter().enumerate() {
            let kind = if g.conflict { "rules conflict" } else { "no rule decides it" };
            out += &format!("  {}. {kind} when {}\n", i + 1, pattern_text(g));
        }
        if let Some(base) = &base {
            let now: Vec<String> =
                mine.iter().map(|g| format!("{}: {}", g.conclusion, pattern_text(g))).collect();
            for b in base.iter().filter(|b| b.starts_with(&format!("{}: ", def.name)) && !now.contains(b)) {
                out += &format!(
                    "  a gap of the base set alone, now decided by the layers in whole or in part: {}\n",
                    b.split_once(": ").map_or("", |x| x.1)
                );
            }
        }
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
