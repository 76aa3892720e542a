"""Headlines are text too: a statistic of the title is a fact with ``evidence.field: "title"``.

Its offsets index into the title as written; a page whose text repeats the headline
near its top has it read once, as part of the text. The key survives the store, the
DataFrames, the exports and the feed. (The articles below are written for these tests.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pandas as pd
import pytest
from conftest import schema
from feed_support import serve

from fupin.corpus import schema as store_schema
from fupin.corpus.export import export
from fupin.corpus.frames import Corpus
from fupin.corpus.reconcile import derive_fact_id
from fupin.corpus.store import Store, fact_id_for
from fupin.extract import extract_article
from fupin.extract.headline import Headed, repeats
from fupin.extract.textnorm import normalize
from fupin.feed import create_app

ZH = {
    "id": "hl-zh-1",
    "language": "zh",
    # traditional characters, full-width digits and colon, blanks around: offsets must hold
    "title": "  青川縣：扶貧車間已達１２６個 ",
    "published": "2020-07-02",
    "text": "记者从青川县人社局获悉，今年上半年，全县扶贫车间吸纳就业3100人，其中贫困劳动力1240人，"
    "人均月收入2100元。\n县人社局局长王建平介绍，下一步将继续扩大车间规模。",
}

EN = {
    "id": "hl-en-1",
    "language": "en",
    "title": "Qingchuan county now runs 126 poverty alleviation workshops",
    "published": "2020-07-02",
    "text": "CHENGDU, July 1 (Xinhua) -- The workshops in Qingchuan county, Sichuan province, employed "
    "3,100 people in the first half of the year, including 1,240 poor laborers, said Wang Jianping, "
    "director of the county human resources bureau.",
}


def _title_facts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in facts if f["evidence"].get("field") == "title"]


def _text_view(facts: list[dict[str, Any]]) -> list[tuple]:
    """What a text fact says and where: must not change when a headline is read with the text."""
    return [
        (f["metric"], f["value"], f["value_max"], f["unit"], f["bound"], f["evidence"]["start"],
         f["evidence"]["end"], f["evidence"]["sentence"], f["fact_id"])
        for f in facts
        if f["evidence"].get("field", "text") == "text"
    ]  # fmt: skip


# --- extraction -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("article", "number"), [(ZH, "１２６"), (EN, "126")])
def test_headline_statistic_is_one_title_fact(article: dict, number: str) -> None:
    result = extract_article(article)
    titled = _title_facts(result.facts)
    assert len(titled) == 1
    fact = titled[0]
    ev = fact["evidence"]
    assert (fact["metric"], fact["value"]) == ("workshops", 126)
    assert article["title"][ev["start"] : ev["end"]] == number
    assert ev["sentence"] == article["title"].strip()
    assert fact["region"]["province"] == "Sichuan"
    # the statistic is not also counted as text, and no other fact says 126
    assert [f["value"] for f in result.facts].count(126) == 1
    fact_schema = schema("fact.schema.json")
    for f in result.facts:
        jsonschema.validate(f, fact_schema)
        if f is not fact:
            assert "field" not in f["evidence"]
            assert article["text"][f["evidence"]["start"] : f["evidence"]["end"]] in f["evidence"]["sentence"]


@pytest.mark.parametrize("article", [ZH, EN])
def test_text_facts_and_officials_are_as_without_the_title(article: dict) -> None:
    with_title = extract_article(article)
    without = extract_article({**article, "title": None})
    assert _title_facts(with_title.facts) and not _title_facts(without.facts)
    assert _text_view(with_title.facts) == _text_view(without.facts)
    assert with_title.officials == without.officials
    assert with_title.officials  # the director is found, with offsets into the text
    official = with_title.officials[0]
    assert article["text"][official["evidence"]["start"] : official["evidence"]["end"]] == official["name"]


def test_title_fact_id_differs_from_a_text_fact_at_the_same_offsets() -> None:
    fact = _title_facts(extract_article(EN).facts)[0]
    plain = {**fact, "evidence": {k: v for k, v in fact["evidence"].items() if k != "field"}}
    assert fact_id_for(fact) == derive_fact_id(fact) == fact["fact_id"]
    assert fact_id_for(plain) == derive_fact_id(plain) != fact["fact_id"]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # the text opens with the headline, as the evaluation pages do
        ("青川县扶贫车间已达126个", "青川县扶贫车间已达126个\n今年上半年，全县扶贫车间吸纳就业3100人。"),
        # the same after normalisation: traditional characters, full width, other punctuation
        (
            "青川縣：扶貧車間已達１２６個",
            "青川县:扶贫车间已达126个\n今年上半年，全县扶贫车间吸纳就业3100人。",
        ),
        # after a line of navigation, within the first 300 characters
        (
            "青川县扶贫车间已达126个",
            "首页 > 新闻 > 正文\n青川县扶贫车间已达126个\n今年上半年，全县吸纳就业3100人。",
        ),
        # a column tag before the headline, navigation before its line
        (
            "【要闻】青川县扶贫车间已达126个",
            "首页 > 要闻\n青川县扶贫车间已达126个\n今年上半年，全县吸纳就业3100人。",
        ),
        # the title carries the site's name
        (
            "青川县扶贫车间已达126个_四川频道_新闻网",
            "青川县扶贫车间已达126个\n今年上半年，全县吸纳就业3100人。",
        ),
        (
            "Qingchuan county now runs 126 poverty alleviation workshops - Xinhua",
            "Qingchuan county now runs 126 poverty alleviation workshops\n"
            "The workshops employed 3,100 people.",
        ),
        (
            "Qingchuan county now runs 126 poverty-alleviation workshops",
            "Qingchuan County now runs 126 poverty alleviation workshops.\n"
            "The workshops employed 3,100 people.",
        ),
    ],
)
def test_a_headline_the_text_repeats_is_read_once(title: str, text: str) -> None:
    assert repeats(title, text)
    result = extract_article({"id": "hl-rep", "title": title, "text": text, "published": "2020-07-02"})
    counts = [f for f in result.facts if f["value"] == 126]
    assert len(counts) == 1 and "field" not in counts[0]["evidence"]
    assert not _title_facts(result.facts)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Beijing builds 300 poverty alleviation workshops", "BEIJING\nThe city employed 3,100 people."),
        ("青川县扶贫车间已达126个", "青川县\n今年上半年，全县扶贫车间吸纳就业3100人。"),
        ("青川县扶贫车间已达126个", "今年上半年，全县扶贫车间吸纳就业3100人。"),
        # a line that starts the title, but too far down to be the page's headline
        ("青川县扶贫车间已达126个", "x" * 400 + "\n青川县扶贫车间已达\n上半年吸纳就业3100人。"),
    ],
)
def test_a_headline_the_text_does_not_repeat_is_read(title: str, text: str) -> None:
    assert not repeats(title, text)


def test_a_title_without_letters_or_digits_is_not_read() -> None:
    assert repeats("——", "今年上半年，全县扶贫车间吸纳就业3100人。")
    assert repeats("", "text") and repeats(None, "text")


def test_headed_document_maps_back_to_title_and_text() -> None:
    title = "  青川縣：\n扶貧車間已達１２６個 "
    norm = normalize("今年上半年，吸纳就业3100人。")
    headed = Headed.build(title, norm)
    assert headed.text == "青川县: 扶贫车间已达126个\n今年上半年,吸纳就业3100人。"  # both normalised
    at = headed.text.index("126")
    assert headed.in_title(at) and not headed.in_title(headed.shift)
    start, end = headed.title_norm.to_original(at + headed.title_start, at + 3 + headed.title_start)
    assert title[start:end] == "１２６"
    at = headed.text.index("3100") - headed.shift
    assert norm.original[slice(*norm.to_original(at, at + 4))] == "3100"


def test_a_title_figure_takes_the_date_its_lead_restates() -> None:
    article = {
        "id": "hl-zh-2",
        "language": "zh",
        "title": "青川县扶贫车间复工率达95%",
        "published": "2020-04-02",
        "text": "记者从青川县人社局获悉，截至3月31日，全县扶贫车间复工率达95.3%。",
    }
    fact = _title_facts(extract_article(article).facts)[0]
    assert (fact["metric"], fact["value"], fact["as_of"]) == ("workshop_resumption_rate", 95, "2020-03-31")
    assert article["title"][fact["evidence"]["start"] : fact["evidence"]["end"]].startswith("95")


# --- store, frames, export, feed ----------------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("headline") / "home"
    with Store.open(home) as store:
        for n, article in enumerate((ZH, EN)):
            stored = {
                **{k: v for k, v in article.items() if k != "id"},
                "canonical_url": f"http://news.example/hl/{n}.html",
                "source": "news.example",
            }
            article_id, _ = store.add_article(stored)
            result = extract_article({**article, "id": article_id})
            store.add_facts(article_id, result.facts, "test-extractor/1", officials=result.officials)
    return home


def test_store_keeps_the_field(home: Path) -> None:
    with Store.open(home, read_only=True) as store:
        facts = store.fact_records()
        articles = {
            a: (t, x)
            for a, t, x in store.connection.execute("SELECT article_id, title, text FROM articles").fetchall()
        }
        fields = dict(store.connection.execute("SELECT field, count(*) FROM facts GROUP BY field").fetchall())
    assert fields["title"] == 2 and fields["text"] >= 4
    fact_schema = schema("fact.schema.json")
    for fact in facts:
        jsonschema.validate(fact, fact_schema)
        title, text = articles[fact["article_id"]]
        ev = fact["evidence"]
        source = title if ev.get("field") == "title" else text
        assert source[ev["start"] : ev["end"]] in ("１２６", "126") or ev.get("field") is None
        assert source[ev["start"] : ev["end"]] in ev["sentence"]
    assert sorted(f["value"] for f in _title_facts(facts)) == [126, 126]


def test_frames_have_a_field_column(home: Path) -> None:
    facts = Corpus(home).facts()
    assert list(facts["field"].cat.categories) == ["text", "title"]
    titled = facts[facts["field"] == "title"]
    assert len(titled) == 2 and set(titled["value"]) == {126}
    assert (facts["field"] == "text").sum() == len(facts) - 2


def test_exports_carry_the_field(home: Path, tmp_path: Path) -> None:
    export(home, tmp_path / "parquet", "parquet", tables=("facts",))
    facts = pd.read_parquet(tmp_path / "parquet" / "facts")
    assert sorted(facts.loc[facts["field"].astype(str) == "title", "value"]) == [126, 126]
    export(home, tmp_path / "jsonl", "jsonl", tables=("facts",))
    lines = [json.loads(line) for line in (tmp_path / "jsonl" / "facts.jsonl").read_text().splitlines()]
    assert len(_title_facts(lines)) == 2 and all(
        f["evidence"].get("field", "text") in ("text", "title") for f in lines
    )
    export(home, tmp_path / "csv", "csv", tables=("facts",))
    assert set(pd.read_csv(tmp_path / "csv" / "facts.csv")["field"]) == {"text", "title"}


def test_feed_carries_the_field_and_cuts_the_title(home: Path) -> None:
    fact_schema = schema("fact.schema.json")
    with serve(create_app(home)) as client:
        facts = client.get("/facts", params={"limit": 500}).json()["items"]
        titled = _title_facts(facts)
        assert len(titled) == 2
        for fact in facts:
            jsonschema.validate(fact, fact_schema)
        one = client.get(f"/facts/{titled[0]['fact_id']}").json()
        assert one == titled[0]
        article = client.get(f"/articles/{titled[0]['article_id']}").json()
    assert "".join(s["text"] for s in article["segments"]) == article["text"]
    assert "".join(s["text"] for s in article["title_segments"]) == article["title"]
    in_title = {fid: s["text"] for s in article["title_segments"] for fid in s.get("fact_ids", [])}
    in_text = {fid for s in article["segments"] for fid in s.get("fact_ids", [])}
    assert in_title == {
        titled[0]["fact_id"]: article["title"][titled[0]["evidence"]["start"] : titled[0]["evidence"]["end"]]
    }
    assert titled[0]["fact_id"] not in in_text and in_text


def test_a_store_written_before_the_field_reads_its_facts_as_text(tmp_path: Path) -> None:
    path = tmp_path / "home" / "fupin.duckdb"
    path.parent.mkdir()
    con = duckdb.connect(str(path))
    for migration in store_schema.MIGRATIONS[:3]:  # the store as fupin wrote it before v4
        for statement in migration.statements:
            con.execute(statement)
        con.execute(
            "INSERT INTO schema_version (version, description) VALUES (?, ?)",
            [migration.version, migration.description],
        )
    con.execute(
        "INSERT INTO articles (article_id, canonical_url, title, language, text) "
        "VALUES ('a1', 'http://old.example/1', '旧标题', 'zh', '甘肃省已建成扶贫车间1982个。')"
    )
    con.execute(
        "INSERT INTO facts (fact_id, article_id, metric, region_name, province, level, value, unit, bound, "
        "sentence, \"start\", \"end\") VALUES ('f1', 'a1', 'workshops', '甘肃省', 'Gansu', 'province', 1982, "
        "'count', 'exact', '甘肃省已建成扶贫车间1982个。', 10, 14)"
    )
    con.close()
    with Store.open(path.parent) as store:
        assert store.schema_version() == store_schema.CURRENT_VERSION >= 4
        [fact] = store.fact_records()
    assert fact["evidence"] == {"sentence": "甘肃省已建成扶贫车间1982个。", "start": 10, "end": 14}
    assert list(Corpus(path.parent).facts()["field"].astype(str)) == ["text"]
