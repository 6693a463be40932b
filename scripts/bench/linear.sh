#!/usr/bin/env bash
# Extraction time against text length on texts without sentence punctuation: for each
# shape and size, the seconds and peak memory of `dossier extract --jsonl` on one
# document of that size (one JSON line, so no size limit applies), and the seconds per
# MB. Linear time means a flat s/MB column within each shape (the first rows include
# about 0.2 s of start-up).
#
#   scripts/bench/linear.sh [SIZES_KB...]      (default: 100 1000 10000)
#   SHAPES="words" scripts/bench/linear.sh 50000   (one shape, a 50 MB document)
#
# Shapes, all generated here (no data needed): words with no period at all; words with a
# date every few words and no period; one unbroken token; periods with no spaces
# ("a.b.c"); CJK text with no ASCII punctuation.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 10000)
SHAPES="${SHAPES:-words dates token dots cjk}"
BIN="$(cargo build --release --quiet --message-format=json | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "dossier":
        print(m["executable"])')"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
gen() { # SHAPE KB FILE
    python3 - "$1" "$2" "$3" <<'PY'
import json, random, sys
shape, kb, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(7)
words = ("the council met in Paris on Monday to discuss the harbour budget and Minister Ada "
         "Lovelace said that the plan would cost three million dollars over five years while "
         "officials from Germany and the European Union will meet").split()
dates = ["on 12 May 2015", "last Tuesday", "in June", "next year", "on March 3", "in 2019"]
n = kb * 1000
out, size = [], 0
while size < n:
    if shape == "words":
        w = random.choice(words)
    elif shape == "dates":
        w = random.choice(dates) if random.random() < 0.15 else random.choice(words)
    elif shape == "token":
        w = "x" * 1000
    elif shape == "dots":
        w = ".".join(random.choice(words) for _ in range(20))
    else:  # cjk
        w = "".join(random.choice("中国政府经济会议北京上海发展合作") for _ in range(30))
    out.append(w)
    size += len(w.encode()) + 1
sep = "" if shape in ("token", "cjk") else " "
with open(path, "w") as f:
    json.dump({"id": shape, "text": sep.join(out)}, f)
    f.write("\n")
PY
}
printf '%-6s %8s %8s %8s %10s\n' shape KB seconds s/MB peak-MB
for shape in $SHAPES; do
    for kb in "${SIZES[@]}"; do
        f="$WORK/$shape-$kb.jsonl"
        gen "$shape" "$kb" "$f"
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$BIN" extract --jsonl "$f" >/dev/null
        read -r secs kib <"$WORK/time"
        python3 -c "s=$secs; kb=$kb; print('%-6s %8d %8.2f %8.2f %10.0f' % ('$shape', kb, s, s/(kb/1000), $kib/1024))"
    done
done
