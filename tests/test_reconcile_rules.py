"""Reconciliation rules on small synthetic facts: dates, series, slips, copies, identities (issue 13).

Each test builds the few facts a rule is about; the real groups that motivated the
rules are checked in tests/test_reconcile_real_groups.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from fupin.corpus.frames import Corpus
from fupin.corpus.reconcile import (
    dropped_digits,
    near_duplicate,
    reconcile,
    reconcile_store,
    run_reconciliation,
    series_id_for,
)
from fupin.corpus.store import Store
from fupin.extract.officials.identity import link_variants, officials_view, person_keys, split_syllables

SPEC = Path(__file__).parent.parent / "fupin" / "spec"

_counter = iter(range(1, 1_000_000))


def fact(
    article: str,
    value: float,
    as_of: str | None,
    *,
    source: str | None = None,
    published: str | None = "2020-12-31",
    as_of_source: str | None = "text",
    metric: str = "workshops",
    region: dict | None = None,
    sentence: str | None = None,
    bound: str = "exact",
    language: str = "zh",
    unit: str = "count",
) -> dict:
    """A fact of ``article`` (its own wording unless ``sentence`` is given)."""
    n = next(_counter)
    return {
        "article_id": article,
        "source": source or f"{article}.example.cn",
        "url": f"http://{article}.example.cn/{n}.html",
        "published": published,
        "language": language,
        "metric": metric,
        "scope": None,
        "period": None,
        "region": region or {"name": "甘肃省", "province": "Gansu", "level": "province", "adcode": "620000"},
        "value": value,
        "value_max": None,
        "unit": unit,
        "bound": bound,
        "as_of": as_of,
        "as_of_source": None if as_of is None else as_of_source,
        "evidence": {
            "sentence": sentence or f"报道{n}称数字为{value}，来源{article}第{n}段。",
            "start": n,
            "end": n + 4,
        },
    }


def dated(article: str, value: float, published: str, **kw) -> dict:
    """A figure dated only by its article's publication date ("目前")."""
    return fact(article, value, published, published=published, as_of_source="published", **kw)


def by_member(records: list[dict]) -> dict[tuple[str, float], dict]:
    return {(m["article_id"], m["value"]): r for r in records for m in r["members"]}


def valid(records: list[dict]) -> list[dict]:
    validator = jsonschema.Draft202012Validator(json.loads((SPEC / "reconciled.schema.json").read_text()))
    for record in records:
        validator.validate(record)
    assert len({r["group_id"] for r in records}) == len(records)
    return records


# -- a figure dated by its publication date ---------------------------------------------------------------


def test_a_publication_date_meets_only_earlier_statistics_and_prefers_the_closest() -> None:
    facts = [
        fact("a", 100, "2020-03-01"),
        fact("b", 100, "2020-03-14"),
        fact("c", 120, "2020-03-27"),
        dated("d", 100, "2020-03-18"),  # agrees with 1 and 15 March: the closest earlier one
        dated("e", 120, "2020-03-18"),  # agrees with 27 March, which is after it: not that statistic
    ]
    records = valid(reconcile(facts))
    rows = by_member(records)
    assert rows[("d", 100)]["as_of"] == "2020-03-14" and rows[("d", 100)]["status"] == "agreed"
    assert rows[("a", 100)]["as_of"] == "2020-03-01" and len(rows[("a", 100)]["members"]) == 1
    march27 = rows[("c", 120)]
    assert [m["article_id"] for m in march27["members"]] == ["c"] and march27["status"] == "single"
    alone = rows[("e", 120)]
    assert (
        alone["as_of"] == "2020-03-18"
        and alone["as_of_source"] == "published"
        and alone["status"] == "single"
    )
    assert not any(r["flags"] for r in records)


def test_a_publication_date_conflicts_only_with_a_statistic_of_the_same_date() -> None:
    same_day = [fact("a", 120, "2020-03-17"), dated("b", 130, "2020-03-18")]
    (record,) = valid(reconcile(same_day))
    assert record["status"] == "conflict" and record["as_of"] == "2020-03-17"
    weeks_apart = [fact("a", 120, "2020-03-01"), dated("b", 130, "2020-03-18")]
    records = valid(reconcile(weeks_apart))
    assert len(records) == 2 and {r["status"] for r in records} == {"single"}
    too_old = [fact("a", 100, "2020-01-31"), dated("b", 100, "2020-03-18")]  # over a month before
    assert len(reconcile(too_old)) == 2


