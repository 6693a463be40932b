#!/usr/bin/env bash
# Makes a scaled corpus for benchmarks: COPIES copies of every .txt file of SRC, in
# DST/copy-0 .. DST/copy-(COPIES-1). Copy k of a file of n lines has its lines rotated by
# k*n/COPIES and ends with the line "copy k", so no two documents are the same (and
# dossier sees every one as new), while the words and their frequencies stay those of
# the original.
#
# Usage: scripts/bench/make_corpus.sh SRC DST [COPIES]   (COPIES defaults to 10)
set -euo pipefail

src=${1:?usage: make_corpus.sh SRC DST [COPIES]}
dst=${2:?usage: make_corpus.sh SRC DST [COPIES]}
copies=${3:-10}

for ((k = 0; k < copies; k++)); do
    mkdir -p "$dst/copy-$k"
done

# One awk process for all files: each file is held in memory, then written COPIES times.
find "$src" -maxdepth 1 -type f -name '*.txt' -print0 | sort -z | xargs -0 awk \
    -v copies="$copies" -v dst="$dst" '
    function flush(   k, i, r, out, base) {
        if (n == 0 && name == "") return
        base = name
        sub(/.*\//, "", base)
        for (k = 0; k < copies; k++) {
            out = dst "/copy-" k "/" base
            r = (n > 0) ? int(k * n / copies) : 0
            for (i = 0; i < n; i++) print line[(i + r) % n] > out
            print "copy " k > out
            close(out)
        }
        n = 0
    }
    FNR == 1 { flush(); name = FILENAME }
    { line[n++] = $0 }
    END { flush() }
'
