"""One view, three formats: an HTML page (Jinja2), or the same rows as CSV or JSON.

A view builds a :class:`View` (its template and context for the page, its rows for CSV,
its JSON body) and :func:`respond` answers in the format asked for with ``_format``, so
what a researcher sees on a page is what the page's CSV/JSON link downloads.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates

from fupin.corpus.reconcile import fmt_value
from fupin.feed.web.params import ExplorerError, Links, Params, output_format

TEMPLATES = Path(__file__).parent / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES))


def _value(row: dict[str, Any]) -> str:
    """A value as people read it: "46,000", "95.2%", "less than 500,000 yuan"."""
    if row.get("value") is None:
        return ""
    return fmt_value(row["value"], row.get("value_max"), row.get("bound") or "exact", row.get("unit") or "")


templates.env.filters["value"] = _value


@dataclass
class View:
    """What a view shows: ``template`` + ``context`` for HTML, ``rows`` for CSV, ``body`` for JSON."""

    template: str
    context: dict[str, Any]
    rows: list[dict[str, Any]]
    columns: list[str]
    body: dict[str, Any] = field(default_factory=dict)
    filename: str = "fupin"


def _plain(value: Any) -> Any:
    """A cell for CSV: lists joined with "; ", dicts as JSON, dates as ISO text."""
    if isinstance(value, list | tuple):
        return "; ".join(str(_plain(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """Rows as CSV with a header line, in ``columns`` order (missing cells empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_plain(row.get(c)) for c in columns])
    return out.getvalue()


def respond(request: Request, view: View, status: int = 200) -> Response:
    """The view in the format the query asks for (``_format``: html, csv or json)."""
    fmt = output_format(Params.of(request))
    if fmt == "csv":
        return PlainTextResponse(
            csv_text(view.rows, view.columns),
            status_code=status,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'inline; filename="{view.filename}.csv"'},
        )
    if fmt == "json":
        body = view.body or {"rows": view.rows}
        return JSONResponse(json.loads(json.dumps(body, default=str)), status_code=status)
    context = {"links": Links(request), "view": view, **view.context}
    return templates.TemplateResponse(request, view.template, context, status_code=status)


def error_response(request: Request, exc: ExplorerError) -> Response:
    """A bad parameter or unknown id: the message (naming the parameter) in the format asked for."""
    try:
        fmt = output_format(Params.of(request))
    except ExplorerError:
        fmt = "html"
    body = {"message": exc.message, "parameter": exc.param or None}
    if fmt == "json":
        return JSONResponse(body, status_code=exc.status)
    if fmt == "csv":
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)
    context = {"links": Links(request), "message": exc.message, "status": exc.status}
    return HTMLResponse(
        templates.get_template("error.html").render(request=request, **context), status_code=exc.status
    )
