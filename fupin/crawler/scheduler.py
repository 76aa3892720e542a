"""Scrapy's scheduler, with the job's disk queue written when the crawl stops rather than per request.

With ``JOBDIR`` (which ``fupin crawl`` always sets, for resuming) Scrapy pickles every
request into its disk queue when it is scheduled and reads it back when it is sent:
``Request.to_dict`` looks the callback and errback up with ``inspect.getmembers`` over
the spider, and the per-priority queue directories are created and removed as they
fill and drain. Profiled (py-spy, reactor thread of the full crawl of
benchmarks/bench_crawl.py), the disk queue's push and pop took 8% of the reactor's
samples, for nothing a crawl needs while it runs:

- a crawl stopped gracefully (Ctrl-C, SIGTERM, ``--max-articles``) closes the
  scheduler, and this scheduler writes every pending request to the disk queue then,
  so the next run resumes the same queue;
- a crawl killed hard leaves its ``RUNNING`` marker, and fupin.crawler.run discards
  that job's queue anyway (its files may be torn), so what the disk queue held during
  the crawl was never read.

Requests are popped in the same order either way: the memory and disk queues are the
same priority queue over FIFO queues (fupin.crawler.settings), and the pending requests
are written in the order they would have been sent. With a LIFO queue configured that
order would reverse, so the scheduler then keeps Scrapy's way. A resumed crawl goes on
through its disk queue, as before, until it has drained; only then do new requests
stay in memory.
"""

from __future__ import annotations

from typing import Any

from scrapy.core.scheduler import Scheduler
from scrapy.http import Request


class SpillOnCloseScheduler(Scheduler):
    """Requests in memory while the crawl runs; the pending ones written to the job's disk queue on close."""

    _through_disk = False
    _always_disk = True

    def open(self, spider: Any) -> Any:
        result = super().open(spider)
        queues = (self.dqclass, self.mqclass, self._sdqclass, self._smqclass)
        fifo = all(_fifo(cls) for cls in queues if cls is not None)
        resuming = self.dqs is not None and len(self.dqs) > 0
        self._through_disk = resuming or not fifo  # resuming: keep the old order until the queue drains
        self._always_disk = not fifo
        return result

    def _dqpush(self, request: Request) -> bool:
        if self._always_disk or (self._through_disk and self.dqs is not None and len(self.dqs) > 0):
            return super()._dqpush(request)
        self._through_disk = False  # drained once: memory from now on, so one queue keeps the order
        return False

    def close(self, reason: str) -> Any:
        if self.dqs is not None:
            self._spill()
        return super().close(reason)

    def _spill(self) -> int:
        """Move the memory queue's requests to the disk queue, in the order they would have been sent."""
        moved = 0
        while (request := self.mqs.pop()) is not None:
            if super()._dqpush(request):  # an unserialisable request is lost, as Scrapy loses it
                moved += 1
        return moved


def _fifo(queue_class: type) -> bool:
    """Whether a Scrapy queue class sends first what came first (Scrapy's LIFO queues subclass FIFO ones)."""
    return not any(base.__name__.startswith("Lifo") for base in queue_class.__mro__)
