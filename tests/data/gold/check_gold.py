#!/usr/bin/env python3
"""Build and validate the policy-text gold files.

    python3 check_gold.py            validate policy_entities.jsonl and policy_timexes.jsonl
    python3 check_gold.py --write    rebuild both files from the tables below, then validate
    python3 check_gold.py --review   also list capitalised words outside any entity
    python3 check_gold.py --inline DIR
                                     write copies of both files into DIR with every text
                                     inlined (the scorers in shared/eval need "text")

The annotation tables name each mention by its surface text. The builder finds every
occurrence of a surface (whole words only, case-sensitive), longest surfaces first, so a
longer name ("Cyberspace Administration of China") wins over a shorter one inside it
("China"). An optional list of indices keeps only some occurrences, counted among the
occurrences still free once the longer surfaces are placed (rows with the same surface
count the same occurrences). A label of None marks
occurrences to leave unannotated. Every table entry must match at least once.

Offsets are Unicode code points into the document text, end exclusive. See GUIDELINES.md.
"""

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
ENT_FILE = HERE / "policy_entities.jsonl"
TIMEX_FILE = HERE / "policy_timexes.jsonl"
# The seed article's annotations: its text stays in ../shared, so they live apart and the
# policy files above are self-contained.
SEED_ENT_FILE = HERE / "seed_entities.jsonl"
SEED_TIMEX_FILE = HERE / "seed_timexes.jsonl"
PAIRS = ((ENT_FILE, TIMEX_FILE), (SEED_ENT_FILE, SEED_TIMEX_FILE))

LABELS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "MONEY", "PERCENT"}
THE_LABELS = {"ORG", "GPE", "FAC", "LOC", "EVENT", "LAW"}
# OntoNotes: a name of two or more words of these kinds keeps the possessive after it.
POSSESSIVE_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
POSSESSIVE_RE = re.compile(r"['\u2019]s(?!\w)")


def with_possessive(text, s, e, label):
    """The end of a span, past a possessive it takes by the OntoNotes convention."""
    if label in POSSESSIVE_LABELS and " " in text[s:e]:
        m = POSSESSIVE_RE.match(text, e)
        if m:
            return m.end()
    return e
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
VALUE_RE = re.compile(
    r"^(PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|\d{3}|\d{4}|\d{4}-(\d{2}|Q[1-4]|W\d{2}|SP|SU|FA|WI)|\d{4}-\d{2}-\d{2}(T[\d:]+)?"
    r"|XXXX-\d{2}(-\d{2})?"
    r"|P(\d+|X)(Y|M|W|D|DE|CE)|PT(\d+|X)(H|M|S))$"
)
SEED_PATH = "../../../../shared/seeds/china-us-cyber-deal.txt"


def body_of_markdown(raw):
    """Text after the front matter, from the first non-blank line."""
    lines = raw.split("\n")
    assert lines[0] == "---", "front matter must open the file"
    close = lines.index("---", 1)
    body = "\n".join(lines[close + 1:])
    return body.lstrip("\n")


def body_of_html(raw):
    """The <h1> and the <p> elements of <article>, tags removed, joined by blank lines."""
    article = re.search(r"<article>(.*?)</article>", raw, re.S).group(1)
    blocks = re.findall(r"<(h1|p)\b[^>]*>(.*?)</\1>", article, re.S)
    texts = [html.unescape(re.sub(r"<[^>]+>", "", b)).strip() for _, b in blocks]
    return "\n\n".join(t for t in texts if t)


def load_source(doc):
    """Return the text a table entry describes."""
    if "seed" in doc:
        return (HERE / doc["seed"]).read_text(encoding="utf-8")
    path = REPO / doc["source"]
    raw = path.read_text(encoding="utf-8")
    if "jsonl_id" in doc:
        for line in raw.splitlines():
            obj = json.loads(line)
            if obj["id"] == doc["jsonl_id"]:
                return obj["text"]
        raise SystemExit(f"{doc['source']}: no line with id {doc['jsonl_id']}")
    if path.suffix == ".md":
        return body_of_markdown(raw)
    if path.suffix in (".html", ".htm"):
        return body_of_html(raw)
    return raw


