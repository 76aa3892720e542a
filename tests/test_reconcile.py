"""Reconciliation on multi-source fixtures: grouping, agreement, truth discovery, flags, stable ids."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import jsonschema
import pytest

from fupin.corpus.dates import compatible, parse_period
from fupin.corpus.reconcile import (
    decision,
    derive_fact_id,
    group_id_for,
    prepare,
    reconcile,
    region_key,
    run_reconciliation,
    value_interval,
)
from fupin.corpus.truth import Claim, truthfinder

FIXTURES = Path(__file__).parent / "fixtures" / "reconcile"
SPEC = Path(__file__).parent.parent / "fupin" / "spec"


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return load("corpus.facts.jsonl")


@pytest.fixture(scope="module")
def records(corpus: list[dict]) -> list[dict]:
    return reconcile(corpus)


def find(
    records: list[dict], metric: str, province: str | None, as_of: str | None = None, level: str | None = None
) -> dict:
    """The one group of a metric for a province (or the nation, for None), at a date if given."""
    level = level or ("province" if province else "national")
    hits = [
        r
        for r in records
        if r["metric"] == metric
        and r["region"].get("province") == province
        and r["region"]["level"] == level
        and (as_of is None or r["as_of"] == as_of)
    ]
    assert len(hits) == 1, [(r["region"], r["as_of"]) for r in hits]
    return hits[0]


def by_source(record: dict) -> dict[str, dict]:
    return {m["source"]: m for m in record["members"]}


# -- values and dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ((27510000, None, "exact"), (27507000, None, "exact"), True),  # "27.51 million" vs 2750.7万
        ((27510000, None, "exact"), (27520000, None, "exact"), False),
        ((32688, None, "exact"), (32689, None, "exact"), False),
        ((30000, None, "more_than"), (32688, None, "exact"), True),
        ((30000, None, "more_than"), (29000, None, "exact"), False),
        ((30000, None, "more_than"), (45000, None, "exact"), False),
        ((50, None, "about"), (49, None, "exact"), True),  # "nearly half" vs 49%
        ((2000, None, "less_than"), (1990, None, "exact"), True),
        ((1600, 3500, "range"), (3000, None, "exact"), True),
        ((98.83, None, "exact"), (98.8, None, "exact"), True),
        ((98.83, None, "exact"), (98.85, None, "exact"), False),
    ],
)
def test_values_agree_within_rounding_and_bounds(a: tuple, b: tuple, agree: bool) -> None:
    assert value_interval(*a).overlaps(value_interval(*b)) is agree
    assert value_interval(*b).overlaps(value_interval(*a)) is agree


def test_dates_month_contains_days_and_year_contains_months() -> None:
    june, june30, june10 = parse_period("2020-06"), parse_period("2020-06-30"), parse_period("2020-06-10")
    assert compatible(june, june30) and compatible(june30, june)
    assert not compatible(june10, june30)
    assert compatible(parse_period("2020"), june) and not compatible(parse_period("2019"), june)
    assert compatible(None, None) and not compatible(None, june)
    assert parse_period("2020-02-30") is None and parse_period("garbage") is None


def test_region_keys_meet_across_languages() -> None:
    zh = {"name": "甘肃省", "province": "Gansu", "level": "province", "adcode": "620000"}
    en = {"name": "Gansu", "province": "Gansu", "level": "province", "adcode": None}
    assert region_key(zh) == region_key(en)
    g_zh = {"name": "西部12个省区市", "province": None, "level": "group"}
    g_en = {"name": "12 provinces and regions in the west", "province": None, "level": "group"}
    assert region_key(g_zh) == region_key(g_en)
    county = {"name": "52 counties", "province": None, "level": "group"}
    assert region_key(county) != region_key(g_en)
    assert region_key({"name": "全国", "province": None, "level": "national"}) == region_key(
        {"name": "China", "province": None, "level": "national"}
    )


# -- the fixture corpus --------------------------------------------------------------------------------


def test_records_are_valid_against_the_schema(records: list[dict]) -> None:
    validator = jsonschema.Draft202012Validator(json.loads((SPEC / "reconciled.schema.json").read_text()))
    for record in records:
        validator.validate(record)
    assert len({r["group_id"] for r in records}) == len(records)


def test_agreeing_reports_with_month_and_day_dates(records: list[dict]) -> None:
    gansu = find(records, "workshops", "Gansu")
    assert gansu["status"] == "agreed" and gansu["value"] == 2186
    assert gansu["as_of"] == "2020-06-30"  # "by the end of June" (2020-06) joined "2020-06-30"
    assert {m["as_of"] for m in gansu["members"]} == {"2020-06", "2020-06-30"}
    assert {m["source"] for m in gansu["members"]} == {"Xinhua", "China Daily"}
    assert all(m["agrees"] for m in gansu["members"]) and not gansu["flags"]
    assert gansu["support"] == {
        "articles": 2,
        "sources": ["China Daily", "Xinhua"],
        "languages": ["en", "zh"],
        "agreeing_articles": 2,
        "independent_sources": 2,
        "independent_articles": 2,
    }


def test_rounding_prefers_the_more_precise_figure(records: list[dict]) -> None:
    national = find(records, "poor_migrant_workers", None, "2020-06-30")
    assert national["region"]["level"] == "national"
    assert national["status"] == "agreed"
    assert national["value"] == 27507000  # 2750.7万 refines "27.51 million"
    assert "most precise" in national["explanation"]


def test_bound_agrees_with_value_and_the_exact_value_is_preferred(records: list[dict]) -> None:
    national = find(records, "workshops", None, "2020-06-30")
    assert national["status"] == "agreed" and national["value"] == 32688 and national["bound"] == "exact"
    assert by_source(national)["ECNS"]["bound"] == "more_than" and by_source(national)["ECNS"]["agrees"]
    hubei = find(records, "workshop_resumption_rate", "Hubei")
    assert hubei["status"] == "agreed" and hubei["value"] == 49  # "nearly half" agrees with 49%


def test_translation_slip_of_a_factor_of_ten_is_flagged(records: list[dict]) -> None:
    counties = next(
        r for r in records if r["metric"] == "poor_migrant_workers" and r["region"]["level"] == "group"
    )
    assert {m["language"] for m in counties["members"]} == {
        "zh",
        "en",
    }  # "52个挂牌督战县" = "the 52 counties"
    assert counties["status"] == "conflict" and counties["value"] == 2734200
    slip = by_source(counties)["CGTN"]
    assert slip["value"] == 273420 and slip["agrees"] is False
    (flag,) = counties["flags"]
    assert flag["fact_id"] == slip["fact_id"] and flag["reason"] == "order_of_magnitude"
    assert "factor of 10 below" in flag["detail"] and "translation slip" in flag["detail"]
    assert counties["source_reliability"]["CGTN"] < counties["source_reliability"]["Xinhua"]


def test_chinese_and_english_report_of_one_figure(records: list[dict]) -> None:
    shaanxi = find(records, "workshops_resumed", "Shaanxi")
    assert shaanxi["status"] == "agreed" and shaanxi["value"] == 2456
    assert {(m["language"], m["source"]) for m in shaanxi["members"]} == {
        ("zh", "Shaanxi Daily"),
        ("en", "China Daily"),
    }
    assert shaanxi["region"]["adcode"] == "610000"  # the report with an adcode names the region


def test_resumed_greater_than_total_is_flagged(records: list[dict]) -> None:
    resumed = find(records, "workshops_resumed", "Henan", level="county")
    (flag,) = resumed["flags"]
    assert flag["reason"] == "exceeds_total" and flag["fact_id"] == resumed["members"][0]["fact_id"]
    assert "120" in flag["detail"]
    assert not find(records, "workshops", "Henan", level="county")["flags"]


def test_falling_cumulative_count_is_flagged_on_the_later_date(records: list[dict]) -> None:
    march = find(records, "workshops", "Guizhou", "2020-03-31")
    june = find(records, "workshops", "Guizhou", "2020-06-30")
    assert not march["flags"]
    (flag,) = june["flags"]
    assert flag["reason"] == "cumulative_decrease" and "1,900" in flag["detail"]


def test_percent_over_100_is_flagged_except_shares_of_last_year(records: list[dict]) -> None:
    rate = find(records, "enterprise_resumption_rate", "Guangxi")
    assert [f["reason"] for f in rate["flags"]] == ["percent_over_100"] and rate["status"] == "single"
    share = find(records, "poor_migrant_workers_share_of_last_year", None)
    assert not share["flags"]


def test_publication_date_fallbacks_meet_the_closest_earlier_date(records: list[dict]) -> None:
    wudu = next(r for r in records if r["region"].get("adcode") == "621202")
    # "目前" on 20 August agrees with "目前" on 10 August: one statistic, true by 10 August
    assert wudu["as_of"] == "2020-08-10" and wudu["as_of_source"] == "published"
    assert wudu["status"] == "agreed" and len(wudu["members"]) == 2


def test_one_against_one_is_decided_by_learned_reliability(records: list[dict]) -> None:
    yunnan = find(records, "workshops", "Yunnan")
    assert yunnan["status"] == "conflict"
    assert yunnan["value"] == 3012  # Xinhua is corroborated elsewhere, CGTN contradicted
    assert yunnan["source_reliability"]["Xinhua"] > yunnan["source_reliability"]["CGTN"]
    assert "Xinhua" in yunnan["explanation"] and "CGTN" in yunnan["explanation"]


def test_single_report(records: list[dict]) -> None:
    single = find(records, "workers_employed", "Gansu")
    assert single["status"] == "single" and single["scope"] == "workshop" and single["members"][0]["agrees"]


# -- ids, idempotence, increments ----------------------------------------------------------------------


def test_missing_fact_ids_are_derived_from_article_metric_and_offsets(corpus: list[dict]) -> None:
    fact = next(f for f in corpus if "fact_id" not in f)
    expected = derive_fact_id(fact)
    assert prepare(fact).fact_id == expected
    ids = {m["fact_id"] for r in reconcile(corpus) for m in r["members"]}
    assert expected in ids and len(ids) == len(corpus)
    moved = copy.deepcopy(fact)
    moved["evidence"]["start"] += 1
    assert derive_fact_id(moved) != expected


def test_group_ids_hash_the_statistic_not_its_members(corpus: list[dict], records: list[dict]) -> None:
    gansu = find(records, "workshops", "Gansu")
    alone = reconcile([f for f in corpus if f["source"] == "China Daily" and f["metric"] == "workshops"])
    assert [r["group_id"] for r in alone] == [gansu["group_id"]]
    assert gansu["group_id"] == group_id_for(prepare(gansu_fact(corpus)).bucket, "2020-06-30")


def gansu_fact(corpus: list[dict]) -> dict:
    return next(f for f in corpus if f["metric"] == "workshops" and f["region"]["province"] == "Gansu")


def test_rerun_and_shuffled_input_give_identical_output(corpus: list[dict], records: list[dict]) -> None:
    shuffled = corpus[:]
    random.Random(7).shuffle(shuffled)
    assert json.dumps(reconcile(shuffled)) == json.dumps(records)
    again = run_reconciliation(corpus, previous=records)
    assert again.records == records and again.changed == [] and again.removed == []


def test_adding_one_article_changes_only_the_groups_it_touches(
    corpus: list[dict], records: list[dict]
) -> None:
    increment = load("increment.facts.jsonl")
    result = run_reconciliation(corpus + increment, previous=records)
    before = {r["group_id"]: r for r in records}
    after = {r["group_id"]: r for r in result.records}
    touched = {gid for gid, r in after.items() if any(m["article_id"] == "ecns-05" for m in r["members"])}
    assert len(touched) == 2  # Shaanxi resumed workshops (a third report) and a new Ningxia group
    assert set(result.changed) == touched
    assert {gid for gid in after if after[gid] != before.get(gid)} == touched
    shaanxi = after[find(records, "workshops_resumed", "Shaanxi")["group_id"]]
    assert len(shaanxi["members"]) == 3 and shaanxi["status"] == "agreed"
    # from scratch, learned reliabilities drift everywhere, but no other decision changes
    fresh = {r["group_id"]: r for r in reconcile(corpus + increment)}
    assert {gid for gid in fresh if decision(fresh[gid]) != decision(before.get(gid, {}))} == touched


def test_removed_facts_remove_their_groups(corpus: list[dict], records: list[dict]) -> None:
    kept = [f for f in corpus if f["metric"] != "enterprise_resumption_rate"]
    result = run_reconciliation(kept, previous=records)
    assert result.removed == [find(records, "enterprise_resumption_rate", "Guangxi")["group_id"]]
    assert result.changed == []


# -- truth discovery -----------------------------------------------------------------------------------


WORDINGS = {
    "Alpha": "By the end of June {province} had built {value} poverty alleviation workshops.",
    "Beta": "{value} workshops now operate across {province}, officials said on Monday.",
    "Third": "Local statistics show a total of {value} such plants in {province}.",
}


def synthetic(trusted: str, doubtful: str) -> list[dict]:
    """Five figures ``trusted`` and a third outlet agree on and ``doubtful`` contradicts, and a duel."""
    template = gansu_fact(load("corpus.facts.jsonl"))
    facts = []

    def add(source: str, article: str, province: str, value: int) -> None:
        fact = copy.deepcopy(template)
        fact.pop("fact_id", None)
        fact.update(source=source, article_id=f"{source}-{article}", value=value, as_of="2020-06-30")
        # each outlet in its own words: identical sentences would be copies, one piece of evidence
        sentence = WORDINGS[source].format(province=province, value=value)
        fact["evidence"] = {**fact["evidence"], "sentence": sentence}
        fact["region"] = {"name": province, "province": province, "level": "province", "adcode": None}
        facts.append(fact)

    for n, province in enumerate(["Hebei", "Anhui", "Hunan", "Sichuan", "Shanxi"]):
        add(trusted, f"a{n}", province, 1000 + n)
        add("Third", f"a{n}", province, 1000 + n)
        add(doubtful, f"a{n}", province, 1500 + n)
    add(trusted, "duel", "Tibet", 700)
    add(doubtful, "duel", "Tibet", 750)
    return facts


def test_reliability_is_learned_from_agreement_not_hand_set() -> None:
    for trusted, doubtful in (("Alpha", "Beta"), ("Beta", "Alpha")):
        result = run_reconciliation(synthetic(trusted, doubtful))
        assert result.converged
        assert result.trust[trusted] > result.trust[doubtful] + 0.05
        duel = next(r for r in result.records if r["region"]["province"] == "Tibet")
        assert duel["status"] == "conflict"
        assert duel["value"] == 700  # the source that agreed with others wins the one-to-one
    # a prior cannot override what the corpus shows
    result = run_reconciliation(synthetic("Alpha", "Beta"), priors={"Beta": 0.99, "Alpha": 0.5})
    assert result.trust["Alpha"] > result.trust["Beta"]


def test_truthfinder_converges_to_a_fixed_point() -> None:
    def sim(a: object, b: object) -> float:
        return 1.0 if a == b else 0.0

    objects = {
        "o1": [Claim("x", frozenset({"s1", "s2"}), "x"), Claim("y", frozenset({"s3"}), "y")],
        "o2": [Claim("x", frozenset({"s1"}), "x"), Claim("z", frozenset({"s3"}), "z")],
        "o3": [Claim("w", frozenset({"s2", "s3"}), "w")],
    }
    result = truthfinder(objects, sim)
    assert result.converged and result.iterations < result.params.max_iterations
    assert result.trust["s1"] > result.trust["s3"]
    assert result.confidence["o1"]["x"] > result.confidence["o1"]["y"]
    again = truthfinder(objects, sim)
    assert again.trust == result.trust  # deterministic to the bit


# -- date clustering rules -----------------------------------------------------------------------------


def make(source: str, article: str, value: float, as_of: str | None, start: int = 0) -> dict:
    """A workshops fact for Qinghai from ``source``."""
    return {
        "article_id": article,
        "source": source,
        "language": "en",
        "metric": "workshops",
        "region": {"name": "Qinghai", "province": "Qinghai", "level": "province", "adcode": None},
        "value": value,
        "unit": "count",
        "bound": "exact",
        "as_of": as_of,
        "as_of_source": "text",
        "evidence": {"sentence": "...", "start": start, "end": start + 3},
    }


def dates_of(records: list[dict]) -> dict[str | None, list]:
    return {r["as_of"]: sorted(m["value"] for m in r["members"]) for r in records}


def test_a_month_between_two_days_joins_the_one_it_agrees_with() -> None:
    facts = [
        make("A", "a1", 400, "2020-06-10"),
        make("B", "b1", 450, "2020-06-30"),
        make("C", "c1", 400, "2020-06"),
    ]
    assert dates_of(reconcile(facts)) == {"2020-06-10": [400, 400], "2020-06-30": [450]}
    facts[2]["value"] = 999  # agrees with neither: the latest ("by the end of June")
    assert dates_of(reconcile(facts)) == {"2020-06-10": [400], "2020-06-30": [450, 999]}


def test_a_year_joins_a_finer_date_only_when_the_values_agree() -> None:
    agreeing = [make("A", "a1", 400, "2020-06-30"), make("B", "b1", 400, "2020")]
    assert dates_of(reconcile(agreeing)) == {"2020-06-30": [400, 400]}
    differing = [make("A", "a1", 400, "2020-06-30"), make("B", "b1", 237, "2020")]
    assert dates_of(reconcile(differing)) == {"2020-06-30": [400], "2020": [237]}


def test_one_article_with_two_values_is_two_statistics() -> None:
    across_dates = [make("A", "a1", 519, "2020-02-23"), make("A", "a1", 237, "2020-02", start=50)]
    assert dates_of(reconcile(across_dates)) == {"2020-02-23": [519], "2020-02": [237]}
    same_date = [
        make("A", "a1", 1200, None),
        make("A", "a1", 6600, None, start=50),
        make("B", "b1", 1200, None),
    ]
    (record,) = reconcile(same_date)
    # the other value is the same article's second statistic, not a contradiction between outlets
    assert record["status"] == "agreed" and record["value"] == 1200
    (flag,) = record["flags"]
    assert flag["reason"] == "other" and "two statistics" in flag["detail"]
    only_one_article = [make("A", "a1", 2000, None), make("A", "a1", 500000, None, start=50)]
    (record,) = reconcile(only_one_article)
    assert record["status"] == "single"
    contradicted = [*same_date, make("C", "c1", 6600, None)]
    assert reconcile(contradicted)[0]["status"] == "conflict"


def test_poor_workers_cannot_exceed_workers_of_the_same_scope() -> None:
    part, total = make("A", "a1", 500, "2020-06-30"), make("A", "a1", 400, "2020-06-30", start=40)
    part.update(metric="poor_workers_employed", scope="workshop")
    total.update(metric="workers_employed", scope="workshop")
    flagged = {r["metric"]: [f["reason"] for f in r["flags"]] for r in reconcile([part, total])}
    assert flagged == {"poor_workers_employed": ["exceeds_total"], "workers_employed": []}
    total["scope"] = "enterprise"
    assert all(not r["flags"] for r in reconcile([part, total]))


def test_a_near_tie_goes_to_the_report_in_the_original_language() -> None:
    original = {**make("人民网", "zh1", 46000, "2020-03-25"), "language": "zh"}
    translation = make("China Daily", "en1", 460000, "2020-03-25")
    for facts in ([original, translation], [translation, original]):
        (record,) = reconcile(facts)
        assert record["status"] == "conflict" and record["value"] == 46000
        assert "original language" in record["explanation"]
        assert [f["reason"] for f in record["flags"]] == ["order_of_magnitude"]
    # a clear majority is not overridden by the language rule
    more = [make(f"Outlet {i}", f"en{i}", 460000, "2020-03-25") for i in range(3)]
    (record,) = reconcile([original, *more])
    assert record["value"] == 460000
