#!/usr/bin/env bash
# End-to-end figures of `dabir analyze` for BENCHMARKS.md (## Analyze (end to end)):
#   1. accuracy from raw text: the raw text of UD PerDT test (../shared/bench/raw_text.py, one
#      sentence per line) -> dabir analyze --format conllu -> dabir eval against gold: Tokens,
#      Sentences, Words, UPOS, XPOS, UFeats, AllTags, Lemmas. Rows: the standard pipeline with the
#      given sentences (--one-sentence-per-line); the same with the conservative cleaning preset
#      (no ZWNJ restoration, no spelling changes); the whole test set joined into one paragraph
#      (sentences split by dabir too). The first run is cross-checked with ud_score.py.
#   2. throughput, single thread: analyze over the raw test text repeated 20 times (4 MB),
#      --per-line --threads 1, JSON and CoNLL-U output; wall and CPU time (user+sys of the
#      process), median of 3 runs; beside hazm's nearest pipeline in the same run (Normalizer,
#      sent_tokenize, word_tokenize, Lemmatizer per word: hazm has no tagger without its
#      downloadable model), timed in one Python process.
# Usage: scripts/bench-analyze.sh        (DABIR_DATA, DABIR_BENCH, ZWNJ_VENVS override paths)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DABIR_DATA:-../shared/data}
BENCH=${DABIR_BENCH:-../shared/bench}
VENVS=${ZWNJ_VENVS:-$HOME/.cache/zwnj-bench/venvs}
OUT=${TMPDIR:-/tmp}/dabir-bench-analyze
mkdir -p "$OUT"
GOLD=$DATA/ud-perdt/fa_perdt-ud-test.conllu

cargo build --release -q -p dabir-cli
BIN=target/release/dabir
python3 "$BENCH/raw_text.py" "$GOLD" -o "$OUT/lines.txt"
python3 "$BENCH/raw_text.py" "$GOLD" --joined -o "$OUT/joined.txt"
metrics() { "$BIN" eval "$GOLD" "$1" | grep -E '^(Tokens|Sentences|Words|UPOS|XPOS|UFeats|AllTags|Lemmas) '; }

echo "== PerDT test from raw text, one sentence per line, standard cleaning"
"$BIN" analyze --one-sentence-per-line --format conllu "$OUT/lines.txt" -o "$OUT/lines.conllu"
metrics "$OUT/lines.conllu"
echo "-- cross-check with ud_score.py (F1)"
python3 "$BENCH/ud_score.py" "$GOLD" "$OUT/lines.conllu" | grep -E '^(Tokens|Words|UPOS|Lemmas) '

echo "== the same, conservative cleaning preset"
"$BIN" analyze --one-sentence-per-line --preset conservative --format conllu "$OUT/lines.txt" \
  -o "$OUT/conservative.conllu"
metrics "$OUT/conservative.conllu"

echo "== PerDT test joined into one paragraph (sentence splitting by dabir), standard cleaning"
"$BIN" analyze --format conllu "$OUT/joined.txt" -o "$OUT/joined.conllu"
metrics "$OUT/joined.conllu"

echo "== throughput, single thread, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$OUT/big.txt"
for _ in $(seq 20); do cat "$OUT/lines.txt" >> "$OUT/big.txt"; done
python3 - "$BIN" "$OUT/big.txt" "$OUT" <<'PY'
import os, resource, statistics, subprocess, sys, time
binary, corpus, out = sys.argv[1], sys.argv[2], sys.argv[3]
size = os.path.getsize(corpus)
def run(args, dest):
    wall, cpu = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([binary, "analyze", *args, corpus, "-o", dest], check=True)
        wall.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)
conllu = os.path.join(out, "big.conllu")
w, c = run(["--per-line", "--threads", "1", "--one-sentence-per-line", "--format", "conllu"], conllu)
tokens = 0
skip = 0
with open(conllu, encoding="utf-8") as f:
    for line in f:
        if not line[:1].isdigit():
            skip = 0
            continue
        wid = line.split("\t", 1)[0]
        if "-" in wid:
            tokens += 1
            skip = int(wid.split("-")[1])
        elif int(wid) > skip:
            tokens += 1
print(f"input {size} bytes, {tokens} tokens")
def show(name, w, c):
    print(f"{name}: wall {size/w/1e6:.2f} MB/s {tokens/w:,.0f} tokens/s; "
          f"CPU {size/c/1e6:.2f} MB/s {tokens/c:,.0f} tokens/s")
show("dabir analyze --format conllu", w, c)
w, c = run(["--per-line", "--threads", "1", "--one-sentence-per-line", "--format", "json"],
           os.path.join(out, "big.jsonl"))
show("dabir analyze --format json", w, c)
w, c = run(["--per-line", "--threads", "1", "--one-sentence-per-line", "--format", "json",
            "--no-morphology"], os.path.join(out, "big-nomorph.jsonl"))
show("dabir analyze --format json --no-morphology", w, c)
w, c = run(["--per-line", "--one-sentence-per-line", "--format", "json"],
           os.path.join(out, "big-par.jsonl"))
show(f"dabir analyze --format json, {os.cpu_count()} threads", w, c)
with open(os.path.join(out, "tokens.txt"), "w") as f:
    f.write(str(tokens))
PY
HAZM_PY=$VENVS/hazm/bin/python
if [ -x "$HAZM_PY" ]; then
  "$HAZM_PY" - "$OUT/big.txt" "$(cat "$OUT/tokens.txt")" <<'PY'
import os, statistics, sys, time
import hazm
path, tokens = sys.argv[1], int(sys.argv[2])
size = os.path.getsize(path)
lines = open(path, encoding="utf-8").read().splitlines()
norm, lem = hazm.Normalizer(), hazm.Lemmatizer()
wall, cpu = [], []
for _ in range(3):
    t, c = time.perf_counter(), time.process_time()
    for line in lines:
        for s in hazm.sent_tokenize(norm.normalize(line)):
            for w in hazm.word_tokenize(s):
                lem.lemmatize(w)
    wall.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
w, c = statistics.median(wall), statistics.median(cpu)
print(f"hazm 0.10 normalize+sent_tokenize+word_tokenize+lemmatize: wall {size/w/1e6:.2f} MB/s "
      f"{tokens/w:,.0f} tokens/s; CPU {size/c/1e6:.2f} MB/s {tokens/c:,.0f} tokens/s "
      f"(tokens/s counted with dabir's token count)")
PY
else
  echo "hazm venv not found ($HAZM_PY): run python3 $BENCH/baselines.py setup"
fi
