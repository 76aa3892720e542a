"""The incremental run's speed-ups of issue 15 (docs/reconcile_scale.md) change no outcome.

Each faster piece is compared with the plain computation it replaced: the cuts found by a
sweep with the cuts listed date by date; ``Copies.better_partner`` with a scan of the
partners; the near-duplicate test on bit sets with the pairwise test; the one-pass fact rows with
``fact_record``; the state rows rewritten only where they differ with the rows a
rewrite of everything leaves (and no other row touched); the records looked up by key
with a join; and a whole incremental state with the state a full run writes.
"""

from __future__ import annotations

import json
import sys
from bisect import bisect_left
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fupin.corpus import reconcile_state
from fupin.corpus import store as store_module
from fupin.corpus.reconcile import _DATE_RANK, _unique, find_copies, reconcile_store
from fupin.corpus.reconcile_state import Meta, cuts
from fupin.corpus.store import FACT_COLUMNS, Store, fact_from_row, fact_record, repr_col

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from reconcile_facts import Generator  # noqa: E402
from test_reconcile_scale_incremental import add  # noqa: E402

DAY0 = date(2020, 1, 1)


# -- cuts ----------------------------------------------------------------------------------------------


def cuts_by_listing(members: list[Meta]) -> list[date]:
    """The cuts as 9e6a486 found them: the crossing reports listed again for every candidate date."""
    dated = sorted((m for m in members if m.lo is not None), key=lambda m: (m.lo, m.fact_id))
    texts = [m for m in dated if m.kind == "text"]
    if not texts or len(dated) < 2:
        return []
    text_lo = [m.lo for m in texts]
    by_article: dict[str, list[Meta]] = defaultdict(list)
    for m in members:
        by_article[m.article_id].append(m)

    def steady(article: str) -> bool:
        ms = list({(m.ilo, m.ihi): m for m in by_article[article]}.values())
        return all(reconcile_state._overlap(a, b) for i, a in enumerate(ms) for b in ms[i + 1 :])

    def held(m: Meta, d: date) -> bool:
        for t in texts[bisect_left(text_lo, d) :]:
            if t.lo > m.hi:
                break
            if t.hi <= m.hi and reconcile_state._overlap(t, m):
                return True
        return False

    lows = [m.lo for m in dated]
    longest = max(m.hi - m.lo for m in dated)
    out = []
    for d in sorted(set(text_lo)):
        crossing = [m for m in dated[bisect_left(lows, d - longest) : bisect_left(lows, d)] if m.hi >= d]
        if crossing and all(m.kind == "published" and steady(m.article_id) and held(m, d) for m in crossing):
            out.append(d)
    return out


metas = st.lists(
    st.tuples(
        st.integers(0, 9),  # article
        st.sampled_from(["text", "text", "published", "published", "running", "none"]),
        st.sampled_from([100.0, 110.0, 120.0]),
        st.sampled_from([0.0, 0.0, 5.0, 20.0]),  # half-width of the value interval
        st.integers(0, 200),  # start of the reach
        st.integers(0, 40),  # its length
    ),
    max_size=60,
)


def as_metas(specs: list[tuple]) -> list[Meta]:
    out = []
    for n, (article, kind, value, width, start, length) in enumerate(specs):
        lo = None if kind == "none" else DAY0 + timedelta(days=start)
        hi = None if lo is None else lo + timedelta(days=length)
        out.append(Meta(f"f{n:03d}", f"a{article}", kind, value, value - width, value + width, lo, hi))
    return out


@settings(max_examples=400, deadline=None)
@given(specs=metas)
def test_the_sweep_finds_the_cuts_that_listing_finds(specs: list[tuple]) -> None:
    members = as_metas(specs)
    assert cuts(members) == cuts_by_listing(members)


def test_the_sweep_finds_a_cut_between_two_releases() -> None:
    releases = [  # text reports of two releases; publication-dated reports repeating the second
        Meta("f1", "a1", "text", 100.0, 100.0, 100.0, DAY0, DAY0),
        Meta("f2", "a2", "text", 120.0, 120.0, 120.0, DAY0 + timedelta(20), DAY0 + timedelta(20)),
        Meta("f3", "a3", "published", 120.0, 120.0, 120.0, DAY0 + timedelta(1), DAY0 + timedelta(22)),
    ]
    assert cuts(releases) == cuts_by_listing(releases) == [DAY0 + timedelta(20)]


# -- copies ---------------------------------------------------------------------------------------------

SENTENCES = [
    "截至目前，全国扶贫车间达到{v}个，吸纳贫困劳动力就业。",
    "截至目前，全国扶贫车间已达到{v}个，吸纳贫困劳动力就业。",
    "截至目前全国扶贫车间达{v}个，吸纳了贫困劳动力就业。",
    "全国扶贫车间{v}个。",
]

