"""The researcher API: the store's tables as pandas DataFrames with the dtypes analysis needs.

``fupin.corpus.open(path)`` returns a :class:`Corpus`. Each call opens the DuckDB
file read-only just for that query and closes it again, so a notebook left open
never blocks the next crawl (DuckDB allows one writer, and no writer while a
reader holds the file).

Dates are datetimes: ``as_of`` of month or year precision becomes the first day
of that period, with the precision in ``as_of_precision`` so that "2020-06" is
not mistaken for June 1st. Metric, province, level and the other small
vocabularies are categoricals; counts are nullable integers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from fupin.corpus.store import Store, database_path

METRICS = (
    "workshops", "workshops_resumed", "workshops_planned", "workshop_resumption_rate", "enterprises",
    "enterprises_resumed", "enterprise_resumption_rate", "workers_employed", "poor_workers_employed",
    "poor_migrant_workers", "poor_migrant_workers_share_of_last_year", "jobs", "income", "subsidy", "funds",
)  # fmt: skip
LEVELS = ("national", "group", "province", "prefecture", "county", "township", "village")
PRECISIONS = ("year", "month", "day")
STATUSES = ("single", "agreed", "conflict")
#: Fixed vocabularies become categoricals with every allowed value, so groupby shows empty ones too.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "metric": METRICS,
    "level": LEVELS,
    "as_of_precision": PRECISIONS,
    "published_precision": PRECISIONS,
    "status": STATUSES,
    "unit": ("count", "percent", "yuan"),
    "bound": ("exact", "more_than", "less_than", "about", "range"),
    "scope": ("workshop", "enterprise", "base", "other"),
    "period": ("day", "month", "year", "once"),
    "as_of_source": ("text", "published"),
    "field": ("text", "title"),
    "language": ("zh", "en"),
    "role": ("official", "business"),
    "quote_kind": ("direct", "indirect"),
}
#: Open vocabularies: categoricals of the values present.
OPEN_CATEGORIES = ("province", "source")
INTEGER_COLUMNS = ("start", "end", "warc_offset", "warc_length", "http_status", "n_urls", "n_outlets",
                   "n_members", "n_sources", "n_facts", "independent_sources")  # fmt: skip

NESTED_COLUMNS = ("members", "flags", "source_reliability", "counts", "errors")

ARTICLES_SQL = """
SELECT a.article_id, a.url, a.canonical_url, a.source, a.title, a.published, a.published_source,
       a.duplicate_of, a.language, a.text, a.fetched_at, a.content_hash, a.simhash, a.encoding,
       a.warc_file, a.warc_offset, a.warc_length,
       a.http_status, coalesce(u.n_urls, 0) AS n_urls, coalesce(u.n_outlets, 0) AS n_outlets,
       e.extractor_version, e.n_facts
FROM articles a
LEFT JOIN (SELECT article_id, count(*) AS n_urls, count(DISTINCT source) AS n_outlets
           FROM article_urls GROUP BY article_id) u USING (article_id)
LEFT JOIN extraction e USING (article_id)
ORDER BY a.fetched_at, a.article_id
"""

#: Facts keep their own url / source / published; the article's fill them in where a fact lacks them.
FACTS_SQL = """
SELECT f.fact_id, f.article_id, coalesce(f.url, a.url) AS url, coalesce(f.source, a.source) AS source,
       coalesce(f.published, a.published) AS published, coalesce(f.language, a.language) AS language,
       f.metric, f.scope, f.period, f.region_name, f.province, f.level, f.adcode, f.value, f.value_max,
       f.unit, f.bound, f.as_of_date AS as_of, f.as_of_precision, f.as_of_source, f.sentence, f."start",
       f."end", coalesce(f.field, 'text') AS field, f.extractor, f.confidence, f.extractor_version
FROM facts f LEFT JOIN articles a USING (article_id)
"""

OFFICIALS_SQL = """
SELECT o.official_id, o.article_id, a.url, a.source, a.published, o.name, o.name_normalized, o.title,
       o.organization, o.province, o.role, o.quote_kind, o.quote, o."start", o."end", o.extractor_version
FROM officials o LEFT JOIN articles a USING (article_id)
ORDER BY o.article_id, o."start"
"""

RECONCILED_SQL = """
SELECT group_id, metric, scope, period, region_name, province, level, adcode, as_of_date AS as_of,
       as_of_precision, value, bound, status, n_members, n_sources, record, updated_at
