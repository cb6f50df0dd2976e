#!/usr/bin/env bash
# Learning curve of the ZWNJ restoration model: how dev ZWNJ F1 (join and space mode) grows
# with the amount of raw training text, to estimate how much text the issue-2 targets need.
#
#   scripts/learning-curve-zwnj.sh [PARTS]      (PARTS: fractions as divisors, default "8 4 2 1")
#
# Each model is trained by `dabir train zwnj` on the first 1/k of PerDT's raw train sentences
# (../shared/data/zwnj/perdt-train.txt), always with all of hazm's lexicon, and `dabir train
# zwnj` prints its F1 on PerDT dev (the corruptions of ../shared/bench/zwnj_corrupt.py; the
# figures equal scripts/gate-zwnj.sh --dev for the full model). The model's handful of
# thresholds is tuned on dev, as for the shipped model; nothing else sees dev, and no test file
# is read.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=${DABIR_DATA:-$root/../shared/data}
bin=${DABIR_BIN:-$root/target/release/dabir}
[ -x "$bin" ] || cargo build --release -q -p dabir-cli
out="${TMPDIR:-/tmp}/dabir-learning-curve-zwnj"
rm -rf "$out"
train="$data/zwnj/perdt-train.txt"
lines=$(wc -l < "$train")
echo "| part of train | sentences | words | dev F1 join | dev F1 space | dev F1 mixed |"
echo "|---|---|---|---|---|---|"
for k in ${1:-8 4 2 1}; do
    dir="$out/1-$k"
    mkdir -p "$dir/zwnj"
    ln -s "$data/lexicon-hazm" "$dir/lexicon-hazm"
    ln -s "$data/zwnj/perdt-dev.txt" "$dir/zwnj/perdt-dev.txt"
    head -n $((lines / k)) "$train" > "$dir/zwnj/perdt-train.txt"
    words=$(wc -w < "$dir/zwnj/perdt-train.txt")
    f1=$("$bin" train zwnj --data "$dir" --out "$dir/zwnj.bin" 2>&1 | sed -n 's/^dev ZWNJ F1: join \([0-9.]*\), space \([0-9.]*\), mixed \([0-9.]*\);.*/\1 | \2 | \3/p')
    echo "| 1/$k | $((lines / k)) | $words | $f1 |"
done
