#!/usr/bin/env bash
# Learning curve of the morphology model: how UPOS, UFeats and Lemmas grow with the amount of
# annotated training text, to estimate how much annotated text the issue-4 targets need.
#
#   scripts/learning-curve-morphology.sh [MIXES]      (MIXES: perceptrons per tagger, default 1)
#
# The evaluation set is fixed: the last fifth of PerDT dev (291 sentences). The models are
# trained on the first 1/8, 1/4, 1/2 and all of the other four fifths (about 2.5k, 5k, 10k and
# 20k words), each with `dabir train morphology` on a data folder whose dev file is that part
# (the raw train tokens and hazm's lexicon as usual), and tag the evaluation set with gold
# tokens (`dabir tag --model`); ../shared/bench/ud_score.py scores. No test file is read.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=${DABIR_DATA:-$root/../shared/data}
bench=${DABIR_BENCH:-$root/../shared/bench}
mixes=${1:-1}
bin=${DABIR_BIN:-$root/target/release/dabir}
[ -x "$bin" ] || cargo build --release -q -p dabir-cli
out="${TMPDIR:-/tmp}/dabir-learning-curve"
rm -rf "$out"
mkdir -p "$out"
python3 - "$data/ud-perdt/fa_perdt-ud-dev.conllu" "$out" <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
sents = open(src, encoding="utf-8").read().strip("\n").split("\n\n")
cut = len(sents) * 4 // 5
open(f"{out}/eval.conllu", "w", encoding="utf-8").write("\n\n".join(sents[cut:]) + "\n\n")
for k in (8, 4, 2, 1):
    part = sents[: cut // k]
    words = sum(1 for s in part for l in s.split("\n") if l and l[0].isdigit() and "\t" in l
                and l.split("\t")[0].isdigit())
    open(f"{out}/train-{k}.conllu", "w", encoding="utf-8").write("\n\n".join(part) + "\n\n")
    open(f"{out}/train-{k}.words", "w").write(f"{len(part)} {words}\n")
PY
printf '| training part of dev | sentences | words | UPOS | UFeats | Lemmas |\n|---|---:|---:|---:|---:|---:|\n'
for k in 8 4 2 1; do
    d="$out/data-$k"
    mkdir -p "$d/ud-perdt"
    cp "$out/train-$k.conllu" "$d/ud-perdt/fa_perdt-ud-dev.conllu"
    ln -s "$data/ud-perdt/train-tokens.txt" "$d/ud-perdt/train-tokens.txt"
    ln -s "$data/ud-perdt/train-sentences.txt" "$d/ud-perdt/train-sentences.txt"
    ln -s "$data/lexicon-hazm" "$d/lexicon-hazm"
    "$bin" train morphology --data "$d" --out "$d" --mixes "$mixes" >/dev/null 2>&1
    "$bin" tag "$out/eval.conllu" --model "$d/morphology.bin" -o "$out/tagged-$k.conllu"
    read -r sents words <"$out/train-$k.words"
    python3 "$bench/ud_score.py" "$out/eval.conllu" "$out/tagged-$k.conllu" |
        awk -v k="1/$k" -v s="$sents" -v w="$words" '
            $1 == "UPOS" { u = $NF } $1 == "UFeats" { f = $NF } $1 == "Lemmas" { l = $NF }
            END { printf "| %s | %d | %d | %s | %s | %s |\n", k, s, w, u, f, l }'
done
