//! Analyses over the resolved rules: the order of computation (and cycles), conflicts between
//! rules without precedence, rules that can never apply, and unused vocabulary.
//!
//! Conflicts and dead rules are found by enumeration: every fact the measures speak of has a
//! small domain, so the conditions of two rules are tried on every combination of the values
//! they read (up to a bound; past it, nothing is reported).

use super::error::CheckError;
use super::resolve::{Checker, Dep};
use crate::compile::ir::{Expr, Value};
use crate::compile::program::*;
use crate::eval::expr::{Ctx, truthy};

pub fn order(c: &mut Checker) {
    let nl = c.prog.lets.len();
    let nc = c.prog.conclusions.len();
    let node = |d: &Dep| match d {
        Dep::Let(l) => *l as usize,
        Dep::Conclusion(k) => nl + *k as usize,
    };
    let mut deps: Vec<Vec<usize>> = vec![vec![]; nl + nc];
    for (l, ds) in c.let_deps.iter().enumerate() {
        deps[l] = ds.iter().map(node).collect();
    }
    for (k, concl) in c.prog.conclusions.iter().enumerate() {
        for r in &concl.rules {
            deps[nl + k].extend(c.rule_deps[*r as usize].iter().map(node));
        }
    }
    // Depth-first, in declaration order, so the order is stable.
    let mut state = vec![0u8; nl + nc];
    let mut out = vec![];
    let mut stack: Vec<usize> = vec![];
    for start in 0..nl + nc {
        if let Some(cycle) = visit(start, &deps, &mut state, &mut out, &mut stack) {
            let name = |n: usize| {
                if n < nl { c.prog.lets[n].name.clone() } else { c.prog.conclusions[n - nl].name.clone() }
            };
            let span = if cycle[0] < nl {
                c.prog.lets[cycle[0]].span
            } else {
                c.prog.conclusions[cycle[0] - nl].span
            };
            let chain: Vec<String> = cycle.iter().map(|n| name(*n)).chain([name(cycle[0])]).collect();
            c.errors.push(CheckError::Cycle {
                name: name(cycle[0]),
                chain: chain.join(" → "),
                src: c.src(span),
                span: span.into(),
            });
            return;
        }
    }
    c.prog.steps = out
        .into_iter()
        .map(|n| if n < nl { Step::Let(n as u32) } else { Step::Conclusion((n - nl) as u32) })
        .collect();
}

fn visit(
    n: usize,
    deps: &[Vec<usize>],
    state: &mut [u8],
    out: &mut Vec<usize>,
    stack: &mut Vec<usize>,
) -> Option<Vec<usize>> {
    match state[n] {
        2 => return None,
        1 => {
            let at = stack.iter().position(|x| *x == n).unwrap_or(0);
            return Some(stack[at..].to_vec());
        }
        _ => {}
    }
    state[n] = 1;
    stack.push(n);
    for d in &deps[n] {
        if let Some(cycle) = visit(*d, deps, state, out, stack) {
            return Some(cycle);
        }
    }
    stack.pop();
    state[n] = 2;
    out.push(n);
    None
}

/// The condition under which a rule's conclusion stands: an exception needs a rule it
/// overrides to fire.
fn effective(prog: &Program, r: u32) -> Expr {
    let rule = &prog.rules[r as usize];
    let mut cond = rule.cond.clone();
    if let Some((first, rest)) = rule.exception_to.split_first() {
        let any = rest.iter().fold(prog.rules[*first as usize].cond.clone(), |acc, t| {
            Expr::Or(Box::new(acc), Box::new(prog.rules[*t as usize].cond.clone()))
        });
        cond = Expr::and(cond, any);
    }
    cond
}

