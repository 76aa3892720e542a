"""``fupin export``: the store's tables as Parquet, CSV or JSON Lines files."""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Write the store's tables (articles, facts, officials, reconciled) into DIR, for
DuckDB, pandas, Spark, R or a spreadsheet.

  parquet  articles.parquet, officials.parquet, and facts/ and reconciled/
           partitioned by metric (facts/metric=workshops/...parquet). Dates are
           timestamps; as_of is the first day of its period, with as_of_precision.
  csv      one file per table, the same columns, ISO 8601 dates.
  jsonl    one JSON object per line in the project's spec forms (fact.schema.json,
           official.schema.json, reconciled.schema.json; articles as
           article.schema.json plus crawl metadata), ready for 'fupin extract --in'
           and 'fupin reconcile --in'.

The store is opened read-only: run the export when no crawl is writing to it.
An existing export of the same table in DIR is replaced; other files are left alone.
"""

EPILOG = """\
examples:
  fupin export --format parquet exports/
  fupin export --format csv --tables facts,reconciled exports/csv
  FUPIN_HOME=/data/fupin fupin export --format jsonl exports/jsonl

reading the Parquet export:
  duckdb -c "SELECT metric, count(*) FROM read_parquet('exports/facts/**/*.parquet',
             hive_partitioning=true) GROUP BY metric"
  python -c "import pandas as pd; print(pd.read_parquet('exports/facts').groupby('province').size())"
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the store's tables as Parquet, CSV or JSON Lines",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("directory", metavar="DIR", help="where to write the files (created if missing)")
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=("parquet", "csv", "jsonl"),
        default="parquet",
        help="default: parquet",
    )
    parser.add_argument(
        "--home",
        metavar="PATH",
        help="the store: a data directory or a .duckdb file (default: $FUPIN_HOME or ./fupin-data)",
    )
    parser.add_argument(
        "--tables",
        default="articles,facts,officials,reconciled",
        metavar="LIST",
        help="comma-separated tables to write (default: all four)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from fupin.corpus.export import export
    from fupin.corpus.schema import SchemaError
    from fupin.corpus.store import StoreError

    tables = [t.strip() for t in args.tables.split(",") if t.strip()]
    try:
        counts = export(args.home, args.directory, args.fmt, tables)
    except (StoreError, SchemaError, ValueError) as exc:
        print(f"fupin export: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"fupin export: cannot write to {args.directory}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{table} {n}" for table, n in counts.items())
    print(f"exported {summary} rows as {args.fmt} to {args.directory}")
    return 0
