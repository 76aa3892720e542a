"""Export the store's tables for tools other than fupin: Parquet, CSV or JSON Lines.

- Parquet: the DataFrames of :mod:`fupin.corpus.frames`; ``facts`` and
  ``reconciled`` are Hive-partitioned by metric (``facts/metric=workshops/...``),
  which DuckDB (``read_parquet('facts/**/*.parquet', hive_partitioning=true)``),
  pandas / pyarrow (``pd.read_parquet('facts')``) and Spark read as they are.
- CSV: the same tables, one file each, dates in ISO 8601.
- JSON Lines: the records in their spec forms (fact.schema.json, official.schema.json,
  reconciled.schema.json; articles as article.schema.json plus crawl metadata), so
  ``fupin extract --in`` and ``fupin reconcile --in`` accept the files.

Nested values (reconciled members, flags, reliabilities) are JSON strings in Parquet
and CSV. Each table is written next to its destination and then moved into place,
so an interrupted export never leaves a half-written table behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from fupin.corpus.frames import Corpus
from fupin.corpus.store import Store

FORMATS = ("parquet", "csv", "jsonl")
TABLES = ("articles", "facts", "officials", "reconciled")
PARTITIONED = {"facts": "metric", "reconciled": "metric"}
JSON_COLUMNS = ("members", "flags", "source_reliability")


def export(
    path: str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str],
    fmt: str = "parquet",
    tables: Sequence[str] = TABLES,
) -> dict[str, int]:
    """Write the tables of the store at ``path`` into ``out_dir``; returns rows written per table."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; formats are: {', '.join(FORMATS)}")
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise ValueError(f"unknown table {', '.join(unknown)}; tables are: {', '.join(TABLES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    with Store.open(path, read_only=True) as store:
        corpus = Corpus(store)
        for table in tables:
            if fmt == "jsonl":
                counts[table] = _write_jsonl(out / f"{table}.jsonl", _records(store, table))
            else:
                df = _flat(getattr(corpus, table)())
                if fmt == "csv":
                    counts[table] = _write_csv(out / f"{table}.csv", df)
                else:
                    counts[table] = _write_parquet(out, table, df)
    return counts


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Nested Python values to JSON text, so every column has one flat type."""
    for column in JSON_COLUMNS:
        if column in df:
            df[column] = df[column].map(lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return df


def _write_parquet(out: Path, table: str, df: pd.DataFrame) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(df, preserve_index=False)
    partition = PARTITIONED.get(table)
    if partition is None:
        target = out / f"{table}.parquet"
        with _staged(target) as tmp:
            pq.write_table(arrow, tmp)
        return len(df)
    # Categorical partition keys would be written as dictionary columns; plain strings read back everywhere.
    arrow = arrow.set_column(
        arrow.schema.get_field_index(partition), partition, arrow.column(partition).cast(pa.string())
    )
    target = out / table
    with _staged(target, directory=True) as tmp:
        if len(df):
            pq.write_to_dataset(arrow, tmp, partition_cols=[partition])
        else:  # keep the schema discoverable even with no rows
            pq.write_table(arrow.drop_columns([partition]), os.path.join(tmp, "empty.parquet"))
    return len(df)


def _write_csv(target: Path, df: pd.DataFrame) -> int:
    with _staged(target) as tmp:
        df.to_csv(tmp, index=False, date_format="%Y-%m-%dT%H:%M:%S")
    return len(df)


def _write_jsonl(target: Path, records: Iterable[dict[str, Any]]) -> int:
    count = 0
    with _staged(target) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
            count += 1
    return count


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _records(store: Store, table: str) -> Iterable[dict[str, Any]]:
    if table == "facts":
        return store.fact_records()
    if table == "officials":
        return store.official_records()
    if table == "reconciled":
        return store.reconciled_records()
    return _article_records(store)


def _article_records(store: Store) -> Iterable[dict[str, Any]]:
    """Articles as article.schema.json objects plus their crawl metadata and every URL that carried them."""
    con = store.connection
    urls: dict[str, list[dict[str, Any]]] = {}
    for url, article_id, source in con.execute(
        "SELECT url, article_id, source FROM article_urls ORDER BY first_seen, url"
    ).fetchall():
        urls.setdefault(article_id, []).append({"url": url, "source": source})
    cur = con.execute(
        "SELECT article_id AS id, url, source, title, published, published_source, language, text, "
        "canonical_url, fetched_at, content_hash, encoding, warc_file, warc_offset, warc_length, "
        "duplicate_of "
        "FROM articles "
        "ORDER BY fetched_at, article_id"
    )
    names = [d[0] for d in cur.description]
    for row in cur.fetchall():
        record = dict(zip(names, row, strict=True))
        record["urls"] = urls.get(record["id"], [])
        yield record


class _staged:
    """Write to a temporary sibling, then move it over the target (replacing an older export)."""

    def __init__(self, target: Path, directory: bool = False) -> None:
        self.target = target
        self.directory = directory

    def __enter__(self) -> str:
        parent = self.target.parent
        if self.directory:
            self.tmp = tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=parent)
        else:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", dir=parent)
            os.close(fd)
        return self.tmp

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is not None:
            _remove(Path(self.tmp))
            return
        if self.directory:
            old = None
            if self.target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old.", dir=self.target.parent))
                os.replace(self.target, old / "x")
            os.replace(self.tmp, self.target)
            if old is not None:
                shutil.rmtree(old)
        else:
            os.replace(self.tmp, self.target)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