pub fn conflicts(c: &mut Checker) {
    let mut found = vec![];
    for concl in &c.prog.conclusions {
        if concl.combine != Combine::Unique {
            continue;
        }
        for (i, &a) in concl.rules.iter().enumerate() {
            for &b in &concl.rules[i + 1..] {
                let (ra, rb) = (&c.prog.rules[a as usize], &c.prog.rules[b as usize]);
                let related = ra.exception_to.contains(&b) || rb.exception_to.contains(&a);
                let same =
                    matches!((&ra.value, &rb.value), (Some(Expr::Const(x)), Some(Expr::Const(y))) if x == y);
                if related || same {
                    continue;
                }
                let both = Expr::and(effective(&c.prog, a), effective(&c.prog, b));
                if let Sat::Yes(witness) = satisfiable(c, member_list(ra.scope), &both) {
                    found.push((a, b, concl.name.clone(), witness));
                }
            }
        }
    }
    for (a, b, target, witness) in found {
        let (ra, rb) = (&c.prog.rules[a as usize], &c.prog.rules[b as usize]);
        let same_file = ra.span.src == rb.span.src;
        c.errors.push(CheckError::Conflict {
            a: ra.id.clone(),
            b: rb.id.clone(),
            target,
            witness,
            src: c.src(rb.span),
            span: rb.span.into(),
            other: same_file.then(|| ra.span.into()),
            elsewhere: if same_file {
                vec![]
            } else {
                vec![c.note(ra.span, format!("rule `{}`", ra.id), "conflicts with this one")]
            },
        });
    }
}

/// Two layers that define the same fact where both may decide one case.
pub fn define_conflicts(c: &mut Checker) {
    let mut found = vec![];
    for g in &c.prog.defines {
        for (i, &a) in g.rules.iter().enumerate() {
            for &b in &g.rules[i + 1..] {
                let both =
                    Expr::and(c.prog.rules[a as usize].cond.clone(), c.prog.rules[b as usize].cond.clone());
                if let Sat::Yes(witness) = satisfiable(c, None, &both) {
                    found.push((a, b, c.global_name(g.slot), witness));
                }
            }
        }
    }
    for (a, b, target, witness) in found {
        let (ra, rb) = (&c.prog.rules[a as usize], &c.prog.rules[b as usize]);
        let same_file = ra.span.src == rb.span.src;
        c.errors.push(CheckError::Conflict {
            a: ra.id.clone(),
            b: rb.id.clone(),
            target,
            witness,
            src: c.src(rb.span),
            span: rb.span.into(),
            other: same_file.then(|| ra.span.into()),
            elsewhere: if same_file {
                vec![]
            } else {
                vec![c.note(ra.span, format!("definition `{}`", ra.id), "defines it too")]
            },
        });
    }
}

pub fn never_fires(c: &mut Checker) {
    let mut dead = vec![];
    for r in 0..c.prog.rules.len() as u32 {
        let list = member_list(c.prog.rules[r as usize].scope);
        if let Sat::No = satisfiable(c, list, &effective(&c.prog, r)) {
            dead.push(r);
        }
    }
    for r in dead {
        let rule = &c.prog.rules[r as usize];
        c.errors.push(CheckError::NeverFires {
            rule: rule.id.clone(),
            src: c.src(rule.span),
            span: rule.span.into(),
        });
    }
}

fn member_list(scope: Scope) -> Option<u16> {
    match scope {
        Scope::Member(l) => Some(l),
        Scope::Global => None,
    }
}

enum Sat {
    Yes(String),
    No,
    Unknown,
}

/// One value read by a condition, with the values it may take.
struct Atom {
    key: String,
    domain: Vec<Value>,
}

