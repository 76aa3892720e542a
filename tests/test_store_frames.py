"""The researcher pandas API: dtypes, filters, and not blocking the writer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

import fupin.corpus
from fupin.corpus.store import Store, StoreError

ARTICLES = [
    # (n, source, published, language)
    (1, "gov.cn", "2020-03-26", "zh"),
    (2, "chinadaily.com.cn", "2020-03-27T10:30:00+08:00", "en"),
    (3, "people.com.cn", "2020-06", "zh"),
]


def _fact(
    article_id: str, metric: str, value: float, as_of: str | None, province: str | None, start: int
) -> dict:
    level = "province" if province else "national"
    return {
        "article_id": article_id,
        "metric": metric,
        "region": {"name": province or "China", "province": province, "level": level, "adcode": None},
        "value": value,
        "unit": "percent" if metric.endswith("rate") else "count",
        "bound": "exact",
        "as_of": as_of,
        "as_of_source": "text" if as_of else None,
        "evidence": {"sentence": f"sentence {start}", "start": start, "end": start + 4},
        "extractor": "test",
    }


def populate(home: Path) -> dict[int, str]:
    """A small store: three articles (one reprint), facts at day/month/year precision, officials, groups."""
    ids = {}
    with Store.open(home) as store:
        for n, source, published, lang in ARTICLES:
            ids[n], _ = store.add_article(
                {
                    "url": f"http://{source}/a/{n}.html",
                    "canonical_url": f"http://{source}/a/{n}.html",
                    "source": source,
                    "title": f"title {n}",
                    "published": published,
                    "language": lang,
                    "text": f"text of article {n} " * 10,
                    "fetched_at": datetime(2020, 7, 1, 12, n, tzinfo=UTC),
                    "content_hash": f"h{n}",
                    "warc_file": "a.warc.gz",
                    "warc_offset": n * 1000,
                    "warc_length": 999,
                    "http_status": 200,
                }
            )
        store.add_article({"canonical_url": "http://xinhuanet.com/r/1", "source": "xinhuanet.com",
                           "text": "reprint", "content_hash": "h1"})  # fmt: skip
        store.add_facts(
            ids[1],
            [
                _fact(ids[1], "workshops", 1982, "2020-03-25", "Gansu", 0),
                _fact(ids[1], "workshop_resumption_rate", 98.83, "2020-03", "Gansu", 10),
            ],
            "v1",
            officials=[
                {"name": "周丽宁", "title": "厅长", "organization": "甘肃省人社厅", "province": "Gansu",
                 "role": "official", "quote_kind": "direct", "quote": "…",
                 "evidence": {"start": 20, "end": 23}}
            ],
        )  # fmt: skip
        store.add_facts(
            ids[2],
            [
                _fact(ids[2], "workshops", 1982, "2020-03-25", "Gansu", 0),
                _fact(ids[2], "poor_migrant_workers", 2.9e7, "2020", None, 30),
            ],
            "v1",
        )
        store.add_facts(ids[3], [_fact(ids[3], "workshops", 32688, None, "Hubei", 5)], "v1")
        store.replace_reconciled(
            [
                {
                    "group_id": "g-gansu",
                    "metric": "workshops",
                    "region": {"name": "Gansu", "province": "Gansu", "level": "province", "adcode": "620000"},
                    "as_of": "2020-03-25",
                    "value": 1982,
                    "bound": "exact",
                    "status": "agreed",
                    "members": [
                        {"fact_id": "f1", "article_id": ids[1], "source": "gov.cn", "value": 1982,
                         "agrees": True},
                        {"fact_id": "f2", "article_id": ids[2], "source": "chinadaily.com.cn", "value": 1982,
                         "agrees": True},
                    ],
                    "source_reliability": {"gov.cn": 0.9, "chinadaily.com.cn": 0.8},
                    "explanation": "both sources agree",
                },
                {
                    "group_id": "g-national",
                    "metric": "poor_migrant_workers",
                    "region": {"name": "China", "province": None, "level": "national", "adcode": None},
                    "as_of": "2020",
                    "value": 2.9e7,
                    "status": "single",
                    "members": [{"fact_id": "f3", "article_id": ids[2], "value": 2.9e7}],
                },
            ]
        )  # fmt: skip
    return ids


@pytest.fixture
def corpus(tmp_path: Path) -> fupin.corpus.frames.Corpus:
    populate(tmp_path / "home")
    return fupin.corpus.open(tmp_path / "home")


def test_articles_frame(corpus):
    df = corpus.articles()
    assert len(df) == 3
    assert str(df["published"].dtype).startswith("datetime64")
    assert df.loc[df["article_id"].index[1], "published"] == pd.Timestamp("2020-03-27 10:30:00")
    assert list(df["published_precision"]) == ["day", "day", "month"]
    assert df["published"].iloc[2] == pd.Timestamp("2020-06-01")
    assert str(df["fetched_at"].dt.tz) == "UTC"
    assert isinstance(df["language"].dtype, pd.CategoricalDtype)
    assert isinstance(df["source"].dtype, pd.CategoricalDtype)
    assert df["warc_offset"].dtype == "Int64"
    assert list(df["n_urls"]) == [2, 1, 1] and list(df["n_outlets"]) == [2, 1, 1]
    assert list(df["extractor_version"]) == ["v1"] * 3
    assert df["duplicate_of"].isna().all()
    urls = corpus.article_urls()
    assert set(urls["source"]) == {"gov.cn", "xinhuanet.com", "chinadaily.com.cn", "people.com.cn"}
    reprint = urls[urls["url"] == "http://xinhuanet.com/r/1"]
    assert reprint["article_id"].tolist() == [ids_of(df)[1]] and "similarity" in urls.columns


def ids_of(articles: pd.DataFrame) -> dict[int, str]:
    """Article ids by the number in their stored URL (populate's n)."""
    pairs = zip(articles["url"], articles["article_id"], strict=True)
    return {int(url.rsplit("/", 1)[1].split(".")[0]): article for url, article in pairs}


def test_articles_frame_says_where_each_date_was_read(tmp_path: Path) -> None:
    with Store.open(tmp_path / "home") as store:
        store.add_article(
            {
                "canonical_url": "http://gov.cn/b/1.html",
                "url": "http://gov.cn/b/1.html",
                "text": "text " * 20,
                "published": "2020-04-01",
                "published_source": "dateline",
            }
        )
        store.add_article({"canonical_url": "http://gov.cn/b/2.html", "url": "http://gov.cn/b/2.html",
                           "text": "other " * 20})  # fmt: skip
    df = fupin.corpus.open(tmp_path / "home").articles().set_index("url")
    assert df.loc["http://gov.cn/b/1.html", "published_source"] == "dateline"
    assert pd.isna(df.loc["http://gov.cn/b/2.html", "published_source"])


def test_facts_dtypes(corpus):
    df = corpus.facts()
    assert len(df) == 5
    assert isinstance(df["metric"].dtype, pd.CategoricalDtype)
    assert "funds" in df["metric"].cat.categories  # the whole vocabulary, for groupby
    assert isinstance(df["province"].dtype, pd.CategoricalDtype)
    assert str(df["as_of"].dtype).startswith("datetime64")
    assert df["value"].dtype == "float64"
    assert df["start"].dtype == "Int64"
    by_precision = dict(zip(df["as_of_precision"].astype(str), df["as_of"], strict=True))
    assert by_precision["month"] == pd.Timestamp("2020-03-01")
    assert by_precision["year"] == pd.Timestamp("2020-01-01")
    assert df["as_of"].isna().sum() == 1
    assert {"region_name", "level", "adcode", "sentence", "start", "end"} <= set(df.columns)
    # facts stored without url / source get their article's
    assert set(df["source"].astype(str)) == {"gov.cn", "chinadaily.com.cn", "people.com.cn"}
    assert df["url"].notna().all() and df["published"].notna().all()


def test_facts_filters(corpus):
    assert set(corpus.facts(province="Gansu")["value"]) == {1982, 98.83}
    assert len(corpus.facts(province=["Gansu", "Hubei"])) == 4
    assert list(corpus.facts(metric="poor_migrant_workers")["value"]) == [2.9e7]
    assert len(corpus.facts(metric=["workshops", "workshop_resumption_rate"])) == 4
    # month precision: 2020-03 counts from its first day
    assert set(corpus.facts(since="2020-03-01", until="2020-03-31")["as_of_precision"].astype(str)) == {
        "day", "month"
    }  # fmt: skip
    assert len(corpus.facts(since="2020-03-26")) == 0
    assert len(corpus.facts(until=datetime(2020, 1, 1))) == 1
    assert len(corpus.facts(province="Gansu", metric="workshops", since="2020-03-25")) == 2
    with pytest.raises(ValueError, match="unknown metric workshop;"):
        corpus.facts(metric="workshop")
    with pytest.raises(ValueError, match="not a date"):
        corpus.facts(since="last spring")


def test_officials_frame(corpus):
    df = corpus.officials()
    assert list(df["name"]) == ["周丽宁"]
    assert df["source"].iloc[0] == "gov.cn"
    assert df["published"].iloc[0] == pd.Timestamp("2020-03-26")
    assert isinstance(df["role"].dtype, pd.CategoricalDtype)


def test_reconciled_frame(corpus):
    df = corpus.reconciled()
    assert list(df["group_id"]) == ["g-national", "g-gansu"]  # by metric, province, date
    assert isinstance(df["status"].dtype, pd.CategoricalDtype)
    gansu = df[df["group_id"] == "g-gansu"].iloc[0]
    assert gansu["n_members"] == 2 and gansu["n_sources"] == 2
    assert gansu["members"][1]["source"] == "chinadaily.com.cn"
    assert gansu["source_reliability"]["gov.cn"] == 0.9
    assert gansu["as_of"] == pd.Timestamp("2020-03-25")
    assert list(corpus.reconciled(status="single")["group_id"]) == ["g-national"]
    assert len(corpus.reconciled(status=["single", "agreed"])) == 2
    assert len(corpus.reconciled(status="conflict")) == 0
    with pytest.raises(ValueError, match="unknown status"):
        corpus.reconciled(status="disputed")


def test_corpus_does_not_block_the_writer(tmp_path: Path):
    populate(tmp_path)
    corpus = fupin.corpus.open(tmp_path)
    assert len(corpus.facts()) == 5
    with Store.open(tmp_path) as store:  # a crawl can write while the notebook keeps its Corpus
        store.add_article({"canonical_url": "http://new/1", "text": "new article"})
    assert len(corpus.articles()) == 4


def test_corpus_over_open_store_and_errors(tmp_path: Path):
    with pytest.raises(StoreError, match="no store"):
        fupin.corpus.open(tmp_path / "nothing-here")
    populate(tmp_path)
    with Store.open(tmp_path) as store:
        assert len(fupin.corpus.frames.Corpus(store).facts(metric="workshops")) == 3
    runs = fupin.corpus.open(tmp_path).runs()
    assert list(runs.columns) == ["id", "kind", "started", "finished", "status", "counts", "errors"]


def test_empty_store_frames_have_columns(tmp_path: Path):
    Store.open(tmp_path).close()
    corpus = fupin.corpus.open(tmp_path)
    assert corpus.facts().empty and "as_of_precision" in corpus.facts().columns
    assert corpus.reconciled().empty and "members" in corpus.reconciled().columns
    assert corpus.articles().empty and corpus.officials().empty
