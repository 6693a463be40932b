#!/usr/bin/env python3
"""Writes the small test PDFs of this folder from the texts below (standard library only).

usage: python3 tests/data/pdf/make.py   (then, for encrypted.pdf, qpdf; see README.md)

Each page draws lines of Helvetica (a standard font every reader knows) at given
positions, so the tests know where every line is. The texts are written for these tests.
"""
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(pages, info=None, xmp=None, image_only=False):
    """pages: list of lists of (x, y, size, text); text bytes are WinAnsi, with code 0x1F
    drawn as the glyph 'fi' and 0x1E as 'fl' (ligatures, through /Differences)."""
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
               b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [30 /fl /fi] >> >>")
    kids = []
    pages_id = len(objs) + 2 * len(pages) + 1 + (1 if image_only else 0)
    image = None
    if image_only:
        # A 16x16 grey image: what a scanned page holds instead of text.
        data = zlib.compress(bytes((x * 16) % 256 for x in range(256)))
        image = add(b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace "
                    b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
                    % len(data) + data + b"\nendstream")
    for lines in pages:
        ops = []
        if image_only:
            ops.append("q 400 0 0 500 100 200 cm /Im1 Do Q")
        for (x, y, size, text) in lines:
            ops.append(f"BT /F1 {size} Tf {x} {y} Td ({esc(text)}) Tj ET")
        content = zlib.compress("\n".join(ops).encode("latin-1"))
        c = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content +
                b"\nendstream")
        res = b"<< /Font << /F1 %d 0 R >>" % font
        if image:
            res += b" /XObject << /Im1 %d 0 R >>" % image
        res += b" >>"
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources "
                        % pages_id + res + b" /Contents %d 0 R >>" % c))
    assert add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) +
               b"] /Count %d >>" % len(kids)) == pages_id
    cat = b"<< /Type /Catalog /Pages %d 0 R" % pages_id
    if xmp:
        x = xmp.encode("utf-8")
        cat += b" /Metadata %d 0 R" % add(b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n"
                                          % len(x) + x + b"\nendstream")
    cat += b" >>"
    catalog = add(cat)
    info_id = None
    if info:
        info_id = add(b"<< " + b" ".join(b"/%s (%s)" % (k.encode(), esc(v).encode("latin-1"))
                                         for k, v in info.items()) + b" >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R" % (len(objs) + 1, catalog)
    if info_id:
        out += b" /Info %d 0 R" % info_id
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def column(x, top, lines, size=10, lead=12):
    return [(x, top - i * lead, size, t) for i, t in enumerate(lines)]


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


ONE = [
    "Trade negotiators from Washington and Beijing met in Geneva on",
    "14 March 2019 to discuss tariffs on steel, soybeans and semicon-",
    "ductors. The talks were led by Robert Lighthizer and Liu He.",
    "",
    "A second round is planned for May 2019 in Beijing, officials said",
    "after the meeting, while the \x1fnal schedule and trade \x1eows stay.",
]


def one_column():
    lines = []
    y = 700
    for t in ONE:
        if t:
            lines.append((72, y, 10, t))
        y -= 12 if t else 20
    return pdf([lines], info={"Title": "Tariff Talks in Geneva", "Author": "Desk Writer",
                              "CreationDate": "D:20190315090000Z"})


LEFT = [
    "The Cyberspace Administration of",
    "China published draft rules on",
    "data exports in October 2021.",
    "Firms must pass a security review",
    "before moving personal data",
    "abroad, the agency said.",
]
RIGHT = [
    "In Washington, the Commerce",
    "Department answered with new",
    "export controls on chips in",
    "October 2022, aimed at Huawei",
    "and other Chinese firms named",
    "on the Entity List.",
]


def two_columns():
    lines = [(72, 740, 14, "Data Rules and Export Controls")]
    lines += column(72, 700, LEFT) + column(320, 700, RIGHT)
    return pdf([lines], info={"Title": "Data Rules and Export Controls"})


def running_header():
    pages = []
    bodies = [
        ["The first page says that the Treasury named new sanctions", "in June 2020."],
        ["The second page says that Hong Kong lost its special", "status in July 2020."],
        ["The third page says that TikTok faced an order in", "August 2020."],
    ]
    for n, body in enumerate(bodies, 1):
        lines = [(72, 760, 9, "US-China Policy Notes, Summer 2020")]
        lines += column(72, 700, body)
        lines.append((300, 40, 9, str(n)))
        pages.append(lines)
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
           'xmp:CreateDate="2020-09-01T10:00:00Z"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
           'Policy Notes</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>')
    return pdf(pages, xmp=xmp)


def main():
    write("one-column.pdf", one_column())
    write("two-columns.pdf", two_columns())
    write("running-header.pdf", running_header())
    write("image-only.pdf", pdf([[]], image_only=True))
    write("plain.pdf", pdf([[(72, 700, 12, "A plain page about trade.")]]))


if __name__ == "__main__":
    main()
