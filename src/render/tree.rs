//! The decision as a `serde_json::Value`: the same object `json` writes, for the outputs that are
//! built as a tree (YAML, and the pretty JSON of what-ifs and of cases with unknown facts).

use super::trace::{status_word, why_not_text};
use super::{finding_text, note, show};
use crate::eval::decision::Decision;
use crate::eval::plain;
use crate::program::{Cite, Program};
use serde_json::{Map, Value as J, json};

/// One decision as a JSON object.
pub fn decision(prog: &Program, d: &Decision) -> Map<String, J> {
    let mut o = Map::new();
    for (k, e) in prog.decision.iter().enumerate() {
        o.insert(e.key.clone(), plain::key(prog, d, k));
    }
    let layer = |l: &u16| prog.layers[*l as usize].id.clone();
    o.insert("layers".into(), d.layers.iter().map(layer).collect());
    let digests: Map<String, J> =
        d.layers.iter().map(|l| (layer(l), J::from(prog.layers[*l as usize].digest.clone()))).collect();
    o.insert("digests".into(), J::Object(digests));
    o.insert("notes".into(), d.not_in_force.iter().map(|l| note(prog, *l, d.lang)).collect());
    let articles = d.articles.iter().map(|p| prog.provisions[*p as usize].id.clone()).collect();
    o.insert("articles".into(), articles);
    let findings = d
        .findings
        .iter()
        .map(|f| json!({"article": prog.provisions[f.provision as usize].id, "text": finding_text(prog, d, f, d.lang)}))
        .collect();
    o.insert("findings".into(), findings);
    if !d.trace.is_empty() {
        o.insert("trace".into(), J::Array(d.trace.iter().map(|t| entry(prog, d, t)).collect()));
    }
    o
}

fn entry(prog: &Program, d: &Decision, t: &crate::eval::decision::Entry) -> J {
    let rule = &prog.rules[t.rule as usize];
    let mut o = Map::new();
    o.insert("rule".into(), J::from(rule.id.clone()));
    o.insert("provision".into(), J::from(prog.provisions[rule.provision as usize].id.clone()));
    if let Some((l, m)) = t.member {
        o.insert("member".into(), J::from(d.member_name(prog, l, m).into_owned()));
    }
    if rule.layer > 0 {
        o.insert("layer".into(), J::from(prog.layers[rule.layer as usize].id.clone()));
    }
    o.insert("status".into(), J::from(status_word(prog, t)));
    if !rule.effect_text.is_empty() {
        o.insert("concludes".into(), J::from(rule.effect_text.clone()));
    }
    let facts: Map<String, J> = rule
        .reads
        .iter()
        .zip(d.reads_of(t))
        .map(|(r, v)| (r.name.clone(), J::from(show(prog, d, r.ty, r.cite, v.value, d.lang))))
        .collect();
    o.insert("facts".into(), J::Object(facts));
    if let Some(w) = t.why_not {
        o.insert("why_not".into(), J::from(why_not_text(prog, t, w, d.lang)));
    }
    if let (Some(v), Some(slot)) = (d.defined(t), rule.defines) {
        o.insert("defined".into(), plain::value(prog, d, super::json::fact_ty(prog, slot), Cite::None, v));
    }
    if let (Some((from, to)), Some(c)) = (d.moved(t), rule.target) {
        let ty = prog.conclusions[c as usize].ty;
        let v = |x| plain::value(prog, d, ty, Cite::None, x);
        o.insert("moved".into(), json!({"from": v(from), "to": v(to)}));
    }
    if !d.overridden_by(t).is_empty() {
        let by: Vec<J> =
            d.overridden_by(t).iter().map(|r| J::from(prog.rules[*r as usize].id.clone())).collect();
        o.insert("overridden_by".into(), J::Array(by));
    }
    J::Object(o)
}
