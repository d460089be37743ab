//! The words of the trace: what became of a rule, and why it did not apply.

use super::Lang;
use crate::eval::decision::{Entry, WhyNot};
use crate::program::Program;
use crate::program::frame::Status;

/// The status of a trace entry as the JSON trace names it.
pub fn status_word(prog: &Program, e: &Entry) -> &'static str {
    match e.status {
        // An `up`/`down` rule that applied but moved nothing.
        Status::Lost if prog.rules[e.rule as usize].step != 0 => "no_effect",
        Status::NotFired => "not_applicable",
        Status::Overridden => "overridden",
        Status::Lost => "outranked",
        Status::Won => "applied",
        Status::Conflict => "conflict",
        Status::Given => "given_by_case",
        Status::Unseen => "not_reached",
    }
}

/// Why a rule did not apply, in three pieces (fixed words, the condition's text, fixed words), so
/// that it can be written out without building it first.
pub fn why_not_parts<'p>(
    prog: &'p Program,
    e: &Entry,
    w: WhyNot,
    lang: Lang,
) -> (&'static str, &'p str, &'static str) {
    match (w, lang) {
        (WhyNot::False(k), _) => {
            let text = prog.rules[e.rule as usize].conjuncts.get(k as usize).map_or("", |c| c.text.as_str());
            match lang {
                Lang::Zh => ("`", text, "` 不成立"),
                Lang::En => ("`", text, "` is false"),
            }
        }
        (WhyNot::NoTarget, Lang::Zh) => ("其所例外的规则均未适用", "", ""),
        (WhyNot::NoTarget, Lang::En) => ("none of the rules it is an exception to applied", "", ""),
        (WhyNot::Default, Lang::Zh) => ("按本定义，该事实取其默认值", "", ""),
        (WhyNot::Default, Lang::En) => ("by this definition the fact keeps its default value", "", ""),
    }
}

/// Why a rule did not apply, as one text.
pub fn why_not_text(prog: &Program, e: &Entry, w: WhyNot, lang: Lang) -> String {
    let (before, t, after) = why_not_parts(prog, e, w, lang);
    [before, t, after].concat()
}
