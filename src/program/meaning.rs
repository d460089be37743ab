//! What a resolved expression means on a frame: its value, or whether a condition holds. This is
//! the one definition of the language's operators. The analyses try conditions on assignments
//! with it; the evaluation plan (`compile::Cond`) tests the commonest conditions inline and hands
//! every other one to it. No names, no allocation.

use super::Calendar;
use super::frame::Member;
use super::ir::{Expr, QuantKind, Value};

/// What an expression can read: the global slots, the lists, and the members bound by `each`
/// (level 0) and by quantifiers (levels 1–3).
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The case's global slots (facts, definitions, conclusions).
    pub globals: &'a [Value],
    /// Each list's members.
    pub lists: &'a [Vec<Member>],
    /// The slots of the member bound at each level.
    pub vars: [&'a [Value]; 4],
}

impl<'a> Ctx<'a> {
    /// A context that binds no member.
    pub fn new(globals: &'a [Value], lists: &'a [Vec<Member>]) -> Self {
        Ctx { globals, lists, vars: [&[]; 4] }
    }

    /// The same context with `member` bound at `level`.
    pub fn with(mut self, level: u8, member: &'a [Value]) -> Self {
        if let Some(v) = self.vars.get_mut(level as usize) {
            *v = member;
        }
        self
    }
}

fn get(s: &[Value], i: u32) -> Value {
    s.get(i as usize).copied().unwrap_or(Value::Null)
}

fn var(cx: &Ctx, level: u8, s: u32) -> Value {
    cx.vars.get(level as usize).map_or(Value::Null, |m| get(m, s))
}

/// Whether a condition holds (its value is `true`). `and`, `or` and `not` answer in a register;
/// an absent value is not `true`, so `not` of it holds.
pub fn truthy(e: &Expr, cx: &Ctx) -> bool {
    match e {
        Expr::Const(v) => v.truthy(),
        Expr::Global(s) => matches!(cx.globals.get(*s as usize), Some(Value::Bool(true))),
        Expr::Var(level, s) => var(cx, *level, *s).truthy(),
        Expr::All(xs) => xs.iter().all(|x| truthy(x, cx)),
        Expr::And(a, b) => truthy(a, cx) && truthy(b, cx),
        Expr::Or(a, b) => truthy(a, cx) || truthy(b, cx),
        Expr::Not(x) => !truthy(x, cx),
        Expr::If(v, c) => truthy(c, cx) && truthy(v, cx),
        _ => compare(e, cx),
    }
}

/// Whether a condition holds that is neither a slot nor `and`, `or`, `not`: a comparison of
/// values (equality, order, rank, membership, presence), or any other expression whose value is
/// `true`.
#[inline(never)]
pub fn compare(e: &Expr, cx: &Ctx) -> bool {
    match e {
        Expr::Eq(a, b) => {
            let (x, y) = (operand(a, cx), operand(b, cx));
            x != Value::Null && x == y
        }
        Expr::Ne(a, b) => {
            let (x, y) = (operand(a, cx), operand(b, cx));
            x != Value::Null && y != Value::Null && x != y
        }
        Expr::Cmp(op, a, b) => match (operand(a, cx), operand(b, cx)) {
            (Value::Int(x), Value::Int(y)) => op.test(x.cmp(&y)),
            (Value::Date(x), Value::Date(y)) => op.test(x.cmp(&y)),
            _ => false,
        },
        Expr::Rank(op, ranks, a, b) => match (operand(a, cx), operand(b, cx)) {
            (Value::Sym(x), Value::Sym(y)) => match (ranks.get(x as usize), ranks.get(y as usize)) {
                (Some(x), Some(y)) if *x != 255 && *y != 255 => op.test(x.cmp(y)),
                _ => false,
            },
            _ => false,
        },
        Expr::InSet(x, set) => matches!(operand(x, cx), Value::Sym(s) if set.contains(&s)),
        Expr::Has(set, x) => match (operand(set, cx), operand(x, cx)) {
            (Value::Set(bits), Value::Int(i)) => (0..128).contains(&i) && bits & (1u128 << i) != 0,
            _ => false,
        },
        Expr::Present(x) => operand(x, cx) != Value::Null,
        // The values that are not conditions: a quantifier, arithmetic, …
        _ => eval(e, cx).truthy(),
    }
}

/// Reads a constant or a slot without a call; anything else is evaluated. Most operands (and
/// most rules' values) are slots or constants, so this saves most of the recursion.
#[inline(always)]
pub fn operand(e: &Expr, cx: &Ctx) -> Value {
    match e {
        Expr::Const(v) => *v,
        Expr::Global(s) => get(cx.globals, *s),
        Expr::Var(level, s) => var(cx, *level, *s),
        _ => eval(e, cx),
    }
}

