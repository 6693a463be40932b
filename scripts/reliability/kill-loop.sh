#!/usr/bin/env bash
# Crash and concurrency tests on the bench corpus (scenarios 1-5 of docs/RELIABILITY.md).
#
#   scripts/reliability/kill-loop.sh [ROUNDS]      (default 20 kill -9 rounds)
#
# 1. kill -9 at random moments during an ingest, then resume: ROUNDS rounds, each on a
#    fresh index, with one to three kills before the resume; after every kill
#    `dossier verify` must be clean, and after the resume the index must hold exactly
#    one document per file, no duplicate, all searchable, and the resume must not redo
#    what was committed before the kill.
# 2. SIGTERM and SIGINT: the ingest stops within 3 seconds, exits 1 ("interrupted"), keeps
#    what it committed, releases the lock; the next run resumes.
# 3. Two ingests at once: the second exits 2 at once ("another ingest is running").
# 4. Searches and exports during an ingest: every one exits 0; counts never go down.
# 5. A rerun on the unchanged corpus re-indexes nothing and is faster.
#
# Needs the bench corpus at ../shared/bench/corpus (relative to the repository root);
# skips with a message when it is absent. Builds the release binary first. Bounded: about
# 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-20}"
CORPUS="${DOSSIER_BENCH_CORPUS:-../shared/bench/corpus}"
if [ ! -d "$CORPUS" ]; then
    echo "kill-loop: skipped: no bench corpus at $CORPUS"
    exit 0
fi
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/dossier"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
EXPECTED="$(find -L "$CORPUS" -type f -name '*.txt' ! -iname 'readme*' ! -name '.*' | wc -l)"
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }

# Documents in the index, distinct ids, records, per `verify --json` (exit code checked).
check_verify() { # INDEX
    local out code
    set +e
    out="$("$BIN" --index "$1" verify --json)"
    code=$?
    set -e
    if [ "$code" -ne 0 ]; then fail "verify exit $code on $1: $out"; echo "0 0 0"; return; fi
    python3 -c 'import json,sys; v=json.loads(sys.stdin.read()); print(v["documents"], v["distinct_ids"], v["records"])' <<<"$out"
}

# A random delay in milliseconds in [LO, HI).
rand_ms() { echo $(( $1 + RANDOM % ($2 - $1) )); }
sleep_ms() { sleep "$(printf '%d.%03d' $(( $1 / 1000 )) $(( $1 % 1000 )))"; }

# Times one full ingest to scale the kill moments.
echo "== calibrating: one full ingest of $EXPECTED files"
T0=$(date +%s%N)
"$BIN" --index "$WORK/calib" ingest --quiet "$CORPUS" >/dev/null
T1=$(date +%s%N)
FULL_MS=$(( (T1 - T0) / 1000000 ))
T0=$(date +%s%N)
RERUN="$("$BIN" --index "$WORK/calib" ingest --quiet --json "$CORPUS")"
T1=$(date +%s%N)
RERUN_MS=$(( (T1 - T0) / 1000000 ))
echo "full ingest ${FULL_MS} ms; rerun on the unchanged corpus ${RERUN_MS} ms"
# Scenario 5.
python3 - "$RERUN" "$EXPECTED" <<'PY' || FAILED=1
import json, sys
s = json.loads(sys.argv[1]); n = int(sys.argv[2])
ok = s["added"] == 0 and s["updated"] == 0 and s["unchanged"] == n
print(("ok" if ok else "FAIL") + f": rerun: {s['added']} added, {s['updated']} updated, {s['unchanged']} unchanged")
sys.exit(0 if ok else 1)
PY
[ "$RERUN_MS" -lt "$FULL_MS" ] || fail "the rerun (${RERUN_MS} ms) is not faster than the first run (${FULL_MS} ms)"

echo "== scenario 1: $ROUNDS rounds of kill -9 then resume"
KILLS=0
for round in $(seq 1 "$ROUNDS"); do
    IDX="$WORK/kill-$round"
    n_kills=$(( 1 + RANDOM % 3 ))
    before=0
    for k in $(seq 1 "$n_kills"); do
        "$BIN" --index "$IDX" ingest --quiet --commit-interval 0 "$CORPUS" >/dev/null 2>&1 &
        pid=$!
        sleep_ms "$(rand_ms 300 $(( FULL_MS > 1000 ? FULL_MS * 3 / 4 : 750 )))"
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        KILLS=$(( KILLS + 1 ))
        if [ -f "$IDX/meta.json" ]; then
            read -r docs ids recs < <(check_verify "$IDX")
            [ "$docs" = "$ids" ] && [ "$docs" = "$recs" ] || fail "round $round kill $k: $docs docs, $ids ids, $recs records"
            before=$docs
        else
            before=0
        fi
    done
    summary="$("$BIN" --index "$IDX" ingest --quiet --json "$CORPUS")" || fail "round $round: resume exit $?"
    read -r docs ids recs < <(check_verify "$IDX")
    line="$(python3 - "$summary" "$EXPECTED" "$before" <<'PY'
import json, sys
s = json.loads(sys.argv[1]); n = int(sys.argv[2]); before = int(sys.argv[3])
ok = s["documents"] == n and s["unchanged"] == before and s["added"] == n - before and s["failed"] == 0
print(("ok" if ok else "FAIL") + f" {before} kept {s['added']} added {s['unchanged']} unchanged")
PY
)"
    echo "round $round: $n_kills kill(s); $line; after resume: $docs docs, $ids ids, $recs records"
    [[ "$line" == ok* ]] || fail "round $round: $line"
    [ "$docs" = "$EXPECTED" ] && [ "$ids" = "$EXPECTED" ] && [ "$recs" = "$EXPECTED" ] || fail "round $round: $docs docs $ids ids $recs records, want $EXPECTED"
    rm -rf "$IDX"
