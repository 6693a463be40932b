#!/usr/bin/env bash
# Browser test of `dossier serve` in headless Chromium: ingests the sample corpus into a
# temporary index, starts the server on a free port, and runs scripts/browser/check.mjs
# (search, a facet, an entity, a document, the timeline, a bad query, keyboard and
# labels). Screenshots of each page go to $CARGO_TARGET_DIR/browser-test (or
# target/browser-test); UPDATE_DOCS=1 also copies the results page to
# docs/serve-search.png.
#
# Needs: chromium (Debian: apt-get install -y chromium) and Node 20 or later.
# Usage: bash scripts/browser-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

browser=${CHROMIUM:-chromium}
if ! command -v "$browser" >/dev/null; then
    echo "browser-test: $browser not found; install it: apt-get install -y chromium" >&2
    exit 2
fi
if ! command -v node >/dev/null; then
    echo "browser-test: node not found; install Node 20 or later" >&2
    exit 2
fi
node_flags=()
if ! node -e 'if (typeof WebSocket === "undefined") process.exit(1)'; then
    node_flags=(--experimental-websocket)
fi

target=${CARGO_TARGET_DIR:-target}
cargo build --release --bin dossier
bin="$target/release/dossier"
shots="$target/browser-test"
rm -rf "$shots"
mkdir -p "$shots"

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" --index "$work/index" ingest --quiet corpus
"$bin" --index "$work/index" serve --bind 127.0.0.1:0 --port-file "$work/addr" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 200); do
    [ -s "$work/addr" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 2; }
    sleep 0.05
done
addr=$(cat "$work/addr")
echo "browser-test: server at http://$addr/, screenshots in $shots"
CHROMIUM="$browser" node "${node_flags[@]}" scripts/browser/check.mjs "http://$addr" "$shots"
if [ "${UPDATE_DOCS:-0}" = 1 ]; then
    cp "$shots/2-results.png" docs/serve-search.png
    echo "browser-test: docs/serve-search.png updated"
fi
