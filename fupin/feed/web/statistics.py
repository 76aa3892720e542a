"""The statistics table: reconciled statistics with filters, facet counts, sorting and pages.

Modelled on a Datasette table page: filters in the query string, a facet column per
filter with the count of each value (a click adds or removes it), column headings that
sort, and a link per row to the statistic with every outlet's report.
"""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from fupin.feed.store_access import request_connection
from fupin.feed.web import data, params
from fupin.feed.web.render import View, respond

router = APIRouter(include_in_schema=False)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(request_connection)]

#: Columns of the page, the CSV and the JSON rows, in order.
COLUMNS = list(data.COLUMNS)
DEFAULT_SORT = "-as_of"


@router.get("/explore")
def explore() -> RedirectResponse:
    """``/explore`` itself: the statistics table is where exploring starts."""
    return RedirectResponse("/explore/statistics")


@router.get("/explore/statistics")
def statistics_page(request: Request, connection: Con) -> Response:
    """The table; the same filters give the same rows as CSV/JSON (``_format``)."""
    query = params.Params.of(request)
    filters = params.statistic_filters(query)
    flagged = params.flagged(query)
    order = params.sort(query, data.SORTS, DEFAULT_SORT)
    page, size = params.paging(query)
    rows, total = data.statistics(connection, filters, flagged, order, page, size)
    for row in rows:
        row["url"] = f"/explore/statistics/{row['group_id']}"
    facets = data.statistic_facets(connection, filters, flagged)
    pages = 1 if size is None else max(1, -(-total // size))
    links = params.Links(request)
    next_url = links.set(_page=page + 1) if page < pages else None
    body = {
        "rows": rows,
        "total": total,
        "page": page,
        "size": size,
        "sort": ("-" if order[1] else "") + order[0],
        "facets": {name: [{"value": v, "count": n} for v, n in values] for name, values in facets.items()},
        "next_url": next_url,
    }
    context = {
        "title": "Statistics",
        "rows": rows,
        "total": total,
        "page": page,
        "pages": pages,
        "size": size,
        "order": order,
        "sortable": list(data.SORTS),
        "facets": facets,
        "next_url": next_url,
        "prev_url": links.set(_page=page - 1) if page > 1 else None,
        "shown": ["metric", "province", "region", "level", "as_of", "value", "status", "reports", "flags"],
    }
    return respond(request, View("statistics.html", context, rows, [*COLUMNS, "url"], body, "statistics"))
