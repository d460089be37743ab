//! The base set and its layers of implementing rules: who issued each, when it is in force, which
//! cases it decides; and the calendar dates are counted with.

use super::ir::{Expr, Sym};
use super::{Labels, Span};

/// What the base set's header says.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Header {
    /// The set's id (`national-2016`).
    pub id: String,
    /// Its title, in both languages.
    pub title: Labels,
    /// Who issued it.
    pub issuer: String,
    /// The kind of issuer.
    pub issuer_kind: Option<Sym>,
    /// The day it takes effect.
    pub effective: Option<i32>,
    /// The fact whose date picks what is in force: its global slot.
    pub dated_by: Option<u32>,
    /// The fact whose value picks a layer (`--region`): its slot and its enum.
    pub selected_by: Option<(u32, u16)>,
}

/// A layer: the base set of measures (index 0) or a layer of implementing rules on top of it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct LayerDef {
    /// Its id (`sample-province-2017`).
    pub id: String,
    /// Its title, in both languages.
    pub title: Labels,
    /// Who issued it.
    pub issuer: String,
    /// The kind of issuer (a province, the CMC, …).
    pub issuer_kind: Option<Sym>,
    /// The day it takes effect.
    pub effective: Option<i32>,
    /// The day it ceases to be in force.
    pub until: Option<i32>,
    /// The layer it builds on.
    pub extends: Option<u16>,
    /// The sources of its text, in load order.
    pub sources: Vec<u16>,
    /// `sha256:` of its sources' texts, concatenated in load order.
    pub digest: String,
    /// When it decides a case: its `applies when`, its dates, and those of the layer it extends.
    pub guards: Vec<Guard>,
    /// The calendar `working_days` counts with in its rules: its own `holidays` and `workdays`
    /// with those of the layers it extends.
    pub calendar: std::sync::Arc<Calendar>,
    /// Where it is declared.
    pub span: Span,
}

impl LayerDef {
    /// How its `applies when` conditions read: the cases it decides.
    pub fn applies(&self) -> Vec<&str> {
        self.guards.iter().filter(|g| g.kind == GuardKind::Applies).map(|g| g.text.as_str()).collect()
    }
}

/// Whether a layer's guard chooses cases or dates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum GuardKind {
    /// `applies when …`: the cases the layer decides (a region, say).
    Applies,
    /// The layer's dates: conduct before it takes effect (or from when it ends) is not its to decide.
    InForce,
}

/// One condition under which a layer decides a case.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Guard {
    /// The resolved condition.
    pub expr: Expr,
    /// How it reads (`region == sample_province`, `conduct_date >= 2017-03-01 (sample-2017)`).
    pub text: String,
    /// Whether it chooses cases or dates them.
    pub kind: GuardKind,
}

/// The calendar `working_days` counts with.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Calendar {
    /// Weekdays that are holidays, sorted.
    pub holidays: Vec<i32>,
    /// Weekend days that are working days, sorted.
    pub workdays: Vec<i32>,
}
