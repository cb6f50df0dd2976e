#!/usr/bin/env bash
# Learning curve of the entity recogniser: how micro F1 grows with the amount of annotated
# training text, to estimate how much annotated text the issue-5 targets need.
#
#   scripts/learning-curve-ner.sh [PARTS]      (PARTS: fractions as divisors, default "8 4 2 1")
#
# 1. Arman: for each official fold, models trained by `dabir train ner` (default recipe) on the
#    first 1/k of train_foldN's sentences, scored on test_foldN; the mean over the three folds.
# 2. PerDT NER: models trained on the first 1/k of the first four fifths of PerDT NER dev,
#    scored over PER, LOC and ORG on the last fifth of dev (held out; no test file is read).
# Scores are `dabir eval-ner`'s (the same as ../shared/bench/ner_score.py, checked by
# scripts/bench-ner.sh). DABIR_DATA, DABIR_BIN and NER_TRAIN_OPTS as for bench-ner.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=${DABIR_DATA:-$root/../shared/data}
dabir=${DABIR_BIN:-target/release/dabir}
[ -n "${DABIR_BIN:-}" ] || cargo build --release -q -p dabir-cli
parts=${1:-8 4 2 1}
out="${TMPDIR:-/tmp}/dabir-learning-curve-ner"
rm -rf "$out"; mkdir -p "$out"

# head_sentences FILE N: the first N sentences (blank-line separated) of FILE
head_sentences() { awk -v n="$2" 'BEGIN{RS=""; ORS="\n\n"} NR<=n' "$1"; }
count_sentences() { awk 'BEGIN{RS=""} END{print NR}' "$1"; }
count_tokens() { awk 'NF>0' "$1" | wc -l; }
micro() { awk '$1=="micro"{split($4,a,"="); printf "%.2f", 100*a[2]}' "$1"; }

echo "== Arman (train on the first part of train_foldN, test on test_foldN)"
echo "| part of each train fold | sentences (fold 1) | tokens (fold 1) | fold 1 | fold 2 | fold 3 | mean |"
echo "|---|---|---|---|---|---|---|"
for k in $parts; do
  row=""; sum=0
  for f in 1 2 3; do
    train="$data/ner-arman/train_fold$f.txt"
    n=$(( $(count_sentences "$train") / k ))
    head_sentences "$train" "$n" > "$out/arman-$f-$k.txt"
    [ "$f" = 1 ] && size="$n | $(count_tokens "$out/arman-$f-$k.txt")"
    # shellcheck disable=SC2086
    "$dabir" train ner --train "arman:$out/arman-$f-$k.txt" ${NER_TRAIN_OPTS:-} \
      --out "$out/arman-$f-$k.bin" 2> "$out/arman-$f-$k.train.log"
    tr ' ' '\t' < "$data/ner-arman/test_fold$f.txt" > "$out/test_fold$f.tsv"
    "$dabir" ner --model-file "$out/arman-$f-$k.bin" "$out/test_fold$f.tsv" > "$out/arman-$f-$k.sys"
    "$dabir" eval-ner "$data/ner-arman/test_fold$f.txt" "$out/arman-$f-$k.sys" --map pers=per > "$out/arman-$f-$k.score"
    s=$(micro "$out/arman-$f-$k.score")
    row="$row | $s"; sum=$(python3 -c "print($sum + $s)")
  done
  echo "| 1/$k | $size$row | $(python3 -c "print('%.2f' % ($sum / 3))") |"
done

echo
echo "== PerDT NER (train on the first part of dev's first four fifths, test on its last fifth; PER/LOC/ORG)"
dev="$data/ner-perdt/dev.bio"
total=$(count_sentences "$dev")
cut=$(( total * 4 / 5 ))
awk -v c="$cut" 'BEGIN{RS=""; ORS="\n\n"} NR>c' "$dev" > "$out/perdt-eval.bio"
echo "| part of the training fifths | sentences | tokens | F1 (PER/LOC/ORG) |"
echo "|---|---|---|---|"
for k in $parts; do
  n=$(( cut / k ))
  head_sentences "$dev" "$n" > "$out/perdt-$k.bio"
  # shellcheck disable=SC2086
  "$dabir" train ner --train "perdt:$out/perdt-$k.bio" ${NER_TRAIN_OPTS:-} \
    --out "$out/perdt-$k.bin" 2> "$out/perdt-$k.train.log"
  "$dabir" ner --model-file "$out/perdt-$k.bin" "$out/perdt-eval.bio" > "$out/perdt-$k.sys"
  "$dabir" eval-ner "$out/perdt-eval.bio" "$out/perdt-$k.sys" --types per,loc,org > "$out/perdt-$k.score"
  echo "| 1/$k | $n | $(count_tokens "$out/perdt-$k.bio") | $(micro "$out/perdt-$k.score") |"
done
echo "outputs in $out"
