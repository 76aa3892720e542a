"""The explorer's reads from the store, built on the feed's filters (fupin.feed.queries).

The explorer lists in the researcher's order (sorted, paged by offset, with totals and
facet counts) where the API lists in change order with cursors; both take the same
:class:`~fupin.feed.queries.Filters` and the same WHERE clauses, so a filter means the
same thing on a page and in the API. As there, no client text is formatted into SQL:
sort columns come from the fixed :data:`SORTS` map, values are bound as ``?``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import duckdb

from fupin.feed import queries

_FLAGS = "coalesce(json_array_length(json_extract(r.record, '$.flags')), 0)"

#: The statistics table's columns: name -> SQL expression.
COLUMNS = {
    "group_id": "r.group_id",
    "metric": "r.metric",
    "province": "r.province",
    "region": "r.region_name",
    "level": "r.level",
    "as_of": "r.as_of",
    "value": "r.value",
    "bound": "r.bound",
    "unit": "json_extract_string(r.record, '$.unit')",
    "status": "r.status",
    "reports": "r.n_members",
    "sources": "r.n_sources",
    "flags": _FLAGS,
    "flag_reasons": "array_to_string(json_extract_string(r.record, '$.flags[*].reason'), ', ')",
}

#: Sortable columns: name -> SQL expression (fixed text).
SORTS = {
    "as_of": "r.as_of_date",
    "value": "r.value",
    "metric": "r.metric",
    "province": "r.province",
    "region": "r.region_name",
    "level": "r.level",
    "status": "r.status",
    "reports": "r.n_members",
    "flags": _FLAGS,
}

#: Facets of the statistics table: filter name -> SQL expression of its value.
FACETS = {
    "status": "r.status",
    "metric": "r.metric",
    "province": "r.province",
    "level": "r.level",
    "flagged": f"CASE WHEN {_FLAGS} > 0 THEN 'yes' ELSE 'no' END",
}


def _statistic_where(filters: queries.Filters, flagged: bool | None) -> tuple[str, list[Any]]:
    clauses, params = queries.where_clauses(queries.reconciled_listing(), filters)
    if flagged is not None:
        clauses.append(f"{_FLAGS} {'>' if flagged else '='} 0")
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def _dicts(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def statistics(
    con: duckdb.DuckDBPyConnection,
    filters: queries.Filters,
    flagged: bool | None,
    order: tuple[str, bool],
    page: int,
    size: int | None,
) -> tuple[list[dict[str, Any]], int]:
    """One page of the reconciled table, sorted, and the number of rows matching the filters."""
    where, params = _statistic_where(filters, flagged)
    total = con.execute(f"SELECT count(*) FROM reconciled r {where}", params).fetchone()
    column, descending = order
    select = ", ".join(f"{sql} AS {name}" for name, sql in COLUMNS.items())
    sql = (
        f"SELECT {select} FROM reconciled r {where} "
        f"ORDER BY {SORTS[column]} {'DESC' if descending else 'ASC'} NULLS LAST, r.group_id"
    )
    if size is not None:
        sql += f" LIMIT {int(size)} OFFSET {int((page - 1) * size)}"
    rows = _dicts(con.execute(sql, params))
    for row in rows:
        row["value"] = queries.plain_number(row["value"])
    return rows, int(total[0]) if total else 0


def statistic_facets(
    con: duckdb.DuckDBPyConnection, filters: queries.Filters, flagged: bool | None
) -> dict[str, list[tuple[str, int]]]:
    """Counts per value of each facet, as Datasette shows them.

    A facet counts under every filter but its own, so the values one could add to the
    current choice (an OR within the facet) are listed with how many rows they would add.
    """
    out = {}
    for name, expression in FACETS.items():
        if name == "flagged":
            where, params = _statistic_where(filters, None)
        else:
            where, params = _statistic_where(replace(filters, **{name: []}), flagged)
        rows = con.execute(
            f"SELECT {expression} AS v, count(*) AS n FROM reconciled r {where} "
            "GROUP BY v HAVING v IS NOT NULL ORDER BY n DESC, v",
            params,
        ).fetchall()
        out[name] = [(str(v), int(n)) for v, n in rows]
    return out


def _facts(con: duckdb.DuckDBPyConnection, fact_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Fact records by id, with their article's title and text (to place the evidence)."""
    if not fact_ids:
        return {}
    markers = ", ".join("?" for _ in fact_ids)
    result = con.execute(
        f"SELECT {queries.FACT_COLUMNS}, a.title AS article_title, a.text AS article_text "
        f"FROM facts f LEFT JOIN articles a ON a.article_id = f.article_id WHERE f.fact_id IN ({markers})",
        fact_ids,
    )
    out = {}
    for row in _dicts(result):
        record = queries.fact_record(row)
        record["article_title"] = row["article_title"]
        record["article_text"] = row["article_text"]
        out[row["fact_id"]] = record
    return out


