"""Over time: one metric for one place across as_of dates, and a province ranking for one metric.

Both pages carry their data twice: as a table (readable without JavaScript, and what the
CSV/JSON formats give) and as JSON in the page for the chart, which static/charts.js
draws with the plotly.js that the ``plotly`` package ships (served by the app, no CDN).
"""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from fupin.feed.store_access import request_connection
from fupin.feed.web import data, params
from fupin.feed.web.params import ExplorerError
from fupin.feed.web.render import View, respond

router = APIRouter(include_in_schema=False)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(request_connection)]

SERIES_COLUMNS = [
    "as_of", "region", "group_id", "status", "preferred_value", "unit", "source", "language",
    "reported_value", "reported_as_of", "agrees",
]  # fmt: skip
RANKING_COLUMNS = ["rank", "province", "value", "unit", "as_of", "status", "sources", "group_id"]
_PLACE = ("metric", "level", "province", "region")


def _choose_series(connection: duckdb.DuckDBPyConnection, query: params.Params) -> dict[str, Any]:
    """The series asked for; with no choice at all, the one with the most dates (a useful first look)."""
    if not any(query.values(name) for name in _PLACE):
        choices = data.series_choices(connection)
        return {k: choices[0][k] for k in _PLACE} if choices else dict.fromkeys(_PLACE)
    metric = params.choices(query, "metric", params.metrics())
    if not metric:
        raise ExplorerError("metric", "choose a metric (e.g. metric=workshops)")
    level = params.choices(query, "level", params.levels()) or ["province"]
    province = params.province_choices(query)
    return {
        "metric": metric[-1],
        "level": level[-1],
        "province": province[-1] if province else None,
        "region": query.one("region"),
    }


def _series_rows(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(points of the reconciled line, one row per outlet's report) of a series."""
    points, reports = [], []
    for record in records:
        region = (record.get("region") or {}).get("name")
        flags = {f["fact_id"] for f in record.get("flags") or []}
        points.append(
            {
                "as_of": record.get("as_of"),
                "value": record["value"],
                "status": record["status"],
                "region": region,
                "group_id": record["group_id"],
                "flagged": bool(flags),
            }
        )
        for member in record["members"]:
            reports.append(
                {
                    "as_of": record.get("as_of"),
                    "region": region,
                    "group_id": record["group_id"],
                    "status": record["status"],
                    "preferred_value": record["value"],
                    "unit": record.get("unit"),
                    "source": member.get("source"),
                    "language": member.get("language"),
                    "reported_value": member["value"],
                    "reported_as_of": member.get("as_of"),
                    "agrees": member.get("agrees"),
                    "flagged": member["fact_id"] in flags,
                    "article_id": member["article_id"],
                }
            )
    return points, reports


def series_chart(connection: duckdb.DuckDBPyConnection, place: dict[str, Any]) -> dict[str, Any]:
    """The data of a series chart: the place, the reconciled points and every outlet's reports."""
    records = data.series(connection, **place) if place["metric"] else []
    points, reports = _series_rows(records)
    unit = next((r.get("unit") for r in records if r.get("unit")), None)
    return {"kind": "series", **place, "unit": unit, "points": points, "reports": reports}


@router.get("/explore/over-time")
def over_time_page(request: Request, connection: Con) -> Response:
    query = params.Params.of(request)
    place = _choose_series(connection, query)
    chart = series_chart(connection, place)
    reports = chart["reports"]
    context = {
        "title": "Over time",
        "place": place,
        "chart": chart,
        "points": chart["points"],
        "reports": reports,
        "choices": data.series_choices(connection),
        "metrics": params.metrics(),
        "levels": params.levels(),
    }
    name = f"over-time-{place['metric']}-{place['province'] or place['level']}"
    return respond(request, View("over_time.html", context, reports, SERIES_COLUMNS, chart, name))


@router.get("/explore/provinces")
def provinces_page(request: Request, connection: Con) -> Response:
    query = params.Params.of(request)
    metric = params.choices(query, "metric", params.metrics())
    menu = data.metric_counts(connection, level="province")
    chosen = metric[-1] if metric else (menu[0][0] if menu else None)
    until = params.day(query, "to", end=True)
    rows = data.province_ranking(connection, chosen, until) if chosen else []
    chart = {"kind": "ranking", "metric": chosen, "to": until, "rows": rows}
    body = {"metric": chosen, "to": until, "rows": rows}
    context = {"title": "Provinces", **body, "menu": menu, "chart": chart}
    view = View("provinces.html", context, rows, RANKING_COLUMNS, body, f"provinces-{chosen}")
    return respond(request, view)
