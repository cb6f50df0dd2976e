#!/usr/bin/env bash
# Named-entity figures (issue 5), written to $out and summarised on stdout:
#   1. Arman, 3 official folds: a model trained by `dabir train ner` on train_foldN only,
#      scored on test_foldN (CoNLL exact spans, micro F1); the mean over the folds.
#   2. PerDT NER test: micro F1 over PER, LOC, ORG (other types count as O), for the
#      embedded default model (Arman + PerDT dev) and the no-Arman model.
#   3. The same PerDT test with every ZWNJ deleted (../shared/bench/zwnj_corrupt.py
#      --mode join, applied to the token column; tags hold no ZWNJ) and then each sentence
#      run through the cleaning stage (`dabir ner --clean`).
#   4. Throughput: tokens per second of `Recognizer::tags`, single thread
#      (examples: crates/dabir/examples/ner_time.rs).
# Every score is computed by `dabir eval-ner` and checked against ner_score.py (must agree).
#
#   scripts/bench-ner.sh            (DABIR_DATA, DABIR_BENCH override the paths)
#   NER_TRAIN_OPTS="--mixes 3" scripts/bench-ner.sh   (options for the fold models' training)
#   NER_FOLDS_ONLY=1 scripts/bench-ner.sh              (only part 1, the Arman folds)
#   DABIR_BIN=path/to/dabir, NER_BENCH_OUT=dir          (a given binary, unbuilt; the outputs' folder)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=${DABIR_DATA:-$root/../shared/data}
bench=${DABIR_BENCH:-$root/../shared/bench}
out="${NER_BENCH_OUT:-${TMPDIR:-/tmp}/dabir-bench-ner}"
rm -rf "$out"; mkdir -p "$out"
dabir=${DABIR_BIN:-target/release/dabir}
[ -n "${DABIR_BIN:-}" ] || cargo build --release -q -p dabir-cli
arman_map="pers=per"

# score GOLD SYSTEM [extra args]: prints micro F1 (percent) and checks the two scorers agree
score() {
  local gold=$1 sys=$2; shift 2
  "$dabir" eval-ner "$gold" "$sys" "$@" > "$sys.score"
  python3 "$bench/ner_score.py" "$gold" "$sys" "$@" > "$sys.score.py"
  if ! cmp -s "$sys.score" "$sys.score.py"; then
    echo "MISMATCH between dabir eval-ner and ner_score.py on $sys" >&2
    diff "$sys.score" "$sys.score.py" >&2 || true
    exit 1
  fi
  awk '$1=="micro"{split($4,a,"="); printf "%.2f", 100*a[2]}' "$sys.score"
}

echo "== Arman, 3 official folds (train on train_foldN, test on test_foldN)"
sum=0
for k in 1 2 3; do
  # shellcheck disable=SC2086
  "$dabir" train ner --train "arman:$data/ner-arman/train_fold$k.txt" ${NER_TRAIN_OPTS:-} \
    --out "$out/arman-fold$k.bin" 2> "$out/arman-fold$k.train.log"
  tr ' ' '\t' < "$data/ner-arman/test_fold$k.txt" > "$out/test_fold$k.tsv"
  "$dabir" ner --model-file "$out/arman-fold$k.bin" "$out/test_fold$k.tsv" > "$out/arman-fold$k.sys"
  f=$(score "$data/ner-arman/test_fold$k.txt" "$out/arman-fold$k.sys" --map "$arman_map")
  echo "fold $k: micro F1 $f"
  cat "$out/arman-fold$k.sys.score"
  sum=$(python3 -c "print($sum + $f)")
done
python3 -c "print('Arman mean micro F1: %.2f' % ($sum / 3))"
if [ -n "${NER_FOLDS_ONLY:-}" ]; then
  echo "outputs in $out"
  exit 0
fi

echo "== PerDT NER test, PER/LOC/ORG"
gold=$data/ner-perdt/test.bio
python3 "$bench/zwnj_corrupt.py" "$gold" "$out/perdt-test-join.bio" --mode join
for m in default no-arman; do
  # the default model tags by PerDT's convention here (its 'perdt' view)
  "$dabir" ner --model "$m" --convention perdt "$gold" > "$out/perdt-$m.sys"
  f=$(score "$gold" "$out/perdt-$m.sys" --types per,loc,org)
  "$dabir" ner --model "$m" --convention perdt --clean "$out/perdt-test-join.bio" > "$out/perdt-$m-join.sys"
  j=$(score "$gold" "$out/perdt-$m-join.sys" --types per,loc,org)
  echo "model $m: gold text $f, ZWNJ deleted + cleaned $j"
  cat "$out/perdt-$m.sys.score"
done

echo "== throughput (single thread)"
cargo run --release -q -p dabir --example ner_time -- "$gold" 10
echo "== model files"
ls -l models/ner.bin models/ner-no-arman.bin
echo "outputs in $out"
