#!/usr/bin/env python3
"""dabir's Python API against hazm, both called from this one process on the same text.

bench_python.py [--corpus FILE] [--runs 3] [--md FILE] [--json FILE]

Run by scripts/bench-python.sh, in a venv that has both the dabir wheel and hazm. Default
corpus: ../shared/data/zwnj/perdt-dev.txt (1,456 raw PerDT sentences, 0.21 MB). Each task
times the calls only (constructors, one warm-up call and the making of the inputs are
outside the clock), single-threaded unless the row says otherwise, --runs times with the
systems interleaved (A B A B …, so a change of load hits all alike), and reports the
best run as MB/s of UTF-8 input (tokens/s for the lemmatizers): on a shared, loaded
machine the best run is the one least disturbed. The rate per CPU second divides by the
process's CPU time (time.process_time) instead, the fairer figure when other jobs share
the cores (for the 2-thread rows it sums both threads). "× hazm" is the ratio to hazm's
figure for the same task in the same run.

Tasks (the same granularity for both libraries):
  normalize       once per line
  word_tokenize   once per line
  sent_tokenize   once over the whole text as one string
  lemmatize       once per token of hazm.word_tokenize (the same token list for both)

The "agreement" column says how often dabir's output equals hazm's on the same input
(lines for normalize and word_tokenize, the sentence list for sent_tokenize, tokens for
lemmatize): how much a hazm user sees change on switching the import, not an accuracy
(see the Morphology and Segmentation sections for accuracy against the gold treebank).
"""
import argparse
import json
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "data", "zwnj", "perdt-dev.txt")


