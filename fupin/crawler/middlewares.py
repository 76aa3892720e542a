"""Downloader and spider middlewares and the summary extension of the fupin crawler.

- ``BackoffRetryMiddleware``: Scrapy's retries, but each retry waits (2 s, 4 s, 8 s ...,
  or the server's Retry-After) so an overloaded site is not hammered.
- ``IncrementalMiddleware``: drops article requests whose URL the store already has
  (a second run, a resumed run, or two list pages linking the same story) and sends
  If-None-Match / If-Modified-Since for list pages, sitemaps and feeds.
- ``TrapGuardMiddleware``: drops links that lead into crawler traps: endless
  calendars, paginations and URL shapes that repeat without end. The news spider
  applies it to its own requests (``NewsSpider._guarded``); it still works as a
  spider middleware for other spiders.
- ``CrawlSummary``: what a crawl did, built from its stats (``summary_from_stats``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, error
from twisted.internet.task import deferLater
from twisted.web._newclient import ResponseFailed

from fupin.crawler.article import canonical_url

#: meta keys the spider sets on its requests
KIND = "fupin_kind"  # "list" | "article" | "sitemap" | "feed"
SOURCE = "fupin_source"
HOPS = "fupin_hops"  # list-page hops from a start URL
_DELAY = "fupin_retry_delay"


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries 5xx answers and timeouts with exponential back-off between tries."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("FUPIN_RETRY_BACKOFF_BASE", 2.0)
        self.max = settings.getfloat("FUPIN_RETRY_BACKOFF_MAX", 60.0)

    async def process_request(self, request: Request) -> None:
        delay = request.meta.pop(_DELAY, 0)
        if delay > 0:
            from twisted.internet import reactor

            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Any:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            self._delay(result, response.headers.get(b"Retry-After"))
        return result

    def process_exception(self, request: Request, exception: Exception, spider: Any = None) -> Any:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            self._delay(result, None)
        return result

    def _delay(self, request: Request, retry_after: bytes | None) -> None:
        tries = request.meta.get("retry_times", 1)
        delay = self.base * 2 ** (tries - 1)
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, float(retry_after))
        request.meta[_DELAY] = min(delay, self.max)


class IncrementalMiddleware:
    """Skip what the store already has; ask list pages only for changes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        store = getattr(self.crawler, "fupin_store", None)
        kind = request.meta.get(KIND)
        if store is None or kind is None:
            return
        if kind == "article":
            known = self.crawler.fupin_known
            if request.url in known or canonical_url(request.url) in known:
                self.crawler.stats.inc_value("fupin/skipped_known")
                raise IgnoreRequest("fupin: already in the store")
            return
        preloaded = getattr(self.crawler, "fupin_validators", None)
        if preloaded is not None:  # read at open: the store may be busy with a batch in its writer thread
            validators = preloaded.get(request.url)
        else:
            validators = store.http_validators(request.url)
        if validators:
            etag, last_modified = validators
            if etag:
                request.headers.setdefault(b"If-None-Match", etag)
            if last_modified:
                request.headers.setdefault(b"If-Modified-Since", last_modified)
            handled = request.meta.setdefault("handle_httpstatus_list", [])
            if 304 not in handled:
                handled.append(304)


_DIGITS = re.compile(r"\d+")
_CALENDAR_KEYS = {"date", "day", "month", "year", "ym", "ymd", "calendar", "cal"}
_CALENDAR_PATH = re.compile(r"(calendar|/archive/\d{4}|/\d{4}[-/]\d{1,2}([-/]\d{1,2})?/?$)", re.IGNORECASE)


