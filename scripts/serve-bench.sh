#!/usr/bin/env bash
# Load test of `dossier serve` on the ten-times bench index (10,010 documents, made from
# the shared bench corpus as scripts/bench.sh makes it): wrk, CONNECTIONS connections for
# DURATION, first against the search page with a query and facets (the queries of
# scripts/bench/queries.txt in turn), then against document pages (200 ids in turn).
# Prints requests, p50/p95/p99 latency, errors (connect, read, write, timeout, non-2xx)
# and the server's resident memory before, between and after. Not for CI: it runs for
# minutes (the ingest of 10,010 documents first, unless INDEX names a ready index).
#
# Needs: wrk (apt-get install -y wrk), curl.
# Usage: bash scripts/serve-bench.sh [CORPUS_DIR]   (default $DOSSIER_SHARED/bench/corpus
#        or ../shared/bench/corpus)
# Environment: DURATION (default 60s), CONNECTIONS (32), WRK_THREADS (2), COPIES (10),
# INDEX (an index folder to use instead of building one), DOSSIER_BIN (a dossier binary to
# use instead of building one), KEEP=1 keeps the temp folder.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-${DOSSIER_SHARED:-../shared}/bench/corpus}
duration=${DURATION:-60s}
connections=${CONNECTIONS:-32}
wrk_threads=${WRK_THREADS:-2}
copies=${COPIES:-10}
for tool in wrk curl; do
    command -v "$tool" >/dev/null || { echo "serve-bench: $tool not found: apt-get install -y $tool" >&2; exit 2; }
done

bin=${DOSSIER_BIN:-}
if [ -z "$bin" ]; then
    cargo build --release --bin dossier
    bin=${CARGO_TARGET_DIR:-target}/release/dossier
fi

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "== machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before"

if [ -n "${INDEX:-}" ]; then
    index=$INDEX
else
    [ -d "$corpus" ] || { echo "serve-bench: no corpus folder at $corpus" >&2; exit 2; }
    echo "== index: $copies copies of $corpus"
    scripts/bench/make_corpus.sh "$corpus" "$work/corpus" "$copies"
    index=$work/index
    started=$(date +%s)
    "$bin" --index "$index" ingest --quiet "$work/corpus"
    echo "ingested in $(( $(date +%s) - started )) s"
fi
docs=$("$bin" --index "$index" search --count '*')
echo "documents: $docs"

"$bin" --index "$index" serve --bind 127.0.0.1:0 --port-file "$work/addr" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 400); do
    [ -s "$work/addr" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 2; }
    sleep 0.05
done
base="http://$(cat "$work/addr")"
rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$server/status"; }

urlencode() { # one argument: its bytes percent-encoded, letters and digits kept
    local s=$1 out="" c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case "$c" in
            [a-zA-Z0-9.~_-]) out+=$c ;;
            *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}

# Lua: the paths in turn; at the end one line with the numbers.
lua() { # FILE PATH...
    local file=$1
    shift
    {
        echo "local paths = {"
        for p in "$@"; do printf '  "%s",\n' "$p"; done
        cat <<'LUA'
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests %d (%.0f/s), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, errors: connect %d, read %d, write %d, timeout %d, non-2xx %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
LUA
    } >"$file"
}

search_paths=()
while IFS= read -r q; do
    case "$q" in '' | '#'*) continue ;; esac
    search_paths+=("/?q=$(urlencode "$q")&facets=1")
done <scripts/bench/queries.txt
lua "$work/search.lua" "${search_paths[@]}"

doc_paths=()
while IFS= read -r id; do
    doc_paths+=("/doc/$(urlencode "$id" | sed 's/%2F/\//g')")
done < <(curl -sf "$base/api/search?q=$(urlencode 'government people')&any=1&limit=200&no_snippets=1" |
    grep -o '"id": "[^"]*"' | sed 's/"id": "//; s/"$//')
lua "$work/doc.lua" "${doc_paths[@]}"
echo "${#search_paths[@]} search paths, ${#doc_paths[@]} document paths"

# One request of each first, so the first measured ones do not pay for cold caches alone.
curl -sf -o /dev/null "$base${search_paths[0]}"
curl -sf -o /dev/null "$base${doc_paths[0]}"

echo "== RSS before: $(rss)"
echo "== search page with facets: wrk -t$wrk_threads -c$connections -d$duration"
wrk -t"$wrk_threads" -c"$connections" -d"$duration" -s "$work/search.lua" "$base" | grep RESULT
echo "== RSS after the search run: $(rss)"
echo "== document pages: wrk -t$wrk_threads -c$connections -d$duration"
wrk -t"$wrk_threads" -c"$connections" -d"$duration" -s "$work/doc.lua" "$base" | grep RESULT
echo "== RSS after the document run: $(rss)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after"
