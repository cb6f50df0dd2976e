#!/usr/bin/env bash
# Load test of `dabir serve` from a second process on loopback (wrk, 64 connections):
# requests per second, latency percentiles and errors for POST /v1/analyze,
# /v1/tokenize and /v1/normalize with a 2 KB Persian article we wrote ourselves
# (scripts/data/bench-article.txt), and the server's resident memory sampled every
# 5 s during the analyze run, to show it stays flat.
#
#   scripts/bench-server.sh            # the figures in BENCHMARKS.md: analyze 300 s, the others 20 s
#   scripts/bench-server.sh 30 10      # a short run: analyze 30 s, the others 10 s
#
# Needs wrk (Debian: apt-get install wrk) and python3. Client and server share the
# machine's cores, so the figures are a floor for a server with cores of its own.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
analyze_seconds="${1:-300}"
other_seconds="${2:-20}"
connections=64
threads=2

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
cargo build --release -q -p dabir-cli
bin="$root/target/release/dabir"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1], encoding="utf-8").read()}))' \
    scripts/data/bench-article.txt > "$work/body.json"
article_bytes=$(wc -c < scripts/data/bench-article.txt)

"$bin" serve --addr 127.0.0.1:0 2> "$work/server.log" &
server_pid=$!
for _ in $(seq 100); do
    grep -q "serving on" "$work/server.log" 2>/dev/null && break
    sleep 0.1
done
url="$(grep -o 'http://[0-9.:]*' "$work/server.log" | head -1)"
[ -n "$url" ] || { echo "the server did not start:"; cat "$work/server.log"; exit 1; }

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }

echo "# dabir serve load test: $(nproc) cores, $(uname -m), article $article_bytes bytes, $connections connections, wrk $threads threads"
echo "# server $url (pid $server_pid), RSS at start: $(rss_kb) kB"

run() { # route seconds
    BODY_FILE="$work/body.json" wrk -t"$threads" -c"$connections" -d"${2}s" --latency \
        -s scripts/bench-server.lua "$url$1" > "$work/wrk.out"
    local result
    result="$(grep '^RESULT' "$work/wrk.out")"
    echo "$1 $result"
}

# Warm up (first requests load the models), then the short runs.
BODY_FILE="$work/body.json" wrk -t1 -c4 -d2s -s scripts/bench-server.lua "$url/v1/analyze" > /dev/null
echo "# RSS after warm-up: $(rss_kb) kB"
run /v1/normalize "$other_seconds"
run /v1/tokenize "$other_seconds"

# The long analyze run, with RSS sampled every 5 s.
: > "$work/rss.txt"
( while kill -0 "$server_pid" 2>/dev/null; do rss_kb >> "$work/rss.txt"; sleep 5; done ) &
sampler=$!
run /v1/analyze "$analyze_seconds"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
python3 - "$work/rss.txt" <<'PY'
import sys
kb = [int(x) for x in open(sys.argv[1]) if x.strip()]
if kb:
    n = len(kb)
    half = kb[n // 2:]
    print(f"# RSS during analyze ({n} samples, every 5 s): first {kb[0]} kB, min {min(kb)} kB, "
          f"max {max(kb)} kB, last {kb[-1]} kB; second half min {min(half)} max {max(half)} kB")
    print("# RSS samples (MB): " + " ".join(f"{k / 1024:.0f}" for k in kb))
PY
echo "# server-side counts (from /metrics):"
curl -s "$url/metrics" | grep '^dabir_http_requests_total' | sed 's/^/#   /'
