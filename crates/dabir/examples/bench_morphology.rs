//! Throughput of the morphology analyzer, single-threaded.
//!
//! `cargo run --release -p dabir --example bench_morphology -- FILE [REPEAT] [tag]` where FILE
//! is a CoNLL-U file (its syntactic words are used, sentence by sentence) or a token file
//! with one token per line and a blank line between sentences (PerDT's
//! `train-tokens.txt`); the sentences are repeated REPEAT times (default 1). Prints, as
//! `key value` lines, tokens per second of tagging alone (UPOS/XPOS/FEATS), of the
//! lemmatizer alone given the tags, and of full analysis (tags + lemmas), the median of 3
//! runs: per second of wall-clock time, and per second of this thread's CPU time (Linux
//! `/proc/thread-self/schedstat`), the fairer figure on a machine shared with other jobs.
//! With `tag` as the third argument only tagging is timed (for profiling it, and for
//! quicker A/B runs of two builds).
//!
//! The model precomputes some features for the words of its training text, so timing
//! on that text flatters it; PerDT test's words are the fair input.

use dabir::formats::conllu;
use dabir::morphology::Analyzer;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: bench_morphology FILE [REPEAT]")?;
    let repeat: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(1);
    let tag_only = args.next().as_deref() == Some("tag");
    let text = std::fs::read_to_string(&path)?;
    let mut once: Vec<Vec<String>> = Vec::new();
    if path.ends_with(".conllu") {
        for s in conllu::parse(&text, &path)? {
            once.push(s.words().map(|w| w.form.clone()).collect());
        }
    } else {
        let mut cur = Vec::new();
        for line in text.lines() {
            let t = line.trim();
            if t.is_empty() {
                if !cur.is_empty() {
                    once.push(std::mem::take(&mut cur));
                }
            } else {
                cur.push(t.to_string());
            }
        }
        if !cur.is_empty() {
            once.push(cur);
        }
    }
    let sentences: Vec<Vec<&str>> = (0..repeat)
        .flat_map(|_| once.iter().map(|s| s.iter().map(String::as_str).collect()))
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let t0 = Instant::now();
    let analyzer = Analyzer::embedded()?;
    println!("load_seconds {:.3}", t0.elapsed().as_secs_f64());
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (mut tag_wall, mut tag_cpu, mut full_wall, mut full_cpu) = (vec![], vec![], vec![], vec![]);
    let mut checksum = 0usize;
    for _ in 0..3 {
        let (t, c) = (Instant::now(), cpu_seconds());
        for s in &sentences {
            checksum += analyzer.tag(s).len();
        }
        tag_wall.push(tokens as f64 / t.elapsed().as_secs_f64());
        tag_cpu.push(tokens as f64 / (cpu_seconds() - c));
        if tag_only {
            continue;
        }
        let (t, c) = (Instant::now(), cpu_seconds());
        for s in &sentences {
            checksum += analyzer
                .analyze(s)
                .iter()
                .map(|a| a.lemma.len())
                .sum::<usize>();
        }
        full_wall.push(tokens as f64 / t.elapsed().as_secs_f64());
        full_cpu.push(tokens as f64 / (cpu_seconds() - c));
    }
    if tag_only {
        println!("tokens {tokens}");
        println!("tag_tokens_per_second {:.0}", median(tag_wall));
        println!("tag_tokens_per_cpu_second {:.0}", median(tag_cpu));
        println!("checksum {checksum}");
        return Ok(());
    }
    // the lemmatizer alone, given the tags (what a dictionary lemmatizer such as hazm's does)
    let tagged: Vec<Vec<(&str, String, String)>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .zip(analyzer.tag(s))
                .map(|(w, t)| (*w, t.upos.clone(), t.feats.clone()))
                .collect()
        })
        .collect();
    let (mut lem_wall, mut lem_cpu) = (vec![], vec![]);
    for _ in 0..3 {
        let (t, c) = (Instant::now(), cpu_seconds());
        for s in &tagged {
            for (w, upos, feats) in s {
                checksum += analyzer.lemmatize(w, upos, feats).len();
            }
        }
        lem_wall.push(tokens as f64 / t.elapsed().as_secs_f64());
        lem_cpu.push(tokens as f64 / (cpu_seconds() - c));
    }
    println!("tokens {tokens}");
    println!("lemmatize_tokens_per_second {:.0}", median(lem_wall));
    println!("lemmatize_tokens_per_cpu_second {:.0}", median(lem_cpu));
    println!("tag_tokens_per_second {:.0}", median(tag_wall));
    println!("tag_tokens_per_cpu_second {:.0}", median(tag_cpu));
    println!("analyze_tokens_per_second {:.0}", median(full_wall));
    println!("analyze_tokens_per_cpu_second {:.0}", median(full_cpu));
    println!("checksum {checksum}");
    Ok(())
}

/// CPU time of this thread in seconds (NaN where `/proc/thread-self/schedstat` is missing).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}
