#!/usr/bin/env python3
"""Write perturbed copies of a gold CoNLL-U file, to check that `dabir eval` and
bench/ud_score.py agree on real data (used by scripts/check-ud-eval.sh).

  ud_eval_variants.py GOLD.conllu OUTDIR

Variants (deterministic, seeded): tags, lemmas and heads changed; multiword tokens
dissolved into one plain token; adjacent tokens merged; tokens split in two; sentences
merged and split. Every variant spells the same text as the gold file.
"""
import os
import random
import sys


def read(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if cur:
                sents.append(cur)
            cur = []
        elif not line.startswith("#"):
            cur.append(line.split("\t"))
    if cur:
        sents.append(cur)
    return sents


def tokens(sent):
    """[(surface cols or None, [word cols])] grouping multiword tokens."""
    out, i = [], 0
    while i < len(sent):
        c = sent[i]
        if "." in c[0]:
            i += 1
            continue
        if "-" in c[0]:
            a, b = map(int, c[0].split("-"))
            out.append((c, sent[i + 1:i + 2 + b - a]))
            i += 2 + b - a
        else:
            out.append((None, [c]))
            i += 1
    return out


def flat_sentence(forms):
    """A sentence of plain tokens (list of (form or None, [word forms]))."""
    rows, n = [], 0
    for mwt, words in forms:
        if mwt is not None:
            rows.append("%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t_" % (n + 1, n + len(words), mwt))
        for w in words:
            n += 1
            rows.append("\t".join([str(n), w, w, "X", "_", "_", "0" if n == 1 else "1",
                                   "root" if n == 1 else "dep", "_", "_"]))
    return rows


def write(path, sents):
    with open(path, "w", encoding="utf-8") as h:
        for s in sents:
            h.write("\n".join(s) + "\n\n")


def main():
    gold, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    sents = read(gold)
    rnd = random.Random(7)
    # 1. tags/lemmas/heads perturbed, tokenization kept
    out = []
    for s in sents:
        root = next(c[0] for c in s if c[6] == "0")
        rows = []
        for c in s:
            c = list(c)
            if c[0].isdigit() and rnd.random() < 0.2:
                k = rnd.randrange(5)
                if k == 0:
                    c[3] = "NOUN"
                elif k == 1:
                    c[2] = c[1]
                elif k == 2:
                    c[5] = "Number=Plur|Foo=Bar"
                elif k == 3:
                    c[7] = "dep"
                elif k == 4 and c[6] != "0":
                    c[6] = root      # re-attach to the root word: never a cycle
            rows.append("\t".join(c))
        out.append(rows)
    write(os.path.join(outdir, "tags.conllu"), out)
    # 2. retokenized: MWTs dissolved or kept, merges, splits; sentences merged/split
    out, pending = [], []
    for s in sents:
        toks = []
        for mwt, words in tokens(s):
            if mwt is not None:
                if rnd.random() < 0.5:
                    toks.append((None, [mwt[1]]))
                else:
                    ws = [w[1] for w in words]
                    if rnd.random() < 0.3:
                        ws = ws[:1] + [ws[-1].upper()] + ws[1:-1]
                    toks.append((mwt[1], ws))
            else:
                f = words[0][1].replace(" ", "")
                r = rnd.random()
                if r < 0.05 and toks and toks[-1][0] is None:
                    toks[-1] = (None, [toks[-1][1][-1] + f]) if len(toks[-1][1]) == 1 else toks[-1]
                    if len(toks[-1][1]) == 1 and toks[-1][1][0].endswith(f):
                        continue
                    toks.append((None, [f]))
                elif r < 0.1 and len(f) > 1:
                    k = rnd.randrange(1, len(f))
                    toks.append((None, [f[:k]]))
                    toks.append((None, [f[k:]]))
                elif r < 0.12 and len(f) > 2:
                    k = rnd.randrange(1, len(f))
                    toks.append((f, [f[:k], f[k:]]))
                else:
                    toks.append((None, [f]))
        pending.extend(toks)
        if rnd.random() < 0.8:
            if rnd.random() < 0.1 and len(pending) > 3:
                out.append(flat_sentence(pending[:2]))
                pending = pending[2:]
            out.append(flat_sentence(pending))
            pending = []
    if pending:
        out.append(flat_sentence(pending))
    write(os.path.join(outdir, "retok.conllu"), out)


if __name__ == "__main__":
    main()
