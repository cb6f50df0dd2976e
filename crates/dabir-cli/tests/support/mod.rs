//! What every end-to-end test of the `dabir` command needs: the built binary and a fresh
//! scratch path.
#![allow(dead_code)] // each test file uses its own part

use assert_cmd::Command;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The `dabir` binary built for this test run.
pub fn dabir() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dabir"))
}

/// A fresh path `name` in a new directory under the test scratch directory (`tag` names
/// the test file, so parallel test binaries never share a directory).
pub fn scratch(tag: &str, name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// What `dabir ARGS` writes to stdout for `input` on stdin; the run must succeed.
pub fn stdout_of(args: &[&str], input: impl Into<Vec<u8>>) -> String {
    let out = dabir()
        .args(args)
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}
