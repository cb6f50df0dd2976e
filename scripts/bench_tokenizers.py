#!/usr/bin/env python3
"""Split + tokenize throughput of hazm and shekar on one file, measured the way
../shared/bench/ANCHORS-UD.md does (sentence splitter per 50-line chunk, word
tokenizer per sentence), each in its own virtualenv (../shared/bench/baselines.py
setup), single-threaded; prints one JSON line per system with MB/s by wall-clock
and by process CPU time (median of --runs runs). scripts/bench-segment.sh runs it in
the same run as dabir's examples/bench_segment.

  bench_tokenizers.py FILE [--systems hazm,shekar] [--runs 3] [--repeat N]
"""
import argparse
from importlib import metadata
import json
import os
import statistics
import subprocess
import sys
import time

VENVS = os.environ.get("ZWNJ_VENVS", os.path.expanduser("~/.cache/zwnj-bench/venvs"))


def worker(system, path, runs, repeat):
    text = open(path, encoding="utf-8").read() * repeat
    size = len(text.encode("utf-8")) / 1e6
    lines = text.split("\n")
    chunks = ["\n".join(lines[i:i + 50]) for i in range(0, len(lines), 50)]
    if system == "hazm":
        import hazm
        version = metadata.version("hazm")

        def run():
            n = 0
            for c in chunks:
                for s in hazm.sent_tokenize(c):
                    n += len(hazm.word_tokenize(s))
            return n
    elif system == "shekar":
        import shekar
        from shekar import SentenceTokenizer, WordTokenizer
        version = metadata.version("shekar")
        st, wt = SentenceTokenizer(), WordTokenizer()

        def run():
            n = 0
            for c in chunks:
                for s in st(c):
                    n += len(list(wt(s)))
            return n
    else:
        raise SystemExit("unknown system %s" % system)
    run()  # warm-up: both build their tokenizers on first use
    walls, cpus, n = [], [], 0
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        n = run()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    print(json.dumps({"system": system, "version": version, "mb": round(size, 2),
                      "mb_per_s": round(size / statistics.median(walls), 1),
                      "cpu_mb_per_s": round(size / statistics.median(cpus), 1),
                      "runs": runs, "tokens": n}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--systems", default="hazm,shekar")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--worker")
    a = ap.parse_args()
    if a.worker:
        worker(a.worker, a.file, a.runs, a.repeat)
        return
    for s in a.systems.split(","):
        py = os.path.join(VENVS, s, "bin", "python")
        if not os.path.exists(py):
            print(json.dumps({"system": s, "error": "no virtualenv at %s (run baselines.py setup %s)" % (py, s)}))
            continue
        subprocess.run([py, os.path.abspath(__file__), a.file, "--worker", s, "--runs", str(a.runs),
                        "--repeat", str(a.repeat)], check=False)


if __name__ == "__main__":
    main()
