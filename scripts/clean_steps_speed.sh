#!/bin/sh
# Throughput of each character- and spacing-level cleaning step (residue, unicode,
# letters, digits, punctuation, spacing) and of Cleaner::clean_with line by line (ZWNJ
# restoration off and on), single thread, CPU time of the thread (best of 3), on
# perdt-train.txt repeated to >= 64 MB; with hazm's Normalizer timed in the same run
# (scripts/throughput_timer.py, as ../shared/bench/throughput.py does) for a ratio.
# Then the criterion benchmark `clean` (wall time), unless CRITERION=0.
set -eu
cd "$(dirname "$0")/.."
data="${DABIR_DATA:-../shared/data}"
bench="${DABIR_BENCH:-../shared/bench}"
venvs="${ZWNJ_VENVS:-$HOME/.cache/zwnj-bench/venvs}"
corpus="$data/zwnj/perdt-train.txt"
cargo build --release -q -p dabir --example clean_steps_speed
HAZM_MBS=""
if [ -x "$venvs/hazm/bin/python" ]; then
    HAZM_MBS=$("$venvs/hazm/bin/python" scripts/throughput_timer.py hazm --corpus "$corpus" --bench "$bench" --runs 3 \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["mb_per_s"])')
    echo "hazm Normalizer: $HAZM_MBS MB/s (same run)"
else
    echo "hazm virtualenv missing (python3 $bench/baselines.py setup hazm): no ratio"
fi
export HAZM_MBS
uptime
./target/release/examples/clean_steps_speed "$corpus"
WHOLE=1 ./target/release/examples/clean_steps_speed "$corpus"
if [ "${CRITERION:-1}" = 1 ]; then
    cargo bench -p dabir --bench clean
fi
