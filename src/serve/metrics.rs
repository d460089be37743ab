//! What the service counts, printed as Prometheus text at `/metrics`: requests by route and
//! status, their latencies (a histogram by route), decisions by the values of the ranked
//! conclusions they reached, refusals by code, and reloads.

use crate::eval::decision::Decision;
use crate::program::ir::Value;
use crate::program::{Combine, Program};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// The upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Default)]
struct Latency {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Counts {
    requests: BTreeMap<(String, u16), u64>,
    latency: BTreeMap<String, Latency>,
    decisions: BTreeMap<(String, String), u64>,
    reloads: BTreeMap<&'static str, u64>,
}

/// The counters (one lock, held for a few additions).
#[derive(Default)]
pub struct Metrics(Mutex<Counts>);

impl Metrics {
    fn with(&self, f: impl FnOnce(&mut Counts)) {
        match self.0.lock() {
            Ok(mut c) => f(&mut c),
            Err(p) => f(&mut p.into_inner()),
        }
    }

    /// A request answered.
    pub fn request(&self, route: &str, status: u16, took: Duration) {
        self.with(|c| {
            *c.requests.entry((route.to_string(), status)).or_default() += 1;
            let l = c.latency.entry(route.to_string()).or_default();
            let s = took.as_secs_f64();
            for (i, b) in BUCKETS.iter().enumerate() {
                if s <= *b {
                    l.counts[i] += 1;
                }
            }
            l.count += 1;
            l.sum += s;
        });
    }

    /// A reload tried.
    pub fn reload(&self, ok: bool) {
        self.with(|c| *c.reloads.entry(if ok { "ok" } else { "refused" }).or_default() += 1);
    }

    /// A decision made: each value its ranked conclusions reached (a scale's value, for the case
    /// or for each member).
    pub fn decision(&self, prog: &Program, d: &Decision) {
        let mut seen = vec![];
        for (c, def) in prog.conclusions.iter().enumerate() {
            if !matches!(def.combine, Combine::Max(_) | Combine::Min(_)) {
                continue;
            }
            for v in d.values(c as u32) {
                let value = match v {
                    Value::Sym(s) => prog.sym_id(*s).into_owned(),
                    _ => "none".into(),
                };
                seen.push((def.name.clone(), value));
            }
        }
        self.with(|c| {
            for k in seen {
                *c.decisions.entry(k).or_default() += 1;
            }
        });
    }

    /// The Prometheus text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.with(|c| {
            out += "# HELP zeren_requests_total Requests answered, by route and status.\n";
            out += "# TYPE zeren_requests_total counter\n";
            for ((route, status), n) in &c.requests {
                let _ = writeln!(out, "zeren_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}");
            }
            out += "# HELP zeren_request_duration_seconds Time to answer a request, by route.\n";
            out += "# TYPE zeren_request_duration_seconds histogram\n";
            for (route, l) in &c.latency {
                for (b, n) in BUCKETS.iter().zip(l.counts) {
                    let _ = writeln!(
                        out,
                        "zeren_request_duration_seconds_bucket{{route=\"{route}\",le=\"{b}\"}} {n}"
                    );
                }
                let _ = writeln!(
                    out,
                    "zeren_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                    l.count
                );
                let _ = writeln!(out, "zeren_request_duration_seconds_sum{{route=\"{route}\"}} {}", l.sum);
                let _ = writeln!(out, "zeren_request_duration_seconds_count{{route=\"{route}\"}} {}", l.count);
            }
            out += "# HELP zeren_decisions_total Values reached by ranked conclusions (for the case or each member).\n";
            out += "# TYPE zeren_decisions_total counter\n";
            for ((conclusion, value), n) in &c.decisions {
                let _ = writeln!(
                    out,
                    "zeren_decisions_total{{conclusion=\"{conclusion}\",value=\"{}\"}} {n}",
                    value.replace('\\', "\\\\").replace('"', "\\\"")
                );
            }
            out += "# HELP zeren_reloads_total Reloads of the policies, by outcome.\n";
            out += "# TYPE zeren_reloads_total counter\n";
            for (outcome, n) in &c.reloads {
                let _ = writeln!(out, "zeren_reloads_total{{outcome=\"{outcome}\"}} {n}");
            }
        });
        out
    }
}
