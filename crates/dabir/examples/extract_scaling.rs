//! How extraction time grows with the input: each pathological pattern at n and 4n
//! repetitions, best of 3 runs each. Linear work shows a ratio near 4; before the
//! stage was made linear, runs of quotes, dates and speech verbs showed 12–112.
//!
//! `cargo run --release -p dabir --example extract_scaling`

use dabir::extract::Extractor;
use std::time::Instant;

fn best_of_3(x: &Extractor, text: &str) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let _ = x.extract(text, None);
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn main() {
    let x = Extractor::new();
    let patterns: [(&str, &str); 9] = [
        ("digits", "۱ "),
        ("open quotes", "«"),
        ("closed quotes", "«الف ب» گفت "),
        ("speech verbs", "او گفت "),
        ("dates", "۱۴ تیر ۱۴۰۳ "),
        ("fridays", "روز جمعه "),
        ("casualties", "۱۴ کشته و ۲ زخمی "),
        ("number words", "دو هزار و سیصد "),
        ("incidents", "حمله در تهران. "),
    ];
    let n = 32_000;
    println!("| pattern | bytes at n | ms at n | ms at 4n | ratio (linear = 4) |");
    println!("|---|---|---|---|---|");
    for (name, unit) in patterns {
        let small = unit.repeat(n);
        let large = unit.repeat(4 * n);
        let a = best_of_3(&x, &small);
        let b = best_of_3(&x, &large);
        println!(
            "| {name} | {} | {:.1} | {:.1} | {:.1} |",
            small.len(),
            a * 1e3,
            b * 1e3,
            b / a
        );
    }
}
