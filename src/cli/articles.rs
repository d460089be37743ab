//! `zeren articles`: the text of the law, with the rules attached to each provision.

use super::outln;
use crate::render::Lang;
use crate::render::cite::cite;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(id: Option<&str>, lang: Lang, policy: &[PathBuf], scenarios: &[PathBuf], ids: bool) -> ExitCode {
    let engine = match super::engine(policy) {
        Ok(e) => e,
        Err(code) => return code,
    };
    // Which scenarios exercise each provision (the project's own, unless others are named).
    let default = [PathBuf::from("tests/scenarios")];
    let paths: Vec<PathBuf> = if scenarios.is_empty() {
        default.iter().filter(|p| p.exists()).cloned().collect()
    } else {
        scenarios.to_vec()
    };
    let report = (!paths.is_empty()).then(|| crate::scenario::run(&paths));
    let exercised = |pid: &str| -> Vec<&str> {
        report
            .iter()
            .flat_map(|r| r.outcomes.iter())
            .filter(|o| o.exercised.iter().any(|x| x == pid))
            .map(|o| o.name.as_str())
            .collect()
    };
    let p = &engine.program;
    let en = lang.en();
    let wanted = |pid: &str| id.is_none_or(|w| pid == w || pid.starts_with(&format!("{w}.")));
    if let Some(w) = id
        && !p.provisions.iter().any(|x| wanted(&x.id))
    {
        eprintln!("error: no article `{w}`");
        return ExitCode::from(1);
    }
    let mut chapter = None;
    let mut layer = 0;
    for (i, prov) in p.provisions.iter().enumerate() {
        if !wanted(&prov.id) {
            continue;
        }
        if prov.layer != layer {
            layer = prov.layer;
            let def = &p.layers[layer as usize];
            // The title for a reader; the id too where rules are shown with theirs.
            if ids {
                outln!("\n《{}》 [{}]\n", def.title.get(en), def.id);
            } else {
                outln!("\n《{}》\n", def.title.get(en));
            }
        }
        if prov.chapter != chapter && id.is_none() {
            chapter = prov.chapter;
            if let Some(c) = chapter {
                let ch = &p.chapters[c as usize];
                let head = if en {
                    format!("Chapter {}", ch.number)
                } else {
                    format!("第{}章", crate::render::cite::chinese(ch.number))
                };
                outln!("\n{head} {}\n", ch.labels.get(en));
            }
        }
        let depth = if prov.parent.is_none() { "" } else { "  " };
        match &prov.labels {
            Some(l) => outln!("{depth}{} {}", cite(p, i as u16, lang), l.get(en)),
            None => outln!("{depth}{}", cite(p, i as u16, lang)),
        }
        if let Some(t) = &prov.text_only {
            outln!("{depth}  [{}] {}", if en { "text only" } else { "仅文本" }, t.get(en));
        }
        let has_rules = p.rules.iter().any(|r| r.provision as usize == i);
        if has_rules && report.is_some() {
            let names = exercised(&prov.id);
            let word = if en { "scenarios" } else { "测试场景" };
            // The scenarios' names are English: the Chinese output counts them.
            match (names.is_empty(), en) {
                (true, _) => outln!("{depth}  [{word}] {}", if en { "none exercises it" } else { "无" }),
                (false, false) => outln!("{depth}  [{word}] {}个", names.len()),
                (false, true) => {
                    let more = names.len().saturating_sub(5);
                    let shown: Vec<&str> = names.iter().take(5).copied().collect();
                    let tail = if more > 0 { format!("; and {more} more") } else { String::new() };
                    outln!("{depth}  [{word}] {}: {}{tail}", names.len(), shown.join("; "))
                }
            }
        }
        if !prov.issuers.is_empty() {
            // Each kind of issuer by its label (「省」, "province").
            let names: Vec<String> = prov
                .issuers
                .iter()
                .map(|s| crate::render::words::value(p, None, crate::program::ir::Value::Sym(*s), lang))
                .collect();
            outln!(
                "{depth}  [{}] {}",
                if en { "may issue rules under it" } else { "制定主体" },
                names.join(if en { ", " } else { "、" })
            );
        }
        for r in p.rules.iter().filter(|r| r.provision as usize == i) {
            let words = crate::render::rule_words::rule(p, r, lang);
            let word = if en { "rule" } else { "规则" };
            if ids {
                let what = if r.effect_text.is_empty() { "finding" } else { r.effect_text.as_str() };
                outln!(
                    "{depth}  [{word}] {words}\n{depth}    {} [{}]: {what}",
                    r.id,
                    p.layers[r.layer as usize].id
                );
            } else {
                outln!("{depth}  [{word}] {words}");
            }
        }
    }
    ExitCode::SUCCESS
}
