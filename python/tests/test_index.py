"""Index from Python equals the command line's on the sample corpus: ingest summary
counts, records, search results and entities."""

import json

import dossier
import pytest
from conftest import REPO, json_lines, run_cli


@pytest.fixture(scope="module")
def indexes(tmp_path_factory, cli):
    root = tmp_path_factory.mktemp("indexes")
    ours = dossier.Index(root / "py")
    summary = ours.ingest([str(REPO / "corpus")])
    theirs = root / "cli"
    cli_summary = json.loads(
        run_cli(cli, "--index", theirs, "ingest", "--json", "--quiet", REPO / "corpus")
    )
    return ours, theirs, summary, cli_summary


def test_ingest_summary_equals_the_cli(indexes):
    _, _, summary, cli_summary = indexes
    for key in ("documents", "added", "updated", "unchanged", "failed", "skipped", "ignored"):
        assert summary[key] == cli_summary[key], key
    assert summary["added"] > 10


def test_a_second_ingest_changes_nothing(indexes):
    ours = indexes[0]
    again = ours.ingest(str(REPO / "corpus"))
    assert again["added"] == 0 and again["updated"] == 0
    assert again["unchanged"] == indexes[2]["documents"]


def test_records_equal_the_cli(indexes, cli):
    ours, theirs = indexes[0], indexes[1]
    records = list(ours.records())
    cli_records = json_lines(run_cli(cli, "--index", theirs, "export", "records"))
    key = lambda r: r["id"]
    assert sorted(records, key=key) == sorted(cli_records, key=key)


@pytest.mark.parametrize(
    "query, kwargs, flags",
    [
        ("cyber", {}, []),
        ("china agreement", dict(limit=3, facets=5), ["-n", "3", "--facets", "--facet-size", "5"]),
        ("", dict(label="ORG", sort="date"), ["--label", "ORG", "--sort", "date"]),
        ("*", dict(entity="China", mentions="2015"), ["--entity", "China", "--mentions", "2015"]),
        ("climate", dict(since="2015", until="2023-12"), ["--from", "2015", "--to", "2023-12"]),
    ],
)
def test_search_equals_the_cli(indexes, cli, query, kwargs, flags):
    ours, theirs = indexes[0], indexes[1]
    got = ours.search(query, **kwargs)
    want = json.loads(run_cli(cli, "--index", theirs, "search", "--json", query, *flags))
    assert got == want


def test_entities_equal_the_cli(indexes, cli):
    ours, theirs = indexes[0], indexes[1]
    want = json.loads(run_cli(cli, "--index", theirs, "export", "entities", "--format", "json"))
    assert ours.entities() == want
    assert any(e["canonical"] == "China" for e in want)
