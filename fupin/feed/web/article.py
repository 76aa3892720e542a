"""An article with every extracted fact and official marked in place, to audit the extractor.

The marks come from the stored offsets, not from searching the text again, so a wrong
offset shows as a wrong mark: that is the point of the page. Each mark links to its row
in the table below (metric, value, date, place; name, title, organization) and each
fact to the statistic it was reconciled into.
"""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from fupin.feed import queries
from fupin.feed.store_access import request_connection
from fupin.feed.web import data
from fupin.feed.web.params import ExplorerError
from fupin.feed.web.render import View, respond

router = APIRouter(include_in_schema=False)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(request_connection)]

COLUMNS = [
    "kind", "id", "field", "start", "end", "marked", "metric", "value", "unit", "as_of", "region",
    "name", "title", "organization", "group_id",
]  # fmt: skip


def annotations(article: dict[str, Any], groups: dict[str, str]) -> list[dict[str, Any]]:
    """Facts and officials as rows with their offsets and the text those offsets mark."""
    rows = []
    for fact in article["facts"]:
        field = fact["evidence"].get("field") or "text"
        start, end = fact["evidence"]["start"], fact["evidence"]["end"]
        source = (article["title"] if field == "title" else article["text"]) or ""
        rows.append(
            {
                "kind": "fact", "id": fact["fact_id"], "field": field, "start": start, "end": end,
                "marked": source[start:end] if isinstance(start, int) and isinstance(end, int) else None,
                "metric": fact["metric"], "value": fact["value"], "value_max": fact.get("value_max"),
                "bound": fact.get("bound"), "unit": fact.get("unit"), "as_of": fact.get("as_of"),
                "region": (fact.get("region") or {}).get("name"), "group_id": groups.get(fact["fact_id"]),
            }
        )  # fmt: skip
    for official in article["officials"]:
        start, end = official["evidence"]["start"], official["evidence"]["end"]
        text = article["text"] or ""
        rows.append(
            {
                "kind": "official", "id": official["official_id"], "field": "text",
                "start": start, "end": end,
                "marked": text[start:end] if isinstance(start, int) and isinstance(end, int) else None,
                "name": official["name"], "title": official.get("title"),
                "organization": official.get("organization"),
            }
        )  # fmt: skip
    return rows


def marked_segments(text: str, rows: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """``text`` cut into pieces; a piece under marks lists them (kind and id) for the template."""
    by_id = {row["id"]: row for row in rows if row["field"] == field}
    spans = [(row["start"], row["end"], row["id"]) for row in by_id.values()]
    pieces = queries.cut(text, spans)
    return [{"text": text[start:end], "marks": [by_id[i] for i in ids]} for start, end, ids in pieces]


@router.get("/explore/articles/{article_id}")
def article_page(article_id: str, request: Request, connection: Con) -> Response:
    article = queries.get_article(connection, article_id)
    if article is None:
        raise ExplorerError("", f"no article with id {article_id!r}", status=404)
    rows = annotations(article, data.groups_of_article(connection, article_id))
    body = {k: v for k, v in article.items() if k not in ("segments", "title_segments")}
    body["annotations"] = rows
    context = {
        "title": article["title"] or article_id,
        "article": article,
        "rows": rows,
        "text_segments": marked_segments(article["text"] or "", rows, "text"),
        "title_segments": marked_segments(article["title"] or "", rows, "title"),
    }
    return respond(request, View("article.html", context, rows, COLUMNS, body, f"article-{article_id}"))
