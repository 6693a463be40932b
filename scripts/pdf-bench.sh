#!/usr/bin/env bash
# PDF text quality and speed, side by side with poppler's pdftotext:
# - GeoTopo (../shared/eval/pdf/geotopo): similarity to the reference text;
# - the same file and the samples of ../shared/eval/pdf/samples: seconds, best of 3;
# - every sample: read, or the typed failure (never a crash).
#
# usage: bash scripts/pdf-bench.sh    (needs pdftotext: apt-get install -y poppler-utils,
# and python3 with levenshtein or rapidfuzz for the score)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVAL="$ROOT/../shared/eval/pdf"
if [ ! -d "$EVAL" ]; then echo "skipped: ../shared/eval/pdf is missing"; exit 0; fi
(cd "$ROOT" && cargo build --release --quiet --example to_text)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/to_text"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
GEO="$EVAL/geotopo/GeoTopo.pdf"

best_of_3() { # prints the best CPU time (user + system) of 3 runs of "$@", in seconds:
  # steadier than wall time on a shared machine; both programs are single-threaded
  python3 - "$@" <<'PY'
import resource, subprocess, sys
best = None
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    dt = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    best = dt if best is None else min(best, dt)
print(f"{best:.3f}")
PY
}

echo "== GeoTopo: similarity to the reference text"
"$BIN" "$GEO" > "$WORK/dossier.txt"
echo -n "dossier:    "; python3 "$EVAL/score_pdf_text.py" "$EVAL/geotopo/GeoTopo.txt" "$WORK/dossier.txt"
if command -v pdftotext >/dev/null; then
  pdftotext "$GEO" "$WORK/poppler.txt"
  echo -n "pdftotext:  "; python3 "$EVAL/score_pdf_text.py" "$EVAL/geotopo/GeoTopo.txt" "$WORK/poppler.txt"
fi

echo "== speed (CPU seconds, best of 3)"
mapfile -t SAMPLES < <(find "$EVAL/samples" -name '*.pdf' | sort)
echo "GeoTopo.pdf: dossier $(best_of_3 "$BIN" "$GEO")  pdftotext $(best_of_3 pdftotext "$GEO" -)"
echo "all ${#SAMPLES[@]} samples: dossier $(best_of_3 "$BIN" "${SAMPLES[@]}")  pdftotext $(best_of_3 sh -c 'for f; do pdftotext "$f" - ; done' sh "${SAMPLES[@]}")"

echo "== samples: read or typed failure"
read_ok=0; failed=0; crashed=0
for f in "${SAMPLES[@]}"; do
  name="${f#"$EVAL/samples/"}"
  set +e
  out="$("$BIN" "$f" 2>&1 >"$WORK/sample.txt")"; rc=$?
  set -e
  if [ $rc -eq 0 ]; then
    read_ok=$((read_ok + 1)); echo "read    $name ($(wc -c <"$WORK/sample.txt") bytes)"
  elif [ $rc -eq 1 ]; then
    failed=$((failed + 1)); echo "failed  $name: ${out#"$f: "}"
  else
    crashed=$((crashed + 1)); echo "CRASHED $name (exit $rc)"
  fi
done
echo "${#SAMPLES[@]} samples: $read_ok read, $failed typed failures, $crashed crashes"