# ---------------------------------------------------------------------------
# Annotation tables. Entity rows: (surface, label[, indices]).
# Timex rows: (surface, type, value[, indices]).
# ---------------------------------------------------------------------------

DOCS = [
    {
        "id": "china-us-cyber-deal",
        "seed": SEED_PATH,
        "dct": "2016",
        "entities": [
            ("The United States", "GPE"),
            ("the Cyberspace Administration of China", "ORG"),
            ("the People’s Liberation Army", "ORG"),
            ("the U.S. Justice Department", "ORG"),
            ("the U.S.-China Cyber Working Group", "ORG"),
            ("the United States", "GPE"),
            ("China", "GPE"), ("US", "GPE"), ("U.S.", "GPE"), ("Chinese", "NORP"),
            ("Xi Jinping", "PERSON"), ("Barack Obama", "PERSON"),
            ("PLA", "ORG"),
            ("United States", "GPE"), ("Sino", "NORP"),
            ("Sino-U.S. Senior Experts Group", "ORG"), ("Beijing", "GPE"),
            ("U.S.-China Cybercrime and Related Issues Hotline Mechanism Work Plan", "LAW"),
                        ("Washington", "GPE"),
            ("Edward Snowden", "PERSON"), ("Pentagon", "ORG"), ("Military Strategy", "LAW"),
            ("Cyber Strategy", "LAW"), ("Cyber Command", "ORG"), ("Beyond the Build", "LAW"),
            ("Law of War Manual", "LAW"), ("Western", "NORP"),
            ("Computer Emergency Response Teams", None),
        ],
        "timexes": [
            ("Now", "DATE", "PRESENT_REF"), ("over a year", "DURATION", "P1Y"),
            ("September 2015", "DATE", "2015-09"), ("the last year", "DURATION", "P1Y"),
            ("May", "DATE", "2016-05"), ("June 2016", "DATE", "2016-06"),
            ("now", "DATE", "PRESENT_REF"), ("April", "DATE", "2016-04"),
            ("the end of the year", "DATE", "2016"), ("May 2014", "DATE", "2014-05"),
            ("2013", "DATE", "2013"), ("January", "DATE", "2016-01"),
            ("2015", "DATE", "2015"), ("May of last year", "DATE", "2015-05"),
            ("This year", "DATE", "2016"), ("April 2015", "DATE", "2015-04"),
            ("the foreseeable future", "DATE", "FUTURE_REF"),
        ],
    },
    {
        "id": "us-china-cyber-agreement-2015",
        "source": "corpus/cyber/us-china-cyber-agreement-2015.txt",
        "dct": "2015-09-26",
        "entities": [
            ("The United States", "GPE"),
            ("the Communist Party", "ORG"),
            ("the Justice Department", "ORG"),
            ("the Office of Personnel Management", "ORG"),
            ("the People's Liberation Army", "ORG"),
            ("the Rose Garden", "FAC"),
            ("the Treasury Department", "ORG"),
            ("the United Nations", "ORG"),
            ("the White House", "FAC"),
            ("Obama", "PERSON"), ("Xi", "PERSON"), ("WASHINGTON", "GPE"),
            ("China", "GPE"), ("Barack Obama", "PERSON"),
            ("Chinese", "NORP"), ("Xi Jinping", "PERSON"),             ("White House", "ORG"),
            ("Washington", "GPE"), ("U.S.", "GPE"), ("American", "NORP"),
            ("Loretta Lynch", "PERSON"), ("Jeh Johnson", "PERSON"), ("Homeland Security", "ORG"),
            ("Guo Shengkun", "PERSON"),                         ("PLA", "ORG"), ("Shanghai", "GPE"), ("Unit 61398", "ORG"), ("Beijing", "GPE"),
            ("Executive Order 13694", "LAW"),             ("OPM", "ORG"),
            ("Meng Jianzhu", "PERSON"),         ],
        "timexes": [
            ("September 26, 2015", "DATE", "2015-09-26"), ("Friday", "DATE", "2015-09-25"),
            ("the end of the year", "DATE", "2015"), ("twice a year", "SET", "P1Y"),
            ("May 2014", "DATE", "2014-05"), ("more than a year", "DURATION", "P1Y"),
            ("April", "DATE", "2015-04"), ("June", "DATE", "2015-06"),
            ("Two weeks ago", "DATE", "2015-09-12"), ("several days", "DURATION", "PXD"),
            ("the next six months", "DURATION", "P6M"), ("next month", "DATE", "2015-10"),
        ],
    },
    {
        "id": "chips-and-science-act",
        "source": "corpus/trade/chips-and-science-act.txt",
        "dct": "2022-08-10",
        "entities": [
            ("The Commerce Department", "ORG"),
            ("The United States", "GPE"),
            ("about $11 billion", "MONEY"),
            ("about $24 billion", "MONEY"),
            ("about $280 billion", "MONEY"),
            ("about 37 percent", "PERCENT"),
            ("only around 12 percent", "PERCENT"),
            ("the CHIPS and Science Act", "LAW"),
            ("the Congressional Budget Office", "ORG"),
            ("the Department of Energy", "ORG"),
            ("the Endless Frontier Act", "LAW"),
            ("the National Science Foundation", "ORG"),
            ("the United States", "GPE"),
            ("Biden", "PERSON"), ("CHIPS and Science Act", "LAW"), ("American", "NORP"),
            ("WASHINGTON", "GPE"), ("Joe Biden", "PERSON"),             ("$52.7 billion", "MONEY"), ("$39 billion", "MONEY"),             ("National Semiconductor Technology Center", "ORG"),
            ("25 percent", "PERCENT"),                         ("Congress", "ORG"),
            ("Gina Raimondo", "PERSON"), ("China", "GPE"), ("Commerce", "ORG"),
            ("Senate", "ORG"), ("House", "ORG"), ("Republicans", "NORP"),
            ("Chuck Schumer", "PERSON"),
            ("Todd Young", "PERSON"), ("Indiana", "GPE"),             ("Taiwan", "GPE"), ("Micron Technology", "ORG"),
            ("$40 billion", "MONEY"), ("Intel", "ORG"), ("$20 billion", "MONEY"),
            ("Columbus", "GPE"), ("Ohio", "GPE"),
            ("Taiwan Semiconductor Manufacturing Company", "ORG"), ("TSMC", "ORG"),
            ("Arizona", "GPE"), ("Bernie Sanders", "PERSON"),
        ],
        "timexes": [
            ("August 10, 2022", "DATE", "2022-08-10"), ("yesterday", "DATE", "2022-08-09"),
            ("the next decade", "DURATION", "P10Y"), ("future years", "DATE", "FUTURE_REF"),
            ("more than a year", "DURATION", "P1Y"), ("six months", "DURATION", "P6M"),
            ("ten years", "DURATION", "P10Y"), ("July 27", "DATE", "2022-07-27"),
            ("the following day", "DATE", "2022-07-28"), ("2020", "DATE", "2020"),
            ("1990", "DATE", "1990"), ("today", "DATE", "PRESENT_REF"),
            ("2021", "DATE", "2021"), ("Tuesday", "DATE", "2022-08-09"),
            ("the end of the decade", "DATE", "202"), ("January", "DATE", "2022-01"),
            ("years", "DURATION", "PXY"),
        ],
    },
    {
        "id": "netherlands-japan-chip-tools",
        "source": "corpus/trade/netherlands-japan-chip-tools.txt",
        "dct": "2023-06-30",
        "entities": [
            ("The Ministry of Economy, Trade and Industry", "ORG"),
            ("the Cyberspace Administration of China", "ORG"),
            ("the United States", "GPE"),
            ("Dutch", "NORP"), ("Japanese", "NORP"), ("Washington", "GPE"),
            ("THE HAGUE", "GPE"), ("Japan", "GPE"),
            ("ASML Holding", "ORG"), ("Veldhoven", "GPE"), ("ASML", "ORG"),
            ("China", "GPE"), ("Liesje Schreinemacher", "PERSON"), ("Netherlands", "GPE"),
            ("METI", "ORG"),
            ("Yasutoshi Nishimura", "PERSON"), ("Tokyo Electron", "ORG"), ("Nikon", "ORG"),
            ("Screen Holdings", "ORG"), ("Beijing", "GPE"), ("Ministry of Commerce", "ORG"),
            ("Micron Technology", "ORG"),
            ("American", "NORP"), ("The Hague", "GPE"), ("Tokyo", "GPE"),
            ("Chinese", "NORP"),
        ],
        "timexes": [
            ("June 30, 2023", "DATE", "2023-06-30"), ("today", "DATE", "2023-06-30"),
            ("January", "DATE", "2023-01"), ("September 1", "DATE", "2023-09-01"),
            ("this year", "DATE", "2023"), ("2019", "DATE", "2019"),
            ("March 8", "DATE", "2023-03-08"), ("March 31", "DATE", "2023-03-31"),
            ("July 23", "DATE", "2023-07-23"), ("May", "DATE", "2023-05"),
            ("more than a year", "DURATION", "P1Y"), ("October 2022", "DATE", "2022-10"),
            ("the coming months", "DURATION", "PXM"),
        ],
    },
    {
        "id": "paris-agreement",
        "source": "corpus/climate/paris-agreement.txt",
        "dct": "2021-02-19",
        "entities": [
            ("The United States", "GPE"),
            ("The United States Climate Alliance", "ORG"),
            ("the Kyoto Protocol", "LAW"),
            ("the Paris Agreement", "LAW"),
            ("the United Nations Framework Convention on Climate Change", "LAW"),
            ("the twenty-first Conference of the Parties", "EVENT"),
            ("Joe Biden", "PERSON"),
            ("American", "NORP"),             ("COP21", "EVENT"),
                        ("UNFCCC", "LAW"), ("Le Bourget", "GPE"), ("Paris", "GPE"),
            ("French", "NORP"), ("Laurent Fabius", "PERSON"),             ("Barack Obama", "PERSON"), ("Chinese", "NORP"), ("Xi Jinping", "PERSON"),
            ("Hangzhou", "GPE"), ("G20", "ORG"), ("Donald Trump", "PERSON"),
            ("New York", "GPE"),
            ("California", "GPE"), ("Washington", "GPE"), ("U.S.", "GPE"),
            ("55 percent", "PERCENT"), ("26 to 28 percent", "PERCENT"), ("Biden", "PERSON"),
            ("John Kerry", "PERSON"), ("UN", "ORG"), ("COP26", "EVENT"),
            ("Glasgow", "GPE"),
        ],
        "timexes": [
            ("February 19, 2021", "DATE", "2021-02-19"), ("today", "DATE", "2021-02-19"),
            ("thirty days", "DURATION", "P30D"), ("January 20", "DATE", "2021-01-20"),
            ("107 days", "DURATION", "P107D"), ("December 12, 2015", "DATE", "2015-12-12"),
            ("two weeks", "DURATION", "P2W"), ("1997", "DATE", "1997"),
            ("every five years", "SET", "P5Y"), ("November 4, 2016", "DATE", "2016-11-04"),
            ("September 2016", "DATE", "2016-09"), ("June 1, 2017", "DATE", "2017-06-01"),
            ("November 4, 2019", "DATE", "2019-11-04"), ("a further year", "DURATION", "P1Y"),
            ("November 4, 2020", "DATE", "2020-11-04"), ("2005", "DATE", "2005"),
            ("2025", "DATE", "2025"), ("now", "DATE", "PRESENT_REF"),
            ("Earth Day", "DATE", "2021-04-22"), ("April", "DATE", "2021-04"),
            ("a year", "DURATION", "P1Y"), ("November", "DATE", "2021-11"),
        ],
    },
    {
        "id": "budapest-convention",
        "source": "corpus/cyber/budapest-convention.md",
        "dct": "2022-05-13",
        "entities": [
            ("The Second Additional Protocol", "LAW"),
            ("the Committee of Ministers", "ORG"),
            ("the Council of Europe", "ORG"),
            ("the Cybercrime Convention Committee", "ORG"),
            ("the European Data Protection Board", "ORG"),
            ("the U.S. Senate", "ORG"),
            ("the United Nations", "ORG"),
            ("the United States", "GPE"),
            ("Council of Europe", "ORG"), ("Convention on Cybercrime", "LAW"),
            ("Strasbourg", "GPE"),
            ("Budapest", "GPE"),
            ("Canada", "GPE"), ("Japan", "GPE"),
            ("South Africa", "GPE"),             ("Argentina", "GPE"), ("Australia", "GPE"), ("Ghana", "GPE"),
            ("Morocco", "GPE"), ("Philippines", "GPE"),
            ("T-CY", "ORG"),
            ("Russia", "GPE"), ("Article 32", "LAW"),
            ("Moscow", "GPE"), ("China", "GPE"),             ("New York", "GPE"),
        ],
        "timexes": [
            ("yesterday", "DATE", "2022-05-12"), ("every day", "SET", "P1D"),
            ("now", "DATE", "PRESENT_REF"),
            ("more than two decades", "DURATION", "P20Y"),
            ("November 23, 2001", "DATE", "2001-11-23"), ("two months", "DURATION", "P2M"),
            ("September 11", "DATE", "2001-09-11"), ("July 1, 2004", "DATE", "2004-07-01"),
            ("August 2006", "DATE", "2006-08"), ("January 2003", "DATE", "2003-01"),
            ("Today", "DATE", "PRESENT_REF"), ("four years", "DURATION", "P4Y"),
            ("last November", "DATE", "2021-11"), ("late February", "DATE", "2022-02"),
            ("next year", "DATE", "2023"), ("several years", "DURATION", "PXY"),
        ],
    },
    {
        "id": "bis-update-october-2023",
        "source": "corpus/trade/bis-update-october-2023.md",
        "dct": "2023-10-17",
        "entities": [
            ("The U.S. Department of Commerce", "ORG"),
            ("the Bureau of Industry and Security", "ORG"),
            ("the Entity List", "LAW"),
            ("U.S.", "GPE"), ("Chinese", "NORP"),
            ("Nvidia", "ORG"), ("China", "GPE"),             ("BIS", "ORG"), ("Macau", "GPE"),             ("Biren Technology", "ORG"), ("Moore Threads", "ORG"),
            ("Gina Raimondo", "PERSON"), ("Raimondo", "PERSON"), ("Beijing", "GPE"), ("Commerce", "ORG"),
            ("Netherlands", "GPE"), ("Japan", "GPE"), ("American", "NORP"),
        ],
        "timexes": [
            ("today", "DATE", "2023-10-17"), ("a year ago", "DATE", "2022"),
            ("next month", "DATE", "2023-11"), ("October 7, 2022", "DATE", "2022-10-07"),
            ("last year", "DATE", "2022"), ("now", "DATE", "PRESENT_REF"),
            ("August", "DATE", "2023-08"), ("four days", "DURATION", "P4D"),
            ("this year", "DATE", "2023"), ("July", "DATE", "2023-07"),
            ("30 days", "DURATION", "P30D"), ("next year", "DATE", "2024"),
        ],
    },
    {
        "id": "eu-ai-act",
        "source": "corpus/digital/eu-ai-act.md",
        "dct": "2024-08-01",
        "entities": [
            ("The European Commission", "ORG"),
            ("The European Parliament", "ORG"),
            ("The European Union", "ORG"),
            ("the Council of the European Union", "ORG"),
            ("the European AI Office", "ORG"),
            ("the Official Journal", "ORG"),
            ("Artificial Intelligence Act", "LAW"),
            ("\u20ac35 million", "MONEY"),
            ("7 percent", "PERCENT"),             ("Brando Benifei", "PERSON"),
            ("Italy", "GPE"), ("Drago\u0219 Tudorache", "PERSON"), ("Romania", "GPE"),
            ("Spain", "GPE"),
            ("France", "GPE"), ("Germany", "GPE"), ("Mistral AI", "ORG"),
            ("Aleph Alpha", "ORG"), ("Parliament", "ORG"),             ("Commission", "ORG"), ("Thierry Breton", "PERSON"), ("European", "NORP"),
            ("DigitalEurope", "ORG"),
        ],
        "timexes": [
            ("today", "DATE", "2024-08-01"), ("twenty days", "DURATION", "P20D"),
            ("July 12", "DATE", "2024-07-12"), ("the next three years", "DURATION", "P3Y"),
            ("February 2, 2025", "DATE", "2025-02-02"), ("August 2025", "DATE", "2025-08"),
            ("August 2, 2026", "DATE", "2026-08-02"), ("April 21, 2021", "DATE", "2021-04-21"),
            ("December 8, 2023", "DATE", "2023-12-08"), ("March", "DATE", "2024-03"),
            ("May", "DATE", "2024-05"), ("earlier this year", "DATE", "2024"),
            ("now", "DATE", "PRESENT_REF"), ("nine months", "DURATION", "P9M"),
        ],
    },
    {
        "id": "cop27-loss-and-damage",
        "source": "corpus/climate/cop-briefs.jsonl",
        "jsonl_id": "cop27-loss-and-damage",
        "dct": "2022-11-20",
        "entities": [
            ("the European Union", "ORG"),
            ("the Group of 77 and China", "ORG"),
            ("the United Arab Emirates", "GPE"),
            ("COP27", "EVENT"), ("Egyptian", "NORP"), ("Sharm el-Sheikh", "GPE"),
            ("China", "GPE"),
            ("Pakistan", "GPE"),
            ("Sherry Rehman", "PERSON"), ("Glasgow", "GPE"), ("India", "GPE"),
            ("EU", "ORG"), ("Sameh Shoukry", "PERSON"), ("UN", "ORG"),
            ("Ant\u00f3nio Guterres", "PERSON"), ("Joe Biden", "PERSON"),
            ("Chinese", "NORP"), ("Xi Jinping", "PERSON"), ("Biden", "PERSON"),
            ("G20", "ORG"), ("Bali", "GPE"), ("Beijing", "GPE"),
        ],
        "timexes": [
            ("Sunday", "DATE", "2022-11-20"), ("some three decades", "DURATION", "P30Y"),
            ("more than a day", "DURATION", "P1D"), ("next year", "DATE", "2023"),
            ("the final week", "DATE", "2022-W46"), ("this year", "DATE", "2022"),
            ("the summer", "DATE", "2022-SU"), ("the two weeks", "DURATION", "P2W"),
            ("August", "DATE", "2022-08"),
        ],
    },
    {
        "id": "bis-export-controls-october-2022",
        "source": "corpus/trade/bis-export-controls-october-2022.html",
        "dct": "2022-10-08",
        "entities": [
            ("about $400 million", "MONEY"),
            ("the Commerce Department", "ORG"),
            ("the Entity List", "LAW"),
            ("Washington", "GPE"), ("China", "GPE"), ("Biden", "PERSON"), ("U.S.", "GPE"),
            ("Bureau of Industry and Security", "ORG"),
            ("BIS", "ORG"), ("Nvidia", "ORG"), ("AMD", "ORG"), ("Chinese", "NORP"),
            ("American", "NORP"), ("Yangtze Memory Technologies Co.", "ORG"),
            ("YMTC", "ORG"), ("Unverified List", "LAW"),             ("Alan Estevez", "PERSON"), ("Gina Raimondo", "PERSON"), ("Commerce", "ORG"),
            ("Ministry of Commerce", "ORG"),
            ("Netherlands", "GPE"), ("Japan", "GPE"),
        ],
        "timexes": [
            ("Friday", "DATE", "2022-10-07"), ("decades", "DURATION", "PXDE"),
            ("August", "DATE", "2022-08"), ("the coming months", "DURATION", "PXM"),
            ("October 21", "DATE", "2022-10-21"),
        ],
    },
]


