"""Incremental reconciliation of a store: re-decide only the statistics that changed facts touch.

Why: a full run reads and decides every fact of the store (a million facts: minutes),
while a crawl adds a few hundred articles at a time. After a full run this module
keeps, in the store's DuckDB file (tables ``reconcile_state_*``, created here):

- every reconciled fact's id, a hash of its row, its article, its *bucket* (metric,
  unit, scope, period and region) and its *window* within the bucket (below), with
  its value and the dates it can reach;
- each window's groups, with a summary of each decided group that other groups read
  (:class:`fupin.corpus.reconcile.GroupSummary`: parts are capped and flagged by
  their totals of the same moment, cumulative counts by the top earlier figure of
  their series), and the copy links (article pairs) found in the window;
- each article's copy component (the union of every copy and reprint link);
- the source reliabilities the last full run learned.

A window is a set of a bucket's reports that nothing outside it can change:
:func:`fupin.corpus.reconcile.cluster_dates` only lets a report meet clusters whose
dates overlap the dates it can *reach* (its text date; a month before its
publication for a figure dated by it; its year up to its publication for "this
year"), copies only among reports of one value, undated figures only among the
undated. So the windows are the connected parts of a bucket under three links:
reaches that overlap, the same value, both undated (:func:`windows`). Overlapping
reaches are not linked across a *cut* (:func:`cuts`): a date that every report
reaching across it is held after, by a text-dated report after the date that it
agrees with (the releases of a national series, some 20 days apart, are chained by
the month that figures dated by their publication reach back, and cut apart by the
release each such figure repeats). A national series of a metric is one bucket
holding hundreds of reports per release over years; a new report of one release
touches that release's window, not the series.

An incremental run finds the facts that are new, changed or gone (SQL over the
hashes), computes the windows of their buckets again from the stored rows (value,
interval, kind and reach of every fact) and the new reports, takes the stored
windows of every window that holds a new or changed fact or differs from a stored
one (a cut may come or go with a report far from it), widens by the windows of any
article whose copy component merges or splits (its copy chains, hence its groups'
independent sources, may change), and
reconciles exactly those windows, whole, with the summaries of the other groups of
their series and of their totals or parts as context. If a re-decided group's
summary changes what an untouched group of that context would be capped or flagged
by, that group's window is added and the run redone (:func:`_stale_units`).

What is identical to a full run and what is not:

- grouping, copies, flags, support and statuses of the touched windows are those of
  a full run (each window is complete, the components are joined with the stored
  links of the other windows and the store's duplicate links);
- TruthFinder is global: an incremental run holds every known source at the
  reliability the last full run learned (``fixed``) and learns only sources it has
  not seen. A full run would move every reliability a little with the new facts;
  tests/test_reconcile_scale_incremental.py checks that decisions equal a full run's
  and that reliabilities differ by less than 0.01 after 1% new facts.
  ``fupin reconcile --full`` re-learns everything and rewrites the state.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from fupin.corpus.reconcile import (
    CONTEXT_METRICS,
    CUMULATIVE,
    PARTS_OF,
    PUBLISHED_WINDOW,
    Copies,
    Group,
    GroupSummary,
    Interval,
    Reconciliation,
    RecordStream,
    Report,
    _describe,
    _label,
    _totals_index,
    _totals_of,
    _unique,
    build_groups,
    compact_fact,
    cumulative_series,
    decide_all,
    find_copies,
    learn,
    merge_copies,
    parse_period,
    paused_gc,
    reprint_links,
    summarize,
    top_earlier,
    was_reported,
    write_changed,
)
from fupin.corpus.truth import TruthParams, TruthResult

#: bump when a change to reconcile.py changes decisions, or the state's tables change: the state of an
#: older version forces a full run, which rebuilds it (:func:`state_problem` says so)
STATE_VERSION = "4"
#: what each version changed, for the message that sends a run with an older state back to full
STATE_CHANGES = {
    "3": "date windows cut inside a series",
    "4": "a group re-decided by an incremental run keeps a digest of its decision, so that the next "
    "one need not read its stored record",
}
TABLES = {
    "reconcile_state_facts": (
        "fact_id VARCHAR PRIMARY KEY, digest UBIGINT, article_id VARCHAR, bucket VARCHAR, "
        "unit VARCHAR, value DOUBLE, lo DATE, hi DATE, kind VARCHAR, ilo DOUBLE, ihi DOUBLE"
    ),
    "reconcile_state_groups": (
        "group_id VARCHAR PRIMARY KEY, unit VARCHAR, bucket VARCHAR, kind VARCHAR, earliest DATE, "
        "latest DATE, anchor VARCHAR, lo DOUBLE, hi DOUBLE, label VARCHAR, description VARCHAR, "
        "decided VARCHAR"
    ),
    "reconcile_state_links": "unit VARCHAR, a VARCHAR, b VARCHAR",
    "reconcile_state_articles": "article_id VARCHAR PRIMARY KEY, component VARCHAR",
    "reconcile_state_trust": "source VARCHAR PRIMARY KEY, trust DOUBLE",
    "reconcile_state_meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
}
#: a stored fact's row as the reconciler reads it (the article's url, source, ... fill the fact's gaps)
_DIGEST = "hash(f, a.url, a.source, a.published, a.language)"
_TOTALS = {total: part for part, total in PARTS_OF.items()}
_SUMMARY = "group_id, unit, bucket, kind, earliest, latest, anchor, lo, hi, label, description"


@lru_cache(maxsize=65536)
def _bucket_key(bucket: tuple[str, ...]) -> str:
    return json.dumps(list(bucket), ensure_ascii=False)


@lru_cache(maxsize=65536)
def _parse_bucket(key: str) -> tuple[str, ...]:
    """:func:`bucket_key` back (a national series' thousands of context summaries share a few)."""
    return tuple(json.loads(key))


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
    return not state_problem(store, params)


def state_problem(store: Any, params: TruthParams | None) -> str:
    """Why the store's state cannot serve an incremental run ("" when it can): none yet, an older
    version (its tables are dropped and rebuilt by the full run), other truth parameters, or other
    duplicate or reprint links."""
    con = store.connection
    ensure_tables(con)
    meta = dict(con.execute("SELECT key, value FROM reconcile_state_meta").fetchall())
    version = meta.get("version")
    if version is None:
        return "no reconcile state yet (the next runs re-decide only what changes)"
    old = version.split("|", 1)[0]
    if old != STATE_VERSION:
        change = STATE_CHANGES.get(STATE_VERSION, "")
        return (
            f"the reconcile state is version {old}, this fupin keeps version {STATE_VERSION}"
            f"{f' ({change})' if change else ''}; rebuilding it"
        )
    if version != _meta(params):
        return "the truth parameters differ from those the reconcile state was learned with"
    if meta.get("links") != links_digest(store):
        return "the store's duplicate or reprint links changed since the last run"
    return ""


def links_digest(store: Any) -> str:
    """A hash of the store's duplicate links and reprint links."""
    links = (sorted(store.duplicate_links()), sorted(reprint_links(store).items()))
    return hashlib.sha1(repr(links).encode("utf-8")).hexdigest()


# -- windows -------------------------------------------------------------------------------------------


def reach(report: Report) -> tuple[date, date] | None:
    """The dates whose clusters a report can meet (see the module doc); None for an undated one."""
    when = report.when
    if report.kind == "none" or when is None:
        return None
    if report.kind == "published":
        return when.start - PUBLISHED_WINDOW, when.end
    stated = parse_period(report.date)  # the text's date: a running figure's year
    assert stated is not None
    return stated.start, when.end if report.kind == "running" else stated.end


class Meta(NamedTuple):
    """What windows are computed from, for one report (a :class:`Report`, or a stored state row)."""

    fact_id: str
    article_id: str
    kind: str
    value: float
    ilo: float  # the value interval
    ihi: float
    lo: date | None  # the reach
    hi: date | None


def meta(report: Report) -> Meta:
    lo, hi = reach(report) or (None, None)
    i = report.interval
    return Meta(report.fact_id, report.article_id, report.kind, report.claim[0], i.lo, i.hi, lo, hi)


def windows(reports: Iterable[Report]) -> dict[str, str]:
    """Fact id -> its window (bucket key and the least fact id of the window), for reports that
    hold whole buckets (a full run's)."""
    by_bucket: dict[tuple[str, ...], list[Meta]] = defaultdict(list)
    for report in reports:
        by_bucket[report.bucket].append(meta(report))
    out: dict[str, str] = {}
    for bucket, members in by_bucket.items():
        out.update(bucket_windows(bucket_key(bucket), members))
    return out


def bucket_windows(key: str, members: Sequence[Meta]) -> dict[str, str]:
    """Fact id -> window, for all the reports of one bucket."""
    parent = _connect(members)
    roots: dict[int, list[str]] = defaultdict(list)
    for at, m in enumerate(members):
        roots[_root(parent, at)].append(m.fact_id)
    out: dict[str, str] = {}
    for ids in roots.values():
        unit = f"{key}#{min(ids)}"
        for fact_id in ids:
            out[fact_id] = unit
    return out


def _overlap(a: Meta, b: Meta) -> bool:
    """:meth:`Interval.overlaps` of the two value intervals, without building them (called some
    600,000 times when a run computes the windows of a 1M store's national buckets)."""
    lo, hi = max(a.ilo, b.ilo), min(a.ihi, b.ihi)
    return lo < hi or (lo == hi and (a.ihi - a.ilo == 0 or b.ihi - b.ilo == 0))


def cuts(members: Sequence[Meta]) -> list[date]:
    """Dates D that no choice of :func:`fupin.corpus.reconcile.cluster_dates` crosses.

    Every report whose reach crosses D (starts before it, ends on or after it) is dated
    by its publication, its article states no two disagreeing values in the bucket, and a
    text-dated report whose whole reach lies in [D, the publication] agrees with it. Such a
    report always has an agreeing cluster after D (that report's) that is closer than any
    cluster before D, so it never joins one before D and never makes a cluster of its own;
    no report before D can meet a cluster after D (text clusters after D start on or after
    it; a cluster made by a report after D that does not cross it starts on or after it).

    The reports crossing each candidate D are kept by a sweep over the dates (a heap of
    the reaches' ends), not listed again for every D: a national bucket of a 1M store
    has some 25,000 reports and hundreds of candidate dates, and "this year" reaches
    span months (the lists took 1.5 s of a 1M incremental run's 2.6 s of windowing).
    """
    dated = sorted((m for m in members if m.lo is not None), key=lambda m: (m.lo, m.fact_id))
    texts = [m for m in dated if m.kind == "text"]
    if not texts or len(dated) < 2:
        return []
    text_lo = [m.lo for m in texts]
    intervals: dict[str, list[Meta]] = defaultdict(list)
    for m in members:
        intervals[m.article_id].append(m)
    consistent: dict[str, bool] = {}

    def steady(article: str) -> bool:
        if article not in consistent:
            mine = {(m.ilo, m.ihi): m for m in intervals[article]}
            ms = list(mine.values())
            consistent[article] = all(_overlap(a, b) for i, a in enumerate(ms) for b in ms[i + 1 :])
        return consistent[article]

    fixed: dict[tuple, bool] = {}
    # the text reports' distinct (reach, value interval): a release's hundred reports share a few
    distinct = sorted({(m.lo, m.hi, m.ilo, m.ihi) for m in texts})
    distinct_lo = [t[0] for t in distinct]

    def held(m: Meta, d: date) -> bool:
        key = (d, m.hi, m.ilo, m.ihi)
        if key not in fixed:
            fixed[key] = False
            for k in range(bisect_left(distinct_lo, d), len(distinct)):
                lo, hi, ilo, ihi = distinct[k]
                if lo > m.hi:  # type: ignore[operator]
                    break
                if hi <= m.hi and _overlap(Meta("", "", "", 0.0, ilo, ihi, lo, hi), m):  # type: ignore[operator]
                    fixed[key] = True
                    break
        return fixed[key]

    out = []
    crossing: dict[int, Meta] = {}  # the reports whose reach crosses the current date
    ends: list[tuple[date, int]] = []  # their reaches' ends
    barred = 0  # how many of them can never be held (not dated by publication, or not steady)
    ok: dict[int, bool] = {}
    i = 0
    for d in sorted(set(text_lo)):
        while i < len(dated) and dated[i].lo < d:  # type: ignore[operator]
            m = dated[i]
            if m.hi >= d:  # type: ignore[operator]
                crossing[i] = m
                heapq.heappush(ends, (m.hi, i))  # type: ignore[arg-type]
                ok[i] = m.kind == "published" and steady(m.article_id)
                barred += not ok[i]
            i += 1
        while ends and ends[0][0] < d:
            j = heapq.heappop(ends)[1]
            del crossing[j]
            barred -= not ok[j]
        if crossing and not barred and all(held(m, d) for m in crossing.values()):
            out.append(d)
    return out


def _connect(members: Sequence[Meta]) -> list[int]:
    """A union-find forest over one bucket's reports, by their position in ``members``: overlapping
    reaches not parted by a cut (:func:`cuts`), one value, the undated. (Positions, not fact ids:
    a national bucket has 20,000 reports, and hashing ids was most of the forest's time.)"""
    parent = list(range(len(members)))
    parted = cuts(members)
    segments: dict[int, list[int]] = defaultdict(list)
    for at, m in enumerate(members):
        if m.lo is not None:
            segments[bisect_right(parted, m.hi)].append(at)
    for segment in segments.values():
        last: tuple[date, int] | None = None  # the running part's latest end and one of its reports
        for at in sorted(segment, key=lambda at: (members[at].lo, members[at].hi)):
            m = members[at]
            if last is not None and m.lo <= last[0]:  # type: ignore[operator]
                _union(parent, last[1], at)
                last = (max(last[0], m.hi), last[1])  # type: ignore[type-var]
            else:
                last = (m.hi, at)  # type: ignore[assignment]
    first: dict[Any, int] = {}
    for at, m in enumerate(members):
        _union(parent, first.setdefault(("value", m.value), at), at)
        if m.lo is None:
            _union(parent, first.setdefault(("undated",), at), at)
    return parent


def _root(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _root(parent, a), _root(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


# -- saving --------------------------------------------------------------------------------------------


def _current_facts(con: Any) -> None:
    """Every stored fact's id, article and row hash, in the temporary table ``reconcile_current``."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE reconcile_current AS "
        f"SELECT f.fact_id, f.article_id, {_DIGEST} AS digest "
        "FROM facts f LEFT JOIN articles a USING (article_id)"
    )


def _insert(con: Any, table: str, rows: Sequence[tuple], columns: Sequence[str]) -> None:
    """Rows into ``table`` through one Arrow table (a pandas frame of tuples cost twice as much)."""
    if not rows:
        return
    import pyarrow as pa

    batch = pa.table(  # noqa: F841 - read by DuckDB below; built by columns (rows of dicts: 3x slower)
        {c: pa.array(list(values)) for c, values in zip(columns, zip(*rows, strict=True), strict=True)}
    )
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM batch")


def _fact_rows(reports: Sequence[Report], unit_of: Mapping[str, str]) -> list[tuple]:
    """State rows of these reports (their window from ``unit_of``), as ``reconcile_saved`` holds them."""
    rows = []
    for r in reports:
        m = meta(r)
        rows.append((r.fact_id, r.article_id, bucket_key(r.bucket), unit_of[r.fact_id], *m[3:], m.kind))
    return rows


def _save_facts(con: Any, reports: Sequence[Report], unit_of: Mapping[str, str], full: bool) -> None:
    """The state rows of the reports: all of them (a full run), or, for an incremental run, only
    those of facts that are new, changed (row hash) or in another window than stored, and the
    rows of removed facts deleted: a fact's row is a function of its row hash and window.
    Comparing all 64,000 rows of the windows a 1M run re-reads cost more than writing the few."""
    columns = ["fact_id", "article_id", "bucket", "unit", "value", "ilo", "ihi", "lo", "hi", "kind"]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE reconcile_saved (fact_id VARCHAR, article_id VARCHAR, bucket VARCHAR, "
        "unit VARCHAR, value DOUBLE, ilo DOUBLE, ihi DOUBLE, lo DATE, hi DATE, kind VARCHAR)"
    )
    if not full:
        con.execute("CREATE OR REPLACE TEMP TABLE reconcile_placed (fact_id VARCHAR, unit VARCHAR)")
        placed = [(r.fact_id, unit_of[r.fact_id]) for r in reports]
        _insert(con, "reconcile_placed", placed, ["fact_id", "unit"])
        rewrite = {f for (f,) in con.execute(
            "SELECT p.fact_id FROM reconcile_placed p JOIN reconcile_current c USING (fact_id) "
            "LEFT JOIN reconcile_state_facts s USING (fact_id) "
            "WHERE s.fact_id IS NULL OR s.unit IS DISTINCT FROM p.unit OR s.digest IS DISTINCT FROM c.digest"
        ).fetchall()}  # fmt: skip
        reports = [r for r in reports if r.fact_id in rewrite]
    _insert(con, "reconcile_saved", _fact_rows(reports, unit_of), columns)
    if not full:
        con.execute(
            "DELETE FROM reconcile_state_facts WHERE fact_id IN (SELECT fact_id FROM reconcile_saved) "
            "OR (unit IN (SELECT v FROM reconcile_units) "
            "AND fact_id NOT IN (SELECT fact_id FROM reconcile_placed))"
        )
    con.execute(
        "INSERT INTO reconcile_state_facts SELECT s.fact_id, c.digest, s.article_id, s.bucket, s.unit, "
        "s.value, s.lo, s.hi, s.kind, s.ilo, s.ihi "
        "FROM reconcile_saved s JOIN reconcile_current c USING (fact_id)"
    )


def _group_rows(groups: Sequence[Group], unit_of: dict[str, str], decided: Mapping[str, str]) -> list[tuple]:
    """State rows of the groups: their window, the summary of those that other groups read, and the
    digest of their record's decision."""
    rows = []
    for g in groups:
        unit = unit_of[g.reports[0].fact_id]
        if g.metric in CONTEXT_METRICS:
            s = summarize(g)
            summary = (
                s.kind,
                s.earliest,
                s.latest,
                s.anchor,
                s.interval.lo,
                s.interval.hi,
                s.label,
                s.description,
            )
            rows.append((g.group_id, unit, bucket_key(g.bucket), *summary, decided.get(g.group_id)))
        else:
            rows.append((g.group_id, unit, bucket_key(g.bucket), *([None] * 8), decided.get(g.group_id)))
    return rows


def save(
    store: Any,
    groups: Sequence[Group],
    copies: Copies,
    trust: dict[str, float],
    params: TruthParams | None,
    units: Iterable[str] | None = None,
    unit_of: dict[str, str] | None = None,
    *,
    decided: Mapping[str, str],
) -> None:
    """Write the state of ``groups`` (all of them, or those of the windows ``units`` in place of
    theirs; an incremental run has ``reconcile_current`` already); ``decided``: the groups'
    :func:`decision_digest` where known (an incremental run's; a full run leaves them null). All
    of them: the tables are made again (an older version's may lack columns)."""
    con = store.connection
    if units is None:
        for table in TABLES:
            con.execute(f"DROP TABLE IF EXISTS {table}")
    ensure_tables(con)
    reports = [r for g in groups for r in g.reports]
    unit_of = windows(reports) if unit_of is None else unit_of  # a full run's, or given
    keys = {(r.bucket, r.claim[0]): unit_of[r.fact_id] for r in reports}  # (bucket, value) -> window
    links = sorted({(keys[key], a, o) for key, a, o in copies.links if key in keys})
    articles = sorted({r.article_id for r in reports})
    if units is None:
        _current_facts(con)
    else:
        _ids(con, "reconcile_units", units)
    _save_facts(con, reports, unit_of, units is None)
    rows = {
        "reconcile_state_groups": _group_rows(groups, unit_of, decided),
        "reconcile_state_links": links,
        "reconcile_state_articles": [(a, copies.component(a)) for a in articles],
    }
    if units is None:
        for table, new in rows.items():
            _fill(con, table, new, _columns(table))
    else:
        _ids(con, "reconcile_articles", articles)
        for table, new in rows.items():
            where = "t.article_id IN (SELECT v FROM reconcile_articles)" if table.endswith("articles") else (
                "t.unit IN (SELECT v FROM reconcile_units)"
            )  # fmt: skip
            _replace(con, table, new, where)
    known = {s for (s,) in con.execute("SELECT source FROM reconcile_state_trust").fetchall()}
    _insert(
        con,
        "reconcile_state_trust",
        [(s, t) for s, t in trust.items() if s not in known],
        ["source", "trust"],
    )
    con.execute("INSERT OR REPLACE INTO reconcile_state_meta VALUES ('version', ?)", [_meta(params)])
    con.execute("INSERT OR REPLACE INTO reconcile_state_meta VALUES ('links', ?)", [links_digest(store)])


def _columns(table: str) -> list[str]:
    return [c.split()[0] for c in TABLES[table].split(", ")]


def _fill(con: Any, table: str, rows: str | Sequence[tuple], columns: Sequence[str]) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``, or a query giving them) into ``table``."""
    if isinstance(rows, str):
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) {rows}")
    else:
        _insert(con, table, rows, columns)


def _replace(con: Any, table: str, rows: str | Sequence[tuple], where: str) -> None:
    """Make the rows of ``table`` selected by ``where`` equal ``rows``, touching only those that differ.

    An incremental run re-decides whole windows (64,000 facts after 1,000 new ones at
    1M) but changes a few of their rows; deleting and inserting them all made DuckDB's
    commit write some 44 MB of log and checkpoint it (5 s of the run's CPU). Rows
    are compared on every column (``IS NOT DISTINCT FROM``: NULLs are equal).
    """
    columns = _columns(table)
    con.execute(f"CREATE OR REPLACE TEMP TABLE reconcile_new AS SELECT * FROM {table} LIMIT 0")
    _fill(con, "reconcile_new", rows, columns)
    same = " AND ".join(f"t.{c} IS NOT DISTINCT FROM n.{c}" for c in columns)
    con.execute(
        f"DELETE FROM {table} t WHERE {where} AND NOT EXISTS (SELECT 1 FROM reconcile_new n WHERE {same})"
    )
    con.execute(
        f"INSERT INTO {table} SELECT * FROM reconcile_new n WHERE NOT EXISTS "
        f"(SELECT 1 FROM {table} t WHERE {where} AND {same})"
    )


def _ids(con: Any, name: str, values: Iterable[str]) -> None:
    """A temporary one-column table ``name(v)``: joins on it are hash joins, unlike list_contains.
    Made from one Arrow string array (no row tuples: some hold 64,000 fact ids)."""
    import pyarrow as pa

    batch = pa.table({"v": pa.array(sorted(set(values)), pa.string())})  # noqa: F841 - read by DuckDB
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT v FROM batch")


# -- the incremental run ----------------------------------------------------------------------------

#: rounds of widening the touched windows (changed copy components, changed context); more: run in full
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
        differ = con.execute(  # one join of the million rows: new or changed facts, changed or gone ones
            "SELECT c.fact_id, s.fact_id, s.unit FROM reconcile_current c "
            "FULL JOIN reconcile_state_facts s USING (fact_id) "
            "WHERE c.fact_id IS NULL OR s.fact_id IS NULL OR s.digest != c.digest"
        ).fetchall()
        new = _unique(_facts_by_id(store, [now for now, _, _ in differ if now is not None]))
        _ids(con, "reconcile_stale", [was for _, was, _ in differ if was is not None])
        units, unit_of = _rewindow(con, {unit for _, was, unit in differ if was is not None}, new)
        if not units and not new:
            return Reconciliation([], [], [], _stored_trust(con), 0, True), {"unchanged": _n_groups(con)}
        fixed = _stored_trust(con)
        touched = _touched(store, units, new)
        if touched is None:
            return None
        reports, copies, units = touched
        groups = build_groups(reports, copies)
        for _ in range(MAX_ROUNDS):
            learned = learn(groups, params, None, fixed=fixed)
            context = _context(con, groups, units)
            decide_all(groups, learned, [s for _, s in context])
            stale = _stale_units(con, groups, units, context)
            if not stale:
                return _write(store, groups, copies, learned, units, params, unit_of)
            more = _more_windows(store, stale, units, copies)
            if more is None:
                return None
            groups += build_groups(more, copies)
            units |= stale
    return None


def _more_windows(store: Any, stale: set[str], units: set[str], copies: Copies) -> list[Report] | None:
    """The reports of windows whose context changed, their copies merged into ``copies``.

    Their facts are unchanged; only their caps and flags are re-decided. Re-running
    the whole run with them (copies of every loaded window found again) cost as much
    as the first pass, for a few county windows. None if their copy components changed
    (they cannot, their links being unchanged; a full run is the safe answer).
    """
    con = store.connection
    _ids(con, "reconcile_units", stale)
    ids = [r for (r,) in con.execute(
        "SELECT fact_id FROM reconcile_state_facts WHERE unit IN (SELECT v FROM reconcile_units)"
    ).fetchall()]  # fmt: skip
    more = _unique(_facts_by_id(store, ids))
    articles = {r.article_id for r in more}
    _ids(con, "reconcile_units", units | stale)
    extra = find_copies(more, [*store.duplicate_links(), *_stored_links(con, articles)])
    merge_copies(copies, extra)
    _first_published(con, copies, articles)
    if _changed_component_units(con, copies, articles) - units - stale:
        return None
    return more


def _rewindow(con: Any, units: set[str], new: Sequence[Report]) -> tuple[set[str], dict[str, str]]:
    """The windows of the buckets that changed, computed as a full run would over their facts now
    (the stored rows of the unchanged facts, those not in ``reconcile_stale``, and the new or changed
    reports), and the stored windows
    to re-read: ``units`` and those of every window that holds a new or changed fact or is not a
    stored window as it was (a cut gone or made, a removed fact). Windows depend on a whole bucket
    (a cut needs every report that crosses it to be held by an agreeing one after it), so a new
    report can join windows whose reaches it does not overlap."""
    _ids(con, "reconcile_units", units)
    buckets = {b for (b,) in con.execute(
        "SELECT DISTINCT bucket FROM reconcile_state_facts WHERE unit IN (SELECT v FROM reconcile_units)"
    ).fetchall()}  # fmt: skip
    buckets |= {bucket_key(r.bucket) for r in new}
    _ids(con, "reconcile_buckets", buckets)
    rows = con.execute(  # the unchanged facts' rows (``reconcile_stale``: the changed and the gone)
        "SELECT s.fact_id, s.article_id, s.kind, s.value, s.ilo, s.ihi, s.lo, s.hi, s.bucket, s.unit "
        "FROM reconcile_state_facts s WHERE s.bucket IN (SELECT v FROM reconcile_buckets) "
        "AND s.fact_id NOT IN (SELECT v FROM reconcile_stale)"
    ).fetchall()
    sizes = dict(con.execute(
        "SELECT unit, count(*) FROM reconcile_state_facts "
        "WHERE bucket IN (SELECT v FROM reconcile_buckets) GROUP BY unit"
    ).fetchall())  # fmt: skip
    members: dict[str, list[Meta]] = defaultdict(list)
    stored: dict[str, str] = {}
    for fact_id, article, kind, value, ilo, ihi, lo, hi, bucket, unit in rows:
        members[bucket].append(Meta(fact_id, article, kind, value, ilo, ihi, lo, hi))
        stored[fact_id] = unit
    for r in new:
        members[bucket_key(r.bucket)].append(meta(r))
    unit_of: dict[str, str] = {}
    for key, metas in members.items():
        unit_of.update(bucket_windows(key, metas))
    by_window: dict[str, list[str]] = defaultdict(list)
    for fact_id, window in unit_of.items():
        by_window[window].append(fact_id)
    load = set(units)
    for ids in by_window.values():
        before = {stored.get(f) for f in ids}
        if None in before or len(before) != 1 or sizes[next(iter(before))] != len(ids):
            load |= {u for u in before if u is not None}
    return load, unit_of


def _touched(store: Any, units: set[str], new: list[Report]) -> tuple[list[Report], Copies, set[str]] | None:
    """The reports of the touched windows and the new ones, widened until no copy component outside
    them changes (None if that takes more than ``MAX_ROUNDS`` rounds: run in full)."""
    con = store.connection
    pairs = store.duplicate_links()
    fresh = {r.fact_id for r in new}
    for _ in range(MAX_ROUNDS):
        _ids(con, "reconcile_units", units)
        ids = [r for (r,) in con.execute(
            "SELECT fact_id FROM reconcile_state_facts WHERE unit IN (SELECT v FROM reconcile_units)"
        ).fetchall() if r not in fresh]  # fmt: skip
        reports = sorted([*_unique(_facts_by_id(store, ids)), *new], key=lambda r: r.fact_id)
        articles = {r.article_id for r in reports}
        copies = find_copies(reports, [*pairs, *_stored_links(con, articles)])
        _first_published(con, copies, articles)
        more = _changed_component_units(con, copies, articles) - units
        if not more:
            return reports, copies, units
        units = units | more
    return None


def stored_facts(
    store: Any, fact_ids: Iterable[str] | None = None, compact: bool = True
) -> Iterator[dict[str, Any]]:
    """Stored facts as :meth:`Store.fact_records` gives them (all, or these ids, in no set order),
    read in batches and compacted (:func:`compact_fact`): a million facts as plain dicts would take
    3.5 GB. ``compact=False``: an incremental run's few windows, whose sharing saved little memory
    and cost a fifth of reading them."""
    from fupin.corpus.store import FACT_COLUMNS, fact_from_row, repr_col

    con = store.connection
    filled = {"url", "source", "published", "language"}
    columns = ", ".join(
        f"coalesce(f.{c}, a.{c}) AS {c}" if c in filled else f"f.{repr_col(c)}" for c in FACT_COLUMNS
    )
    sql = f"SELECT {columns} FROM facts f LEFT JOIN articles a USING (article_id)"
    if fact_ids is not None:
        _ids(con, "reconcile_wanted", fact_ids)
        sql = (  # the wanted ids first: the facts' long columns are read for them only
            f"SELECT {columns} FROM reconcile_wanted w JOIN facts f ON f.fact_id = w.v "
            "LEFT JOIN articles a USING (article_id)"
        )
    cursor = con.execute(sql)
    shared: dict[Any, Any] = {}
    while rows := cursor.fetchmany(50_000):
        for row in rows:
            fact = fact_from_row(row)
            yield compact_fact(fact, shared) if compact else fact


def _facts_by_id(store: Any, fact_ids: Iterable[str]) -> list[dict[str, Any]]:
    return list(stored_facts(store, fact_ids, compact=False))


def _stored_links(con: Any, articles: set[str]) -> list[tuple[str, str]]:
    """Copy links of the untouched windows within the stored components of these articles."""
    _ids(con, "reconcile_articles", articles)
    return con.execute(
        "SELECT l.a, l.b FROM reconcile_state_links l "
        "WHERE l.unit NOT IN (SELECT v FROM reconcile_units) "
        "AND l.a IN (SELECT s.article_id FROM reconcile_state_articles s WHERE s.component IN "
        "(SELECT component FROM reconcile_state_articles "
        "WHERE article_id IN (SELECT v FROM reconcile_articles)))"
    ).fetchall()


def _first_published(con: Any, copies: Copies, articles: set[str]) -> None:
    """Each article's earliest publication over all its facts (the untouched windows' too)."""
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


def _changed_component_units(con: Any, copies: Copies, loaded: set[str]) -> set[str]:
    """Windows of every article whose copy component merged or split since the stored state.

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
    return {u for (u,) in con.execute(
        "SELECT DISTINCT f.unit FROM reconcile_state_facts f "
        "JOIN reconcile_state_articles s USING (article_id) "
        "WHERE s.component IN (SELECT v FROM reconcile_components)"
    ).fetchall()}  # fmt: skip


# -- context: the other windows' groups that cap or flag the re-decided ones ---------------------------


def _summaries(con: Any, where: str) -> list[tuple[str, GroupSummary]]:
    """(window, summary) of the stored groups that other groups read, selected by ``where``."""
    rows = con.execute(
        f"SELECT {_SUMMARY} FROM reconcile_state_groups WHERE label IS NOT NULL AND {where}"
    ).fetchall()
    return [
        (
            unit,
            GroupSummary(
                gid, _parse_bucket(bucket), kind, early, late, anchor, Interval(lo, hi), label, describe
            ),
        )  # fmt: skip
        for gid, unit, bucket, kind, early, late, anchor, lo, hi, label, describe in rows
    ]


def _related_buckets(buckets: Iterable[tuple[str, ...]]) -> set[str]:
    """Buckets whose groups read, or are read by, groups of these: their own series, and the
    totals' or parts' series of the same unit, scope, period and region."""
    out = set()
    for metric, *rest in buckets:
        if metric not in CONTEXT_METRICS:
            continue
        for other in (metric, PARTS_OF.get(metric), _TOTALS.get(metric)):
            if other:
                out.add(bucket_key([other, *rest]))
    return out


def _context(con: Any, groups: Sequence[Group], units: set[str]) -> list[tuple[str, GroupSummary]]:
    """Summaries of the untouched windows' groups in the buckets related to ``groups`` and to the
    groups the touched windows held before (a group that is gone may have capped or flagged one)."""
    _ids(con, "reconcile_units", units)
    before = [json.loads(b) for (b,) in con.execute(
        "SELECT DISTINCT bucket FROM reconcile_state_groups "
        "WHERE label IS NOT NULL AND unit IN (SELECT v FROM reconcile_units)"
    ).fetchall()]  # fmt: skip
    related = _related_buckets([*{g.bucket for g in groups}, *map(tuple, before)])
    if not related:
        return []
    _ids(con, "reconcile_related", related)
    return _summaries(
        con,
        "bucket IN (SELECT v FROM reconcile_related) AND unit NOT IN (SELECT v FROM reconcile_units)",
    )


def _stale_units(
    con: Any, groups: Sequence[Group], units: set[str], context: list[tuple[str, GroupSummary]]
) -> set[str]:
    """Windows of untouched groups whose caps or flags the re-decided groups change: a part whose
    totals of the same moment changed, a cumulative count whose top earlier figure changed."""
    if not context:
        return set()
    _ids(con, "reconcile_units", units)
    before = [s for _, s in _summaries(con, "unit IN (SELECT v FROM reconcile_units)")]
    after = [summarize(g) for g in groups if g.metric in CONTEXT_METRICS]
    others = [s for _, s in context]
    old, new = _reads(others, before), _reads(others, after)
    return {unit for unit, s in context if old.get(s.group_id) != new.get(s.group_id)}


def _reads(others: list[GroupSummary], side: list[GroupSummary]) -> dict[str, tuple]:
    """What each of ``others`` reads from the groups of ``others`` and ``side``: its totals of the
    same moment (id, cap, how flags name them) and its top earlier figure (how flags name it)."""
    everyone = [*others, *side]
    totals = _totals_index(everyone)
    series = cumulative_series(everyone)
    out = {}
    for s in others:
        caps = sorted((t.group_id, t.interval.hi, _label(t), _describe(t)) for t in _totals_of(s, totals))
        dated = s.metric in CUMULATIVE and s.earliest is not None
        top = top_earlier(series[s.bucket], s) if dated else None
        out[s.group_id] = (caps, None if top is None else (top.interval.lo, was_reported(top)))
    return out


def _stored_trust(con: Any) -> dict[str, float]:
    return dict(con.execute("SELECT source, trust FROM reconcile_state_trust").fetchall())


def _write(
    store: Any,
    groups: list[Group],
    copies: Copies,
    learned: TruthResult,
    units: set[str],
    params: TruthParams | None,
    unit_of: dict[str, str],
) -> tuple[Reconciliation, dict[str, int]]:
    """Records of the touched groups (unchanged ones kept verbatim), removals, and the new state
    (``unit_of``: the windows of the changed buckets; the other groups' windows are as stored)."""
    from fupin.corpus.reconcile import _group_order

    con = store.connection
    _ids(con, "reconcile_wanted", [r.fact_id for g in groups for r in g.reports if r.fact_id not in unit_of])
    unit_of = {**unit_of, **dict(con.execute(
        "SELECT fact_id, unit FROM reconcile_state_facts WHERE fact_id IN (SELECT v FROM reconcile_wanted)"
    ).fetchall())}  # fmt: skip
    _ids(con, "reconcile_units", units)
    stored = dict(con.execute(
        "SELECT group_id, decided FROM reconcile_state_groups WHERE unit IN (SELECT v FROM reconcile_units)"
    ).fetchall())  # fmt: skip
    # a group re-decided by an earlier incremental run has its decision's digest; the others
    # (as a full run left them: computing 611,000 digests cost it 7 s) are compared by record
    digests = {g: d for g, d in stored.items() if d is not None}
    old = {
        r["group_id"]: r
        for r in map(json.loads, store.reconciled_texts([g for g in stored if g not in digests]))
    }
    groups.sort(key=_group_order)
    stream = RecordStream(groups, learned, old, True, reprint_links(store), old_decisions=digests, decided={})
    with store.transaction():
        result, written = write_changed(store, stream)
        assert stream.decided is not None
        save(store, groups, copies, learned.trust, params, units, unit_of, decided=stream.decided)
    written["unchanged"] = written.get("unchanged", 0) + _n_groups(con) - len(groups)
    return result, written


def _n_groups(con: Any) -> int:
    return con.execute("SELECT count(*) FROM reconcile_state_groups").fetchone()[0]
