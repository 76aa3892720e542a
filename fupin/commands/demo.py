"""``fupin demo``: serve the project's demo news site and crawl it into a fresh store."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

DESCRIPTION = """\
Serve the project's own demo news site on 127.0.0.1 and crawl it end to end
into a fresh store: three outlets written for fupin (a GBK People's-Daily-like
site with paginated list pages, a Xinhua-like site with a sitemap, an English
China-Daily-like site with an RSS feed), with robots.txt, a page whose HTTP
header and <meta charset> disagree, one story reprinted by two outlets and one
off-topic story. Nothing leaves this machine. Extraction then runs on what was
stored; `fupin run --demo` goes on to reconciliation and the feed.
"""

EPILOG = """\
examples:
  fupin demo                      crawl into ./fupin-demo (a previous demo store there is replaced)
  fupin demo --home /tmp/demo
  fupin demo --serve              only serve the site, until Ctrl-C (browse or crawl it yourself)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="crawl the built-in demo news site into a fresh store",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--home", default="fupin-demo", metavar="DIR", help="store directory (default ./fupin-demo)"
    )
    parser.add_argument("--serve", action="store_true", help="only serve the demo site until interrupted")
    parser.add_argument("--port", type=int, default=0, help="port for --serve (default: a free one)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from fupin.demo import run_demo_crawl, serve_demo_site, write_demo_sources

    if args.serve:
        url, stop = serve_demo_site(args.port)
        sources = write_demo_sources(args.home, url)
        print(f"demo site at {url}/ ; sources file {sources}\ncrawl it with: fupin crawl --sources {sources}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            stop()
        return 0
    home = Path(args.home)
    if home.exists() and any(home.iterdir()):
        if not (home / "demo-sources.toml").exists():
            print(f"fupin demo: {home} exists and is not a demo store; give an empty --home", file=sys.stderr)
            return 2
        shutil.rmtree(home)  # a fresh store every time: the demo shows a first crawl
    summary = run_demo_crawl(home)
    print(summary.format())
    if summary.finish_reason != "finished":
        return 1
    from fupin.corpus.extraction import extract_store
    from fupin.corpus.store import Store

    with Store.open(home, wait=30.0) as store:
        counts = extract_store(store)
    print(f"extraction: {counts['articles']} articles, {counts['facts']} facts, ", end="")
    print(f"{counts['officials']} officials, {counts['quarantined']} quarantined")
    for problem in counts["problems"]:
        print(problem)
    print(f"store: {home.resolve()}  (fupin run --demo also reconciles and writes the feed)")
    return 0
