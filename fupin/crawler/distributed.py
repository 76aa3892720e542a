"""One crawl, many processes: a Redis-backed scheduler and dupefilter (scrapy-redis).

With ``FUPIN_REDIS_URL`` (or ``fupin crawl --redis URL``) every ``fupin crawl``
process, on this machine or another, takes its requests from one Redis sorted
set and checks every new request against one Redis set of request fingerprints,
so each URL is fetched once by whichever process pops it first. The queue and
the fingerprints persist in Redis (``SCHEDULER_PERSIST``): stop every process
and start them again and the crawl goes on where it was.

What scrapy-redis does not decide, ``SharedScheduler`` adds:

- **When to stop.** A process whose queue is empty may be waiting for links that
  another process is still parsing. Each process writes a heartbeat and its last
  busy moment into Redis; a process closes only after the shared queue has been
  empty, it has been idle, and no other process has been busy, for
  ``FUPIN_REDIS_IDLE_TIMEOUT`` seconds.
- **When a crawl is over.** The last process to finish (queue empty, no other
  live process) deletes the fingerprints, so the next scheduled crawl starts
  from the start URLs again (the store then skips what it already has, as in a
  single-process crawl). A process that starts while no other is alive and the
  queue is empty also discards stale fingerprints; with requests queued it resumes.
- **Which requests are shared.** The news spider marks its requests
  ``dont_filter`` (its own dedup is per process); here every spider request goes
  through the shared dupefilter except retries, which must be fetched again.

The store is written through one writer: see fupin.crawler.spool (``SpoolPipeline``).
Requests a process had popped but not finished when it was killed hard are lost
to this crawl (scrapy-redis pops, it does not lease); the next crawl finds them
again because the store does not have them.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from fupin.crawler.middlewares import KIND
from fupin.crawler.pipelines import StorePipeline
from fupin.crawler.spool import SpoolStore, try_merge
from fupin.crawler.warc import WarcArchive

logger = logging.getLogger(__name__)

#: Seconds without a heartbeat after which a crawler process counts as dead.
STALE_AFTER = 30.0
_BEAT_EVERY = 1.0


def redis_settings(url: str) -> dict[str, Any]:
    """The Scrapy settings that make a crawl share the Redis at ``url`` with other processes."""
    return {
        "FUPIN_REDIS_URL": url,
        "REDIS_URL": url,
        "SCHEDULER": "fupin.crawler.distributed.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "ITEM_PIPELINES": {"fupin.crawler.distributed.SpoolPipeline": 300},
    }


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler with idle-timeout closing and end-of-crawl cleanup (module docstring)."""

    crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedScheduler:
        instance = super().from_crawler(crawler)
        settings = crawler.settings
        instance.crawler = crawler
        instance.prefix = settings.get("FUPIN_REDIS_PREFIX", "fupin")
        instance.idle_timeout = settings.getfloat("FUPIN_REDIS_IDLE_TIMEOUT", 30.0)
        instance.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        crawler.signals.connect(instance.on_idle, signal=signals.spider_idle)
        return instance

    # -- Redis keys and clock --------------------------------------------------------------------

    def _key(self, name: str) -> str:
        return f"{self.base}:{name}"

    def _now(self) -> float:
        """Redis's clock, so that processes on machines with skewed clocks agree."""
        seconds, micros = self.server.time()
        return seconds + micros / 1e6

    def _alive_others(self, now: float) -> list[bytes]:
        alive = self.server.zrangebyscore(self._key("workers"), now - STALE_AFTER, "+inf")
        return [w for w in alive if w != self.worker.encode()]

    # -- life cycle ------------------------------------------------------------------------------

    def open(self, spider: Any) -> None:
        self.base = f"{self.prefix}:{spider.name}"
        self.queue_key = self._key("requests")
        self.df = RFPDupeFilter(self.server, key=self._key("dupefilter"), debug=False)
        super().open(spider)
        with self.server.lock(self._key("lock"), timeout=30, blocking_timeout=60):
            now = self._now()
            if not self._alive_others(now) and not len(self.queue):
                self.df.clear()  # the last crawl ended (or died with nothing queued): a new crawl
            self.server.zadd(self._key("workers"), {self.worker: now})
            self.server.zadd(self._key("busy"), {self.worker: now})
        self.last_busy = now
        logger.info("shared crawl %s on %s: worker %s", self.base, self.server, self.worker)
        self._beat = LoopingCall(self._heartbeat)
        self._beat.start(_BEAT_EVERY, now=False)

    def close(self, reason: str) -> None:
        if getattr(self, "_beat", None) is not None and self._beat.running:
            self._beat.stop()
        with self.server.lock(self._key("lock"), timeout=30, blocking_timeout=60):
            self.server.zrem(self._key("workers"), self.worker)
            self.server.zrem(self._key("busy"), self.worker)
            if reason == "finished" and not len(self.queue) and not self._alive_others(self._now()):
                self.flush()  # the crawl is complete: the next one starts afresh
                logger.info("shared crawl %s complete: cleared its Redis state", self.base)

    # -- scheduling ------------------------------------------------------------------------------

    def enqueue_request(self, request: Any) -> bool:
        """Push a request unless some process already scheduled it (retries always go through)."""
        shared = KIND in request.meta and not request.meta.get("retry_times")
        if (shared or not request.dont_filter) and self.df.request_seen(request):
            self.df.log(request, self.spider)
            if self.stats:
                self.stats.inc_value("fupin/redis_seen")
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    # -- idleness --------------------------------------------------------------------------------

    def _heartbeat(self) -> None:
        """Tell Redis this process lives (and whether it works); pick up work others queued."""
        try:
            now = self._now()
            self.server.zadd(self._key("workers"), {self.worker: now})
            engine = self.crawler.engine
            if engine is None or engine.spider is None:
                return
            if not engine.spider_is_idle():
                self.last_busy = now
                self.server.zadd(self._key("busy"), {self.worker: now})
                slot = getattr(engine, "_slot", None)
                if slot is not None:  # new requests from other processes: fetch now, not at the 5 s beat
                    slot.nextcall.schedule()
        except Exception as exc:  # a Redis hiccup must not kill the crawl; the next beat retries
            logger.warning("heartbeat to Redis failed: %s", exc)

    def on_idle(self, spider: Any) -> None:
        """Keep the spider open while the shared crawl may still produce requests."""
        now = self._now()
        if len(self.queue) or now - self.last_busy < self.idle_timeout:
            raise DontCloseSpider
        recent = self.server.zrangebyscore(self._key("busy"), now - self.idle_timeout, "+inf")
        if any(w != self.worker.encode() for w in recent):
            raise DontCloseSpider


