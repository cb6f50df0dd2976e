//! `dabir serve [--addr 127.0.0.1:8080]`: the HTTP JSON API and the web page
//! (`dabir_server`), until Ctrl-C or SIGTERM; requests in flight are finished first.

use anyhow::Context as _;
use clap::Args;
use dabir_server::Config;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the JSON API (/v1/normalize, /v1/tokenize, /v1/analyze), /health, /metrics,
/// /openapi.json and the web page at /.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Largest request body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Config::default().max_body_bytes)]
    max_body: usize,
    /// Longest a request may wait and run, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
    /// Texts processed at once (default: one per core).
    #[arg(long, value_name = "N")]
    workers: Option<usize>,
    /// API requests read or waiting at once; more connections wait before their body
    /// is read.
    #[arg(long, value_name = "N", default_value_t = Config::default().max_in_flight)]
    max_in_flight: usize,
}

/// Runs `dabir serve`.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let timeout = Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|t| !t.is_zero())
        .with_context(|| {
            format!(
                "--timeout {}: not a positive number of seconds",
                args.timeout
            )
        })?;
    let defaults = Config::default();
    let config = Config {
        max_body_bytes: args.max_body,
        request_timeout: timeout,
        workers: args.workers.filter(|n| *n > 0).unwrap_or(defaults.workers),
        max_in_flight: args.max_in_flight.max(1),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime
        .block_on(dabir_server::serve(args.addr, &config, |addr| {
            // The first line on stderr names the address (scripts wait for it).
            eprintln!("dabir: serving on http://{addr}/ (Ctrl-C to stop)");
        }))
        .with_context(|| format!("serving on {}", args.addr))?;
    eprintln!("dabir: stopped");
    Ok(ExitCode::SUCCESS)
}
