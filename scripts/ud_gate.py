"""Checks the UD figures written by scripts/gate-ud.sh against floors and issue targets.

Each row: (file, metric, label, floor, target), F1 in percent. The floor is the regression
gate (CI fails below it), set a little under what the shipped models measure; the target is
the bar the issue sets, reported as met or not met.
"""
import json
import sys

BARS = [
    ("lines", "Tokens", "Tokens F1 (issue 3)", 99.90, 99.90),
    ("lines", "Words", "Words F1 (issue 3)", 99.50, 99.50),
    ("joined", "Sentences", "Sentences F1, joined (issue 3)", 99.00, 99.00),
    ("tagged", "UPOS", "UPOS, gold tokens (issue 4)", 93.50, 96.50),
    ("tagged", "UFeats", "UFeats, gold tokens (issue 4)", 93.90, 95.00),
    ("tagged", "Lemmas", "Lemmas, gold tokens (issue 4)", 97.60, 98.50),
]


def main(directory):
    failed, missed = [], []
    for name, metric, label, floor, target in BARS:
        with open(f"{directory}/{name}.json", encoding="utf-8") as f:
            value = 100 * json.load(f)[metric]["f1"]
        ok, met = value >= floor, value >= target
        print(f"{'pass' if ok else 'FAIL'}  {label}: {value:.2f} (floor >= {floor:.2f}; "
              f"issue target >= {target:.2f}: {'met' if met else 'NOT met'})")
        if not ok:
            failed.append(f"{label} is {value:.2f}, the floor is {floor:.2f}")
        if not met:
            missed.append(f"{label} is {value:.2f}, the issue target is {target:.2f}")
    if missed:
        print("\nIssue targets not met yet (reported, not failing):\n  - " + "\n  - ".join(missed))
    if failed:
        print("\nUD accuracy gate FAILED (regression below the floor):\n  - " + "\n  - ".join(failed))
        return 1
    print("\nUD accuracy gate passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
