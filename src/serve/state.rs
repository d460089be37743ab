//! What the service holds: the policy set it decides under (swapped whole on reload, so a request
//! decides under one set from start to end), where that set was read from, its limits, and its
//! metrics.

use super::metrics::Metrics;
use super::problem::Refusal;
use crate::engine::Engine;
use axum::http::StatusCode;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The service's limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest request body read, in bytes (413 past it).
    pub max_body: usize,
    /// How long a request may take before it is answered 503.
    pub deadline: Duration,
    /// How many requests are served at once (503 with `Retry-After` past it).
    pub in_flight: usize,
}

/// A checked policy set, and what names it.
pub struct Set {
    /// The engine.
    pub engine: Engine,
    /// `sha256:` of its layers' digests, in load order: what a decision was made under.
    pub digest: String,
    /// Each layer's id and digest, the base set first.
    pub layers: Vec<(String, String)>,
}

impl Set {
    /// Reads and checks the policy files at `paths` (with the national measures). A set with a
    /// problem, or with conflicts between rules, is refused as `zeren check` refuses it.
    pub fn load(paths: &[PathBuf]) -> Result<Set, Refusal> {
        let more = crate::source::read_policies(paths)
            .map_err(|e| Refusal::diagnostic(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
        Set::from_sources(more)
    }

    /// Checks policy texts given in full (with the national measures).
    pub fn from_sources(more: Vec<crate::source::Source>) -> Result<Set, Refusal> {
        let engine =
            Engine::load(more).map_err(|e| Refusal::diagnostic(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
        Set::from_engine(engine)
    }

    /// A loaded engine, refused if its rules conflict.
    pub fn from_engine(engine: Engine) -> Result<Set, Refusal> {
        if let Some(c) = engine.conflicts().next() {
            let mut r = Refusal::diagnostic(StatusCode::UNPROCESSABLE_ENTITY, c);
            r.problems = engine.conflicts().flat_map(|c| crate::diagnostic::json::problems(c)).collect();
            return Err(r);
        }
        let layers: Vec<(String, String)> =
            engine.program.layers.iter().map(|l| (l.id.clone(), l.digest.clone())).collect();
        let mut h = Sha256::new();
        for (_, d) in &layers {
            h.update(d.as_bytes());
            h.update(b"\n");
        }
        let digest = format!("sha256:{:x}", h.finalize());
        Ok(Set { engine, digest, layers })
    }
}

/// The service's state, shared by every request.
pub struct State {
    /// The set decisions are made under now.
    set: RwLock<Arc<Set>>,
    /// Where the layers are read from on reload.
    pub paths: Vec<PathBuf>,
    /// The limits.
    pub limits: Limits,
    /// Requests in flight, bounded.
    pub permits: Arc<tokio::sync::Semaphore>,
    /// What is counted.
    pub metrics: Metrics,
    /// One reload at a time.
    reloading: tokio::sync::Mutex<()>,
}

impl State {
    /// The state of a service deciding under `set`.
    pub fn new(set: Set, paths: Vec<PathBuf>, limits: Limits) -> State {
        State {
            set: RwLock::new(Arc::new(set)),
            paths,
            permits: Arc::new(tokio::sync::Semaphore::new(limits.in_flight)),
            limits,
            metrics: Metrics::default(),
            reloading: tokio::sync::Mutex::new(()),
        }
    }

    /// The set decisions are made under now (a request keeps the one it started with).
    pub fn set(&self) -> Arc<Set> {
        match self.set.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reads the policies again and, if they check, serves the new set from the next request on;
    /// if not, keeps the old set and says why.
    pub async fn reload(&self) -> Result<Arc<Set>, Refusal> {
        let _one = self.reloading.lock().await;
        let paths = self.paths.clone();
        let loaded = super::blocking("the reload", move || Set::load(&paths)).await?;
        let new = Arc::new(loaded.inspect_err(|_| self.metrics.reload(false))?);
        match self.set.write() {
            Ok(mut s) => *s = new.clone(),
            Err(poisoned) => *poisoned.into_inner() = new.clone(),
        }
        self.metrics.reload(true);
        Ok(new)
    }
}
