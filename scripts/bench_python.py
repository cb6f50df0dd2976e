#!/usr/bin/env python3
"""dabir's Python API against hazm, both called from this one process on the same text.

bench_python.py [--corpus FILE] [--runs 3] [--md FILE] [--json FILE]

Run by scripts/bench-python.sh, in a venv that has both the dabir wheel and hazm. Default
corpus: ../shared/data/zwnj/perdt-dev.txt (1,456 raw PerDT sentences, 0.21 MB). Each task
is timed as the median wall time of --runs runs of the calls only (constructors, one
warm-up call and the making of the inputs are outside the clock), single-threaded unless
the row says otherwise, and reported as MB/s of UTF-8 input (tokens/s for the
lemmatizers). "× hazm" is the ratio to hazm's figure for the same task in the same run.

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


def timed(fn, runs):
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), ts


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

    def row(task, system, med, ts, unit="MB/s", amount=size_mb, agreement=None):
        rows.append({
            "task": task, "system": system, "rate": amount / med, "unit": unit,
            "median_s": med, "runs_s": [round(t, 3) for t in ts], "agreement": agreement,
        })

    # normalize
    h_norm = hazm.Normalizer()
    d_norm = dabir.Normalizer()
    c_norm = compat.Normalizer()
    for f in (h_norm.normalize, d_norm.normalize, c_norm.normalize, dabir.normalize):
        f(lines[0])
    med, ts = timed(lambda: [h_norm.normalize(l) for l in lines], a.runs)
    row("normalize", "hazm Normalizer().normalize", med, ts)
    h_out = [h_norm.normalize(l) for l in lines]
    med, ts = timed(lambda: [c_norm.normalize(l) for l in lines], a.runs)
    row("normalize", "dabir.compat.hazm Normalizer().normalize", med, ts,
        agreement=share(zip([c_norm.normalize(l) for l in lines], h_out)))
    med, ts = timed(lambda: [d_norm.normalize(l) for l in lines], a.runs)
    row("normalize", "dabir Normalizer().normalize", med, ts,
        agreement=share(zip([d_norm.normalize(l) for l in lines], h_out)))
    med, ts = timed(lambda: [dabir.normalize(l) for l in lines], a.runs)
    row("normalize", "dabir.normalize", med, ts)
    halves = [lines[: len(lines) // 2], lines[len(lines) // 2 :]]
    with ThreadPoolExecutor(2) as pool:
        med, ts = timed(
            lambda: list(pool.map(lambda part: [d_norm.normalize(l) for l in part], halves)), a.runs
        )
    row("normalize", "dabir Normalizer().normalize, 2 threads (half the lines each)", med, ts)

    # word_tokenize
    hazm.word_tokenize(lines[0])
    compat.word_tokenize(lines[0])
    med, ts = timed(lambda: [hazm.word_tokenize(l) for l in lines], a.runs)
    row("word_tokenize", "hazm.word_tokenize", med, ts)
    h_tok = [hazm.word_tokenize(l) for l in lines]
    med, ts = timed(lambda: [compat.word_tokenize(l) for l in lines], a.runs)
    row("word_tokenize", "dabir.compat.hazm.word_tokenize", med, ts,
        agreement=share(zip([compat.word_tokenize(l) for l in lines], h_tok)))
    med, ts = timed(lambda: [dabir.word_tokenize(l, split_clitics=True) for l in lines], a.runs)
    row("word_tokenize", "dabir.word_tokenize(split_clitics=True)", med, ts)

    # sent_tokenize
    hazm.sent_tokenize(lines[0])
    med, ts = timed(lambda: hazm.sent_tokenize(text), a.runs)
    row("sent_tokenize", "hazm.sent_tokenize", med, ts)
    h_sents = hazm.sent_tokenize(text)
    med, ts = timed(lambda: compat.sent_tokenize(text), a.runs)
    d_sents = compat.sent_tokenize(text)
    row("sent_tokenize", "dabir.compat.hazm.sent_tokenize", med, ts,
        agreement=share(zip(d_sents, h_sents)) if len(d_sents) == len(h_sents) else None)
    sent_counts = (len(h_sents), len(d_sents))

    # lemmatize: every token of hazm's tokenization, the same list for both
    tokens = [t for toks in h_tok for t in toks]
    h_lem = hazm.Lemmatizer()
    c_lem = compat.Lemmatizer()
    h_lem.lemmatize(tokens[0])
    c_lem.lemmatize(tokens[0])
    dabir.lemmatize(tokens[0])
    n = len(tokens)
    med, ts = timed(lambda: [h_lem.lemmatize(t) for t in tokens], a.runs)
    row("lemmatize", "hazm Lemmatizer().lemmatize", med, ts, "tokens/s", n)
    h_lemmas = [h_lem.lemmatize(t) for t in tokens]
    med, ts = timed(lambda: [c_lem.lemmatize(t) for t in tokens], a.runs)
    row("lemmatize", "dabir.compat.hazm Lemmatizer().lemmatize", med, ts, "tokens/s", n,
        agreement=share(zip([c_lem.lemmatize(t) for t in tokens], h_lemmas)))
    med, ts = timed(lambda: [dabir.lemmatize(t) for t in tokens], a.runs)
    row("lemmatize", "dabir.lemmatize(word)", med, ts, "tokens/s", n)
    med, ts = timed(lambda: [dabir.lemmatize(toks) for toks in h_tok], a.runs)
    row("lemmatize", "dabir.lemmatize(sentence tokens), tagged in context", med, ts, "tokens/s", n)

    # the whole pipeline (no hazm counterpart)
    pipe = dabir.Pipeline()
    pipe.analyze(lines[0])
    med, ts = timed(lambda: [pipe.analyze(l) for l in lines], a.runs)
    row("analyze", "dabir Pipeline().analyze (dict per line)", med, ts)
    med, ts = timed(lambda: [pipe.analyze_json(l) for l in lines], a.runs)
    row("analyze", "dabir Pipeline().analyze_json (JSON string per line)", med, ts)
    with ThreadPoolExecutor(2) as pool:
        med, ts = timed(
            lambda: list(pool.map(lambda part: [pipe.analyze_json(l) for l in part], halves)), a.runs
        )
    row("analyze", "dabir Pipeline().analyze_json, 2 threads (half the lines each)", med, ts)

    base = {r["task"]: r["rate"] for r in rows if r["system"].startswith("hazm")}
    out = []
    out.append(f"Corpus: {os.path.basename(a.corpus)} ({len(lines)} lines, {size_mb * 1000:.0f} kB, "
               f"{n} hazm tokens); hazm {getattr(hazm, '__version__', '0.10.0')}, dabir "
               f"{dabir.__version__}, Python {platform.python_version()}; median of {a.runs} runs; "
               f"sentences: hazm {sent_counts[0]}, dabir {sent_counts[1]}.")
    out.append("")
    out.append("| task | system | rate | × hazm | agreement with hazm | median s | runs s |")
    out.append("|---|---|---|---|---|---|---|")
    for r in rows:
        ratio = "" if r["task"] not in base else "%.1f" % (r["rate"] / base[r["task"]])
        agree = "" if r["agreement"] is None else "%.1f %%" % r["agreement"]
        runs = ", ".join("%.3f" % t for t in r["runs_s"])
        out.append(
            f"| {r['task']} | {r['system']} | {r['rate']:,.2f} {r['unit']} | {ratio} | "
            f"{agree} | {r['median_s']:.3f} | {runs} |"
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
