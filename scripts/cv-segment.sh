#!/usr/bin/env bash
# Two-fold cross-validation on PerDT dev of what the segmenter learns from dev (the
# clitic tables): train on one half of dev, tokenize the raw text of the other half
# (one sentence per line), score with dabir eval; both folds. An honest dev figure,
# since the shipped model has seen all of dev.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DABIR_DATA:-../shared/data}
DEV=$DATA/ud-perdt/fa_perdt-ud-dev.conllu
BENCH=${DABIR_BENCH:-../shared/bench}
cargo build --release -q -p dabir-cli
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
python3 - "$DEV" "$TMP" <<'PY'
import sys
blocks = open(sys.argv[1], encoding="utf-8").read().strip("\n").split("\n\n")
for k in (0, 1):
    open("%s/fold%d.conllu" % (sys.argv[2], k), "w", encoding="utf-8").write(
        "\n\n".join(b for i, b in enumerate(blocks) if i % 2 == k) + "\n\n")
PY
for k in 0 1; do
  o=$((1 - k))
  target/release/dabir train segment --data "$DATA" --out "$TMP/m$k.bin" --dev "$TMP/fold$k.conllu" 2>/dev/null
  python3 "$BENCH/raw_text.py" "$TMP/fold$o.conllu" -o "$TMP/raw$o.txt"
  target/release/dabir tokenize --model "$TMP/m$k.bin" --one-sentence-per-line "$TMP/raw$o.txt" > "$TMP/sys$o.conllu"
  echo "train on fold $k, test on fold $o:"
  target/release/dabir eval "$TMP/fold$o.conllu" "$TMP/sys$o.conllu" | sed -n '3,5p'
done
