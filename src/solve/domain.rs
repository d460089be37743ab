//! Small domains: every value a condition reads has one (booleans, enum values, integers and
//! dates split at the constants the conditions compare them with), so a condition can be tried
//! on every combination (`satisfiable`). The checker uses this for conflicts and dead rules;
//! `analyze` for gaps and witness cases.

use crate::program::ir::{Expr, Value};
use crate::program::*;

/// The list a rule's member reads (`Var(0, _)`) belong to, for a rule about each member.
pub fn member_list(scope: Scope) -> Option<u16> {
    match scope {
        Scope::Member(l) => Some(l),
        Scope::Global => None,
    }
}

/// A value given to what a condition reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// What is read: a path (`unit.kind`), or `#…` for a computed value.
    pub name: String,
    /// Its value.
    pub value: Value,
}

/// Whether some case makes a condition true.
pub enum Sat {
    /// Yes, for example with these values (the named ones; `#…` keys are computed values).
    Yes(Vec<Binding>),
    /// No case does.
    No,
    /// Too many combinations to try.
    Unknown,
}

/// A witness in words: `unit.kind is administrative_organ, conduct_date is 2018-06-01`.
pub fn describe(prog: &Program, asg: &[Binding]) -> String {
    let parts: Vec<String> = asg
        .iter()
        .filter(|b| !b.name.starts_with('#'))
        .map(|b| format!("{} is {}", b.name, show(prog, b.value)))
        .collect();
    if parts.is_empty() { "always".into() } else { parts.join(", ") }
}

/// One value read by a condition, with the values it may take.
pub struct Atom {
    /// What is read: a path, or `#…` for a computed value.
    pub key: String,
    /// The values it may take.
    pub domain: Vec<Value>,
    /// The expression it stands for, to name it in words.
    pub expr: Expr,
}

/// At most this many steps for one `satisfiable`; past them the answer is `Sat::Unknown`.
pub const MAX_STEPS: usize = 1 << 20;

/// Whether some case makes `e` true; `list` is the list whose member `Var(0, _)` reads. The
/// atoms are chosen one at a time, one value of each class (`classes`), and a branch ends as soon
/// as `e` no longer depends on the atoms left (`partial`).
pub fn satisfiable(prog: &Program, list: Option<u16>, e: &Expr) -> Sat {
    let mut atoms: Vec<Atom> = vec![];
    let mut consts = vec![];
    collect_consts(e, &mut consts);
    let abs = abstracted(prog, list, e, &mut atoms, &consts);
    for a in &mut atoms {
        if a.domain.is_empty() {
            a.domain.push(Value::Null);
        }
    }
    let domains: Vec<&[Value]> = atoms.iter().map(|a| a.domain.as_slice()).collect();
    let reps: Vec<Vec<Value>> = super::classes::classes(&domains, &[&abs], &[])
        .iter()
        .zip(&atoms)
        .map(|(cs, a)| cs.iter().map(|c| a.domain[c[0]]).collect())
        .collect();
    let mut s = Sat1 {
        e: &abs,
        reps: &reps,
        values: atoms.iter().map(|a| a.domain[0]).collect(),
        known: vec![false; atoms.len()],
        steps: 0,
    };
    match s.find() {
        Some(true) => Sat::Yes(
            atoms.iter().zip(&s.values).map(|(a, v)| Binding { name: a.key.clone(), value: *v }).collect(),
        ),
        Some(false) => Sat::No,
        None => Sat::Unknown,
    }
}

struct Sat1<'a> {
    e: &'a Expr,
    reps: &'a [Vec<Value>],
    values: Vec<Value>,
    known: Vec<bool>,
    steps: usize,
}

impl Sat1<'_> {
    /// Whether some choice of the atoms not yet chosen makes `e` true; `None` past `MAX_STEPS`.
    fn find(&mut self) -> Option<bool> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return None;
        }
        let p = super::partial::Partial { values: &self.values, known: &self.known };
        if let Some(b) = p.holds(self.e) {
            return Some(b);
        }
        let n = p.pick(self.e)? as usize;
        self.known[n] = true;
        for i in 0..self.reps[n].len() {
            self.values[n] = self.reps[n][i];
            if self.find()? {
                return Some(true);
            }
        }
        self.known[n] = false;
        Some(false)
    }
}

