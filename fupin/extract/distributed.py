"""Extraction as a Dask job over Parquet partitions of articles.

When a corpus outgrows one machine, articles are written as Parquet partitions
and every partition is extracted on a Dask worker with the same ``Extractor`` a
single process uses, so the facts are the same whichever way they were made.
Results come back partition by partition, in order, with a bounded number of
partitions in flight (two per worker thread), so neither the client nor the
workers hold more than a few partitions' results however large the corpus is.
Local clusters read the partitions from this machine's disk; for a remote
cluster (``tcp://``) the partition bytes travel with the task, since the workers
cannot see this machine's temporary directory.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

ARTICLE_COLUMNS = ("id", "url", "source", "title", "published", "language", "text")


def write_partitions(
    articles: Iterable[dict[str, Any]], directory: Path, rows_per_partition: int = 500
) -> list[Path]:
    """Write articles as numbered Parquet files of at most ``rows_per_partition`` rows.

    The articles should be valid (``fupin.extract.extractor.check_article``): every
    column is written as a string, so a wrong type would be turned into one here.
    """
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


def extract_partition(
    path: str | bytes, officials: bool = True, ner: str | None = None, name: str | None = None
) -> dict[str, Any]:
    """Facts, officials and problems of one Parquet partition (runs on a Dask worker).

    ``path`` is a file the worker can read, or the partition's bytes; ``name`` labels errors.
    """
    from fupin.extract.extractor import ArticleError, Extractor, _extract_one

    extractor = _worker_extractor(officials, ner, Extractor)
    out: dict[str, Any] = {"facts": [], "officials": [], "errors": []}
    source = pa.BufferReader(path) if isinstance(path, bytes) else path
    path = name or (path if isinstance(path, str) else "partition")
    for article in pq.read_table(source).to_pylist():
        result = _extract_one(extractor, article)  # an error of one article is reported, not raised
        if isinstance(result, ArticleError):
            out["errors"].append(f"{path}: {result}")
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


def check_spec(spec: str) -> None:
    """Raise ValueError unless ``spec`` is ``local:N`` (N >= 1) or ``tcp://HOST:PORT``."""
    if re.fullmatch(r"local:[1-9]\d*", spec) or re.fullmatch(r"tcp://[^/:\s]+:\d+", spec):
        return
    raise ValueError(f"--dask {spec!r}: expected local:N or tcp://HOST:PORT")


def connect(spec: str) -> Any:
    """A Dask client for ``local:N`` (a LocalCluster of N worker processes) or ``tcp://HOST:PORT``."""
    from dask.distributed import Client, LocalCluster

    check_spec(spec)
    if spec.startswith("local:"):
        workers = int(spec.split(":", 1)[1])
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
    ship = not spec.startswith("local:")  # remote workers cannot read this machine's files
    window = max(2, 2 * sum(client.nthreads().values()))
    pending: deque[Any] = deque()

    def submit(path: Path) -> Any:
        data: str | bytes = path.read_bytes() if ship else str(path)
        return client.submit(
            extract_partition, data, officials=officials, ner=ner, name=path.name, pure=False
        )

    def take() -> dict[str, Any]:
        future = pending.popleft()
        result = future.result()
        future.release()
        return result

    try:
        for path in partitions:
            pending.append(submit(path))
            if len(pending) >= window:
                yield take()
        while pending:
            yield take()
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()