def test_publication_dates_of_one_story_days_apart_are_one_statistic() -> None:
    facts = [dated("a", 968, "2020-07-13"), dated("b", 968, "2020-07-20"), dated("c", 950, "2020-07-14")]
    records = valid(reconcile(facts))
    (record,) = records  # 14 July is within days of 13 July: a real conflict at that date
    assert record["as_of"] == "2020-07-13" and record["status"] == "conflict" and record["value"] == 968


# -- years and undated figures -------------------------------------------------------------------------------


def test_this_year_figures_of_different_publication_dates_are_different_statistics() -> None:
    region = {"name": "52个挂牌督战县", "province": None, "level": "group", "adcode": None}
    kw = {"metric": "poor_migrant_workers", "region": region}
    june = fact("june", 2730000, "2020", published="2020-06-08", **kw)
    october = fact("oct", 2956800, "2020", published="2020-10-12", **kw)
    october_twin = fact("oct2", 2956800, "2020", published="2020-10-11", **kw)
    records = valid(reconcile([june, october, october_twin]))
    rows = by_member(records)
    assert len(records) == 2 and rows[("june", 2730000)]["status"] == "single"
    autumn = rows[("oct", 2956800)]
    assert (
        autumn["status"] == "agreed" and autumn["as_of"] == "2020" and autumn["as_of_until"] == "2020-10-11"
    )
    assert rows[("june", 2730000)]["group_id"] != autumn["group_id"]
    # a June "this year" figure that agrees with the 31 May one is that statistic
    may31 = fact("may", 2734200, "2020-05-31", **kw)
    rows = by_member(valid(reconcile([may31, june, october])))
    assert rows[("june", 2730000)]["as_of"] == "2020-05-31" and rows[("june", 2730000)]["status"] == "agreed"


def test_a_full_year_figure_reported_after_the_year_still_meets_its_year() -> None:
    facts = [
        fact("a", 3615, "2019", published="2020-01-15"),
        fact("b", 3615, "2019", published="2020-03-02"),
        fact("c", 3500, "2019", published="2020-02-01"),
    ]
    (record,) = valid(reconcile(facts))
    assert record["as_of"] == "2019" and record["status"] == "conflict" and "as_of_until" not in record


def test_undated_figures_of_different_articles_are_not_one_statistic() -> None:
    county = {"name": "化德县", "province": "Inner Mongolia", "level": "county", "adcode": "150922"}
    facts = [fact("a", 40, None, region=county), fact("b", 115, None, region=county)]
    records = valid(reconcile(facts))
    assert len(records) == 2 and {r["status"] for r in records} == {"single"}
    assert all(r["as_of"] is None for r in records)
    same = [*facts, fact("c", 115, None, region=county)]
    rows = by_member(valid(reconcile(same)))
    assert rows[("c", 115)]["status"] == "agreed" and rows[("a", 40)]["status"] == "single"


# -- series ------------------------------------------------------------------------------------------------


def series_facts() -> list[dict]:
    kw = {"metric": "workshops_resumed"}
    return [
        fact("a", 237, "2020-02-10", **kw),
        fact("b", 519, "2020-02-23", **kw),
        fact("c", 1900, "2020-03-31", **kw),
        fact("d", 1900, "2020-03-31", language="en", **kw),
        fact("e", 2400, "2020-06-30", **kw),
        fact("f", 2460, "2020-06-30", **kw),
    ]


def test_a_time_series_reads_as_a_series_with_conflicts_only_within_a_date() -> None:
    records = valid(reconcile(series_facts()))
    assert [r["as_of"] for r in records] == ["2020-02-10", "2020-02-23", "2020-03-31", "2020-06-30"]
    assert len({r["series_id"] for r in records}) == 1
    assert [r["status"] for r in records] == ["single", "single", "agreed", "conflict"]
    assert not any(r["flags"] for r in records)
    assert records[0]["series_id"] == series_id_for(("workshops_resumed", "count", "", "", "province:Gansu"))


