#!/usr/bin/env bash
# Checks that two `dabir` builds give byte-identical `dabir normalize` output: a speed
# change must not change what the command writes.
#
#   scripts/normalize-identity.sh BASE-BIN NEW-BIN
#
# Inputs: PerDT train, dev and test as written, and dev and test with their ZWNJ
# corrupted by ../shared/bench/zwnj_corrupt.py --mode join|space|mixed (made in
# $TMPDIR/dabir-identity), and train with its line breaks made spaces, three times over
# (one 11 MB line, which the command cuts into pieces). Each input runs through both builds in --format text and json,
# with the standard and academy presets, with 1 and 2 threads, and the outputs are
# compared with cmp. Prints one line per differing run and a summary; exit status 1 when
# any run differs.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,11p' "$0"; exit 2; }
base="$1"; new="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DABIR_DATA:-$root/../shared/data}"
bench="${DABIR_BENCH:-$root/../shared/bench}"
work="${TMPDIR:-/tmp}/dabir-identity"
mkdir -p "$work"
inputs=()
for split in train dev test; do
    inputs+=("$data/zwnj/perdt-$split.txt")
done
for split in dev test; do
    for mode in join space mixed; do
        out="$work/perdt-$split-$mode.txt"
        [ -s "$out" ] || python3 "$bench/zwnj_corrupt.py" "$data/zwnj/perdt-$split.txt" "$out" --mode "$mode"
        inputs+=("$out")
    done
done
long="$work/one-line.txt"
if [ ! -s "$long" ]; then
    for _ in 1 2 3; do tr '\n' ' ' < "$data/zwnj/perdt-train.txt"; done > "$long"
fi
inputs+=("$long")
runs=0; diffs=0
for f in "${inputs[@]}"; do
    for format in text json; do
        for preset in standard academy; do
            for threads in 1 2; do
                args=(normalize --quiet --format "$format" --preset "$preset" --threads "$threads" "$f")
                "$base" "${args[@]}" > "$work/base.out"
                "$new" "${args[@]}" > "$work/new.out"
                runs=$((runs + 1))
                if ! cmp -s "$work/base.out" "$work/new.out"; then
                    diffs=$((diffs + 1))
                    echo "DIFFERS: $(basename "$f") --format $format --preset $preset --threads $threads"
                fi
            done
        done
    done
done
echo "$runs runs, $diffs differ"
[ "$diffs" -eq 0 ]