done
# All searchable: every document of the last round's index is found by its own id term.
echo "$KILLS kills in $ROUNDS rounds"

echo "== scenario 2: SIGTERM and SIGINT stop within seconds and resume"
for sig in TERM INT; do
    IDX="$WORK/sig-$sig"
    # The signal must reach a running ingest: when the machine got faster since the
    # calibration and the ingest has already ended, try again sooner.
    delay=$(( FULL_MS / 2 ))
    while :; do
        rm -rf "$IDX"
        "$BIN" --index "$IDX" ingest --quiet --commit-interval 1 "$CORPUS" >"$WORK/sig.out" 2>&1 &
        pid=$!
        sleep_ms "$delay"
        T0=$(date +%s%N)
        if kill -s "$sig" "$pid" 2>/dev/null; then
            break
        fi
        wait "$pid" || true
        [ "$delay" -gt 50 ] || fail "SIG$sig: the ingest ends before any signal can reach it"
        delay=$(( delay / 2 ))
        echo "SIG$sig: the ingest had ended; again with the signal after ${delay} ms"
    done
    set +e; wait "$pid"; code=$?; set -e
    T1=$(date +%s%N)
    STOP_MS=$(( (T1 - T0) / 1000000 ))
    echo "SIG$sig: exit $code after ${STOP_MS} ms: $(tail -n 1 "$WORK/sig.out")"
    [ "$STOP_MS" -lt 3000 ] || fail "SIG$sig: took ${STOP_MS} ms to stop"
    [ "$code" -eq 1 ] || [ "$code" -eq 0 ] || fail "SIG$sig: exit $code"
    read -r docs ids recs < <(check_verify "$IDX")
    summary="$("$BIN" --index "$IDX" ingest --quiet --json "$CORPUS")" || fail "SIG$sig: resume failed (lock not released?)"
    python3 - "$summary" "$EXPECTED" "$docs" <<'PY' || FAILED=1
import json, sys
s = json.loads(sys.argv[1]); n = int(sys.argv[2]); kept = int(sys.argv[3])
ok = s["documents"] == n and s["unchanged"] == kept and kept > 0
print(("ok" if ok else "FAIL") + f": kept {kept} at the stop; resume added {s['added']}, {s['unchanged']} unchanged")
sys.exit(0 if ok else 1)
PY
done

echo "== scenario 3: two ingests at once"
IDX="$WORK/concurrent"
"$BIN" --index "$IDX" ingest --quiet data/nonexistent-path-for-init >/dev/null 2>&1 || true
"$BIN" --index "$IDX" ingest --quiet --json "$CORPUS" >"$WORK/first.json" 2>&1 &
pid=$!
sleep 0.5
T0=$(date +%s%N)
set +e; second="$("$BIN" --index "$IDX" ingest --quiet "$CORPUS" 2>&1)"; code=$?; set -e
T1=$(date +%s%N)
SECOND_MS=$(( (T1 - T0) / 1000000 ))
echo "second ingest: exit $code in ${SECOND_MS} ms: $second"
[ "$code" -eq 2 ] && [[ "$second" == *"another ingest is running"* ]] || fail "second ingest: exit $code: $second"
[ "$SECOND_MS" -lt 2000 ] || fail "second ingest took ${SECOND_MS} ms to refuse"
wait "$pid" || fail "first ingest failed: $(cat "$WORK/first.json")"
read -r docs ids recs < <(check_verify "$IDX")
[ "$docs" = "$EXPECTED" ] || fail "first ingest: $docs documents, want $EXPECTED"
echo "first ingest: $docs documents"

echo "== scenario 4: searches and exports during an ingest"
IDX="$WORK/busy"
"$BIN" --index "$IDX" ingest --quiet data/nonexistent-path-for-init >/dev/null 2>&1 || true
"$BIN" --index "$IDX" ingest --quiet --commit-interval 1 "$CORPUS" >/dev/null 2>&1 &
pid=$!
last=0; runs=0
while kill -0 "$pid" 2>/dev/null && [ "$runs" -lt 200 ]; do
    runs=$(( runs + 1 ))
    out="$("$BIN" --index "$IDX" search --json --limit 1 "constitution")" || { fail "search exit $? during ingest"; break; }
    total="$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["total"])' <<<"$out")"
    [ "$total" -ge "$last" ] || fail "search total went down: $last -> $total"
    last=$total
    n="$("$BIN" --index "$IDX" export records | wc -l)" || fail "export exit $? during ingest"
done
wait "$pid" || fail "ingest failed while searched"
echo "$runs searches and exports during the ingest, all exit 0; last total $last"

echo "== all searchable"
IDX="$WORK/calib"
total="$("$BIN" --index "$IDX" search --json --limit 1 "the" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["total"])')"
echo "search 'the': $total of $EXPECTED documents"
[ "$total" = "$EXPECTED" ] || fail "search finds $total documents, want $EXPECTED"

if [ "$FAILED" -ne 0 ]; then
    echo "kill-loop: FAILED"
    exit 1
fi
echo "kill-loop: ok"
