"""Stores written by older fupin versions open, migrate forward, and keep their data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

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
        # reprint detection still sees the old simhashes (unsigned 64-bit)
        aid, new = store.add_article(
            {"canonical_url": "http://other/x", "text": "reprint", "simhash": 18446744073709551000 ^ 0b11}
        )
        assert (aid, new) == ("1b2c3d4e5f6a7b8c", False)
    versions = (
        duckdb.connect(str(v1_store), read_only=True)
        .execute("SELECT version FROM schema_version ORDER BY version")
        .fetchall()
    )
    assert [v[0] for v in versions] == [m.version for m in schema.MIGRATIONS]


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
