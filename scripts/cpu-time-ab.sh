#!/usr/bin/env bash
# CPU time (user + sys) of `dabir normalize --threads 1 FILE > /dev/null` for several dabir
# builds, runs alternating between them, median per build; also the median of user time
# alone (on a VM whose kernel copy from the page cache is noisy, sys time moves with the
# host, user time with the build). On a machine shared with other
# jobs, CPU time moves much less than wall-clock time, so this is the A/B comparison of builds
# (wall clock against hazm stays scripts/bench-throughput.sh).
#
#   scripts/cpu-time-ab.sh FILE RUNS BIN [BIN...]
#
# Example (30 MB of the throughput input, this build against another):
#   head -c 30000000 /tmp/dabir-throughput/perdt-train-100MB.txt | head -n -1 > /tmp/30MB.txt
#   scripts/cpu-time-ab.sh /tmp/30MB.txt 9 /path/to/main/dabir target/release/dabir
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,12p' "$0"; exit 2; }
file="$1"; runs="$2"; shift 2
declare -A times users
for _ in $(seq "$runs"); do
    for bin in "$@"; do
        t=$( { /usr/bin/time -f "%U %S" "$bin" normalize --quiet --threads 1 "$file" >/dev/null; } 2>&1 | tail -1)
        times[$bin]="${times[$bin]:-} $(echo "$t" | awk '{printf "%.2f", $1 + $2}')"
        users[$bin]="${users[$bin]:-} $(echo "$t" | awk '{printf "%.2f", $1}')"
    done
done
bytes=$(stat -c %s "$file")
for bin in "$@"; do
    median=$(echo ${times[$bin]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    mbps=$(awk -v b="$bytes" -v s="$median" 'BEGIN {printf "%.1f", b / 1e6 / s}')
    echo "$bin: median ${median} s CPU = ${mbps} MB/s of a core; runs:${times[$bin]}"
    user=$(echo ${users[$bin]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    umbps=$(awk -v b="$bytes" -v s="$user" 'BEGIN {printf "%.1f", b / 1e6 / s}')
    echo "$bin: median ${user} s user = ${umbps} MB/s of a core (user time only); runs:${users[$bin]}"
done
