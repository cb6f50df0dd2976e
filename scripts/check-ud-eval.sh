#!/usr/bin/env bash
# Checks that `dabir eval` gives the same counts as the reference scorer
# ../shared/bench/ud_score.py on real files: PerDT dev against itself and against
# perturbed copies (scripts/ud_eval_variants.py), and every ud_score.py self-test case.
# Usage: scripts/check-ud-eval.sh   (from the worktree root; builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DABIR_DATA:-../shared/data}
BENCH=${DABIR_BENCH:-../shared/bench}
GOLD=$DATA/ud-perdt/fa_perdt-ud-dev.conllu
cargo build --release -q -p dabir-cli
DABIR=target/release/dabir
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 scripts/ud_eval_variants.py "$GOLD" "$TMP"
cp "$GOLD" "$TMP/gold.conllu"
fail=0
compare() {
  python3 "$BENCH/ud_score.py" "$1" "$2" --json > "$TMP/py.json" 2>&1 || echo '"error"' > "$TMP/py.json"
  "$DABIR" eval "$1" "$2" --format json > "$TMP/rs.json" 2>/dev/null || echo '"error"' > "$TMP/rs.json"
  if python3 - "$TMP/py.json" "$TMP/rs.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
if a == "error" or b == "error":
    sys.exit(0 if a == b else 1)
keys = ("correct", "gold", "system", "aligned")
bad = [m for m in a if any(a[m][k] != b[m][k] for k in keys)]
for m in bad:
    print("  %s: python %s, dabir %s" % (m, [a[m][k] for k in keys], [b[m][k] for k in keys]))
sys.exit(1 if bad else 0)
PY
  then echo "same: $3"; else echo "DIFFERENT: $3"; fail=1; fi
}
for v in gold tags retok; do
  compare "$GOLD" "$TMP/$v.conllu" "dev vs $v"
done
# the reference scorer's own self-test cases
python3 - "$BENCH" "$TMP" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import ud_score
for k, (name, g, s) in enumerate(ud_score.self_test_pairs()):
    open("%s/case%02d.gold" % (sys.argv[2], k), "w").write("\n".join(g) + "\n")
    open("%s/case%02d.sys" % (sys.argv[2], k), "w").write("\n".join(s) + "\n")
    open("%s/case%02d.name" % (sys.argv[2], k), "w").write(name)
PY
for g in "$TMP"/case*.gold; do
  c=${g%.gold}
  compare "$g" "$c.sys" "self-test: $(cat "$c.name")"
done
exit $fail
