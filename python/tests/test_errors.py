"""Bad input raises a dossier.DossierError subclass with the command line's message; it
never crashes the interpreter."""

import datetime

import dossier
import pytest


@pytest.mark.parametrize(
    "call, cls, words",
    [
        (lambda: dossier.extract(5), dossier.InputError, "text must be a str, not int"),
        (lambda: dossier.extract(None), dossier.InputError, "not NoneType"),
        (lambda: dossier.extract(b"bytes"), dossier.InputError, "not bytes"),
        (lambda: dossier.extract("x", dct="soon"), dossier.InputError, 'dct "soon" is not a date'),
        (lambda: dossier.extract("x", dct=3), dossier.InputError, "dct must be a str or a datetime.date"),
        (lambda: dossier.Extractor().extract_many("text"), dossier.InputError, "iterable of str or dict"),
        (lambda: dossier.Extractor().extract_many(5), dossier.InputError, "not int"),
        (lambda: dossier.Extractor().extract_many(["a", 1]), dossier.InputError, "item 1: must be a str or a dict"),
        (lambda: dossier.Extractor().extract_many([{"id": 1}]), dossier.InputError, 'item 0: no "text" key'),
        (lambda: dossier.Extractor().extract_many([{"text": "a", "id": [1]}]), dossier.InputError, '"id" must be a str or an int'),
        (lambda: dossier.Extractor().extract_many([{"text": "a", "dct": "x"}]), dossier.InputError, 'item 0: "dct" "x" is not a date'),
        (lambda: dossier.Extractor().extract_many(["a"], threads=0), dossier.InputError, "threads must be a whole number from 1"),
        (lambda: dossier.Extractor().extract_many(["a"], threads="2"), dossier.InputError, "threads"),
        (lambda: dossier.Extractor(rules=42), dossier.InputError, "rules must be a str or os.PathLike"),
        (lambda: dossier.Extractor(rules="no/such/rules.toml"), dossier.RulesError, "no/such/rules.toml"),
        (lambda: dossier.Extractor().extract_file("no/such/file.txt"), dossier.DocumentError, "no/such/file.txt"),
    ],
)
def test_bad_arguments_raise(call, cls, words):
    with pytest.raises(cls) as info:
        call()
    assert isinstance(info.value, dossier.DossierError)
    assert words in str(info.value)


def test_wrong_types_are_also_type_errors():
    with pytest.raises(TypeError):
        dossier.extract(5)


def test_a_generator_that_fails_raises_its_own_error():
    def items():
        yield "Paris."
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError, match="source failed"):
        dossier.Extractor().extract_many(items())


def test_invalid_rules_name_the_line(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[pattern]]\nid = "x/y"\nlabel = "NOPE"\nregex = "a"\n')
    with pytest.raises(dossier.RulesError) as info:
        dossier.Extractor(rules=rules)
    assert str(info.value).startswith(f"{rules}:")
    assert "unknown label" in str(info.value)


def test_missing_index(tmp_path):
    index = dossier.Index(tmp_path / "none")
    for call in (lambda: index.search("x"), index.records, index.entities):
        with pytest.raises(dossier.IndexOpenError) as info:
            call()
        assert "no dossier index here" in str(info.value)
        assert isinstance(info.value, OSError)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    (root / "a.txt").write_text("Talks in Paris\n\nFrance and Germany met in Paris in May 2016.\n")
    index = dossier.Index(root / "index")
    summary = index.ingest([root / "a.txt"])
    assert summary["added"] == 1
    return index


@pytest.mark.parametrize(
    "kwargs, words",
    [
        (dict(label="NOPE"), "unknown label 'NOPE'"),
        (dict(since="May"), 'since "May": write a date'),
        (dict(until=datetime.date(2016, 1, 1), since="someday"), "since"),
        (dict(mentions="garbage"), "is not a date range"),
        (dict(sort="random"), "use \"relevance\" or \"date\""),
        (dict(limit=0), "limit 0 is out of range"),
        (dict(limit=10**6), "out of range"),
    ],
)
def test_bad_search_raises_query_error(small_index, kwargs, words):
    with pytest.raises(dossier.QueryError) as info:
        small_index.search("paris", **kwargs)
    assert words in str(info.value)


def test_bad_search_types(small_index):
    with pytest.raises(dossier.InputError):
        small_index.search(7)
    with pytest.raises(dossier.InputError):
        small_index.search("paris", entity=[1, 2])
    with pytest.raises(dossier.InputError):
        small_index.ingest(42)


def test_a_bad_file_is_counted_not_raised(small_index, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    summary = small_index.ingest([bad])
    assert summary["failed"] == 1
    assert summary["failures"][0]["path"].endswith("bad.pdf")
