#!/bin/sh
# Throughput of each cleaning step (residue, unicode, letters, digits, punctuation,
# spacing) and of Cleaner::clean_with line by line without ZWNJ restoration, on
# perdt-train.txt repeated to >= 64 MB, single thread, CPU time of the thread (best of 3),
# then the criterion benchmark (wall time).
set -eu
cd "$(dirname "$0")/.."
data="${DABIR_DATA:-../shared/data}"
cargo build --release -q -p dabir --example clean_steps_speed
./target/release/examples/clean_steps_speed "$data/zwnj/perdt-train.txt"
WHOLE=1 ./target/release/examples/clean_steps_speed "$data/zwnj/perdt-train.txt"
if [ "${CRITERION:-1}" = 1 ]; then
    cargo bench -p dabir --bench clean
fi
