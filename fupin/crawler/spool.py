"""Spool files: how many crawler processes feed one DuckDB store through one writer.

DuckDB allows one writing process per file, so crawler processes that share a
Redis scheduler (fupin.crawler.distributed) do not open the store for writing.
Each process appends what the store pipeline would have written (articles with
their WARC pointers, fetches of pages that kept no article, the run's summary)
to its own JSON Lines file under ``<home>/spool/``, flushed line by line, and
renames it from ``.jsonl.part`` to ``.jsonl`` when it closes. ``merge_spools``
then loads the finished files into the store, one transaction per file, through
``Store.add_article`` so the store's dedup (canonical URL, content hash, MinHash)
decides what is new, and deletes each file once committed. Merging a file twice
(a crash between commit and delete) adds nothing: every article is already there.

Each crawler process merges when it ends (waiting for the writer lock while
another process merges); ``fupin crawl --merge`` merges whatever is left, e.g.
the spool of a process that was killed (a ``.part`` file whose process, on this
host, is gone).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fupin.corpus.store import Store, StoreError, StoreLockedError, article_id_for, database_path

logger = logging.getLogger(__name__)

SPOOL_DIR = "spool"
DONE, PARTIAL = ".jsonl", ".jsonl.part"


def spool_dir(home: str | Path) -> Path:
    return Path(home) / SPOOL_DIR


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"cannot write {type(value).__name__} to a spool file")


class SpoolStore:
    """The part of ``Store`` a crawl uses, writing to a spool file instead of DuckDB.

    ``known`` and ``validators`` are a snapshot of the store taken when the crawl
    starts (read-only, so it never blocks another process's merge for long).
    """

    def __init__(
        self,
        home: str | Path,
        known: set[str] | None = None,
        validators: dict[str, tuple[str | None, str | None]] | None = None,
    ) -> None:
        self.home = Path(home)
        self.dir = spool_dir(home)
        self.dir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        host = "".join(c if c.isalnum() or c in "-." else "_" for c in socket.gethostname())
        self.name = f"{host}--{os.getpid()}--{stamp}"
        self.path = self.dir / (self.name + PARTIAL)
        self._fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - open for the whole crawl
        self._known = known or set()
        self._validators = validators or {}
        self.articles = 0

    @classmethod
    def snapshot(cls, home: str | Path, wait: float = 60.0) -> SpoolStore:
        """A spool with the store's known URLs and list-page validators, read without writing."""
        known: set[str] = set()
        validators: dict[str, tuple[str | None, str | None]] = {}
        if database_path(home).exists():
            try:
                with Store.open(home, read_only=True, wait=wait) as store:
                    known = store.known_urls() | store.fetched_urls()
                    rows = store.connection.execute(
                        "SELECT url, etag, last_modified FROM fetches "
                        "WHERE etag IS NOT NULL OR last_modified IS NOT NULL"
                    ).fetchall()
                    validators = {url: (etag, modified) for url, etag, modified in rows}
            except StoreError as exc:  # locked for longer than ``wait``, or not migrated yet
                logger.warning("crawling without the store's known URLs (%s); the merge dedups", exc)
        return cls(home, known, validators)

    def _write(self, record: Mapping[str, Any]) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
        self._fh.flush()

    # -- the Store methods the crawler calls ---------------------------------------------------

    def known_urls(self) -> set[str]:
        return set(self._known)

    def fetched_urls(self) -> set[str]:
        return set()

    def http_validators(self, url: str) -> tuple[str | None, str | None] | None:
        return self._validators.get(url)

    def add_article(self, article: Mapping[str, Any]) -> tuple[str, bool]:
        """Spool the article; 'new' for this process (the merge decides for the store)."""
        self._write({"kind": "article", "article": dict(article)})
        self.articles += 1
        url = article.get("canonical_url") or article.get("url")
        return article_id_for(str(url)), True

    def add_articles(
        self, articles: list[Mapping[str, Any]], sketches: list[Any] | None = None
    ) -> list[tuple[str, bool]]:
        """Spool a batch of articles (the store pipeline's queue); the merge computes the sketches again."""
        return [self.add_article(article) for article in articles]

    def record_fetch(
        self, url: str, status: int | None, etag: str | None = None, last_modified: str | None = None
    ) -> None:
        self._write(
            {"kind": "fetch", "url": url, "status": status, "etag": etag, "last_modified": last_modified}
        )

    def start_run(self, kind: str) -> int:
        self._started = datetime.now().astimezone().isoformat()
        return 0

    def finish_run(
        self, run_id: int, counts: Mapping[str, Any] | None = None, errors: Any = None, status: str = "ok"
    ) -> None:
        self._write({"kind": "run", "status": status, "counts": dict(counts or {}), "started": self._started})

    def close(self) -> None:
        """Finish the spool file: from now on any merge may load it."""
        if self._fh.closed:
            return
        self._fh.close()
        self.path = self.path.rename(self.dir / (self.name + DONE))


@dataclass
class MergeSummary:
    """What ``merge_spools`` loaded."""

    files: int = 0
    articles_new: int = 0
    duplicates: int = 0
    fetches: int = 0
    bad_lines: int = 0
    left: list[str] = field(default_factory=list)  # spools not merged (still being written)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format(self) -> str:
        text = (
            f"merged {self.files} spool file(s): {self.articles_new} new articles, "
            f"{self.duplicates} duplicates, {self.fetches} fetches"
        )
        if self.bad_lines:
            text += f", {self.bad_lines} unreadable lines skipped"
        if self.left:
            text += f"; {len(self.left)} still being written"
        return text


def _owner_gone(path: Path) -> bool:
    """A ``.part`` spool whose writer process (on this host) no longer runs."""
    host, _, rest = path.name.partition("--")
    pid = rest.partition("--")[0]
    this_host = "".join(c if c.isalnum() or c in "-." else "_" for c in socket.gethostname())
    if host != this_host or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def pending_spools(home: str | Path) -> tuple[list[Path], list[Path]]:
    """(spools ready to merge, spools still being written) under ``home``."""
    directory = spool_dir(home)
    if not directory.is_dir():
        return [], []
    ready = sorted(directory.glob("*" + DONE))
    partial = sorted(directory.glob("*" + PARTIAL))
    ready += [p for p in partial if _owner_gone(p)]
    return sorted(ready), [p for p in partial if p not in ready]


def _records(path: Path, summary: MergeSummary) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:  # the torn last line of a killed process
                summary.bad_lines += 1
                logger.warning("%s:%d: unreadable spool line skipped", path, number)
                continue
            if isinstance(record, dict):
                yield record


def merge_spools(home: str | Path, wait: float = 60.0, store: Store | None = None) -> MergeSummary:
    """Load every finished spool under ``home`` into the store, the one writer; returns the counts.

    Opens the store for writing (waiting up to ``wait`` seconds for another writer),
    unless ``store`` is given. Raises StoreLockedError when the store stays locked.
    """
    ready, partial = pending_spools(home)
    summary = MergeSummary(left=[p.name for p in partial])
    if not ready:
        return summary
    if store is None:
        with Store.open(home, wait=wait) as opened:
            return _merge_into(opened, ready, summary)
    return _merge_into(store, ready, summary)


def _merge_into(store: Store, paths: list[Path], summary: MergeSummary) -> MergeSummary:
    for path in paths:
        if not path.exists():  # merged meanwhile by another process (before we got the lock)
            continue
        with store.transaction():
            run_id = store.start_run("crawl")
            run: dict[str, Any] = {"status": "interrupted", "counts": {}}
            new = dup = 0
            for record in _records(path, summary):
                kind = record.get("kind")
                if kind == "article":
                    try:
                        _, is_new = store.add_article(record["article"])
                    except ValueError as exc:  # rejected before anything was written
                        summary.bad_lines += 1
                        logger.warning("%s: article skipped: %s", path, exc)
                        continue
                    new, dup = new + is_new, dup + (not is_new)
                elif kind == "fetch":
                    store.record_fetch(
                        record["url"], record.get("status"), record.get("etag"), record.get("last_modified")
                    )
                    summary.fetches += 1
                elif kind == "run":
                    run = record
            counts = {**run.get("counts", {}), "articles_kept": new, "duplicates": dup, "spool": path.name}
            store.finish_run(run_id, counts, status="ok" if run.get("status") == "ok" else run["status"])
        path.unlink(missing_ok=True)
        summary.files += 1
        summary.articles_new += new
        summary.duplicates += dup
    return summary


def try_merge(home: str | Path, wait: float) -> MergeSummary | None:
    """``merge_spools`` that logs instead of raising when the store stays locked."""
    try:
        summary = merge_spools(home, wait=wait)
    except StoreLockedError as exc:
        logger.warning("spools left for `fupin crawl --merge`: %s", exc)
        return None
    logger.info("%s", summary.format())
    return summary
