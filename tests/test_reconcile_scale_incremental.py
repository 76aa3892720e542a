"""An incremental store run decides every group as a full run does (issue 15).

The incremental run re-reconciles only the buckets that new, changed or removed facts
touch, with source reliabilities held at the last full run's; these tests compare
its table with a full reconciliation of the same facts: the same groups, the same
decisions (members, values, statuses, flags, copies), reliabilities within 0.01.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from fupin.corpus.reconcile import decision, reconcile_store, reprint_links, run_reconciliation
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
