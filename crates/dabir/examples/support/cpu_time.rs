//! CPU time of the calling thread, shared by the timing examples (`#[path]`-included).

/// Nanoseconds this thread has run on a CPU (Linux; 0 elsewhere).
pub fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0)
}
