"""The outlets to crawl, read from a TOML file.

Sources are configuration, not code: a new outlet is a new ``[[source]]`` table.
Every mistake in the file is reported with the file name and the key path
(``sources.toml: source[3].article_pattern: not a valid regular expression``)
so a scheduled crawl fails at start-up with a message a person can act on,
not half-way through with a traceback.

File layout::

    [defaults]                 # optional; every key may be overridden per source
    keywords = ["扶贫车间", "poverty alleviation workshop"]
    depth_limit = 3

    [[source]]
    name = "people.com.cn"                 # the outlet, stored with each article
    start_urls = ["http://.../index.html"] # section, list and search-result pages
    sitemap_urls = []                      # sitemap.xml (or sitemap index) URLs
    feed_urls = []                         # RSS / Atom feeds
    allowed_domains = ["people.com.cn"]    # links outside these are not followed
    article_pattern = '/n1/\\d{4}/\\d{4}/c\\d+-\\d+\\.html$'   # which URLs are articles
    follow_pattern = '/index\\d*\\.html$'  # which URLs are list pages to follow
    depth_limit = 3                        # list-page hops from a start URL
    keywords = [...]                       # topic words; an article is kept if one occurs
    max_pages_per_pattern = 200            # trap guard: list pages per URL shape
    download_delay = 2.0                   # politeness for this source: seconds between requests,
    concurrency = 2                        #   parallel requests, and the User-Agent it is sent
    user_agent = "fupin-research-crawler (contact: ...)"

A source with ``download_delay`` or ``concurrency`` downloads through its own Scrapy
download slot (``DOWNLOAD_SLOTS``), so its pace does not depend on the settings of the
other sources or the global ones; without them the global settings apply per host.
Articles are on topic when a keyword occurs in the text or in its simplified-Chinese
form, so a traditional-Chinese copy of a story is kept by simplified keywords.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Topic words used when neither the source nor [defaults] lists any.
DEFAULT_KEYWORDS: tuple[str, ...] = (
    "扶贫车间",
    "扶贫工厂",
    "就业扶贫",
    "贫困劳动力",
    "扶贫龙头企业",
    "建档立卡",
    "脱贫攻坚",
    "poverty alleviation",
    "poverty-alleviation",
    "impoverished",
    "poverty relief",
)

_SOURCE_KEYS = {
    "name",
    "start_urls",
    "sitemap_urls",
    "feed_urls",
    "allowed_domains",
    "article_pattern",
    "follow_pattern",
    "depth_limit",
    "keywords",
    "max_pages_per_pattern",
    "enabled",
    "notes",
    "download_delay",
    "concurrency",
    "user_agent",
}
_DEFAULT_KEYS = _SOURCE_KEYS - {"name", "start_urls", "sitemap_urls", "feed_urls", "allowed_domains"}


class SourcesError(ValueError):
    """The sources file is missing, not TOML, or has a wrong key or value."""


@dataclass(frozen=True)
class Source:
    """One outlet: where to start, what is an article, what to follow, what to keep."""

    name: str
    start_urls: tuple[str, ...] = ()
    sitemap_urls: tuple[str, ...] = ()
    feed_urls: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_pattern: str = ""
    follow_pattern: str = ""
    depth_limit: int = 3
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS
    max_pages_per_pattern: int = 200
    enabled: bool = True
    notes: str = ""
    download_delay: float | None = None
    concurrency: int | None = None
    user_agent: str | None = None
    _article_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _follow_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _keywords_lower: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_article_re", re.compile(self.article_pattern))
        follow = re.compile(self.follow_pattern) if self.follow_pattern else None
        object.__setattr__(self, "_follow_re", follow)
        object.__setattr__(self, "_keywords_lower", tuple(k.lower() for k in self.keywords))

    def is_article(self, url: str) -> bool:
        return bool(self._article_re.search(url)) and self.allows(url)

    def is_list(self, url: str) -> bool:
        return self._follow_re is not None and bool(self._follow_re.search(url)) and self.allows(url)

    def allows(self, url: str) -> bool:
        """Whether ``url`` is on one of the source's domains (subdomains included)."""
        if not self.allowed_domains:
            return True
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def on_topic(self, *texts: str | None) -> bool:
        """Whether any topic keyword occurs in the given texts or their simplified form (case-insensitive)."""
        if not self._keywords_lower:
            return True
        blob = " ".join(t for t in texts if t).lower()
        if any(k in blob for k in self._keywords_lower):
            return True
        simplified = _to_simplified().convert(blob)
        return simplified != blob and any(k in simplified for k in self._keywords_lower)

    @property
    def polite_slot(self) -> bool:
        """Whether the source sets its own pace (and so has its own download slot)."""
        return self.download_delay is not None or self.concurrency is not None

    @property
    def slot_name(self) -> str:
        return f"source:{self.name}"

    def slot_settings(self) -> dict[str, Any]:
        """The source's entry of Scrapy's ``DOWNLOAD_SLOTS``."""
        slot: dict[str, Any] = {}
        if self.download_delay is not None:
            slot["delay"] = self.download_delay
        if self.concurrency is not None:
            slot["concurrency"] = self.concurrency
        return slot


@cache
def _to_simplified() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; only enabled sources are returned."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from None
    return parse_sources(raw, str(path))


