"""Records from Python equal the command line's: the seed article, the sample corpus, and
every thread count."""

import json
from concurrent.futures import ThreadPoolExecutor

import dossier
import pytest
from conftest import REPO, json_lines, run_cli, shared_path

CORPUS = REPO / "corpus"
CORPUS_FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")


def cli_jsonl(cli, items, *flags):
    stdin = "".join(json.dumps(item) + "\n" for item in items)
    return json_lines(run_cli(cli, "extract", "--jsonl", *flags, stdin=stdin))


def seed_texts():
    seeds = shared_path("seeds")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}


def test_seed_records_equal_the_cli(cli):
    texts = seed_texts()
    assert texts
    for name, text in texts.items():
        ours = dossier.extract(text)
        theirs = cli_jsonl(cli, [{"id": "", "text": text}])[0]
        assert ours == theirs, name
        assert ours["entities"], f"{name}: no entities"
        for e in ours["entities"]:
            assert text[e["start"] : e["end"]] == e["text"]


def test_seed_with_a_date_equals_the_cli(cli):
    text = next(iter(seed_texts().values()))
    ours = dossier.extract(text, dct="2015-09-25")
    theirs = cli_jsonl(cli, [{"id": "", "text": text, "dct": "2015-09-25"}])[0]
    assert ours == theirs
    fixed = dossier.Extractor(dct="2016-01-01").extract(text, dct="2015-09-25")
    assert fixed == cli_jsonl(cli, [{"id": "", "text": text}], "--dct", "2016-01-01")[0]
    assert fixed["dct"] == {"value": "2016-01-01", "source": "argument"}


def test_seed_files_equal_the_cli(cli):
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    extractor = dossier.Extractor()
    ours = [r for p in seeds for r in extractor.extract_file(p)]
    assert ours == json_lines(run_cli(cli, "extract", *seeds))


def test_corpus_files_equal_the_cli(cli):
    assert len(CORPUS_FILES) >= 10
    extractor = dossier.Extractor()
    for path in CORPUS_FILES:
        ours = extractor.extract_file(path)
        theirs = json_lines(run_cli(cli, "extract", path))
        assert ours == theirs, path
        assert ours, path


def corpus_texts():
    """The plain texts of the sample corpus (its .txt and Markdown files)."""
    return [p.read_text(encoding="utf-8") for p in CORPUS_FILES if p.suffix in (".txt", ".md")]


def test_extract_many_equals_the_cli_jsonl(cli):
    items = [{"id": i, "text": t} for i, t in enumerate(corpus_texts())]
    items.append({"id": "dated", "text": "The summit ended yesterday.", "dct": "2016-05-12"})
    assert dossier.Extractor().extract_many(items, threads=2) == cli_jsonl(cli, items)


def test_threads_give_the_same_records():
    texts = corpus_texts()
    texts += [p for t in texts for p in t.split("\n\n") if p.strip()]
    extractor = dossier.Extractor()
    one = extractor.extract_many(texts, threads=1)
    assert [r["id"] for r in one] == list(range(len(texts)))
    assert extractor.extract_many(iter(texts), threads=2) == one
    assert extractor.extract_many(texts, threads=7) == one
    assert extractor.extract_many(texts) == one
    # A str item's record has its position as id (and source, as `extract --jsonl` does).
    singles = [dict(extractor.extract(t), id=i, source=str(i)) for i, t in enumerate(texts)]
    assert singles == one
    # Python threads sharing one extractor (the GIL is released while Rust works).
    with ThreadPoolExecutor(4) as pool:
        shared = list(pool.map(extractor.extract, texts))
    assert [dict(r, id=i, source=str(i)) for i, r in enumerate(shared)] == one


def test_user_rules(tmp_path, cli):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'block = ["Paris"]\n\n[[entry]]\nname = "Blue Lantern Initiative"\nlabel = "ORG"\n'
    )
    text = "The Blue Lantern Initiative met in Paris and Berlin."
    ours = dossier.Extractor(rules=rules).extract(text)
    assert ours == cli_jsonl(cli, [{"id": "", "text": text}], "--rules", rules)[0]
    names = [e["canonical"] for e in ours["entities"]]
    assert "Blue Lantern Initiative" in names and "Paris" not in names
    assert dossier.Extractor(rules=str(rules)).fingerprint() != dossier.Extractor().fingerprint()


def test_docstrings_and_version():
    assert "code points" in dossier.extract.__doc__
    assert dossier.Extractor.extract_many.__doc__
    assert dossier.Index.search.__doc__
    assert dossier.__version__