def place(text, rows, what):
    """Turn table rows into sorted, non-overlapping spans."""
    taken = []  # (start, end, payload or None, surface)
    order = sorted(range(len(rows)), key=lambda i: -len(rows[i][0]))
    for i in order:
        row = rows[i]
        surface = row[0]
        pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
        free = []
        for m in pattern.finditer(text):
            if all(m.end() <= s or m.start() >= e or sf == surface for s, e, _, sf in taken):
                free.append((m.start(), m.end()))
        indices = row[-1] if isinstance(row[-1], list) else None
        if not free:
            raise SystemExit(f"{what}: {surface!r} not found")
        chosen = free if indices is None else [free[k] for k in indices]
        payload = row[1:] if indices is None else row[1:-1]
        for s, e in chosen:
            taken.append((s, e, payload, surface))
    taken.sort()
    return [(s, e, p) for s, e, p, _ in taken if p[0] is not None]


def build():
    ents_out, tmx_out, seed_ents, seed_tmx = [], [], [], []
    for doc in DOCS:
        text = load_source(doc)
        where = {"path": doc["seed"]} if "seed" in doc else {"text": text}
        extra = {} if "seed" in doc else {"source": doc["source"]}
        ents = []
        for s, e, p in place(text, doc["entities"], doc["id"] + " entities"):
            e = with_possessive(text, s, e, p[0])
            ents.append({"start": s, "end": e, "label": p[0], "text": text[s:e]})
        tmx = [
            {"start": s, "end": e, "text": text[s:e], "type": p[0], "value": p[1]}
            for s, e, p in place(text, doc["timexes"], doc["id"] + " timexes")
        ]
        e_rows, t_rows = (seed_ents, seed_tmx) if "seed" in doc else (ents_out, tmx_out)
        e_rows.append({"id": doc["id"], **extra, **where, "entities": ents})
        t_rows.append({"id": doc["id"], **extra, "dct": doc["dct"], **where, "timexes": tmx})
    for path, rows in (
        (ENT_FILE, ents_out),
        (TIMEX_FILE, tmx_out),
        (SEED_ENT_FILE, seed_ents),
        (SEED_TIMEX_FILE, seed_tmx),
    ):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {ENT_FILE.name}, {TIMEX_FILE.name} and the seed files: {len(DOCS)} documents")