/// Whether some case makes `e` true; `list` is the list whose member `Var(0, _)` reads.
fn satisfiable(c: &Checker, list: Option<u16>, e: &Expr) -> Sat {
    let mut atoms: Vec<Atom> = vec![];
    let mut consts = vec![];
    collect_consts(e, &mut consts);
    let abs = abstracted(c, list, e, &mut atoms, &consts);
    let total: usize = atoms.iter().map(|a| a.domain.len().max(1)).product();
    if total > 1 << 16 {
        return Sat::Unknown;
    }
    let mut asg: Vec<Value> =
        atoms.iter().map(|a| a.domain.first().copied().unwrap_or(Value::Null)).collect();
    let mut idx = vec![0usize; atoms.len()];
    loop {
        if truthy(&abs, &Ctx::new(&[], &[]).with(0, &asg)) {
            let parts: Vec<String> = atoms
                .iter()
                .zip(&asg)
                .filter(|(a, _)| !a.key.starts_with('#'))
                .map(|(a, v)| format!("{} is {}", a.key, show(c, *v)))
                .collect();
            return Sat::Yes(if parts.is_empty() { "always".into() } else { parts.join(", ") });
        }
        // Next combination.
        let mut k = 0;
        loop {
            if k == atoms.len() {
                return Sat::No;
            }
            idx[k] += 1;
            if idx[k] < atoms[k].domain.len() {
                asg[k] = atoms[k].domain[idx[k]];
                break;
            }
            idx[k] = 0;
            asg[k] = atoms[k].domain[0];
            k += 1;
        }
    }
}

fn show(c: &Checker, v: Value) -> String {
    match v {
        Value::Null => "absent".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Date(d) => crate::date::format(d),
        Value::Sym(s) => c.prog.syms.get(s as usize).cloned().unwrap_or_default(),
        _ => "some value".into(),
    }
}

fn collect_consts(e: &Expr, out: &mut Vec<Value>) {
    walk(e, &mut |x| {
        if let Expr::Const(v @ (Value::Int(_) | Value::Date(_))) = x {
            out.push(*v);
        }
    });
}