FROM reconciled
"""

ARTICLE_URLS_SQL = (
    "SELECT url, article_id, source, first_seen, similarity FROM article_urls "
    "ORDER BY article_id, first_seen, url"
)
RUNS_SQL = "SELECT id, kind, started, finished, status, counts, errors FROM runs ORDER BY id"


class Corpus:
    """Read-only DataFrame views of a store (a home directory, a ``.duckdb`` file, or an open Store)."""

    def __init__(self, path: str | os.PathLike[str] | Store | None = None) -> None:
        if isinstance(path, Store):
            self._store: Store | None = path
            self.path = path.path
        else:
            self._store = None
            self.path = database_path(path)
            with self._connect():  # fail now, with a clear error, if the store is missing or unusable
                pass

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    @contextmanager
    def _connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._store is not None:
            yield self._store.connection
            return
        store = Store.open(self.path, read_only=True)
        try:
            yield store.connection
        finally:
            store.close()

    def _query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with self._connect() as con:
            return con.execute(sql, params or []).df()

    # -- tables ------------------------------------------------------------------------------------

    def articles(self) -> pd.DataFrame:
        """One row per stored story; ``n_urls`` / ``n_outlets`` count the reprints that carried it.

        ``published_source`` says where the date was read (jsonld, meta, dateline, url); a story
        found to copy an earlier one only after both were stored names it in ``duplicate_of``.
        """
        df = self._query(ARTICLES_SQL)
        df["published"], df["published_precision"] = _published(df["published"])
        df["fetched_at"] = df["fetched_at"].dt.tz_localize("UTC")
        return _typed(df)

    def article_urls(self) -> pd.DataFrame:
        """Every URL and outlet that carried a stored story (the original and its reprints).

        ``similarity`` is the MinHash estimate of how alike the URL's page was to the stored text.
        """
        df = self._query(ARTICLE_URLS_SQL)
        df["first_seen"] = df["first_seen"].dt.tz_localize("UTC")
        return _typed(df)

    def facts(
        self,
        province: str | Iterable[str] | None = None,
        metric: str | Iterable[str] | None = None,
        since: str | date | datetime | None = None,
        until: str | date | datetime | None = None,
    ) -> pd.DataFrame:
        """Facts, optionally filtered; ``since`` / ``until`` bound ``as_of`` (inclusive, period start).

        ``province`` is the canonical English name ("Gansu"); ``metric`` one of
        :data:`METRICS` (a typo raises ValueError listing them). Facts without
        ``as_of`` are left out when a date bound is given.
        """
        where, params = [], []
        if province is not None:
            where.append("list_contains(?, f.province)")
            params.append(_names(province, "province"))
        if metric is not None:
            metrics = _names(metric, "metric")
            unknown = sorted(set(metrics) - set(METRICS))
            if unknown:
                raise ValueError(f"unknown metric {', '.join(unknown)}; metrics are: {', '.join(METRICS)}")
            where.append("list_contains(?, f.metric)")
            params.append(metrics)
        for bound, op in ((since, ">="), (until, "<=")):
            if bound is not None:
                where.append(f"f.as_of_date {op} ?")
                params.append(_as_date(bound))
        sql = FACTS_SQL + (" WHERE " + " AND ".join(where) if where else "")
        df = self._query(sql + ' ORDER BY f.as_of_date NULLS LAST, f.article_id, f."start"', params)
        df["published"], _ = _published(df["published"])
        return _typed(df)

    def officials(self) -> pd.DataFrame:
        """Officials and business people quoted, with their article's URL, outlet and date."""
        df = self._query(OFFICIALS_SQL)
        df["published"], _ = _published(df["published"])
        return _typed(df)

    def reconciled(self, status: str | Iterable[str] | None = None) -> pd.DataFrame:
        """Reconciled groups; ``status`` filters on single / agreed / conflict.

        ``members``, ``flags`` and ``source_reliability`` are Python lists / dicts
        as in reconciled.schema.json; ``explanation`` says why the value won.
        """
        sql, params = RECONCILED_SQL, []
        if status is not None:
            statuses = _names(status, "status")
            unknown = sorted(set(statuses) - set(STATUSES))
            if unknown:
                raise ValueError(f"unknown status {', '.join(unknown)}; statuses are: {', '.join(STATUSES)}")
            sql += " WHERE list_contains(?, status)"
            params.append(statuses)
        df = self._query(sql + " ORDER BY metric, province, as_of_date, group_id", params)
        records = [json.loads(r) for r in df.pop("record")]
        df["members"] = pd.Series([r.get("members", []) for r in records], index=df.index, dtype=object)
        df["flags"] = pd.Series([r.get("flags", []) for r in records], index=df.index, dtype=object)
        # the series a row belongs to (one metric and region over time), and support without copies
        df["series_id"] = pd.Series([r.get("series_id") for r in records], index=df.index, dtype=object)
        df["as_of_source"] = pd.Series([r.get("as_of_source") for r in records], index=df.index, dtype=object)
        df["independent_sources"] = pd.Series(
            [
                (r.get("support") or {}).get("independent_sources", r_n)
                for r, r_n in zip(records, df["n_sources"], strict=True)
            ],
            index=df.index,
            dtype=object,
        )
        df["source_reliability"] = pd.Series(
            [r.get("source_reliability", {}) for r in records], index=df.index, dtype=object
        )
        df["explanation"] = pd.Series([r.get("explanation") for r in records], index=df.index, dtype="str")
        df["updated_at"] = df["updated_at"].dt.tz_localize("UTC")
        return _typed(df)

    def series(
        self,
        metric: str,
        province: str | None = None,
        level: str | None = None,
        region: str | None = None,
        since: str | date | datetime | None = None,
        until: str | date | datetime | None = None,
    ) -> pd.DataFrame:
        """A statistic over time: one row per date, ordered by date within each series.

        ``metric`` as in :data:`METRICS`; ``province`` the canonical English name
        (``level`` defaults to ``"province"`` then, else ``"national"``); ``region``
        keeps rows whose region name contains it (groups of places, counties). Each
        row is one reconciled statistic (``status`` conflict only when reports of
        that date disagree); ``series_id`` tells the series apart when scopes or
        regions differ. ``since`` / ``until`` bound ``as_of`` (period start); rows
        with no date come last.
        """
        metric = _names(metric, "metric")[0]
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}; metrics are: {', '.join(METRICS)}")
        level = level or ("province" if province else None if region else "national")
        df = self.reconciled()
        keep = df["metric"].astype(object) == metric
        if province is not None:
            keep &= df["province"].astype(object) == province
        if level is not None:
            keep &= df["level"].astype(object) == level
        if region is not None:
            keep &= df["region_name"].astype(str).str.contains(region, regex=False)
        if since is not None:
            keep &= df["as_of"] >= pd.Timestamp(_as_date(since))
        if until is not None:
            keep &= df["as_of"] <= pd.Timestamp(_as_date(until))
        columns = ["series_id", "metric", "scope", "period", "region_name", "province", "level", "as_of",
                   "as_of_precision", "as_of_source", "value", "bound", "status", "n_members",
                   "independent_sources", "flags", "group_id"]  # fmt: skip
        out = df.loc[keep, columns].sort_values(["series_id", "as_of", "group_id"], na_position="last")
        return out.reset_index(drop=True)

    def runs(self) -> pd.DataFrame:
        """The run log (crawl, extract, reconcile ...) with counts and errors decoded."""
        df = self._query(RUNS_SQL)
        for key in ("counts", "errors"):
            df[key] = pd.Series(
                [json.loads(v) if isinstance(v, str) else None for v in df[key]], dtype=object
            )
        for key in ("started", "finished"):
            df[key] = df[key].dt.tz_localize("UTC")
        return df

    def sql(self, query: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Any read-only SQL over the store's tables, as a DataFrame."""
        return self._query(query, params)


def _names(value: str | Iterable[str], what: str) -> list[str]:
    names = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(n, str) for n in names):
        raise ValueError(f"{what} must be a string or a list of strings, got {value!r}")
    return names