reports_with_copies = st.lists(
    st.tuples(
        st.integers(0, 7),  # article
        st.sampled_from([100.0, 120.0]),
        st.sampled_from(["exact", "about", "more_than"]),
        st.sampled_from(["day", "published", "running", "none"]),
        st.integers(0, 3),  # sentence
    ),
    min_size=1,
    max_size=40,
)


def copy_fact(n: int, article: int, value: float, bound: str, kind: str, sentence: int) -> dict[str, Any]:
    published = DAY0 + timedelta(days=article)
    as_of, source = {
        "day": (DAY0.isoformat(), "text"),
        "published": (published.isoformat(), "published"),
        "running": (str(DAY0.year), "text"),
        "none": (None, None),
    }[kind]
    outlet = f"outlet{article}.example.cn"
    return {
        "fact_id": f"f{n:03d}", "article_id": f"a{article}", "url": f"https://{outlet}/{article}",
        "source": outlet, "published": published.isoformat(), "language": "zh", "metric": "workshops",
        "unit": "count", "scope": None, "period": None,
        "region": {"name": "全国", "province": None, "level": "national", "adcode": None},
        "value": value, "value_max": None, "bound": bound, "as_of": as_of, "as_of_source": source,
        "evidence": {"sentence": SENTENCES[sentence].format(v=int(value)), "start": 0, "end": 4},
    }  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(specs=reports_with_copies)
def test_a_better_partner_is_found_as_the_partners_list_finds_it(specs: list[tuple]) -> None:
    reports = _unique(copy_fact(n, *spec) for n, spec in enumerate(specs))
    copies = find_copies(reports)
    for r in reports:
        listed = any(_DATE_RANK[o.kind] < _DATE_RANK[r.kind] for o in copies.partners(r))
        assert copies.better_partner(r) == listed


shingle_sets = st.lists(
    st.frozensets(st.integers(0, 60).map(lambda n: f"g{n}"), min_size=6, max_size=60),
    min_size=12,  # from 12 sets on the bit sets are used (``_ARRAY_PAIRS``)
    max_size=40,
    unique=True,
)


@settings(max_examples=300, deadline=None)
@given(grams=shingle_sets)
def test_near_duplicates_as_bit_sets_are_the_pairwise_test(grams: list[frozenset[str]]) -> None:
    """Sets of very different sizes from one small vocabulary (the bit sets compare each set only
    with the larger ones it can reach, and stop at the first it cannot): the same neighbours as
    the plain pairwise test, in order."""
    from fupin.corpus.reconcile import _ARRAY_PAIRS, _near_duplicates, _similar

    assert len(grams) >= _ARRAY_PAIRS
    pairwise = [
        [j for j, other in enumerate(grams) if j != i and _similar(g, other)] for i, g in enumerate(grams)
    ]
    assert _near_duplicates(grams) == pairwise


# -- reading facts ---------------------------------------------------------------------------------------


def test_fact_rows_read_in_one_pass_are_the_fact_records(tmp_path: Path) -> None:
    facts = list(Generator(200, seed=7).facts())
    facts[0] = {**facts[0], "evidence": {**facts[0]["evidence"], "field": "title"}}  # a headline's fact
    facts[1] = {**facts[1], "scope": None, "as_of": None, "as_of_source": None, "value_max": 3.0e9}
    with Store.open(tmp_path) as store:
        add(store, facts)
        columns = ", ".join(repr_col(c) for c in FACT_COLUMNS)
        rows = store.connection.execute(f"SELECT {columns} FROM facts").fetchall()
    assert len(rows) == len(facts)
    for row in rows:
        plain, fast = fact_record(dict(zip(FACT_COLUMNS, row, strict=True))), fact_from_row(row)
        assert json.dumps(fast, default=str) == json.dumps(plain, default=str)  # same keys, same order


# -- writing the state -----------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.sets(st.tuples(st.sampled_from("uvw"), st.sampled_from("abcd"), st.sampled_from("xy"))),
    after=st.sets(st.tuples(st.sampled_from("uv"), st.sampled_from("abcd"), st.sampled_from("xy"))),
)
def test_replacing_a_windows_rows_touches_only_those_that_differ(before: set, after: set) -> None:
    con = duckdb.connect()
    reconcile_state.ensure_tables(con)
    table = "reconcile_state_links"  # (unit, a, b): windows u and v re-read, w untouched
    reconcile_state._insert(con, table, sorted(before), ["unit", "a", "b"])
    ids = dict(con.execute(f"SELECT unit || a || b, rowid FROM {table}").fetchall())
    reconcile_state._ids(con, "reconcile_units", ["u", "v"])
    reconcile_state._replace(con, table, sorted(after), "t.unit IN (SELECT v FROM reconcile_units)")
    rows = con.execute(f"SELECT unit, a, b, rowid FROM {table}").fetchall()
    assert {r[:3] for r in rows} == after | {r for r in before if r[0] == "w"}
    assert len(rows) == len({r[:3] for r in rows})
    kept = {r[:3] for r in rows if ids.get("".join(r[:3])) == r[3]}
    assert kept == (before & after) | {r for r in before if r[0] == "w"}  # rows that did not change stay


