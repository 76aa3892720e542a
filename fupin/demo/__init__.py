"""The demo: the project's own small news site, served on 127.0.0.1 and crawled end to end.

``serve_demo_site() -> (url, stop)`` serves it on a free port in a thread;
``run_demo_crawl(home) -> CrawlSummary`` serves it, crawls it into the store at
``home`` with the real crawler (robots.txt, encodings, dedup, WARC) and stops it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fupin.crawler.middlewares import CrawlSummary
from fupin.demo.server import SiteServer
from fupin.demo.site import build_site, demo_sources_toml

#: Scrapy settings for a crawl of the local demo site: no politeness delays needed on 127.0.0.1.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_TIMEOUT": 10,
    "RETRY_TIMES": 1,
    "FUPIN_RETRY_BACKOFF_BASE": 0.2,
    "LOG_LEVEL": "WARNING",
}


def serve_demo_site(port: int = 0) -> tuple[str, Callable[[], None]]:
    """Start the demo site on 127.0.0.1 (a free port unless given); returns ``(base_url, stop)``."""
    server = SiteServer({}, port=port)
    server.routes = build_site(server.url)
    server.start()
    return server.url, server.stop


def write_demo_sources(home: str | Path, base_url: str) -> Path:
    """Write the demo's sources file into ``home`` and return its path."""
    path = Path(home) / "demo-sources.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(demo_sources_toml(base_url), encoding="utf-8")
    return path


def run_demo_crawl(
    home: str | Path, settings: dict | None = None, in_process: bool | None = None
) -> CrawlSummary:
    """Serve the demo site, crawl it into the store at ``home``, stop the site; returns the summary.

    ``in_process`` as for ``run_crawl`` (None: in this process unless a crawl already ran here).
    """
    from fupin.crawler.run import run_crawl

    url, stop = serve_demo_site()
    try:
        sources = write_demo_sources(home, url)
        return run_crawl(sources, home, settings={**DEMO_SETTINGS, **(settings or {})}, in_process=in_process)
    finally:
        stop()
