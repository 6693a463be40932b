#!/usr/bin/env bash
# Build the HTML report of the sample corpus and check it in a real headless browser:
# screenshots of the corpus page and of one document page must not be blank.
#
#   bash scripts/report-screenshot.sh [OUT_DIR]
#
# Needs chromium (Debian: `apt-get install -y chromium`) and python3; skips with exit 0
# when chromium is missing, so CI does not depend on it. Builds dossier in release mode
# unless DOSSIER_BIN names a binary to use.
set -euo pipefail

cd "$(dirname "$0")/.."
browser=""
for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then browser="$name"; break; fi
done
if [ -z "$browser" ]; then
    echo "report-screenshot: skipped: chromium is not installed (apt-get install -y chromium)"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "report-screenshot: skipped: python3 is not installed"
    exit 0
fi

out="${1:-$(mktemp -d)}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bin="${DOSSIER_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin="${CARGO_TARGET_DIR:-target}/release/dossier"
fi
"$bin" --index "$work/index" ingest --quiet corpus >/dev/null
"$bin" --index "$work/index" report --quiet -o "$out/report" --title "dossier sample corpus"

doc="$(find "$out/report/docs" -name 'cyber_us-china-cyber-agreement-2015-*.html' | head -n 1)"
[ -n "$doc" ] || doc="$(find "$out/report/docs" -name '*.html' | sort | head -n 1)"

shoot() { # URL PNG
    "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run \
        --user-data-dir="$work/profile" --hide-scrollbars \
        --screenshot="$2" --window-size=1280,900 "$1" >/dev/null 2>&1
}
shoot "file://$(realpath "$out/report/index.html")" "$out/index.png"
shoot "file://$(realpath "$doc")" "$out/document.png"

python3 - "$out/index.png" "$out/document.png" <<'PY'
import struct, sys, zlib

def pixels(path):
    """Decode an 8-bit RGB(A) PNG, enough for Chromium's screenshots."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6), f"{path}: unexpected PNG format"
            channels = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows

for path in sys.argv[1:]:
    w, h, ch, rows = pixels(path)
    colours = set()
    for y in range(0, h, 7):
        row = rows[y]
        for x in range(0, w, 7):
            colours.add(tuple(row[x * ch:x * ch + 3]))
    dark = sum(1 for c in colours if sum(c) < 200)
    print(f"{path}: {w}x{h}, {len(colours)} colours sampled, {dark} dark")
    assert (w, h) == (1280, 900), f"{path}: unexpected size"
    assert len(colours) > 20 and dark > 0, f"{path}: looks blank"
PY
echo "report-screenshot: ok: $out/index.png $out/document.png"
