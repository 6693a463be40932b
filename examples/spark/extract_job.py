"""Entities and dates of a folder of documents, extracted on Spark, written as Parquet.

    spark-submit examples/spark/extract_job.py INPUT OUTPUT [--master local[2]]

INPUT is a folder of text files (.txt, .md: one document per file, its id the file name
without extension) or of JSON Lines files (.jsonl, .ndjson: one document per line, with
"id", "text" and optionally "dct", as `dossier extract --jsonl` reads them). Each Spark
task runs the extractor over its partition with `mapInArrow`; every Python worker process
builds one `dossier.Extractor` and reuses it for all its batches. OUTPUT gets three
Parquet tables:

- records/:  id, source, bytes, dct, dct_source, entities (count), dates (count)
- mentions/: id, start, end, text, label, canonical, rule, sentence, country
- dates/:    id, start, end, text, type, value, rule, sentence, range_start, range_end

Offsets are code points into the document text, as in every dossier record. The job
prints one JSON line with documents, megabytes and seconds at the end.
"""

import argparse
import json
import os
import posixpath
import sys
import time

MENTION_FIELDS = [
    ("start", "int"),
    ("end", "int"),
    ("text", "string"),
    ("label", "string"),
    ("canonical", "string"),
    ("rule", "string"),
    ("sentence", "int"),
    ("country", "string"),
]
DATE_FIELDS = [
    ("start", "int"),
    ("end", "int"),
    ("text", "string"),
    ("type", "string"),
    ("value", "string"),
    ("rule", "string"),
    ("sentence", "int"),
    ("range_start", "string"),
    ("range_end", "string"),
]


def _struct(fields):
    return "struct<" + ",".join(f"`{name}`:{kind}" for name, kind in fields) + ">"


# The table mapInArrow produces: one row per document, mentions nested.
SCHEMA = (
    "id string, source string, bytes long, dct string, dct_source string, "
    f"entities array<{_struct(MENTION_FIELDS)}>, dates array<{_struct(DATE_FIELDS)}>"
)

_EXTRACTOR = None