def _as_date(value: str | date | datetime) -> date:
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        raise ValueError(f"not a date: {value!r} (use e.g. '2020-03-01')") from None


def _published(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Publication strings to (datetime as written, precision); offsets are dropped (local time)."""
    stamps, precisions = [], []
    for value in values:
        stamp, precision = _parse_published(value)
        stamps.append(stamp)
        precisions.append(precision)
    return (
        pd.Series(pd.to_datetime(stamps), index=values.index).astype("datetime64[us]"),
        pd.Series(precisions, index=values.index, dtype=object),
    )


def _parse_published(value: Any) -> tuple[datetime | None, str | None]:
    if not isinstance(value, str) or not value.strip():
        return None, None
    text = value.strip()
    try:
        if len(text) > 10:
            return datetime.fromisoformat(text[:19].replace(" ", "T")), "day"
        parts = [int(p) for p in text.split("-")]
    except ValueError:
        return None, None
    precision = PRECISIONS[len(parts) - 1] if 1 <= len(parts) <= 3 else None
    try:
        return (datetime(*(parts + [1] * (3 - len(parts)))), precision) if precision else (None, None)
    except ValueError:
        return None, None


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Categoricals for vocabularies, nullable integers for counts and offsets."""
    for column, categories in VOCABULARIES.items():
        if column in df:
            df[column] = pd.Categorical(df[column].astype(object), categories=list(categories))
    for column in OPEN_CATEGORIES:
        if column in df:
            df[column] = df[column].astype(object).astype("category")
    for column in INTEGER_COLUMNS:
        if column in df:
            df[column] = df[column].astype("Int64")
    for column in df.columns:  # text columns that happen to be all null come back as object
        if df[column].dtype == object and column not in NESTED_COLUMNS:
            df[column] = df[column].astype("str")
    return df