def test_corpus_series_gives_one_row_per_date(tmp_path: Path) -> None:
    facts = series_facts() + [fact("g", 60, "2020-06-30", metric="workshops_resumed", region=None)]
    facts[-1]["region"] = {"name": "武都区", "province": "Gansu", "level": "county", "adcode": "621202"}
    with Store.open(tmp_path / "home") as store:
        for f in facts:
            store.add_article(
                {
                    "canonical_url": f["url"],
                    "source": f["source"],
                    "published": f["published"],
                    "language": f["language"],
                    "text": f["evidence"]["sentence"],
                    "fetched_at": datetime(2021, 1, 1, tzinfo=UTC),
                }
            )
        by_url = dict(store.connection.execute("SELECT canonical_url, article_id FROM articles").fetchall())
        for f in facts:
            store.add_facts(by_url[f["url"]], [{**f, "article_id": by_url[f["url"]]}], "test")
        reconcile_store(store)
    rows = Corpus(tmp_path / "home").series("workshops_resumed", province="Gansu")
    assert [d.strftime("%Y-%m-%d") for d in rows["as_of"]] == [
        "2020-02-10",
        "2020-02-23",
        "2020-03-31",
        "2020-06-30",
    ]
    assert (
        list(rows["status"]) == ["single", "single", "agreed", "conflict"]
        and rows["series_id"].nunique() == 1
    )
    county = Corpus(tmp_path / "home").series("workshops_resumed", province="Gansu", level="county")
    assert list(county["value"]) == [60]
    with pytest.raises(ValueError, match="unknown metric"):
        Corpus(tmp_path / "home").series("workshop")


def test_different_regions_and_dates_never_conflict() -> None:
    other = {"name": "武都区", "province": "Gansu", "level": "county", "adcode": "621202"}
    facts = [
        fact("a", 150, "2020-06-30", region=other),
        fact("b", 2186, "2020-06-30"),
        fact("c", 2400, "2020-09-30"),
    ]
    records = valid(reconcile(facts))
    assert len(records) == 3 and {r["status"] for r in records} == {"single"}


# -- slips -------------------------------------------------------------------------------------------------


def test_a_dropped_digit_is_flagged_and_the_right_value_preferred() -> None:
    kw = {"metric": "workshop_resumption_rate", "unit": "percent"}
    facts = [fact("a", 63, "2020-03-31", **kw), fact("b", 63, "2020-03-31", language="en", **kw)]
    facts.append(fact("c", 6, "2020-03-31", language="en", **kw))
    (record,) = valid(reconcile(facts))
    assert record["value"] == 63 and record["status"] == "conflict"
    (flag,) = record["flags"]
    assert flag["reason"] == "order_of_magnitude" and "factor of 10 below" in flag["detail"]
    assert dropped_digits(273420, 2734200) == (10, "below") and dropped_digits(6, 63) == (10, "below")
    assert dropped_digits(63, 6) == (10, "above") and dropped_digits(60, 63) is None


def test_a_factor_of_ten_in_translation_prefers_the_original() -> None:
    region = {"name": "52个挂牌督战县", "province": None, "level": "group", "adcode": None}
    kw = {"metric": "poor_migrant_workers", "region": region}
    facts = [fact("zh", 2734200, "2020-05-31", **kw), fact("en", 273420, "2020-05-31", language="en", **kw)]
    (record,) = valid(reconcile(facts))
    assert record["value"] == 2734200
    assert [(f["reason"], f["fact_id"]) for f in record["flags"]] == [
        ("order_of_magnitude", next(m["fact_id"] for m in record["members"] if m["article_id"] == "en"))
    ]


def test_an_impossible_value_loses_to_a_possible_one() -> None:
    kw = {"metric": "workshop_resumption_rate", "unit": "percent"}
    (rate,) = valid(reconcile([fact("a", 986, "2020-05-31", **kw), fact("b", 98.6, "2020-05-31", **kw)]))
    assert rate["value"] == 98.6 and {f["reason"] for f in rate["flags"]} == {
        "order_of_magnitude",
        "percent_over_100",
    }
    total = fact("t", 2500, "2020-06-30")
    parts = [
        fact("x", 2456, "2020-06-30", metric="workshops_resumed"),
        fact("y", 2756, "2020-06-30", metric="workshops_resumed", language="en"),
    ]
    records = valid(reconcile([total, *parts]))
    resumed = next(r for r in records if r["metric"] == "workshops_resumed")
    assert resumed["value"] == 2456 and resumed["status"] == "conflict"
    assert [(f["reason"], f["detail"].split(" ")[0]) for f in resumed["flags"]] == [
        ("exceeds_total", "2,756")
    ]


