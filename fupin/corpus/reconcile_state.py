"""Incremental reconciliation of a store: re-decide only the statistics that changed facts touch.

Why: a full run reads and decides every fact of the store (a million facts: minutes),
while a crawl adds a few hundred articles at a time. After a full run this module
keeps, in the store's DuckDB file (tables ``reconcile_state_*``, created here):

- every reconciled fact's id, a hash of its row, its article and its *bucket* (metric,
  unit, scope, period and region: date clustering, copies of a value and cumulative
  flags never look outside one bucket);
- each bucket's groups, and the copy links (article pairs) found in it;
- each article's copy component (the union of every copy and reprint link);
- the source reliabilities the last full run learned.

An incremental run finds the facts that are new, changed or gone (SQL over the
hashes), takes their buckets, adds the buckets of the other metric of a part/total
pair (resumed workshops and workshops decide and flag each other), and the buckets
of any article whose copy component changes (its copy chains, hence its groups'
independent sources, may change), then reconciles exactly those buckets, whole.

What is identical to a full run and what is not:

- grouping, copies, flags, support and statuses of the touched buckets are those of
  a full run (each bucket is complete, the components are joined with the stored
  links of the other buckets and the store's duplicate links);
- TruthFinder is global: an incremental run holds every known source at the
  reliability the last full run learned (``fixed``) and learns only sources it has
  not seen. A full run would move every reliability a little with the new facts;
  tests/test_reconcile_scale_incremental.py checks that decisions equal a full run's
  and that reliabilities differ by less than 0.01 after 1% new facts.
  ``fupin reconcile --full`` re-learns everything and rewrites the state.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from fupin.corpus.reconcile import (
    PARTS_OF,
    Copies,
    Group,
    Reconciliation,
    RecordStream,
    _unique,
    build_groups,
    compact_fact,
    decide_all,
    find_copies,
    learn,
    paused_gc,
    reprint_links,
    write_changed,
)
from fupin.corpus.truth import TruthParams, TruthResult

#: bump when a change to reconcile.py changes decisions: the state of an older version forces a full run
STATE_VERSION = "1"
TABLES = {
    "reconcile_state_facts": (
        "fact_id VARCHAR PRIMARY KEY, digest UBIGINT, article_id VARCHAR, bucket VARCHAR"
    ),
    "reconcile_state_groups": "group_id VARCHAR PRIMARY KEY, bucket VARCHAR",
    "reconcile_state_links": "bucket VARCHAR, a VARCHAR, b VARCHAR",
    "reconcile_state_articles": "article_id VARCHAR PRIMARY KEY, component VARCHAR",
    "reconcile_state_trust": "source VARCHAR PRIMARY KEY, trust DOUBLE",
    "reconcile_state_meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
}
#: a stored fact's row as the reconciler reads it (the article's url, source, ... fill the fact's gaps)
_DIGEST = "hash(f, a.url, a.source, a.published, a.language)"
_TOTALS = {total: part for part, total in PARTS_OF.items()}


@lru_cache(maxsize=65536)
def _bucket_key(bucket: tuple[str, ...]) -> str:
    return json.dumps(list(bucket), ensure_ascii=False)


def bucket_key(bucket: Sequence[str]) -> str:
    """A bucket as a string for SQL (asked for every report of the touched buckets: cached)."""
    return _bucket_key(tuple(bucket))


def _meta(params: TruthParams | None) -> str:
    return f"{STATE_VERSION}|{params or TruthParams()!r}"


def ensure_tables(con: Any) -> None:
    for name, columns in TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")


def has_state(store: Any, params: TruthParams | None) -> bool:
    """A state written by a run of this version with these parameters, with the store's duplicate and
    reprint links as they were then (they are no facts: a change to them sends the run back to full)."""
    con = store.connection
    ensure_tables(con)
    meta = dict(con.execute("SELECT key, value FROM reconcile_state_meta").fetchall())
    return meta.get("version") == _meta(params) and meta.get("links") == links_digest(store)


def links_digest(store: Any) -> str:
    """A hash of the store's duplicate links and reprint links."""
    links = (sorted(store.duplicate_links()), sorted(reprint_links(store).items()))
    return hashlib.sha1(repr(links).encode("utf-8")).hexdigest()


