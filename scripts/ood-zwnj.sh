#!/usr/bin/env bash
# ZWNJ restoration on text from outside PerDT: the sentences of Arman's train_fold1
# (../shared/data/ner-arman, a train split: one token per line, a blank line between sentences),
# joined with single spaces and scored as their own gold by scripts/bench-zwnj.sh --gold.
#
#   scripts/ood-zwnj.sh [--out DIR]
#
# Arman tokenizes (punctuation and some clitics stand apart) and spells in its own way, so the
# absolute figures are low (normalize also closes the space before punctuation, and no
# restorer can know every spelling choice); compare builds on it, not with PerDT. A model
# change that helps PerDT dev by learning PerDT's house style shows here what it costs
# elsewhere (BENCHMARKS.md, ZWNJ session 7). Environment as for scripts/bench-zwnj.sh
# (DABIR_DATA, DABIR_BENCH, DABIR_BIN).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DABIR_DATA:-$root/../shared/data}"
out="${TMPDIR:-/tmp}/dabir-zwnj-arman"
[ "${1:-}" = "--out" ] && out="$2"
src="$data/ner-arman/train_fold1.txt"
[ -f "$src" ] || { echo "ood-zwnj: $src not found (set DABIR_DATA)" >&2; exit 2; }
mkdir -p "$out"
gold="$out/arman-train-fold1.txt"
python3 - "$src" "$gold" <<'PY'
import sys
sentence = []
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as g:
    for line in f:
        cols = line.split()
        if cols:
            sentence.append(cols[0])
        elif sentence:
            g.write(" ".join(sentence) + "\n")
            sentence = []
    if sentence:
        g.write(" ".join(sentence) + "\n")
PY
"$root/scripts/bench-zwnj.sh" --gold "$gold" --out "$out"