def test_a_falling_cumulative_count_is_flagged_only_against_surely_older_figures() -> None:
    facts = [fact("a", 1900, "2020-03-31"), fact("b", 1700, "2020-06-30")]
    records = valid(reconcile(facts))
    assert [f["reason"] for f in records[1]["flags"]] == ["cumulative_decrease"] and not records[0]["flags"]
    # "目前" of 20 April may be a figure of before 31 March: no flag
    maybe_older = [fact("a", 1900, "2020-03-31"), dated("b", 1700, "2020-04-20")]
    assert not any(r["flags"] for r in reconcile(maybe_older))
    surely_later = [fact("a", 1900, "2020-03-31"), dated("b", 1700, "2020-06-20")]
    assert [f["reason"] for r in reconcile(surely_later) for f in r["flags"]] == ["cumulative_decrease"]


# -- copies ------------------------------------------------------------------------------------------------


def test_near_duplicate_sentences_are_copies_in_either_script() -> None:
    assert near_duplicate(
        "山东菏泽为19万余名贫困群众提供家门口的务工岗位", "山東菏澤為19萬余名貧困群眾提供家門口的務(wù)工崗位"
    )
    assert near_duplicate(
        "目前,泗县已建成“扶贫车间”70余个,直接安置和带动全县贫困群众1000余人实现了就业增收。",
        "截至目前,泗县已建成扶贫工厂70余家,直接布局,带动全县贫困群众1000余人实现就业增收。",
    )
    assert not near_duplicate("目前，武都区已建成扶贫车间150个。", "全区扶贫车间达到150个，带动就业千余人。")
    assert not near_duplicate("共150个", "共150个")  # too short to tell


def test_a_copy_adds_no_independent_evidence() -> None:
    sentence = "截至6月底,全省已认定扶贫车间968家,吸纳就业5.2万人。"
    facts = [
        fact("orig", 968, "2020-06-30", sentence=sentence, published="2020-07-01"),
        fact("copy1", 968, "2020-06-30", sentence=sentence, published="2020-07-02"),
        fact("copy2", 968, None, sentence=sentence.replace("认定", "認定"), published=None),  # undated copy
        fact("own", 968, "2020-06-30", published="2020-07-03"),
    ]
    (record,) = valid(reconcile(facts))
    assert record["status"] == "agreed" and record["as_of"] == "2020-06-30" and len(record["members"]) == 4
    support = record["support"]
    assert (
        support["articles"] == 4
        and support["independent_sources"] == 2
        and support["independent_articles"] == 2
    )
    assert support["copies"] == [
        {"article_id": "copy1", "copy_of": "orig"},
        {"article_id": "copy2", "copy_of": "orig"},
    ]
    assert {m["article_id"]: m.get("copy_of") for m in record["members"]} == {
        "orig": None,
        "copy1": "orig",
        "copy2": "orig",
        "own": None,
    }


def test_copies_do_not_outvote_independent_reports() -> None:
    story = "据统计,全省扶贫龙头企业复工1410家,带动贫困劳动力务工。"
    copied = [
        fact(f"c{i}", 1410, "2020-03-05", sentence=story, published=f"2020-03-0{5 + i}") for i in range(3)
    ]
    independent = [
        fact("x", 1140, "2020-03-05", published="2020-03-06"),
        fact("y", 1140, "2020-03-05", published="2020-03-07"),
    ]
    kw = {"metric": "enterprises_resumed"}
    for f in copied + independent:
        f.update(kw)
    (record,) = valid(reconcile(copied + independent))
    assert record["value"] == 1140 and record["status"] == "conflict"
    assert record["support"]["independent_sources"] == 3  # one story, two own reports


