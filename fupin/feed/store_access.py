"""Opening the store for the feed: read-only, and a clear message when it cannot be opened."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
from fastapi import Request

SPEC_DIR = Path(__file__).resolve().parent.parent / "spec"


class StoreUnavailable(RuntimeError):
    """The store cannot be read now: missing (run first) or held by a writing run (retry)."""

    def __init__(self, message: str, *, retry_after: int = 5, retryable: bool = True) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.retryable = retryable


def store_file(home: str | os.PathLike[str]) -> Path:
    """The DuckDB file of a home directory (or the file itself)."""
    from fupin.corpus.store import database_path

    return database_path(home)


def connect_read_only(home: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store, or :class:`StoreUnavailable` saying why not.

    Opened directly rather than through ``Store.open``: a request opens the file
    each time (so that it never holds the store against a run), and the schema
    check here is one cheap query instead of a scan of the catalogue.
    """
    from fupin.corpus.schema import CURRENT_VERSION

    path = store_file(home)
    if not path.exists():
        raise StoreUnavailable(f"no store at {path}; run 'fupin run' first", retryable=False, retry_after=60)
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        message = str(exc)
        if "lock" in message.lower() or "different configuration" in message:
            raise StoreUnavailable(
                f"the store is being written by a run; retry shortly ({message})"
            ) from None
        raise StoreUnavailable(f"cannot open the store {path}: {message}", retryable=False) from None
    try:
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    except duckdb.Error:
        con.close()
        raise StoreUnavailable(f"{path} is not a fupin store", retryable=False) from None
    version = int(row[0] or 0) if row else 0
    if version != CURRENT_VERSION:
        con.close()
        raise StoreUnavailable(
            f"the store {path} has schema version {version} and this fupin reads {CURRENT_VERSION}; "
            "open it once for writing (any fupin command that writes, e.g. 'fupin run') to migrate it",
            retryable=False,
        )
    return con


@cache
def schema_names() -> tuple[str, ...]:
    """The record schemas shipped in fupin/spec (``fact``, ``reconciled`` ...)."""
    return tuple(sorted(p.name.removesuffix(".schema.json") for p in SPEC_DIR.glob("*.schema.json")))


def spec_enum(*path: str) -> tuple[str, ...]:
    """An enum of fact.schema.json (e.g. the metrics), so accepted values follow the spec."""
    node: Any = json.loads((SPEC_DIR / "fact.schema.json").read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return tuple(v for v in node["enum"] if v is not None)


@contextmanager
def waiting_connection(home: Path, wait: float = 3.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection, waiting up to ``wait`` seconds while a run writes."""
    deadline = time.monotonic() + wait
    while True:
        try:
            connection = connect_read_only(home)
            break
        except StoreUnavailable as exc:
            if not exc.retryable or time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
    try:
        yield connection
    finally:
        connection.close()


def request_connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A FastAPI dependency: a read-only connection for one request, closed after the response.

    Opened per request so that the server never holds the store against a writing run.
    """
    with waiting_connection(request.app.state.home, request.app.state.lock_wait) as connection:
        yield connection
