#!/usr/bin/env bash
# Cross-validation of the entity recogniser inside ONE Arman train fold (never a test
# file, never another fold's train file: the test folds' sentences appear in the other
# folds' train files):
#   scripts/cv-ner.sh [dabir train ner options...]       (CV_FOLD=1 by default, CV_PARTS=5)
# cuts train_fold$CV_FOLD into $CV_PARTS contiguous parts (neighbouring sentences share
# names, so contiguous held-out parts are the test-like ones), trains on all parts but
# one and scores the held-out part, for each part; prints each part's micro F1 and the
# mean. Two trainings run at a time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=${DABIR_DATA:-$root/../shared/data}
fold=${CV_FOLD:-1}
parts=${CV_PARTS:-5}
out="${TMPDIR:-/tmp}/dabir-cv-ner/fold$fold-$$"
mkdir -p "$out"
dabir=${DABIR_BIN:-target/release/dabir}
[ -x "$dabir" ] || cargo build --release -q -p dabir-cli
python3 - "$data/ner-arman/train_fold$fold.txt" "$out" "$parts" <<'PY'
import sys
src, out, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = open(src, encoding="utf-8").read().strip("\n").split("\n\n")
n = len(s)
for p in range(k):
    a, b = n * p // k, n * (p + 1) // k
    open(f"{out}/part{p}-train.txt", "w").write("\n\n".join(s[:a] + s[b:]) + "\n\n")
    open(f"{out}/part{p}-dev.txt", "w").write("\n\n".join(s[a:b]) + "\n\n")
PY
export dabir out
seq 0 $((parts - 1)) | xargs -P 2 -I{} sh -c '"$dabir" train ner --train "arman:$out/part{}-train.txt" \
  --out "$out/part{}.bin" --dev "arman:$out/part{}-dev.txt" "$@" > "$out/part{}.log" 2>&1' sh "$@"
python3 - "$out" "$parts" <<'PY'
import sys, re
out, k = sys.argv[1], int(sys.argv[2])
fs = []
for p in range(k):
    t = open(f"{out}/part{p}.log", encoding="utf-8").read()
    m = re.search(r"^micro\s.*F1=([0-9.]+)", t, re.M)
    fs.append(100 * float(m.group(1)))
print("parts:", " ".join("%.2f" % f for f in fs))
print("mean micro F1 over %d contiguous parts of the train fold: %.2f" % (k, sum(fs) / k))
PY
rm -f "$out"/part*.bin
