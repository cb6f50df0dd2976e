#!/usr/bin/env bash
# Same-run A/B of morphology tagging throughput for several builds of the bench_morphology
# example (e.g. main's and this branch's): the builds run alternately, RUNS times each,
# over PerDT test's words repeated 10 times; per build the tagging tokens per CPU second of
# every run (each itself the median of 3 passes) and their median, with the load average.
# On the shared machine only the ratio between builds of the same run is comparable.
#
#   scripts/tag-speed-ab.sh RUNS BENCH_BIN [BENCH_BIN...]
#
# Example (main's build copied aside first):
#   cp target/release/examples/bench_morphology /tmp/bench_morphology.base   # on main
#   cargo build --release -p dabir --example bench_morphology                # on the branch
#   scripts/tag-speed-ab.sh 3 /tmp/bench_morphology.base target/release/examples/bench_morphology
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,14p' "$0"; exit 2; }
cd "$(dirname "$0")/.."
TEST=${DABIR_DATA:-../shared/data}/ud-perdt/fa_perdt-ud-test.conllu
runs="$1"; shift
declare -A cpu wall
echo "start $(date -u +%H:%M) load $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
    for bin in "$@"; do
        out=$("$bin" "$TEST" 10)
        cpu[$bin]="${cpu[$bin]:-} $(echo "$out" | awk '/^tag_tokens_per_cpu_second/ {print $2}')"
        wall[$bin]="${wall[$bin]:-} $(echo "$out" | awk '/^tag_tokens_per_second/ {print $2}')"
    done
done
echo "end $(date -u +%H:%M) load $(cut -d' ' -f1-3 /proc/loadavg)"
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
first=""
for bin in "$@"; do
    m=$(echo ${cpu[$bin]} | median)
    w=$(echo ${wall[$bin]} | median)
    first=${first:-$m}
    ratio=$(awk -v a="$m" -v b="$first" 'BEGIN {printf "%.2f", a / b}')
    echo "$bin: tagging median $m tokens per CPU second ($w wall), ratio to the first build $ratio; runs:${cpu[$bin]}"
done
