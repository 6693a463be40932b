#!/usr/bin/env bash
# The performance benchmark, in one run on one machine (see docs/PERFORMANCE.md):
#
#   1. builds the release binary and the bench binaries;
#   2. makes a ten-times corpus from CORPUS_DIR in a temporary folder (every document
#      unique, see scripts/bench/make_corpus.sh);
#   3. indexes both corpora with bare tantivy (benches/bare_index.rs), once with
#      dossier's body analyzer and once with tantivy's stock en_stem (as tantivy-cli),
#      and with `dossier ingest` (fresh index), then runs `dossier ingest` again on the unchanged
#      corpus; wall time, MB/s, docs/s and peak RSS from /usr/bin/time -v;
#   4. extraction speed on one core (the ignored unit test `extract_speed`,
#      src/extract/speed.rs);
#   5. search latency (benches/search_speed.rs) on the 1x index, and facets on the 10x one.
#
# Usage: bash scripts/bench.sh [CORPUS_DIR]     (default ../shared/bench/corpus)
# Environment: THREADS (indexing threads, default 2), COPIES (default 10), REPS (search
# repetitions, default 30), FACETS_QUERY (default "freedom", about half the speeches),
# KEEP=1 to keep the temporary folder, CARGO_TARGET_DIR as usual.
set -euo pipefail

cd "$(dirname "$0")/.."
corpus=${1:-../shared/bench/corpus}
threads=${THREADS:-2}
copies=${COPIES:-10}
reps=${REPS:-30}
facets_query=${FACETS_QUERY:-freedom}
queries=scripts/bench/queries.txt

if [ ! -d "$corpus" ]; then
    echo "bench: no corpus folder at $corpus; pass one: bash scripts/bench.sh DIR" >&2
    exit 2
fi
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "bench: GNU time is needed for peak memory: sudo apt-get install time" >&2
    exit 2
fi

work=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then
    echo "temporary folder kept: $work"
else
    trap 'rm -rf "$work"' EXIT
fi
results="$work/results.tsv"
started=$(date +%s)

section() { printf '\n== %s\n' "$*"; }

section "machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before"
echo "rustc:  $(rustc --version)"

section "build"
# Bench binaries first, the release binary last (both uplift target/release/dossier).
cargo bench --no-run --bench bare_index --bench search_speed \
    --message-format=json >"$work/build-benches.json"
cargo test --release --lib --no-run --message-format=json >"$work/build-libtest.json"
cargo build --release --bin dossier --message-format=json >"$work/build-bin.json"
executable() { # NAME JSON: the executable cargo built for target NAME
    grep "\"name\":\"$1\"" "$2" | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4
}
bare_bin=$(executable bare_index "$work/build-benches.json")
search_bin=$(executable search_speed "$work/build-benches.json")
extract_bin=$(executable dossier "$work/build-libtest.json")
dossier_bin=$(executable dossier "$work/build-bin.json")
for b in "$bare_bin" "$search_bin" "$extract_bin" "$dossier_bin"; do
    [ -x "$b" ] || { echo "bench: build did not produce an executable ($b)" >&2; exit 2; }
done
echo "built: $dossier_bin and the benches"

