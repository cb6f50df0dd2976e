//! Throughput of each character- and spacing-level cleaning step, and of the whole
//! stage without ZWNJ restoration, single-threaded, in MB/s of input.
//!
//! `cargo run --release -p dabir --example clean_steps_speed -- [FILE] [REPEAT]`
//! (default: ../shared/data/zwnj/perdt-train.txt, repeated until at least 64 MB).
//! Each step runs on the text the steps before it produce, the way the pipeline feeds
//! it; lines are cleaned one by one with a fixed [`Context`], as `dabir normalize` does.

use dabir::clean::{
    digits, letters, punctuation, residue, spacing, unicode, CleanOptions, Cleaner, Context,
    Rewriter,
};
use std::time::Instant;

/// CPU time of this thread in seconds (from /proc; wall time where unavailable), so
/// that a shared machine's load does not count against the code measured.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Runs `f` and returns its CPU (or wall) seconds.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let (c0, t0) = (cpu_seconds(), Instant::now());
    let out = f();
    let secs = match (c0, cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => t0.elapsed().as_secs_f64(),
    };
    (out, secs)
}

type Step = fn(&mut Rewriter<'_>, &CleanOptions, &Context);

/// Runs `step` over every line; returns the output lines (the next step's input).
fn run_step(step: Step, lines: &[String], opts: &CleanOptions, ctx: &Context) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let mut rw = Rewriter::new(l);
            step(&mut rw, opts, ctx);
            match rw.finish() {
                Some((out, _)) => out,
                None => l.clone(),
            }
        })
        .collect()
}

/// Runs `step` over every line and throws the result away; returns the output bytes.
fn time_step(step: Step, lines: &[String], opts: &CleanOptions, ctx: &Context) -> usize {
    let mut changed = 0;
    for l in lines {
        let mut rw = Rewriter::new(l);
        step(&mut rw, opts, ctx);
        if let Some((out, _)) = rw.finish() {
            changed += out.len();
        }
    }
    changed
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().cloned().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/zwnj/perdt-train.txt"
        )
        .to_owned()
    });
    let text = std::fs::read_to_string(&path)?;
    let repeat: usize = match args.get(1) {
        Some(r) => r.parse()?,
        None => (64 << 20) / text.len().max(1) + 1,
    };
    let whole = std::env::var("WHOLE").is_ok();
    let mut lines: Vec<String> = Vec::new();
    for _ in 0..repeat {
        if whole {
            lines.push(text.clone());
        } else {
            lines.extend(text.lines().map(str::to_owned));
        }
    }
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let mb = bytes as f64 / 1e6;
    let opts = CleanOptions {
        restore_zwnj: false,
        ..CleanOptions::default()
    };
    let ctx = Context::of(&text);
    println!(
        "input: {path} x{repeat} = {mb:.1} MB, {} lines",
        lines.len()
    );
    // Peer figure measured in the same run by scripts/clean_steps_speed.sh, for a ratio.
    let hazm: Option<f64> = std::env::var("HAZM_MBS").ok().and_then(|v| v.parse().ok());
    let ratio = |mbs: f64| hazm.map_or(String::new(), |h| format!("  x{:.0} hazm", mbs / h));
    let steps: [(&str, Step); 6] = [
        ("residue", residue::apply),
        ("unicode", unicode::apply),
        ("letters", letters::apply),
        ("digits", digits::apply),
        ("punctuation", punctuation::apply),
        ("spacing", spacing::apply),
    ];
    let mut current = lines.clone();
    let mut total = 0.0;
    for (name, step) in steps {
        // best of three: the machine is shared
        let secs = (0..3)
            .map(|_| timed(|| time_step(step, &current, &opts, &ctx)).1)
            .fold(f64::INFINITY, f64::min);
        let next = run_step(step, &current, &opts, &ctx);
        total += secs;
        println!("{name:<12} {:>8.0} MB/s{}", mb / secs, ratio(mb / secs));
        current = next;
    }
    println!(
        "{:<12} {:>8.0} MB/s{} (sum of the six steps)",
        "steps",
        mb / total,
        ratio(mb / total)
    );
    for (name, zwnj) in [("no ZWNJ", false), ("standard", true)] {
        let cleaner = Cleaner::new(CleanOptions {
            restore_zwnj: zwnj,
            ..opts.clone()
        });
        let (out_bytes, secs) = (0..3)
            .map(|_| {
                timed(|| {
                    lines
                        .iter()
                        .map(|l| cleaner.clean_with(l, &ctx).text.len())
                        .sum::<usize>()
                })
            })
            .fold((0, f64::INFINITY), |a, b| if b.1 < a.1 { b } else { a });
        println!(
            "{:<12} {:>8.0} MB/s{} (Cleaner::clean_with per line, {name}; {out_bytes} bytes out)",
            "pipeline",
            mb / secs,
            ratio(mb / secs)
        );
    }
    Ok(())
}
