"""Exact polling: the store's change sequence, removal tombstones, and how the feed announces them."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
import pytest
from feed_support import all_pages, build_store, check_json_feed, group, open_for_writing, serve

from fupin.corpus.store import Store
from fupin.feed import create_app, export_feed


def seqs(store: Store) -> dict[str, int]:
    return dict(store.connection.execute("SELECT group_id, change_seq FROM reconciled").fetchall())


def one(group_id: str, value: float = 100) -> dict:
    return group(group_id, "jobs", "Gansu", "2020-12", value, "single", [("f-1", "a-1", "s.example", value)])


def test_store_numbers_every_change_and_keeps_tombstones(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.replace_reconciled([one("g1"), one("g2"), one("g3")])
        first = seqs(store)
        assert sorted(first.values()) == [1, 2, 3]
        counts = store.replace_reconciled([one("g1"), one("g2", 200)], remove=["g3", "nope"])
        assert counts == {"inserted": 0, "updated": 1, "unchanged": 1, "deleted": 1}
        now = seqs(store)
        assert now["g1"] == first["g1"]  # unchanged: same number
        assert now["g2"] > max(first.values())  # a real update: a new number
        [tomb] = store.reconciled_removals()  # an unknown id leaves no tombstone
        assert tomb["group_id"] == "g3" and tomb["change_seq"] > now["g2"]
        assert tomb["metric"] == "jobs" and tomb["province"] == "Gansu" and tomb["removed_at"] is not None
        assert json.loads(tomb["record"])["group_id"] == "g3"
        store.replace_reconciled([one("g3", 300)])  # created again: a normal group, no tombstone
        assert store.reconciled_removals() == []
        assert seqs(store)["g3"] > tomb["change_seq"]
        store.replace_reconciled([], remove=["g3"])
        store.replace_reconciled([], remove=["g3"])  # removing twice leaves one tombstone
        assert [t["group_id"] for t in store.reconciled_removals()] == ["g3"]


def test_a_failed_write_numbers_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.replace_reconciled([one("g1")])
        with pytest.raises(ValueError, match="both upserted and removed"):
            store.replace_reconciled([one("g2")], remove=["g2"])
        with pytest.raises(RuntimeError), store.transaction():
            store.replace_reconciled([one("g1", 5)], remove=[])
            store.replace_reconciled([], remove=["g1"])
            raise RuntimeError("crash before the commit")
        assert seqs(store) == {"g1": 1} and store.reconciled_removals() == []


def apply(view: dict[str, dict], items: list[dict]) -> None:
    for item in items:
        if item.get("removed"):
            view.pop(item["group_id"], None)
        else:
            view[item["group_id"]] = item


@pytest.fixture
def changed_home(tmp_path: Path) -> tuple[Path, str, dict, dict]:
    """The hand-made store after a second run: one group removed, one changed, one new.

    Returns (home, the since token of before, the groups before, the removed group).
    """
    home = build_store(tmp_path / "home")
    with serve(create_app(home)) as client:
        before, since = all_pages(client, "/reconciled")
    gone, old = before[0], before[1]
    with open_for_writing(home) as store:
        changed = {**old, "value": old["value"] + 1, "explanation": "changed"}
        store.replace_reconciled([changed, one("g-new")], remove=[gone["group_id"]])
    return home, since, {g["group_id"]: g for g in before}, gone


def test_since_announces_removals_in_order(changed_home: tuple[Path, str, dict, dict]) -> None:
    home, since, before, gone = changed_home
    with serve(create_app(home)) as client:
        current, _ = all_pages(client, "/reconciled")
        assert gone["group_id"] not in {g["group_id"] for g in current}
        assert not any(g.get("removed") for g in current)  # a listing from the start is the current set
        items, next_since = all_pages(client, "/reconciled", {"since": since, "limit": 1})
        assert len(items) == 3
        [tomb] = [i for i in items if i.get("removed")]
        assert set(tomb) == {"group_id", "removed", "removed_at", "change_seq"}
        assert tomb["group_id"] == gone["group_id"] and tomb["removed_at"].endswith("Z")
        view = dict(before)
        apply(view, items)
        assert view == {g["group_id"]: g for g in current}
        assert client.get("/reconciled", params={"since": next_since}).json()["items"] == []

        # filters see the removed group's last state; the language filter lets every removal through
        province = gone["region"]["province"]
        other = "Guizhou" if province != "Guizhou" else "Gansu"
        assert tomb in items_of(client, "/reconciled", since=since, province=province)
        assert tomb not in items_of(client, "/reconciled", since=since, province=other)
        assert tomb not in items_of(client, "/reconciled", since=since, metric="funds")
        assert tomb in items_of(client, "/reconciled", since=since, language="en")
        assert tomb in items_of(client, "/reconciled", since=since, source=gone["members"][0]["source"])


def items_of(client: httpx.Client, path: str, **params: object) -> list[dict]:
    response = client.get(path, params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_json_feed_has_removal_items(changed_home: tuple[Path, str, dict, dict], tmp_path: Path) -> None:
    home, since, _, gone = changed_home
    with serve(create_app(home)) as client:
        changes = client.get("/feed.json", params={"since": since}).json()
        check_json_feed(changes)
        flags = {i["_fupin"]["group_id"]: i["_fupin"]["removed"] for i in changes["items"]}
        assert len(flags) == 3 and [g for g, removed in flags.items() if removed] == [gone["group_id"]]
        [removal] = [i for i in changes["items"] if i["_fupin"]["removed"]]
        assert removal["_fupin"]["record"] is None and "url" not in removal
        assert "removed" in removal["tags"] and removal["title"].startswith("removed: ")
        whole = client.get("/feed.json").json()  # the whole feed, for readers that cannot pass since
        check_json_feed(whole)
        assert removal in whole["items"]
        assert len(whole["items"]) == len(items_of(client, "/reconciled")) + 1
        served_since = whole["_fupin"]["next_since"]
    index = export_feed(home, tmp_path / "out")
    static = json.loads((tmp_path / "out" / "feed.json").read_text(encoding="utf-8"))
    check_json_feed(static)
    assert removal in static["items"] and index["counts"]["removed"] == 1
    assert index["next_since"]["reconciled"] == served_since
    lines = (tmp_path / "out" / "reconciled.jsonl").read_text(encoding="utf-8").splitlines()
    assert gone["group_id"] not in {json.loads(line)["group_id"] for line in lines}


def test_a_recreated_group_comes_back_as_a_normal_item(changed_home: tuple[Path, str, dict, dict]) -> None:
    home, since, before, gone = changed_home
    with serve(create_app(home)) as client:
        _, after_removal = all_pages(client, "/reconciled", {"since": since})
        with open_for_writing(home) as store:
            assert store.replace_reconciled([gone])["inserted"] == 1
        for token in (since, after_removal):  # pollers from before and after the removal
            items = items_of(client, "/reconciled", since=token)
            assert gone in items and not any(i.get("removed") for i in items)
        feed = client.get("/feed.json").json()
        assert not any(i["_fupin"]["removed"] for i in feed["items"])
        view = dict(before)
        apply(view, items_of(client, "/reconciled", since=since))
        assert view == {g["group_id"]: g for g in items_of(client, "/reconciled")}


def test_time_since_and_older_tokens_still_work(changed_home: tuple[Path, str, dict, dict]) -> None:
    home, _, _, gone = changed_home
    old_token = base64.urlsafe_b64encode(b'{"t":"since","k":"2000-01-01 00:00:00"}').decode().rstrip("=")
    with serve(create_app(home)) as client:
        for since in (old_token, "2000-01-01T00:00:00+08:00"):
            items = items_of(client, "/reconciled", since=since)
            assert len(items) == 6 and gone["group_id"] in {i["group_id"] for i in items if i.get("removed")}
        assert items_of(client, "/reconciled", since="2999-01-01") == []
        cursor = base64.urlsafe_b64encode(b'{"t":"cursor","k":"2020-01-01","id":"x"}').decode().rstrip("=")
        response = client.get("/reconciled", params={"cursor": cursor})
        assert response.status_code == 422 and "older version" in response.json()["message"]
        assert "parameter 'cursor'" in response.json()["message"]
        # a change number of /reconciled means nothing to /facts: 422 naming since, not a crash
        response = client.get("/facts", params={"since": _seq_token(7)})
        assert response.status_code == 422 and "parameter 'since'" in response.json()["message"]


def _seq_token(seq: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"t": "since", "k": seq}).encode()).decode().rstrip("=")
