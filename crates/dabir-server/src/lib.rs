//! # dabir-server — the HTTP surface of dabir
//!
//! A JSON API and a web page over the [`dabir`] library, started by `dabir serve`.
//! Everything that touches text lives in the library; this crate only reads requests,
//! calls it, and writes answers.
//!
//! | route | what |
//! |---|---|
//! | `POST /v1/normalize` | the JSON of `dabir normalize --format json`, as `{"lines": […]}` |
//! | `POST /v1/tokenize` | the JSON of `dabir tokenize --format json`, as `{"sentences": […]}` |
//! | `POST /v1/analyze` | the [`dabir::Document`] of the text |
//! | `GET /v1/edit-kinds` | every kind of cleaning edit with its explanation |
//! | `GET /health` | `{"status": "ok", …}` |
//! | `GET /metrics` | request counts and latency histograms (Prometheus text format) |
//! | `GET /openapi.json` | the OpenAPI 3.1 description of all of this |
//! | `GET /` | the web page (embedded HTML, CSS, JS and the Vazirmatn font) |
//!
//! The POST routes take `{"text": "…", "options": {…}}` with the options of the CLI
//! flags ([`options`]); with `Accept: application/x-ndjson` normalize and tokenize
//! answer the CLI's JSON Lines byte for byte.
//!
//! # Limits
//! - Body size ([`Config::max_body_bytes`]): a larger body gets 413.
//! - Time ([`Config::request_timeout`]): waiting for a worker plus the work; past it
//!   the answer is 503 with `Retry-After`. (Work already running on a worker cannot be
//!   interrupted; it finishes and its result is dropped. The worker limit below keeps
//!   such leftovers from piling up.)
//! - Workers ([`Config::workers`]): at most this many texts are processed at once, on
//!   tokio's blocking pool; further requests wait their turn (within the timeout).
//! - In flight ([`Config::max_in_flight`]): at most this many API requests are read or
//!   waited on at once, which bounds the memory held by bodies; further connections
//!   wait before their body is read.
//!
//! Every error is JSON: `{"error": "<code>", "message": "…"}` ([`error::ApiError`]).
#![deny(missing_docs)]

mod api;
mod edit_kinds;
pub mod error;
mod metrics;
pub mod options;
mod render;
pub mod request;
mod web;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use error::ApiError;
use metrics::Metrics;
use request::BodyLimit;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::limit::GlobalConcurrencyLimitLayer;

/// The OpenAPI description served at `/openapi.json`, checked against the router and
/// the real answers in the tests.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// The server's limits.
#[derive(Debug, Clone)]
pub struct Config {
    /// Largest request body accepted, in bytes (default 1 MiB: a long article is 30 KB).
    pub max_body_bytes: usize,
    /// Longest a request may wait and run (default 30 s).
    pub request_timeout: Duration,
    /// Texts processed at once (default: the number of cores). Zero processes nothing
    /// (every request waits until it times out): only tests want that.
    pub workers: usize,
    /// API requests read or waiting at once (default 256).
    pub max_in_flight: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body_bytes: 1 << 20,
            request_timeout: Duration::from_secs(30),
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_in_flight: 256,
        }
    }
}

/// What the handlers share.
pub(crate) struct Shared {
    /// One permit per text being processed.
    workers: Arc<Semaphore>,
    metrics: Metrics,
    started: Instant,
}

impl Shared {
    /// Runs CPU-bound work on the blocking pool once a worker is free. The worker is
    /// held until the work ends, even if the request is dropped meanwhile (timeout,
    /// client gone), so abandoned work still counts against the limit.
    pub(crate) async fn run_cpu<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let permit = Arc::clone(&self.workers)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::Internal("the server is shutting down".into()))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| ApiError::Internal(format!("the work failed: {e}")))
    }
}

/// The whole application: API, health, metrics, OpenAPI and the web page.
pub fn router(config: &Config) -> Router {
    let shared = Arc::new(Shared {
        workers: Arc::new(Semaphore::new(config.workers)),
        metrics: Metrics::default(),
        started: Instant::now(),
    });
    let limit = BodyLimit(config.max_body_bytes);
    let timeout = config.request_timeout;
    let api = Router::new()
        .route("/v1/normalize", post(api::normalize))
        .route("/v1/tokenize", post(api::tokenize))
        .route("/v1/analyze", post(api::analyze))
        .layer(GlobalConcurrencyLimitLayer::new(
            config.max_in_flight.max(1),
        ))
        .layer(middleware::from_fn(move |req, next| {
            with_timeout(timeout, req, next)
        }))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(axum::Extension(limit));
    Router::new()
        .merge(api)
        .route("/v1/edit-kinds", get(edit_kinds::edit_kinds))
        .route("/health", get(health))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .merge(web::routes())
        .route_layer(middleware::from_fn_with_state(Arc::clone(&shared), track))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(shared)
}

/// Answers 503 when the request is not done in `timeout`.
async fn with_timeout(timeout: Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout(timeout).into_response(),
    }
}

/// Counts and times every request of a known route.
async fn track(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = match req.method().as_str() {
        "GET" => "GET",
        "POST" => "POST",
        "HEAD" => "HEAD",
        _ => "OTHER",
    };
    let start = Instant::now();
    let _in_flight = shared.metrics.start();
    let response = next.run(req).await;
    shared.metrics.observe(
        method,
        &route,
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}

async fn health(State(shared): State<Arc<Shared>>) -> Response {
    axum::Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "uptime_seconds": shared.started.elapsed().as_secs(),
    }))
    .into_response()
}

async fn metrics(State(shared): State<Arc<Shared>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        shared.metrics.render(),
    )
        .into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON).into_response()
}

async fn not_found(req: Request) -> ApiError {
    ApiError::NotFound(req.uri().path().to_owned())
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Serves `router(config)` on `listener` until `shutdown` completes; requests being
/// answered then are finished before this returns.
pub async fn serve_until(
    listener: TcpListener,
    config: &Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(config))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Serves on `addr` until Ctrl-C or SIGTERM, then finishes the requests in flight.
/// `on_ready` is told the address actually bound (port 0 picks a free port).
pub async fn serve(
    addr: SocketAddr,
    config: &Config,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    on_ready(listener.local_addr()?);
    serve_until(listener, config, shutdown_signal()).await
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
