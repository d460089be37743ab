//! Running the compiled steps over one case's frame.

use super::acc::Acc;
use super::expr::{Ctx, eval, operand, test};
use super::one_pass::decide;
use crate::program::frame::Frame;
use crate::program::frame::Status;
use crate::program::ir::Value;
use crate::program::{Conclusion, EnumDef, Program, RuleDef, Scope, Step, Ty};

/// Decides a case: fills the frame's conclusions and rule statuses.
pub fn run(prog: &Program, f: &mut Frame) {
    f.status.clear();
    f.status.resize(prog.global_rules as usize, Status::Unseen);
    f.conflicts.clear();
    f.define_conflicts.clear();
    // A member's rule that the case alone rules out is never tested for the member: its status
    // is this one.
    for m in f.lists.iter_mut().flatten() {
        m.status.fill(Status::NotFired);
    }
    define(prog, f);
    for step in &prog.steps {
        match *step {
            Step::Let(l) => {
                let def = &prog.lets[l as usize];
                let v = eval(&def.run, &Ctx::new(&f.globals, &f.lists));
                f.globals[def.slot as usize] = v;
            }
            Step::Conclusion(c) => {
                let def = &prog.conclusions[c as usize];
                match (def.scope, &def.one_pass) {
                    (Scope::Global, Some(plan)) => {
                        let out = decide(prog, def, plan, &Ctx::new(&f.globals, &f.lists), u64::MAX);
                        out.write(plan, u64::MAX, &mut f.status);
                        if out.conflict {
                            f.conflicts.push((c, None));
                        }
                        f.globals[def.slot as usize] = out.value;
                    }
                    (Scope::Member(l), Some(plan)) => {
                        let n = f.lists[l as usize].len();
                        let tested = if n == 0 { 0 } else { pre(prog, def, &Ctx::new(&f.globals, &f.lists)) };
                        for i in 0..n {
                            let cx = Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals);
                            let out = decide(prog, def, plan, &cx, tested);
                            let m = &mut f.lists[l as usize][i];
                            out.write(plan, tested, &mut m.status);
                            m.vals[def.slot as usize] = out.value;
                            if out.conflict {
                                f.conflicts.push((c, Some(i)));
                            }
                        }
                    }
                    (Scope::Global, None) => {
                        let mut status = std::mem::take(&mut f.status);
                        let v = conclude(prog, def, &Ctx::new(&f.globals, &f.lists), u64::MAX, &mut status);
                        f.status = status;
                        if v.1 {
                            f.conflicts.push((c, None));
                        }
                        f.globals[def.slot as usize] = v.0;
                        if let Some(b) = def.base_slot {
                            f.globals[b as usize] = v.2;
                        }
                    }
                    (Scope::Member(l), None) => {
                        let n = f.lists[l as usize].len();
                        let tested = if n == 0 { 0 } else { pre(prog, def, &Ctx::new(&f.globals, &f.lists)) };
                        for i in 0..n {
                            let mut status = std::mem::take(&mut f.lists[l as usize][i].status);
                            let v = {
                                let cx = Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals);
                                conclude(prog, def, &cx, tested, &mut status)
                            };
                            let m = &mut f.lists[l as usize][i];
                            m.status = status;
                            m.vals[def.slot as usize] = v.0;
                            if let Some(b) = def.base_slot {
                                m.vals[b as usize] = v.2;
                            }
                            if v.1 {
                                f.conflicts.push((c, Some(i)));
                            }
                        }
                    }
                }
            }
        }
    }
    for &r in &prog.finding_rules {
        let rule = &prog.rules[r as usize];
        match rule.scope {
            Scope::Global => {
                let fired = holds(rule, &Ctx::new(&f.globals, &f.lists));
                f.status[rule.status as usize] = if fired { Status::Won } else { Status::NotFired };
            }
            Scope::Member(l) => {
                for i in 0..f.lists[l as usize].len() {
                    let fired = {
                        let cx = Ctx::new(&f.globals, &f.lists).with(0, &f.lists[l as usize][i].vals);
                        holds(rule, &cx)
                    };
                    f.lists[l as usize][i].status[rule.status as usize] =
                        if fired { Status::Won } else { Status::NotFired };
                }
            }
        }
    }
}

