#!/usr/bin/env bash
# Runs the tests of the project's one `unsafe` allocation (the ZWNJ slot array,
# crates/dabir/src/table.rs, the tables of the ZWNJ and morphology models) under Miri, which checks every access,
# alignment and allocation of it for undefined behaviour. Miri needs the nightly
# toolchain with its `miri` and `rust-src` components; they are installed when
# missing, and when they cannot be (no network), the check is skipped with a reason.
# Under Miri the tables are small and the "huge page" is 4 KB (see HUGE_PAGE), so the
# same code paths run in about a minute once Miri's build of the crate exists.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo +nightly miri --version >/dev/null 2>&1; then
    if ! rustup toolchain install nightly --profile minimal --component miri,rust-src; then
        echo "skipped: could not install the nightly toolchain with Miri"
        exit 0
    fi
fi
cargo +nightly miri test -p dabir --lib table::tests
