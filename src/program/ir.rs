//! Resolved expressions and runtime values: every name is bound to a slot, every enumeration
//! value to a symbol number, so evaluation does no string lookups.

/// An enumeration value, numbered across the whole policy set.
pub type Sym = u16;

/// A value in a frame slot. `Copy` and small, so frames are flat arrays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Value {
    /// Absent (an optional fact not given, a conclusion no rule reached).
    #[default]
    Null,
    /// Yes or no.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// Days since 1970-01-01.
    Date(i32),
    /// An enumeration value.
    Sym(Sym),
    /// A text of the case (index into the case's text table).
    Text(u32),
    /// A text written in the policy (index into the program's string table).
    PolicyText(u32),
    /// A provision (index into the program's provisions).
    Provision(u16),
    /// A set, as a bit mask over the set's universe.
    Set(u128),
}

impl Value {
    /// Whether it is `true` (an absent value is not).
    pub fn truthy(self) -> bool {
        matches!(self, Value::Bool(true))
    }
}

/// An order comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Ord {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Ord {
    /// Whether an ordering satisfies the comparison.
    pub fn test(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Ord::Lt => o == Less,
            Ord::Le => o != Greater,
            Ord::Gt => o == Greater,
            Ord::Ge => o != Less,
        }
    }
}

/// A quantifier over a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum QuantKind {
    /// Some member satisfies the body.
    Any,
    /// Every member does.
    All,
    /// How many do.
    Count,
}

/// A resolved expression.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    /// A constant.
    Const(Value),
    /// A slot of the case's global frame.
    Global(u32),
    /// A slot of the list member bound at `level` (0: the `each` member, 1..: quantifiers).
    Var(u8, u32),
    /// Not.
    Not(Box<Expr>),
    /// Both.
    And(Box<Expr>, Box<Expr>),
    /// All of several conditions (a rule's conjuncts), tested in order, stopping at the first false.
    All(Box<[Expr]>),
    /// Either.
    Or(Box<Expr>, Box<Expr>),
    /// Equal (an absent value equals nothing).
    Eq(Box<Expr>, Box<Expr>),
    /// Different (both present).
    Ne(Box<Expr>, Box<Expr>),
    /// Integers or dates.
    Cmp(Ord, Box<Expr>, Box<Expr>),
    /// Values of a scale, compared by rank (`ranks[sym]`).
    Rank(Ord, Box<[u8]>, Box<Expr>, Box<Expr>),
    /// An enumeration value among these.
    InSet(Box<Expr>, Box<[Sym]>),
    /// A member's position (an integer) among the positions a set of members holds.
    Has(Box<Expr>, Box<Expr>),
    /// `value if cond`: the value, or Null.
    If(Box<Expr>, Box<Expr>),
    /// `any`, `all` or `count` of a list's members that satisfy the body.
    Quant {
        /// Which.
        kind: QuantKind,
        /// The list.
        list: u16,
        /// The level the body reads each member at.
        level: u8,
        /// The condition on each member.
        body: Box<Expr>,
    },
    /// `max` (`true`) or `min` of the values of a scale the body takes on a list's members, by
    /// rank (`ranks[sym]`); absent when no member has one.
    Best {
        /// Highest (or lowest).
        max: bool,
        /// The list.
        list: u16,
        /// The level the body reads each member at.
        level: u8,
        /// The value of each member.
        body: Box<Expr>,
        /// The rank of each symbol on the scale.
        ranks: Box<[u8]>,
    },
    /// Number of members of a set value.
    SetSize(Box<Expr>),
    /// Number of members of a list.
    ListLen(u16),
    /// Whether a slot holds a value.
    Present(Box<Expr>),
    /// An enumeration value turned into a one-member set: `bits[sym]` is its bit.
    SymToSet(Box<Expr>, Box<[u8]>),
    /// `a + b`, `a - b` (`true`): integers, or a date and a number of days.
    Arith(bool, Box<Expr>, Box<Expr>),
    /// `add_months(d, n)` (months 1) and `add_years(d, n)` (months 12): the corresponding day.
    AddMonths(Box<Expr>, Box<Expr>, i64),
    /// `days(a, b)`: calendar days from date a to date b.
    Days(Box<Expr>, Box<Expr>),
    /// `working_days(a, b)`: working days after a up to and including b.
    WorkingDays(Box<Expr>, Box<Expr>, std::sync::Arc<super::Calendar>),
}

impl Expr {
    /// Calls `f` on this expression and on every expression inside it.
    pub fn visit(&self, f: &mut impl FnMut(&Expr)) {
        f(self);
        match self {
            Expr::Const(_) | Expr::Global(_) | Expr::Var(..) | Expr::ListLen(_) => {}
            Expr::Not(a) | Expr::SetSize(a) | Expr::Present(a) | Expr::SymToSet(a, _) | Expr::InSet(a, _) => {
                a.visit(f)
            }
            Expr::Quant { body, .. } | Expr::Best { body, .. } => body.visit(f),
            Expr::And(a, b)
            | Expr::Or(a, b)
            | Expr::Eq(a, b)
            | Expr::Ne(a, b)
            | Expr::If(a, b)
            | Expr::Has(a, b)
            | Expr::Cmp(_, a, b)
            | Expr::Rank(_, _, a, b)
            | Expr::Arith(_, a, b)
            | Expr::AddMonths(a, b, _)
            | Expr::Days(a, b)
            | Expr::WorkingDays(a, b, _) => {
                a.visit(f);
                b.visit(f);
            }
            Expr::All(xs) => xs.iter().for_each(|x| x.visit(f)),
        }
    }

    /// Both, leaving out a side that is always true.
    pub fn and(a: Expr, b: Expr) -> Expr {
        match (&a, &b) {
            (Expr::Const(Value::Bool(true)), _) => b,
            (_, Expr::Const(Value::Bool(true))) => a,
            _ => Expr::And(Box::new(a), Box::new(b)),
        }
    }
}
