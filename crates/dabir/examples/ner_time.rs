//! Throughput of the entity recogniser: `ner_time FILE.bio [REPEATS] [MODEL.bin ...]` tags
//! the file's sentences REPEATS times (default 10) on one thread with each embedded model,
//! then with each model file given, and prints tokens per second (per CPU second of the
//! thread, from `/proc/thread-self/schedstat`, the fairer figure on a shared machine; and
//! wall clock), median of 3 runs; the morphology tagger alone over the same tokens is
//! timed in the same run for comparison (the recogniser calls it). Model files let two
//! training recipes be compared in one process, minutes apart at most.

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::cpu_ns;
use dabir::entities::{conll, Embedded, Recognizer};
use dabir::morphology::Analyzer;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: ner_time FILE.bio [REPEATS]")?;
    let repeats: usize = args.get(2).map_or(Ok(10), |s| s.parse())?;
    let files: Vec<(String, Recognizer)> = args
        .iter()
        .skip(3)
        .map(|p| Ok((p.clone(), Recognizer::from_bytes(&std::fs::read(p)?)?)))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let sentences = conll::read_tokens(&std::fs::read(path)?);
    let n_tokens: usize = sentences.iter().map(Vec::len).sum::<usize>() * repeats;
    let time = |f: &dyn Fn(&[&str]) -> usize| -> (f64, f64) {
        let mut runs: Vec<(f64, f64)> = (0..3)
            .map(|_| {
                let c = cpu_ns();
                let t = Instant::now();
                let mut sink = 0usize;
                for _ in 0..repeats {
                    for s in &sentences {
                        let toks: Vec<&str> = s.iter().map(String::as_str).collect();
                        sink += f(&toks);
                    }
                }
                std::hint::black_box(sink);
                let cpu = (cpu_ns().saturating_sub(c)) as f64 / 1e9;
                (
                    n_tokens as f64 / cpu,
                    n_tokens as f64 / t.elapsed().as_secs_f64(),
                )
            })
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        runs[1]
    };
    let analyzer = Analyzer::embedded()?;
    println!("tokens per run: {n_tokens}");
    for (name, which) in [
        ("default", Embedded::Default),
        ("no-arman", Embedded::NoArman),
    ] {
        let r = Recognizer::embedded(which)?;
        let (cpu, wall) = time(&|t| r.label(t).len());
        println!("ner {name}: {cpu:.0} tokens/s per CPU second ({wall:.0} wall)");
    }
    for (path, r) in &files {
        let (cpu, wall) = time(&|t| r.label(t).len());
        println!("ner {path}: {cpu:.0} tokens/s per CPU second ({wall:.0} wall)");
    }
    let (cpu, wall) = time(&|t| analyzer.tag(t).len());
    println!("morphology tagger alone: {cpu:.0} tokens/s per CPU second ({wall:.0} wall)");
    Ok(())
}