def extractor():
    """The worker process's one Extractor, built on first use."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        import dossier

        _EXTRACTOR = dossier.Extractor()
    return _EXTRACTOR


def _arrow_schema():
    import pyarrow as pa

    kinds = {"int": pa.int32(), "string": pa.string()}

    def struct(fields):
        return pa.struct([(name, kinds[kind]) for name, kind in fields])

    return pa.schema(
        [
            ("id", pa.string()),
            ("source", pa.string()),
            ("bytes", pa.int64()),
            ("dct", pa.string()),
            ("dct_source", pa.string()),
            ("entities", pa.list_(struct(MENTION_FIELDS))),
            ("dates", pa.list_(struct(DATE_FIELDS))),
        ]
    )


def to_row(source, text, record):
    """A dossier record as a row of SCHEMA."""
    return {
        "id": str(record["id"]),
        "source": source,
        "bytes": len(text.encode("utf-8")),
        "dct": record["dct"]["value"],
        "dct_source": record["dct"]["source"],
        "entities": [
            {name: e.get(name) for name, _ in MENTION_FIELDS} for e in record["entities"]
        ],
        "dates": [
            dict(
                {name: d.get(name) for name, _ in DATE_FIELDS[:7]},
                range_start=(d.get("range") or [None, None])[0],
                range_end=(d.get("range") or [None, None])[1],
            )
            for d in record["dates"]
        ],
    }


def extract_batches(batches):
    """mapInArrow: Arrow batches of (id, source, text, dct) to batches of SCHEMA."""
    import pyarrow as pa

    schema = _arrow_schema()
    ex = extractor()
    for batch in batches:
        columns = batch.to_pydict()
        items = [
            {"id": i, "text": t, "dct": d} if d else {"id": i, "text": t}
            for i, t, d in zip(columns["id"], columns["text"], columns["dct"])
        ]
        records = ex.extract_many(items, threads=1)
        rows = [to_row(s, t, r) for s, t, r in zip(columns["source"], columns["text"], records)]
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


JSONL_SUFFIXES = (".jsonl", ".ndjson")


def input_format(path, given="auto"):
    """`text` or `jsonl`: as given, or for a local folder, jsonl when it holds any .jsonl or
    .ndjson file (a path on a cluster file system needs --format jsonl)."""
    if given != "auto":
        return given
    if os.path.isfile(path):
        return "jsonl" if path.endswith(JSONL_SUFFIXES) else "text"
    if os.path.isdir(path):
        for _, _, names in os.walk(path):
            if any(n.endswith(JSONL_SUFFIXES) for n in names):
                return "jsonl"
    return "text"


def read_documents(spark, path, partitions, fmt="auto"):
    """A DataFrame of (id, source, text, dct) from a folder of text or JSON Lines files."""
    from pyspark.sql import functions as F

    if input_format(path, fmt) == "jsonl":
        df = spark.read.option("recursiveFileLookup", "true").json(path)
        dct = F.col("dct").cast("string") if "dct" in df.columns else F.lit(None).cast("string")
        df = df.select(
            F.col("id").cast("string").alias("id"),
            F.input_file_name().alias("source"),
            F.col("text"),
            dct.alias("dct"),
        )
        return df.repartition(partitions)
    # Whole files as rows, read by the JVM (no Python round trip before extraction).
    files = (
        spark.read.option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.{txt,md}")
        .text(path, wholetext=True)
    )
    return files.select(
        F.regexp_replace(F.col("_metadata.file_name"), r"\.[^.]*$", "").alias("id"),
        F.col("_metadata.file_path").alias("source"),
        F.col("value").alias("text"),
        F.lit(None).cast("string").alias("dct"),
    ).repartition(partitions)


def run(spark, input_path, output, partitions=None, fmt="auto"):
    """Runs the job; returns (documents, megabytes of text, seconds in all, seconds
    reading and extracting)."""
    from pyspark.sql import functions as F

    started = time.time()
    # Workers unpickle extract_batches by module name when this file was imported (as
    # the test does); ship it to them.
    if __name__ != "__main__":
        spark.sparkContext.addPyFile(__file__)
    partitions = partitions or 2 * spark.sparkContext.defaultParallelism
    docs = read_documents(spark, input_path, partitions, fmt)
    extracted = docs.mapInArrow(extract_batches, SCHEMA).cache()
    # Extract once: the three tables are written from the cached result.
    n = extracted.count()
    extract_seconds = time.time() - started
    extracted.select(
        "id",
        "source",
        "bytes",
        "dct",
        "dct_source",
        F.size("entities").alias("entities"),
        F.size("dates").alias("dates"),
    ).write.mode("overwrite").parquet(f"{output}/records")
    extracted.select("id", F.explode("entities").alias("m")).select("id", "m.*").write.mode(
        "overwrite"
    ).parquet(f"{output}/mentions")
    extracted.select("id", F.explode("dates").alias("d")).select("id", "d.*").write.mode(
        "overwrite"
    ).parquet(f"{output}/dates")
    size = extracted.select(F.sum("bytes")).first()[0] or 0
    extracted.unpersist()
    return n, size / 1e6, time.time() - started, extract_seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="folder of .txt/.md files or of .jsonl files")
    parser.add_argument("output", help="folder for the Parquet tables")
    parser.add_argument("--master", help="Spark master (default: spark-submit's)")
    parser.add_argument("--partitions", type=int, help="default: twice the cores")
    parser.add_argument("--format", choices=["auto", "text", "jsonl"], default="auto")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run N times in one Spark context (timing)"
    )
    args = parser.parse_args(argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("dossier-extract")
    if args.master and args.master.startswith("local"):
        # Local workers run this Python, which has the dossier package.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        for _ in range(max(args.repeat, 1)):
            docs, mb, seconds, extracting = run(
                spark, args.input, args.output, args.partitions, args.format
            )
            summary = {
                "documents": docs,
                "megabytes": round(mb, 2),
                "seconds": round(seconds, 1),
                "extract_seconds": round(extracting, 1),
            }
            print(json.dumps(summary), flush=True)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