# -- saving --------------------------------------------------------------------------------------------


def _current_facts(con: Any) -> None:
    """Every stored fact's id, article and row hash, in the temporary table ``reconcile_current``."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE reconcile_current AS "
        f"SELECT f.fact_id, f.article_id, {_DIGEST} AS digest "
        "FROM facts f LEFT JOIN articles a USING (article_id)"
    )


def _insert(con: Any, table: str, rows: Sequence[tuple], columns: Sequence[str]) -> None:
    if not rows:
        return
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))  # noqa: F841 - read by DuckDB by name
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM frame")


def save(
    store: Any,
    groups: Sequence[Group],
    copies: Copies,
    trust: dict[str, float],
    params: TruthParams | None,
    buckets: Iterable[str] | None = None,
) -> None:
    """Write the state of ``groups`` (all of them, or those of ``buckets`` in place of theirs;
    an incremental run has ``reconcile_current`` already)."""
    con = store.connection
    ensure_tables(con)
    facts = [(r.fact_id, r.article_id, bucket_key(g.bucket)) for g in groups for r in g.reports]
    links = [(bucket_key(b), a, o) for b, a, o in copies.links]
    articles = sorted({a for _, a, _ in facts})
    if buckets is None:
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
    else:
        _ids(con, "reconcile_buckets", buckets)
        for table in ("reconcile_state_facts", "reconcile_state_groups", "reconcile_state_links"):
            con.execute(f"DELETE FROM {table} WHERE bucket IN (SELECT v FROM reconcile_buckets)")
        _ids(con, "reconcile_articles", articles)
        con.execute(
            "DELETE FROM reconcile_state_articles WHERE article_id IN (SELECT v FROM reconcile_articles)"
        )
    if buckets is None:
        _current_facts(con)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE reconcile_saved (fact_id VARCHAR, article_id VARCHAR, bucket VARCHAR)"
    )
    _insert(con, "reconcile_saved", facts, ["fact_id", "article_id", "bucket"])
    con.execute(
        "INSERT INTO reconcile_state_facts SELECT s.fact_id, c.digest, s.article_id, s.bucket "
        "FROM reconcile_saved s JOIN reconcile_current c USING (fact_id)"
    )
    _insert(
        con,
        "reconcile_state_groups",
        [(g.group_id, bucket_key(g.bucket)) for g in groups],
        ["group_id", "bucket"],
    )
    _insert(con, "reconcile_state_links", links, ["bucket", "a", "b"])
    _insert(
        con,
        "reconcile_state_articles",
        [(a, copies.component(a)) for a in articles],
        ["article_id", "component"],
    )
    known = {s for (s,) in con.execute("SELECT source FROM reconcile_state_trust").fetchall()}
    _insert(
        con,
        "reconcile_state_trust",
        [(s, t) for s, t in trust.items() if s not in known],
        ["source", "trust"],
    )
    con.execute("INSERT OR REPLACE INTO reconcile_state_meta VALUES ('version', ?)", [_meta(params)])
    con.execute("INSERT OR REPLACE INTO reconcile_state_meta VALUES ('links', ?)", [links_digest(store)])


def _ids(con: Any, name: str, values: Iterable[str]) -> None:
    """A temporary one-column table ``name(v)``: joins on it are hash joins, unlike list_contains."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (v VARCHAR)")
    _insert(con, name, [(v,) for v in sorted(set(values))], ["v"])


# -- the incremental run ----------------------------------------------------------------------------

#: rounds of widening the touched buckets by changed copy components (each round adds what the last found)
MAX_ROUNDS = 8


