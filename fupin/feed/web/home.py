"""The explorer's front page at ``/``, for browsers; API clients asking ``/`` still get JSON.

``/`` is the feed's JSON index for programs (curl and HTTP libraries send ``Accept: */*``)
and the explorer's front page for a browser (which asks for ``text/html`` first), so the
JSON API stays where it is and a researcher who opens the server's address sees pages.
``_format=json`` or ``_format=html`` chooses explicitly.
"""

from __future__ import annotations

import duckdb
from fastapi import Request
from fastapi.responses import Response

from fupin import __version__
from fupin.feed import queries
from fupin.feed.web import data
from fupin.feed.web.render import View, respond


def wants_html(request: Request) -> bool:
    """Whether ``/`` should answer with the explorer page rather than the JSON index."""
    fmt = request.query_params.get("_format")
    if fmt:
        return fmt != "json"
    accept = request.headers.get("accept", "")
    return "text/html" in accept


def home_page(request: Request, connection: duckdb.DuckDBPyConnection) -> Response:
    """Counts, the conflicts to look at first, and the way into each view."""
    counts = queries.counts(connection)
    conflicts, _ = data.statistics(
        connection, queries.Filters(status=["conflict"]), None, ("as_of", True), 1, 20
    )
    flagged, _ = data.statistics(connection, queries.Filters(), True, ("as_of", True), 1, 20)
    context = {
        "title": "fupin fact explorer",
        "counts": counts,
        "conflicts": conflicts,
        "flagged": flagged,
        "version": __version__,
    }
    return respond(request, View("home.html", context, [counts], list(counts), {"counts": counts}, "counts"))