/// The value of an expression. A condition's value is `true` or `false`; the arithmetic on dates
/// and numbers is kept out of line so that the common nodes pay for a small frame.
#[inline(never)]
pub fn eval(e: &Expr, cx: &Ctx) -> Value {
    match e {
        Expr::Const(v) => *v,
        Expr::Global(s) => get(cx.globals, *s),
        Expr::Var(level, s) => var(cx, *level, *s),
        Expr::If(v, c) => {
            if truthy(c, cx) {
                operand(v, cx)
            } else {
                Value::Null
            }
        }
        Expr::Quant { kind, list, level, body } => quantify(*kind, *list, *level, body, cx),
        Expr::Best { max, list, level, body, ranks } => best(*max, *list, *level, body, ranks, cx),
        Expr::SetSize(x) => match operand(x, cx) {
            Value::Set(bits) => Value::Int(i64::from(bits.count_ones())),
            _ => Value::Int(0),
        },
        Expr::ListLen(l) => Value::Int(cx.lists.get(*l as usize).map_or(0, |l| l.len() as i64)),
        Expr::SymToSet(x, bits) => match operand(x, cx) {
            Value::Sym(s) => match bits.get(s as usize) {
                Some(b) if *b < 128 => Value::Set(1u128 << b),
                _ => Value::Set(0),
            },
            _ => Value::Set(0),
        },
        Expr::Arith(..) | Expr::AddMonths(..) | Expr::Days(..) | Expr::WorkingDays(..) => arithmetic(e, cx),
        Expr::Not(_)
        | Expr::And(..)
        | Expr::All(_)
        | Expr::Or(..)
        | Expr::Eq(..)
        | Expr::Ne(..)
        | Expr::Cmp(..)
        | Expr::Rank(..)
        | Expr::InSet(..)
        | Expr::Has(..)
        | Expr::Present(_) => Value::Bool(truthy(e, cx)),
    }
}

/// Numbers and dates: `+`, `-`, `add_months`, `days`, `working_days`.
#[inline(never)]
fn arithmetic(e: &Expr, cx: &Ctx) -> Value {
    match e {
        Expr::Arith(sub, a, b) => match (eval(a, cx), eval(b, cx)) {
            (Value::Int(x), Value::Int(y)) => {
                Value::Int(if *sub { x.saturating_sub(y) } else { x.saturating_add(y) })
            }
            // A day outside the years 0000–9999 is absent, never a wrapped or clamped date.
            (Value::Date(d), Value::Int(n)) => {
                let n = if *sub { n.checked_neg() } else { Some(n) };
                n.and_then(|n| crate::date::add_days(d, n)).map_or(Value::Null, Value::Date)
            }
            _ => Value::Null,
        },
        Expr::AddMonths(d, n, per) => match (eval(d, cx), eval(n, cx)) {
            (Value::Date(d), Value::Int(n)) => n
                .checked_mul(*per)
                .and_then(|n| crate::date::add_months(d, n))
                .map_or(Value::Null, Value::Date),
            _ => Value::Null,
        },
        Expr::Days(a, b) => match (eval(a, cx), eval(b, cx)) {
            (Value::Date(x), Value::Date(y)) => Value::Int(i64::from(y) - i64::from(x)),
            _ => Value::Null,
        },
        Expr::WorkingDays(a, b, cal) => match (eval(a, cx), eval(b, cx)) {
            (Value::Date(x), Value::Date(y)) => Value::Int(working_days(cal, x, y)),
            _ => Value::Null,
        },
        _ => eval(e, cx),
    }
}

/// `any`, `all` and `count` over a list: kept out of `eval` so that the common nodes do not pay
/// for the member context on the stack.
#[inline(never)]
fn quantify(kind: QuantKind, list: u16, level: u8, body: &Expr, cx: &Ctx) -> Value {
    let members = cx.lists.get(list as usize).map_or(&[][..], |l| &l[..]);
    let mut hits = 0i64;
    for m in members {
        let hit = truthy(body, &cx.with(level, &m.vals));
        match (kind, hit) {
            (QuantKind::Any, true) => return Value::Bool(true),
            (QuantKind::All, false) => return Value::Bool(false),
            _ => hits += i64::from(hit),
        }
    }
    match kind {
        QuantKind::Any => Value::Bool(false),
        QuantKind::All => Value::Bool(true),
        QuantKind::Count => Value::Int(hits),
    }
}

/// The highest (or lowest) value of a scale the body takes on the members, by rank.
fn best(max: bool, list: u16, level: u8, body: &Expr, ranks: &[u8], cx: &Ctx) -> Value {
    let members = cx.lists.get(list as usize).map_or(&[][..], |l| &l[..]);
    let rank = |v: Value| match v {
        Value::Sym(s) => ranks.get(s as usize).copied().filter(|r| *r != 255),
        _ => None,
    };
    let mut out: Option<(u8, Value)> = None;
    for m in members {
        let v = operand(body, &cx.with(level, &m.vals));
        if let Some(r) = rank(v) {
            let better = out.is_none_or(|(b, _)| if max { r > b } else { r < b });
            if better {
                out = Some((r, v));
            }
        }
    }
    out.map_or(Value::Null, |(_, v)| v)
}

/// Working days after `from` up to and including `to` (negative when `to` is earlier): Monday to
/// Friday, less the calendar's holidays, plus its extra workdays.
pub fn working_days(cal: &Calendar, from: i32, to: i32) -> i64 {
    let (lo, hi, sign) = if from <= to { (from, to, 1) } else { (to, from, -1) };
    let is_weekday = |d: i32| (d + 3).rem_euclid(7) < 5; // 1970-01-01 was a Thursday
    let within = |v: &[i32]| {
        let a = v.partition_point(|x| *x <= lo);
        let b = v.partition_point(|x| *x <= hi);
        (a, b)
    };
    // Whole weeks have five weekdays; the rest (at most six days) is counted day by day.
    let days = i64::from(hi) - i64::from(lo);
    let mut n = days / 7 * 5;
    let rest_start = i64::from(lo) + days / 7 * 7;
    for d in rest_start + 1..=i64::from(hi) {
        n += i64::from(is_weekday(d as i32));
    }
    let (a, b) = within(&cal.holidays);
    n -= cal.holidays[a..b].iter().filter(|h| is_weekday(**h)).count() as i64;
    let (a, b) = within(&cal.workdays);
    n += cal.workdays[a..b].iter().filter(|w| !is_weekday(**w)).count() as i64;
    n * sign
}
