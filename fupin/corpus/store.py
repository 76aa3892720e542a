"""The corpus store: one DuckDB file under ``$FUPIN_HOME`` for every stage of the pipeline.

Articles (with WARC pointers and every URL that carried the story), facts,
officials, extraction state, reconciled groups and a run log live in one file so
that a crawl, an extraction and a reconciliation can each be resumed, and a
researcher can query all of it at once.

Durability: every public write runs in one transaction (or in the caller's
``with store.transaction():``), so a process killed in the middle leaves the store
as of the last commit. DuckDB allows one writing process at a time; readers open
with ``read_only=True`` (and cannot open while a writer holds the file).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from fupin.corpus import dedup, schema

DB_NAME = "fupin.duckdb"
_MASK64 = (1 << 64) - 1

ARTICLE_FIELDS = (
    "url",
    "canonical_url",
    "source",
    "title",
    "published",
    "published_source",
    "language",
    "text",
    "fetched_at",
    "content_hash",
    "simhash",
    "encoding",
    "warc_file",
    "warc_offset",
    "warc_length",
    "etag",
    "last_modified",
    "http_status",
)
FACT_COLUMNS = (
    "fact_id",
    "article_id",
    "url",
    "source",
    "published",
    "language",
    "metric",
    "scope",
    "period",
    "region_name",
    "province",
    "level",
    "adcode",
    "value",
    "value_max",
    "unit",
    "bound",
    "as_of",
    "as_of_date",
    "as_of_precision",
    "as_of_source",
    "sentence",
    "start",
    "end",
    "field",
    "extractor",
    "confidence",
    "extractor_version",
)
OFFICIAL_COLUMNS = (
    "official_id",
    "article_id",
    "name",
    "name_normalized",
    "title",
    "organization",
    "province",
    "role",
    "quote_kind",
    "quote",
    "start",
    "end",
    "extractor_version",
)
RECONCILED_COLUMNS = (
    "group_id",
    "metric",
    "scope",
    "period",
    "region_name",
    "province",
    "level",
    "adcode",
    "as_of",
    "as_of_date",
    "as_of_precision",
    "value",
    "bound",
    "status",
    "n_members",
    "n_sources",
    "record",
    "updated_at",
)

#: The tombstone of a removed reconciled group: when, its change number, and its last state.
TOMBSTONE_COLUMNS = (
    "group_id",
    "removed_at",
    "change_seq",
    "metric",
    "province",
    "level",
    "status",
    "as_of_date",
    "record",
)


_UPSERT_FETCH = (
    "INSERT INTO fetches (url, status, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (url) DO UPDATE SET status = excluded.status, "
    "etag = coalesce(excluded.etag, fetches.etag), "
    "last_modified = coalesce(excluded.last_modified, fetches.last_modified), "
    "fetched_at = excluded.fetched_at"
)


class StoreError(RuntimeError):
    """The store cannot be opened or used as asked."""


class StoreLockedError(StoreError):
    """Another process has the store open for writing."""


def default_home() -> Path:
    """``$FUPIN_HOME``, or ``./fupin-data``."""
    return Path(os.environ.get("FUPIN_HOME") or "fupin-data")


def database_path(path: str | os.PathLike[str] | None) -> Path:
    """The DuckDB file for a home directory or a path to the file itself."""
    target = Path(path) if path is not None else default_home()
    if target.suffix in {".duckdb", ".db"} or target.is_file():
        return target
    return target / DB_NAME


def article_id_for(canonical_url: str) -> str:
    """Stable article id: the same canonical URL always gets the same id."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:16]


def _record_id(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def fact_id_for(fact: Mapping[str, Any]) -> str:
    """The id fupin.extract.records gives a fact (article, metric, evidence offsets and field)."""
    evidence = fact["evidence"]
    parts = [fact["article_id"], fact["metric"], evidence["start"], evidence["end"]]
    field = evidence.get("field") or "text"
    return _record_id(*parts) if field == "text" else _record_id(*parts, field)


def iso_period(value: str | None) -> tuple[date | None, str | None]:
    """``YYYY[-MM[-DD]]`` -> (first day of that period, 'year'|'month'|'day').

    Researchers filter and plot by date; a month-precision "2020-06" becomes
    2020-06-01 with precision 'month' so nothing pretends to be more exact than the text.
    """
    if value is None or value == "":
        return None, None
    text = str(value).strip()[:10]
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1), "year"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), "month"
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2])), "day"
    except ValueError as exc:
        raise ValueError(f"not a valid date: {value!r} ({exc})") from None
    raise ValueError(f"not an ISO date of year, month or day precision: {value!r}")


def _utc_naive(value: datetime | str | None, name: str) -> datetime | None:
    """Timestamps are stored as naive UTC; naive inputs are taken to be UTC already."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{name} is not an ISO datetime: {value!r}") from None
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


#: up to this many keys, :func:`_lookup` lists them in the query
LOOKUP_LIMIT = 5000


def _lookup(column: str, keys: Sequence[str]) -> str:
    """A condition selecting rows by these keys (at most :data:`LOOKUP_LIMIT`) of an indexed column.

    DuckDB answers a literal ``IN`` list through the column's index, and a join or
    ``IN (SELECT ...)`` by reading the whole table: for the records of 900 groups of a
    1M store's ``reconciled`` (600,000 JSON texts, not yet in memory) 0.33 s against
    0.9 s. Larger lists are joined by the callers.
    """
    if not keys:
        return "false"
    return f"{column} IN ({', '.join(_quote(k) for k in keys)})"


def _quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _simhash(value: Any) -> int | None:
    """Accept signed or unsigned 64-bit simhashes (Python libraries produce both)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"simhash must be an int, got {type(value).__name__}")
    if not -(1 << 63) <= value <= _MASK64:
        raise ValueError(f"simhash must fit in 64 bits, got {value}")
    return value & _MASK64


def _opt_int(article: Mapping[str, Any], key: str) -> int | None:
    value = article.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"article {key} must be an int, got {value!r}")
    return value


