//! A decision written out: as JSON (a document, a line of JSON Lines, a tree), and for people;
//! and a case text decided and written in one call.

use super::{DecideError, Engine, Options};
use crate::eval::Decision;
use crate::lang::Lang;
use crate::render;

impl Engine {
    /// A decision as JSON text (the trace is the decision's own: empty unless it was kept).
    pub fn json(&self, d: &Decision) -> String {
        match &d.open {
            Some(o) => {
                serde_json::to_string_pretty(&render::open::json(&self.program, d, o)).unwrap_or_default()
            }
            None => {
                let mut out = String::new();
                render::json::decision(&mut out, render::json::Pretty, &self.program, d);
                out
            }
        }
    }

    /// The decision as one line of JSON (as `serde_json::to_string` writes it), and its end,
    /// appended to `out`: a line of JSON Lines.
    pub fn json_line(&self, d: &Decision, out: &mut String) {
        match &d.open {
            Some(o) => {
                out.push_str(&serde_json::Value::Object(render::open::json(&self.program, d, o)).to_string())
            }
            None => render::json::decision(out, render::json::Line, &self.program, d),
        }
        out.push('\n');
    }

    /// A decision as a JSON value.
    pub fn json_value(&self, d: &Decision) -> serde_json::Value {
        serde_json::Value::Object(match &d.open {
            Some(o) => render::open::json(&self.program, d, o),
            None => render::tree::decision(&self.program, d),
        })
    }

    /// A decision for people, in its language; with `explain`, the reasons.
    pub fn human(&self, d: &Decision, explain: bool) -> String {
        let mut out = String::new();
        match &d.open {
            Some(o) => render::open::human(&mut out, &self.program, d, o),
            None => render::human::decision(&mut out, &self.program, d, explain),
        }
        out
    }

    /// Decides every case of a text; returns each decision as a JSON value (with its trace when
    /// `options.trace`).
    pub fn decide_values(
        &self,
        text: &str,
        options: &Options,
    ) -> Result<Vec<serde_json::Value>, DecideError> {
        Ok(self.decide(text, options)?.iter().map(|d| self.json_value(d)).collect())
    }

    /// Decides every case of a text; returns each decision as JSON text, with its trace.
    pub fn decide_text(&self, name: &str, text: &str, lang: Lang) -> Result<Vec<String>, DecideError> {
        let options = Options { name: name.to_string(), lang, trace: true, ..Options::default() };
        let mut cases = self.cases(text, &options)?;
        // Each decision's text starts with room for one as long as the last (they are alike), so
        // that it is rarely grown and copied.
        let mut last = 0;
        Ok(cases
            .iter_mut()
            .map(|f| {
                let d = self.decide_case(f, &options);
                if d.open.is_some() {
                    return self.json(&d);
                }
                let mut out = String::with_capacity(last);
                render::json::decision(&mut out, render::json::Pretty, &self.program, &d);
                last = out.len();
                out
            })
            .collect())
    }
}
