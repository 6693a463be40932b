#!/usr/bin/env bash
# The Python package's overhead: `Extractor.extract_many` against `dossier extract --jsonl`
# on the bench corpus (1,001 speeches, 20.7 MB), on the same cores, side by side.
#
#   PYTHON=path/to/venv/bin/python scripts/bench/python-overhead.sh [ROUNDS]
#
# PYTHON must have the `dossier` package installed (scripts/python-ci.sh leaves one in
# the target folder's python-ci-venv). Both sides start from the same JSON Lines file
# ({"id", "text"} per speech) and use every core: the command writes its records to
# /dev/null, Python reads the lines with `json.loads` and gets the records as dicts.
# Prints the median of ROUNDS (default 5) alternating runs of each, and their ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
python="${PYTHON:-$target/python-ci-venv/bin/python}"
corpus="${DOSSIER_SHARED:-../shared}/bench/corpus"
[ -d "$corpus" ] || { echo "python-overhead: $corpus not found (set DOSSIER_SHARED)" >&2; exit 2; }
"$python" -c "import dossier" || {
    echo "python-overhead: $python has no dossier package (run scripts/python-ci.sh)" >&2
    exit 2
}
bin="$(cargo build --release --quiet --message-format=json | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "dossier":
        print(m["executable"])')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" - "$bin" "$corpus" "$work/corpus.jsonl" "$rounds" <<'PY'
import json, os, statistics, subprocess, sys, time
from pathlib import Path

import dossier

binary, corpus, jsonl, rounds = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
with open(jsonl, "w", encoding="utf-8") as out:
    for p in files:
        out.write(json.dumps({"id": p.stem, "text": p.read_bytes().decode("utf-8")}) + "\n")
megabytes = sum(p.stat().st_size for p in files) / 1e6
cores = os.cpu_count()
extractor = dossier.Extractor()
extractor.extract("Warm-up: the rules compile on first use, in London.")

def cli():
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        subprocess.run([binary, "extract", "--jsonl", jsonl], stdout=sink, check=True)
    return time.perf_counter() - started

def python():
    started = time.perf_counter()
    with open(jsonl, encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    records = extractor.extract_many(items, threads=cores)
    assert len(records) == len(files)
    return time.perf_counter() - started

times = {"cli": [], "python": []}
for _ in range(rounds):
    times["cli"].append(cli())
    times["python"].append(python())
c, p = statistics.median(times["cli"]), statistics.median(times["python"])
print(f"{len(files)} documents, {megabytes:.1f} MB, {cores} cores, median of {rounds}")
print(f"dossier extract --jsonl      {c:6.2f} s  {megabytes / c:5.2f} MB/s")
print(f"Extractor.extract_many       {p:6.2f} s  {megabytes / p:5.2f} MB/s")
print(f"ratio python / cli           {p / c:6.3f}")
PY
