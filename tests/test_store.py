"""The corpus store on real DuckDB files: articles, dedup, validators, facts, reconciled, runs."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import duckdb
import pytest

from fupin.corpus.store import Store, StoreError, article_id_for, iso_period

MASK = (1 << 64) - 1


def article(n: int = 1, **over: object) -> dict:
    base = {
        "url": f"http://news.example.cn/a/{n}.html?utm_source=x",
        "canonical_url": f"http://news.example.cn/a/{n}.html",
        "source": "news.example.cn",
        "title": f"扶贫车间 {n}",
        "published": "2020-03-26",
        "language": "zh",
        "text": f"甘肃省共有扶贫车间{n}个。",
        "fetched_at": datetime(2020, 4, 1, 8, 0, tzinfo=timezone(timedelta(hours=8))),
        "content_hash": f"hash-{n}",
        "simhash": (n * 0x9E3779B97F4A7C15) & MASK,
        "encoding": "gbk",
        "warc_file": "crawl-00001.warc.gz",
        "warc_offset": 100 * n,
        "warc_length": 50,
        "etag": f'"etag-{n}"',
        "last_modified": "Wed, 01 Apr 2020 00:00:00 GMT",
        "http_status": 200,
    }
    base.update(over)
    return base


def fact(article_id: str, **over: object) -> dict:
    base = {
        "article_id": article_id,
        "url": "http://news.example.cn/a/1.html",
        "source": "news.example.cn",
        "published": "2020-03-26",
        "language": "zh",
        "metric": "workshops",
        "scope": None,
        "period": None,
        "region": {"name": "甘肃省", "province": "Gansu", "level": "province", "adcode": "620000"},
        "value": 1982,
        "value_max": None,
        "unit": "count",
        "bound": "exact",
        "as_of": "2020-03",
        "as_of_source": "text",
        "evidence": {"sentence": "甘肃省共有扶贫车间1982个。", "start": 9, "end": 13},
        "extractor": "rules",
        "confidence": 0.9,
    }
    base.update(over)
    return base


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "home") as s:
        yield s


def test_open_home_creates_file_and_file_path_works(tmp_path):
    with Store.open(tmp_path / "home") as s:
        s.add_article(article())
    assert (tmp_path / "home" / "fupin.duckdb").is_file()
    with Store.open(tmp_path / "home" / "fupin.duckdb") as s:
        assert s.count("articles") == 1


def test_open_default_home_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("FUPIN_HOME", str(tmp_path / "envhome"))
    with Store.open() as s:
        assert s.path == tmp_path / "envhome" / "fupin.duckdb"


def test_add_article_new_then_same_url(store):
    aid, new = store.add_article(article())
    assert new and aid == article_id_for("http://news.example.cn/a/1.html")
    again, new2 = store.add_article(article(etag='"etag-changed"'))
    assert (again, new2) == (aid, False)
    assert store.count("articles") == 1
    assert store.http_validators("http://news.example.cn/a/1.html") == (
        '"etag-changed"',
        "Wed, 01 Apr 2020 00:00:00 GMT",
    )
    stored = store.get_article(aid)
    assert stored["text"] == "甘肃省共有扶贫车间1个。"
    assert stored["fetched_at"] == datetime(2020, 4, 1, 0, 0)  # stored as UTC
    assert stored["warc_offset"] == 100 and stored["encoding"] == "gbk"


STORY = (
    "甘肃省临夏州东乡县服装扶贫车间3月26日全面复工，312名工人回到生产线，其中建档立卡贫困劳动力128人。\n"
    "据县人社局介绍，全县已建成扶贫车间57个，吸纳贫困劳动力2103人在家门口就业，人均月收入2100元。"
)


def test_reprint_by_content_hash_and_minhash(store):
    aid, _ = store.add_article(article(1, text=STORY))
    same_hash = article(2, content_hash="hash-1", source="other.cn")
    assert store.add_article(same_hash) == (aid, False)
    # the same story under another outlet's by-line and counter, in traditional characters
    byline = "2020年03月27日 来源:临夏日报 作者:马明 点击:1855\n"
    near = article(3, text=byline + STORY.replace("复工", "復工"), source="third.cn")
    assert store.add_article(near) == (aid, False)
    other = STORY
    for old, new in [
        ("东乡县服装", "和政县鞋帽"),
        ("57个", "12个"),
        ("2103", "640"),
        ("312名", "98名"),
        ("2100元", "1800元"),
        ("3月26日", "4月2日"),
    ]:
        other = other.replace(old, new)
    far = article(4, text=other)
    far_id, far_new = store.add_article(far)
    assert far_new and far_id != aid
    assert store.count("articles") == 2
    urls = store.get_article(aid)["urls"]
    assert {u["source"] for u in urls} == {"news.example.cn", "other.cn", "third.cn"}
    assert store.known_urls() == {article(n)["canonical_url"] for n in (1, 2, 3, 4)}
    similarity = dict(store.connection.execute("SELECT source, similarity FROM article_urls").fetchall())
    assert similarity["other.cn"] == 1.0 and 0.7 <= similarity["third.cn"] < 1.0
    assert similarity["news.example.cn"] is None
    # a reprint URL seen again is known and returns the original
    assert store.add_article(near) == (aid, False)


def test_near_duplicates_found_after_reopening(tmp_path):
    """The LSH index lives in the store: a copy crawled in a later run links to the first story."""
    with Store.open(tmp_path / "home") as first:
        aid, _ = first.add_article(article(1, text=STORY))
    with Store.open(tmp_path / "home") as second:
        copy_ = article(2, text=STORY + "\n（责任编辑：王芳）", source="other.cn")
        assert second.add_article(copy_) == (aid, False)


def test_short_texts_are_matched_exactly_only(store):
    """A Jaccard estimate over a dozen characters is noise: short notices are not merged."""
    aid, _ = store.add_article(article(1, text="甘肃省共有扶贫车间1982个。"))
    other, new = store.add_article(article(2, text="甘肃省共有扶贫车间1983个。"))
    assert new and other != aid


def test_batch_of_articles_one_commit_and_copies_within_it(store):
    batch = [article(1, text=STORY), article(2, text=STORY + "\n点击:1855", source="b.cn"), article(3)]
    results = store.add_articles(batch)
    assert [new for _, new in results] == [True, False, True]
    assert results[1][0] == results[0][0]
    with pytest.raises(ValueError, match="http://news.example.cn/a/9.html has no text"):
        store.add_articles([article(8, text=STORY + "!"), article(9, text=" ")])
    assert store.count("articles") == 2  # the rejected batch wrote nothing


def test_signed_simhash_is_stored_unsigned(store):
    aid, _ = store.add_article(article(1, simhash=-2))
    assert store.get_article(aid)["simhash"] == -2 & MASK


def test_record_fetch_and_validators(store):
    assert store.http_validators("http://nowhere/") is None
    store.record_fetch("http://news.example.cn/list.html", 200, '"L1"', None)
    assert store.http_validators("http://news.example.cn/list.html") == ('"L1"', None)
    store.record_fetch("http://news.example.cn/list.html", 304, None, "Thu, 02 Apr 2020 00:00:00 GMT")
    assert store.http_validators("http://news.example.cn/list.html") == (
        '"L1"',
        "Thu, 02 Apr 2020 00:00:00 GMT",
    )
    assert "http://news.example.cn/list.html" not in store.known_urls()
    assert "http://news.example.cn/list.html" in store.fetched_urls()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"canonical_url": None, "url": None}, "canonical_url"),
        ({"text": "  "}, "no text"),
        ({"simhash": 1 << 64}, "64 bits"),
        ({"simhash": "abc"}, "simhash"),
        ({"published": "2020-13-45"}, "date"),
        ({"fetched_at": "yesterday"}, "fetched_at"),
        ({"warc_offset": "12"}, "warc_offset"),
        ({"colour": "red"}, "unknown fields"),
        ({"language": "fr"}, "language"),
    ],
)
def test_bad_articles_raise_clear_errors_and_keep_data(store, over, message):
    store.add_article(article(1))
    with pytest.raises(ValueError, match=message):
        store.add_article(article(2, **over))
    assert store.count("articles") == 1


def test_read_only_store(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "missing", read_only=True)
    with Store.open(tmp_path) as s:
        s.add_article(article())
    with Store.open(tmp_path, read_only=True) as r1, Store.open(tmp_path, read_only=True) as r2:
        assert r1.count("articles") == r2.count("articles") == 1
        with pytest.raises(StoreError, match="read-only"):
            r1.add_article(article(2))


def test_transaction_rolls_back_batch(store):
    store.add_article(article(1))
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(article(2))
        store.add_article(article(3))
        raise RuntimeError("boom")
    assert store.count("articles") == 1
    assert article(2)["canonical_url"] not in store.known_urls()


def test_add_facts_replaces_and_tracks_extraction(store):
    a1, _ = store.add_article(article(1))
    a2, _ = store.add_article(article(2))
    assert {a["id"] for a in store.articles_to_extract("v1")} == {a1, a2}
    facts = [
        fact(a1),
        fact(a1, metric="workshops_resumed", value=519, evidence={"sentence": "s", "start": 20, "end": 23}),
    ]
    assert store.add_facts(a1, facts, "v1") == 2
    assert [a["id"] for a in store.articles_to_extract("v1")] == [a2]
    assert store.articles_to_extract("v1")[0]["text"] == article(2)["text"]
    store.add_facts(a1, [fact(a1, value=1983)], "v1")
    records = store.fact_records()
    assert len(records) == 1 and records[0]["value"] == 1983
    assert records[0]["region"]["adcode"] == "620000" and records[0]["evidence"]["start"] == 9
    assert records[0]["fact_id"]  # filled in
    stored_without_source = fact(
        a1, value=1, source=None, url=None, evidence={"sentence": "s", "start": 1, "end": 2}
    )
    store.add_facts(a1, [stored_without_source], "v1")
    assert store.fact_records([a1])[0]["source"] == "news.example.cn"  # the article's
    assert store.fact_records(["no-such-article"]) == []
    # a new extractor version makes every article pending again
    assert {a["id"] for a in store.articles_to_extract("v2")} == {a1, a2}
    assert len(store.articles_to_extract("v2", limit=1)) == 1


def test_bad_fact_rejected_without_touching_stored_facts(store):
    a1, _ = store.add_article(article(1))
    store.add_facts(a1, [fact(a1)], "v1")
    bad = fact(a1, metric="bananas", evidence={"sentence": "x", "start": 1, "end": 2})
    with pytest.raises(ValueError, match=r"fact 1 of article .*metric"):
        store.add_facts(a1, [fact(a1, value=5), bad], "v2")
    with pytest.raises(ValueError, match="as_of"):
        store.add_facts(a1, [fact(a1, as_of="2020-02-30")], "v2")
    with pytest.raises(ValueError, match="duplicate fact_id"):
        store.add_facts(a1, [fact(a1), fact(a1)], "v2")
    assert [f["value"] for f in store.fact_records()] == [1982]
    assert store.articles_to_extract("v1") == []


def test_officials_with_facts_in_one_commit(store):
    a1, _ = store.add_article(article(1))
    official = {
        "name": "周丽宁",
        "title": "厅长",
        "organization": "甘肃省人社厅",
        "province": "Gansu",
        "role": "official",
        "quote_kind": "direct",
        "evidence": {"start": 0, "end": 3},
    }
    store.add_facts(a1, [fact(a1)], "v1", officials=[official, official])
    assert store.count("officials") == 1
    assert store.official_records()[0]["article_id"] == a1
    with pytest.raises(ValueError, match="role"):
        store.add_officials(a1, [{**official, "role": "villager"}], "v1")
    assert store.add_officials(a1, [], "v1") == 0
    assert store.count("officials") == 0


def reconciled(group_id: str, value: float = 1982, status: str = "single") -> dict:
    return {
        "group_id": group_id,
        "metric": "workshops",
        "region": {"name": "Gansu", "province": "Gansu", "level": "province", "adcode": "620000"},
        "as_of": "2020-03",
        "value": value,
        "bound": "exact",
        "status": status,
        "members": [{"fact_id": "f1", "article_id": "a1", "source": "x", "value": value, "agrees": True}],
    }


def test_replace_reconciled_upserts_and_is_idempotent(store):
    assert store.replace_reconciled([reconciled("g1"), reconciled("g2")]) == {
        "inserted": 2, "updated": 0, "unchanged": 0, "deleted": 0
    }  # fmt: skip
    first = store.connection.execute("SELECT updated_at FROM reconciled WHERE group_id='g1'").fetchone()
    counts = store.replace_reconciled([reconciled("g1"), reconciled("g2", 1983, "agreed")], remove=["g3"])
    assert counts == {"inserted": 0, "updated": 1, "unchanged": 1, "deleted": 0}
    assert (
        store.connection.execute("SELECT updated_at FROM reconciled WHERE group_id='g1'").fetchone() == first
    )
    assert store.replace_reconciled([], remove=["g1"])["deleted"] == 1
    assert [g["group_id"] for g in store.reconciled_records()] == ["g2"]
    assert store.reconciled_records()[0]["value"] == 1983
    with pytest.raises(ValueError, match="status"):
        store.replace_reconciled([{**reconciled("g4"), "status": "maybe"}])
    assert store.count("reconciled") == 1


def test_run_log(store):
    with store.run("crawl") as log:
        log.count("fetched", 3)
        log.error("timeout", "http://slow/")
    with pytest.raises(KeyError), store.run("extract"):
        raise KeyError("x")
    runs = store.runs()
    assert [(r["kind"], r["status"]) for r in runs] == [("crawl", "ok"), ("extract", "failed")]
    assert runs[0]["counts"] == {"fetched": 3} and runs[0]["errors"][0]["kind"] == "timeout"
    assert runs[0]["finished"] >= runs[0]["started"]


def test_dead_runs_marked_interrupted_on_next_open(tmp_path):
    with Store.open(tmp_path) as s:
        s.start_run("crawl")
    with Store.open(tmp_path) as s:
        assert s.runs()[0]["status"] == "interrupted"


def test_not_a_fupin_database(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(RuntimeError, match="not a fupin store"):
        Store.open(path)


def test_iso_period():
    assert iso_period("2020") == (datetime(2020, 1, 1).date(), "year")
    assert iso_period("2020-06") == (datetime(2020, 6, 1).date(), "month")
    assert iso_period("2020-06-30") == (datetime(2020, 6, 30).date(), "day")
    assert iso_period(None) == (None, None)
    with pytest.raises(ValueError):
        iso_period("June")


def test_stored_article_dict_not_mutated(store):
    a = article(1)
    before = copy.deepcopy(a)
    store.add_article(a)
    assert a == before


def test_rejected_input_inside_a_batch_does_not_spoil_it(store):
    with store.transaction():
        store.add_article(article(1))
        with pytest.raises(ValueError):
            store.add_article(article(2, text=""))
        store.add_article(article(3))
    assert store.count("articles") == 2


def test_failed_write_inside_a_batch_rolls_back_the_batch(store):
    store.add_article(article(1))
    with pytest.raises(StoreError, match="rolled back"), store.transaction():
        store.add_article(article(2))
        with pytest.raises(duckdb.Error), store.transaction():
            clash = "INSERT INTO articles (article_id, canonical_url, text) VALUES ('x', ?, 't')"
            store.connection.execute(clash, [article(1)["canonical_url"]])
    assert store.count("articles") == 1
    assert store.add_article(article(2))[1]  # the rolled-back article is new again
