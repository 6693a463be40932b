#!/usr/bin/env bash
# Ranked search on a test collection: ingests its documents into a temporary index, runs
# each query exactly as written in queries.tsv with `dossier search --json`, writes a
# TREC run file and scores it with the collection's scorer (MAP, nDCG@10, P@10, R@100).
#
#   scripts/eval-ir.sh [COLLECTION_DIR] [-- extra search flags]
#
# COLLECTION_DIR holds docs/*.txt, queries.tsv (qid<TAB>query) and qrels.txt; it defaults
# to ../shared/eval/ir/time beside the repository. Without it the run is skipped with a
# message. Prints the scorer's output and "refused N" (queries that exited non-zero).
# Environment: EVAL_IR_RUN=FILE keeps the run file; EVAL_IR_MIN_MAP=X exits 1 when MAP is
# below X or a query was refused (the gate in eval-gates.sh); CARGO_TARGET_DIR is honoured.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
collection="${1:-$root/../shared/eval/ir/time}"
shift || true
[ "${1:-}" = "--" ] && shift
scorer="$(dirname "$(dirname "$collection")")/score_ir.py"
if [ ! -f "$collection/queries.tsv" ] || [ ! -f "$scorer" ]; then
  echo "skipped: no test collection at $collection (or no score_ir.py beside it)"
  exit 0
fi
(cd "$root" && cargo build --release --quiet)
bin="${CARGO_TARGET_DIR:-$root/target}/release/dossier"
[ "${CARGO_TARGET_DIR:-}" ] && case "$CARGO_TARGET_DIR" in /*) ;; *) bin="$root/$bin" ;; esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" --index "$work/index" ingest --quiet "$collection/docs" >/dev/null
run="${EVAL_IR_RUN:-$work/run.txt}"
: >"$run"
refused=0
while IFS=$'\t' read -r qid query; do
  [ -z "$qid" ] && continue
  if ! "$bin" --index "$work/index" search --json --no-snippets --limit 1000 "$@" -- "$query" \
    >"$work/hits.json" 2>"$work/err.txt"; then
    refused=$((refused + 1))
    echo "refused $qid: $(head -c 200 "$work/err.txt")" >&2
    continue
  fi
  python3 - "$qid" "$work/hits.json" >>"$run" <<'PY'
import json, sys
qid, path = sys.argv[1], sys.argv[2]
for h in json.load(open(path))["hits"]:
    print(f"{qid} Q0 {h['id']} {h['rank']} {h['score']:.6f} dossier")
PY
done <"$collection/queries.tsv"
scores="$(python3 "$scorer" "$collection/qrels.txt" "$run")"
echo "$scores"
echo "refused $refused"
if [ -n "${EVAL_IR_MIN_MAP:-}" ]; then
  map="$(echo "$scores" | sed -n 's/.*MAP \([0-9.]*\).*/\1/p' | head -1)"
  if [ "$refused" -gt 0 ] || ! python3 -c "import sys; sys.exit(not $map >= $EVAL_IR_MIN_MAP)"; then
    echo "FAILED: MAP $map (floor $EVAL_IR_MIN_MAP), $refused refused" >&2
    exit 1
  fi
fi
