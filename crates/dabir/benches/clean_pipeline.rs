//! Criterion benchmark of the library call `Cleaner::clean` (the whole cleaning
//! pipeline), per preset, on real sentences.
//!
//! Input: the PerDT dev sentences (`../shared/data/zwnj/perdt-dev.txt`, or `$DABIR_DATA`)
//! when present, else the example article of the repository. Measured two ways: the
//! whole text as one document, and line by line with a shared [`Context`] (what the CLI
//! does). Throughput is reported in bytes of input.
//!
//! `cargo bench -p dabir --bench clean_pipeline`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dabir::clean::{CleanOptions, Cleaner, Context, Preset};
use std::hint::black_box;
use std::path::PathBuf;

fn sample() -> (String, &'static str) {
    let data = std::env::var_os("DABIR_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"))
        });
    match std::fs::read_to_string(data.join("zwnj/perdt-dev.txt")) {
        Ok(text) => (text, "perdt-dev"),
        Err(_) => (
            include_str!("../../../examples/article.txt").repeat(50),
            "article x50",
        ),
    }
}

fn bench(c: &mut Criterion) {
    let (text, name) = sample();
    let ctx = Context::of(&text);
    let lines: Vec<&str> = text.lines().collect();
    let mut group = c.benchmark_group(format!("clean/{name}"));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    for (label, preset) in [
        ("conservative", Preset::Conservative),
        ("standard", Preset::Standard),
        ("academy", Preset::Academy),
    ] {
        let cleaner = Cleaner::new(CleanOptions::preset(preset));
        group.bench_with_input(BenchmarkId::new("document", label), &text, |b, t| {
            b.iter(|| black_box(cleaner.clean(black_box(t))))
        });
        group.bench_with_input(BenchmarkId::new("lines", label), &lines, |b, ls| {
            b.iter(|| {
                for l in ls {
                    black_box(cleaner.clean_with(black_box(l), &ctx));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
