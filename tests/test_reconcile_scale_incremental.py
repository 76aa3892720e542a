"""An incremental store run decides every group as a full run does (issue 15).

The incremental run re-reconciles only the date windows of buckets that new, changed
or removed facts touch (with the summaries of the other windows' groups that cap or
flag them), with source reliabilities held at the last full run's; these tests
compare its table with a full reconciliation of the same facts: the same groups, the
same decisions (members, values, statuses, flags, copies), reliabilities within 0.01
on synthetic stores; and, on small hypothesis-made series whose dates fall between,
bridge and straddle each other's windows, exactly a full run's decisions under the
same reliabilities (so that a wrong window cannot hide behind TruthFinder's drift).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fupin.corpus import reconcile_state
from fupin.corpus.reconcile import (
    _unique,
    build_groups,
    decide_all,
    decision,
    find_copies,
    learn,
    reconcile_store,
    reprint_links,
    run_reconciliation,
    to_record,
)
from fupin.corpus.store import Store

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from reconcile_facts import Generator  # noqa: E402


def add(store: Store, facts: list[dict[str, Any]]) -> None:
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        by_article[fact["article_id"]].append(fact)
    with store.transaction():
        for article, mine in by_article.items():
            store.add_facts(article, mine, "test")


def full_reconciliation(store: Store) -> dict[str, dict[str, Any]]:
    result = run_reconciliation(
        store.fact_records(), reprints=reprint_links(store), copies=store.duplicate_links()
    )
    return {r["group_id"]: r for r in result.records}


def assert_like_a_full_run(store: Store) -> None:
    stored = {r["group_id"]: r for r in store.reconciled_records()}
    full = full_reconciliation(store)
    assert set(stored) == set(full)
    assert [g for g in full if decision(stored[g]) != decision(full[g])] == []
    drift = max(
        abs(v - full[g]["source_reliability"][s])
        for g, r in stored.items()
        for s, v in r["source_reliability"].items()
    )
    assert drift < 0.01


@pytest.mark.parametrize("seed", [3, 4])
def test_new_changed_and_removed_facts_are_decided_as_in_a_full_run(tmp_path: Path, seed: int) -> None:
    generator = Generator(1500, seed=seed)
    base = list(generator.facts())
    generator.n += 40  # later stories: the same counties and series releases, new reprints
    added = list(generator.facts())
    with Store.open(tmp_path) as store:
        add(store, base)
        reconcile_store(store)
        add(store, added)
        result = reconcile_store(store)
        assert 0 < len(result.records) < len({r["group_id"] for r in store.reconciled_records()})
        assert_like_a_full_run(store)
        # a changed value and an article whose facts go away
        changed = {**base[0], "value": base[0]["value"] * 3}
        add(store, [changed, *[f for f in base if f["article_id"] == base[0]["article_id"]][1:]])
        store.add_facts(base[-1]["article_id"], [], "test")
        reconcile_store(store)
        assert_like_a_full_run(store)


def test_a_run_with_nothing_new_touches_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        add(store, list(Generator(300, seed=5).facts()))
        first = reconcile_store(store)
        again = reconcile_store(store)
        assert again.records == [] and again.removed == [] and again.changed == []
        assert store.runs()[-1]["counts"]["unchanged"] == len(first.records)


# -- date windows ------------------------------------------------------------------------------------

NATIONAL = {"name": "全国", "province": None, "level": "national", "adcode": None}
DAY0 = date(2019, 12, 1)


def fact(
    n: int, article: int, metric: str, value: float, kind: str, day: int, copy: int, late: int, bound: str
) -> dict:
    """A national figure of ``metric`` dated as ``kind`` says, ``day`` days after DAY0 (the
    article published ``late`` days later); ``copy`` picks one of three shared sentences (or,
    at 3, the fact's own); "about" and "more than" figures agree with other values."""
    when = DAY0 + timedelta(days=day)
    published = when + timedelta(days=late)
    as_of, as_of_source = {
        "day": (when.isoformat(), "text"),
        "month": (when.isoformat()[:7], "text"),
        "year": (when.isoformat()[:4], "text"),
        "published": (published.isoformat(), "published"),
        "running": (published.isoformat()[:4], "text"),
        "none": (None, None),
    }[kind]
    sentence = (
        f"截至目前，全国{metric}达到{value:g}个（稿{copy}）。"
        if copy < 3
        else f"全国{metric}为{value:g}，第{n}号。"
    )
    source = f"outlet{article % 4}.example.cn"
    return {
        "fact_id": f"f{n:05d}", "article_id": f"a{article:03d}", "url": f"https://{source}/{article}.html",
        "source": source, "published": published.isoformat(), "language": "zh", "metric": metric,
        "unit": "count", "scope": None, "period": None, "region": NATIONAL, "value": value, "value_max": None,
        "bound": bound, "as_of": as_of, "as_of_source": as_of_source,
        "evidence": {"sentence": sentence, "start": 0, "end": 4},
    }  # fmt: skip


facts_of_a_series = st.lists(
    st.tuples(
        st.integers(0, 11),  # article
        st.sampled_from(["workshops", "workshops_resumed"]),  # a total and its part, both cumulative
        st.sampled_from([100.0, 120.0, 1000.0, 1200.0, 90.0]),
        st.sampled_from(["day", "day", "month", "year", "published", "running", "none"]),
        st.integers(0, 120),  # over a new year: "this year" and year dates split there
        st.integers(0, 3),
        st.integers(0, 40),
        st.sampled_from(["exact", "exact", "about", "more_than"]),
    ),
    min_size=2,
    max_size=40,
)


def as_facts(specs: list[tuple], first: int = 0, late: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Facts of the specs, each article published on one day: its first spec's day plus delay.

    ``late`` carries the publication days of articles made by an earlier call, so that new facts
    of a stored article are published when it was. A real article has one publication date;
    facts of one article published on different days made a run that loads some of them see
    the article published later than a full run does (hypothesis found it).
    """
    published = {} if late is None else late
    out = []
    for n, (article, metric, value, kind, day, copy, delay, bound) in enumerate(specs, start=first):
        on = published.setdefault(article, day + delay)
        out.append(fact(n, article, metric, value, kind, day, copy, on - day, bound))
    return out


def full_decisions_under(store: Store, trust: dict[str, float]) -> dict[str, tuple]:
    """A full reconciliation of the store's facts with the known sources held at ``trust``, as an
    incremental run holds them: what a full run decides, short of TruthFinder's drift."""
    reports = _unique(store.fact_records())
    groups = build_groups(reports, find_copies(reports, store.duplicate_links()))
    learned = learn(groups, None, None, fixed=trust)
    decide_all(groups, learned)
    return {g.group_id: decision(to_record(g, learned.trust, learned.confidence[g.group_id])) for g in groups}


def assert_exactly_a_full_run(store: Store) -> None:
    """Reconcile incrementally; every group and decision equals a full run's under the same trust."""
    trust = reconcile_state._stored_trust(store.connection)
    reconcile_store(store)
    stored = {r["group_id"]: decision(r) for r in store.reconciled_records()}
    assert stored == full_decisions_under(store, trust)


def count_loaded(monkeypatch: Any) -> list[int]:
    """The number of reports each incremental round groups (appended as they come)."""
    loaded: list[int] = []
    real = reconcile_state.build_groups
    monkeypatch.setattr(
        reconcile_state,
        "build_groups",
        lambda reports, copies: loaded.append(len(reports)) or real(reports, copies),
    )
    return loaded


def new_changed_and_removed(home: Path, base: list, added: list, data: Any, values: list[float]) -> None:
    """Reconcile ``base`` in full, then incrementally after the ``added`` reports (odd articles
    new, even ones gaining facts and keeping their date), after a changed value (one of
    ``values``) and after a removed article, each time exactly as a full run."""
    with Store.open(home) as store:
        delays: dict[int, int] = {}
        old = as_facts(base, late=delays)
        add(store, old)
        reconcile_store(store)
        new = as_facts([(a + 20 * (a % 2), *rest) for a, *rest in added], first=len(base), late=delays)
        add(store, new)
        assert_exactly_a_full_run(store)
        everything = old + new
        changed = data.draw(st.sampled_from(everything))
        value = data.draw(st.sampled_from(values))
        mine = [f if f is not changed else {**f, "value": value} for f in everything]
        add(store, [f for f in mine if f["article_id"] == changed["article_id"]])
        assert_exactly_a_full_run(store)
        gone = data.draw(st.sampled_from(sorted({f["article_id"] for f in everything})))
        store.add_facts(gone, [], "test")
        assert_exactly_a_full_run(store)


#: the store-backed hypothesis tests: 60 examples, each a few stores
stores = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@stores
@given(base=facts_of_a_series, added=facts_of_a_series, data=st.data())
def test_windows_of_a_series_decide_as_a_full_run(tmp_path: Path, base: list, added: list, data: Any) -> None:
    """New reports between, across and bridging existing date clusters, a changed value and a
    removed article: each incremental run decides every group as a full run does."""
    new_changed_and_removed(
        tmp_path / f"s{abs(hash((tuple(base), tuple(added))))}",
        base,
        added,
        data,
        [100.0, 1000.0, 10000.0, 95.0],
    )


def test_a_new_report_of_one_release_reloads_its_window_only(tmp_path: Path, monkeypatch: Any) -> None:
    """Releases months apart are windows apart: a report of the second re-reads its window alone,
    and still flags and caps as a full run does (the first release is context)."""
    specs = [(k, "workshops", 1000.0, "day", 0, k % 3, 1, "exact") for k in range(6)]
    specs += [(10 + k, "workshops", 900.0, "day", 100, k % 3, 1, "exact") for k in range(6)]  # falls: flagged
    specs += [
        (20 + k, "workshops_resumed", 950.0, "day", 100, 3, 2, "exact") for k in range(3)
    ]  # above total
    with Store.open(tmp_path) as store:
        add(store, as_facts(specs))
        reconcile_store(store)
        loaded = count_loaded(monkeypatch)
        add(store, as_facts([(30, "workshops", 900.0, "published", 101, 3, 0, "exact")], first=100))
        assert_exactly_a_full_run(store)
        assert loaded == [7]  # the second release's six reports and the new one
        flags = {f["reason"] for r in store.reconciled_records() for f in r["flags"]}
        assert {"cumulative_decrease", "exceeds_total"} <= flags


def test_undated_figures_of_agreeing_values_are_one_window(tmp_path: Path) -> None:
    """Undated figures meet whenever their values agree ("about 98" joins 100), whatever their
    dates (none) and values, so all of a bucket's undated figures are one window: when the
    article of the first goes, the second, untouched, must become a statistic of its own.
    (The hypothesis test found a window without that link in some runs only.)"""
    with Store.open(tmp_path) as store:
        add(store, as_facts([(1, "workshops", 100.0, "none", 0, 3, 0, "exact")]))
        add(store, as_facts([(3, "workshops", 98.0, "none", 0, 3, 0, "about")], first=1))
        add(store, as_facts([(2, "workshops", 5000.0, "day", 30, 3, 0, "exact")], first=2))
        reconcile_store(store)
        assert sum(len(r["members"]) == 2 for r in store.reconciled_records()) == 1
        store.add_facts("a001", [], "test")
        assert_exactly_a_full_run(store)


# -- cuts: windows inside a series, parted where no choice crosses -----------------------------------

RELEASES = [100.0, 120.0, 150.0, 180.0, 200.0, 230.0]


def release_spec(
    article: int, release: int, jitter: int, pick: int, kind: str, delay: int, bound: str
) -> tuple:
    """A report of release ``release`` (one every 20 days, as the national series of the synthetic
    store): mostly the release's value, sometimes the one before (a stale figure) or a slip."""
    value = [RELEASES[release], RELEASES[release], RELEASES[max(0, release - 1)], 95.0][pick]
    metric = "workshops"
    return (article, metric, value, kind, 20 * release + jitter, pick % 4, delay, bound)


reports_of_releases = st.lists(
    st.builds(
        release_spec,
        st.integers(0, 15),
        st.integers(0, len(RELEASES) - 1),
        st.integers(0, 2),
        st.integers(0, 3),
        st.sampled_from(["day", "day", "published", "published", "published", "month", "running", "none"]),
        st.integers(0, 12),
        st.sampled_from(["exact", "exact", "exact", "about", "more_than"]),
    ),
    min_size=2,
    max_size=50,
)


def clusters_of(reports: list) -> dict[str, list[str]]:
    groups = build_groups(reports, find_copies(reports, []))
    return {g.group_id: sorted(r.fact_id for r in g.reports) for g in groups}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=reports_of_releases)
def test_windows_group_as_their_bucket_does(specs: list) -> None:
    """Grouping each window alone gives exactly the groups of the whole bucket: nothing outside a
    window (cuts included) changes how its reports group."""
    assert_windows_group_as_the_bucket(specs)


def assert_windows_group_as_the_bucket(specs: list) -> None:
    reports = _unique(as_facts(specs))
    unit_of = reconcile_state.windows(reports)
    alone: dict[str, list[str]] = {}
    for unit in set(unit_of.values()):
        alone.update(clusters_of([r for r in reports if unit_of[r.fact_id] == unit]))
    assert alone == clusters_of(reports)


def test_a_text_date_across_a_cut_keeps_the_windows_joined() -> None:
    """December's 1,000 agrees with both releases of the month (960 and 1,040) and joins the first,
    which two reports back: no cut at the second release, though its report agrees with December."""
    assert_windows_group_as_the_bucket([
        (0, "workshops", 960.0, "day", 0, 3, 1, "exact"),
        (1, "workshops", 960.0, "day", 0, 3, 1, "exact"),
        (2, "workshops", 1040.0, "day", 20, 3, 1, "exact"),
        (3, "workshops", 1000.0, "month", 20, 3, 1, "exact"),
    ])  # fmt: skip


def test_an_article_of_two_values_keeps_the_windows_joined() -> None:
    """A publication-dated 1,000 agrees with the release after the cut (1,040), but its own article
    gives 1,100 there (a self-contradiction): it joins the release before (960), so no cut."""
    assert_windows_group_as_the_bucket([
        (0, "workshops", 960.0, "day", 0, 3, 1, "exact"),
        (1, "workshops", 1040.0, "day", 20, 3, 1, "exact"),
        (5, "workshops", 1100.0, "day", 20, 3, 4, "exact"),
        (5, "workshops", 1000.0, "published", 20, 3, 4, "exact"),
    ])  # fmt: skip


def test_releases_are_cut_apart(tmp_path: Path, monkeypatch: Any) -> None:
    """Releases 20 days apart, each reported by day and by publication (within a month of the one
    before): cut apart, so a new report of the last release re-reads its window alone; a published
    report that agrees with nothing after the cut joins the windows again, as a full run needs."""
    specs = []
    for release in range(4):
        specs += [release_spec(3 * release + k, release, 0, 0, "day", 1, "exact") for k in range(2)]
        specs += [release_spec(3 * release + 2, release, 0, 0, "published", 5, "exact")]
    reports = _unique(as_facts(specs))
    assert len(set(reconcile_state.windows(reports).values())) == 4
    with Store.open(tmp_path) as store:
        add(store, as_facts(specs))
        reconcile_store(store)
        loaded = count_loaded(monkeypatch)
        add(store, as_facts([release_spec(20, 3, 0, 0, "published", 3, "exact")], first=100))
        assert_exactly_a_full_run(store)
        assert loaded == [4]  # the last release's three reports and the new one
        # a stale figure published after the last release agrees with the one before: no cut there
        add(store, as_facts([release_spec(21, 3, 1, 2, "published", 2, "exact")], first=101))
        assert_exactly_a_full_run(store)
        assert loaded[-1] == 8


@stores
@given(base=reports_of_releases, added=reports_of_releases, data=st.data())
def test_cut_series_decide_as_a_full_run(tmp_path: Path, base: list, added: list, data: Any) -> None:
    """Series of releases (cut apart where their publication-dated reports agree with a release
    after the cut), then new reports that make or break cuts, a changed value, a removed article:
    each incremental run decides every group as a full run does."""
    new_changed_and_removed(
        tmp_path / f"c{abs(hash((tuple(base), tuple(added))))}", base, added, data, [*RELEASES, 95.0]
    )