section "corpora"
big="$work/corpus-${copies}x"
scripts/bench/make_corpus.sh "$corpus" "$big" "$copies"
size_of() { find "$1" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
docs_of() { find "$1" -type f -name '*.txt' | wc -l; }
small_bytes=$(size_of "$corpus")
small_docs=$(docs_of "$corpus")
big_bytes=$(size_of "$big")
big_docs=$(docs_of "$big")
printf '1x:  %s documents, %.1f MB (%s)\n' "$small_docs" "$(echo "$small_bytes" | awk '{print $1 / 1e6}')" "$corpus"
printf '%sx: %s documents, %.1f MB (temporary)\n' "$copies" "$big_docs" "$(echo "$big_bytes" | awk '{print $1 / 1e6}')"
# Both corpora in the page cache before anything is timed.
find "$corpus" "$big" -type f -name '*.txt' -exec cat {} + >/dev/null

# measure NAME BYTES DOCS CMD...: runs CMD under /usr/bin/time -v; appends
# "NAME BYTES DOCS SECONDS PEAK_KB CPU_SECONDS" to the results (CPU: user + system, all
# threads: the work done, which the wall time divides among the cores).
measure() {
    local name=$1 bytes=$2 docs=$3
    shift 3
    local rc=0
    /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
    if [ "$rc" = 1 ]; then # dossier: finished, but some inputs failed
        echo "bench: warning: $name: some inputs failed:" >&2
        grep -m3 'error' "$work/$name.err" >&2 || true
    elif [ "$rc" != 0 ]; then
        echo "bench: $name failed (exit code $rc):" >&2
        tail -5 "$work/$name.err" >&2
        exit 2
    fi
    local secs kb
    secs=$(grep 'Elapsed (wall clock)' "$work/$name.time" | awk '{print $NF}' |
        awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
    kb=$(grep 'Maximum resident set size' "$work/$name.time" | awk '{print $NF}')
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s + 0}' "$work/$name.time")
    echo "$name $bytes $docs $secs $kb $cpu" >>"$results"
    printf '%-24s %8.2f s  %6.2f CPU s  %7.0f MB peak   %s\n' "$name" "$secs" "$cpu" \
        "$(awk -v k="$kb" 'BEGIN {print k / 1024}')" "$(head -1 "$work/$name.out")"
}

section "indexing ($threads threads)"
for size in 1x "${copies}x"; do
    if [ "$size" = 1x ]; then
        dir=$corpus bytes=$small_bytes docs=$small_docs
    else
        dir=$big bytes=$big_bytes docs=$big_docs
    fi
    measure "bare-$size" "$bytes" "$docs" "$bare_bin" "$dir" "$work/bare-$size" --threads "$threads"
    measure "enstem-$size" "$bytes" "$docs" "$bare_bin" "$dir" "$work/enstem-$size" \
        --threads "$threads" --analyzer en_stem
    measure "dossier-$size" "$bytes" "$docs" \
        "$dossier_bin" --index "$work/index-$size" ingest --quiet --jobs "$threads" "$dir"
    measure "reingest-$size" "$bytes" "$docs" \
        "$dossier_bin" --index "$work/index-$size" ingest --quiet --jobs "$threads" "$dir"
done

section "extraction (one thread, ${small_bytes} bytes)"
EXTRACT_SPEED_DIR="$corpus" "$extract_bin" --exact extract::speed::extract_speed --ignored \
    --nocapture | tee "$work/extract.out"

section "search"
"$search_bin" --index "$work/index-1x" --queries "$queries" --reps "$reps" \
    --bin "$dossier_bin" --spawn-reps 5 \
    --facets-index "$work/index-${copies}x" --facets-query "$facets_query" | tee "$work/search.out"

section "summary"
awk '
    {
        name[NR] = $1; bytes[NR] = $2; docs[NR] = $3; secs[NR] = $4; kb[NR] = $5; cpu[NR] = $6
        at[$1] = NR
    }
    END {
        printf "%-22s %7s %7s %8s %8s %8s %8s %9s  %s\n", "run", "MB", "docs", "wall s", "CPU s",
            "MB/s", "docs/s", "peak MB", "ratio (wall)"
        for (i = 1; i <= NR; i++) {
            size = name[i]; sub(/^[a-z]+-/, "", size)
            ratio = ""
            if (name[i] ~ /^dossier-/ && secs[at["bare-" size]] > 0)
                ratio = sprintf("%.2fx bare", secs[i] / secs[at["bare-" size]])
            if (name[i] ~ /^dossier-/ && secs[at["enstem-" size]] > 0)
                ratio = ratio sprintf(", %.2fx en_stem", secs[i] / secs[at["enstem-" size]])
            if (name[i] ~ /^reingest-/ && secs[at["dossier-" size]] > 0)
                ratio = sprintf("%.1f%% of first ingest", 100 * secs[i] / secs[at["dossier-" size]])
            s = secs[i] > 0 ? secs[i] : 0.001
            printf "%-22s %7.1f %7d %8.2f %8.2f %8.1f %8.0f %9.0f  %s\n", name[i], bytes[i] / 1e6,
                docs[i], secs[i], cpu[i], bytes[i] / 1e6 / s, docs[i] / s, kb[i] / 1024, ratio
        }
    }' "$results"
grep '^all (incl. sentences)' "$work/extract.out" |
    awk '{printf "extraction, one core: %s MB/s\n", $4}'
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after"
echo "benchmark wall time: $(($(date +%s) - started)) s"
