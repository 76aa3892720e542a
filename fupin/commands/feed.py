"""``fupin feed export DIR``: the fact feed as static files."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DESCRIPTION = """\
Write the JSON fact feed of the store as static files, for hosting without a
server (any static web host, an object store, a shared folder):

  facts.jsonl, reconciled.jsonl, officials.jsonl   the records /facts, /reconciled
                                                   and /officials serve, same order
  feed.json                                        JSON Feed 1.1 of the reconciled facts
  schema/*.schema.json                             the record schemas
  index.json                                       counts, time, next_since tokens

Files are replaced atomically, so a server never hands out half a file.
'fupin run' writes this export to $FUPIN_HOME/feed after every run.
"""

EPILOG = """\
examples:
  fupin feed export public/
  fupin feed export /var/www/fupin --base-url https://data.example.org/fupin
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "feed",
        help="publish the fact feed as static files",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    export = actions.add_parser(
        "export",
        help="write the feed files into DIR",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("dir", metavar="DIR", help="output directory (created if missing)")
    export.add_argument("--home", metavar="DIR", help="data directory (default $FUPIN_HOME or ./fupin-data)")
    export.add_argument("--base-url", metavar="URL", help="where DIR will be served, for links in feed.json")
    export.set_defaults(func=run)
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def run(args: argparse.Namespace) -> int:
    from fupin.feed.export import export_feed
    from fupin.feed.store_access import StoreUnavailable

    home = Path(args.home or os.environ.get("FUPIN_HOME") or "fupin-data")
    try:
        index = export_feed(home, args.dir, base_url=args.base_url)
    except StoreUnavailable as exc:
        print(f"fupin feed export: {exc}", file=sys.stderr)
        return 1
    counts = index["counts"]
    print(
        f"fupin feed export: {counts['facts']} facts, {counts['reconciled']} reconciled, "
        f"{counts['officials']} officials -> {Path(args.dir).resolve()}",
        file=sys.stderr,
    )
    return 0
