"""A statistic: every outlet's report side by side, the preferred value, why, and the flags.

This is the page a researcher checks a conflict on: each report's evidence sentence with
the number marked, a link to the stored article, the reconciliation's explanation and
flags ("a factor of 10 above the preferred ... a translation slip?"), and the source
reliabilities reconciliation learned.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from fupin.feed.store_access import request_connection
from fupin.feed.web import data
from fupin.feed.web.charts import series_chart
from fupin.feed.web.params import ExplorerError
from fupin.feed.web.render import View, respond

router = APIRouter(include_in_schema=False)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(request_connection)]

#: Columns of the CSV: one row per report.
COLUMNS = [
    "group_id", "metric", "preferred_value", "status", "fact_id", "source", "language", "value", "bound",
    "as_of", "agrees", "flag", "flag_detail", "sentence", "article_id", "url",
]  # fmt: skip


def evidence_parts(fact: dict[str, Any] | None) -> tuple[str, str, str]:
    """The evidence sentence as (before, number, after), the number found by the fact's offsets.

    The offsets index the article text (or its title); the sentence is found around them
    there. When it cannot be placed (an edited sentence), the number is looked up in the
    sentence; failing that the sentence comes back unmarked.
    """
    if fact is None:
        return "", "", ""
    evidence = fact["evidence"]
    sentence = evidence.get("sentence") or ""
    in_title = evidence.get("field") == "title"
    source = (fact.get("article_title") if in_title else fact.get("article_text")) or ""
    start, end = evidence.get("start"), evidence.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(source)):
        return sentence, "", ""
    number = source[start:end]
    at = source.rfind(sentence, 0, start + 1) if sentence else -1
    offset = start - at if at >= 0 and end <= at + len(sentence) else sentence.find(number)
    if offset < 0:
        return sentence, "", ""
    return sentence[:offset], number, sentence[offset + len(number) :]


def place_of(record: dict[str, Any]) -> dict[str, Any]:
    """The series a statistic belongs to: its metric at its place (a region below a province by name)."""
    region = record.get("region") or {}
    below = region.get("level") not in ("province", "national")
    return {
        "metric": record["metric"],
        "level": region.get("level"),
        "province": region.get("province"),
        "region": region.get("name") if below else None,
    }


def over_time_url(place: dict[str, Any]) -> str:
    """The over-time page of a series."""
    return "/explore/over-time?" + urlencode({k: v for k, v in place.items() if v})


def _report_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The reports, flattened: one row each, with its flag if reconciliation raised one."""
    flags = {f["fact_id"]: f for f in record.get("flags") or []}
    rows = []
    for report in record["reports"]:
        fact = report.get("fact") or {}
        flag = flags.get(report["fact_id"]) or {}
        before, number, after = evidence_parts(report.get("fact"))
        rows.append(
            {
                "group_id": record["group_id"],
                "metric": record["metric"],
                "preferred_value": record["value"],
                "status": record["status"],
                "fact_id": report["fact_id"],
                "source": report.get("source"),
                "language": report.get("language") or fact.get("language"),
                "value": report["value"],
                "value_max": report.get("value_max"),
                "bound": report.get("bound"),
                "unit": record.get("unit"),
                "as_of": report.get("as_of") or fact.get("as_of"),
                "agrees": report.get("agrees"),
                "flag": flag.get("reason"),
                "flag_detail": flag.get("detail"),
                "sentence": fact.get("evidence", {}).get("sentence"),
                "evidence": (before, number, after),
                "article_id": report["article_id"],
                "article_title": fact.get("article_title"),
                "url": report.get("url") or fact.get("url"),
            }
        )
    return rows


@router.get("/explore/statistics/{group_id}")
def statistic_page(group_id: str, request: Request, connection: Con) -> Response:
    record = data.statistic(connection, group_id)
    if record is None:
        raise ExplorerError("", f"no statistic with id {group_id!r}", status=404)
    rows = _report_rows(record)
    reliability = sorted((record.get("source_reliability") or {}).items(), key=lambda kv: -kv[1])
    body = {key: value for key, value in record.items() if key != "reports"}
    body["reports"] = [{k: v for k, v in row.items() if k != "evidence"} for row in rows]
    context = {
        "title": f"{record['metric']} · {(record.get('region') or {}).get('name') or 'national'}",
        "record": record,
        "reports": rows,
        "reliability": reliability,
        "over_time_url": over_time_url(place_of(record)),
        "chart": series_chart(connection, place_of(record)),
    }
    return respond(request, View("statistic.html", context, rows, COLUMNS, body, f"statistic-{group_id}"))
