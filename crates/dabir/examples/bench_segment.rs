//! Throughput of sentence splitting + tokenization + clitic splitting, single-threaded:
//! `cargo run --release --example bench_segment -- FILE [MIN_MB] [RUNS]`. The file is
//! repeated in memory until it reaches MIN_MB (default 100) and segmented line by line
//! (every line break ends a sentence anyway); prints one JSON line with the median MB/s
//! by wall-clock time and by the thread's CPU time (Linux `/proc/thread-self/schedstat`;
//! on a loaded machine the two differ).

use dabir::segment::{Segmented, Segmenter};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: bench_segment FILE [MIN_MB] [RUNS]")?;
    let min_mb: f64 = args.next().map_or(Ok(100.0), |s| s.parse())?;
    let runs: usize = args.next().map_or(Ok(3), |s| s.parse())?;
    let one = std::fs::read_to_string(&path)?;
    let mut text = String::with_capacity((min_mb * 1e6) as usize + one.len());
    while (text.len() as f64) < min_mb * 1e6 {
        text.push_str(&one);
        if !one.ends_with('\n') {
            text.push('\n');
        }
    }
    let seg = Segmenter::new();
    let mut out = Segmented::default();
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let (mut sentences, mut tokens, mut words) = (0usize, 0usize, 0usize);
    for _ in 0..runs {
        (sentences, tokens, words) = (0, 0, 0);
        let t = Instant::now();
        let c = cpu_ns();
        for line in text.split_inclusive('\n') {
            seg.segment_into(line, &mut out);
            sentences += out.sentences.len();
            tokens += out.tokens.len();
            words += out.words.len();
        }
        rates.push(text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_ns()) {
            cpu_rates.push(text.len() as f64 / 1e6 / ((b - a) as f64 / 1e9));
        }
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    cpu_rates.sort_by(|a, b| a.total_cmp(b));
    let cpu = cpu_rates
        .get(cpu_rates.len() / 2)
        .map_or("null".to_string(), |r| format!("{r:.1}"));
    println!(
        "{{\"system\": \"dabir\", \"mb\": {:.1}, \"mb_per_s\": {:.1}, \"cpu_mb_per_s\": {cpu}, \"runs\": {runs}, \"sentences\": {sentences}, \"tokens\": {tokens}, \"words\": {words}}}",
        text.len() as f64 / 1e6,
        rates.get(rates.len() / 2).copied().unwrap_or(0.0)
    );
    Ok(())
}

/// Nanoseconds this thread has run on a CPU (Linux only).
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