def parse_sources(raw: dict[str, Any], where: str = "sources") -> list[Source]:
    """Validate the parsed TOML; every error names ``where`` and the key path."""
    unknown = set(raw) - {"defaults", "source"}
    if unknown:
        raise SourcesError(f"{where}: unknown top-level key(s) {sorted(unknown)}; use [defaults], [[source]]")
    defaults = raw.get("defaults", {})
    if not isinstance(defaults, dict):
        raise SourcesError(f"{where}: defaults: must be a table")
    _check_defaults(defaults, f"{where}: defaults")
    tables = raw.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise SourcesError(f"{where}: source: at least one [[source]] table is needed")
    sources, names = [], set()
    for i, table in enumerate(tables):
        key = f"{where}: source[{i}]"
        if not isinstance(table, dict):
            raise SourcesError(f"{key}: must be a table")
        source = _parse_source({**defaults, **table}, key)
        if source.name in names:
            raise SourcesError(f"{key}.name: duplicate source name {source.name!r}")
        names.add(source.name)
        if source.enabled:
            sources.append(source)
    return sources


def _check_defaults(defaults: dict[str, Any], key: str) -> None:
    """Errors in [defaults] are reported there, not on every source that inherits them."""
    _check_keys(defaults, _DEFAULT_KEYS, key)
    if "keywords" in defaults:
        _str_list(defaults, "keywords", key)
    for name in ("article_pattern", "follow_pattern"):
        if name in defaults:
            if not isinstance(defaults[name], str):
                raise SourcesError(f"{key}.{name}: must be a string")
            _regex(defaults[name], f"{key}.{name}")
    if "depth_limit" in defaults:
        _int(defaults, "depth_limit", key, 3, 0, 50)
    if "max_pages_per_pattern" in defaults:
        _int(defaults, "max_pages_per_pattern", key, 200, 1, 1_000_000)
    if "enabled" in defaults:
        _bool(defaults, "enabled", key, True)


def _check_keys(table: dict[str, Any], allowed: set[str], key: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise SourcesError(f"{key}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")


def _parse_source(table: dict[str, Any], key: str) -> Source:
    _check_keys(table, _SOURCE_KEYS, key)
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{key}.name: a non-empty string is required")
    urls = {k: _url_list(table, k, key) for k in ("start_urls", "sitemap_urls", "feed_urls")}
    if not any(urls.values()):
        raise SourcesError(f"{key}: give at least one of start_urls, sitemap_urls, feed_urls")
    domains = _str_list(table, "allowed_domains", key)
    if not domains:
        domains = sorted({urlsplit(u).hostname or "" for v in urls.values() for u in v} - {""})
    article = table.get("article_pattern")
    if not isinstance(article, str) or not article:
        raise SourcesError(f"{key}.article_pattern: a regular expression string is required")
    _regex(article, f"{key}.article_pattern")
    follow = table.get("follow_pattern", "")
    if not isinstance(follow, str):
        raise SourcesError(f"{key}.follow_pattern: must be a string")
    if follow:
        _regex(follow, f"{key}.follow_pattern")
    keywords = _str_list(table, "keywords", key) if "keywords" in table else list(DEFAULT_KEYWORDS)
    return Source(
        name=name.strip(),
        start_urls=tuple(urls["start_urls"]),
        sitemap_urls=tuple(urls["sitemap_urls"]),
        feed_urls=tuple(urls["feed_urls"]),
        allowed_domains=tuple(d.lower().lstrip(".") for d in domains),
        article_pattern=article,
        follow_pattern=follow,
        depth_limit=_int(table, "depth_limit", key, 3, 0, 50),
        keywords=tuple(keywords),
        max_pages_per_pattern=_int(table, "max_pages_per_pattern", key, 200, 1, 1_000_000),
        enabled=_bool(table, "enabled", key, True),
        notes=str(table.get("notes", "")),
        **_politeness(table, key),
    )


def _politeness(table: dict[str, Any], key: str) -> dict[str, Any]:
    """download_delay (seconds, 0-600), concurrency (1-64) and user_agent, each optional."""
    found: dict[str, Any] = {}
    if "download_delay" in table:
        value = table["download_delay"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 600:
            raise SourcesError(
                f"{key}.download_delay: must be a number of seconds from 0 to 600, got {value!r}"
            )
        found["download_delay"] = float(value)
    if "concurrency" in table:
        found["concurrency"] = _int(table, "concurrency", key, 1, 1, 64)
    if "user_agent" in table:
        value = table["user_agent"]
        if not isinstance(value, str) or not value.strip() or "\n" in value:
            raise SourcesError(f"{key}.user_agent: must be a non-empty one-line string, got {value!r}")
        found["user_agent"] = value.strip()
    return found


def _str_list(table: dict[str, Any], name: str, key: str) -> list[str]:
    value = table.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SourcesError(f"{key}.{name}: must be a list of non-empty strings")
    return value


def _url_list(table: dict[str, Any], name: str, key: str) -> list[str]:
    urls = _str_list(table, name, key)
    for j, url in enumerate(urls):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesError(f"{key}.{name}[{j}]: not an http(s) URL: {url!r}")
    return urls


def _regex(pattern: str, key: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise SourcesError(f"{key}: not a valid regular expression: {exc}") from None


def _int(table: dict[str, Any], name: str, key: str, default: int, low: int, high: int) -> int:
    value = table.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SourcesError(f"{key}.{name}: must be an integer from {low} to {high}, got {value!r}")
    return value


def _bool(table: dict[str, Any], name: str, key: str, default: bool) -> bool:
    value = table.get(name, default)
    if not isinstance(value, bool):
        raise SourcesError(f"{key}.{name}: must be true or false, got {value!r}")
    return value
