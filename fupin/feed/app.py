"""The fact feed over HTTP: a FastAPI app that serves the store read-only.

``create_app(home)`` opens the store under ``home`` read-only for each request
(DuckDB lets any number of readers share a file, and a run that is writing is
waited for briefly, then answered 503 with Retry-After), so the server never
holds the store against ``fupin run``.

Endpoints (OpenAPI at ``/docs``):

- ``/facts``, ``/reconciled``, ``/officials``: lists with filters, cursor pages
  and ``since`` (see :mod:`fupin.feed.queries` for the change order);
- ``/facts/{fact_id}``, ``/reconciled/{group_id}``, ``/articles/{article_id}``;
- ``/feed.json``: JSON Feed 1.1 of new, changed and removed reconciled facts;
- ``/schema`` and ``/schema/{name}``: the JSON Schemas of the records.

``/docs`` (Swagger UI) and ``/redoc`` load their scripts and styles from the app
(``fastapi-offline`` ships them), so they render on a server without internet. A
browser opening ``/`` gets the fact explorer (:mod:`fupin.feed.web`), pages under
``/explore/``; programs asking ``/`` get the JSON index as before.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import duckdb
from fastapi import Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline

from fupin import __version__
from fupin.feed import jsonfeed, queries, web
from fupin.feed.store_access import SPEC_DIR, StoreUnavailable, request_connection, schema_names, spec_enum

Metric = Literal[spec_enum("properties", "metric")]  # type: ignore[valid-type]
Level = Literal[spec_enum("properties", "region", "properties", "level")]  # type: ignore[valid-type]
Status = Literal["single", "agreed", "conflict"]
Language = Literal["zh", "en"]

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
TEXT_MAX = 200


class ParamError(Exception):
    """A query parameter that passed type checks but means nothing (a bad date, a foreign token)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def _error_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    names = []
    for error in errors:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        names.append((loc[0] if loc else "request", error.get("msg", "invalid")))
    message = "; ".join(f"parameter '{name}': {msg}" for name, msg in names)
    return {"message": message, "detail": errors}


# --- parameters -------------------------------------------------------------------------------

TextList = Annotated[list[str] | None, Query(max_length=50)]


def _texts(values: list[str] | None, name: str) -> list[str]:
    values = [v for v in values or [] if v != ""]
    for value in values:
        if len(value) > TEXT_MAX:
            raise ParamError(name, f"longer than {TEXT_MAX} characters")
        if "\x00" in value:
            raise ParamError(name, "contains a NUL character")
    return values


def _date(value: str | None, name: str, end: bool) -> date | None:
    if value is None:
        return None
    try:
        return queries.period_end(value) if end else queries.period_start(value)
    except ValueError as exc:
        raise ParamError(name, f"not a calendar date: {exc}") from None


def _token(value: str | None, name: str, decode: Any) -> str | None:
    if value is None:
        return None
    try:
        decode(value)
    except queries.TokenError as exc:
        raise ParamError(name, str(exc)) from None
    return value


def common_filters(
    province: Annotated[
        list[str] | None, Query(description="province, e.g. Gansu (repeat for several)")
    ] = None,
    metric: Annotated[list[Metric] | None, Query(description="fact metric (metrics.md)")] = None,
    level: Annotated[list[Level] | None, Query(description="region level")] = None,
    source: Annotated[list[str] | None, Query(description="outlet, e.g. people.com.cn")] = None,
    language: Annotated[list[Language] | None, Query(description="article language")] = None,
    date_from: Annotated[
        str | None,
        Query(alias="from", pattern=DATE_PATTERN, description="as_of on or after (YYYY[-MM[-DD]])"),
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", pattern=DATE_PATTERN, description="as_of on or before (YYYY[-MM[-DD]])")
    ] = None,
) -> queries.Filters:
    filters = queries.Filters(
        province=_texts(province, "province"),
        metric=list(metric or []),
        level=list(level or []),
        source=_texts(source, "source"),
        language=list(language or []),
        date_from=_date(date_from, "from", end=False),
        date_to=_date(date_to, "to", end=True),
    )
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ParamError("from", f"{date_from} is after to={date_to}")
    return filters