fn walk(e: &Expr, f: &mut impl FnMut(&Expr)) {
    f(e);
    match e {
        Expr::Not(a) | Expr::SetSize(a) | Expr::Present(a) | Expr::SymToSet(a, _) | Expr::InSet(a, _) => {
            walk(a, f)
        }
        Expr::And(a, b) | Expr::Or(a, b) | Expr::Eq(a, b) | Expr::Ne(a, b) | Expr::If(a, b) => {
            walk(a, f);
            walk(b, f);
        }
        Expr::Cmp(_, a, b) | Expr::Rank(_, _, a, b) => {
            walk(a, f);
            walk(b, f);
        }
        Expr::All(xs) => xs.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

/// The expression with every read replaced by an atom (`Var(0, n)`).
fn abstracted(c: &Checker, list: Option<u16>, e: &Expr, atoms: &mut Vec<Atom>, consts: &[Value]) -> Expr {
    let mut atom = |key: String, domain: Vec<Value>| -> Expr {
        let n = atoms.iter().position(|a| a.key == key).unwrap_or_else(|| {
            atoms.push(Atom { key, domain });
            atoms.len() - 1
        });
        Expr::Var(0, n as u32)
    };
    let b = |x: &Expr, atoms: &mut Vec<Atom>| Box::new(abstracted(c, list, x, atoms, consts));
    match e {
        Expr::Const(_) => e.clone(),
        Expr::Global(s) => {
            let (name, ty, nullable) = global_info(c, *s);
            atom(name, domain(c, ty, nullable, consts))
        }
        Expr::Var(level, s) => {
            let (name, ty, nullable) = member_info(c, list, *s);
            let key = if *level == 0 { name } else { format!("#member{level}.{s}") };
            atom(key, domain(c, ty, nullable, consts))
        }
        Expr::Quant { kind, .. } => {
            let d = if *kind == crate::compile::ir::QuantKind::Count {
                int_domain(consts)
            } else {
                vec![Value::Bool(false), Value::Bool(true)]
            };
            atom(format!("#{e:?}"), d)
        }
        Expr::SetSize(_) | Expr::ListLen(_) => {
            atom(format!("#{e:?}"), vec![Value::Int(0), Value::Int(1), Value::Int(2)])
        }
        Expr::Present(_) => atom(format!("#{e:?}"), vec![Value::Bool(false), Value::Bool(true)]),
        // Computed numbers and dates: an unknown of their own, with the constants compared to.
        Expr::Days(..) | Expr::WorkingDays(..) => atom(format!("#{e:?}"), int_domain(consts)),
        Expr::Arith(..) | Expr::AddMonths(..) => {
            let mut d = int_domain(consts);
            d.extend(domain(c, Some(Ty::Date), true, consts));
            atom(format!("#{e:?}"), d)
        }
        Expr::Not(a) => Expr::Not(b(a, atoms)),
        Expr::And(x, y) => Expr::And(b(x, atoms), b(y, atoms)),
        Expr::All(xs) => Expr::All(xs.iter().map(|x| abstracted(c, list, x, atoms, consts)).collect()),
        Expr::Or(x, y) => Expr::Or(b(x, atoms), b(y, atoms)),
        // A comparison with a computed number or date (`days(a, b) > 60`, `d > e + 7`) is an
        // unknown of its own: the small domains of its operands cannot stand for arithmetic.
        Expr::Cmp(..) | Expr::Eq(..) | Expr::Ne(..) if computed(e) => {
            atom(format!("#{e:?}"), vec![Value::Bool(false), Value::Bool(true)])
        }
        Expr::Eq(x, y) => Expr::Eq(b(x, atoms), b(y, atoms)),
        Expr::Ne(x, y) => Expr::Ne(b(x, atoms), b(y, atoms)),
        Expr::Cmp(o, x, y) => Expr::Cmp(*o, b(x, atoms), b(y, atoms)),
        Expr::Rank(o, r, x, y) => Expr::Rank(*o, r.clone(), b(x, atoms), b(y, atoms)),
        Expr::InSet(x, s) => Expr::InSet(b(x, atoms), s.clone()),
        Expr::If(x, y) => Expr::If(b(x, atoms), b(y, atoms)),
        Expr::SymToSet(x, t) => Expr::SymToSet(b(x, atoms), t.clone()),
    }
}

/// Whether a comparison's operands are computed (arithmetic, `days`, `working_days`).
fn computed(e: &Expr) -> bool {
    let arith = |x: &Expr| {
        matches!(x, Expr::Arith(..) | Expr::Days(..) | Expr::WorkingDays(..) | Expr::AddMonths(..))
    };
    match e {
        Expr::Cmp(_, x, y) | Expr::Eq(x, y) | Expr::Ne(x, y) => arith(x) || arith(y),
        _ => false,
    }
}

fn int_domain(consts: &[Value]) -> Vec<Value> {
    let mut d: Vec<i64> = vec![0];
    for v in consts {
        if let Value::Int(i) = v {
            d.extend([i - 1, *i, i + 1]);
        }
    }
    d.sort();
    d.dedup();
    d.into_iter().map(Value::Int).collect()
}

fn domain(c: &Checker, ty: Option<Ty>, nullable: bool, consts: &[Value]) -> Vec<Value> {
    let mut d = match ty {
        Some(Ty::Bool) => vec![Value::Bool(false), Value::Bool(true)],
        Some(Ty::Enum(e)) => c.prog.enums[e as usize].values.iter().map(|s| Value::Sym(*s)).collect(),
        Some(Ty::Int) => int_domain(consts),
        Some(Ty::Date) => {
            let mut d: Vec<i32> = vec![0];
            for v in consts {
                if let Value::Date(x) = v {
                    d.extend([x - 1, *x, x + 1]);
                }
            }
            d.sort();
            d.dedup();
            d.into_iter().map(Value::Date).collect()
        }
        Some(Ty::SetOfEnum(_) | Ty::SetOfProvision) => vec![Value::Set(0), Value::Set(1)],
        _ => vec![Value::Text(0)],
    };
    if nullable {
        d.push(Value::Null);
    }
    d
}

fn global_info(c: &Checker, slot: u32) -> (String, Option<Ty>, bool) {
    for f in &c.prog.facts {
        if f.def.slot == slot {
            return (f.def.name.clone(), Some(f.def.ty), f.def.optional);
        }
        for x in &f.fields {
            if x.slot == slot {
                return (format!("{}.{}", f.def.name, x.name), Some(x.ty), x.optional || f.def.optional);
            }
        }
    }
    for k in &c.prog.conclusions {
        if k.scope == Scope::Global && k.slot == slot {
            return (k.name.clone(), Some(k.ty), k.default == Value::Null);
        }
    }
    for l in &c.prog.lets {
        if l.slot == slot {
            return (l.name.clone(), Some(l.ty), true);
        }
    }
    (format!("#{slot}"), None, true)
}

/// The type of a slot of a member of `list` (a record field or a member conclusion) and whether
/// it may be absent, with a name for witnesses (`people.role`).
fn member_info(c: &Checker, list: Option<u16>, slot: u32) -> (String, Option<Ty>, bool) {
    let Some(l) = list else { return (format!("#{slot}"), None, true) };
    let def = &c.prog.lists[l as usize];
    if let Some(f) = c.prog.records[def.record as usize].fields.iter().find(|f| f.slot == slot) {
        return (format!("{}.{}", def.name, f.name), Some(f.ty), f.optional);
    }
    for k in &c.prog.conclusions {
        if k.scope == Scope::Member(l) && k.slot == slot {
            return (format!("{}.{}", def.name, k.name), Some(k.ty), k.default == Value::Null);
        }
    }
    (format!("#{slot}"), None, true)
}

pub fn unused(c: &mut Checker) {
    let mut problems = vec![];
    for f in &c.prog.facts {
        if f.def.open {
            continue;
        }
        let read = c.read_globals.get(f.def.slot as usize).copied().unwrap_or(false)
            || c.prog.decision.iter().any(|d| d.key == f.def.name);
        if !read {
            problems.push((f.def.name.clone(), f.def.span));
            continue;
        }
        for x in &f.fields {
            let used = c.read_globals.get(x.slot as usize).copied().unwrap_or(false)
                || c.prog
                    .decision
                    .iter()
                    .any(|d| d.key == f.def.name && d.fields.iter().any(|y| y.key == x.name));
            if !used && !x.open {
                problems.push((format!("{}.{}", f.def.name, x.name), x.span));
            }
        }
        if let Some(l) = f.list {
            let rec = &c.prog.records[c.prog.lists[l as usize].record as usize];
            for x in &rec.fields {
                if !x.open && !c.read_members.contains_key(&(l, x.slot)) {
                    problems.push((format!("{}.{}", f.def.name, x.name), x.span));
                }
            }
        }
    }
    let ne = c.prog.enums.len();
    for (i, used) in c.used_types.iter().enumerate() {
        let included = i < ne && {
            let vals = &c.prog.enums[i].values;
            c.prog.enums.iter().enumerate().any(|(j, e)| {
                j != i && c.used_types.get(j) == Some(&true) && vals.iter().all(|s| e.values.contains(s))
            })
        };
        let issuer = i < ne && {
            let vals = &c.prog.enums[i].values;
            c.prog.provisions.iter().any(|p| p.issuers.iter().any(|s| vals.contains(s)))
        };
        if !used && !included && !issuer {
            let (name, span) = if i < ne {
                (c.prog.enums[i].name.clone(), c.prog.enums[i].span)
            } else {
                let r = &c.prog.records[i - ne];
                (r.name.clone(), r.span)
            };
            problems.push((name, span));
        }
    }
    for (k, concl) in c.prog.conclusions.iter().enumerate() {
        let read = c.rule_deps.iter().chain(&c.let_deps).flatten().any(|d| *d == Dep::Conclusion(k as u32))
            || c.prog.decision.iter().any(|d| {
                matches!(d.cite, Cite::Conclusion(x) if x == k as u32)
                    || d.fields.iter().any(|f| matches!(f.cite, Cite::Conclusion(x) if x == k as u32))
            });
        if concl.rules.is_empty() || !read {
            problems.push((concl.name.clone(), concl.span));
        }
    }
    for (l, def) in c.prog.lets.iter().enumerate() {
        let read = c.rule_deps.iter().chain(&c.let_deps).flatten().any(|d| *d == Dep::Let(l as u32))
            || c.prog.decision.iter().any(|d| matches!(d.cite, Cite::Let(x) if x == l as u32));
        if !read {
            problems.push((def.name.clone(), def.span));
        }
    }
    for (name, span) in problems {
        c.errors.push(CheckError::Unused { name, src: c.src(span), span: span.into() });
    }
}