class TrapGuardMiddleware:
    """Drops requests for URLs that look like crawler traps, counting why.

    Article URLs are only checked for absurd length and repeated path segments;
    list pages also count per URL *shape* (digits replaced, query keys sorted) and
    per source for calendar-like URLs, so an endless pagination or calendar stops
    after ``max_pages_per_pattern`` / ``FUPIN_MAX_CALENDAR_PAGES`` pages.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.max_len = settings.getint("FUPIN_MAX_URL_LENGTH", 512)
        self.max_repeat = settings.getint("FUPIN_MAX_REPEATED_SEGMENT", 3)
        self.max_calendar = settings.getint("FUPIN_MAX_CALENDAR_PAGES", 20)
        self.shapes: Counter[tuple[str, str]] = Counter()
        self.calendars: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrapGuardMiddleware:
        return cls(crawler)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for obj in result:
            if not isinstance(obj, Request) or self._allowed(obj):
                yield obj

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        for obj in result:
            if not isinstance(obj, Request) or self._allowed(obj):
                yield obj

    def allowed(self, request: Request) -> bool:
        """Whether ``request`` may go on; a dropped one is counted under ``fupin/trap/<reason>``."""
        return self._allowed(request)

    def _allowed(self, request: Request) -> bool:
        reason = self.trap_reason(request)
        if reason:
            self.crawler.stats.inc_value(f"fupin/trap/{reason}")
            return False
        return True

    def trap_reason(self, request: Request) -> str | None:
        """Why ``request`` is a trap (``url_too_long``, ``repeated_segment``, ...), or None."""
        url = request.url
        if len(url) > self.max_len:
            return "url_too_long"
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if segments and max(Counter(segments).values()) >= self.max_repeat:
            return "repeated_segment"
        if request.meta.get(KIND) != "list":
            return None
        source = request.meta.get(SOURCE, "")
        if self._calendar_like(parts.path, parts.query):
            self.calendars[source] += 1
            if self.calendars[source] > self.max_calendar:
                return "calendar"
        shape = self._shape(parts.netloc, parts.path, parts.query)
        self.shapes[(source, shape)] += 1
        spider = self.crawler.spider
        limit = spider.max_pages_per_pattern(source) if hasattr(spider, "max_pages_per_pattern") else 200
        if self.shapes[(source, shape)] > limit:
            return "pattern_cap"
        return None

    @staticmethod
    def _calendar_like(path: str, query: str) -> bool:
        keys = {k.lower() for k, _ in parse_qsl(query, keep_blank_values=True)}
        return bool(keys & _CALENDAR_KEYS) or bool(_CALENDAR_PATH.search(path))

    @staticmethod
    def _shape(netloc: str, path: str, query: str) -> str:
        keys = sorted({k for k, _ in parse_qsl(query, keep_blank_values=True)})
        return f"{netloc}{_DIGITS.sub('#', path)}?{'&'.join(keys)}"


def error_kind(failure: Any) -> str:
    """A short, stable name for why a request failed (for the summary's errors by kind)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if "robots.txt" in message:
            return "robots_forbidden"
        if "redirect" in message:
            return "redirect_loop"
        if "already in the store" in message:
            return "known"
        return "ignored"
    if isinstance(exc, (DownloadCancelledError, defer.CancelledError)):
        return "too_large"
    if (
        isinstance(exc, (error.TimeoutError, error.TCPTimedOutError))
        or type(exc).__name__ == "DownloadTimeoutError"
    ):
        return "timeout"
    if isinstance(exc, error.DNSLookupError):
        return "dns"
    if isinstance(exc, error.ConnectionRefusedError):
        return "connection_refused"
    if isinstance(exc, (error.ConnectionLost, error.ConnectionDone, ResponseFailed)):
        return "connection_failed"
    return type(exc).__name__


@dataclass
class CrawlSummary:
    """What one crawl did; printed at the end and returned by ``run_crawl``."""

    pages_fetched: int = 0
    articles_kept: int = 0
    duplicates: int = 0
    off_topic: int = 0
    no_text: int = 0
    skipped_known: int = 0
    not_modified: int = 0
    robots_forbidden: int = 0
    trap_dropped: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    finish_reason: str = ""
    elapsed_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlSummary:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def format(self) -> str:
        """A few human-readable lines."""
        lines = [
            f"crawl finished ({self.finish_reason or 'unknown'}) in {self.elapsed_s:.1f} s",
            f"  pages fetched     {self.pages_fetched}",
            f"  articles kept     {self.articles_kept}",
            f"  duplicates        {self.duplicates}",
            f"  off topic         {self.off_topic}",
            f"  already stored    {self.skipped_known}",
            f"  not modified      {self.not_modified}",
            f"  robots.txt denied {self.robots_forbidden}",
        ]
        if self.trap_dropped:
            traps = ", ".join(f"{k}: {v}" for k, v in sorted(self.trap_dropped.items()))
            lines.append(f"  trap links dropped {traps}")
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        lines.append(f"  errors            {errors}")
        return "\n".join(lines)


def summary_from_stats(stats: dict[str, Any], reason: str) -> CrawlSummary:
    """Map Scrapy's and the fupin components' stats to a summary."""
    errors: Counter[str] = Counter()
    traps: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith("fupin/error/"):
            errors[key.removeprefix("fupin/error/")] += value
        elif key.startswith("spider_exceptions/"):
            errors["parse_" + key.removeprefix("spider_exceptions/")] += value
        elif key.startswith("fupin/trap/"):
            traps[key.removeprefix("fupin/trap/")] = value
    start = stats.get("start_time")
    finish = stats.get("finish_time") or (datetime.now(start.tzinfo) if start else None)
    elapsed = (finish - start).total_seconds() if start and finish else 0.0
    robots_requests = stats.get("robotstxt/request_count", 0)
    return CrawlSummary(
        pages_fetched=max(0, stats.get("response_received_count", 0) - robots_requests),
        articles_kept=stats.get("fupin/articles_new", 0),
        duplicates=stats.get("fupin/articles_duplicate", 0),
        off_topic=stats.get("fupin/off_topic", 0),
        no_text=stats.get("fupin/no_text", 0),
        skipped_known=stats.get("fupin/skipped_known", 0),
        not_modified=stats.get("fupin/not_modified", 0),
        robots_forbidden=stats.get("robotstxt/forbidden", 0),
        trap_dropped=traps,
        errors=dict(errors),
        finish_reason=reason,
        elapsed_s=round(elapsed, 2),
    )
