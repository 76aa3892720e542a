"""``run_pipeline`` / ``fupin run`` on a store, and a feed consumer polling across runs."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from feed_support import (
    ARTICLES,
    LATER_ARTICLE,
    add_articles,
    all_pages,
    facts_for,
    open_for_writing,
    serve,
)

from fupin.corpus.store import Store
from fupin.feed import create_app
from fupin.pipeline_run import run_pipeline


def current_version() -> str:
    from fupin.extract import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def stored_groups(home: Path) -> dict[str, dict]:
    with open_for_writing(home) as store:
        return {r["group_id"]: r for r in store.reconciled_records()}


def test_run_logs_counts_and_exports(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        add_articles(store, ARTICLES, version=current_version())  # as if crawled and extracted
    first = run_pipeline(home)
    assert first.status == "ok", first.errors
    groups = stored_groups(home)
    assert first.groups_changed == len(groups) > 0
    assert first.conflicts == sum(g["status"] == "conflict" for g in groups.values())
    feed = Path(first.feed_dir)
    lines = (feed / "reconciled.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["group_id"] for line in lines) == sorted(groups)
    assert json.loads((feed / "feed.json").read_text(encoding="utf-8"))["items"]
    second = run_pipeline(home)
    assert (second.status, second.new_articles, second.new_facts, second.groups_changed) == ("ok", 0, 0, 0)
    with Store.open(home) as store:
        runs = [r for r in store.runs() if r["kind"] == "pipeline"]
    assert [r["status"] for r in runs] == ["ok", "ok"]
    assert runs[0]["counts"]["groups_changed"] == len(groups) and runs[1]["counts"]["groups_changed"] == 0


def test_a_failing_stage_is_logged_and_the_rest_still_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        add_articles(store, ARTICLES, version=current_version())
    bad = tmp_path / "sources.toml"
    bad.write_text("[[source]]\nname = 'x'\n", encoding="utf-8")  # no start URLs: the crawl refuses it
    summary = run_pipeline(home, sources=bad)
    assert summary.status == "failed" and summary.errors[0].startswith("crawl:")
    assert summary.groups_changed > 0 and (Path(summary.feed_dir) / "feed.json").exists()
    with Store.open(home) as store:
        run = [r for r in store.runs() if r["kind"] == "pipeline"][-1]
    assert run["status"] == "failed" and "crawl" in run["errors"][0]


def poll(client: httpx.Client, since: str | None) -> tuple[list[dict], str]:
    items, next_since = all_pages(client, "/reconciled", {"since": since} if since else {"limit": 2})
    if since:  # page through a changes listing too
        items, next_since = all_pages(client, "/reconciled", {"since": since, "limit": 2})
    return items, next_since


def apply(view: dict[str, dict], items: list[dict]) -> None:
    """What a poller does with a page of changes, in order: upsert groups, drop tombstones' groups."""
    for item in items:
        if item.get("removed"):
            view.pop(item["group_id"], None)
        else:
            view[item["group_id"]] = item


def reextract(store: Store, article_id: str, index: int, keep: slice) -> None:
    """Store a new extraction of one of ARTICLES keeping only some of its facts."""
    facts = [{**f, "article_id": article_id} for f in facts_for(index, ARTICLES[index])][keep]
    store.add_facts(article_id, facts, current_version())


