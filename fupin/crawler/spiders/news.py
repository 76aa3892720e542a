"""The ``news`` spider: one spider for every outlet, driven by the sources file.

For each source it starts from the list pages (sections, search results), the
sitemaps and the RSS/Atom feeds; follows the links that match the source's
``follow_pattern`` up to ``depth_limit`` list-page hops; fetches the links that
match ``article_pattern``; and yields an ``ArticleItem`` for each article whose
title or text contains one of the source's topic keywords.

Run it as any Scrapy spider from the repository root::

    scrapy crawl news -a sources=sources.toml [-a source=people.com.cn] [-a max_articles=100]
"""

from __future__ import annotations

import gzip
import io
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urldefrag, urljoin

import lxml.etree
import lxml.html
import scrapy
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.sitemap import Sitemap

from fupin.crawler.article import canonical_url
from fupin.crawler.encoding import decode_body
from fupin.crawler.items import ArticleItem
from fupin.crawler.middlewares import HOPS, KIND, SOURCE, TrapGuardMiddleware, error_kind
from fupin.crawler.offload import Analyser, Fetched, default_workers
from fupin.crawler.sources import Source, load_sources

_HTML_TYPES = (b"text/html", b"application/xhtml", b"text/plain", b"application/xml", b"text/xml")
_MAX_SITEMAP_BYTES = 50 * 1024 * 1024


