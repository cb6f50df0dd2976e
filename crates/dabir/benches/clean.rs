//! Criterion benchmark of the cleaning stage: each character- and spacing-level step on
//! the text the steps before it produce, and the library call `Cleaner::clean_with`
//! line by line (ZWNJ restoration off, and on).
//!
//! `cargo bench -p dabir --bench clean` (input: `../shared/data/zwnj/perdt-train.txt`,
//! or `DABIR_BENCH_TEXT`; without either, a built-in paragraph repeated to 1 MB).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dabir::clean::{
    digits, letters, punctuation, residue, spacing, unicode, CleanOptions, Cleaner, Context,
    Rewriter,
};
use std::hint::black_box;
use std::time::Duration;

type Step = fn(&mut Rewriter<'_>, &CleanOptions, &Context);

const SAMPLE: &str =
    "به گزارش خبرگزاري مهر ، رئيس‌جمهور در سال 1385 گفت : \"ما 2.5 درصد رشد داشتیم\" .\n\
                      كتابهاي او ، مانند Outlook Express، در 300,000 نسخه چاپ شد؛ آیا خوانده‌اید?\n\
                      Read More »\n";

fn text() -> String {
    let path = std::env::var("DABIR_BENCH_TEXT").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/zwnj/perdt-train.txt"
        )
        .to_owned()
    });
    match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(_) => {
            eprintln!("{path} not found: benchmarking a built-in paragraph");
            SAMPLE.repeat((1 << 20) / SAMPLE.len())
        }
    }
}

fn apply(step: Step, text: &str, opts: &CleanOptions, ctx: &Context) -> String {
    let mut rw = Rewriter::new(text);
    step(&mut rw, opts, ctx);
    match rw.finish() {
        Some((out, _)) => out,
        None => text.to_owned(),
    }
}

fn bench(c: &mut Criterion) {
    let text = text();
    let ctx = Context::of(&text);
    let opts = CleanOptions {
        restore_zwnj: false,
        ..CleanOptions::default()
    };
    let steps: [(&str, Step); 6] = [
        ("residue", residue::apply),
        ("unicode", unicode::apply),
        ("letters", letters::apply),
        ("digits", digits::apply),
        ("punctuation", punctuation::apply),
        ("spacing", spacing::apply),
    ];
    let mut group = c.benchmark_group("clean_steps");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Bytes(text.len() as u64));
    let mut current = text.clone();
    for (name, step) in steps {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut rw = Rewriter::new(black_box(&current));
                step(&mut rw, &opts, &ctx);
                black_box(rw.finish())
            })
        });
        current = apply(step, &current, &opts, &ctx);
    }
    group.finish();

    let lines: Vec<&str> = text.lines().collect();
    let mut group = c.benchmark_group("clean_pipeline");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .throughput(Throughput::Bytes(text.len() as u64));
    for (name, zwnj) in [("lines_no_zwnj", false), ("lines_standard", true)] {
        let cleaner = Cleaner::new(CleanOptions {
            restore_zwnj: zwnj,
            ..CleanOptions::default()
        });
        group.bench_function(name, |b| {
            b.iter(|| {
                lines
                    .iter()
                    .map(|l| cleaner.clean_with(black_box(l), &ctx).text.len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
