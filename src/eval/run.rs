//! Running the plan's steps over one case's frame: definitions of open terms first, then each
//! definition and conclusion in dependency order, then the rules that only state a finding.

use super::cond::test;
use super::table::outcome;
use crate::compile::plan::{ConclusionPlan, LetRun, Outcome, Place, Plan, RuleCond, Rules, Table};
use crate::program::bits::Bits;
use crate::program::combine::{Resolved, RuleSet, Tests};
use crate::program::frame::{Frame, Status};
use crate::program::ir::Value;
use crate::program::meaning::{Ctx, eval, operand};
use crate::program::{Conclusion, DefineGroup, EnumDef, Program, Scope, Step};

/// Decides a case: fills the frame's conclusions and rule statuses.
pub fn run(prog: &Program, plan: &Plan, f: &mut Frame) {
    f.status.clear();
    f.status.resize(prog.global_rules as usize, Status::Unseen);
    f.conflicts.clear();
    f.define_conflicts.clear();
    // A member's rule starts as not fired: one that the case alone rules out is never tested for
    // the member, and of those tested only the ones that fire are written (`conclude`).
    for m in f.lists.iter_mut().flatten() {
        m.status.fill(Status::NotFired);
    }
    define(prog, plan, f);
    for step in &prog.steps {
        match *step {
            Step::Let(l) => {
                let cx = Ctx::new(&f.globals, &f.lists);
                let v = match &plan.lets[l as usize] {
                    LetRun::Cond(c) => Value::Bool(test(c, &cx)),
                    LetRun::Value(e) => eval(e, &cx),
                };
                f.globals[prog.lets[l as usize].slot as usize] = v;
            }
            Step::Conclusion(c) => {
                let (def, cp) = (&prog.conclusions[c as usize], &plan.conclusions[c as usize]);
                let enums = &prog.enums;
                match (&cp.rules, &cp.table) {
                    (Rules::Narrow(set), Some(t)) => conclude(def, cp, set, c, f, &Tabled { cp, t, set }),
                    (Rules::Narrow(set), None) => conclude(def, cp, set, c, f, &Combined { enums, cp, set }),
                    (Rules::Wide(set), _) => conclude(def, cp, set, c, f, &Combined { enums, cp, set }),
                }
            }
        }
    }
    for &r in &prog.finding_rules {
        let (rule, cond) = (&prog.rules[r as usize], &plan.rules[r as usize]);
        match rule.scope {
            Scope::Global => {
                let fired = holds(cond, &Ctx::new(&f.globals, &f.lists));
                f.status[rule.status as usize] = if fired { Status::Won } else { Status::NotFired };
            }
            Scope::Member(l) => {
                // The part that reads only the case, once for all the members.
                let case = test(&cond.pre, &Ctx::new(&f.globals, &f.lists));
                for i in 0..f.lists[l as usize].len() {
                    let fired = case && {
                        let cx = Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals);
                        test(&cond.run, &cx)
                    };
                    f.lists[l as usize][i].status[rule.status as usize] =
                        if fired { Status::Won } else { Status::NotFired };
                }
            }
        }
    }
}

/// What a conclusion's rules came to on one context, combined as the case is decided
/// ([`Resolved`]) or read from the conclusion's table ([`Outcome`]).
pub(super) trait Came {
    /// The value, after any move.
    fn value(&self) -> Value;
    /// The value before `up`/`down` rules moved it.
    fn before(&self) -> Value;
    /// Rules with no precedence between them gave different values.
    fn conflict(&self) -> bool;
    /// Writes the statuses of all the rules, or of those that fired only (the others keep theirs).
    fn write(&self, cp: &ConclusionPlan, all: bool, status: &mut [Status]);
}

impl<B: Bits> Came for Resolved<B> {
    #[inline(always)]
    fn value(&self) -> Value {
        self.value
    }

    #[inline(always)]
    fn before(&self) -> Value {
        self.before
    }

    #[inline(always)]
    fn conflict(&self) -> bool {
        self.conflict
    }