class SpoolPipeline(StorePipeline):
    """The store pipeline of a shared crawl: articles go to this process's spool, merged at the end.

    The spider and middlewares see the spool as ``crawler.fupin_store`` (known URLs
    and list-page validators come from a read-only snapshot of the store). When the
    spider closes the spool is finished and every finished spool is merged into the
    store (waiting up to ``FUPIN_SPOOL_MERGE_WAIT`` seconds for another writer);
    ``fupin crawl --merge`` merges what is left.
    """

    def open_spider(self, spider: Any = None) -> None:
        settings = self.crawler.settings
        self.store = SpoolStore.snapshot(self.home, wait=settings.getfloat("FUPIN_SPOOL_MERGE_WAIT", 120.0))
        self.archive = WarcArchive(self.home)
        self.run_id = self.store.start_run("crawl")
        self.crawler.fupin_store = self.store
        self.crawler.fupin_known = self.store.known_urls()
        self.crawler.fupin_known -= getattr(self.crawler.spider, "list_urls", set())

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """As the store pipeline, but an article fetched after ``--max-articles`` is still kept.

        Its URL is in the shared dupefilter, so no process would fetch it again in this crawl.
        """
        if self.max_articles and self.kept >= self.max_articles:
            limit, self.max_articles = self.max_articles, 0
            try:
                return super().process_item(item, spider)
            finally:
                self.max_articles = limit
        return super().process_item(item, spider)

    def spider_closed(self, spider: Any, reason: str) -> None:
        super().spider_closed(spider, reason)  # writes the run summary and finishes the spool
        settings = self.crawler.settings
        if settings.getbool("FUPIN_SPOOL_MERGE", True):
            self.crawler.fupin_merge = try_merge(
                self.home, settings.getfloat("FUPIN_SPOOL_MERGE_WAIT", 120.0)
            )
