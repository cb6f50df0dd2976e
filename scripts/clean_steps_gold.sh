#!/bin/sh
# Correct Persian text must survive the cleaning steps: cleans the PerDT gold sentences
# (uncorrupted) with the standard preset, ZWNJ restoration off, and scores the output
# against the same gold with the shared scorer. Usage: scripts/clean_steps_gold.sh [dev|train|test]
set -eu
cd "$(dirname "$0")/.."
split="${1:-dev}"
data="${DABIR_DATA:-../shared/data}"
gold="$data/zwnj/perdt-$split.txt"
out="${TMPDIR:-/tmp}/dabir-clean-steps-$split.txt"
cargo build --release -q -p dabir --example clean_lines
./target/release/examples/clean_lines "$gold" "$out" standard
python3 ../shared/bench/zwnj_score.py "$gold" "$out"