/// The definitions of open terms: each fact the case leaves out is decided by the first layer's
/// definition that applies to the case, or takes its default.
fn define(prog: &Program, f: &mut Frame) {
    for g in &prog.defines {
        let given = f.globals[g.slot as usize] != Value::Null;
        let mut value: Option<(Value, u32)> = None;
        let mut conflict = false;
        for &r in &g.rules {
            let rule = &prog.rules[r as usize];
            let cx = Ctx::new(&f.globals, &f.lists);
            // A definition decides only where its layer does, only what the case leaves out,
            // and counts as applied only when it gives something other than the default.
            let st = if !holds(rule, &cx) {
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
    }
}

/// Whether a rule's condition holds: the part that reads only the case, then the rest.
fn holds(rule: &RuleDef, cx: &Ctx) -> bool {
    test(&rule.pre, cx) && test(&rule.run, cx)
}

/// For a conclusion about each member of a list: which of its rules (the first 64, as bits) hold
/// as far as the case alone goes. Tested once, before the members.
fn pre(prog: &Program, def: &Conclusion, cx: &Ctx) -> u64 {
    let mut bits = 0;
    for (i, &r) in def.rules.iter().enumerate().take(64) {
        bits |= u64::from(test(&prog.rules[r as usize].pre, cx)) << i;
    }
    bits
}

/// Whether the `i`th rule of a conclusion fires, given what `pre` found of the case.
#[inline(always)]
fn fires(i: usize, rule: &RuleDef, pre: u64, cx: &Ctx) -> bool {
    let case = if i < 64 { pre >> i & 1 == 1 } else { test(&rule.pre, cx) };
    case && test(&rule.run, cx)
}

/// Applies one conclusion's rules; returns its value, whether rules conflicted, and its value
/// before `up`/`down` rules moved it.
fn conclude(
    prog: &Program,
    def: &Conclusion,
    cx: &Ctx,
    pre: u64,
    status: &mut [Status],
) -> (Value, bool, Value) {
    let (v, conflict) = combine(prog, def, cx, pre, status);
    if def.base_slot.is_none() || conflict {
        return (v, conflict, v);
    }
    let steps: i32 = def
        .rules
        .iter()
        .map(|r| &prog.rules[*r as usize])
        .filter(|r| r.step != 0 && status[r.status as usize] == Status::Won)
        .map(|r| r.step)
        .sum();
    let to = match def.ty {
        Ty::Enum(e) => moved(&prog.enums[e as usize], v, steps),
        _ => v,
    };
    if to == v {
        // The steps changed nothing (a pinned value, the end of the scale, or steps that cancel):
        // the rules that asked for them did not decide the value.
        for r in def.rules.iter().map(|r| &prog.rules[*r as usize]).filter(|r| r.step != 0) {
            if status[r.status as usize] == Status::Won {
                status[r.status as usize] = Status::Lost;
            }
        }
    }
    (to, false, v)
}

/// A value of a scale moved `steps` up (or down), past pinned values, no further than the ends.
/// A pinned value, or no value, does not move.
pub fn moved(def: &EnumDef, v: Value, steps: i32) -> Value {
    let Value::Sym(s) = v else { return v };
    let Some(&rank) = def.bit.get(s as usize) else { return v };
    let mut i = rank as usize;
    if rank == 255 || def.pinned.get(i).copied().unwrap_or(true) {
        return v;
    }
    for _ in 0..steps.unsigned_abs() {
        let next = if steps > 0 {
            (i + 1..def.values.len()).find(|j| !def.pinned[*j])
        } else {
            (0..i).rev().find(|j| !def.pinned[*j])
        };
        match next {
            Some(j) => i = j,
            None => break,
        }
    }
    Value::Sym(def.values[i])
}

/// Applies a conclusion's rules and combines the values of those that won (not counting
/// `up`/`down` rules): the plain rules are tested first, then the exceptions (which apply only
/// when a rule they override fired), then the overridden rules lose.
fn combine(prog: &Program, def: &Conclusion, cx: &Ctx, pre: u64, status: &mut [Status]) -> (Value, bool) {
    let rules = &def.rules;
    statuses(prog, rules, cx, pre, status);
    let value_of = |r: u32| prog.rules[r as usize].value.as_ref().map_or(Value::Null, |v| operand(v, cx));
    let mut acc = Acc::new(def.combine);
    for &r in rules {
        let rule = &prog.rules[r as usize];
        if rule.step == 0 && status[rule.status as usize] == Status::Won {
            acc.add(value_of(r), &prog.enums);
        }
    }
    let done = acc.finish(def.default);
    for &r in rules {
        let rule = &prog.rules[r as usize];
        let st = &mut status[rule.status as usize];
        if *st != Status::Won {
            continue;
        }
        if done.conflict {
            *st = Status::Conflict;
        } else if rule.step == 0 && done.contested && value_of(r) != done.value {
            // It fired with a lower value than the best one.
            *st = Status::Lost;
        }
    }
    (done.value, done.conflict)
}

/// The statuses of a conclusion's rules on the general path (steps, more than 64 rules, or an
/// exception to an exception): plain rules first, then the exceptions, then the rules an
/// exception overrode.
fn statuses(prog: &Program, rules: &[u32], cx: &Ctx, pre: u64, status: &mut [Status]) {
    let mut exceptions = 0;
    for (i, &r) in rules.iter().enumerate() {
        let rule = &prog.rules[r as usize];
        if rule.exception_to.is_empty() {
            status[rule.status as usize] =
                if fires(i, rule, pre, cx) { Status::Won } else { Status::NotFired };
        } else {
            status[rule.status as usize] = Status::NotFired;
            exceptions += 1;
        }
    }
    // An exception applies only when a rule it overrides fired. That rule may itself be an
    // exception, written before or after it: the pass repeats until nothing changes (once more
    // than the longest chain, at most once per exception).
    for _ in 0..exceptions {
        let mut changed = false;
        for (i, &r) in rules.iter().enumerate() {
            let rule = &prog.rules[r as usize];
            if !rule.exception_to.is_empty() {
                let target_fired = rule
                    .exception_to
                    .iter()
                    .any(|t| status[prog.rules[*t as usize].status as usize] == Status::Won);
                let st = if target_fired && fires(i, rule, pre, cx) { Status::Won } else { Status::NotFired };
                changed |= status[rule.status as usize] != st;
                status[rule.status as usize] = st;
            }
        }
        if !changed {
            break;
        }
    }
    // A rule is overridden by any exception to it that applied, even one overridden in turn.
    for &r in rules {
        let rule = &prog.rules[r as usize];
        let fired = |e: &u32| status[prog.rules[*e as usize].status as usize].fired();
        if status[rule.status as usize] == Status::Won && rule.overridden_by.iter().any(fired) {
            status[rule.status as usize] = Status::Overridden;
        }
    }
}
