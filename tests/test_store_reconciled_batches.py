"""Reconciled groups are written in set batches (a million facts' groups in minutes, not 40).

The batch writer must keep what one statement per group gave: change numbers
drawn in the order the groups are given (across batches), unchanged groups keep
theirs, counts, tombstones cleared for groups created again, and the stored rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from feed_support import group

from fupin.corpus import store as store_module
from fupin.corpus.store import Store


def numbered(store: Store) -> list[tuple[str, int]]:
    sql = "SELECT group_id, change_seq FROM reconciled ORDER BY change_seq"
    return store.connection.execute(sql).fetchall()


def groups(ids: list[str], value: float = 100) -> list[dict]:
    member = [("f-{}", "a-{}", "s.example")]
    return [
        group(g, "jobs", "Gansu", "2020-12", value + n, "single", [(f.format(g), a.format(g), s, value + n)])
        for n, g in enumerate(ids)
        for f, a, s in member
    ]


@pytest.mark.parametrize("batch", [1, 3, 50_000])
def test_batches_number_changes_in_the_given_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(store_module, "RECONCILED_BATCH", batch)
    order = ["g5", "g1", "g9", "g3", "g7", "g2", "g8"]
    with Store.open(tmp_path) as store:
        assert store.replace_reconciled(groups(order)) == {
            "inserted": 7, "updated": 0, "unchanged": 0, "deleted": 0
        }  # fmt: skip
        assert numbered(store) == [(g, n) for n, g in enumerate(order, start=1)]
        again = groups(order)
        again[1]["value"] = 5.0  # g1 changes, g9 is removed, g4 is new
        counts = store.replace_reconciled([*again[:2], *again[3:], *groups(["g4"])], remove=["g9"])
        assert counts == {"inserted": 1, "updated": 1, "unchanged": 5, "deleted": 1}
        after = dict(numbered(store))
        assert after["g5"] == 1 and after["g3"] == 4, "unchanged groups keep their numbers"
        assert after["g1"] == 8 and after["g4"] == 9, "changes numbered in the order given, then removals"
        assert [t["change_seq"] for t in store.reconciled_removals()] == [10]
        stored = json.loads(store.connection.execute(
            "SELECT record FROM reconciled WHERE group_id = 'g1'").fetchone()[0])  # fmt: skip
        assert stored["value"] == 5.0
        store.replace_reconciled(groups(["g9"]))  # created again: its tombstone goes
        assert store.reconciled_removals() == [] and dict(numbered(store))["g9"] == 11


def test_a_bad_group_in_a_later_batch_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "RECONCILED_BATCH", 2)
    with Store.open(tmp_path) as store:
        store.replace_reconciled(groups(["g1"]))
        bad = groups(["g2", "g3", "g4"])
        bad[2]["status"] = "maybe"
        with pytest.raises(ValueError, match="reconciled group 2: status"):
            store.replace_reconciled(bad)
        assert numbered(store) == [("g1", 1)]
