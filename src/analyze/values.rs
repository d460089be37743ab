//! The values a gap's atom takes, as people read them: enumeration values by name, numbers and
//! dates as ranges (`≤ 50`, `51 to 60`, `≥ 2018-01-01`), since the search's values stand each for
//! the whole stretch between the constants the rules compare with.

use crate::program::Program;
use crate::program::ir::Value;
use crate::solve::domain::show;

/// Something a gap reads, with the values it takes in the gap.
#[derive(Debug, Clone)]
pub struct Values {
    /// What is read (`harm`, `people.role`, `any history: (…)`).
    pub name: String,
    /// The expression read, to name it in words (`render::words`).
    pub expr: crate::program::ir::Expr,
    /// The list whose member the expression reads at level 0, if any.
    pub list: Option<u16>,
    /// Its values as the policy writes them, or ranges of numbers or dates, or `absent`.
    pub values: Vec<String>,
    /// For numbers and dates: the ranges the values stand for.
    pub ranges: Vec<Range>,
    /// The values themselves (for enumerations and yes/no), to name them in words.
    pub chosen: Vec<Value>,
}

/// Numbers (or dates, as day numbers) from `low` to `high`, both included; `None`: no bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// The least, if any.
    pub low: Option<i64>,
    /// The greatest, if any.
    pub high: Option<i64>,
}

impl Range {
    /// Whether `x` lies in the range.
    pub fn contains(&self, x: i64) -> bool {
        self.low.is_none_or(|l| l <= x) && self.high.is_none_or(|h| x <= h)
    }
}

fn number(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Date(d) => Some(i64::from(d)),
        _ => None,
    }
}

impl Values {
    /// The values `chosen` (indices into `domain`) of something named `name`.
    pub fn of(
        prog: &Program,
        name: String,
        atom: (&crate::program::ir::Expr, Option<u16>),
        domain: &[Value],
        chosen: &[usize],
    ) -> Values {
        let (expr, list) = (atom.0.clone(), atom.1);
        let numeric = domain.iter().any(|v| number(*v).is_some());
        if !numeric {
            let values = chosen.iter().map(|i| show(prog, domain[*i])).collect();
            return Values {
                name,
                expr,
                list,
                values,
                ranges: vec![],
                chosen: chosen.iter().map(|i| domain[*i]).collect(),
            };
        }
        // The numbers in order; a run of chosen ones stands for everything between the values
        // on either side of it that are not chosen.
        let mut points: Vec<(i64, usize)> =
            domain.iter().enumerate().filter_map(|(i, v)| number(*v).map(|x| (x, i))).collect();
        points.sort_unstable();
        let date = domain.iter().any(|v| matches!(v, Value::Date(_)));
        let mut ranges = vec![];
        let mut k = 0;
        while k < points.len() {
            if !chosen.contains(&points[k].1) {
                k += 1;
                continue;
            }
            let start = k;
            while k + 1 < points.len() && chosen.contains(&points[k + 1].1) {
                k += 1;
            }
            let low = (start > 0).then(|| points[start - 1].0 + 1);
            let high = points.get(k + 1).map(|p| p.0 - 1);
            ranges.push(Range { low, high });
            k += 1;
        }
        let shown = |x: i64| {
            if date { crate::date::format(x as i32) } else { x.to_string() }
        };
        let mut values: Vec<String> = ranges
            .iter()
            .map(|r| match (r.low, r.high) {
                (Some(l), Some(h)) if l == h => format!("= {}", shown(l)),
                (Some(l), Some(h)) => format!("{} to {}", shown(l), shown(h)),
                (None, Some(h)) => format!("≤ {}", shown(h)),
                (Some(l), None) => format!("≥ {}", shown(l)),
                (None, None) => "any value".into(),
            })
            .collect();
        if chosen.iter().any(|i| domain[*i] == Value::Null) {
            values.push("absent".into());
        }
        Values { name, expr, list, values, ranges, chosen: chosen.iter().map(|i| domain[*i]).collect() }
    }

    /// Whether the values take `v` (a value of another program's domain for the same atom).
    pub fn admits(&self, prog: &Program, v: Value) -> bool {
        match (v, number(v)) {
            (Value::Null, _) => self.values.iter().any(|s| s == "absent"),
            (_, Some(x)) => self.ranges.iter().any(|r| r.contains(x)),
            _ => self.values.contains(&show(prog, v)),
        }
    }

    /// `harm = serious | particularly_serious`, `tw_visitors ≤ 50`.
    pub fn text(&self) -> String {
        if self.ranges.is_empty() {
            format!("{} = {}", self.name, self.values.join(" | "))
        } else {
            format!("{} {}", self.name, self.values.join(" | "))
        }
    }
}
