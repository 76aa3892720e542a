"""Extraction as a Dask job over Parquet partitions of articles.

When a corpus outgrows one machine, articles are written as Parquet partitions
and every partition is extracted on a Dask worker with the same ``Extractor`` a
single process uses, so the facts are the same whichever way they were made.
Results come back partition by partition (one partition in memory per worker).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

ARTICLE_COLUMNS = ("id", "url", "source", "title", "published", "language", "text")


def write_partitions(
    articles: Iterable[dict[str, Any]], directory: Path, rows_per_partition: int = 500
) -> list[Path]:
    """Write articles as numbered Parquet files of at most ``rows_per_partition`` rows."""
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if batch:
            table = pa.Table.from_pylist(
                [{c: (None if a.get(c) is None else str(a.get(c))) for c in ARTICLE_COLUMNS} for a in batch],
                schema=pa.schema([(c, pa.string()) for c in ARTICLE_COLUMNS]),
            )
            path = directory / f"part-{len(paths):05d}.parquet"
            pq.write_table(table, path)
            paths.append(path)
            batch.clear()

    for article in articles:
        batch.append(article)
        if len(batch) >= rows_per_partition:
            flush()
    flush()
    return paths


def extract_partition(path: str, officials: bool = True, ner: str | None = None) -> dict[str, Any]:
    """Facts, officials and problems of one Parquet partition (runs on a Dask worker)."""
    from fupin.extract.extractor import ArticleError, Extractor

    extractor = _worker_extractor(officials, ner, Extractor)
    out: dict[str, Any] = {"facts": [], "officials": [], "errors": []}
    for article in pq.read_table(path).to_pylist():
        try:
            result = extractor.extract(article)
        except ArticleError as exc:
            out["errors"].append(f"{path}: {exc}")
            continue
        out["facts"].extend(result.facts)
        out["officials"].extend(result.officials)
        out["errors"].extend(f"{path}: article {result.article_id}: {w}" for w in result.warnings)
    return out


_EXTRACTORS: dict[tuple[bool, str | None], Any] = {}


def _worker_extractor(officials: bool, ner: str | None, factory: Any) -> Any:
    """One Extractor per worker process and configuration (pipelines are costly to build)."""
    key = (officials, ner)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = factory(officials=officials, ner=ner)
    return _EXTRACTORS[key]


def connect(spec: str) -> Any:
    """A Dask client for ``local:N`` (a LocalCluster of N worker processes) or ``tcp://HOST:PORT``."""
    from dask.distributed import Client, LocalCluster

    if spec.startswith("local:"):
        try:
            workers = int(spec.split(":", 1)[1])
        except ValueError:
            raise ValueError(f"--dask {spec!r}: expected local:N with N a number of workers") from None
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster)
    if spec.startswith("tcp://"):
        return Client(spec)
    raise ValueError(f"--dask {spec!r}: expected local:N or tcp://HOST:PORT")


def extract_with_dask(
    partitions: list[Path], spec: str, *, officials: bool = True, ner: str | None = None
) -> Iterator[dict[str, Any]]:
    """Per-partition results, in partition order, computed on the cluster at ``spec``."""
    client = connect(spec)
    try:
        futures = client.map(extract_partition, [str(p) for p in partitions], officials=officials, ner=ner)
        for future in futures:
            yield future.result()
            future.release()
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()