def statistic(con: duckdb.DuckDBPyConnection, group_id: str) -> dict[str, Any] | None:
    """A reconciled record with each member's fact (evidence, language, as_of) as ``reports``."""
    record = queries.get_reconciled(con, group_id)
    if record is None:
        return None
    facts = _facts(con, [m["fact_id"] for m in record["members"]])
    record["reports"] = [{**m, "fact": facts.get(m["fact_id"])} for m in record["members"]]
    return record


def series(
    con: duckdb.DuckDBPyConnection, metric: str, level: str, province: str | None, region: str | None
) -> list[dict[str, Any]]:
    """Reconciled records of one metric for one place, in as_of order (the line of the chart)."""
    clauses = ["r.metric = ?", "r.level = ?"]
    params: list[Any] = [metric, level]
    if province is not None:
        clauses.append("lower(r.province) = ?")
        params.append(province.lower())
    if region is not None:
        clauses.append("r.region_name = ?")
        params.append(region)
    rows = con.execute(
        f"SELECT r.record FROM reconciled r WHERE {' AND '.join(clauses)} "
        "ORDER BY r.as_of_date NULLS LAST, r.group_id",
        params,
    ).fetchall()
    return [queries.reconciled_record({"record": row[0]}) for row in rows]


def series_choices(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every (metric, level, province, region) with reconciled values, most dates first."""
    result = con.execute(
        "SELECT metric, level, province, region_name AS region, count(DISTINCT as_of_date) AS dates, "
        "count(*) AS statistics FROM reconciled GROUP BY ALL "
        "ORDER BY dates DESC, statistics DESC, metric, level, province NULLS FIRST, region"
    )
    return _dicts(result)


def province_ranking(
    con: duckdb.DuckDBPyConnection, metric: str, date_to: Any | None
) -> list[dict[str, Any]]:
    """Each province's latest province-level reconciled value of ``metric`` (up to ``date_to``).

    Only province-level statistics count: a county's figure is not its province's.
    Ranked by value, largest first.
    """
    params: list[Any] = [metric]
    until = ""
    if date_to is not None:
        until = "AND r.as_of_date <= ?"
        params.append(date_to)
    result = con.execute(
        "SELECT province, value, unit, as_of, status, group_id, sources FROM ("
        "SELECT r.province, r.value, json_extract_string(r.record, '$.unit') AS unit, r.as_of, r.status, "
        "r.group_id, r.n_sources AS sources, row_number() OVER (PARTITION BY r.province "
        "ORDER BY r.as_of_date DESC NULLS LAST, r.n_sources DESC, r.group_id) AS latest "
        "FROM reconciled r WHERE r.metric = ? AND r.level = 'province' AND r.province IS NOT NULL "
        f"{until}) WHERE latest = 1 ORDER BY value DESC, province",
        params,
    )
    rows = _dicts(result)
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
        row["value"] = queries.plain_number(row["value"])
    return rows


def metric_counts(con: duckdb.DuckDBPyConnection, level: str | None = None) -> list[tuple[str, int]]:
    """Metrics with reconciled statistics (at ``level``), most first: the choices of a metric menu."""
    where, params = ("WHERE level = ?", [level]) if level else ("", [])
    rows = con.execute(
        f"SELECT metric, count(*) AS n FROM reconciled {where} GROUP BY metric ORDER BY n DESC, metric",
        params,
    ).fetchall()
    return [(str(m), int(n)) for m, n in rows]


def groups_of_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, str]:
    """fact id -> group id for the facts of one article (to link its highlights to their statistic)."""
    rows = con.execute(
        "SELECT r.group_id, r.record FROM reconciled r "
        "WHERE list_contains(json_extract_string(r.record, '$.members[*].article_id'), ?)",
        [article_id],
    ).fetchall()
    out = {}
    for group_id, record in rows:
        for member in queries.reconciled_record({"record": record})["members"]:
            out[member["fact_id"]] = group_id
    return out


def official_records(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every official record with its article's outlet, date and title (for the one-row-per-person view)."""
    result = con.execute(
        f"SELECT {queries.OFFICIAL_COLUMNS}, a.published, a.title AS article_title, a.language "
        "FROM officials o LEFT JOIN articles a ON a.article_id = o.article_id "
        'ORDER BY o.article_id, o."start", o.official_id'
    )
    return _dicts(result)
