"""The fact explorer: HTML pages over the store, in the spirit of Datasette, made for the fact table.

Pages (each also CSV or JSON with the same filters: add ``_format=csv`` or ``_format=json``):

- ``/``: the front page for browsers (API clients get the JSON index there, as before);
- ``/explore/statistics``: reconciled statistics with filters, facets, sorting and pages;
- ``/explore/statistics/{group_id}``: every outlet's report of one statistic, the flags;
- ``/explore/over-time``: one metric for one place across dates (chart and table);
- ``/explore/provinces``: the latest value of one metric per province, ranked;
- ``/explore/articles/{article_id}``: an article with its facts and officials marked;
- ``/explore/officials``: one row per person.

Query-string conventions are in :mod:`fupin.feed.web.params`.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response

from fupin.feed.web import article, assets, charts, officials, statistic, statistics
from fupin.feed.web.home import home_page, wants_html
from fupin.feed.web.params import ExplorerError
from fupin.feed.web.render import error_response

__all__ = ["ExplorerError", "home_page", "install", "wants_html"]


def install(app: FastAPI) -> None:
    """Add the explorer's pages, its static files and its error pages to the feed app."""
    for module in (statistics, statistic, charts, article, officials):
        app.include_router(module.router)
    assets.mount(app)

    @app.exception_handler(ExplorerError)
    async def _explorer_error(request: Request, exc: ExplorerError) -> Response:
        return error_response(request, exc)