/// A value as a witness or a pattern shows it.
pub fn show(prog: &Program, v: Value) -> String {
    match v {
        Value::Null => "absent".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Date(d) => crate::date::format(d),
        Value::Sym(s) => prog.syms.get(s as usize).cloned().unwrap_or_default(),
        _ => "some value".into(),
    }
}

/// The numbers and dates an expression compares with.
pub fn collect_consts(e: &Expr, out: &mut Vec<Value>) {
    walk(e, &mut |x| {
        if let Expr::Const(v @ (Value::Int(_) | Value::Date(_))) = x {
            out.push(*v);
        }
    });
}

/// Calls `f` on an expression and on each of its parts.
pub fn walk(e: &Expr, f: &mut impl FnMut(&Expr)) {
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
pub fn abstracted(
    prog: &Program,
    list: Option<u16>,
    e: &Expr,
    atoms: &mut Vec<Atom>,
    consts: &[Value],
) -> Expr {
    let mut atom = |key: String, domain: Vec<Value>| -> Expr {
        let n = atoms.iter().position(|a| a.key == key).unwrap_or_else(|| {
            atoms.push(Atom { key, domain, expr: e.clone() });
            atoms.len() - 1
        });
        Expr::Var(0, n as u32)
    };
    let b = |x: &Expr, atoms: &mut Vec<Atom>| Box::new(abstracted(prog, list, x, atoms, consts));
    match e {
        Expr::Const(_) => e.clone(),
        Expr::Global(s) => {
            let (name, ty, nullable) = global_info(prog, *s);
            atom(name, domain(prog, ty, nullable, consts))
        }
        Expr::Var(level, s) => {
            let (name, ty, nullable) = member_info(prog, list, *s);
            let key = if *level == 0 { name } else { format!("#member{level}.{s}") };
            atom(key, domain(prog, ty, nullable, consts))
        }
        Expr::Quant { kind, .. } => {
            let d = if *kind == crate::program::ir::QuantKind::Count {
                int_domain(consts)
            } else {
                vec![Value::Bool(false), Value::Bool(true)]
            };
            atom(format!("#{}", super::text::text(prog, e, list)), d)
        }
        // The best value over a list: any value of its scale (or none).
        Expr::Best { ranks, .. } => {
            let mut d: Vec<Value> =
                (0..ranks.len()).filter(|s| ranks[*s] != 255).map(|s| Value::Sym(s as u16)).collect();
            d.push(Value::Null);
            atom(format!("#{}", super::text::text(prog, e, list)), d)
        }
        Expr::SetSize(_) | Expr::ListLen(_) => {
            atom(format!("#{e:?}"), vec![Value::Int(0), Value::Int(1), Value::Int(2)])
        }
        Expr::Present(_) => atom(format!("#{e:?}"), vec![Value::Bool(false), Value::Bool(true)]),
        // Whether a member is among those named: a yes or no of its own.
        Expr::Has(..) => atom(
            format!("#{}", super::text::text(prog, e, list)),
            vec![Value::Bool(false), Value::Bool(true)],
        ),
        // Computed numbers and dates: an unknown of their own, with the constants compared to.
        Expr::Days(..) | Expr::WorkingDays(..) => atom(format!("#{e:?}"), int_domain(consts)),
        Expr::Arith(..) | Expr::AddMonths(..) => {
            let mut d = int_domain(consts);
            d.extend(domain(prog, Some(Ty::Date), true, consts));
            atom(format!("#{e:?}"), d)
        }
        Expr::Not(a) => Expr::Not(b(a, atoms)),
        Expr::And(x, y) => Expr::And(b(x, atoms), b(y, atoms)),
        Expr::All(xs) => Expr::All(xs.iter().map(|x| abstracted(prog, list, x, atoms, consts)).collect()),
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
pub fn computed(e: &Expr) -> bool {
    let arith = |x: &Expr| {
        matches!(x, Expr::Arith(..) | Expr::Days(..) | Expr::WorkingDays(..) | Expr::AddMonths(..))
    };
    match e {
        Expr::Cmp(_, x, y) | Expr::Eq(x, y) | Expr::Ne(x, y) => arith(x) || arith(y),
        _ => false,
    }
}

/// The numbers worth trying: 0, and each constant with its neighbours.
pub fn int_domain(consts: &[Value]) -> Vec<Value> {
    let mut d: Vec<i64> = vec![0];
    for v in consts {
        if let Value::Int(i) = v {
            d.extend([i - 1, *i, i + 1]);
        }
    }
    // Non-negative values first, so that witnesses count people and days as cases do.
    d.sort_by_key(|x| (*x < 0, x.unsigned_abs()));
    d.dedup();
    d.into_iter().map(Value::Int).collect()
}

/// The values worth trying for a value of a type (and absent, when it may be).
pub fn domain(prog: &Program, ty: Option<Ty>, nullable: bool, consts: &[Value]) -> Vec<Value> {
    let mut d = match ty {
        Some(Ty::Bool) => vec![Value::Bool(false), Value::Bool(true)],
        Some(Ty::Enum(e)) => prog.enums[e as usize].values.iter().map(|s| Value::Sym(*s)).collect(),
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

/// The name, type and whether it may be absent of what a global slot holds.
pub fn global_info(prog: &Program, slot: u32) -> (String, Option<Ty>, bool) {
    for f in &prog.facts {
        if f.def.slot == slot {
            return (f.def.name.clone(), Some(f.def.ty), f.def.optional);
        }
        for x in &f.fields {
            if x.slot == slot {
                return (format!("{}.{}", f.def.name, x.name), Some(x.ty), x.optional || f.def.optional);
            }
        }
    }
    for k in &prog.conclusions {
        if k.scope == Scope::Global && k.slot == slot {
            return (k.name.clone(), Some(k.ty), k.default == Value::Null);
        }
    }
    for l in &prog.lets {
        if l.slot == slot {
            return (l.name.clone(), Some(l.ty), true);
        }
    }
    (format!("#{slot}"), None, true)
}

/// The type of a slot of a member of `list` (a record field or a member conclusion) and whether
/// it may be absent, with a name for witnesses (`people.role`).
pub fn member_info(prog: &Program, list: Option<u16>, slot: u32) -> (String, Option<Ty>, bool) {
    let Some(l) = list else { return (format!("#{slot}"), None, true) };
    let def = &prog.lists[l as usize];
    if let Some(f) = prog.records[def.record as usize].fields.iter().find(|f| f.slot == slot) {
        return (format!("{}.{}", def.name, f.name), Some(f.ty), f.optional);
    }
    for k in &prog.conclusions {
        if k.scope == Scope::Member(l) && k.slot == slot {
            return (format!("{}.{}", def.name, k.name), Some(k.ty), k.default == Value::Null);
        }
    }
    (format!("#{slot}"), None, true)
}

/// The values worth trying for a fact of this type: those its rules compare it with, and one on
/// each side.
pub fn candidates(prog: &Program, ty: Ty, now: Value, consts: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = match ty {
        Ty::Bool => vec![Value::Bool(true), Value::Bool(false)],
        Ty::Enum(e) => prog.enums[e as usize].values.iter().map(|s| Value::Sym(*s)).collect(),
        Ty::Int => int_domain(consts).into_iter().filter(|v| !matches!(v, Value::Int(i) if *i < 0)).collect(),
        Ty::Date => domain(prog, Some(Ty::Date), false, consts)
            .into_iter()
            .filter(|v| !matches!(v, Value::Date(0)))
            .collect(),
        _ => vec![],
    };
    out.retain(|v| *v != now);
    out
}

/// The numbers and dates the rules compare with.
pub fn constants(prog: &Program) -> Vec<Value> {
    let mut consts = vec![];
    for r in &prog.rules {
        collect_consts(&r.cond, &mut consts);
    }
    for l in &prog.lets {
        collect_consts(&l.expr, &mut consts);
    }
    consts
}