def incremental(
    store: Any, params: TruthParams | None = None
) -> tuple[Reconciliation, dict[str, int]] | None:
    """Reconcile only what changed since the last run, and the store's write counts (untouched
    groups count as unchanged); None when there is no usable state (run in full)."""
    con = store.connection
    if not has_state(store, params):
        return None
    with paused_gc():
        _current_facts(con)
        fresh = [r for (r,) in con.execute(
            "SELECT c.fact_id FROM reconcile_current c LEFT JOIN reconcile_state_facts s USING (fact_id) "
            "WHERE s.fact_id IS NULL OR s.digest != c.digest"
        ).fetchall()]  # fmt: skip
        buckets = {b for (b,) in con.execute(
            "SELECT DISTINCT s.bucket FROM reconcile_state_facts s "
            "LEFT JOIN reconcile_current c USING (fact_id) "
            "WHERE c.fact_id IS NULL OR c.digest != s.digest"
        ).fetchall()}  # fmt: skip
        buckets |= {bucket_key(r.bucket) for r in _unique(_facts_by_id(store, fresh))}
        if not buckets:
            return Reconciliation([], [], [], _stored_trust(con), 0, True), {"unchanged": _n_groups(con)}
        touched = _touched(store, buckets, fresh)
        if touched is None:
            return None
        reports, copies = touched
        groups = build_groups(reports, copies)
        learned = learn(groups, params, None, fixed=_stored_trust(con))
        decide_all(groups, learned)
        return _write(store, groups, copies, learned, buckets, params)


def _touched(store: Any, buckets: set[str], fresh: list[str]) -> tuple[list, Copies] | None:
    """The reports of the touched buckets, widened until no copy component outside them changes
    (None if that takes more than ``MAX_ROUNDS`` rounds: run in full)."""
    con = store.connection
    pairs = store.duplicate_links()
    for _ in range(MAX_ROUNDS):
        buckets |= _partner_buckets(buckets)
        _ids(con, "reconcile_buckets", buckets)
        ids = [r for (r,) in con.execute(
            "SELECT fact_id FROM reconcile_state_facts WHERE bucket IN (SELECT v FROM reconcile_buckets)"
        ).fetchall()]  # fmt: skip
        reports = [r for r in _unique(_facts_by_id(store, ids + fresh)) if bucket_key(r.bucket) in buckets]
        articles = {r.article_id for r in reports}
        copies = find_copies(reports, [*pairs, *_stored_links(con, articles)])
        _first_published(con, copies, articles)
        more = _changed_component_buckets(con, copies, articles) - buckets
        if not more:
            return reports, copies
        buckets |= more
    return None


def _partner_buckets(buckets: Iterable[str]) -> set[str]:
    """The buckets of the other metric of a part/total pair (same unit, scope, period and region)."""
    out = set(buckets)
    for key in buckets:
        metric, *rest = json.loads(key)
        for other in (PARTS_OF.get(metric), _TOTALS.get(metric)):
            if other:
                out.add(bucket_key([other, *rest]))
    return out