def test_poller_sees_every_new_changed_or_removed_group_exactly_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Store.open(home) as store:
        ids = add_articles(store, ARTICLES, version=current_version())
    run_pipeline(home)
    view: dict[str, dict] = {}
    with serve(create_app(home)) as client:
        items, since = poll(client, None)
        assert not any(i.get("removed") for i in items)  # a listing from the start is the current set
        apply(view, items)
        assert view == stored_groups(home)
        first_view, first_since = dict(view), since

        before = stored_groups(home)
        with open_for_writing(home) as store:  # new articles arrive, and one article loses a fact
            add_articles(store, [LATER_ARTICLE], offset=3, version=current_version())
            reextract(store, ids[2], 2, slice(0, 1))
        summary = run_pipeline(home)
        after = stored_groups(home)
        changed = {gid for gid, record in after.items() if before.get(gid) != record}
        removed = set(before) - set(after)
        assert changed and removed and summary.groups_changed >= len(changed)
        assert len(changed) < len(after)  # untouched groups are not sent again

        items, since = poll(client, since)
        got = [g["group_id"] for g in items]
        assert sorted(got) == sorted(changed | removed)  # each new, changed or removed group, once
        assert {i["group_id"] for i in items if i.get("removed")} == removed
        apply(view, items)
        assert view == after  # exactly the store's reconciled set

        with open_for_writing(home) as store:  # the fact comes back, and so does its group
            reextract(store, ids[2], 2, slice(None))
        run_pipeline(home)
        again = stored_groups(home)
        assert removed <= set(again)
        items, since = poll(client, since)
        got = [g["group_id"] for g in items]
        assert len(got) == len(set(got)) and removed <= set(got)
        assert not any(i.get("removed") for i in items)  # a normal item, not a tombstone
        apply(view, items)
        assert view == again

        run_pipeline(home)  # nothing new
        items, since = poll(client, since)
        assert items == []

        # a poller that last looked before the removal: one item per group it must update, no tombstone
        items, _ = poll(client, first_since)
        assert len({i["group_id"] for i in items}) == len(items)
        assert not any(i.get("removed") for i in items)
        apply(first_view, items)
        assert first_view == again


def test_run_command_prints_the_summary_and_where_things_are(tmp_path: Path, capsys) -> None:
    from feed_support import command

    from fupin.commands import run as run_command

    home = tmp_path / "home"
    with Store.open(home) as store:
        add_articles(store, ARTICLES, version=current_version())
    args = command(run_command, "run", "--home", str(home), "--feed-dir", str(tmp_path / "public"))
    assert args.func(args) == 0
    captured = capsys.readouterr()
    out = " ".join(captured.out.split())
    assert "groups changed" in out and "conflicts" in out and "new facts" in out
    assert f"feed: {(tmp_path / 'public').resolve()}" in out
    assert f"store: {(home / 'fupin.duckdb').resolve()}" in out
    assert "reconcile done" in captured.err  # stage lines when stdout is not a terminal
    assert (tmp_path / "public" / "feed.json").exists()


def test_run_command_rejects_bad_options(tmp_path: Path, capsys) -> None:
    from feed_support import command

    from fupin.commands import run as run_command

    args = command(run_command, "run", "--home", str(tmp_path), "--sources", str(tmp_path / "missing.toml"))
    assert args.func(args) == 2
    assert "missing.toml" in capsys.readouterr().err


SERVER = (
    "import sys, uvicorn; from fupin.feed import create_app\n"
    "uvicorn.run(create_app(sys.argv[1], lock_wait=0.5), host='127.0.0.1', port=int(sys.argv[2]), "
    "log_level='warning')\n"
)


def test_runs_and_a_busy_server_share_the_store(tmp_path: Path) -> None:
    """A server in another process, polled non-stop while runs write: runs succeed, polls get 200 or 503."""
    import subprocess
    import sys
    import threading
    import time

    from feed_support import free_port

    home = tmp_path / "home"
    with Store.open(home) as store:
        add_articles(store, ARTICLES, version=current_version())
    run_pipeline(home)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(home), str(port)])
    statuses: list[int] = []
    stop = threading.Event()

    def poll_forever() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            while not stop.is_set():
                try:
                    statuses.append(client.get("/reconciled", params={"limit": 2}).status_code)
                except httpx.TransportError:
                    time.sleep(0.05)  # not started yet

    poller = threading.Thread(target=poll_forever)
    try:
        poller.start()
        deadline = time.monotonic() + 30
        while 200 not in statuses and time.monotonic() < deadline:
            time.sleep(0.05)
        with open_for_writing(home, wait=30) as store:
            add_articles(store, [LATER_ARTICLE], offset=3, version=current_version())
        summary = run_pipeline(home)
        assert summary.status == "ok", summary.errors
        assert summary.groups_changed > 0
        time.sleep(0.3)
    finally:
        stop.set()
        poller.join(timeout=20)
        server.terminate()
        server.wait(timeout=20)
    assert statuses and set(statuses) <= {200, 503}, set(statuses)
    assert statuses.count(200) > 0
