#!/usr/bin/env bash
# Morphology figures for BENCHMARKS.md (## Morphology):
#   1. PerDT test with gold tokens: UPOS, XPOS, UFeats, AllTags, Lemmas of the shipped model
#      (dabir tag keeps the gold tokenization and fills LEMMA/UPOS/XPOS/FEATS);
#   2. the same metrics by 5-fold cross-validation inside PerDT dev (what the options were tuned on);
#   3. single-threaded throughput (tokens/s) of tagging, of the lemmatizer and of both, beside
#      hazm's Lemmatizer().lemmatize in the same run, over PerDT test's 24,133 words repeated 10
#      times (not the training text: the model precomputes features for its training words);
#   4. model file sizes.
# Usage: scripts/bench-morphology.sh            (DABIR_DATA, DABIR_BENCH, ZWNJ_VENVS override paths)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DABIR_DATA:-../shared/data}
BENCH=${DABIR_BENCH:-../shared/bench}
VENVS=${ZWNJ_VENVS:-$HOME/.cache/zwnj-bench/venvs}
OUT=${TMPDIR:-/tmp}/dabir-bench-morphology
mkdir -p "$OUT"
TEST=$DATA/ud-perdt/fa_perdt-ud-test.conllu
DEV=$DATA/ud-perdt/fa_perdt-ud-dev.conllu

cargo build --release -q -p dabir-cli
cargo build --release -q -p dabir --example bench_morphology
BIN=target/release/dabir
metrics() { python3 "$BENCH/ud_score.py" "$1" "$2" | grep -E '^(UPOS|XPOS|UFeats|AllTags|Lemmas) '; }

echo "== PerDT test, gold tokens (model trained on PerDT dev only)"
"$BIN" tag "$TEST" -o "$OUT/test.conllu"
metrics "$TEST" "$OUT/test.conllu"

echo "== PerDT dev, 5-fold cross-validation"
"$BIN" train morphology --data "$DATA" --cv 5 --cv-out "$OUT/cv.conllu" 2>/dev/null
metrics "$DEV" "$OUT/cv.conllu"

echo "== throughput, single thread, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
target/release/examples/bench_morphology "$TEST" 10
HAZM_PY=$VENVS/hazm/bin/python
if [ -x "$HAZM_PY" ]; then
  "$HAZM_PY" - "$TEST" <<'PY'
import sys, time, statistics
import hazm
words = [l.split("\t")[1] for l in open(sys.argv[1], encoding="utf-8")
         if l[:1].isdigit() and l.split("\t")[0].isdigit()]
toks = words * 10
lem = hazm.Lemmatizer()
wall, cpu = [], []
for _ in range(3):
    t, c = time.perf_counter(), time.thread_time()
    for w in toks:
        lem.lemmatize(w)
    wall.append(len(toks) / (time.perf_counter() - t))
    cpu.append(len(toks) / (time.thread_time() - c))
print(f"hazm_lemmatize_tokens_per_second {statistics.median(wall):.0f}")
print(f"hazm_lemmatize_tokens_per_cpu_second {statistics.median(cpu):.0f}")
PY
else
  echo "hazm venv not found ($HAZM_PY): run python3 $BENCH/baselines.py setup"
fi

echo "== model files"
ls -l models/ | awk 'NR>1 {print $5, $9}'
