#!/usr/bin/env bash
# Tuning harness of the entity recogniser (training data only, never a test file):
#   scripts/tune-ner.sh [dabir train ner options...]
# prints the micro F1 of a model trained on 9/10 of Arman train_fold1 and scored on the held-out
# tenth, mean of two tenths (sentences i%10==0 and i%10==5), the same for two contiguous tenths
# (sentences [0, n/10) and [n/2, n/2 + n/10): neighbouring sentences share names, so this is
# the harder and more test-like figure), and the PER/LOC/ORG F1 on the last
# fifth of PerDT NER dev (contiguous) of a model trained on its first four fifths plus Arman
# train_fold1 (the `perdt` view).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=${DABIR_DATA:-$root/../shared/data}
out="${TMPDIR:-/tmp}/dabir-tune-ner"
mkdir -p "$out"
cargo build --release -q -p dabir-cli
dabir=target/release/dabir
python3 - "$data" "$out" <<'PY'
import sys
data, out = sys.argv[1], sys.argv[2]
src = open(f"{data}/ner-arman/train_fold1.txt", encoding="utf-8").read().strip("\n").split("\n\n")
for r in (0, 5):
    open(f"{out}/tune{r}-train.txt", "w").write("\n\n".join(s for i, s in enumerate(src) if i % 10 != r) + "\n\n")
    open(f"{out}/tune{r}-dev.txt", "w").write("\n\n".join(s for i, s in enumerate(src) if i % 10 == r) + "\n\n")
n = len(src)
for r, a in ((1, 0), (6, n // 2)):
    b = a + n // 10
    open(f"{out}/tune{r}-train.txt", "w").write("\n\n".join(src[:a] + src[b:]) + "\n\n")
    open(f"{out}/tune{r}-dev.txt", "w").write("\n\n".join(src[a:b]) + "\n\n")
dev = open(f"{data}/ner-perdt/dev.bio", encoding="utf-8").read().strip("\n").split("\n\n")
cut = int(len(dev) * 0.8)
open(f"{out}/pdev-train.bio", "w").write("\n\n".join(dev[:cut]) + "\n\n")
open(f"{out}/pdev-dev.bio", "w").write("\n\n".join(dev[cut:]) + "\n\n")
PY
# held_out LABEL "SPLITS" OPTIONS...: trains on each split's train part, scores its dev
# part, prints the mean micro F1 of the two splits
held_out() {
  local label="$1" splits="$2" sum=0 f r
  shift 2
  for r in $splits; do
    f=$("$dabir" train ner --train "arman:$out/tune$r-train.txt" --out "$out/tune$r.bin" \
          --dev "arman:$out/tune$r-dev.txt" "$@" 2>&1 | awk '$1=="micro"{split($4,a,"="); print a[2]}')
    sum=$(python3 -c "print($sum + $f)")
  done
  python3 -c "print('Arman $label of train_fold1, mean micro F1: %.2f' % ($sum * 50))"
}
held_out "held-out tenths" "0 5" "$@"
held_out "contiguous held-out tenths" "1 6" "$@"
"$dabir" train ner --train "arman:$data/ner-arman/train_fold1.txt" --train "perdt:$out/pdev-train.bio" \
  --out "$out/pdev.bin" "$@" 2> /dev/null
"$dabir" ner --model-file "$out/pdev.bin" --convention perdt "$out/pdev-dev.bio" > "$out/pdev.sys"
echo "PerDT dev, last fifth, PER/LOC/ORG (perdt view):"
"$dabir" eval-ner "$out/pdev-dev.bio" "$out/pdev.sys" --types per,loc,org | head -1
