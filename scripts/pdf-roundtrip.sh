#!/usr/bin/env bash
# Prints documents to PDF with headless Chromium (one column and two columns) and checks
# that dossier finds the same entities and dates in the PDF as in the text: F1 of the
# (text, label) and (text, value) sets, over all documents.
#
# usage: bash scripts/pdf-roundtrip.sh [N]   (N OntoNotes dev documents, default 20)
# Texts: the policy gold documents (tests/data/gold) and N news documents of
# ../shared/eval/onto_dev.jsonl; they are written to a temporary folder only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${DOSSIER_SHARED:-$ROOT/../shared}"  # the shared data folder, beside the repository
CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$CHROMIUM" ]; then
  echo "skipped: chromium is not installed (apt-get install -y chromium)"; exit 0
fi
if [ ! -f "$SHARED/eval/onto_dev.jsonl" ]; then
  echo "skipped: ../shared/eval/onto_dev.jsonl is missing"; exit 0
fi
(cd "$ROOT" && cargo build --release --quiet)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/dossier"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 - "$ROOT" "$SHARED" "$CHROMIUM" "$BIN" "$WORK" "${1:-20}" <<'PY'
import html, json, os, re, subprocess, sys
root, shared, chromium, binary, work, n = sys.argv[1:7]
docs = []
for line in open(os.path.join(root, "tests/data/gold/policy_entities.jsonl"), encoding="utf-8"):
    d = json.loads(line)
    if d.get("text"):
        docs.append((d["id"], d["text"]))
picked = 0
for line in open(os.path.join(shared, "eval/onto_dev.jsonl"), encoding="utf-8"):
    d = json.loads(line)
    if picked < int(n) and d["genre"] == "nw" and 1500 <= len(d["text"]) <= 12000:
        docs.append((d["id"], d["text"]))
        picked += 1
DCT = "2020-01-01"

def page(text, columns):
    paras = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    css = "body{font-family:serif;font-size:11pt;margin:1.5cm}"
    if columns > 1:
        css += ".b{columns:2;column-gap:1cm}"
    body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in paras)
    return f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>{css}</style></head><body><div class='b'>{body}</div></body></html>"

def extract(args, stdin=None):
    out = subprocess.run([binary, "extract", "--dct", DCT] + args, input=stdin,
                         capture_output=True, text=True)
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]

norm = lambda s: " ".join(s.split())
def sets(rec):
    ents = {(norm(e["text"]), e["label"]) for e in rec["entities"]}
    dates = {(norm(t["text"]), t["value"]) for t in rec["dates"]}
    return ents, dates

lines = "".join(json.dumps({"id": i, "text": t, "dct": DCT}) + "\n" for i, (_, t) in enumerate(docs))
expected = [sets(r) for r in extract(["--jsonl", "-"], stdin=lines)]
for columns in (1, 2):
    tp = {"entities": [0, 0, 0], "dates": [0, 0, 0]}
    pdfs = []
    for i, (_, text) in enumerate(docs):
        src = os.path.join(work, f"d{i}-{columns}.html")
        out = os.path.join(work, f"d{i}-{columns}.pdf")
        open(src, "w", encoding="utf-8").write(page(text, columns))
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run",
                        f"--user-data-dir={work}/profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", src], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pdfs.append(out)
    got = extract(pdfs)
    if len(got) != len(docs):
        print(f"{columns} column(s): {len(docs) - len(got)} PDF(s) not read")
    for rec, exp in zip(got, expected):
        for k, g, e in zip(("entities", "dates"), sets(rec), exp):
            tp[k][0] += len(g & e); tp[k][1] += len(g); tp[k][2] += len(e)
    for k, (t, g, e) in tp.items():
        p, r = t / max(g, 1), t / max(e, 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{columns} column(s), {len(docs)} documents, {k}: F1 {f:.4f} (P {p:.4f} R {r:.4f}; {t} of {e} expected, {g} found)")
PY
