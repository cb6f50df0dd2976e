//! Restores ZWNJ line by line from stdin to stdout with the embedded model, and
//! nothing else (no other cleaning): the quickest way to look at the model's errors.
//! `cargo run --release -p dabir --example zwnj_restore < in.txt > out.txt`

use std::io::{BufRead, Write};

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        writeln!(out, "{}", dabir::clean::zwnj::restore(&line?))?;
    }
    Ok(())
}
