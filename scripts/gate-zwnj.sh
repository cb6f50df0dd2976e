#!/usr/bin/env bash
# The ZWNJ accuracy gate of issue 2: runs scripts/bench-zwnj.sh (PerDT test, or dev with
# --dev), fails on a regression below the floors in scripts/zwnj_eval.py (BARS) and reports
# whether the issue's targets (ZWNJ F1 >= 0.985 join, >= 0.975 space; word accuracy >= 0.995;
# < 1 gap in 1,000 changed on gold input) are met.
#
#   scripts/gate-zwnj.sh [--dev]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
split=test
[ "${1:-}" = "--dev" ] && split=dev
out="${TMPDIR:-/tmp}/dabir-gate-zwnj-$split"
rm -rf "$out"
"$root/scripts/bench-zwnj.sh" ${1:+"$1"} --out "$out"
echo "== gate (PerDT $split)"
python3 "$root/scripts/zwnj_eval.py" gate "$out"