def doc_text(obj, errors):
    if "text" in obj:
        return obj["text"]
    path = HERE / obj["path"]
    if not path.exists():
        print(f"skipped: {obj['id']}: {obj['path']} not found")
        return None
    return path.read_text(encoding="utf-8")


def validate(path, key, review=False):
    errors, ids, total = [], [], 0
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        obj = json.loads(line)
        where = f"{path.name}:{lineno} ({obj.get('id')})"
        ids.append(obj["id"])
        if ("text" in obj) == ("path" in obj):
            errors.append(f"{where}: needs exactly one of text/path")
            continue
        text = doc_text(obj, errors)
        if text is None:
            continue
        if "source" in obj:
            doc = next((d for d in DOCS if d["id"] == obj["id"]), None)
            if doc and load_source(doc) != text:
                errors.append(f"{where}: text no longer matches {obj['source']}")
        if key == "timexes" and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", obj.get("dct", "")):
            errors.append(f"{where}: bad dct {obj.get('dct')!r}")
        prev_end = -1
        for m in obj[key]:
            total += 1
            s, e = m["start"], m["end"]
            if not (0 <= s < e <= len(text)):
                errors.append(f"{where}: bad offsets {s}..{e}")
                continue
            if text[s:e] != m["text"]:
                errors.append(f"{where}: {s}..{e} is {text[s:e]!r}, not {m['text']!r}")
            if s < prev_end:
                errors.append(f"{where}: {m['text']!r} at {s} overlaps or is out of order")
            prev_end = e
            if m["text"] != m["text"].strip():
                errors.append(f"{where}: {m['text']!r} has outer spaces")
            if key == "entities":
                if m["label"] not in LABELS:
                    errors.append(f"{where}: bad label {m['label']!r}")
                # OntoNotes: "the" belongs only to names of two or more words of these kinds.
                name = m["text"][4:]
                if (m["text"].startswith(("the ", "The ")) and m["text"] != "The Hague"
                        and (m["label"] not in THE_LABELS or " " not in name)):
                    errors.append(f"{where}: {m['text']!r} starts with 'the'")
                bare = m["text"][:-2] if m["text"].endswith(("'s", "\u2019s")) else m["text"]
                if bare != m["text"] and " " not in bare:
                    errors.append(f"{where}: {m['text']!r}: a one-word name leaves its possessive out")
                if bare == m["text"] and with_possessive(text, s, e, m["label"]) != e:
                    errors.append(f"{where}: {m['text']!r}: a name of several words keeps its possessive")
            else:
                if m["type"] not in TIMEX_TYPES:
                    errors.append(f"{where}: bad type {m['type']!r}")
                if not VALUE_RE.match(m["value"]):
                    errors.append(f"{where}: bad value {m['value']!r}")
                if m["type"] in ("DURATION", "SET") and not m["value"].startswith("P"):
                    errors.append(f"{where}: {m['type']} value {m['value']!r} is not a period")
        if review and key == "entities":
            covered = set()
            for m in obj[key]:
                covered.update(range(m["start"], m["end"]))
            loose = sorted({
                w.group() for w in re.finditer(r"\b[A-Z][\w'\u2019.-]*", text)
                if w.start() not in covered
            })
            print(f"  {obj['id']}: capitalised words outside entities: {' '.join(loose)}")
    if len(ids) != len(set(ids)):
        errors.append(f"{path.name}: duplicate ids")
    return ids, total, errors


