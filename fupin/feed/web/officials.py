"""Officials: one row per person, with their names in both scripts, titles, organizations and articles.

People are told apart by the extractor's own identity rules
(:func:`fupin.extract.officials.identity.officials_view`: the pinyin key of the name, the
seat), so 张明远 quoted in Chinese and "Zhang Mingyuan" in English are one row here
exactly as in ``corpus.officials()``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from fupin.extract.officials.identity import officials_view
from fupin.feed.store_access import request_connection
from fupin.feed.web import data, params
from fupin.feed.web.render import View, respond

router = APIRouter(include_in_schema=False)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(request_connection)]

COLUMNS = [
    "name_zh", "name_latin", "titles", "organizations", "provinces", "mentions", "article_ids",
    "first_seen", "last_seen",
]  # fmt: skip
SORTS = ("name", "mentions", "first_seen", "last_seen")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _people(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per person from the official records (their article's date, outlet and title joined)."""
    published = {r["article_id"]: r["published"] for r in records}
    sources = {r["article_id"]: r["source"] for r in records}
    titles = {r["article_id"]: r["article_title"] for r in records}
    people = officials_view(records, published=published, sources=sources).to_dict("records")
    rows = []
    for person in people:
        names = list(person["names"]) + [a["name"] for a in person["aliases"]]
        latin = [n for n in names if not _HAN.search(n)]
        rows.append(
            {
                "name": person["name_normalized"],
                "name_zh": [n for n in names if _HAN.search(n)],
                "name_latin": latin or [person["name_normalized"].title()],
                "titles": [t["value"] for t in person["titles"]],
                "organizations": [o["value"] for o in person["organizations"]],
                "provinces": list(person["provinces"]),
                "mentions": int(person["mentions"]),
                "article_ids": list(person["articles"]),
                "articles": [{"id": a, "title": titles.get(a)} for a in person["articles"]],
                "first_seen": person["first_seen"],
                "last_seen": person["last_seen"],
            }
        )
    return rows


def _matches(row: dict[str, Any], provinces: list[str], text: str | None) -> bool:
    if provinces and not set(provinces) & set(row["provinces"]):
        return False
    if text:
        haystack = " ".join([*row["name_zh"], *row["name_latin"], row["name"], *row["organizations"]])
        return text.lower() in haystack.lower()
    return True


@router.get("/explore/officials")
def officials_page(request: Request, connection: Con) -> Response:
    query = params.Params.of(request)
    provinces = params.province_choices(query)
    text = query.one("q")
    column, descending = params.sort(query, SORTS, "-mentions")
    page, size = params.paging(query)
    rows = [r for r in _people(data.official_records(connection)) if _matches(r, provinces, text)]
    rows.sort(key=lambda r: r["name"])
    rows.sort(key=lambda r: r[column] if r[column] is not None else "", reverse=descending)
    rows.sort(key=lambda r: r[column] is None)  # unknown dates last, either way
    total = len(rows)
    shown = rows if size is None else rows[(page - 1) * size : page * size]
    body = {"rows": shown, "total": total, "page": page, "size": size}
    context = {"title": "Officials", "rows": shown, "total": total, "order": (column, descending)}
    context.update(page=page, pages=1 if size is None else max(1, -(-total // size)), sortable=SORTS)
    return respond(request, View("officials.html", context, shown, COLUMNS, body, "officials"))
