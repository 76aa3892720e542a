"""The store pipeline: the single writer of a crawl.

DuckDB allows one writing process, so the pipeline owns the store for the
whole crawl (the spider and middlewares reach it through ``crawler.fupin_store``).
Kept articles are queued with their raw responses. The queue is bounded: every
``FUPIN_STORE_BATCH`` articles or ``FUPIN_STORE_FLUSH_S`` seconds, and when the
spider closes, the batch's responses are archived in WARC and its articles added
to the store in one transaction (in a writer thread beside the reactor with
``FUPIN_STORE_THREAD``; measured not to pay on a busy two-core machine). A
commit per article cost more than the rest of the pipeline together (profiled in
benchmarks/bench_crawl.py). A crawl killed
hard loses at most the queued articles, which were never reported as stored: their
URLs are not in the store, so the next run fetches them again. Articles the store
would reject are dropped one by one when queued, so they never spoil a batch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import defer, threads
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from fupin.corpus.store import Store
from fupin.crawler.items import ArticleItem
from fupin.crawler.middlewares import summary_from_stats
from fupin.crawler.warc import WarcArchive

logger = logging.getLogger(__name__)


@dataclass
class _Queued:
    """One article waiting for the store: its record, raw response, WARC record and MinHash sketch."""

    record: dict[str, Any]
    raw: tuple[str, int, list[tuple[str, str]], bytes]
    sketch: tuple[bytes, tuple[int, ...]] | None
    warc: bytes | None = None  # the response's WARC record, when the analysis made it


def _warm_arrow() -> None:
    """Have pyarrow import pandas now, with the crawl's other imports, not inside its first batch.

    pyarrow imports pandas on its first ``pa.array`` (0.2 s alone, 0.6 s on a busy
    machine): py-spy of the full crawl found it inside the first batch's bulk insert,
    4% of the reactor thread's samples of a 2,000-page crawl.
    """
    pa.array([], type=pa.string())


class StorePipeline:
    """Archive raw responses in WARC and add articles to the corpus store."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        self.home = Path(crawler.settings.get("FUPIN_HOME"))
        self.max_articles = crawler.settings.getint("FUPIN_MAX_ARTICLES", 0)
        self.store: Store | None = None
        self.archive: WarcArchive | None = None
        self.run_id: int | None = None
        self.kept = 0
        self._closing = False
        self.batch_size = max(1, crawler.settings.getint("FUPIN_STORE_BATCH", 100))
        self.flush_every = crawler.settings.getfloat("FUPIN_STORE_FLUSH_S", 2.0)
        self.queue: list[_Queued] = []
        self._writer = defer.DeferredLock()  # one batch written at a time, in queue order
        self.in_thread = crawler.settings.getbool("FUPIN_STORE_THREAD", False)
        self._timer: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        _warm_arrow()
        self.store = Store.open(self.home)
        self.archive = WarcArchive(self.home)
        self.run_id = self.store.start_run("crawl")
        self.crawler.fupin_store = self.store
        self.crawler.fupin_known = self.store.known_urls() | self.store.fetched_urls()
        list_urls = getattr(self.crawler.spider, "list_urls", ())
        self.crawler.fupin_validators = self.store.list_validators(list_urls)
        # list pages are fetched again on every run (conditionally): never skip them
        self.crawler.fupin_known -= getattr(self.crawler.spider, "list_urls", set())
        self._start_timer()

    def _start_timer(self) -> None:
        if self.flush_every > 0:
            self._timer = LoopingCall(self._tick)
            self._timer.start(self.flush_every, now=False)

    def _tick(self) -> None:
        self.flush()

    async def close_spider(self, spider: Any = None) -> None:
        """Write what is queued, and wait for writes under way (``spider_closed`` runs after this)."""
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        await maybe_deferred_to_future(self.flush())

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        assert self.store is not None and self.archive is not None
        if self.max_articles and self.kept >= self.max_articles:
            raise DropItem("fupin: --max-articles reached")
        record = {k: v for k, v in item.items() if not k.startswith("raw_") and k != "minhash"}
        try:
            Store.check_article(record)
        except ValueError as exc:
            self.crawler.stats.inc_value("fupin/error/bad_article")
            raise DropItem(f"fupin: not stored: {exc}") from None
        raw = (item["url"], item["http_status"], item["raw_headers"], item["raw_body"])
        self.queue.append(_Queued(record, raw, item.get("minhash"), item.get("raw_record")))
        if len(self.queue) >= self.batch_size or (
            self.max_articles and self.kept + len(self.queue) >= self.max_articles
        ):
            self.flush()
        return item

    def flush(self) -> defer.Deferred[None]:
        """Write the queue; fires when it and every earlier batch are written.

        With ``FUPIN_STORE_THREAD`` batches are written one after another in a thread
        (DuckDB and zlib release the GIL). Otherwise, and always with ``--max-articles``
        (the count decides whether the next item is kept), the batch is written now.
        """
        if not self.queue or self.store is None:
            return self._writer.run(defer.succeed, None)
        batch, self.queue = self.queue, []
        if self.max_articles or not self.in_thread:
            self._count(self._write(batch), batch)
            return self._writer.run(defer.succeed, None)
        written = self._writer.run(threads.deferToThread, self._write, batch)
        written.addCallback(self._count, batch)
        written.addErrback(self._failed, batch)
        return written

    def _write(self, batch: list[_Queued]) -> list[tuple[str, bool]]:
        """Archive the batch's responses in WARC, then add its articles in one transaction."""
        assert self.store is not None and self.archive is not None
        for queued in batch:
            if queued.warc is not None:  # made beside the page's analysis (fupin.crawler.offload)
                pointer = self.archive.write_record(queued.warc)
            else:
                pointer = self.archive.write_response(*queued.raw)
            where = {"warc_file": pointer.file, "warc_offset": pointer.offset, "warc_length": pointer.length}
            queued.record.update(where)
        return self.store.add_articles([q.record for q in batch], sketches=[q.sketch for q in batch])

    def _count(self, results: list[tuple[str, bool]], batch: list[_Queued]) -> None:
        stats = self.crawler.stats
        for queued, (article_id, is_new) in zip(batch, results, strict=True):
            record = queued.record
            self.crawler.fupin_known.update({record["url"], record["canonical_url"]})
            if is_new:
                self.kept += 1
                stats.inc_value("fupin/articles_new")
            else:
                stats.inc_value("fupin/articles_duplicate")
                logger.info("duplicate of %s: %s (%s)", article_id, record["url"], record["source"])
        if self.max_articles and self.kept >= self.max_articles:
            self._stop("max_articles")

    def _failed(self, failure: Failure, batch: list[_Queued]) -> None:
        """A batch the store refused: nothing of it is stored, so the next run fetches it again."""
        self.crawler.stats.inc_value("fupin/error/store", len(batch))
        logger.error("fupin: %d articles not stored: %s", len(batch), failure.getErrorMessage())

    def _stop(self, reason: str) -> None:
        if self._closing:
            return
        self._closing = True
        engine = self.crawler.engine
        if hasattr(engine, "close_spider_async"):
            deferred_from_coro(engine.close_spider_async(reason=reason))
        else:  # Scrapy < 2.14
            engine.close_spider(self.crawler.spider, reason)

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Runs after the pipeline's close, when the finish reason is known."""
        if self.store is None:
            return
        summary = summary_from_stats(self.crawler.stats.get_stats(), reason)
        self.crawler.fupin_summary = summary
        if reason == "finished":
            # validators of list pages are kept only after a complete crawl: after an
            # interrupted one a 304 must not hide links that were never followed
            for url, (status, etag, last_modified) in getattr(spider, "list_validators", {}).items():
                self.store.record_fetch(url, status, etag, last_modified)
        if self.run_id is not None:
            status = "ok" if reason == "finished" else reason
            self.store.finish_run(self.run_id, summary.to_dict(), status=status)
        if self.archive is not None:
            self.archive.close()
        self.store.close()
        self.store = None
        self.crawler.fupin_store = None
