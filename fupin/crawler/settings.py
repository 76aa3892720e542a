"""Scrapy settings of the fupin crawler: polite and unattended by default.

A scheduled crawl of government and newspaper sites must never be the reason a
site blocks the project: robots.txt is obeyed, AutoThrottle adapts the pace to
the server's latency, each domain gets at most a few parallel requests, and the
User-Agent says who is crawling and why. It must also never hang or die on one
bad site: timeouts, retries with back-off on 5xx and timeouts, a response size
cap, and the trap guard (fupin.crawler.middlewares) bound the work per site.

Settings a deployment may want to change: FUPIN_HOME (the store), FUPIN_SOURCES,
CONCURRENT_REQUESTS_PER_DOMAIN, DOWNLOAD_DELAY, AUTOTHROTTLE_*, DOWNLOAD_TIMEOUT,
DOWNLOAD_MAXSIZE, FUPIN_RETRY_BACKOFF_BASE / _MAX, and for a crawl shared by many
processes FUPIN_REDIS_URL (fupin.crawler.distributed, docs/scale.md).
"""

from __future__ import annotations

import os

from fupin import __version__

BOT_NAME = "fupin"
SPIDER_MODULES = ["fupin.crawler.spiders"]
NEWSPIDER_MODULE = "fupin.crawler.spiders"

USER_AGENT = (
    f"fupin-research-crawler/{__version__} (academic news crawler for poverty-alleviation "
    "statistics; obeys robots.txt; low request rate)"
)
ROBOTSTXT_OBEY = True

# Pace: a few requests per domain at a time, adapted to the server's latency.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Robustness: bounded time and size per response, retries with exponential back-off.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
FUPIN_RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry; doubles each time
FUPIN_RETRY_BACKOFF_MAX = 60.0
REDIRECT_MAX_TIMES = 10
DEPTH_LIMIT = 0  # each source has its own depth_limit (list-page hops, at most 50)
DNS_TIMEOUT = 20

# Breadth-first by depth keeps list pages ahead of their older pages.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
# Requests stay in memory while the crawl runs and go to JOBDIR's disk queue when it stops
# (fupin.crawler.scheduler: the per-request disk queue was 8% of the reactor's time).
SCHEDULER = "fupin.crawler.scheduler.SpillOnCloseScheduler"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

DOWNLOADER_MIDDLEWARES = {
    "fupin.crawler.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "fupin.crawler.middlewares.IncrementalMiddleware": 560,
}
# The trap guard (fupin.crawler.middlewares.TrapGuardMiddleware) is applied by the news spider itself.
SPIDER_MIDDLEWARES: dict[str, int] = {}
ITEM_PIPELINES = {
    "fupin.crawler.pipelines.StorePipeline": 300,
}
# An unattended crawler opens no control ports.
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
}
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Where the store lives; the job state (JOBDIR) for resuming goes under it.
FUPIN_HOME = os.environ.get("FUPIN_HOME", "fupin-data")
FUPIN_SOURCES = os.environ.get("FUPIN_SOURCES", "sources.toml")
FUPIN_MAX_ARTICLES = 0  # 0: no limit
# The store pipeline writes its queue in one transaction every this many articles or seconds.
FUPIN_STORE_BATCH = 100
FUPIN_STORE_FLUSH_S = 2.0
# Write the batches in a thread beside the reactor. Off by default: on a busy two-core machine it did
# not raise throughput (benchmarks/bench_crawl.py, same wall ratio) and cost ~0.5 ms more CPU per page.
FUPIN_STORE_THREAD = os.environ.get("FUPIN_STORE_THREAD", "0") in ("1", "true", "True")
# Processes that analyse article pages (main text, dates, hashes) beside the reactor; "auto": one
# where there is a second core, else 0 (inline). fupin.crawler.offload.
FUPIN_EXTRACT_WORKERS = os.environ.get("FUPIN_EXTRACT_WORKERS", "auto")
# Each callback's output goes through this many parallel item slots (Scrapy's default, 100, makes 100
# asyncio tasks per response; an article page yields one item, a list page some requests).
CONCURRENT_ITEMS = 8
# Trap guard: URLs longer than this, or with a path segment repeated this often, are traps.
FUPIN_MAX_URL_LENGTH = 512
FUPIN_MAX_REPEATED_SEGMENT = 3
FUPIN_MAX_CALENDAR_PAGES = 60

# A crawl shared by many processes (docs/scale.md): a Redis scheduler and dupefilter, and
# per-process spool files merged into the store by one writer. Empty: a single-process crawl.
FUPIN_REDIS_URL = os.environ.get("FUPIN_REDIS_URL", "")
FUPIN_REDIS_PREFIX = "fupin"  # Redis keys: <prefix>:<spider>:requests / :dupefilter / :workers / :busy
FUPIN_REDIS_IDLE_TIMEOUT = 30.0  # seconds the whole crawl must be idle before a process stops
FUPIN_SPOOL_MERGE = True  # each process merges the finished spools into the store when it ends
FUPIN_SPOOL_MERGE_WAIT = 120.0  # seconds to wait for the store's writer lock
if FUPIN_REDIS_URL:  # `scrapy crawl news` with FUPIN_REDIS_URL set
    from fupin.crawler.distributed import redis_settings as _redis_settings

    globals().update(_redis_settings(FUPIN_REDIS_URL))

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
