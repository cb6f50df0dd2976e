//! Cleans a file line by line with a preset and writes one output line per input line
//! (residue lines become empty). For development measurements; the real command is
//! `dabir normalize`.
//!
//! `cargo run --release -p dabir --example clean_lines -- IN OUT [standard|conservative|academy] [--zwnj]`

use dabir::clean::{CleanOptions, Cleaner, Context, Preset};
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        return Err("usage: clean_lines IN OUT [standard|conservative|academy] [--zwnj]".into());
    };
    let preset = match args.get(2).map(String::as_str) {
        Some("conservative") => Preset::Conservative,
        Some("academy") => Preset::Academy,
        _ => Preset::Standard,
    };
    let mut opts = CleanOptions::preset(preset);
    opts.restore_zwnj = args.iter().any(|a| a == "--zwnj");
    let cleaner = Cleaner::new(opts);
    let text = std::fs::read_to_string(input)?;
    let ctx = Context::of(&text);
    let mut out = std::io::BufWriter::new(std::fs::File::create(output)?);
    for line in text.lines() {
        let cleaned = cleaner.clean_with(line, &ctx);
        writeln!(out, "{}", cleaned.text)?;
    }
    Ok(())
}