def test_the_crawlers_reprint_links_are_named_and_not_counted(tmp_path: Path) -> None:
    text = "截至6月底,甘肃省已建成扶贫车间1982个。"
    base = {"published": "2020-07-01", "language": "zh", "text": text, "content_hash": "h1", "simhash": 12345}
    with Store.open(tmp_path / "home") as store:
        aid, _ = store.add_article({**base, "canonical_url": "http://a.cn/1", "source": "a.cn"})
        again, new = store.add_article({**base, "canonical_url": "http://b.cn/9", "source": "b.cn"})
        assert again == aid and not new  # the store keeps one article with two URLs
        store.add_facts(aid, [fact(aid, 1982, "2020-06-30", source="a.cn", sentence=text)], "test")
        result = reconcile_store(store)
    (record,) = result.records
    assert record["support"]["reprinted_by"] == ["b.cn"] and record["support"]["independent_sources"] == 1
    plain = run_reconciliation([fact(aid, 1982, "2020-06-30", source="a.cn", sentence=text)]).records
    assert "reprinted_by" not in plain[0]["support"]


# -- officials ----------------------------------------------------------------------------------------------


def official(
    article: str, name: str, title: str, organization: str, province: str | None = None, **kw
) -> dict:
    return {
        "article_id": article,
        "name": name,
        "title": title,
        "organization": organization,
        "province": province,
        "role": "official",
        "quote_kind": "indirect",
        **kw,
    }


def test_a_misspelt_official_is_linked_and_kept_as_an_alias() -> None:
    records = [
        official("a1", "刘永富", "主任", "国务院扶贫办", source="人民网"),
        official("a2", "刘永富", "主任", "国务院扶贫办", source="新华网"),
        official("a3", "劉長富", "主任", "國務院扶貧辦", source="某网"),  # one character off, traditional
        official(
            "a4", "Liu Yongfu", "director", "State Council Poverty Alleviation Office", source="China Daily"
        ),
        official(
            "a5", "Liu Changfu", "Director", "State Council Poverty Alleviation Office", source="Some Daily"
        ),
        official(
            "a6", "刘长富", "村支书", "西岔村", "Gansu", source="甘肃日报"
        ),  # the real 刘长富, elsewhere
        official("a7", "刘长贵", "主任", "国务院扶贫办", source="x"),  # two characters off: someone else
    ]
    keys = person_keys(records)
    assert keys[:5] == ["liu yongfu"] * 5
    assert keys[5] != keys[0] and keys[6] != keys[0]
    view = officials_view(records).set_index("person_key")
    liu = view.loc["liu yongfu"]
    assert liu["articles"] == ["a1", "a2", "a3", "a4", "a5"]
    assert [(a["name"], a["articles"], a["sources"]) for a in liu["aliases"]] == [
        ("Liu Changfu", ["a5"], ["Some Daily"]),
        ("劉長富", ["a3"], ["某网"]),
    ]
    assert view.loc[keys[5], "aliases"] == []


def test_variants_need_the_same_post_and_the_heavier_name_wins() -> None:
    same_post = [
        official("a1", "张建成", "副主任", "山西省扶贫办"),
        official("a2", "张建城", "副主任", "山西省扶贫办"),  # same pinyin: one key already
        official("a3", "张建诚", "副主任", "山西省扶贫办"),
    ]
    assert len(set(person_keys(same_post))) == 1
    other_post = [
        official("a1", "王芳", "局长", "甘肃省人社厅"),
        official("a2", "王方", "厅长", "甘肃省人社厅"),
    ]
    assert link_variants(other_post) == ["wang fang", "wang fang"]  # same pinyin, same key
    apart = [official("a1", "王芳", "局长", "甘肃省人社厅"), official("a2", "王芬", "局长", "甘肃省财政厅")]
    assert link_variants(apart) == ["wang fang", "wang fen"]
    lighter_first = [
        official("b1", "Zhou Lining", "director", "Gansu Department of Human Resources"),
        official("b2", "Zhou Liming", "director", "Gansu Department of Human Resources"),
        official("b3", "Zhou Liming", "director", "Gansu Department of Human Resources"),
    ]
    assert link_variants(lighter_first) == ["zhou liming"] * 3
    assert split_syllables("changfu") == ["chang", "fu"] and split_syllables("smith") is None
