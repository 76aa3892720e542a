"""``fupin serve``: the JSON fact feed over HTTP, read-only."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DESCRIPTION = """\
Serve the store under $FUPIN_HOME read-only (FastAPI + uvicorn): a fact explorer
for the browser and a JSON API for programs.

  /                                 in a browser: the fact explorer (programs asking
                                    for JSON get the API's index here)
  /explore/statistics               the reconciled table: filters, facet counts, sorting
  /explore/statistics/ID            one statistic: every outlet's report side by side
  /explore/over-time, /provinces    charts of one metric (plotly.js served by the app)
  /explore/articles/ID              an article with its facts and officials marked
  /explore/officials                one row per person
                                    (every explorer view: add _format=csv or _format=json)

  /facts, /reconciled, /officials   lists with filters: province, metric, level,
                                    from, to (YYYY[-MM[-DD]]), source, language,
                                    status (reconciled), name (officials);
                                    cursor pages (cursor=, limit= up to 500) and
                                    since= (next_since of an earlier last page)
  /facts/ID, /reconciled/ID         one record
  /articles/ID                      metadata, text, and the evidence of its facts
  /feed.json                        JSON Feed 1.1 of new, changed and removed reconciled facts
  /schema/NAME                      JSON Schemas (article, fact, official, reconciled)
  /docs, /redoc                     OpenAPI documentation (assets served by the app,
                                    no network needed)

The server never writes: a run ('fupin run', 'fupin schedule') can go on while it
serves (requests made while the run writes wait briefly, then get 503 + Retry-After).
"""

EPILOG = """\
examples:
  fupin serve                                   # http://127.0.0.1:8000/ in a browser
  fupin serve --host 0.0.0.0 --port 8080 --home /srv/fupin-data
  curl 'http://127.0.0.1:8000/reconciled?province=Gansu&status=conflict'
  curl 'http://127.0.0.1:8000/feed.json?since=TOKEN'
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the fact feed over HTTP (read-only)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--home", metavar="DIR", help="data directory (default $FUPIN_HOME or ./fupin-data)")
    parser.add_argument("--base-url", metavar="URL", help="public URL of the server, for links in feed.json")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from fupin.corpus.store import database_path
    from fupin.feed.app import create_app

    home = Path(args.home or os.environ.get("FUPIN_HOME") or "fupin-data")
    if not database_path(home).exists():
        print(f"fupin serve: no store at {database_path(home)}; run 'fupin run' first", file=sys.stderr)
        return 1
    print(
        f"fupin serve: {database_path(home)} on http://{args.host}:{args.port}/ (docs at /docs)", flush=True
    )
    uvicorn.run(create_app(home, base_url=args.base_url), host=args.host, port=args.port, log_level="info")
    return 0
