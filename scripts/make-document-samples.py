#!/usr/bin/env python3
"""Writes the PDF and Word samples of the corpus and the Word/OpenDocument test files.

usage: python3 scripts/make-document-samples.py    (from any directory)

- corpus/trade/phase-one-trade-deal.pdf: the HTML below printed by headless Chromium
  (skipped with a message when `chromium` is missing);
- corpus/cyber/volt-typhoon-advisory.docx, tests/data/office/*.docx, *.odt: zip archives
  of hand-written XML (standard library only).

The texts were written for this project (CC0, like the rest of corpus/).
"""
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PHASE_ONE_TITLE = "The Phase One Trade Deal Between Washington and Beijing"
PHASE_ONE = [
    "WASHINGTON, January 16, 2020 — President Donald Trump and Chinese Vice Premier Liu He "
    "signed the Economic and Trade Agreement between the United States and China at the "
    "White House on Wednesday, January 15, 2020, a pause in a tariff fight that began in "
    "2018.",
    "Under the agreement, China committed to buy at least $200 billion more in American "
    "farm goods, manufactured goods, energy and services over 2020 and 2021 than it did in "
    "2017. Beijing also pledged to strengthen the protection of intellectual property, to "
    "stop forcing foreign firms to hand over technology, and to open its financial "
    "services market.",
    "The Office of the United States Trade Representative, led by Robert Lighthizer, "
    "negotiated the text. Washington halved the tariff on about $120 billion of Chinese "
    "imports to 7.5 percent, while duties of 25 percent on a further $250 billion stayed in "
    "place.",
    "The agreement took effect on February 14, 2020. Within weeks the coronavirus pandemic "
    "upended trade flows, and by the end of 2021 China had bought only about 58 percent of "
    "the goods it had promised, according to later estimates by the Peterson Institute for "
    "International Economics.",
]

VOLT_TITLE = "Joint Advisory Warns of Volt Typhoon in Critical Infrastructure"
VOLT = [
    ("h", "Joint Advisory Warns of Volt Typhoon in Critical Infrastructure"),
    ("p", "On February 7, 2024, the Cybersecurity and Infrastructure Security Agency, the "
          "National Security Agency and the Federal Bureau of Investigation published a joint "
          "advisory on Volt Typhoon, a hacking group sponsored by the People's Republic of "
          "China."),
    ("p", "The agencies said the group had gained access to the networks of water, energy, "
          "transportation and communications operators in the United States and in Guam, "
          "and that it was positioning itself for disruptive attacks in a future crisis "
          "rather than for espionage."),
    ("p", "Microsoft first described Volt Typhoon in May 2023. The group relies on "
          "\"living off the land\" techniques: it uses the administration tools already "
          "present on a network, which makes its activity hard to tell apart from the work "
          "of ordinary administrators."),
    ("table", [["Agency", "Role in the advisory"],
               ["CISA", "Lead author, guidance for operators"],
               ["NSA", "Technical analysis"],
               ["FBI", "Incident response and investigations"]]),
    ("p", "Partner agencies in Australia, Canada, the United Kingdom and New Zealand signed "
          "the advisory as well. In January 2024, the Justice Department had announced that "
          "the FBI disrupted a network of hundreds of compromised routers the group used to "
          "hide its traffic."),
]


def page_html(title, paragraphs, columns=1):
    style = ("body { font-family: serif; font-size: 11pt; margin: 2cm; }"
             + (f" .body {{ columns: {columns}; column-gap: 1cm; }}" if columns > 1 else ""))
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}"
            f"</title><style>{style}</style></head><body><h1>{escape(title)}</h1>"
            f"<div class=\"body\">{body}</div></body></html>")


def print_pdf(html, out, date=None):
    """Prints `html` to `out`; `date` (YYYYMMDD) replaces the print time in the PDF's
    creation and modification dates (same length, so the offsets stay valid)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print(f"skipped {out}: chromium is not installed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "page.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(html)
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run",
                        f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if date:
        with open(out, "rb") as f:
            data = f.read()
        data = re.sub(rb"\((D:)\d{14}", lambda m: b"(D:" + date.encode() + b"090000", data)
        with open(out, "wb") as f:
            f.write(data)
    print(f"wrote {out}")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def w_para(text, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx(path, title, author, created, blocks):
    body = []
    for kind, content in blocks:
        if kind == "h":
            body.append(w_para(content, "Heading1"))
        elif kind == "p":
            body.append(w_para(content))
        elif kind == "li":
            body.append(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
                        f'</w:numPr></w:pPr><w:r><w:t>{escape(content)}</w:t></w:r></w:p>')
        elif kind == "table":
            rows = "".join("<w:tr>" + "".join(f"<w:tc>{w_para(c)}</w:tc>" for c in row)
                           + "</w:tr>" for row in content)
            body.append(f"<w:tbl>{rows}</w:tbl>")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}>'
                f'<w:body>{"".join(body)}</w:body></w:document>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            '</cp:coreProperties>')
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
             'package/2006/content-types"><Default Extension="rels" ContentType="application/'
             'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
             'ContentType="application/xml"/><Override PartName="/word/document.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
             'document.main+xml"/><Override PartName="/docProps/core.xml" ContentType='
             '"application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>')
    write_zip(path, [("[Content_Types].xml", types), ("_rels/.rels", rels),
                     ("word/document.xml", document), ("docProps/core.xml", core)])


def odt(path, title, author, created, blocks):
    parts = []
    for kind, content in blocks:
        if kind == "h":
            parts.append(f'<text:h text:outline-level="1">{escape(content)}</text:h>')
        elif kind == "p":
            parts.append(f"<text:p>{escape(content)}</text:p>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
               f'office:version="1.2"><office:body><office:text>{"".join(parts)}'
               '</office:text></office:body></office:document-content>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns} office:version='
            f'"1.2"><office:meta><dc:title>{escape(title)}</dc:title><meta:initial-creator>'
            f'{escape(author)}</meta:initial-creator><meta:creation-date>{created}'
            '</meta:creation-date></office:meta></office:document-meta>')
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.text"),
                     ("content.xml", content), ("meta.xml", meta)])


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    print(f"wrote {path}")


def main():
    os.makedirs(os.path.join(ROOT, "tests/data/office"), exist_ok=True)
    docx(os.path.join(ROOT, "corpus/cyber/volt-typhoon-advisory.docx"), VOLT_TITLE,
         "Corpus Desk", "2024-02-08T09:00:00Z", VOLT)
    docx(os.path.join(ROOT, "tests/data/office/sanctions-memo.docx"),
         "Sanctions Memo", "Policy Desk", "2021-03-02T10:00:00Z", [
             ("h", "Sanctions Memo"),
             ("p", "The Treasury added eight firms to the sanctions list on March 1, 2021."),
             ("li", "Review the export licences of Huawei suppliers."),
             ("li", "Brief the Commerce Department before June 2021."),
             ("table", [["Firm", "Measure"], ["SMIC", "Entity List"]]),
         ])
    odt(os.path.join(ROOT, "tests/data/office/tariff-note.odt"), "Tariff Note", "Trade Desk",
        "2019-05-10T08:30:00", [
            ("h", "Tariff Note"),
            ("p", "Washington raised tariffs on $200 billion of Chinese goods on May 10, 2019."),
        ])
    print_pdf(page_html(PHASE_ONE_TITLE, PHASE_ONE),
              os.path.join(ROOT, "corpus/trade/phase-one-trade-deal.pdf"), date="20200116")


if __name__ == "__main__":
    main()