class Paging:
    """cursor / since / limit, validated."""

    def __init__(
        self,
        cursor: Annotated[
            str | None, Query(max_length=TEXT_MAX * 4, description="next_cursor of the previous page")
        ] = None,
        since: Annotated[
            str | None,
            Query(
                max_length=TEXT_MAX * 4,
                description="next_since of an earlier last page (or an ISO 8601 time): what changed after it",
            ),
        ] = None,
        limit: Annotated[
            int, Query(ge=1, description=f"page size (at most {queries.MAX_LIMIT}; larger asks are capped)")
        ] = queries.DEFAULT_LIMIT,
    ) -> None:
        self.cursor = _token(cursor, "cursor", queries.decode_cursor)
        self.since = _token(since, "since", queries.decode_since)
        self.limit = min(limit, queries.MAX_LIMIT)

    def kwargs(self) -> dict[str, Any]:
        return {"cursor": self.cursor, "since": self.since, "limit": self.limit}


def _page_body(request: Request, page: queries.Page, paging: Paging) -> dict[str, Any]:
    next_url = None
    if page.next_cursor:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
        next_url = f"{request.url.path}?{urlencode([*params, ('cursor', page.next_cursor)])}"
    return {
        "items": page.items,
        "count": len(page.items),
        "limit": paging.limit,
        "next_cursor": page.next_cursor,
        "next_url": next_url,
        "next_since": page.next_since,
    }


Con = Annotated[duckdb.DuckDBPyConnection, Depends(request_connection)]
Filters = Annotated[queries.Filters, Depends(common_filters)]
Pages = Annotated[Paging, Depends(Paging)]

# --- the app ----------------------------------------------------------------------------------