def inline(out_dir):
    """Copy both files into out_dir, replacing each `path` with the file's text."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for path in (ENT_FILE, TIMEX_FILE, SEED_ENT_FILE, SEED_TIMEX_FILE):
        with open(out / path.name, "w", encoding="utf-8", newline="\n") as f:
            for line in path.read_text(encoding="utf-8").splitlines():
                obj = json.loads(line)
                if "path" in obj:
                    obj["text"] = (HERE / obj.pop("path")).read_text(encoding="utf-8")
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print(f"wrote inlined copies to {out}")


def main():
    args = sys.argv[1:]
    if "--write" in args:
        build()
    if "--inline" in args:
        inline(args[args.index("--inline") + 1])
    review = "--review" in args
    errors, docs, n_ents, n_tmx = [], 0, 0, 0
    for ent_file, tmx_file in PAIRS:
        e_ids, e_n, e_err = validate(ent_file, "entities", review)
        t_ids, t_n, t_err = validate(tmx_file, "timexes")
        errors += e_err + t_err
        if e_ids != t_ids:
            errors.append(f"{ent_file.name} and {tmx_file.name} do not list the same documents")
        docs, n_ents, n_tmx = docs + len(e_ids), n_ents + e_n, n_tmx + t_n
    for msg in errors:
        print("error:", msg)
    print(f"{docs} documents, {n_ents} entities, {n_tmx} timexes, {len(errors)} problems")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
