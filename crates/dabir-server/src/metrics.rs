//! Request counts and latency histograms per route, written in the Prometheus text
//! exposition format (version 0.0.4) at `GET /metrics`.
//!
//! Hand-written rather than a metrics crate: three metric families with labels we
//! choose ourselves (route templates, never raw paths, so the label set stays small)
//! fit in a page, need no global recorder, and the format is checked in a test.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 15] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0,
];

/// Counts per status and the latency histogram of one route and method.
#[derive(Debug, Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    /// Observations at or below each bound of [`BUCKETS`] (cumulative, as exposed).
    buckets: [u64; BUCKETS.len()],
    sum_seconds: f64,
    count: u64,
}

/// The server's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    routes: Mutex<BTreeMap<(&'static str, String), RouteStats>>,
    in_flight: AtomicI64,
}

/// Marks a request in flight until dropped (also when the request is cancelled).
pub struct InFlight<'a>(&'a Metrics);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    /// Counts a request as started.
    pub fn start(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(self)
    }

    /// Records an answered request of `route` (a route template such as
    /// `/v1/normalize`).
    pub fn observe(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        // A poisoned lock only means a panic elsewhere while counting: keep counting.
        let mut routes = self
            .routes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let stats = routes.entry((method, route.to_owned())).or_default();
        *stats.by_status.entry(status).or_default() += 1;
        for (bound, count) in BUCKETS.iter().zip(stats.buckets.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
        stats.sum_seconds += seconds;
        stats.count += 1;
    }

    /// The metrics in the Prometheus text format.
    pub fn render(&self) -> String {
        let routes = self
            .routes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut out = String::with_capacity(4096);
        out.push_str(
            "# HELP dabir_http_requests_total HTTP requests answered, by route, method and status.\n\
             # TYPE dabir_http_requests_total counter\n",
        );
        for ((method, route), stats) in routes.iter() {
            for (status, n) in &stats.by_status {
                let _ = writeln!(
                    out,
                    "dabir_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        out.push_str(
            "# HELP dabir_http_request_duration_seconds Time from receiving a request to answering it, by route.\n\
             # TYPE dabir_http_request_duration_seconds histogram\n",
        );
        for ((method, route), stats) in routes.iter() {
            let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
            for (bound, n) in BUCKETS.iter().zip(stats.buckets.iter()) {
                let _ = writeln!(
                    out,
                    "dabir_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "dabir_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                stats.count
            );
            let _ = writeln!(
                out,
                "dabir_http_request_duration_seconds_sum{{{labels}}} {}",
                stats.sum_seconds
            );
            let _ = writeln!(
                out,
                "dabir_http_request_duration_seconds_count{{{labels}}} {}",
                stats.count
            );
        }
        let _ = write!(
            out,
            "# HELP dabir_http_requests_in_flight Requests being answered now.\n\
             # TYPE dabir_http_requests_in_flight gauge\n\
             dabir_http_requests_in_flight {}\n\
             # HELP dabir_build_info The version of dabir serving.\n\
             # TYPE dabir_build_info gauge\n\
             dabir_build_info{{version=\"{}\"}} 1\n",
            self.in_flight.load(Ordering::Relaxed),
            env!("CARGO_PKG_VERSION")
        );
        out
    }
}

/// A label value with `\`, `"` and line breaks escaped, as the format requires.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_counts_per_status() {
        let m = Metrics::default();
        m.observe("POST", "/v1/normalize", 200, 0.003);
        m.observe("POST", "/v1/normalize", 200, 0.7);
        m.observe("POST", "/v1/normalize", 400, 0.0001);
        let text = m.render();
        assert!(text.contains(
            "dabir_http_requests_total{method=\"POST\",route=\"/v1/normalize\",status=\"200\"} 2\n"
        ));
        assert!(text.contains(
            "dabir_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/normalize\",le=\"0.005\"} 2\n"
        ));
        assert!(text.contains(
            "dabir_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/normalize\",le=\"+Inf\"} 3\n"
        ));
        // every sample line is `name{labels} value` or `name value`, value a number
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit(' ').next().unwrap();
            assert!(value.parse::<f64>().is_ok(), "{line}");
        }
        assert_eq!(escape("a\"b\\"), "a\\\"b\\\\");
    }
}