    #[inline(always)]
    fn write(&self, cp: &ConclusionPlan, all: bool, status: &mut [Status]) {
        let mut each = |i: u32| {
            if let Some(p) = cp.places.get(i as usize) {
                status[p.status as usize] = self.status(i);
            }
        };
        if all {
            (0..cp.places.len() as u32).for_each(&mut each);
        } else {
            self.fired.ones().for_each(each);
        }
    }
}

/// How a conclusion's rules come to what they do on a context, testing only those in `tested`:
/// combined there and then ([`Combined`]), or read from its table ([`Tabled`]).
trait On<B> {
    /// What the rules came to.
    type Came: Came;
    /// The rules in `tested`, on the context.
    fn on(&self, tested: &B, cx: &Ctx) -> Self::Came;
}

/// A conclusion's rules combined as they are tested.
struct Combined<'a, B> {
    enums: &'a [EnumDef],
    cp: &'a ConclusionPlan,
    set: &'a RuleSet<B>,
}

impl<B: Bits> On<B> for Combined<'_, B> {
    type Came = Resolved<B>;

    #[inline(always)]
    fn on(&self, tested: &B, cx: &Ctx) -> Resolved<B> {
        resolve(self.enums, self.cp, self.set, tested, cx)
    }
}

/// A conclusion's rules tested, and what they come to read from its table.
struct Tabled<'a> {
    cp: &'a ConclusionPlan,
    t: &'a Table,
    set: &'a RuleSet<u64>,
}

impl<'a> On<u64> for Tabled<'a> {
    type Came = &'a Outcome;

    #[inline(always)]
    fn on(&self, tested: &u64, cx: &Ctx) -> &'a Outcome {
        outcome(self.cp, self.t, self.set.exceptions, *tested, cx)
    }
}

/// Decides one conclusion, for the case or for each member of its list: `on` says what its rules
/// come to on a context.
#[inline(always)]
fn conclude<B: Bits>(
    def: &Conclusion,
    cp: &ConclusionPlan,
    set: &RuleSet<B>,
    c: u32,
    f: &mut Frame,
    on: &impl On<B>,
) {
    match def.scope {
        Scope::Global => {
            let cx = Ctx::new(&f.globals, &f.lists);
            let r = on.on(&set.all, &cx);
            let open = cp.gate.as_ref().is_none_or(|g| test(g, &cx));
            r.write(cp, true, &mut f.status);
            if r.conflict() {
                f.conflicts.push((c, None));
            }
            f.globals[def.slot as usize] = if open { r.value() } else { Value::Null };
            if let Some(b) = def.base_slot {
                f.globals[b as usize] = r.before();
            }
        }
        Scope::Member(l) => {
            let n = f.lists[l as usize].len();
            if n == 0 {
                return;
            }
            let tested = pre(cp, set, &Ctx::new(&f.globals, &f.lists));
            for i in 0..n {
                let (r, open) = {
                    let cx = Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals);
                    (on.on(&tested, &cx), cp.gate.as_ref().is_none_or(|g| test(g, &cx)))
                };
                let m = &mut f.lists[l as usize][i];
                // The member's statuses start as `NotFired`: only the rules that fired are written.
                r.write(cp, false, &mut m.status);
                m.vals[def.slot as usize] = if open { r.value() } else { Value::Null };
                if let Some(b) = def.base_slot {
                    m.vals[b as usize] = r.before();
                }
                if r.conflict() {
                    f.conflicts.push((c, Some(i)));
                }
            }
        }
    }
}

/// A conclusion's rules on one context: only the part of each condition that reads the member
/// is tested (the rest held for the case).
struct OnCase<'a> {
    places: &'a [Place],
    cx: &'a Ctx<'a>,
}

impl Tests for OnCase<'_> {
    #[inline(always)]
    fn holds(&self, i: u32) -> bool {
        test(&self.places[i as usize].run, self.cx)
    }

    #[inline(always)]
    fn value(&self, i: u32) -> Value {
        self.places[i as usize].value.as_ref().map_or(Value::Null, |v| operand(v, self.cx))
    }
}

/// A conclusion's rules combined on one context; only the rules in `tested` are tested.
#[inline(always)]
fn resolve<B: Bits>(
    enums: &[EnumDef],
    cp: &ConclusionPlan,
    set: &RuleSet<B>,
    tested: &B,
    cx: &Ctx,
) -> Resolved<B> {
    set.resolve(enums, tested, &OnCase { places: &cp.places, cx })
}

