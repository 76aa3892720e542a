"""``fupin crawl``: crawl the configured outlets into the corpus store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DESCRIPTION = """\
Crawl the news outlets listed in a sources file (TOML) into the corpus store.

For every article that mentions one of the source's topic keywords the store
keeps the canonical URL, outlet, title, publication date, main text, language,
fetch time and content hash, and the raw HTTP response goes into a WARC file
under the store's home. The crawl is polite (robots.txt, AutoThrottle, a few
requests per site at a time, a descriptive User-Agent), incremental (stored
URLs are not fetched again; list pages are asked with If-None-Match /
If-Modified-Since) and resumable (stop it with Ctrl-C, or kill it, and run the
same command again). It ends with a summary: pages fetched, articles kept,
duplicates (reprints included), errors by kind.

Shared crawl: with --redis URL (or $FUPIN_REDIS_URL) any number of `fupin crawl`
processes, on one machine or many, share one Redis-backed queue and dupefilter:
every URL is fetched once, the crawl resumes from Redis after a stop, and a
process ends when the whole crawl has been idle for FUPIN_REDIS_IDLE_TIMEOUT
seconds (default 30). Each process writes its articles to a spool file under
$FUPIN_HOME/spool and merges the finished spools into the store when it ends
(one writer at a time); `fupin crawl --merge` merges whatever is left.
See docs/scale.md.
"""

EPILOG = """\
examples:
  fupin crawl --sources sources.toml
  fupin crawl --sources sources.toml --max-articles 200 --home /data/fupin
  fupin crawl --sources sources.toml --source people.com.cn --source xinhuanet.com
  scrapy crawl news -a sources=sources.toml      (the same spider, run the Scrapy way)
  fupin crawl --sources sources.toml --redis redis://10.0.0.5:6379/0   (start on every machine)
  fupin crawl --sources sources.toml --redis redis://localhost:6379 -s FUPIN_REDIS_IDLE_TIMEOUT=10
  fupin crawl --merge                            (load spools left by killed processes)

The store is $FUPIN_HOME (default ./fupin-data) unless --home is given.
Exit status: 0 when the crawl ran to its end (or to --max-articles), 1 otherwise,
2 for a bad sources file.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "crawl",
        help="crawl news outlets into the store",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sources", default="sources.toml", metavar="FILE", help="sources file (sources.toml)"
    )
    parser.add_argument("--home", metavar="DIR", help="store directory (default $FUPIN_HOME or ./fupin-data)")
    parser.add_argument("--max-articles", type=int, default=0, metavar="N", help="stop after N new articles")
    parser.add_argument(
        "--source", action="append", metavar="NAME", help="crawl only this source (repeatable)"
    )
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="override a Scrapy setting"
    )
    parser.add_argument("--log-level", default="INFO", help="Scrapy log level (default INFO)")
    parser.add_argument(
        "--redis",
        metavar="URL",
        default=os.environ.get("FUPIN_REDIS_URL") or None,
        help="share the crawl with other processes through this Redis (default $FUPIN_REDIS_URL)",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="only merge the spool files of shared crawls into the store, then exit",
    )
    parser.set_defaults(func=run)


def merge(home: Path) -> int:
    """``fupin crawl --merge``: load every finished spool into the store."""
    from fupin.corpus.store import StoreError
    from fupin.crawler.spool import merge_spools

    try:
        summary = merge_spools(home, wait=120.0)
    except StoreError as exc:
        print(f"fupin crawl --merge: {exc}", file=sys.stderr)
        return 1
    print(summary.format())
    for name in summary.left:
        print(f"  still being written: {name}")
    return 0


def run(args: argparse.Namespace) -> int:
    from fupin.crawler.run import run_crawl
    from fupin.crawler.sources import SourcesError

    home = Path(args.home or os.environ.get("FUPIN_HOME") or "fupin-data")
    if args.merge:
        return merge(home)
    overrides: dict[str, object] = {"LOG_LEVEL": args.log_level}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep:
            print(f"fupin crawl: --set needs NAME=VALUE, got {item!r}", file=sys.stderr)
            return 2
        overrides[name.strip()] = value
    if args.max_articles < 0:
        print("fupin crawl: --max-articles must be 0 or more", file=sys.stderr)
        return 2
    try:
        summary = run_crawl(
            args.sources, home, args.max_articles or None, overrides, args.source, redis_url=args.redis
        )
    except SourcesError as exc:
        print(f"fupin crawl: {exc}", file=sys.stderr)
        return 2
    print(summary.format())
    return 0 if summary.finish_reason in ("finished", "max_articles") else 1