@pytest.mark.parametrize("limit", [0, 5000])
def test_records_are_looked_up_by_key_as_by_a_join(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(store_module, "LOOKUP_LIMIT", limit)
    with Store.open(tmp_path) as store:
        add(store, list(Generator(300, seed=8).facts()))
        reconcile_store(store, full=True)
        records = {r["group_id"]: r for r in store.reconciled_records()}
        wanted = sorted(records)[::3] + ["no-such-group"]
        texts = store.reconciled_texts(wanted)
        assert sorted(json.loads(t)["group_id"] for t in texts) == sorted(records)[::3]
        first = records[wanted[0]]
        changed = {**first, "status": "conflict" if first["status"] != "conflict" else "agreed"}
        counts = store.replace_reconciled([records[wanted[1]], changed])
        assert counts == {"inserted": 0, "updated": 1, "unchanged": 1, "deleted": 0}
        assert store.reconciled_records([wanted[0]])[0]["status"] == changed["status"]


# -- a whole incremental state ---------------------------------------------------------------------------

STATE = {
    "reconcile_state_facts": "*",
    "reconcile_state_groups": "* EXCLUDE (decided)",  # digests: an incremental run's only
    "reconcile_state_links": "DISTINCT *",
}


def state_of(store: Store) -> dict[str, set[tuple]]:
    con = store.connection
    return {t: set(con.execute(f"SELECT {cols} FROM {t}").fetchall()) for t, cols in STATE.items()}


@pytest.mark.parametrize("seed", [3, 11])
def test_an_incremental_state_is_the_state_of_a_full_run(tmp_path: Path, seed: int) -> None:
    generator = Generator(1500, seed=seed)
    base = list(generator.facts())
    generator.n += 40
    added = list(generator.facts())
    with Store.open(tmp_path / "incremental") as store, Store.open(tmp_path / "full") as full:
        for s in (store, full):
            add(s, base)
            reconcile_store(s)
            add(s, added)
        reconcile_store(store)
        reconcile_store(full, full=True)
        assert state_of(store) == state_of(full)


# -- the state's version --------------------------------------------------------------------------------


def test_a_state_of_the_previous_version_is_rebuilt_with_a_message(tmp_path: Path) -> None:
    generator = Generator(600, seed=12)
    base = list(generator.facts())
    generator.n += 30
    added = list(generator.facts())
    with Store.open(tmp_path) as store:
        add(store, base)
        assert "no reconcile state yet" in reconcile_store(store).full_because
        # what version 3 left: no decision digests, its version in the meta table
        con = store.connection
        con.execute("ALTER TABLE reconcile_state_groups DROP COLUMN decided")
        version = con.execute("SELECT value FROM reconcile_state_meta WHERE key = 'version'").fetchone()[0]
        con.execute("UPDATE reconcile_state_meta SET value = ? WHERE key = 'version'", ["3|" + version[2:]])
        add(store, added)
        rebuilt = reconcile_store(store)
        assert "reconcile state is version 3" in rebuilt.full_because
        assert "version 4" in rebuilt.full_because and "rebuilding" in rebuilt.full_because
        columns = [r[0] for r in con.execute("DESCRIBE reconcile_state_groups").fetchall()]
        assert columns[-1] == "decided"
        decided = "SELECT count(decided) FROM reconcile_state_groups"
        assert con.execute(decided).fetchone() == (0,)  # a full run leaves the digests to later runs
        # the rebuilt state serves the next run, which is incremental
        changed = {**base[0], "value": base[0]["value"] * 7}
        add(store, [changed, *[f for f in base if f["article_id"] == base[0]["article_id"]][1:]])
        again = reconcile_store(store)
        assert again.full_because == "" and 0 < len(again.records) < len(rebuilt.records)
        assert con.execute(decided).fetchone()[0] > 0  # the re-decided groups' digests


def test_unchanged_decisions_are_not_rewritten_by_their_digest(tmp_path: Path) -> None:
    """A re-decided group whose decision is unchanged keeps its stored record: compared by record
    after a full run (no digests), by digest after an incremental run."""
    facts = list(Generator(400, seed=13).facts())
    with Store.open(tmp_path) as store:
        add(store, facts)
        reconcile_store(store)
        before = {r["group_id"]: r for r in store.reconciled_records()}
        numbers = "SELECT group_id, change_seq FROM reconciled"
        seqs = dict(store.connection.execute(numbers).fetchall())
        for again in ("again", "once more"):
            # the same facts again under new row hashes: their windows are re-read and re-decided
            add(store, [{**f, "extractor": again} for f in facts[:40]])
            result = reconcile_store(store)
            assert result.full_because == ""
            after = {r["group_id"]: r for r in store.reconciled_records()}
            assert after == before and result.changed == [] and result.records == []
            assert dict(store.connection.execute(numbers).fetchall()) == seqs
        digests = "SELECT count(decided) FROM reconcile_state_groups"
        assert store.connection.execute(digests).fetchone()[0] > 0
