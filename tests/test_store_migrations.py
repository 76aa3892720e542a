"""Stores written by older fupin versions open, migrate forward, and keep their data."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import duckdb
import pytest
from feed_support import group

from fupin.corpus import schema
from fupin.corpus.store import Store, StoreError

V1_SQL = Path(__file__).parent / "data" / "store" / "v1.sql"


@pytest.fixture
def v1_store(tmp_path: Path) -> Path:
    """A DuckDB file built by the v1 fixture script (schema and data of the first release)."""
    path = tmp_path / "home" / "fupin.duckdb"
    path.parent.mkdir()
    con = duckdb.connect(str(path))
    con.execute(V1_SQL.read_text(encoding="utf-8"))
    con.close()
    return path


def test_v1_store_migrates_and_keeps_articles(v1_store: Path):
    with Store.open(v1_store.parent) as store:
        assert store.schema_version() == schema.CURRENT_VERSION
        assert store.count("articles") == 2
        assert "http://www.people.com.cn/n1/2020/0326/c1.html" in store.known_urls()
        assert store.http_validators("http://www.gov.cn/xinwen/2020-03/26/content_1.htm") == (
            '"v1-etag"',
            None,
        )
        assert store.http_validators("http://en.example.com/a/2.html") == (
            None,
            "Fri, 27 Mar 2020 10:00:00 GMT",
        )
        # the new tables work on the old data
        pending = store.articles_to_extract("extractor-1")
        assert {a["id"] for a in pending} == {"0a1b2c3d4e5f6a7b", "1b2c3d4e5f6a7b8c"}
        fact = {
            "metric": "workshops_resumed",
            "region": {"name": "甘肃省", "province": "Gansu", "level": "province", "adcode": "620000"},
            "value": 1735,
            "unit": "count",
            "bound": "exact",
            "as_of": "2020-03-25",
            "evidence": {
                "sentence": "截至3月25日，甘肃省1982个扶贫车间已复工1735个。",
                "start": 24,
                "end": 28,
            },
        }
        store.add_facts("0a1b2c3d4e5f6a7b", [fact], "extractor-1")
        assert [a["id"] for a in store.articles_to_extract("extractor-1")] == ["1b2c3d4e5f6a7b8c"]
        # reprint detection sees the old content hashes, and the old articles were signed for MinHash
        copy_ = {"canonical_url": "http://other/x", "text": "reprint", "content_hash": "sha256:aaaa"}
        aid, new = store.add_article(copy_)
        assert (aid, new) == ("0a1b2c3d4e5f6a7b", False)
        assert store.count("articles") == 2
        assert store.connection.execute("SELECT count(*) FROM article_minhash").fetchone() == (2,)
        assert store.get_article(aid)["published_source"] is None
    versions = (
        duckdb.connect(str(v1_store), read_only=True)
        .execute("SELECT version FROM schema_version ORDER BY version")
        .fetchall()
    )
    assert [v[0] for v in versions] == [m.version for m in schema.MIGRATIONS]


COPY = (
    "甘肃省临夏州东乡县服装扶贫车间3月26日全面复工，312名工人回到生产线，其中建档立卡贫困劳动力128人。\n"
    "据县人社局介绍，全县已建成扶贫车间57个，吸纳贫困劳动力2103人在家门口就业，人均月收入2100元。"
)


def test_copies_stored_twice_by_an_old_crawler_are_linked_not_deleted(v1_store: Path):
    """A v1 store holding a reprint as a second article (its simhash missed it) keeps both rows,
    and the later one gets duplicate_of = the earlier one when the store is signed."""
    con = duckdb.connect(str(v1_store))
    old = [(COPY, "2020-04-02"), ("点击:1855 来源:某某网\n" + COPY, "2020-04-03")]
    for n, (text, when) in enumerate(old):
        con.execute(
            "INSERT INTO articles (article_id, url, canonical_url, source, text, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [f"c{n}", f"http://s{n}/a", f"http://s{n}/a", f"s{n}.cn", text, when],
        )
    con.close()
    with Store.open(v1_store.parent) as store:
        store.add_article({"canonical_url": "http://new/1", "text": "another story entirely, long " * 3})
        assert store.count("articles") == 5
        assert store.duplicate_links() == [("c1", "c0")]
        assert store.get_article("c1")["text"].endswith(COPY)


def test_reopen_is_a_no_op(v1_store: Path):
    Store.open(v1_store).close()
    con = duckdb.connect(str(v1_store))
    assert schema.migrate(con) == []
    con.close()


def test_read_only_open_of_old_store_says_how_to_migrate(v1_store: Path):
    with pytest.raises(schema.SchemaError, match="open it once for writing"):
        Store.open(v1_store, read_only=True)


def test_store_from_newer_fupin_is_refused_untouched(v1_store: Path):
    con = duckdb.connect(str(v1_store))
    con.execute("INSERT INTO schema_version (version, description) VALUES (99, 'future')")
    con.close()
    with pytest.raises(schema.SchemaError, match="newer than this fupin"):
        Store.open(v1_store)
    con = duckdb.connect(str(v1_store), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "facts" not in tables
    con.close()


def test_failed_migration_rolls_back(v1_store: Path, monkeypatch: pytest.MonkeyPatch):
    broken = schema.Migration(2, "broken", (*schema.V2.statements[:3], "CREATE TABLE facts (x INTEGER)"))
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.V1, broken))
    monkeypatch.setattr(schema, "CURRENT_VERSION", 2)
    with pytest.raises(duckdb.Error):
        Store.open(v1_store)
    monkeypatch.undo()
    with Store.open(v1_store) as store:  # the real migration applies cleanly afterwards
        assert store.schema_version() == schema.CURRENT_VERSION
        assert store.count("facts") == 0 and store.count("articles") == 2


def test_locked_store_error_names_the_problem(tmp_path: Path):
    import subprocess
    import sys

    Store.open(tmp_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from fupin.corpus.store import Store; s = Store.open(sys.argv[1]); "
         "print('open', flush=True); time.sleep(30)", str(tmp_path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another process"):
            Store.open(tmp_path, read_only=True)
    finally:
        holder.kill()
        holder.wait()


def _v2_group(group_id: str, value: float) -> dict:
    return group(
        group_id, "workshops", "Gansu", "2020-06-30", value, "single", [("f1", "a1", "s.example", value)]
    )


@pytest.fixture
def v2_store(tmp_path: Path) -> Path:
    """A store as fupin wrote it at schema version 2 (migrations 1 and 2 as shipped), with three groups.

    The groups were written at different times and not in group_id order, so the
    migration's numbering by time is visible.
    """
    path = tmp_path / "home" / "fupin.duckdb"
    path.parent.mkdir()
    con = duckdb.connect(str(path))
    for migration in (schema.V1, schema.V2):
        for statement in migration.statements:
            con.execute(statement)
        con.execute(
            "INSERT INTO schema_version (version, description) VALUES (?, ?)",
            [migration.version, migration.description],
        )
    for group_id, value, written in [("g-b", 1, "2020-07-01 08:00"), ("g-a", 2, "2020-07-02 08:00"),
                                     ("g-c", 3, "2020-07-03 08:00")]:  # fmt: skip
        record = json.dumps(_v2_group(group_id, value), ensure_ascii=False, sort_keys=True)
        con.execute(
            "INSERT INTO reconciled (group_id, metric, province, level, as_of, as_of_date, as_of_precision, "
            "value, bound, status, n_members, n_sources, record, updated_at) VALUES "
            "(?, 'workshops', 'Gansu', 'province', '2020-06-30', DATE '2020-06-30', 'day', ?, 'exact', "
            "'single', 1, 1, ?, ?)",
            [group_id, value, record, written],
        )
    con.close()
    return path


def test_v2_store_gets_change_numbers_in_write_order(v2_store: Path):
    with Store.open(v2_store.parent) as store:
        assert store.schema_version() == schema.CURRENT_VERSION >= 3
        numbers = store.connection.execute(
            "SELECT group_id, change_seq FROM reconciled ORDER BY 2"
        ).fetchall()
        assert numbers == [("g-b", 1), ("g-a", 2), ("g-c", 3)]
        assert store.reconciled_removals() == []
        # the sequence goes on after the numbers the migration gave
        counts = store.replace_reconciled([_v2_group("g-a", 2), _v2_group("g-b", 10)], remove=["g-c"])
        assert counts == {"inserted": 0, "updated": 1, "unchanged": 1, "deleted": 1}
        after = dict(store.connection.execute("SELECT group_id, change_seq FROM reconciled").fetchall())
        assert after == {"g-a": 2, "g-b": 4}
        assert [(t["group_id"], t["change_seq"]) for t in store.reconciled_removals()] == [("g-c", 5)]


def test_feed_reads_a_migrated_v2_store_and_its_old_tokens(v2_store: Path):
    from feed_support import serve

    from fupin.feed import create_app

    Store.open(v2_store).close()  # a writing command migrates it
    # a since token written by the feed of version 2 (a time), after g-b was written
    old_token = base64.urlsafe_b64encode(b'{"t":"since","k":"2020-07-01 12:00:00"}').decode().rstrip("=")
    with serve(create_app(v2_store.parent)) as client:
        listing = client.get("/reconciled").json()
        assert [g["group_id"] for g in listing["items"]] == ["g-b", "g-a", "g-c"]
        assert [
            g["group_id"] for g in client.get("/reconciled", params={"since": old_token}).json()["items"]
        ] == [
            "g-a",
            "g-c",
        ]
        assert client.get("/reconciled", params={"since": listing["next_since"]}).json()["items"] == []


def test_failed_v3_migration_leaves_the_v2_store(v2_store: Path, monkeypatch: pytest.MonkeyPatch):
    broken = schema.Migration(
        3, "broken", (*schema.V3.statements[:3], "SELECT no_such_column FROM reconciled")
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.V1, schema.V2, broken))
    monkeypatch.setattr(schema, "CURRENT_VERSION", 3)
    with pytest.raises(duckdb.Error):
        Store.open(v2_store)
    con = duckdb.connect(str(v2_store), read_only=True)
    columns = [d[0] for d in con.execute("SELECT * FROM reconciled LIMIT 0").description]
    assert "change_seq" not in columns and schema.current_version(con) == 2
    con.close()
    monkeypatch.undo()
    with Store.open(v2_store) as store:
        assert store.schema_version() == schema.CURRENT_VERSION
        assert store.connection.execute("SELECT max(change_seq) FROM reconciled").fetchone()[0] == 3
