//! Stage 6, beside the command line: `zeren serve`, the decision service and the workbench. It
//! holds one checked policy set ([`state`]), answers the endpoints of one table ([`routes`], from
//! which the OpenAPI document is made too), and guards every request the same way: a request
//! id, a bounded number in flight (503 with `Retry-After` past it), a deadline, a log line, and
//! its count in the metrics. SIGHUP (or `POST /v1/reload` from loopback) reads the policies again
//! and swaps the set whole if it checks.

mod decide;
mod info;
pub mod input;
mod metrics;
pub mod problem;
pub mod routes;
pub mod state;
mod workbench;

use crate::engine::Engine;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use problem::Refusal;
pub use state::{Limits, Set, State};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The service's router over `state`.
pub fn app(state: Arc<State>) -> Router {
    let mut router = Router::new();
    for e in routes::ENDPOINTS {
        let st = state.clone();
        let filter = axum::routing::MethodFilter::try_from(e.method.clone())
            .unwrap_or(axum::routing::MethodFilter::GET);
        router =
            router.route(e.path, axum::routing::on(filter, move |req: Request| guard(e, st.clone(), req)));
    }
    router
        .fallback(|req: Request| async move {
            Refusal::new(
                StatusCode::NOT_FOUND,
                "zeren::serve::not_found",
                format!("no endpoint at `{}`", req.uri().path()),
            )
            .help("`GET /openapi.json` lists the endpoints")
            .into_response()
        })
        .method_not_allowed_fallback(|req: Request| async move {
            Refusal::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "zeren::serve::method",
                format!("`{}` does not answer {}", req.uri().path(), req.method()),
            )
            .help("`GET /openapi.json` lists the endpoints and their methods")
            .into_response()
        })
}

/// Serves one request of endpoint `e`: see the module.
async fn guard(e: &'static routes::Endpoint, state: Arc<State>, mut req: Request) -> Response {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let started = Instant::now();
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{:x}", NEXT.fetch_add(1, Ordering::Relaxed)));
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    // The probes of those who watch the service are answered even when it is busy.
    let watched = matches!(e.path, "/healthz" | "/metrics");
    let permit = if watched { None } else { state.permits.clone().try_acquire_owned().ok() };
    let mut response = if !watched && permit.is_none() {
        let mut r = Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "zeren::serve::busy",
            "too many requests in flight",
        )
        .help("try again in a second");
        r.retry_after = Some(1);
        r.into_response()
    } else {
        match routes::admit(e, &req) {
            Err(r) => r.into_response(),
            Ok(pairs) => {
                req.extensions_mut().insert(pairs);
                req.extensions_mut().insert(e);
                match tokio::time::timeout(state.limits.deadline, (e.handler)(state.clone(), req)).await {
                    Ok(r) => r,
                    Err(_) => {
                        let mut r = Refusal::new(
                            StatusCode::SERVICE_UNAVAILABLE,
                            "zeren::serve::deadline",
                            format!("the request took longer than {} ms", state.limits.deadline.as_millis()),
                        )
                        .help("send fewer cases a request");
                        r.retry_after = Some(1);
                        r.into_response()
                    }
                }
            }
        }
    };
    drop(permit);
    let took = started.elapsed();
    let status = response.status().as_u16();
    state.metrics.request(e.path, status, took);
    tracing::info!(id = %id, method = %method, path = %path, status, micros = took.as_micros() as u64, "request");
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    response
}

/// Runs CPU-bound work (deciding, checking, loading) on tokio's blocking threads; a task that
/// panicked is a 500 naming what failed.
pub(crate) async fn blocking<T: Send + 'static>(
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(f).await.map_err(|_| {
        Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "zeren::serve::internal", format!("{what} failed"))
    })
}

/// How `zeren serve` was asked to run.
pub struct Config {
    /// Where to listen (`127.0.0.1:8080`; port 0 picks a free one).
    pub addr: String,
    /// The layers' files and folders, read again on reload.
    pub paths: Vec<PathBuf>,
    /// The limits.
    pub limits: Limits,
}

/// Runs the service until interrupted: 0 when stopped, 2 when it cannot listen, 1 when the
/// policies are refused.
pub fn run(engine: Engine, config: Config) -> u8 {
    let set = match Set::from_engine(engine) {
        Ok(s) => s,
        Err(r) => {
            eprintln!("error: {}", r.message);
            return 1;
        }
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the service: {e}");
            return 2;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&config.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", config.addr);
                return 2;
            }
        };
        let state = Arc::new(State::new(set, config.paths, config.limits));
        let at = listener.local_addr().map(|a| a.to_string()).unwrap_or(config.addr);
        // The first line on standard output says where it listens (a test or script reads it).
        println!("zeren serve: listening on http://{at}");
        tracing::info!(set = %state.set().digest, "serving");
        tokio::spawn(hangups(state.clone()));
        let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
        match axum::serve(listener, app).with_graceful_shutdown(stopped()).await {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: the service stopped: {e}");
                2
            }
        }
    })
}

/// Reloads the policies at each SIGHUP.
async fn hangups(state: Arc<State>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hup) = signal(SignalKind::hangup()) else { return };
        while hup.recv().await.is_some() {
            match state.reload().await {
                Ok(set) => tracing::info!(set = %set.digest, "policies reloaded on SIGHUP"),
                Err(r) => {
                    tracing::warn!(code = %r.code, problems = r.problems.len(), "reload refused, the old policies keep serving: {}", r.message)
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = state;
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
