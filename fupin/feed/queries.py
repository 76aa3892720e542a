"""The feed's SQL: every query the server and the static export run on the store.

Nothing a client sends is ever formatted into SQL text: filter values, cursors
and ``since`` tokens are bound as parameters (``?``). The only SQL text built at
run time comes from the fixed fragments of this module (which filters are
present, and ``IN (?, ?, ...)`` with as many markers as values).

Change order. Every listed record has a *change key* (for reconciled groups the
store's ``change_seq``, one sequence for every insert, update and removal; for
facts and officials the time their article was extracted). Lists are ordered by
``(key, id)``; a cursor is the last ``(key, id)`` a page returned, and a
``since`` token is a key. The last page of a listing returns ``next_since``: the
highest key in the table at that moment, so a poller that passes it back gets
exactly what was written after, each change once.

Removals. A reconciled group that reconciliation removed leaves a tombstone in
``reconciled_removed`` with its own ``change_seq``. Change listings of reconciled
groups (``/reconciled?since=`` and the JSON Feed) list tombstones among the
groups, so a poller that applies the items in order (upsert a group, delete a
tombstone's group) holds exactly the store's reconciled set. Tombstones are
filtered on the group's last state (province, metric, level, status, date, member
outlets); the language filter, which looks at member facts that may be gone, lets
every tombstone through, since announcing a removal too widely is harmless and
missing one is not. A ``since`` given as a time (an ISO 8601 timestamp, or a token
of a feed older than change sequences) selects what changed after that time.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb

MAX_LIMIT = 500
DEFAULT_LIMIT = 100

_EPOCH = "1970-01-01 00:00:00"


class TokenError(ValueError):
    """A cursor or since token that this server did not write (``param``: which one, when known)."""

    param: str | None = None


@dataclass(slots=True)
class Filters:
    """Validated filter values (lists are OR-ed, different filters AND-ed)."""

    province: list[str] = field(default_factory=list)
    metric: list[str] = field(default_factory=list)
    level: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None


@dataclass(slots=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None
    next_since: str | None


# --- tokens -----------------------------------------------------------------------------------


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(token: str, kind: str) -> dict[str, Any]:
    try:
        padded = token + "=" * (-len(token) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error):
        raise TokenError(f"not a {kind} token written by this feed") from None
    if (
        not isinstance(payload, dict)
        or payload.get("t") != kind
        or not isinstance(payload.get("k"), str | int)
    ):
        raise TokenError(f"not a {kind} token written by this feed")
    return payload


def encode_cursor(key: Any, ident: str) -> str:
    return _encode({"t": "cursor", "k": _key_text(key), "id": ident})


def decode_cursor(token: str) -> tuple[str | int, str]:
    payload = _decode(token, "cursor")
    if not isinstance(payload.get("id"), str):
        raise TokenError("not a cursor token written by this feed")
    return payload["k"], payload["id"]


def encode_since(key: Any) -> str:
    return _encode({"t": "since", "k": _key_text(key)})


def decode_since(token: str) -> str | int:
    """A ``since`` token, or a plain ISO 8601 timestamp / date, to a change key."""
    try:
        return _decode(token, "since")["k"]
    except TokenError:
        try:
            moment = datetime.fromisoformat(token)
        except ValueError:
            raise TokenError(
                "not a since token from a previous response (next_since) nor an ISO 8601 timestamp"
            ) from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)  # the store keeps naive UTC
        return moment.isoformat(sep=" ")


def _key_text(key: Any) -> str | int:
    if isinstance(key, int):
        return key
    if isinstance(key, datetime):
        return key.isoformat(sep=" ")
    return str(key)


# --- dates ------------------------------------------------------------------------------------


def period_start(text: str) -> date:
    """``2020`` -> 2020-01-01, ``2020-06`` -> 2020-06-01, ``2020-06-30`` as is."""
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_end(text: str) -> date:
    """``2020`` -> 2020-12-31, ``2020-06`` -> 2020-06-30, ``2020-06-30`` as is."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], parts[1], parts[2])


