#!/usr/bin/env python3
"""Helpers of scripts/bench-zwnj.sh and scripts/gate-zwnj.sh (standard library only).

zwnj_eval.py lines OUT.json            `dabir normalize --format json` output -> text, one line per
                                       input line; a line dropped as page residue becomes an empty
                                       line, so the scorer's line alignment holds and a gold sentence
                                       dropped by mistake scores as wrong instead of shifting the rest
zwnj_eval.py table DIR [--md FILE]     Markdown table of DIR/{join,space,mixed,gold}.score.json
zwnj_eval.py gate DIR                  checks the bars of issue 2; exit 1 when one is missed

The bars (PerDT test, from the issue): ZWNJ F1 >= 0.985 on join input and >= 0.975 on space input,
word accuracy >= 0.995 on both, and on uncorrected gold input fewer than 1 gap in 1,000 changed
(changed gaps = 1 - gap accuracy of the gold run: every gold gap whose label the system changed,
including gaps it could not align).
"""
import json
import os
import sys

MODES = ["join", "space", "mixed", "gold"]
# Each row: (mode, metric, label, floor, target, higher is better).
# The floor is the regression gate: CI fails below it. It sits a little under what the
# shipped model measures (BENCHMARKS.md), so a change that makes restoration worse fails.
# The target is the bar issue 2 sets; the gate reports whether it is met but does not fail
# on it, because CI must stay green while the model is below the bars (the issue
# stays open until they are met; BENCHMARKS.md says so).
BARS = [
    ("join", "zwnj_f1", "ZWNJ F1 (join)", 0.975, 0.985, True),
    ("space", "zwnj_f1", "ZWNJ F1 (space)", 0.963, 0.975, True),
    ("join", "word_accuracy", "word accuracy (join)", 0.9955, 0.995, True),
    ("space", "word_accuracy", "word accuracy (space)", 0.991, 0.995, True),
    ("gold", "changed_gaps", "changed gaps on gold input", 0.001, 0.001, False),
]


def lines(path):
    out = sys.stdout
    dropped = 0
    with open(path, encoding="utf-8") as f:
        for raw in f:
            if not raw.strip():
                continue
            obj = json.loads(raw)
            dropped += bool(obj.get("dropped"))
            out.write(obj["text"])
            out.write(obj.get("eol", "\n"))
    sys.stderr.write(f"{path}: {dropped} line(s) dropped as residue (written empty)\n")
    meta = os.path.splitext(path)[0] + ".dropped"
    with open(meta, "w") as f:
        f.write(f"{dropped}\n")


def load(directory, mode):
    path = os.path.join(directory, f"{mode}.score.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        s = json.load(f)
    dropped_path = os.path.join(directory, f"{mode}.dropped")
    dropped = int(open(dropped_path).read().strip()) if os.path.exists(dropped_path) else 0
    return {
        "zwnj_p": s["zwnj"]["precision"], "zwnj_r": s["zwnj"]["recall"], "zwnj_f1": s["zwnj"]["f1"],
        "space_f1": s["space"]["f1"], "gap_accuracy": s["gap_accuracy"],
        "word_accuracy": s["word_accuracy"], "exact_lines": s["exact_lines"],
        "misaligned": s["misaligned_lines"], "lines": s["lines"], "dropped": dropped,
        "changed_gaps": 1.0 - s["gap_accuracy"], "zwnj_out": s["zwnj"]["system"],
    }


def table(directory, md=None):
    rows = ["| input | ZWNJ P | ZWNJ R | ZWNJ F1 | SPACE F1 | gap acc | word acc | exact lines | misaligned | dropped | changed gaps |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for mode in MODES:
        r = load(directory, mode)
        if r is None:
            continue
        changed = f"{r['changed_gaps']:.4%}" if mode == "gold" else "–"
        p = f"{r['zwnj_p']:.3f}" if r["zwnj_out"] else "–"  # no ZWNJ in the output at all
        rows.append(f"| {mode} | {p} | {r['zwnj_r']:.3f} | {r['zwnj_f1']:.3f} | {r['space_f1']:.3f} | "
                    f"{r['gap_accuracy']:.4f} | {r['word_accuracy']:.4f} | {r['exact_lines']:.3f} | "
                    f"{r['misaligned']} / {r['lines']} | {r['dropped']} | {changed} |")
    text = "\n".join(rows) + "\n"
    sys.stdout.write(text)
    if md:
        with open(md, "w", encoding="utf-8") as f:
            f.write(text)


def gate(directory):
    failed, missed = [], []
    for mode, metric, label, floor, target, higher in BARS:
        r = load(directory, mode)
        if r is None:
            failed.append(f"{label}: no result ({mode}.score.json missing)")
            print(f"FAIL  {label}: no result")
            continue
        value = r[metric]
        rel = ">=" if higher else "<"
        above = (lambda bar: value >= bar) if higher else (lambda bar: value < bar)
        ok, met = above(floor), above(target)
        verdict = "pass" if ok else "FAIL"
        print(f"{verdict}  {label}: {value:.4f} (floor {rel} {floor}; issue target {rel} {target}: "
              f"{'met' if met else 'NOT met'})")
        if not ok:
            failed.append(f"{label} is {value:.4f}, the floor is {rel} {floor}")
        if not met:
            missed.append(f"{label} is {value:.4f}, the issue target is {rel} {target}")
    if missed:
        print("\nIssue 2 targets not met yet (reported, not failing):\n  - " + "\n  - ".join(missed))
    if failed:
        print("\nZWNJ accuracy gate FAILED (regression below the floor):\n  - " + "\n  - ".join(failed))
        return 1
    print("\nZWNJ accuracy gate passed (no regression below the floors).")
    return 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "lines":
        lines(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "table":
        md = sys.argv[4] if len(sys.argv) >= 5 and sys.argv[3] == "--md" else None
        table(sys.argv[2], md)
    elif len(sys.argv) >= 3 and sys.argv[1] == "gate":
        sys.exit(gate(sys.argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