/// The definitions of open terms: each fact the case leaves out is decided by the first layer's
/// definition that applies to the case, or takes its default; then floors (`at least`) raise
/// a graded fact to the highest floor that applies.
fn define(prog: &Program, plan: &Plan, f: &mut Frame) {
    for g in &prog.defines {
        let given = f.globals[g.slot as usize] != Value::Null;
        let mut value: Option<(Value, u32)> = None;
        let mut conflict = false;
        for &r in &g.rules {
            let rule = &prog.rules[r as usize];
            if rule.floor {
                continue;
            }
            let cx = Ctx::new(&f.globals, &f.lists);
            // A definition decides only where its layer does, only what the case leaves out,
            // and counts as applied only when it gives something other than the default.
            let st = if !holds(&plan.rules[r as usize], &cx) {
                Status::NotFired
            } else if given {
                Status::Given
            } else {
                let v = rule.value.as_ref().map_or(Value::Null, |v| eval(v, &cx));
                let v = if v == Value::Null { g.default } else { v };
                match value {
                    None => value = Some((v, r)),
                    // Two layers define the fact for this case, differently: not decided.
                    Some((w, first)) if w != v => {
                        conflict = true;
                        f.status[prog.rules[first as usize].status as usize] = Status::Conflict;
                    }
                    Some(_) => {}
                }
                if conflict {
                    Status::Conflict
                } else if v == g.default {
                    Status::NotFired
                } else {
                    Status::Won
                }
            };
            f.status[rule.status as usize] = st;
        }
        if conflict {
            f.define_conflicts.push(g.slot);
        }
        if !given {
            let v = if conflict { g.default } else { value.map_or(g.default, |x| x.0) };
            f.globals[g.slot as usize] = v;
        }
        floors(prog, plan, g, f);
    }
}

/// The floors under a graded fact: each that applies and lies above the fact's value raises it;
/// the highest stands (`Won`), a lower one that also raised it `Lost`, and one the value already
/// reaches `Given`.
fn floors(prog: &Program, plan: &Plan, g: &DefineGroup, f: &mut Frame) {
    let Some(ty) = g.floors else { return };
    let rank = |v: Value| match v {
        Value::Sym(s) => prog.enums[ty as usize].bit.get(s as usize).map(|b| i32::from(*b)),
        _ => None,
    };
    let mut won: Option<u32> = None;
    for &r in &g.rules {
        let rule = &prog.rules[r as usize];
        if !rule.floor {
            continue;
        }
        let cx = Ctx::new(&f.globals, &f.lists);
        let floor = match holds(&plan.rules[r as usize], &cx) {
            true => rule.value.as_ref().map_or(Value::Null, |v| eval(v, &cx)),
            false => Value::Null,
        };
        let now = f.globals[g.slot as usize];
        let st = match (rank(floor), rank(now)) {
            (None, _) => Status::NotFired,
            (Some(x), Some(y)) if x <= y => {
                if won.is_some() {
                    Status::Lost
                } else {
                    Status::Given
                }
            }
            _ => {
                if let Some(w) = won.replace(r) {
                    f.status[prog.rules[w as usize].status as usize] = Status::Lost;
                }
                f.globals[g.slot as usize] = floor;
                Status::Won
            }
        };
        f.status[rule.status as usize] = st;
    }
}

/// Whether a rule's condition holds: the part that reads only the case, then the rest.
fn holds(rule: &RuleCond, cx: &Ctx) -> bool {
    test(&rule.pre, cx) && test(&rule.run, cx)
}

/// For a conclusion about each member of a list: which of its rules hold as far as the case
/// alone goes. Tested once, before the members.
fn pre<B: Bits>(cp: &ConclusionPlan, set: &RuleSet<B>, cx: &Ctx) -> B {
    let mut bits = B::none(set.len);
    for (i, p) in cp.pre.iter().enumerate() {
        if test(p, cx) {
            bits.set(i as u32);
        }
    }
    bits
}