def create_app(home: str | os.PathLike[str], *, base_url: str | None = None, lock_wait: float = 3.0) -> Any:
    """The feed app for the store under ``home`` (served read-only).

    ``base_url`` is the public root for links in feed.json (default: the request's);
    ``lock_wait`` is how long a request waits for a writing run before answering 503.
    """
    app = FastAPIOffline(  # Swagger UI and ReDoc assets served from the package: /docs works offline
        title="fupin fact feed",
        swagger_ui_parameters={"validatorUrl": None},  # no call to validator.swagger.io
        version=__version__,
        description=(
            "Statistics on China's employment-based poverty alleviation extracted from news, with "
            "their evidence, and reconciled across outlets. Lists are in change order and paged "
            "with `cursor`; poll with `since=<next_since>` to get only what is new or changed. "
            "Reconciled groups removed since then come as tombstones "
            '(`{"group_id": ..., "removed": true, ...}`; in /feed.json items with `_fupin.removed`), '
            "so a poller that applies the items in order holds exactly the current groups."
        ),
    )

    app.state.home = Path(home)
    app.state.lock_wait = lock_wait

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return JSONResponse(status_code=422, content=_error_body(errors))

    @app.exception_handler(ParamError)
    async def _bad_param(request: Request, exc: ParamError) -> JSONResponse:
        errors = [{"loc": ["query", exc.name], "msg": exc.message, "type": "value_error"}]
        return JSONResponse(status_code=422, content=_error_body(errors))

    @app.exception_handler(queries.TokenError)
    async def _bad_token(request: Request, exc: queries.TokenError) -> JSONResponse:
        # a token that decodes but does not fit this listing (e.g. a /reconciled token given to /facts)
        errors = [{"loc": ["query", exc.param or "since"], "msg": str(exc), "type": "value_error"}]
        return JSONResponse(status_code=422, content=_error_body(errors))

    @app.exception_handler(StoreUnavailable)
    async def _unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return JSONResponse(
            status_code=503, content={"message": str(exc)}, headers={"Retry-After": str(exc.retry_after)}
        )

    @app.get("/", summary="What this feed serves (a browser asking for HTML gets the fact explorer)")
    def index(request: Request, connection: Con) -> Any:
        if web.wants_html(request):
            return web.home_page(request, connection)
        return {
            "name": "fupin fact feed",
            "version": __version__,
            "counts": queries.counts(connection),
            "explorer": "/explore/statistics (and / in a browser)",
            "endpoints": [
                "/facts",
                "/reconciled",
                "/officials",
                "/articles/{article_id}",
                "/feed.json",
                "/schema",
                "/docs",
            ],
        }

    @app.get("/facts", summary="Facts: one statistic stated in one article, with its evidence")
    def facts(request: Request, connection: Con, filters: Filters, paging: Pages) -> dict[str, Any]:
        page = queries.facts_page(connection, filters, **paging.kwargs())
        return _page_body(request, page, paging)

    @app.get("/facts/{fact_id}", summary="One fact")
    def fact(fact_id: str, connection: Con) -> dict[str, Any]:
        return _found(queries.get_fact(connection, fact_id), "fact", fact_id)

    @app.get("/reconciled", summary="Reconciled statistics: one group of facts stating the same figure")
    def reconciled(
        request: Request,
        connection: Con,
        filters: Filters,
        paging: Pages,
        status: Annotated[list[Status] | None, Query(description="single, agreed or conflict")] = None,
    ) -> dict[str, Any]:
        filters.status = list(status or [])
        page = queries.reconciled_page(connection, filters, **paging.kwargs())
        return _page_body(request, page, paging)

    @app.get("/reconciled/{group_id}", summary="One reconciled group")
    def reconciled_one(group_id: str, connection: Con) -> dict[str, Any]:
        return _found(queries.get_reconciled(connection, group_id), "reconciled group", group_id)

    @app.get("/officials", summary="Officials and business people quoted")
    def officials(
        request: Request,
        connection: Con,
        filters: Filters,
        paging: Pages,
        name: Annotated[list[str] | None, Query(description="normalised name (or as written)")] = None,
    ) -> dict[str, Any]:
        filters.name = _texts(name, "name")
        page = queries.officials_page(connection, filters, **paging.kwargs())
        return _page_body(request, page, paging)

    @app.get("/articles/{article_id}", summary="An article: metadata, text, and its facts' evidence")
    def article(article_id: str, connection: Con) -> dict[str, Any]:
        return _found(queries.get_article(connection, article_id), "article", article_id)

    @app.get(
        "/feed.json",
        summary="JSON Feed 1.1 of new and changed reconciled facts",
        response_class=JSONResponse,
    )
    def feed(
        request: Request,
        connection: Con,
        filters: Filters,
        paging: Pages,
        status: Annotated[list[Status] | None, Query(description="single, agreed or conflict")] = None,
    ) -> JSONResponse:
        filters.status = list(status or [])
        rows, next_cursor, next_since = queries.reconciled_rows(
            connection, filters, removals=True, **paging.kwargs()
        )
        root = base_url or str(request.base_url).rstrip("/")
        next_url = None
        if next_cursor:
            params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
            next_url = f"{root}/feed.json?{urlencode([*params, ('cursor', next_cursor)])}"
        document = jsonfeed.build_feed(
            [feed_item(row, root) for row in rows], base_url=root, next_url=next_url, next_since=next_since
        )
        return JSONResponse(document, media_type="application/feed+json")

    @app.get("/schema", summary="The JSON Schemas of the records")
    def schemas() -> dict[str, Any]:
        return {"schemas": {name: f"/schema/{name}" for name in schema_names()}}

    @app.get("/schema/{name}", summary="One JSON Schema (article, fact, official, reconciled, jsonfeed)")
    def schema(name: str) -> JSONResponse:
        key = name.removesuffix(".json").removesuffix(".schema")
        if key == "jsonfeed":
            return JSONResponse(jsonfeed.SCHEMA, media_type="application/schema+json")
        if key not in schema_names():
            raise HTTPException(
                404, detail=f"no schema {name!r}; known: {', '.join(schema_names())}, jsonfeed"
            )
        text = (SPEC_DIR / f"{key}.schema.json").read_text(encoding="utf-8")
        return JSONResponse(json.loads(text), media_type="application/schema+json")

    web.install(app)
    return app


def feed_item(row: dict[str, Any], base_url: str | None) -> dict[str, Any]:
    """A reconciled row (record, updated_at, change_seq, removed?) as a JSON Feed item."""
    record = queries.reconciled_record(row) if row.get("record") else {"group_id": row["group_id"]}
    seq = row.get("change_seq")
    stamp = queries.rfc3339(row.get("updated_at"))
    if row.get("removed"):
        return jsonfeed.removal_item(record, seq=seq, removed_at=stamp)
    return jsonfeed.feed_item(
        record, seq=seq if seq is not None else stamp, updated_at=stamp, first_seen=stamp, base_url=base_url
    )


def _found(record: dict[str, Any] | None, kind: str, ident: str) -> dict[str, Any]:
    if record is None:
        raise HTTPException(404, detail=f"no {kind} with id {ident!r}")
    return record
