#!/usr/bin/env bash
# The Python package's checks: build and install the wheel the way a user does
# (`pip install ./python`, maturin from PyPI), then run its pytest suite and the Spark
# job's test (pyspark on local[2], Java 17) against the `dossier` command.
#
# A virtual environment is made under the cargo target folder (CARGO_TARGET_DIR is
# honoured, and shared with the wheel's build so compiled dependencies are reused).
# Runs from any folder. The tests that need the shared evaluation data (the seeds, the
# bench corpus) skip without it; DOSSIER_REQUIRE_SHARED=1 makes that an error.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
target="${CARGO_TARGET_DIR:-$repo/target}"
mkdir -p "$target"
export CARGO_TARGET_DIR="$(cd "$target" && pwd)"
export DOSSIER_SHARED="${DOSSIER_SHARED:-$repo/../shared}"
started=$SECONDS

bin="$(cargo build --release --quiet --message-format=json | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "dossier":
        print(m["executable"])')"
[ -x "$bin" ] || { echo "python-ci: cargo built no dossier binary" >&2; exit 2; }
export DOSSIER_BIN="$bin"

venv="$CARGO_TARGET_DIR/python-ci-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet pytest pyspark pyarrow "pandas<3"
echo "== pip install ./python"
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps ./python
# From outside python/, so that the installed package is the one imported.
echo "== pytest python/tests"
"$venv/bin/python" -m pytest -q -p no:cacheprovider python/tests
echo "== pytest examples/spark (Spark local[2] over the bench corpus; prints its throughput)"
"$venv/bin/python" -m pytest -q -s -p no:cacheprovider examples/spark
echo "python-ci: done in $((SECONDS - started)) s"