def stored_facts(store: Any, fact_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """Stored facts as :meth:`Store.fact_records` gives them (all, or these ids), read in batches
    and compacted (:func:`compact_fact`): a million facts as plain dicts would take 3.5 GB."""
    from fupin.corpus.store import FACT_COLUMNS, fact_record, repr_col

    con = store.connection
    filled = {"url", "source", "published", "language"}
    columns = ", ".join(
        f"coalesce(f.{c}, a.{c}) AS {c}" if c in filled else f"f.{repr_col(c)}" for c in FACT_COLUMNS
    )
    sql = f"SELECT {columns} FROM facts f LEFT JOIN articles a USING (article_id)"
    if fact_ids is not None:
        _ids(con, "reconcile_wanted", fact_ids)
        sql += " WHERE f.fact_id IN (SELECT v FROM reconcile_wanted)"
    cursor = con.execute(sql)
    shared: dict[Any, Any] = {}
    while rows := cursor.fetchmany(50_000):
        for row in rows:
            yield compact_fact(fact_record(dict(zip(FACT_COLUMNS, row, strict=True))), shared)


def _facts_by_id(store: Any, fact_ids: Iterable[str]) -> list[dict[str, Any]]:
    return list(stored_facts(store, fact_ids))


def _stored_links(con: Any, articles: set[str]) -> list[tuple[str, str]]:
    """Copy links of the untouched buckets within the stored components of these articles."""
    _ids(con, "reconcile_articles", articles)
    return con.execute(
        "SELECT l.a, l.b FROM reconcile_state_links l "
        "WHERE l.bucket NOT IN (SELECT v FROM reconcile_buckets) "
        "AND l.a IN (SELECT s.article_id FROM reconcile_state_articles s WHERE s.component IN "
        "(SELECT component FROM reconcile_state_articles "
        "WHERE article_id IN (SELECT v FROM reconcile_articles)))"
    ).fetchall()


def _first_published(con: Any, copies: Copies, articles: set[str]) -> None:
    """Each article's earliest publication over all its facts (the untouched buckets' too)."""
    from fupin.corpus.reconcile import parse_period

    rows = con.execute(
        "SELECT f.article_id, coalesce(f.published, a.published) FROM facts f LEFT JOIN articles a "
        "USING (article_id) WHERE f.article_id IN (SELECT v FROM reconcile_articles)"
    ).fetchall()
    for article, published in rows:
        period = parse_period(published) if isinstance(published, str) else None
        if period and (
            article not in copies.first_published or period.text < copies.first_published[article]
        ):
            copies.first_published[article] = period.text


def _changed_component_buckets(con: Any, copies: Copies, loaded: set[str]) -> set[str]:
    """Buckets of every article whose copy component merged or split since the stored state.

    Compared: the loaded articles and the members of their stored components (whose
    links were all loaded); the other articles of the duplicate links are only
    partly known here, and their links have not changed (see :func:`has_state`).
    """
    everyone = list(copies.components.parent)
    _ids(con, "reconcile_articles", everyone)
    stored = dict(con.execute(
        "SELECT article_id, component FROM reconcile_state_articles "
        "WHERE article_id IN (SELECT v FROM reconcile_articles)"
    ).fetchall())  # fmt: skip
    known = {stored[a] for a in loaded if a in stored}
    now = {a: copies.component(a) for a in everyone if a in loaded or stored.get(a) in known}
    spans: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, root in now.items():
        before = stored.get(article)
        if before is None:  # a new article joining a story changes no stored partition by itself
            continue
        spans[("now", root)].add(before)
        spans[("before", before)].add(root)
    changed = {k[1] for k, v in spans.items() if k[0] == "before" and len(v) > 1}
    changed |= {b for k, v in spans.items() if k[0] == "now" and len(v) > 1 for b in v}
    if not changed:
        return set()
    _ids(con, "reconcile_components", changed)
    return {b for (b,) in con.execute(
        "SELECT DISTINCT f.bucket FROM reconcile_state_facts f "
        "JOIN reconcile_state_articles s USING (article_id) "
        "WHERE s.component IN (SELECT v FROM reconcile_components)"
    ).fetchall()}  # fmt: skip


def _stored_trust(con: Any) -> dict[str, float]:
    return dict(con.execute("SELECT source, trust FROM reconcile_state_trust").fetchall())


def _write(
    store: Any,
    groups: list[Group],
    copies: Copies,
    learned: TruthResult,
    buckets: set[str],
    params: TruthParams | None,
) -> tuple[Reconciliation, dict[str, int]]:
    """Records of the touched groups (unchanged ones kept verbatim), removals, and the new state."""
    from fupin.corpus.reconcile import _group_order

    con = store.connection
    _ids(con, "reconcile_buckets", buckets)
    old_ids = [g for (g,) in con.execute(
        "SELECT group_id FROM reconcile_state_groups WHERE bucket IN (SELECT v FROM reconcile_buckets)"
    ).fetchall()]  # fmt: skip
    _ids(con, "reconcile_wanted", old_ids)
    old = {
        r["group_id"]: r
        for r in map(json.loads, (x for (x,) in con.execute(
            "SELECT record FROM reconciled WHERE group_id IN (SELECT v FROM reconcile_wanted)"
        ).fetchall()))
    }  # fmt: skip
    groups.sort(key=_group_order)
    stream = RecordStream(groups, learned, old, True, reprint_links(store))
    with store.transaction():
        result, written = write_changed(store, stream)
        save(store, groups, copies, learned.trust, params, buckets)
    written["unchanged"] = written.get("unchanged", 0) + _n_groups(con) - len(groups)
    return result, written


def _n_groups(con: Any) -> int:
    return con.execute("SELECT count(*) FROM reconcile_state_groups").fetchone()[0]
