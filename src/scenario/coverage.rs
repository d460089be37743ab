//! Coverage by provision: which provisions with rules, which exceptions and which values of a
//! ranked conclusion (the rungs) some scenario exercised, layer by layer.

use crate::eval::decision::Decision;
use crate::program::frame::Status;
use crate::program::ir::Value;
use crate::program::{Combine, Program};

/// What a coverage item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A provision whose rules fired at least once.
    Provision,
    /// An exception that overrode the rule it is an exception to.
    Exception,
    /// A value a ranked conclusion reached (a rung).
    Value,
}

/// Something scenarios can exercise.
#[derive(Debug, Clone)]
pub struct Item {
    /// The layer it belongs to.
    pub layer: String,
    /// What it is.
    pub kind: Kind,
    /// Its id: a provision, a rule, or `conclusion = value`.
    pub id: String,
    /// Whether some scenario exercised it.
    pub covered: bool,
}

/// What the scenarios exercised of every program they ran on.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Every item, merged by id across programs.
    pub items: Vec<Item>,
}

impl Coverage {
    fn slot(&mut self, layer: &str, kind: Kind, id: &str) -> usize {
        match self.items.iter().position(|i| i.kind == kind && i.id == id) {
            Some(i) => i,
            None => {
                self.items.push(Item { layer: layer.into(), kind, id: id.into(), covered: false });
                self.items.len() - 1
            }
        }
    }

    /// Adds what a program could cover (once per program; items are merged by id).
    pub fn register(&mut self, prog: &Program) {
        for (r, rule) in prog.rules.iter().enumerate() {
            let layer = &prog.layers[rule.layer as usize].id;
            self.slot(layer, Kind::Provision, &prog.provisions[rule.provision as usize].id);
            if !rule.exception_to.is_empty() {
                self.slot(layer, Kind::Exception, &prog.rules[r].id);
            }
        }
        for c in &prog.conclusions {
            if let Combine::Max(e) | Combine::Min(e) = c.combine {
                for &s in &prog.enums[e as usize].values {
                    let layer =
                        &prog.layers[prog.sym_layer.get(s as usize).copied().unwrap_or_default() as usize].id;
                    self.slot(layer, Kind::Value, &format!("{} = {}", c.name, prog.sym_id(s)));
                }
            }
        }
    }

    /// Marks what a decided case exercised (its decision, with the trace); returns the ids of
    /// the provisions whose rules fired.
    pub fn observe(&mut self, prog: &Program, d: &Decision) -> Vec<String> {
        let mut fired_in = vec![];
        for (r, rule) in prog.rules.iter().enumerate() {
            let statuses: Vec<Status> =
                d.trace.iter().filter(|t| t.rule == r as u32).map(|t| t.status).collect();
            let fired = statuses.iter().any(|s| s.fired());
            let layer = prog.layers[rule.layer as usize].id.clone();
            if fired {
                let id = &prog.provisions[rule.provision as usize].id;
                let i = self.slot(&layer, Kind::Provision, id);
                self.items[i].covered = true;
                if !fired_in.contains(id) {
                    fired_in.push(id.clone());
                }
            }
            if !rule.exception_to.is_empty() && statuses.contains(&Status::Won) {
                let i = self.slot(&layer, Kind::Exception, &prog.rules[r].id);
                self.items[i].covered = true;
            }
        }
        for (c, def) in prog.conclusions.iter().enumerate() {
            if !matches!(def.combine, Combine::Max(_) | Combine::Min(_)) {
                continue;
            }
            for v in d.values(c as u32) {
                if let Value::Sym(s) = *v {
                    let layer =
                        prog.layers[prog.sym_layer.get(s as usize).copied().unwrap_or(0) as usize].id.clone();
                    let i = self.slot(&layer, Kind::Value, &format!("{} = {}", def.name, prog.sym_id(s)));
                    self.items[i].covered = true;
                }
            }
        }
        fired_in
    }

    /// The share of items covered, in percent.
    pub fn percent(&self) -> f64 {
        if self.items.is_empty() {
            return 100.0;
        }
        let covered = self.items.iter().filter(|i| i.covered).count();
        covered as f64 * 100.0 / self.items.len() as f64
    }

    /// The report: per layer, what is covered, and every item that is not.
    pub fn render(&self) -> String {
        let mut layers: Vec<&str> = vec![];
        for i in &self.items {
            if !layers.contains(&i.layer.as_str()) {
                layers.push(&i.layer);
            }
        }
        let mut out = String::new();
        for l in layers {
            let mine: Vec<&Item> = self.items.iter().filter(|i| i.layer == l).collect();
            let count = |k: Kind| {
                let all = mine.iter().filter(|i| i.kind == k).count();
                let cov = mine.iter().filter(|i| i.kind == k && i.covered).count();
                format!("{cov}/{all}")
            };
            out += &format!(
                "{l}: provisions {}, exceptions {}, ranked values {}\n",
                count(Kind::Provision),
                count(Kind::Exception),
                count(Kind::Value)
            );
            for i in mine.iter().filter(|i| !i.covered) {
                let what = match i.kind {
                    Kind::Provision => "provision whose rules no scenario fired",
                    Kind::Exception => "exception no scenario applied",
                    Kind::Value => "value no scenario reached",
                };
                out += &format!("  not covered: {} ({what})\n", i.id);
            }
        }
        out += &format!("coverage: {:.1}%\n", self.percent());
        out
    }
}