class NewsSpider(scrapy.Spider):
    """Config-driven news spider (see the module docstring)."""

    name = "news"

    def __init__(
        self,
        sources: str | None = None,
        source: str | None = None,
        max_articles: str | int | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sources_path = sources
        self.only = {s.strip() for s in source.split(",")} if source else None
        self.max_articles = int(max_articles or 0)
        self.sources: dict[str, Source] = {}
        self.seen: set[str] = set()  # canonical URLs requested in this run
        self.list_urls: set[str] = set()
        self.list_validators: dict[str, tuple[int, str | None, str | None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        path = spider.sources_path or crawler.settings.get("FUPIN_SOURCES")
        loaded = load_sources(path)
        if spider.only:
            missing = spider.only - {s.name for s in loaded}
            if missing:
                raise ValueError(f"{path}: no enabled source named {sorted(missing)}")
            loaded = [s for s in loaded if s.name in spider.only]
        spider.sources = {s.name: s for s in loaded}
        spider.max_articles = spider.max_articles or crawler.settings.getint("FUPIN_MAX_ARTICLES", 0)
        workers = crawler.settings.get("FUPIN_EXTRACT_WORKERS")
        spider.analyser = Analyser(default_workers() if workers in (None, "", "auto") else int(workers))
        spider.analyser.start()
        spider.trap_guard = TrapGuardMiddleware(crawler)
        for s in loaded:
            spider.list_urls.update(s.start_urls + s.sitemap_urls + s.feed_urls)
        slots = {s.slot_name: s.slot_settings() for s in loaded if s.polite_slot}
        if slots:  # per-source politeness: each such source downloads through its own slot
            merged = {**crawler.settings.getdict("DOWNLOAD_SLOTS"), **slots}
            crawler.settings.set("DOWNLOAD_SLOTS", merged, priority="spider")
        return spider

    def max_pages_per_pattern(self, source: str) -> int:
        found = self.sources.get(source)
        return found.max_pages_per_pattern if found else 200

    # -- requests ------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """The start, sitemap and feed URLs, each once: marked seen so a link back to them is not followed."""
        for source in self.sources.values():
            for kind, urls in (
                ("list", source.start_urls),
                ("sitemap", source.sitemap_urls),
                ("feed", source.feed_urls),
            ):
                for url in urls:
                    canon = "list:" + canonical_url(url)
                    if canon not in self.seen:
                        self.seen.add(canon)
                        yield self._request(url, kind, source, 0)

    def _request(self, url: str, kind: str, source: Source, hops: int) -> scrapy.Request:
        callback = {
            "list": self.parse_list,
            "sitemap": self.parse_sitemap,
            "feed": self.parse_feed,
            "article": self.parse_article,
        }[kind]
        meta: dict[str, Any] = {KIND: kind, SOURCE: source.name, HOPS: hops}
        if source.polite_slot:
            meta["download_slot"] = source.slot_name  # the source's own delay and concurrency
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            dont_filter=True,  # dedup is ours (self.seen + the store): it survives a killed crawl
            priority=10 if kind == "article" else 0,
            meta=meta,
            headers={"User-Agent": source.user_agent} if source.user_agent else None,
        )

    def _follow(self, url: str, source: Source, hops: int, via: str) -> Iterator[scrapy.Request]:
        """A request for ``url`` if it is a new article or a list page within the depth limit."""
        url = urldefrag(url)[0]
        if not url.startswith(("http://", "https://")):
            return
        if source.is_article(url):
            canon = canonical_url(url)
            known = getattr(self.crawler, "fupin_known", set())
            if canon in self.seen:
                return
            self.seen.add(canon)
            if canon in known or url in known:
                self.crawler.stats.inc_value("fupin/skipped_known")
                return
            yield from self._guarded(self._request(url, "article", source, hops))
        elif source.is_list(url):
            if hops + 1 > source.depth_limit:
                self.crawler.stats.inc_value("fupin/depth_limited")
                return
            canon = "list:" + canonical_url(url)
            if canon in self.seen:
                return
            self.seen.add(canon)
            self.list_urls.add(url)
            kind = "list" if via != "sitemap" else "sitemap"
            yield from self._guarded(self._request(url, kind, source, hops + 1))

    def _guarded(self, request: scrapy.Request) -> Iterator[scrapy.Request]:
        """The request, unless the trap guard drops it (it counts why).

        The guard was a spider middleware; called here, at the same point of the same
        order of outputs (DepthMiddleware, before it in the chain, drops nothing with
        DEPTH_LIMIT 0), it drops the same requests without the extra async layer that
        Scrapy puts around every middleware's output (3.8% of the reactor's samples in
        py-spy of the full crawl).
        """
        if self.trap_guard.allowed(request):
            yield request

    # -- callbacks -----------------------------------------------------------------------------

    def parse_list(self, response: Response) -> Iterator[Any]:
        source, hops = self._context(response)
        if not self._fresh(response):
            return
        html, _ = self._text(response)
        if html is None:
            return
        for url in _html_links(html, response.url):
            yield from self._follow(url, source, hops, "list")

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        source, hops = self._context(response)
        if not self._fresh(response):
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = _gunzip(body)
        try:
            sitemap = Sitemap(body)
        except Exception:
            self.crawler.stats.inc_value("fupin/error/bad_sitemap")
            return
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                if hops + 1 <= source.depth_limit and ("list:" + loc) not in self.seen:
                    self.seen.add("list:" + loc)
                    self.list_urls.add(loc)
                    yield from self._guarded(self._request(loc, "sitemap", source, hops + 1))
            else:
                yield from self._follow(loc, source, hops, "sitemap")

    def parse_feed(self, response: Response) -> Iterator[Any]:
        source, hops = self._context(response)
        if not self._fresh(response):
            return
        for url in _feed_links(response.body, response.url):
            yield from self._follow(url, source, hops, "feed")

    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        """The article's item; its page is analysed off the reactor (fupin.crawler.offload)."""
        source, _ = self._context(response)
        content_type = self._html_type(response)
        if content_type is None:
            return
        raw_headers = _raw_headers(response)
        fetched = Fetched(response.url, response.status, content_type, raw_headers, response.body)
        stats = self.crawler.stats
        analysis = await maybe_deferred_to_future(self.analyser.submit(fetched))
        page = analysis.page if analysis is not None else None
        if analysis is None or page is None:
            stats.inc_value("fupin/no_text")
            self._unkept(response)
            return
        if not source.on_topic(page.title, page.text):
            stats.inc_value("fupin/off_topic")
            self._unkept(response)
            return
        yield ArticleItem(
            url=response.url,
            canonical_url=canonical_url(response.url),
            source=source.name,
            title=page.title,
            published=page.published,
            published_source=page.published_source,
            language=page.language,
            text=page.text,
            fetched_at=datetime.now(UTC),
            content_hash=analysis.content_hash,
            simhash=analysis.simhash,
            minhash=(analysis.signature, analysis.band_keys),
            encoding=analysis.encoding,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            http_status=response.status,
            raw_headers=raw_headers,
            raw_body=response.body,
            raw_record=analysis.warc_record,
        )

    def closed(self, reason: str) -> None:
        """Scrapy's hook when the spider closes: stop the analysis workers."""
        self.analyser.close()

    def on_error(self, failure: Any) -> None:
        """Count a failed request by kind; the crawl goes on."""
        kind = error_kind(failure)
        if kind in ("known", "robots_forbidden"):
            return  # counted by the incremental and robots.txt middlewares
        self.crawler.stats.inc_value(f"fupin/error/{kind}")
        request = getattr(failure, "request", None)
        self.logger.info("failed (%s): %s", kind, request.url if request else "?")

    # -- helpers -------------------------------------------------------------------------------

    def _context(self, response: Response) -> tuple[Source, int]:
        meta = response.meta
        return self.sources[meta[SOURCE]], int(meta.get(HOPS, 0))

    def _fresh(self, response: Response) -> bool:
        """False for a 304 (nothing new on a list page); remembers validators otherwise."""
        if response.status == 304:
            self.crawler.stats.inc_value("fupin/not_modified")
            return False
        etag, modified = _header(response, b"ETag"), _header(response, b"Last-Modified")
        if etag or modified:
            self.list_validators[response.url] = (response.status, etag, modified)
        return True

    def _text(self, response: Response) -> tuple[str | None, str | None]:
        """The decoded page and the codec used; (None, None) for non-HTML responses."""
        content_type = self._html_type(response)
        if content_type is None:
            return None, None
        return decode_body(response.body, content_type)

    def _html_type(self, response: Response) -> bytes | None:
        """The response's Content-Type (b"" when it has none); None, counted, when it is not HTML."""
        content_type = response.headers.get(b"Content-Type") or b""
        if content_type and not any(t in content_type.lower() for t in _HTML_TYPES):
            self.crawler.stats.inc_value("fupin/not_html")
            return None
        return content_type

    def _unkept(self, response: Response) -> None:
        """Remember a fetched article page that was not kept, so the next run skips it."""
        store = getattr(self.crawler, "fupin_store", None)
        if store is not None:
            store.record_fetch(canonical_url(response.url), response.status)
        known = getattr(self.crawler, "fupin_known", None)
        if known is not None:
            known.add(canonical_url(response.url))


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _raw_headers(response: Response) -> list[tuple[str, str]]:
    pairs = response.headers.items()
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, values in pairs for v in values]


def _html_links(html: str, base_url: str) -> list[str]:
    """Absolute href of every ``<a>``/``<area>`` (honouring ``<base href>``); [] for junk."""
    try:
        doc = lxml.html.document_fromstring(html, base_url=base_url)
    except (lxml.etree.ParserError, ValueError):
        return []
    try:
        doc.make_links_absolute(base_url, handle_failures="discard")
    except ValueError:
        return []
    return [link for el, attr, link, _ in doc.iterlinks() if el.tag in ("a", "area") and attr == "href"]


def _feed_links(body: bytes, base_url: str) -> list[str]:
    """Item links of an RSS 2.0 / RSS 1.0 / Atom feed."""
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser=parser)
    except lxml.etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    links = [t.strip() for t in root.xpath("//*[local-name()='item']/*[local-name()='link']/text()")]
    atom = "//*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href"
    links += root.xpath(atom)
    return [urljoin(base_url, link) for link in links if link]


def _gunzip(body: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
        return fh.read(_MAX_SITEMAP_BYTES)
