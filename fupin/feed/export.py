"""The feed as static files, for hosting without a server (``fupin feed export DIR``).

The files hold exactly what the HTTP API serves, in the same order (the export
walks the API's own queries page by page):

- ``facts.jsonl``, ``reconciled.jsonl``, ``officials.jsonl``: one record per line,
  as ``/facts``, ``/reconciled`` and ``/officials`` list them;
- ``feed.json``: JSON Feed 1.1 of the reconciled groups in change order, with
  the removal items of groups that reconciliation removed, as ``/feed.json``
  serves them (``reconciled.jsonl`` is the current set, without removals);
- ``schema/*.schema.json``: the record schemas (and the JSON Feed schema);
- ``index.json``: counts, when it was written, and the ``next_since`` token of each
  listing (a consumer of the files can switch to the API with it).

Every file is written to a temporary name and renamed into place, so a web
server never serves half a file.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from fupin import __version__
from fupin.feed import jsonfeed, queries
from fupin.feed.store_access import SPEC_DIR, connect_read_only, schema_names


def _walk(
    page: Callable[..., Any], con: duckdb.DuckDBPyConnection, **kw: Any
) -> tuple[list[Any], str | None]:
    """Every item of a listing in the API's order; returns (items, next_since)."""
    items: list[Any] = []
    cursor = None
    while True:
        result = page(con, queries.Filters(), cursor=cursor, limit=queries.MAX_LIMIT, **kw)
        if isinstance(result, queries.Page):
            items.extend(result.items)
            cursor, since = result.next_cursor, result.next_since
        else:
            rows, cursor, since = result
            items.extend(rows)
        if not cursor:
            return items, since


def _write_atomic(path: Path, chunks: Iterator[str] | list[str]) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        for chunk in chunks:
            fh.write(chunk)
    os.replace(tmp, path)


def _jsonl(records: list[dict[str, Any]]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def export_feed(
    home: str | os.PathLike[str], out_dir: str | os.PathLike[str], *, base_url: str | None = None
) -> dict[str, Any]:
    """Write the static feed of the store under ``home`` into ``out_dir``; returns index.json's content."""
    from fupin.feed.app import feed_item

    out = Path(out_dir)
    (out / "schema").mkdir(parents=True, exist_ok=True)
    con = connect_read_only(home)
    try:
        facts, facts_since = _walk(queries.facts_page, con)
        officials, officials_since = _walk(queries.officials_page, con)
        rows, reconciled_since = _walk(queries.reconciled_rows, con, removals=False)
        changes, _ = _walk(queries.reconciled_rows, con, removals=True)
    finally:
        con.close()
    reconciled = [queries.reconciled_record(row) for row in rows]
    removed = sum(1 for row in changes if row.get("removed"))
    _write_atomic(out / "facts.jsonl", _jsonl(facts))
    _write_atomic(out / "officials.jsonl", _jsonl(officials))
    _write_atomic(out / "reconciled.jsonl", _jsonl(reconciled))
    feed = jsonfeed.build_feed(
        [feed_item(row, base_url) for row in changes], base_url=base_url, next_since=reconciled_since
    )
    _write_atomic(out / "feed.json", [json.dumps(feed, ensure_ascii=False, indent=1)])
    for name in schema_names():
        shutil.copyfile(SPEC_DIR / f"{name}.schema.json", out / "schema" / f"{name}.schema.json")
    _write_atomic(out / "schema" / "jsonfeed.schema.json", [json.dumps(jsonfeed.SCHEMA, indent=1)])
    index = {
        "generator": f"fupin {__version__}",
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": {
            "facts": len(facts),
            "officials": len(officials),
            "reconciled": len(reconciled),
            "removed": removed,
        },
        "files": ["facts.jsonl", "officials.jsonl", "reconciled.jsonl", "feed.json", "schema/"],
        "next_since": {"facts": facts_since, "officials": officials_since, "reconciled": reconciled_since},
    }
    _write_atomic(out / "index.json", [json.dumps(index, ensure_ascii=False, indent=1)])
    return index
