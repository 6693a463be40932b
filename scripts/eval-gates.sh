#!/usr/bin/env bash
# Regression gates: each evaluation fails (exit 1) when a score drops below its floor.
# The floors sit a little below what was measured; raise them as the extractors improve.
#
# The policy gold in tests/data/gold is self-contained and always runs. Development data
# lives in ../shared beside the repository (or DOSSIER_SHARED=DIR); without it the gates
# on that data print "skipped: ..." and pass. Set DOSSIER_REQUIRE_SHARED=1 to make a
# missing file an error instead (for a CI machine that must have the data).
#
# Runs from any folder; the binary is found through cargo, so CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(cargo build --release --quiet --message-format=json | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "dossier":
        print(m["executable"])')"
[ -x "$bin" ] || { echo "eval-gates: cargo built no dossier binary" >&2; exit 2; }
shared="${DOSSIER_SHARED:-../shared}"
missing=0
skip() {
    echo "skipped: $1 not found"
    missing=1
}

if [ -f "$shared/eval/te3_train.jsonl" ]; then
  "$bin" eval dates "$shared/eval/te3_train.jsonl" --min strict=0.88 --min relaxed=0.94 --min value=0.82
else
  skip "$shared/eval/te3_train.jsonl"
fi
# CoNLL-2003 dev, after the rules made only for that set were removed (docs/EVALUATION.md).
if [ -f "$shared/eval/ner_dev.jsonl" ]; then
  "$bin" eval entities "$shared/eval/ner_dev.jsonl" --conll \
    --min micro=0.77 --min PER=0.88 --min LOC=0.83 --min ORG=0.53 --min MISC=0.70
else
  skip "$shared/eval/ner_dev.jsonl"
fi
# OntoNotes 5.0 news dev, the ten labels dossier emits, strict span and label.
if [ -f "$shared/eval/onto_dev.jsonl" ]; then
  "$bin" eval entities "$shared/eval/onto_dev.jsonl" \
    --labels PERSON,NORP,FAC,ORG,GPE,LOC,LAW,EVENT,MONEY,PERCENT \
    --min micro=0.85 --min PERSON=0.87 --min ORG=0.78 --min GPE=0.90 --min NORP=0.87
else
  skip "$shared/eval/onto_dev.jsonl"
fi
"$bin" eval dates tests/data/gold/policy_timexes.jsonl --min strict=0.95 --min relaxed=0.96 --min value=0.92
"$bin" eval entities tests/data/gold/policy_entities.jsonl \
  --min micro=0.94 --min PERSON=0.94 --min ORG=0.87 --min GPE=0.96 --min NORP=0.98
# The seed article's gold names its text by a path into ../shared (the text is not ours
# to copy); it is scored when the article is there.
if [ -f "$shared/seeds/china-us-cyber-deal.txt" ] && [ "$shared" = "../shared" ]; then
  "$bin" eval dates tests/data/gold/seed_timexes.jsonl --min strict=0.95 --min relaxed=0.95 --min value=0.90
  "$bin" eval entities tests/data/gold/seed_entities.jsonl --min micro=0.95
else
  skip "the seed article (../shared/seeds/china-us-cyber-deal.txt)"
fi
if [ -f "$shared/eval/web/published.jsonl" ]; then
  "$bin" eval published "$shared/eval/web/published.jsonl" --min f1=0.95
else
  skip "$shared/eval/web/published.jsonl"
fi
"$bin" eval published tests/data/published/gold.jsonl --min f1=0.75
# Ranked search on the TIME test collection, queries exactly as written.
if [ -d "$shared/eval/ir/time" ]; then
  EVAL_IR_MIN_MAP=0.675 scripts/eval-ir.sh "$shared/eval/ir/time"
else
  skip "$shared/eval/ir/time"
fi
if [ -f "$shared/eval/web/articles.jsonl" ]; then
  "$bin" eval body "$shared/eval/web/articles.jsonl" --min f1=0.96
else
  skip "$shared/eval/web/articles.jsonl"
fi
if [ "$missing" -ne 0 ] && [ "${DOSSIER_REQUIRE_SHARED:-0}" = "1" ]; then
  echo "eval-gates: development data missing and DOSSIER_REQUIRE_SHARED=1" >&2
  exit 1
fi
