//! Throughput of the morphology analyzer, single-threaded.
//!
//! `cargo run --release -p dabir --example bench_morphology -- TOKENS.txt` where the file
//! has one token per line and a blank line between sentences (PerDT's
//! `train-tokens.txt`). Prints tokens per second of tagging alone (UPOS/XPOS/FEATS) and
//! of full analysis (tags + lemmas), the median of 3 runs, as `key value` lines.

use dabir::morphology::Analyzer;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: bench_morphology TOKENS.txt")?;
    let text = std::fs::read_to_string(&path)?;
    let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        let t = line.trim();
        match (t.is_empty(), sentences.last_mut()) {
            (true, Some(last)) if !last.is_empty() => sentences.push(Vec::new()),
            (false, Some(last)) => last.push(t),
            _ => {}
        }
    }
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let t0 = Instant::now();
    let analyzer = Analyzer::embedded()?;
    println!("load_seconds {:.3}", t0.elapsed().as_secs_f64());
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut tag_rates = Vec::new();
    let mut full_rates = Vec::new();
    let mut checksum = 0usize;
    for _ in 0..3 {
        let t = Instant::now();
        for s in &sentences {
            checksum += analyzer.tag(s).len();
        }
        tag_rates.push(tokens as f64 / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for s in &sentences {
            checksum += analyzer
                .analyze(s)
                .iter()
                .map(|a| a.lemma.len())
                .sum::<usize>();
        }
        full_rates.push(tokens as f64 / t.elapsed().as_secs_f64());
    }
    println!("tokens {tokens}");
    println!("tag_tokens_per_second {:.0}", median(tag_rates));
    println!("analyze_tokens_per_second {:.0}", median(full_rates));
    println!("checksum {checksum}");
    Ok(())
}