def share(pairs):
    pairs = list(pairs)
    return 100.0 * sum(1 for a, b in pairs if a == b) / max(1, len(pairs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("BENCH_CORPUS", DEFAULT_CORPUS))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--md", help="write the Markdown table here")
    ap.add_argument("--json", help="write the rows as JSON here")
    a = ap.parse_args()

    import hazm

    import dabir
    from dabir.compat import hazm as compat

    text = open(a.corpus, encoding="utf-8").read()
    size_mb = len(text.encode("utf-8")) / 1e6
    lines = [l for l in text.split("\n") if l.strip()]
    rows = []

    def task(name, systems, unit="MB/s", amount=size_mb):
        """Times each system's calls; the runs are interleaved (A B A B …) so that a
        change of load on the machine hits every system of the task alike."""
        for _, f, _ in systems:
            f()  # warm-up outside the clock
        times = {label: [] for label, _, _ in systems}
        cpu = {label: [] for label, _, _ in systems}
        for _ in range(a.runs):
            for label, f, _ in systems:
                c0, t0 = time.process_time(), time.perf_counter()
                f()
                times[label].append(time.perf_counter() - t0)
                cpu[label].append(time.process_time() - c0)
        for label, _, agreement in systems:
            ts = times[label]
            rows.append({
                "task": name, "system": label, "rate": amount / min(ts), "unit": unit,
                "cpu_rate": amount / max(1e-9, min(cpu[label])),
                "best_s": min(ts), "median_s": statistics.median(ts),
                "runs_s": [round(t, 3) for t in ts], "agreement": agreement,
            })

    # normalize, once per line
    h_norm = hazm.Normalizer()
    d_norm = dabir.Normalizer()
    c_norm = compat.Normalizer()
    h_out = [h_norm.normalize(l) for l in lines]
    halves = [lines[: len(lines) // 2], lines[len(lines) // 2 :]]
    pool = ThreadPoolExecutor(2)
    task("normalize", [
        ("hazm Normalizer().normalize", lambda: [h_norm.normalize(l) for l in lines], None),
        ("dabir.compat.hazm Normalizer().normalize", lambda: [c_norm.normalize(l) for l in lines],
         share(zip([c_norm.normalize(l) for l in lines], h_out))),
        ("dabir Normalizer().normalize", lambda: [d_norm.normalize(l) for l in lines],
         share(zip([d_norm.normalize(l) for l in lines], h_out))),
        ("dabir.normalize", lambda: [dabir.normalize(l) for l in lines], None),
        ("dabir Normalizer().normalize, 2 threads (half the lines each)",
         lambda: list(pool.map(lambda part: [d_norm.normalize(l) for l in part], halves)), None),
    ])

    # word_tokenize, once per line
    h_tok = [hazm.word_tokenize(l) for l in lines]
    task("word_tokenize", [
        ("hazm.word_tokenize", lambda: [hazm.word_tokenize(l) for l in lines], None),
        ("dabir.compat.hazm.word_tokenize", lambda: [compat.word_tokenize(l) for l in lines],
         share(zip([compat.word_tokenize(l) for l in lines], h_tok))),
        ("dabir.word_tokenize(split_clitics=True)",
         lambda: [dabir.word_tokenize(l, split_clitics=True) for l in lines], None),
    ])

    # sent_tokenize, the whole text as one string
    h_sents = hazm.sent_tokenize(text)
    d_sents = compat.sent_tokenize(text)
    sent_counts = (len(h_sents), len(d_sents))
    task("sent_tokenize", [
        ("hazm.sent_tokenize", lambda: hazm.sent_tokenize(text), None),
        ("dabir.compat.hazm.sent_tokenize", lambda: compat.sent_tokenize(text),
         share(zip(d_sents, h_sents)) if len(d_sents) == len(h_sents) else None),
    ])

    # lemmatize: every token of hazm's tokenization, the same list for both
    tokens = [t for toks in h_tok for t in toks]
    n = len(tokens)
    h_lem = hazm.Lemmatizer()
    c_lem = compat.Lemmatizer()
    h_lemmas = [h_lem.lemmatize(t) for t in tokens]
    task("lemmatize", [
        ("hazm Lemmatizer().lemmatize", lambda: [h_lem.lemmatize(t) for t in tokens], None),
        ("dabir.compat.hazm Lemmatizer().lemmatize", lambda: [c_lem.lemmatize(t) for t in tokens],
         share(zip([c_lem.lemmatize(t) for t in tokens], h_lemmas))),
        ("dabir.lemmatize(word)", lambda: [dabir.lemmatize(t) for t in tokens], None),
        ("dabir.lemmatize(sentence tokens), tagged in context",
         lambda: [dabir.lemmatize(toks) for toks in h_tok], None),
    ], "tokens/s", n)

    # the whole pipeline (no hazm counterpart)
    pipe = dabir.Pipeline()
    task("analyze", [
        ("dabir Pipeline().analyze (dict per line)", lambda: [pipe.analyze(l) for l in lines], None),
        ("dabir Pipeline().analyze_json (JSON string per line)",
         lambda: [pipe.analyze_json(l) for l in lines], None),
        ("dabir Pipeline().analyze_json, 2 threads (half the lines each)",
         lambda: list(pool.map(lambda part: [pipe.analyze_json(l) for l in part], halves)), None),
    ])
    pool.shutdown()

    base = {r["task"]: r["rate"] for r in rows if r["system"].startswith("hazm")}
    base_cpu = {r["task"]: r["cpu_rate"] for r in rows if r["system"].startswith("hazm")}
    out = []
    out.append(f"Corpus: {os.path.basename(a.corpus)} ({len(lines)} lines, {size_mb * 1000:.0f} kB, "
               f"{n} hazm tokens); hazm {getattr(hazm, '__version__', '0.10.0')}, dabir "
               f"{dabir.__version__}, Python {platform.python_version()}; best of {a.runs} interleaved runs; "
               f"sentences: hazm {sent_counts[0]}, dabir {sent_counts[1]}.")
    out.append("")
    out.append("| task | system | rate (best run, wall) | × hazm | rate per CPU second | × hazm (CPU) "
               "| agreement with hazm | best s | median s | runs s |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        ratio = "" if r["task"] not in base else "%.1f" % (r["rate"] / base[r["task"]])
        ratio_cpu = "" if r["task"] not in base_cpu else "%.1f" % (r["cpu_rate"] / base_cpu[r["task"]])
        agree = "" if r["agreement"] is None else "%.1f %%" % r["agreement"]
        runs = ", ".join("%.3f" % t for t in r["runs_s"])
        out.append(
            f"| {r['task']} | {r['system']} | {r['rate']:,.2f} {r['unit']} | {ratio} | "
            f"{r['cpu_rate']:,.2f} | {ratio_cpu} | "
            f"{agree} | {r['best_s']:.3f} | {r['median_s']:.3f} | {runs} |"
        )
    md = "\n".join(out)
    print(md)
    if a.md:
        with open(a.md, "w", encoding="utf-8") as f:
            f.write(md + "\n")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    sys.exit(main())
