#!/usr/bin/env python3
"""Wall-clock timer of scripts/bench-throughput.sh (standard library only).

throughput_timer.py cmd --bytes N [--runs 3] -- PROGRAM ARGS...
    runs the command --runs times (stdout to /dev/null) and prints one JSON object:
    median and all run times, and MB/s = N / 10^6 / median (N: bytes of input)
throughput_timer.py hazm --corpus FILE --bench DIR [--runs 3]
    run with the hazm virtualenv's python: times hazm.Normalizer().normalize over every line
    of FILE the way ../shared/bench/throughput.py does (one call per line, constructor and one
    warm-up call outside the clock, median of --runs), prints one JSON object
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def cmd(a):
    times = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        p = subprocess.run(a.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            sys.exit(f"{' '.join(a.command)}: exit {p.returncode}: {p.stderr.decode(errors='replace')[-500:]}")
    med = statistics.median(times)
    print(json.dumps({"median_s": med, "runs_s": [round(t, 3) for t in times],
                      "mb": a.bytes / 1e6, "mb_per_s": a.bytes / 1e6 / med}))


def hazm(a):
    sys.path.insert(0, os.path.abspath(a.bench))
    import baselines  # ../shared/bench/baselines.py: how each peer is called
    text = open(a.corpus, encoding="utf-8").read()
    size = len(text.encode("utf-8"))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    f, version = baselines.make("hazm")
    f(lines[0])
    times = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        for line in lines:
            f(line)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    print(json.dumps({"version": version, "median_s": med, "runs_s": [round(t, 3) for t in times],
                      "mb": size / 1e6, "mb_per_s": size / 1e6 / med}))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    c = sub.add_parser("cmd")
    c.add_argument("--bytes", type=int, required=True)
    c.add_argument("--runs", type=int, default=3)
    c.add_argument("command", nargs=argparse.REMAINDER)
    h = sub.add_parser("hazm")
    h.add_argument("--corpus", required=True)
    h.add_argument("--bench", required=True)
    h.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    if a.what == "cmd":
        if a.command and a.command[0] == "--":
            a.command = a.command[1:]
        cmd(a)
    else:
        hazm(a)


if __name__ == "__main__":
    main()
