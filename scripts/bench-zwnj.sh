#!/usr/bin/env bash
# ZWNJ restoration accuracy of `dabir normalize` on PerDT (issue 2).
#
#   scripts/bench-zwnj.sh [--dev | --gold FILE] [--out DIR] [-- NORMALIZE-FLAGS...]
#
# For each corruption mode (join: every ZWNJ deleted, space: every ZWNJ made a space,
# mixed: each deleted, spaced or kept), corrupts the gold with ../shared/bench/zwnj_corrupt.py,
# runs `dabir normalize` (release build, standard preset unless flags say otherwise) and scores
# with ../shared/bench/zwnj_score.py; then feeds the uncorrupted gold and reports how many gaps
# were changed. Prints a Markdown table (also written to DIR/table.md).
#
# Gold: ../shared/data/zwnj/perdt-test.txt (the figures of BENCHMARKS.md), or perdt-dev.txt with
# --dev (what developers tune on), or any correctly written text, one sentence per line, with
# --gold FILE (scripts/ood-zwnj.sh: text from outside PerDT). The output is read as
# `--format json`, which keeps one record per input line: a line dropped as page residue is
# scored as an empty line instead of shifting every later line.
#
# Environment: DABIR_DATA (default ../shared/data), DABIR_BENCH (default ../shared/bench),
# DABIR_BIN (a dabir binary to use instead of building one).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DABIR_DATA:-$root/../shared/data}"
bench="${DABIR_BENCH:-$root/../shared/bench}"
split=test
out=""
gold_file=""
flags=()
while [ $# -gt 0 ]; do
    case "$1" in
        --dev) split=dev ;;
        --gold) gold_file="$2"; shift ;;
        --out) out="$2"; shift ;;
        --) shift; flags=("$@"); break ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "bench-zwnj: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
gold="${gold_file:-$data/zwnj/perdt-$split.txt}"
name="PerDT $split"
[ -n "$gold_file" ] && name="$(basename "$gold_file")" && split="$(basename "$gold_file" .txt)"
[ -f "$gold" ] || { echo "bench-zwnj: $gold not found (set DABIR_DATA)" >&2; exit 2; }
[ -f "$bench/zwnj_score.py" ] || { echo "bench-zwnj: $bench/zwnj_score.py not found (set DABIR_BENCH)" >&2; exit 2; }
out="${out:-${TMPDIR:-/tmp}/dabir-zwnj-$split}"
mkdir -p "$out"

if [ -n "${DABIR_BIN:-}" ]; then
    bin="$DABIR_BIN"
else
    echo "== building dabir (release)" >&2
    (cd "$root" && cargo build --release --quiet -p dabir-cli)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/dabir"
fi

run() { # run MODE INPUT
    local mode="$1" input="$2"
    "$bin" normalize --quiet --format json "${flags[@]+"${flags[@]}"}" "$input" >"$out/$mode.json"
    python3 "$root/scripts/zwnj_eval.py" lines "$out/$mode.json" >"$out/$mode.out"
    python3 "$bench/zwnj_score.py" "$gold" "$out/$mode.out" --json >"$out/$mode.score.json"
}

for mode in join space mixed; do
    echo "== $mode: corrupt, normalize, score" >&2
    python3 "$bench/zwnj_corrupt.py" "$gold" "$out/$mode.in" --mode "$mode"
    run "$mode" "$out/$mode.in"
done
echo "== gold input: normalize, score" >&2
run gold "$gold"

echo
echo "ZWNJ restoration, $name ($(wc -l <"$gold") lines), dabir $("$bin" --version | cut -d' ' -f2) ${flags[*]:-}"
echo
python3 "$root/scripts/zwnj_eval.py" table "$out" --md "$out/table.md"
echo
echo "outputs and scores: $out" >&2
