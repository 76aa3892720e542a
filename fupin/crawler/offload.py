"""Page analysis off the reactor: main text, dates, hashes and the MinHash sketch in worker processes.

Profiling the full crawl (benchmarks/bench_crawl.py --profile) showed the reactor
thread busy with trafilatura, the simhash and the MinHash sketch for about two
thirds of the time it spent on fupin's own work, while Scrapy waited. These are
pure functions of the page, so they run in a small process pool
(``FUPIN_EXTRACT_WORKERS``; threads would not help: they hold the GIL) and the
reactor keeps downloading. With 0 workers, or on a one-core machine by default,
the analysis runs inline exactly as before. The result is the same either way:
``analyse_response`` is the one function both paths call. It also decodes the body
and builds the page's WARC record (fupin.crawler.warc.response_record), so the
reactor only appends it to the archive when the article is kept.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from twisted.internet import defer

from fupin.corpus.dedup import fingerprint
from fupin.crawler.article import PageArticle, content_hash, extract_page, fingerprint_text
from fupin.crawler.encoding import decode_body
from fupin.crawler.warc import response_record


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article page's fields and fingerprints, as the spider yields them."""

    page: PageArticle
    content_hash: str
    simhash: int
    signature: bytes  # the MinHash signature (fupin.corpus.dedup.to_blob)
    band_keys: tuple[int, ...]
    encoding: str | None = None  # the codec the body was decoded with
    warc_record: bytes | None = None  # the response's gzipped WARC record (fupin.crawler.warc)


@dataclass(frozen=True, slots=True)
class Fetched:
    """An article response as the analysis needs it: sent to the worker instead of the decoded page."""

    url: str
    status: int
    content_type: bytes
    headers: list[tuple[str, str]]
    body: bytes


#: a page that exercises the whole analysis once in each new worker
_WARM_UP = Fetched(
    "http://localhost/warm-up.html",
    200,
    b"text/html; charset=utf-8",
    [("Content-Type", "text/html; charset=utf-8")],
    ("<html><body><h1>扶贫车间</h1><p>" + "扶贫车间复工。" * 20 + "</p></body></html>").encode(),
)


def analyse_response(fetched: Fetched) -> Analysis | None:
    """``analyse`` of the decoded body, with the codec and the response's WARC record; None without text.

    Decoding and the WARC record (gzip at level 9 and two SHA-1 digests) were the
    reactor's work; py-spy of a 2,040-page crawl had the record at 7% of the reactor
    thread's samples while the worker waited for pages 46% of its time.
    """
    html, encoding = decode_body(fetched.body, fetched.content_type)
    found = analyse(html, fetched.url)
    if found is None:
        return None
    record = response_record(fetched.url, fetched.status, fetched.headers, fetched.body)
    return replace(found, encoding=encoding, warc_record=record)


def analyse(html: str, url: str) -> Analysis | None:
    """Everything the crawler computes from one decoded article page; None when it has no text."""
    page = extract_page(html, url)
    if page is None:
        return None
    found = fingerprint(page.text)
    signature = found.signature.astype("<u8").tobytes()
    core = content_hash(fingerprint_text(page.text, page.title))
    return Analysis(page, core, found.simhash, signature, tuple(found.band_keys))


def default_workers() -> int:
    """One worker beside the reactor where there is a second core, none otherwise."""
    return 1 if (os.cpu_count() or 1) > 1 else 0


class Analyser:
    """Runs ``analyse`` inline or in a process pool, answering with a Deferred either way."""

    def __init__(self, workers: int) -> None:
        self.workers = max(0, workers)
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the workers and have them import and warm up now, while the crawl is starting.

        A spawned worker imports trafilatura, lxml and OpenCC (seconds on a
        busy machine); started with the spider, that overlaps Scrapy's own start-up
        instead of holding back the first articles. Spawned, not forked: a fork would
        copy the reactor's threads' locks.
        """
        if self.workers == 0 or self._pool is not None:
            return
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        for _ in range(self.workers):
            self._pool.submit(analyse_response, _WARM_UP)

    def submit(self, fetched: Fetched) -> defer.Deferred[Analysis | None]:
        """The analysis of a response: inline without workers, else in the pool."""
        if self.workers == 0:
            return defer.maybeDeferred(analyse_response, fetched)
        self.start()
        assert self._pool is not None
        return _deferred(self._pool.submit(analyse_response, fetched))

    def close(self) -> None:
        """Stop the workers without waiting for them to exit.

        The spider closes the analyser when every response has been processed, so no
        analysis is pending. Scrapy calls the spider's ``closed`` before its stats
        record the finish time: waiting here for the worker processes to exit held
        the reactor 0.15-0.2 s at the end of every crawl (py-spy, ``Thread.join``
        under ``NewsSpider.closed``). The pool's manager thread reaps them, and the
        interpreter joins it at exit.
        """
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _deferred(future: Future[Any]) -> defer.Deferred[Any]:
    """A Deferred fired in the reactor thread when the future is done."""
    from twisted.internet import reactor

    result: defer.Deferred[Any] = defer.Deferred()

    def done(f: Future[Any]) -> None:
        if f.cancelled():
            reactor.callFromThread(result.errback, CancelledError())  # type: ignore[attr-defined]
            return
        error = f.exception()
        if error is not None:
            reactor.callFromThread(result.errback, error)  # type: ignore[attr-defined]
        else:
            reactor.callFromThread(result.callback, f.result())  # type: ignore[attr-defined]

    future.add_done_callback(done)
    return result