@cache
def _validator(name: str) -> Any:
    import jsonschema

    spec = json.loads(resources.files("fupin").joinpath("spec", name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(spec)


@cache
def compiled_check(name: str) -> Any:
    """The spec schema compiled to Python by fastjsonschema, or None where it is not installed.

    jsonschema walks the schema for every record: 0.6 ms a reconciled group, six
    minutes for a million facts' groups; the compiled check takes 1/100 of that.
    The spec schemas use only draft-04 keywords, which both libraries read alike,
    and a record the check rejects still goes to jsonschema, whose message is kept.
    The check raises on a bad record; defaults are not filled in.
    """
    try:
        import fastjsonschema
    except ImportError:
        return None
    spec = json.loads(resources.files("fupin").joinpath("spec", name).read_text(encoding="utf-8"))
    return fastjsonschema.compile(spec, use_default=False)


def schema_problem(record: Any, schema_name: str) -> str | None:
    """The first problem of a record against a spec schema, with its path; None for a valid one."""
    check = compiled_check(schema_name)
    if check is not None:
        try:
            check(record)
            return None
        except Exception:  # fastjsonschema.JsonSchemaException: let jsonschema say what is wrong
            pass
    errors = sorted(_validator(schema_name).iter_errors(record), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    err = errors[0]
    where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
    return f"{where}: {err.message}"


def validate(record: Mapping[str, Any], schema_name: str, what: str) -> None:
    """Raise ValueError naming the first problem of a record against a spec schema."""
    problem = schema_problem(record, schema_name)
    if problem is not None:
        raise ValueError(f"{what}: {problem}")


@dataclass
class RunLog:
    """Counts and errors of one run, written to ``runs`` when the run ends."""

    run_id: int
    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def error(self, kind: str, detail: str, **extra: Any) -> None:
        self.errors.append({"kind": kind, "detail": detail, **extra})


class Store:
    """The corpus store. Open with :meth:`open`; use as a context manager to close it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        self._depth = 0
        self._poisoned: BaseException | None = None
        self._index: _DedupIndex | None = None
        self._lsh: dedup.LshIndex | None = None

    # -- opening -----------------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] | None = None, read_only: bool = False, wait: float = 0.0
    ) -> Store:
        """Open (and create or migrate) the store at a home directory or a ``.duckdb`` file.

        ``path`` None means ``$FUPIN_HOME`` or ``./fupin-data``. Read-only opening
        never creates or migrates anything. ``wait`` seconds are spent retrying while
        another process holds the file (a ``fupin serve`` request or a notebook query
        holds it only briefly); then StoreLockedError.
        """
        deadline = time.monotonic() + wait
        while True:
            try:
                return cls._open_once(path, read_only)
            except StoreLockedError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)

    @classmethod
    def _open_once(cls, path: str | os.PathLike[str] | None, read_only: bool) -> Store:
        db = database_path(path)
        if read_only and not db.exists():
            raise StoreError(f"no store at {db} (run a crawl or open it for writing first)")
        if not read_only:
            db.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(db), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreLockedError(
                    f"the store {db} is in use by another process; DuckDB allows one writer "
                    f"(or several readers) at a time. {message}"
                ) from None
            raise StoreError(f"cannot open the store {db}: {message}") from None
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store {db}: {exc}") from None
        try:
            version = schema.current_version(con)
            if read_only:
                if schema.pending(version):
                    raise schema.SchemaError(
                        f"the store {db} has schema version {version}, older than {schema.CURRENT_VERSION}; "
                        "open it once for writing (any fupin command that writes) to migrate it"
                    )
            else:
                schema.migrate(con)
        except BaseException:
            con.close()
            raise
        store = cls(con, db, read_only)
        if not read_only:
            store._close_dead_runs()
        return store

    def close(self) -> None:
        """Close the connection (DuckDB checkpoints the WAL into the file)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None  # type: ignore[assignment]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for ad-hoc SQL (writes should go through the methods)."""
        if self._con is None:
            raise StoreError("the store is closed")
        return self._con

    def schema_version(self) -> int:
        return schema.current_version(self.connection)

    # -- transactions ------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One commit for everything inside; nested uses join the outer transaction.

        Batching many ``add_article`` calls in one transaction is much faster than a
        commit per article; a crash loses only the uncommitted batch. A store call
        that fails inside the batch after it started writing (a database error, not
        a rejected input) may have written part of its rows, so the whole batch is
        then rolled back at the end rather than committed half-done.
        """
        self._writable()
        with self._lock:
            con = self.connection
            if self._depth == 0:
                con.execute("BEGIN TRANSACTION")
                self._poisoned = None
            self._depth += 1
            try:
                yield self
            except BaseException as exc:
                self._depth -= 1
                if self._depth == 0:
                    self._rollback()
                elif self._poisoned is None:
                    self._poisoned = exc
                raise
            self._depth -= 1
            if self._depth == 0:
                if self._poisoned is not None:
                    self._rollback()
                    raise StoreError(
                        f"rolled back the whole transaction: a write inside it failed ({self._poisoned})"
                    )
                con.execute("COMMIT")

    def _rollback(self) -> None:
        self.connection.execute("ROLLBACK")
        self._index = None  # rebuilt from the database on next use
        if self._lsh is not None:
            self._lsh.clear()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        return self.connection.execute(sql, list(params)).fetchone()

    # -- articles ----------------------------------------------------------------------------------

    def add_article(self, article: Mapping[str, Any]) -> tuple[str, bool]:
        """Store one fetched article; returns ``(article_id, is_new)`` (see :meth:`add_articles`)."""
        return self.add_articles([article])[0]

    def add_articles(
        self,
        articles: Sequence[Mapping[str, Any]],
        sketches: Sequence[tuple[bytes, Sequence[int]] | None] = (),
    ) -> list[tuple[str, bool]]:
        """Store fetched articles in one transaction; returns ``(article_id, is_new)`` for each.

        - a canonical URL already stored (as an article or as a reprint URL) returns
          that article's id and refreshes its HTTP validators;
        - the same content hash, or a MinHash Jaccard estimate of at least
          ``dedup.THRESHOLD`` with a stored article (found through the LSH index), is a
          reprint: the URL and outlet are added to that article's ``article_urls`` with
          the similarity, and its id is returned;
        - otherwise the article is inserted with an id derived from its canonical URL.

        ``sketches``: the MinHash signature (bytes) and band keys of each article's
        text when the caller computed them already (fupin.crawler.offload); they are
        computed here otherwise.

        Every article is checked before anything is written, so one bad article
        rejects the call with its URL named and stores nothing. Decisions see the
        earlier articles of the same call. URLs and content hashes are held in memory
        (safe because DuckDB allows one writing process); near-duplicates are looked
        up in the persisted band index, one indexed query per article.
        """
        rows = [self._article_row(article) for article in articles]
        with self.transaction():
            index, lsh, writes = self._dedup_index(), self._lsh_index(), _Writes()
            known = {i: (dedup.from_blob(s[0]), list(s[1])) for i, s in enumerate(sketches) if s is not None}
            sketched = self._sketches(rows, index, lsh, known)
            results = [self._place(row, sketched.get(i), index, lsh, writes) for i, row in enumerate(rows)]
            writes.flush(self.connection)
            lsh.flush()
        return results

    @staticmethod
    def _sketches(
        rows: Sequence[Mapping[str, Any]],
        index: _DedupIndex,
        lsh: dedup.LshIndex,
        known: Mapping[int, tuple[Any, list[int]]],
    ) -> dict[int, tuple[Any, list[int]]]:
        """MinHash sketches of the rows that may be new stories, and one index lookup for all of them."""
        sketches = {
            i: known.get(i) or dedup.sketch(row["text"])
            for i, row in enumerate(rows)
            if row["canonical_url"] not in index.urls and row["content_hash"] not in index.hashes
        }
        lsh.prefetch([key for _, keys in sketches.values() for key in keys], stored_articles=len(index.ids))
        return sketches

    def _place(
        self,
        row: dict[str, Any],
        sketch: tuple[Any, list[int]] | None,
        index: _DedupIndex,
        lsh: dedup.LshIndex,
        writes: _Writes,
    ) -> tuple[str, bool]:
        """Decide what one article is (seen URL, reprint, new story) and queue its rows."""
        url = row["canonical_url"]
        existing = index.urls.get(url)
        if existing is not None:
            if row["etag"] is not None or row["last_modified"] is not None:
                writes.fetch(row)
            return existing, False
        match = self._duplicate(row, sketch or dedup.sketch(row["text"]), index, lsh)
        if isinstance(match, dedup.Match):
            writes.url(url, match.article_id, row, match.similarity)
            writes.fetch(row)
            index.urls[url] = match.article_id
            return match.article_id, False
        article_id = article_id_for(url)
        if article_id in index.ids:
            raise StoreError(f"article id {article_id} of {url} is already used by another URL")
        writes.article(article_id, row)
        writes.url(url, article_id, row, None)
        index.add(article_id, url, row["content_hash"])
        lsh.add(article_id, *match)
        return article_id, True

    @staticmethod
    def _duplicate(
        row: Mapping[str, Any], sketch: tuple[Any, list[int]], index: _DedupIndex, lsh: dedup.LshIndex
    ) -> dedup.Match | tuple[Any, list[int]]:
        """The stored story this article copies, or its signature and band keys to index it by."""
        same = index.hashes.get(row["content_hash"]) if row["content_hash"] else None
        if same is not None:
            return dedup.Match(same, 1.0)
        return lsh.nearest(*sketch) or sketch

    def _dedup_index(self) -> _DedupIndex:
        if self._index is None:
            self._index = _DedupIndex.load(self.connection)
        return self._index

    def _lsh_index(self) -> dedup.LshIndex:
        """The near-duplicate index; a store from before MinHash is signed first (once)."""
        if self._lsh is None:
            dedup.backfill(self.connection)
            self._lsh = dedup.LshIndex(self.connection)
        return self._lsh

    def duplicate_links(self) -> list[tuple[str, str]]:
        """``(article_id, original_id)`` of stored articles found to copy an earlier stored one."""
        return [
            (a, o)
            for a, o in self.connection.execute(
                "SELECT article_id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]

    @staticmethod
    def check_article(article: Mapping[str, Any]) -> None:
        """Raise ValueError, naming the article and field, for what ``add_articles`` would reject."""
        Store._article_row(article)

    @staticmethod
    def _article_row(article: Mapping[str, Any]) -> dict[str, Any]:
        """Check an article dict and convert it to column values; errors name the field."""
        if not isinstance(article, Mapping):
            raise ValueError(f"an article must be a dict, got {type(article).__name__}")
        unknown = set(article) - set(ARTICLE_FIELDS) - {"id", "article_id"}
        if unknown:
            raise ValueError(f"article has unknown fields: {sorted(unknown)}")
        canonical = article.get("canonical_url") or article.get("url")
        if not isinstance(canonical, str) or not canonical.strip():
            raise ValueError("article needs a canonical_url (a non-empty string)")
        text = article.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"article {canonical} has no text")
        row = {key: article.get(key) for key in ARTICLE_FIELDS}
        for key in (
            "url",
            "source",
            "title",
            "published",
            "published_source",
            "language",
            "content_hash",
            "encoding",
        ):
            if row[key] is not None and not isinstance(row[key], str):
                raise ValueError(f"article {canonical}: {key} must be a string or None, got {row[key]!r}")
        for key in ("warc_file", "etag", "last_modified"):
            if row[key] is not None:
                row[key] = str(row[key])
        if row["language"] not in (None, "zh", "en"):
            raise ValueError(
                f"article {canonical}: language must be 'zh', 'en' or None, got {row['language']!r}"
            )
        if row["published"]:
            try:
                iso_period(row["published"][:10])
            except ValueError as exc:
                raise ValueError(f"article {canonical}: published: {exc}") from None
        row["canonical_url"] = canonical.strip()
        row["url"] = row["url"] or row["canonical_url"]
        row["fetched_at"] = _utc_naive(row["fetched_at"], "fetched_at") or _now()
        row["simhash"] = _simhash(row["simhash"])
        for key in ("warc_offset", "warc_length", "http_status"):
            row[key] = _opt_int(article, key)
        return row

    def _record_fetch(
        self, url: str, status: int | None, etag: str | None, last_modified: str | None, when: datetime | None
    ) -> None:
        self.connection.execute(_UPSERT_FETCH, [url, status, etag, last_modified, when or _now()])

    def record_fetch(
        self, url: str, status: int | None, etag: str | None = None, last_modified: str | None = None
    ) -> None:
        """Remember a fetch that stored no new article (a 304, an unchanged or off-topic page)."""
        if not isinstance(url, str) or not url:
            raise ValueError("record_fetch needs a url")
        if status is not None and (isinstance(status, bool) or not isinstance(status, int)):
            raise ValueError(f"record_fetch: status must be an int, got {status!r}")
        with self.transaction():
            self._record_fetch(url, status, etag, last_modified, _now())

    def http_validators(self, url: str) -> tuple[str | None, str | None] | None:
        """``(etag, last_modified)`` last seen for a URL, or None if it was never fetched."""
        with self._lock:
            return self._validators(url)

    def _validators(self, url: str) -> tuple[str | None, str | None] | None:
        found = self._one("SELECT etag, last_modified FROM fetches WHERE url = ?", [url])
        if found is None:
            found = self._one("SELECT etag, last_modified FROM articles WHERE canonical_url = ?", [url])
        return (found[0], found[1]) if found else None

    def list_validators(self, urls: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """``(etag, last_modified)`` of every page fetched with validators, and of ``urls`` wherever stored.

        The crawler reads them once when it opens the store, so that conditional
        requests never wait for a batch being written.
        """
        with self._lock:
            rows = self.connection.execute(
                "SELECT url, etag, last_modified FROM fetches "
                "WHERE etag IS NOT NULL OR last_modified IS NOT NULL"
            ).fetchall()
            found = {url: (etag, modified) for url, etag, modified in rows}
            for url in urls:
                if url not in found and (validators := self._validators(url)) is not None:
                    found[url] = validators
        return found

    def known_urls(self) -> set[str]:
        """Every canonical URL stored: articles and the reprints that point to them."""
        with self._lock:
            if self._index is not None:
                return set(self._index.urls)
            rows = self.connection.execute(
                "SELECT url FROM article_urls UNION SELECT canonical_url FROM articles"
            ).fetchall()
        return {r[0] for r in rows}

    def fetched_urls(self) -> set[str]:
        """Every URL fetched (kept or not), for crawlers that skip off-topic pages next time."""
        return {r[0] for r in self.connection.execute("SELECT url FROM fetches").fetchall()}

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """One article with all its columns, plus ``urls``: every (url, source) that carried it."""
        cur = self.connection.execute("SELECT * FROM articles WHERE article_id = ?", [article_id])
        row = cur.fetchone()
        if row is None:
            return None
        record = dict(zip([d[0] for d in cur.description], row, strict=True))
        urls = self.connection.execute(
            "SELECT url, source FROM article_urls WHERE article_id = ? ORDER BY first_seen, url", [article_id]
        ).fetchall()
        record["urls"] = [{"url": u, "source": s} for u, s in urls]
        return record

    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        if table not in {"articles", "article_urls", "fetches", "facts", "officials", "extraction",
                         "reconciled", "runs", "quarantine"}:  # fmt: skip
            raise ValueError(f"no table {table!r} in the store")
        return int(self._one(f"SELECT count(*) FROM {table}")[0])  # type: ignore[index]

    # -- extraction --------------------------------------------------------------------------------

    _PENDING = (
        "FROM articles a LEFT JOIN extraction e ON e.article_id = a.article_id "
        "LEFT JOIN quarantine q ON q.article_id = a.article_id "
        "WHERE e.extractor_version IS DISTINCT FROM ? AND q.extractor_version IS DISTINCT FROM ?"
    )

    def articles_to_extract(self, extractor_version: str, limit: int | None = None) -> list[dict[str, Any]]:
        """Articles (article.schema.json form) the given extractor version has not processed.

        A version bump makes every article pending again, quarantined ones included;
        an article this version quarantined is not pending. Call repeatedly with a
        ``limit`` to walk a large corpus in batches: stored results drop out.
        """
        sql = (
            "SELECT a.article_id, a.url, a.source, a.title, a.published, a.language, a.text "
            f"{self._PENDING} ORDER BY a.fetched_at, a.article_id"
        )
        params: list[Any] = [extractor_version, extractor_version]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self.connection.execute(sql, params).fetchall()
        keys = ("id", "url", "source", "title", "published", "language", "text")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def count_to_extract(self, extractor_version: str) -> int:
        """How many articles :meth:`articles_to_extract` would return (without reading their texts)."""
        row = self._one(f"SELECT count(*) {self._PENDING}", [extractor_version, extractor_version])
        return int(row[0])  # type: ignore[index]

    def article_ids_to_extract(self, extractor_version: str) -> list[str]:
        """The ids of :meth:`articles_to_extract`, in the same order, without their texts."""
        sql = f"SELECT a.article_id {self._PENDING} ORDER BY a.fetched_at, a.article_id"
        return [r[0] for r in self.connection.execute(sql, [extractor_version, extractor_version]).fetchall()]

    def articles_for_extraction(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Articles in article.schema.json form, in the order of ``article_ids`` (unknown ids left out)."""
        rows = self.connection.execute(
            "SELECT article_id, url, source, title, published, language, text FROM articles "
            "WHERE list_contains(?, article_id)",
            [list(article_ids)],
        ).fetchall()
        keys = ("id", "url", "source", "title", "published", "language", "text")
        found = {r[0]: dict(zip(keys, r, strict=True)) for r in rows}
        return [found[i] for i in article_ids if i in found]

    def quarantine(self, article_id: str, extractor_version: str, error: str, kind: str = "failed") -> None:
        """Set an article aside: ``extractor_version`` gave up on it (``kind``: invalid, failed, timeout).

        The article is then not pending for that version (:meth:`articles_to_extract`);
        a new version tries it again, and a success (:meth:`add_facts`) removes the row.
        Its facts from an earlier version, if any, are kept. ``attempts`` counts the
        versions that gave up on it.
        """
        self._check_ids(article_id, extractor_version)
        if not isinstance(error, str) or not error:
            raise ValueError("a quarantined article needs its error text")
        with self.transaction():
            self.connection.execute(
                "INSERT INTO quarantine "
                "(article_id, url, extractor_version, kind, error, quarantined_at, attempts) "
                "SELECT ?, (SELECT url FROM articles WHERE article_id = ?), ?, ?, ?, ?, 1 "
                "ON CONFLICT (article_id) DO UPDATE SET url = excluded.url, "
                "attempts = quarantine.attempts + CASE WHEN quarantine.extractor_version = "
                "excluded.extractor_version THEN 0 ELSE 1 END, "
                "extractor_version = excluded.extractor_version, kind = excluded.kind, "
                "error = excluded.error, quarantined_at = excluded.quarantined_at",
                [article_id, article_id, extractor_version, str(kind), error, _now()],
            )

    def quarantined(self, extractor_version: str | None = None) -> list[dict[str, Any]]:
        """Quarantined articles (all, or those ``extractor_version`` gave up on), oldest first."""
        sql = (
            "SELECT article_id, url, extractor_version, kind, error, quarantined_at, attempts FROM quarantine"
        )
        params: list[Any] = []
        if extractor_version is not None:
            sql += " WHERE extractor_version = ?"
            params.append(extractor_version)
        cur = self.connection.execute(sql + " ORDER BY quarantined_at, article_id", params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def add_facts(
        self,
        article_id: str,
        facts: Iterable[Mapping[str, Any]],
        extractor_version: str,
        officials: Iterable[Mapping[str, Any]] | None = None,
    ) -> int:
        """Replace an article's facts (and officials, when given) and mark it extracted, in one commit.

        The article leaves the quarantine, if it was there.

        Every fact is checked against fact.schema.json first; a bad one raises
        ValueError naming it and nothing is written. Returns the number of facts.
        """
        fact_rows = self._fact_rows(article_id, facts, extractor_version)
        official_rows = (
            None if officials is None else self._official_rows(article_id, officials, extractor_version)
        )
        with self.transaction():
            self._replace("facts", FACT_COLUMNS, article_id, fact_rows)
            if official_rows is not None:
                self._replace("officials", OFFICIAL_COLUMNS, article_id, official_rows)
            self.connection.execute(
                "INSERT INTO extraction (article_id, extractor_version, extracted_at, n_facts, n_officials) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
                "extractor_version = excluded.extractor_version, extracted_at = excluded.extracted_at, "
                "n_facts = excluded.n_facts, "
                "n_officials = coalesce(excluded.n_officials, extraction.n_officials)",
                [article_id, extractor_version, _now(), len(fact_rows),
                 None if official_rows is None else len(official_rows)],
            )  # fmt: skip
            self.connection.execute("DELETE FROM quarantine WHERE article_id = ?", [article_id])
        return len(fact_rows)

    def add_officials(
        self, article_id: str, officials: Iterable[Mapping[str, Any]], extractor_version: str
    ) -> int:
        """Replace an article's officials in one commit (checked against official.schema.json)."""
        rows = self._official_rows(article_id, officials, extractor_version)
        with self.transaction():
            self._replace("officials", OFFICIAL_COLUMNS, article_id, rows)
        return len(rows)

    def _replace(self, table: str, columns: Sequence[str], article_id: str, rows: list[list[Any]]) -> None:
        con = self.connection
        con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        if rows:
            names = ", ".join(f'"{c}"' for c in columns)
            try:
                con.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows
                )
            except duckdb.ConstraintException as exc:
                raise ValueError(f"{table} of article {article_id}: {exc}") from None

    @staticmethod
    def _check_ids(article_id: str, extractor_version: str) -> None:
        if not isinstance(article_id, str) or not article_id:
            raise ValueError("article_id must be a non-empty string")
        if not isinstance(extractor_version, str) or not extractor_version:
            raise ValueError("extractor_version must be a non-empty string")

    def _fact_rows(
        self, article_id: str, facts: Iterable[Mapping[str, Any]], extractor_version: str
    ) -> list[list[Any]]:
        self._check_ids(article_id, extractor_version)
        rows, seen = [], set()
        for n, fact in enumerate(facts):
            what = f"fact {n} of article {article_id}"
            if not isinstance(fact, Mapping):
                raise ValueError(f"{what}: not a dict")
            fact = {"article_id": article_id, **fact}
            validate(fact, "fact.schema.json", what)
            if fact["article_id"] != article_id:
                raise ValueError(f"{what}: article_id is {fact['article_id']!r}")
            fid = fact.get("fact_id") or fact_id_for(fact)
            if fid in seen:
                raise ValueError(f"{what}: duplicate fact_id {fid}")
            seen.add(fid)
            rows.append(self._fact_values(fid, fact, extractor_version, what))
        return rows

    @staticmethod
    def _fact_values(fid: str, fact: Mapping[str, Any], extractor_version: str, what: str) -> list[Any]:
        region, evidence = fact["region"], fact["evidence"]
        try:
            as_of_date, precision = iso_period(fact.get("as_of"))
        except ValueError as exc:
            raise ValueError(f"{what}: as_of: {exc}") from None
        values = {
            **{k: fact.get(k) for k in FACT_COLUMNS},
            "fact_id": fid,
            "region_name": region["name"],
            "province": region.get("province"),
            "level": region["level"],
            "adcode": region.get("adcode"),
            "as_of_date": as_of_date,
            "as_of_precision": precision,
            "sentence": evidence["sentence"],
            "start": evidence["start"],
            "end": evidence["end"],
            "field": evidence.get("field") or "text",
            "extractor_version": extractor_version,
        }
        return [values[c] for c in FACT_COLUMNS]

    def _official_rows(
        self, article_id: str, officials: Iterable[Mapping[str, Any]], extractor_version: str
    ) -> list[list[Any]]:
        self._check_ids(article_id, extractor_version)
        rows, seen = [], set()
        for n, official in enumerate(officials):
            what = f"official {n} of article {article_id}"
            if not isinstance(official, Mapping):
                raise ValueError(f"{what}: not a dict")
            official = {"article_id": article_id, **official}
            validate(official, "official.schema.json", what)
            if official["article_id"] != article_id:
                raise ValueError(f"{what}: article_id is {official['article_id']!r}")
            ev = official["evidence"]
            oid = _record_id(article_id, official["name"], ev["start"], ev["end"])
            if oid in seen:
                continue  # the same mention twice is one official
            seen.add(oid)
            values = {
                **{k: official.get(k) for k in OFFICIAL_COLUMNS},
                "official_id": oid,
                "start": ev["start"],
                "end": ev["end"],
                "extractor_version": extractor_version,
            }
            rows.append([values[c] for c in OFFICIAL_COLUMNS])
        return rows

    def fact_records(self, article_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Stored facts in fact.schema.json form (nested region and evidence), e.g. for reconciliation.

        A fact without url / source / published / language gets its article's.
        """
        filled = {"url", "source", "published", "language"}
        columns = ", ".join(
            f"coalesce(f.{c}, a.{c}) AS {c}" if c in filled else f"f.{repr_col(c)}" for c in FACT_COLUMNS
        )
        sql = f"SELECT {columns} FROM facts f LEFT JOIN articles a USING (article_id)"
        params: list[Any] = []
        if article_ids is not None:
            sql += " WHERE list_contains(?, f.article_id)"
            params.append(list(article_ids))
        sql += ' ORDER BY f.article_id, f."start", f.fact_id'
        rows = self.connection.execute(sql, params).fetchall()
        return [fact_record(dict(zip(FACT_COLUMNS, r, strict=True))) for r in rows]

    def official_records(self) -> list[dict[str, Any]]:
        """Stored officials in official.schema.json form."""
        columns = ", ".join(repr_col(c) for c in OFFICIAL_COLUMNS)
        sql = f'SELECT {columns} FROM officials ORDER BY article_id, "start"'
        rows = self.connection.execute(sql).fetchall()
        return [official_record(dict(zip(OFFICIAL_COLUMNS, r, strict=True))) for r in rows]

    # -- reconciliation ----------------------------------------------------------------------------

    def replace_reconciled(
        self, groups: Iterable[Mapping[str, Any]], remove: Iterable[str] = ()
    ) -> dict[str, int]:
        """Upsert reconciled groups by ``group_id`` and delete the ids in ``remove``, in one commit.

        A group whose record is unchanged is left alone (its ``updated_at`` and
        ``change_seq`` too), so re-running reconciliation with no new facts changes
        nothing. Every insert, real update and removal draws the next number of the
        ``reconciled_change_seq`` sequence, so feed pollers see each change once, in
        order. A removed group leaves a tombstone in ``reconciled_removed`` (with its
        last state); a group created again later loses its tombstone and is a normal
        group. Returns counts of inserted, updated, unchanged and deleted groups.
        """
        rows = []
        seen: set[str] = set()
        for n, group in enumerate(groups):
            what = f"reconciled group {n}"
            if not isinstance(group, Mapping):
                raise ValueError(f"{what}: not a dict")
            validate(group, "reconciled.schema.json", what)
            if group["group_id"] in seen:
                raise ValueError(f"{what}: duplicate group_id {group['group_id']}")
            seen.add(group["group_id"])
            rows.append(self._reconciled_values(group, what))
        removed = [remove] if isinstance(remove, str) else list(remove)
        both = sorted(seen.intersection(removed))
        if both:
            raise ValueError(f"groups both upserted and removed: {', '.join(both)}")
        counts = {"inserted": 0, "updated": 0, "unchanged": 0, "deleted": 0}
        with self.transaction():
            for start in range(0, len(rows), RECONCILED_BATCH):
                for key, n in self._upsert_reconciled(rows[start : start + RECONCILED_BATCH]).items():
                    counts[key] += n
            for group_id in removed:
                counts["deleted"] += self._remove_reconciled(group_id)
        return counts

    def reconciled_texts(self, group_ids: Sequence[str]) -> list[str]:
        """The stored records (JSON text) of these groups, those that exist, in no set order."""
        con = self.connection
        if len(group_ids) <= LOOKUP_LIMIT:
            sql = f"SELECT record FROM reconciled WHERE {_lookup('group_id', group_ids)}"
            return [text for (text,) in con.execute(sql).fetchall()]
        wanted = pa.table({"group_id": pa.array(list(group_ids), pa.string())})  # noqa: F841
        return [text for (text,) in con.execute(
            "SELECT r.record FROM wanted w JOIN reconciled r USING (group_id)"
        ).fetchall()]  # fmt: skip

    def _upsert_reconciled(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        """Write one batch of reconciled rows with a few set statements, not 3 or 4 per group.

        A million facts make some 600,000 groups; a statement per group took about
        4 ms, 40 minutes for the first run. Changed rows draw their ``change_seq``
        numbers in the order given, as one insert per group did.
        """
        con = self.connection
        columns = ("ordinal", *RECONCILED_COLUMNS)
        table = [(n, *(row[c] for c in RECONCILED_COLUMNS)) for n, row in enumerate(rows)]
        con.execute("CREATE OR REPLACE TEMP TABLE incoming_reconciled AS SELECT * FROM reconciled LIMIT 0")
        con.execute("ALTER TABLE incoming_reconciled DROP COLUMN change_seq")
        con.execute("ALTER TABLE incoming_reconciled ADD COLUMN ordinal INTEGER")
        _bulk_insert(con, "incoming_reconciled", columns, table, _RECONCILED_TYPES)
        existing = "SELECT group_id, record FROM reconciled"
        if len(rows) <= LOOKUP_LIMIT:  # a few groups: their stored records only, by the key's index
            existing += f" WHERE {_lookup('group_id', [row['group_id'] for row in rows])}"
        con.execute(
            "CREATE OR REPLACE TEMP TABLE incoming_changes AS "
            "SELECT i.group_id, i.ordinal, r.group_id IS NOT NULL AS existed "
            f"FROM incoming_reconciled i LEFT JOIN ({existing}) r USING (group_id) "
            "WHERE r.record IS DISTINCT FROM i.record"
        )
        changed = con.execute("SELECT count(*), count(*) FILTER (existed) FROM incoming_changes").fetchone()
        n_changed, n_updated = (changed[0], changed[1]) if changed else (0, 0)
        con.execute(
            "DELETE FROM reconciled WHERE group_id IN (SELECT group_id FROM incoming_changes WHERE existed)"
        )  # created again after a removal: a normal group now, not a tombstone
        con.execute(
            "DELETE FROM reconciled_removed "
            "WHERE group_id IN (SELECT group_id FROM incoming_changes WHERE NOT existed)"
        )
        self._insert_changed_reconciled(n_changed)
        con.execute("DROP TABLE incoming_reconciled")
        con.execute("DROP TABLE incoming_changes")
        return {"inserted": n_changed - n_updated, "updated": n_updated, "unchanged": len(rows) - n_changed}

    def _insert_changed_reconciled(self, n_changed: int) -> None:
        """Insert the changed rows, numbered from the sequence in their given order."""
        con = self.connection
        ordinals = [r[0] for r in con.execute("SELECT ordinal FROM incoming_changes ORDER BY 1").fetchall()]
        drawn = con.execute("SELECT nextval('reconciled_change_seq') FROM range(?)", [n_changed]).fetchall()
        seqs = sorted(r[0] for r in drawn)
        numbering = pa.table({"ordinal": pa.array(ordinals, pa.int32()), "seq": pa.array(seqs, pa.int64())})
        con.register("reconciled_numbering", numbering)
        names = ", ".join(f"i.{c}" for c in RECONCILED_COLUMNS)
        con.execute(
            f"INSERT INTO reconciled ({', '.join(RECONCILED_COLUMNS)}, change_seq) "
            f"SELECT {names}, n.seq FROM incoming_reconciled i JOIN reconciled_numbering n USING (ordinal)"
        )
        con.unregister("reconciled_numbering")

    def _remove_reconciled(self, group_id: str) -> int:
        """Delete one group and leave its tombstone; returns 1, or 0 when there was no such group."""
        con = self.connection
        gone = con.execute(
            "DELETE FROM reconciled WHERE group_id = ? "
            "RETURNING metric, province, level, status, as_of_date, record",
            [group_id],
        ).fetchall()
        for last in gone:
            con.execute(
                f"INSERT OR REPLACE INTO reconciled_removed ({', '.join(TOMBSTONE_COLUMNS)}) "
                "VALUES (?, ?, nextval('reconciled_change_seq'), ?, ?, ?, ?, ?, ?)",
                [group_id, _now(), *last],
            )
        return len(gone)

    def reconciled_removals(self) -> list[dict[str, Any]]:
        """Tombstones of removed groups in change order: group_id, removed_at, change_seq, last state."""
        columns = ", ".join(TOMBSTONE_COLUMNS)
        cur = self.connection.execute(f"SELECT {columns} FROM reconciled_removed ORDER BY change_seq")
        return [dict(zip(TOMBSTONE_COLUMNS, row, strict=True)) for row in cur.fetchall()]

    @staticmethod
    def _reconciled_values(group: Mapping[str, Any], what: str) -> dict[str, Any]:
        region = group.get("region") or {}
        try:
            as_of_date, precision = iso_period(group.get("as_of"))
        except ValueError as exc:
            raise ValueError(f"{what}: as_of: {exc}") from None
        members = group["members"]
        return {
            "group_id": group["group_id"],
            "metric": group["metric"],
            "scope": group.get("scope"),
            "period": group.get("period"),
            "region_name": region.get("name"),
            "province": region.get("province"),
            "level": region.get("level"),
            "adcode": region.get("adcode"),
            "as_of": group.get("as_of"),
            "as_of_date": as_of_date,
            "as_of_precision": precision,
            "value": group["value"],
            "bound": group.get("bound"),
            "status": group["status"],
            "n_members": len(members),
            "n_sources": len({m.get("source") or m["article_id"] for m in members}),
            "record": json.dumps(group, ensure_ascii=False, sort_keys=True),
            "updated_at": _now(),
        }

    def reconciled_records(self, group_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Stored reconciled groups as reconciled.schema.json records."""
        sql, params = "SELECT record FROM reconciled", []
        if group_ids is not None:
            sql += " WHERE list_contains(?, group_id)"
            params.append(list(group_ids))
        rows = self.connection.execute(sql + " ORDER BY group_id", params).fetchall()
        return [json.loads(r[0]) for r in rows]

    # -- run log -----------------------------------------------------------------------------------

    def start_run(self, kind: str) -> int:
        """Log the start of a run (crawl, extract, reconcile ...); returns its id."""
        if not isinstance(kind, str) or not kind:
            raise ValueError("a run needs a kind")
        with self.transaction():
            row = self._one(
                "INSERT INTO runs (kind, started, status) VALUES (?, ?, 'running') RETURNING id",
                [kind, _now()],
            )
        return int(row[0])  # type: ignore[index]

    def finish_run(
        self,
        run_id: int,
        counts: Mapping[str, Any] | None = None,
        errors: Sequence[Any] | None = None,
        status: str = "ok",
    ) -> None:
        """Log the end of a run with its counts and errors (JSON)."""
        with self.transaction():
            self.connection.execute(
                "UPDATE runs SET finished = ?, status = ?, counts = ?, errors = ? WHERE id = ?",
                [_now(), status, json.dumps(dict(counts or {}), ensure_ascii=False, default=str),
                 json.dumps(list(errors or []), ensure_ascii=False, default=str), run_id],
            )  # fmt: skip

    @contextmanager
    def run(self, kind: str) -> Iterator[RunLog]:
        """``with store.run("crawl") as log: log.count("fetched")`` logs start, end, counts, errors."""
        log = RunLog(self.start_run(kind), kind)
        try:
            yield log
        except BaseException as exc:
            log.error(type(exc).__name__, str(exc))
            self.finish_run(log.run_id, log.counts, log.errors, status="failed")
            raise
        self.finish_run(log.run_id, log.counts, log.errors, status="ok")

    def runs(self) -> list[dict[str, Any]]:
        """The run log, oldest first (counts and errors decoded)."""
        cur = self.connection.execute("SELECT * FROM runs ORDER BY id")
        names = [d[0] for d in cur.description]
        out = []
        for row in cur.fetchall():
            record = dict(zip(names, row, strict=True))
            for key in ("counts", "errors"):
                record[key] = json.loads(record[key]) if record[key] else None
            out.append(record)
        return out

    def _close_dead_runs(self) -> None:
        """Runs still 'running' when a writer opens were killed (DuckDB allows one writer)."""
        self.connection.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")


class _DedupIndex:
    """URLs and content hashes of every stored article, for O(1) exact dedup decisions."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self.ids: set[str] = set()
        self.hashes: dict[str, str] = {}

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> _DedupIndex:
        index = cls()
        rows = con.execute(
            "SELECT article_id, canonical_url, content_hash FROM articles ORDER BY fetched_at, article_id"
        ).fetchall()
        for article_id, url, content_hash in rows:
            index.add(article_id, url, content_hash)
        index.urls.update(con.execute("SELECT url, article_id FROM article_urls").fetchall())
        return index

    def add(self, article_id: str, url: str, content_hash: str | None) -> None:
        self.ids.add(article_id)
        self.urls[url] = article_id
        if content_hash:
            self.hashes.setdefault(content_hash, article_id)


@dataclass
class _Writes:
    """The rows one ``add_articles`` call writes, sent to DuckDB together at the end."""

    articles: list[list[Any]] = field(default_factory=list)
    urls: list[list[Any]] = field(default_factory=list)
    fetches: list[list[Any]] = field(default_factory=list)

    def article(self, article_id: str, row: Mapping[str, Any]) -> None:
        self.articles.append([article_id, *(row[c] for c in ARTICLE_FIELDS)])

    def url(self, url: str, article_id: str, row: Mapping[str, Any], similarity: float | None) -> None:
        self.urls.append([url, article_id, row["source"], row["fetched_at"] or _now(), similarity])

    def fetch(self, row: Mapping[str, Any]) -> None:
        self.fetches.append(
            [
                row["canonical_url"],
                row["http_status"],
                row["etag"],
                row["last_modified"],
                row["fetched_at"] or _now(),
            ]
        )

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        """Two bulk inserts (Arrow tables: executemany costs a statement per row) and the fetch upserts."""
        if self.articles:
            _bulk_insert(con, "articles", ("article_id", *ARTICLE_FIELDS), self.articles, _ARTICLE_TYPES)
        if self.urls:
            columns = ("url", "article_id", "source", "first_seen", "similarity")
            _bulk_insert(con, "article_urls", columns, self.urls, _URL_TYPES, "ON CONFLICT (url) DO NOTHING")
        for fetch in self.fetches:  # one by one: a batch may refresh the same URL twice
            con.execute(_UPSERT_FETCH, fetch)


#: Arrow types of the bulk-inserted columns (inferred types fail on all-None or mixed columns)
_ARTICLE_TYPES = {
    "fetched_at": pa.timestamp("us"),
    "simhash": pa.uint64(),
    "warc_offset": pa.int64(),
    "warc_length": pa.int64(),
    "http_status": pa.int32(),
}
_URL_TYPES = {"first_seen": pa.timestamp("us"), "similarity": pa.float64()}
_RECONCILED_TYPES = {
    "ordinal": pa.int32(),
    "as_of_date": pa.date32(),
    "value": pa.float64(),
    "n_members": pa.int32(),
    "n_sources": pa.int32(),
    "updated_at": pa.timestamp("us"),
}
#: Reconciled rows written per set statement (a batch's rows and records are held in memory).
RECONCILED_BATCH = 50_000


def _bulk_insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    types: Mapping[str, pa.DataType],
    conflict: str = "",
) -> None:
    """Insert rows into ``table`` with one statement through an Arrow table."""
    arrays = [
        pa.array([row[i] for row in rows], type=types.get(c, pa.string())) for i, c in enumerate(columns)
    ]
    batch = pa.Table.from_arrays(arrays, names=list(columns))  # noqa: F841 - read by DuckDB by name
    names = ", ".join(repr_col(c) for c in columns)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM batch {conflict}")


def repr_col(name: str) -> str:
    """A column name quoted for SQL (``start`` and ``end`` are keywords)."""
    return f'"{name}"'


def fact_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A facts row back in fact.schema.json form."""
    record = {k: row[k] for k in FACT_COLUMNS if k not in _FLAT_FACT_ONLY}
    record["region"] = {
        "name": row["region_name"],
        "province": row["province"],
        "level": row["level"],
        "adcode": row["adcode"],
    }
    record["evidence"] = evidence_record(row)
    return {k: v for k, v in record.items() if v is not None or k in _NULLABLE_FACT_KEYS}


def fact_from_row(row: Sequence[Any]) -> dict[str, Any]:
    """:func:`fact_record` of a row given as a tuple in :data:`FACT_COLUMNS` order, built in one pass.

    The same dict, keys in the same order; an incremental reconcile reads 64,000 facts at
    1M, and the row dict and the filtering copy of :func:`fact_record` were a third of that.
    """
    record = {k: row[i] for k, i in _PLAIN_FACT if row[i] is not None or k in _NULLABLE_FACT_KEYS}
    at = _AT
    record["region"] = {
        "name": row[at["region_name"]],
        "province": row[at["province"]],
        "level": row[at["level"]],
        "adcode": row[at["adcode"]],
    }
    evidence = {"sentence": row[at["sentence"]], "start": row[at["start"]], "end": row[at["end"]]}
    field = row[at["field"]]
    if field and field != "text":
        evidence["field"] = field
    record["evidence"] = evidence
    return record


def evidence_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The ``evidence`` object of a facts row; ``field`` only for a headline's fact (absent means text)."""
    evidence = {"sentence": row["sentence"], "start": row["start"], "end": row["end"]}
    field = row.get("field")
    if field and field != "text":
        evidence["field"] = field
    return evidence


_FLAT_FACT_ONLY = frozenset(
    {"region_name", "province", "level", "adcode", "sentence", "start", "end", "field", "as_of_date",
     "as_of_precision", "extractor_version"}
)  # fmt: skip
_NULLABLE_FACT_KEYS = frozenset({"as_of", "url", "source", "published", "language", "scope", "period"})
_PLAIN_FACT = [(k, i) for i, k in enumerate(FACT_COLUMNS) if k not in _FLAT_FACT_ONLY]
_AT = {k: i for i, k in enumerate(FACT_COLUMNS)}


def official_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """An officials row back in official.schema.json form."""
    keep = ("article_id", "name", "name_normalized", "title", "organization", "province", "role",
            "quote_kind", "quote")  # fmt: skip
    record = {k: row[k] for k in keep}
    record["evidence"] = {"start": row["start"], "end": row["end"]}
    return record