# --- the tables -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Listing:
    """How one table is listed: its id column, change key and filterable columns."""

    table: str
    ident: str
    key: str
    from_sql: str
    columns: dict[str, str]  # filter name -> SQL expression (fixed text, never client input)
    date_column: str | None
    time: str | None = None  # what a time-valued ``since`` compares with (default: the key)
    watermark_sql: str | None = None  # the highest key, when the listing shows only part of the changes
    removals: bool = False  # whether tombstones (``r.removed``) are listed


_EXTRACTED = f"coalesce(x.extracted_at, TIMESTAMP '{_EPOCH}')"
_MEMBER_SOURCES = "json_extract_string(r.record, '$.members[*].source')"
_MEMBER_FACTS = "json_extract_string(r.record, '$.members[*].fact_id')"


def facts_listing() -> Listing:
    return Listing(
        table="facts",
        ident="f.fact_id",
        key=_EXTRACTED,
        from_sql="facts f LEFT JOIN extraction x ON x.article_id = f.article_id",
        columns={
            "province": "lower(f.province)",
            "metric": "f.metric",
            "level": "f.level",
            "source": "f.source",
            "language": "f.language",
        },
        date_column="f.as_of_date",
    )


def officials_listing() -> Listing:
    return Listing(
        table="officials",
        ident="o.official_id",
        key=_EXTRACTED,
        from_sql=(
            "officials o LEFT JOIN extraction x ON x.article_id = o.article_id "
            "LEFT JOIN articles a ON a.article_id = o.article_id"
        ),
        columns={
            "province": "lower(o.province)",
            "source": "a.source",
            "language": "a.language",
            "name": "coalesce(o.name_normalized, o.name)",
        },
        date_column="try_cast(left(a.published, 10) AS DATE)",
    )


_RECONCILED_FIELDS = "group_id, metric, province, level, status, as_of_date, record"
#: Groups and tombstones, as one relation with the columns the filters use.
_WITH_REMOVALS = (
    f"(SELECT {_RECONCILED_FIELDS}, updated_at, change_seq, false AS removed FROM reconciled "
    f"UNION ALL SELECT {_RECONCILED_FIELDS}, removed_at AS updated_at, change_seq, true AS removed "
    "FROM reconciled_removed) r"
)
_CHANGE_WATERMARK = (
    "SELECT max(change_seq) FROM (SELECT change_seq FROM reconciled "
    "UNION ALL SELECT change_seq FROM reconciled_removed)"
)


def reconciled_listing(con: duckdb.DuckDBPyConnection | None = None, *, removals: bool = False) -> Listing:
    """Reconciled groups in change order; with ``removals``, tombstones of removed groups among them."""
    return Listing(
        table="reconciled",
        ident="r.group_id",
        key="r.change_seq",
        from_sql=_WITH_REMOVALS if removals else "reconciled r",
        columns={
            "province": "lower(r.province)",
            "metric": "r.metric",
            "level": "r.level",
            "status": "r.status",
        },
        date_column="r.as_of_date",
        time="r.updated_at",
        watermark_sql=_CHANGE_WATERMARK,
        removals=removals,
    )


def where_clauses(listing: Listing, filters: Filters) -> tuple[list[str], list[Any]]:
    """WHERE clauses (fixed text with ``?`` markers) and their parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    for name, expression in listing.columns.items():
        values = getattr(filters, name)
        if not values:
            continue
        if name == "province":
            values = [v.lower() for v in values]
        clauses.append(f"{expression} IN ({', '.join('?' for _ in values)})")
        params.extend(values)
    if listing.table == "reconciled":
        if filters.source:
            clauses.append(
                "(" + " OR ".join(f"list_contains({_MEMBER_SOURCES}, ?)" for _ in filters.source) + ")"
            )
            params.extend(filters.source)
        if filters.language:
            markers = ", ".join("?" for _ in filters.language)
            tombstone = "r.removed OR " if listing.removals else ""
            clauses.append(
                f"({tombstone}EXISTS (SELECT 1 FROM facts mf "
                f"WHERE list_contains({_MEMBER_FACTS}, mf.fact_id) AND mf.language IN ({markers})))"
            )
            params.extend(filters.language)
    if listing.date_column and filters.date_from:
        clauses.append(f"{listing.date_column} >= ?")
        params.append(filters.date_from)
    if listing.date_column and filters.date_to:
        clauses.append(f"{listing.date_column} <= ?")
        params.append(filters.date_to)
    return clauses, params


def _key_param(listing: Listing, value: str | int) -> Any:
    """A key from a token as a typed parameter (an integer sequence or a timestamp)."""
    if listing.key.endswith("change_seq"):
        if not isinstance(value, int):
            raise TokenError("this token was written by an older version of the feed; start again without it")
        return value
    return _time_param(value)


def _time_param(value: str | int) -> datetime:
    if isinstance(value, int):
        raise TokenError("this token was written by a newer version of the feed; start again without it")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise TokenError("not a token written by this feed") from None


def _since_clause(listing: Listing, value: str | int) -> tuple[str, Any]:
    """``since``: a change number compares with the key; a time with the listing's time column."""
    if isinstance(value, int) or listing.time is None:
        return f"{listing.key} > ?", _key_param(listing, value)
    return f"{listing.time} > ?", _time_param(value)


