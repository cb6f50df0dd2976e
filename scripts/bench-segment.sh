#!/usr/bin/env bash
# Segmentation figures for BENCHMARKS.md (## Segmentation):
#  1. accuracy: raw text of UD PerDT (../shared/bench/raw_text.py) -> dabir tokenize ->
#     dabir eval (same numbers as ud_score.py, see scripts/check-ud-eval.sh):
#     one sentence per line for Tokens/Words (and "Sentences (lines)"), the whole file
#     joined into one paragraph for "Sentences (joined)";
#  2. throughput of split + tokenize + clitics, single-threaded, on
#     ../shared/data/zwnj/perdt-train.txt repeated to >= 100 MB (examples/bench_segment),
#     and hazm / shekar on the same file in the same run (scripts/bench_tokenizers.py).
# Usage: scripts/bench-segment.sh [dev|test] [--no-speed]
# Tune on dev; test is reported once.
set -euo pipefail
cd "$(dirname "$0")/.."
SPLIT=${1:-dev}
DATA=${DABIR_DATA:-../shared/data}
BENCH=${DABIR_BENCH:-../shared/bench}
GOLD=$DATA/ud-perdt/fa_perdt-ud-$SPLIT.conllu
cargo build --release -q -p dabir-cli
cargo build --release -q -p dabir --example bench_segment
DABIR=target/release/dabir
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
python3 "$BENCH/raw_text.py" "$GOLD" -o "$TMP/lines.txt"
python3 "$BENCH/raw_text.py" "$GOLD" --joined -o "$TMP/joined.txt"
"$DABIR" tokenize --one-sentence-per-line "$TMP/lines.txt" > "$TMP/lines.conllu"
"$DABIR" tokenize "$TMP/joined.txt" > "$TMP/joined.conllu"
"$DABIR" eval "$GOLD" "$TMP/lines.conllu" --format json > "$TMP/lines.json"
"$DABIR" eval "$GOLD" "$TMP/joined.conllu" --format json > "$TMP/joined.json"
# the reference scorer must agree
python3 "$BENCH/ud_score.py" "$GOLD" "$TMP/lines.conllu" --json > "$TMP/lines.py.json"
python3 "$BENCH/ud_score.py" "$GOLD" "$TMP/joined.conllu" --json > "$TMP/joined.py.json"
python3 - "$TMP" "$SPLIT" <<'PY'
import json, sys
t, split = sys.argv[1], sys.argv[2]
L, J = (json.load(open("%s/%s.json" % (t, k))) for k in ("lines", "joined"))
for k in ("lines", "joined"):
    a, b = json.load(open("%s/%s.json" % (t, k))), json.load(open("%s/%s.py.json" % (t, k)))
    same = all(a[m][c] == b[m][c] for m in a for c in ("correct", "gold", "system"))
    print("dabir eval and ud_score.py agree on %s: %s" % (k, "yes" if same else "NO"))
f = lambda d, m: "%.2f" % (100 * d[m]["f1"])
print()
print("| PerDT %s (F1, %%) | Tokens | Words | Sentences (lines) | Sentences (joined) |" % split)
print("|---|---:|---:|---:|---:|")
print("| dabir | %s | %s | %s | %s |" % (f(L, "Tokens"), f(L, "Words"), f(L, "Sentences"), f(J, "Sentences")))
for m in ("Tokens", "Words", "Sentences"):
    for name, d in (("lines", L), ("joined", J)):
        s = d[m]
        print("  %-9s %-6s correct %d, gold %d, system %d" % (m, name, s["correct"], s["gold"], s["system"]))
PY
if [ "${2:-}" != "--no-speed" ]; then
  echo
  CORPUS=$DATA/zwnj/perdt-train.txt
  nproc; uptime
  target/release/examples/bench_segment "$CORPUS" 100 3
  python3 scripts/bench_tokenizers.py "$CORPUS" --runs 3
fi
