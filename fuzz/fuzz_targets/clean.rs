//! Fuzz target: the cleaning call on arbitrary text, with every preset.
//!
//! `cargo +nightly fuzz run clean -- -max_total_time=600` (from the workspace root).
//! Checks that cleaning never panics and that what it returns is consistent: the
//! invariants of `crates/dabir/tests/support/clean_invariants.rs` (shared with the
//! proptest smoke test that `cargo test` runs).

#![no_main]

use dabir::clean::{CleanOptions, Cleaner, Preset};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes become text the way the CLI's --lossy mode makes them.
    let text = String::from_utf8_lossy(data);
    for preset in [Preset::Conservative, Preset::Standard, Preset::Academy] {
        let cleaner = Cleaner::new(CleanOptions::preset(preset));
        let out = cleaner.clean(&text);
        check(&text, &out);
    }
});

#[path = "../../crates/dabir/tests/support/clean_invariants.rs"]
mod invariants;
use invariants::check;