def list_page(
    con: duckdb.DuckDBPyConnection,
    listing: Listing,
    select_sql: str,
    filters: Filters,
    *,
    cursor: str | None = None,
    since: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> tuple[list[tuple[Any, ...]], list[str], str | None, str | None]:
    """One page of rows in change order: (rows, column names, next_cursor, next_since)."""
    clauses, params = where_clauses(listing, filters)
    try:
        if since is not None:
            clause, value = _since_clause(listing, decode_since(since))
            clauses.append(clause)
            params.append(value)
    except TokenError as exc:
        exc.param = "since"
        raise
    if cursor is not None:
        key, ident = decode_cursor(cursor)
        try:
            key_value = _key_param(listing, key)
        except TokenError as exc:
            exc.param = "cursor"
            raise
        clauses.append(f"({listing.key} > ? OR ({listing.key} = ? AND {listing.ident} > ?))")
        params.extend([key_value, key_value, ident])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    limit = max(1, min(int(limit), MAX_LIMIT))
    sql = (
        f"SELECT {listing.key} AS _key, {listing.ident} AS _id, {select_sql} FROM {listing.from_sql} "
        f"{where} ORDER BY _key, _id LIMIT ?"
    )
    result = con.execute(sql, [*params, limit + 1])
    names = [d[0] for d in result.description]
    rows = result.fetchall()
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        return [r[2:] for r in rows], names[2:], encode_cursor(last[0], last[1]), None
    top = con.execute(
        listing.watermark_sql or f"SELECT max({listing.key}) FROM {listing.from_sql}"
    ).fetchone()
    high = top[0] if top and top[0] is not None else None
    if high is None:
        next_since = (
            since if since is not None else encode_since(0 if listing.key.endswith("seq") else _EPOCH)
        )
    else:
        next_since = encode_since(high)
    return [r[2:] for r in rows], names[2:], None, next_since


# --- records ----------------------------------------------------------------------------------

FACT_COLUMNS = (
    "f.fact_id, f.article_id, f.url, f.source, f.published, f.language, f.metric, f.scope, f.period, "
    "f.region_name, f.province, f.level, f.adcode, f.value, f.value_max, f.unit, f.bound, f.as_of, "
    'f.as_of_source, f.sentence, f."start", f."end", f.field, f.extractor, f.confidence'
)

OFFICIAL_COLUMNS = (
    "o.official_id, o.article_id, o.name, o.name_normalized, o.title, o.organization, o.province, "
    'o.role, o.quote_kind, o.quote, o."start", o."end", a.url, a.source'
)

RECONCILED_COLUMNS = "r.group_id, r.record, r.updated_at, r.change_seq"


def plain_number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def fact_record(row: dict[str, Any]) -> dict[str, Any]:
    """A facts row as a fact.schema.json object."""
    return {
        "fact_id": row["fact_id"],
        "article_id": row["article_id"],
        "url": row["url"],
        "source": row["source"],
        "published": row["published"],
        "language": row["language"],
        "metric": row["metric"],
        "scope": row["scope"],
        "period": row["period"],
        "region": {
            "name": row["region_name"],
            "province": row["province"],
            "level": row["level"],
            "adcode": row["adcode"],
        },
        "value": plain_number(row["value"]),
        "value_max": plain_number(row["value_max"]),
        "unit": row["unit"],
        "bound": row["bound"],
        "as_of": row["as_of"],
        "as_of_source": row["as_of_source"],
        "evidence": _evidence(row),
        "extractor": row["extractor"],
        "confidence": row["confidence"],
    }


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    """A fact's evidence; ``field`` only for a headline's statistic ("title"): absent means the text."""
    evidence = {"sentence": row["sentence"], "start": row["start"], "end": row["end"]}
    if row.get("field") not in (None, "text"):
        evidence["field"] = row["field"]
    return evidence


def official_record(row: dict[str, Any]) -> dict[str, Any]:
    """An officials row as an official.schema.json object (plus its id, URL and source)."""
    return {
        "official_id": row["official_id"],
        "article_id": row["article_id"],
        "name": row["name"],
        "name_normalized": row["name_normalized"],
        "title": row["title"],
        "organization": row["organization"],
        "province": row["province"],
        "role": row["role"],
        "quote_kind": row["quote_kind"],
        "quote": row["quote"],
        "evidence": {"start": row["start"], "end": row["end"]},
        "url": row["url"],
        "source": row["source"],
    }


def reconciled_record(row: dict[str, Any]) -> dict[str, Any]:
    """A reconciled row: the stored reconciled.schema.json object."""
    record = row["record"]
    return json.loads(record) if isinstance(record, str) else dict(record)


def rfc3339(moment: Any) -> str | None:
    """A store timestamp (naive, UTC by the store's convention) as RFC 3339."""
    if moment is None:
        return None
    text = moment.isoformat() if hasattr(moment, "isoformat") else str(moment)
    return text if ("+" in text[10:] or text.endswith("Z")) else text + "Z"


def tombstone(row: dict[str, Any]) -> dict[str, Any]:
    """The listing item of a removed group: a poller deletes ``group_id`` from its view."""
    return {
        "group_id": row["group_id"],
        "removed": True,
        "removed_at": rfc3339(row["updated_at"]),
        "change_seq": row["change_seq"],
    }


def reconciled_item(row: dict[str, Any]) -> dict[str, Any]:
    """A listed reconciled row: the record, or the tombstone of a removed group."""
    return tombstone(row) if row.get("removed") else reconciled_record(row)


def _dicts(rows: list[tuple[Any, ...]], names: list[str]) -> list[dict[str, Any]]:
    return [dict(zip(names, row, strict=True)) for row in rows]


def facts_page(con: duckdb.DuckDBPyConnection, filters: Filters, **kw: Any) -> Page:
    rows, names, cursor, since = list_page(con, facts_listing(), FACT_COLUMNS, filters, **kw)
    return Page([fact_record(r) for r in _dicts(rows, names)], cursor, since)


def officials_page(con: duckdb.DuckDBPyConnection, filters: Filters, **kw: Any) -> Page:
    rows, names, cursor, since = list_page(con, officials_listing(), OFFICIAL_COLUMNS, filters, **kw)
    return Page([official_record(r) for r in _dicts(rows, names)], cursor, since)


def reconciled_rows(
    con: duckdb.DuckDBPyConnection, filters: Filters, *, removals: bool | None = None, **kw: Any
) -> tuple[list[dict[str, Any]], str | None, str | None]:
    """Reconciled rows with their change metadata (record, updated_at, change_seq, removed).

    ``removals`` lists tombstones too (rows with ``removed`` true); by default only
    when ``since`` is given, since a listing from the start is the current set.
    """
    if removals is None:
        removals = kw.get("since") is not None
    listing = reconciled_listing(con, removals=removals)
    select = RECONCILED_COLUMNS + (", r.removed" if removals else "")
    rows, names, cursor, since = list_page(con, listing, select, filters, **kw)
    return _dicts(rows, names), cursor, since


def reconciled_page(con: duckdb.DuckDBPyConnection, filters: Filters, **kw: Any) -> Page:
    """Reconciled records; with ``since``, tombstones (:func:`tombstone`) of groups removed since."""
    rows, cursor, since = reconciled_rows(con, filters, **kw)
    return Page([reconciled_item(r) for r in rows], cursor, since)


def get_fact(con: duckdb.DuckDBPyConnection, fact_id: str) -> dict[str, Any] | None:
    result = con.execute(f"SELECT {FACT_COLUMNS} FROM facts f WHERE f.fact_id = ?", [fact_id])
    rows = _dicts(result.fetchall(), [d[0] for d in result.description])
    return fact_record(rows[0]) if rows else None


def get_reconciled(con: duckdb.DuckDBPyConnection, group_id: str) -> dict[str, Any] | None:
    row = con.execute("SELECT record FROM reconciled WHERE group_id = ?", [group_id]).fetchone()
    return reconciled_record({"record": row[0]}) if row else None


ARTICLE_COLUMNS = (
    "article_id, url, canonical_url, source, title, published, language, text, fetched_at, content_hash"
)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """An article with its other URLs, its facts and officials, and the text cut at the evidence.

    ``segments`` cut the text at its facts' evidence, ``title_segments`` the title at the
    evidence of the headline's facts (``evidence.field`` "title").
    """
    result = con.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE article_id = ?", [article_id])
    rows = _dicts(result.fetchall(), [d[0] for d in result.description])
    if not rows:
        return None
    article = rows[0]
    if article.get("fetched_at") is not None:
        article["fetched_at"] = article["fetched_at"].isoformat()
    urls = con.execute(
        "SELECT url, source FROM article_urls WHERE article_id = ? ORDER BY url", [article_id]
    ).fetchall()
    article["urls"] = [{"url": u, "source": s} for u, s in urls]
    result = con.execute(
        f'SELECT {FACT_COLUMNS} FROM facts f WHERE f.article_id = ? ORDER BY f."start", f.fact_id',
        [article_id],
    )
    article["facts"] = [fact_record(r) for r in _dicts(result.fetchall(), [d[0] for d in result.description])]
    result = con.execute(
        f"SELECT {OFFICIAL_COLUMNS} FROM officials o LEFT JOIN articles a ON a.article_id = o.article_id "
        f'WHERE o.article_id = ? ORDER BY o."start", o.official_id',
        [article_id],
    )
    article["officials"] = [
        official_record(r) for r in _dicts(result.fetchall(), [d[0] for d in result.description])
    ]
    in_title = [f for f in article["facts"] if f["evidence"].get("field") == "title"]
    in_text = [f for f in article["facts"] if f["evidence"].get("field") != "title"]
    article["segments"] = highlight(article["text"], in_text)
    article["title_segments"] = highlight(article["title"] or "", in_title)
    return article


def highlight(text: str, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut into segments; a segment that is a fact's evidence lists the fact ids.

    Concatenating the segments' ``text`` gives the article text back, so a client
    highlights evidence by wrapping the segments that carry ``fact_ids``.
    Offsets outside the text are ignored.
    """
    spans = [(f["evidence"]["start"], f["evidence"]["end"], f["fact_id"]) for f in facts]
    segments = []
    for start, end, ids in cut(text, spans):
        segment: dict[str, Any] = {"start": start, "end": end, "text": text[start:end]}
        if ids:
            segment["fact_ids"] = ids
        segments.append(segment)
    return segments


def cut(text: str, spans: list[tuple[Any, Any, str]]) -> list[tuple[int, int, list[str]]]:
    """``text`` cut at every span's ends: (start, end, ids of the spans that cover the piece).

    Spans are (start, end, id); those outside the text (or empty, or without offsets) are
    ignored, so a stale offset never breaks a page. Overlapping spans share pieces.
    """
    bounds = {0, len(text)}
    kept = []
    for start, end, ident in spans:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            kept.append((start, end, ident))
            bounds.update((start, end))
    cuts = sorted(bounds)
    return [
        (start, end, [ident for s, e, ident in kept if s <= start and end <= e])
        for start, end in zip(cuts, cuts[1:], strict=False)
    ]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the published tables (fixed table names)."""
    out = {}
    for table in ("articles", "facts", "officials", "reconciled"):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = int(row[0]) if row else 0
    return out
