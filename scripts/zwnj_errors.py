#!/usr/bin/env python3
"""Classifies the ZWNJ restoration errors of a system output against gold, by kind.

    scripts/zwnj_errors.py GOLD SYSTEM [--train TRAIN] [--examples N] [--bench DIR]

GOLD and SYSTEM are line-aligned (as for ../shared/bench/zwnj_score.py, whose canonical form is
used). Every gap whose label differs is one error; it is classed by
  - the change (gold label -> system label: ZWNJ->NONE a missed ZWNJ in a joined word,
    ZWNJ->SPACE a ZWNJ left as a space, SPACE->ZWNJ a space wrongly joined, NONE->ZWNJ a
    word wrongly split, ...),
  - the pieces on each side of the gap in gold (a suffix such as ها/های/ای/ترین, a prefix such
    as می/نمی/بی, else a compound),
  - what the train text says of the gold word (the word around the gap with ZWNJ removed): unseen,
    seen mostly as gold writes it, or seen mostly another way (an inconsistent spelling).
Prints counts per class and a few examples of each. Development aid: run it on the dev split,
never to copy anything from a test file.
"""
import argparse
import collections
import os
import re
import sys

ZWNJ = "\u200c"
# A Persian word as dabir's scanner sees it: Arabic-script letters and marks, ZWNJ inside.
WORD = re.compile("[\u0600-\u06ff\u200c]+")
SUFFIXES = ["هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "های", "ها",
            "ترین", "تر", "ای", "ام", "ایم", "اید", "اند", "اش", "ات", "یی", "ی", "گری", "گر"]
PREFIXES = ["نمی", "می", "بی", "هم", "غیر", "پیش", "پس", "فرا", "نا"]


def load_scorer(bench):
    sys.path.insert(0, bench)
    import zwnj_score  # noqa: E402
    return zwnj_score


def train_counts(path):
    forms = collections.Counter()
    if not path:
        return forms
    with open(path, encoding="utf-8") as f:
        for line in f:
            for w in WORD.findall(line):
                forms[w.strip(ZWNJ)] += 1
    by_key = collections.defaultdict(collections.Counter)
    for w, c in forms.items():
        by_key[w.replace(ZWNJ, "")][w] += c
    return by_key


def extent(k, n, cuts):
    """The visible indices (lo, hi) of the run around gap k (between k and k + 1) that no
    gap in `cuts` interrupts: the pieces or words on each side of the gap."""
    lo = k
    while lo > 0 and (lo - 1) not in cuts:
        lo -= 1
    hi = k + 1
    while hi < n - 1 and hi not in cuts:
        hi += 1
    return lo, hi


def render(vis, a, b, sp, zw):
    s = []
    for k in range(a, b + 1):
        s.append(vis[k])
        if k < b:
            s.append(" " if k in sp else ZWNJ if k in zw else "")
    return "".join(s)


def piece_kind(left, right):
    for p in SUFFIXES:
        if right == p:
            return "suffix " + p
    for p in PREFIXES:
        if left == p:
            return "prefix " + p
    return "compound"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("system")
    ap.add_argument("--train", default="")
    ap.add_argument("--examples", type=int, default=6)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--bench", default=os.path.join(here, "..", "..", "shared", "bench"))
    a = ap.parse_args()
    zs = load_scorer(a.bench)
    by_key = train_counts(a.train)
    gold = zs.read_lines(a.gold)
    sysl = zs.read_lines(a.system)
    classes = collections.Counter()
    change_counts = collections.Counter()
    examples = collections.defaultdict(list)
    for g, s in zip(gold, sysl + [""] * (len(gold) - len(sysl))):
        gv, gsp, gzw = zs.gaps(zs.canon(g))
        sv, ssp, szw = zs.gaps(zs.canon(s))
        if gv != sv:
            classes[("misaligned", "", "")] += 1
            continue
        lab = lambda k, sp, zw: "SPACE" if k in sp else "ZWNJ" if k in zw else "NONE"
        for k in range(len(gv) - 1):
            gl, sl = lab(k, gsp, gzw), lab(k, ssp, szw)
            if gl == sl:
                continue
            # the gold pieces next to the gap (split by space and ZWNJ on either side)
            lo, hi = extent(k, len(gv), gsp | gzw | ssp | szw)
            left, right = gv[lo:k + 1], gv[k + 1:hi + 1]
            # the gold word(s) around the gap: extend over ZWNJ/NONE gold gaps
            wa, wb = extent(k, len(gv), gsp)
            gword = render(gv, wa, wb, gsp, gzw)
            sword = render(gv, wa, wb, ssp, szw)
            key = "".join(WORD.findall(gword.replace(" ", ""))).replace(ZWNJ, "")
            seen = by_key.get(key)
            if gl == "SPACE":
                # a gold space: what does train do with the two words?
                status = "gold space"
            elif not seen:
                status = "unseen word"
            else:
                best = seen.most_common(1)[0][0]
                plain = "".join(WORD.findall(gword.replace(" ", ""))).strip(ZWNJ)
                status = "train agrees" if best == plain else "train differs"
            change = f"{gl}->{sl}"
            kind_short = piece_kind(left, right)
            classes[(change, kind_short, status)] += 1
            change_counts[change] += 1
            if len(examples[(change, kind_short, status)]) < a.examples:
                extra = ""
                if seen:
                    extra = " train: " + ", ".join(f"{w}×{c}" for w, c in seen.most_common(3))
                examples[(change, kind_short, status)].append(f"{gword} -> {sword}{extra}")
    total = sum(change_counts.values())
    print(f"errors (gaps): {total}")
    for ch, c in change_counts.most_common():
        print(f"  {ch}: {c}")
    print()
    for (ch, kind, status), c in classes.most_common():
        print(f"{c:5d}  {ch:14s} {kind:14s} {status}")
        for e in examples[(ch, kind, status)]:
            print(f"         {e}")


if __name__ == "__main__":
    main()
