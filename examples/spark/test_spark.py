"""The Spark job on local[2] over the bench corpus (1,001 speeches): its mentions equal
those of `dossier extract --jsonl` on the same texts.

Needs pyspark, pyarrow and pandas, Java 17, the installed `dossier` package and the
`dossier` binary (DOSSIER_BIN, or the release build of this repository). The corpus is
in the shared evaluation data (DOSSIER_SHARED, default ../shared beside the repository);
without it the test skips, or fails when DOSSIER_REQUIRE_SHARED=1. DOSSIER_SPARK_CORPUS
runs it on another folder of .txt files.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

import extract_job  # noqa: E402


def corpus() -> Path:
    if os.environ.get("DOSSIER_SPARK_CORPUS"):
        return Path(os.environ["DOSSIER_SPARK_CORPUS"])
    shared = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared"))
    path = shared / "bench" / "corpus"
    if not path.is_dir():
        msg = f"{path} not found (set DOSSIER_SHARED to the shared evaluation data)"
        if os.environ.get("DOSSIER_REQUIRE_SHARED") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def cli_binary() -> Path:
    if os.environ.get("DOSSIER_BIN"):
        return Path(os.environ["DOSSIER_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    binary = target / "release" / "dossier"
    if not binary.exists():
        pytest.fail(f"no dossier binary at {binary}: run `cargo build --release` or set DOSSIER_BIN")
    return binary


MENTION_KEYS = ("start", "end", "text", "label", "canonical", "rule")


def test_spark_mentions_equal_the_cli(tmp_path):
    folder = corpus()
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    assert files
    lines = "".join(
        json.dumps({"id": p.stem, "text": p.read_bytes().decode("utf-8")}) + "\n" for p in files
    )
    started = time.time()
    out = subprocess.run(
        [str(cli_binary()), "extract", "--jsonl"],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cli_seconds = time.time() - started
    want = sorted(
        (r["id"], *(e.get(k) for k in MENTION_KEYS))
        for r in map(json.loads, out.splitlines())
        for e in r["entities"]
    )

    from pyspark.sql import SparkSession

    # The workers run this Python, which has the dossier package and pyarrow.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("dossier-extract-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        docs, megabytes, seconds, extracting = extract_job.run(
            spark, str(folder), str(tmp_path / "out")
        )
        mentions = spark.read.parquet(str(tmp_path / "out" / "mentions"))
        got = sorted(tuple(row) for row in mentions.select("id", *MENTION_KEYS).collect())
        records = spark.read.parquet(str(tmp_path / "out" / "records")).count()
        dates = spark.read.parquet(str(tmp_path / "out" / "dates")).count()
    finally:
        spark.stop()
    print(
        f"\nspark local[2]: {docs} documents, {megabytes:.1f} MB: read and extracted in "
        f"{extracting:.1f} s ({megabytes / extracting:.2f} MB/s), with the three tables "
        f"written {seconds:.1f} s; dossier extract --jsonl: {cli_seconds:.1f} s "
        f"({megabytes / cli_seconds:.2f} MB/s)"
    )
    assert docs == records == len(files)
    assert dates > 0
    assert len(got) == len(want)
    assert got == want
