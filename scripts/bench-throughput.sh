#!/usr/bin/env bash
# Throughput and peak memory of `dabir normalize` (issue 2), against hazm's Normalizer in the
# same run.
#
#   scripts/bench-throughput.sh [--runs N] [--no-memory] [-- NORMALIZE-FLAGS...]
#
# 1. Builds a >= 100 MB file by repeating ../shared/data/zwnj/perdt-train.txt (3.81 MB, PerDT
#    train sentences) in $TMPDIR, and times `dabir normalize FILE > /dev/null` with --threads 1
#    and --threads 2 (median of N runs, default 3; wall clock of the whole process: start-up,
#    reading, cleaning with the standard preset (ZWNJ restoration on), writing). Also times dabir
#    on perdt-train.txt itself, the file hazm is timed on.
# 2. Times hazm 0.10.0 `Normalizer().normalize`, one call per line of perdt-train.txt, as
#    ../shared/bench/throughput.py does (only the calls are timed: no start-up, no file
#    reading), in the virtualenv `python3 ../shared/bench/baselines.py setup hazm` makes
#    under ${ZWNJ_VENVS:-~/.cache/zwnj-bench/venvs}/hazm (set up here when missing).
# 3. Peak memory (`/usr/bin/time -v`, maximum resident set size) of `dabir normalize` on a 1 GB
#    input (perdt-train repeated), and on the same 1 GB as one single line.
# Prints a Markdown table (also written to $TMPDIR/dabir-throughput/table.md).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DABIR_DATA:-$root/../shared/data}"
bench="${DABIR_BENCH:-$root/../shared/bench}"
venvs="${ZWNJ_VENVS:-$HOME/.cache/zwnj-bench/venvs}"
runs=3
memory=1
flags=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift ;;
        --no-memory) memory=0 ;;
        --) shift; flags=("$@"); break ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "bench-throughput: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
corpus="$data/zwnj/perdt-train.txt"
[ -f "$corpus" ] || { echo "bench-throughput: $corpus not found (set DABIR_DATA)" >&2; exit 2; }
work="${TMPDIR:-/tmp}/dabir-throughput"
mkdir -p "$work"
timer="$root/scripts/throughput_timer.py"

if [ -n "${DABIR_BIN:-}" ]; then
    bin="$DABIR_BIN"
else
    echo "== building dabir (release)" >&2
    (cd "$root" && cargo build --release --quiet -p dabir-cli)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/dabir"
fi

size=$(stat -c %s "$corpus")
repeat() { # repeat TARGET_BYTES OUT: perdt-train.txt concatenated until OUT >= TARGET_BYTES
    local n=$(( ($1 + size - 1) / size ))
    if [ ! -f "$2" ] || [ "$(stat -c %s "$2")" -ne $((n * size)) ]; then
        : >"$2"
        for _ in $(seq "$n"); do cat "$corpus" >>"$2"; done
    fi
}
big="$work/perdt-train-100MB.txt"
repeat 100000000 "$big"
big_size=$(stat -c %s "$big")

time_dabir() { # time_dabir THREADS FILE BYTES
    python3 "$timer" cmd --bytes "$3" --runs "$runs" -- \
        "$bin" normalize --quiet --threads "$1" "${flags[@]+"${flags[@]}"}" "$2"
}
field() { python3 -c "import json,sys; print(f\"{json.loads(sys.argv[1])[sys.argv[2]]:.2f}\")" "$1" "$2"; }

echo "== dabir --threads 1 on $((big_size / 1000000)) MB" >&2
d1=$(time_dabir 1 "$big" "$big_size")
echo "== dabir --threads 2 on $((big_size / 1000000)) MB" >&2
d2=$(time_dabir 2 "$big" "$big_size")
echo "== dabir --threads 1 on perdt-train.txt" >&2
ds=$(time_dabir 1 "$corpus" "$size")

if [ ! -x "$venvs/hazm/bin/python" ]; then
    echo "== setting up hazm (python3 $bench/baselines.py setup hazm)" >&2
    (cd "$bench" && python3 baselines.py setup hazm) >&2
fi
echo "== hazm Normalizer on perdt-train.txt" >&2
hz=$("$venvs/hazm/bin/python" "$timer" hazm --corpus "$corpus" --bench "$bench" --runs "$runs")
hazm_version=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['version'])" "$hz")

ratio() { python3 -c "import json,sys; print(f\"{json.loads(sys.argv[1])['mb_per_s'] / json.loads(sys.argv[2])['mb_per_s']:.0f}\")" "$1" "$hz"; }

peak() { # peak FILE: maximum resident set size in MB of dabir normalize on FILE
    local log="$work/time.log"
    /usr/bin/time -v "$bin" normalize --quiet "${flags[@]+"${flags[@]}"}" "$1" >/dev/null 2>"$log"
    awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log"
}
if [ "$memory" = 1 ]; then
    gb="$work/perdt-train-1GB.txt"
    echo "== building 1 GB inputs" >&2
    repeat 1000000000 "$gb"
    gb_size=$(stat -c %s "$gb")
    one_line="$work/one-line-1GB.txt"
    if [ ! -f "$one_line" ] || [ "$(stat -c %s "$one_line")" -ne "$gb_size" ]; then
        tr '\n' ' ' <"$gb" >"$one_line"
    fi
    echo "== peak memory on 1 GB" >&2
    mem_lines=$(peak "$gb")
    echo "== peak memory on a 1 GB single line" >&2
    mem_one=$(peak "$one_line")
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
{
    echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GB RAM; dabir $("$bin" --version | cut -d' ' -f2) ${flags[*]:-} (standard preset unless flags say otherwise), hazm $hazm_version; median of $runs runs."
    echo
    echo "| system | input | MB/s | × hazm | median s | runs s |"
    echo "|---|---|---|---|---|---|"
    for row in "dabir --threads 1|$((big_size / 1000000)) MB (perdt-train ×$((big_size / size)))|$d1" \
               "dabir --threads 2|$((big_size / 1000000)) MB (perdt-train ×$((big_size / size)))|$d2" \
               "dabir --threads 1|perdt-train.txt ($((size / 1000)) kB)|$ds" \
               "hazm Normalizer|perdt-train.txt ($((size / 1000)) kB)|$hz"; do
        IFS='|' read -r name input json <<<"$row"
        runs_s=$(python3 -c "import json,sys; print(', '.join(f'{t:.2f}' for t in json.loads(sys.argv[1])['runs_s']))" "$json")
        echo "| $name | $input | $(field "$json" mb_per_s) | $(ratio "$json") | $(field "$json" median_s) | $runs_s |"
    done
    if [ "$memory" = 1 ]; then
        echo
        echo "| peak memory (max RSS), \`dabir normalize\`, default threads | MB |"
        echo "|---|---|"
        echo "| 1 GB input ($((gb_size / size)) × perdt-train, $(wc -l <"$gb") lines) | $mem_lines |"
        echo "| the same 1 GB as one line | $mem_one |"
    fi
} | tee "$work/table.md"
echo "inputs and table: $work" >&2
