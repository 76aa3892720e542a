"""English fact rules: metric, scope, period, bound and as_of from the words around a number.

Sentences are written for these tests in the style of machine-translated Chinese news;
none is copied from the dev set.
"""

from __future__ import annotations

import pytest

from fupin.extract import en
from fupin.extract.analysis import Analysis
from fupin.extract.gazetteer import Gazetteer
from fupin.extract.sentences import split_sentences


def _facts(text: str, published: str | None = "2021-07-20") -> list[dict]:
    analysis = Analysis(text=text, lang="en", published=published)
    analysis.sentences = split_sentences(text, "en")
    analysis.quantities = en.find_quantities(text)
    analysis.dates = en.find_dates(text, published)
    analysis.places = Gazetteer.default().find(text, "en")
    out = []
    for d in en.find_facts(analysis):
        q = d.quantity
        assert 0 <= q.start < q.end <= len(text)
        assert d.sentence_start <= q.start and q.end <= d.sentence_end
        out.append(
            {
                "metric": d.metric,
                "value": q.value,
                "value_max": q.value_max,
                "unit": q.unit,
                "bound": q.bound,
                "scope": d.scope,
                "period": d.period,
                "as_of": d.as_of,
                "province": d.region.get("province"),
                "span": text[q.start : q.end],
            }
        )
    return out


def _metrics(text: str, published: str | None = "2021-07-20") -> list[tuple[str, float]]:
    return [(f["metric"], f["value"]) for f in _facts(text, published)]


def test_workshops_and_the_people_they_employ() -> None:
    text = (
        "By the end of June, Yunnan Province had set up 3,417 poverty alleviation workshops, driving the "
        "employment of 98,000 people, of whom 41,000 were registered poor laborers."
    )
    facts = _facts(text)
    assert [(f["metric"], f["value"], f["scope"]) for f in facts] == [
        ("workshops", 3417, None),
        ("workers_employed", 98000, "workshop"),
        ("poor_workers_employed", 41000, "workshop"),
    ]
    assert {f["as_of"] for f in facts} == {"2021-06-30"}
    assert {f["province"] for f in facts} == {"Yunnan"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("So far, 702 anti-poverty workshops in the county have reopened.", [("workshops_resumed", 702)]),
        (
            "Of the 655 poverty-relief factories in the city, 640 have restarted production.",
            [("workshops", 655), ("workshops_resumed", 640)],
        ),
        (
            "As of May 8, 1,010 of the 1,090 poverty alleviation workshops had returned to work.",
            [("workshops_resumed", 1010), ("workshops", 1090)],
        ),
        ("The city decided to build another 85 poverty alleviation workshops.", [("workshops_planned", 85)]),
        ("More than 300 workshops have not yet resumed work.", []),
        ("The province has identified 212 poverty alleviation workshops.", [("workshops", 212)]),
    ],
)
def test_workshop_counts(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


def test_all_n_enterprises_resumed_is_both_a_count_and_a_resumed_count() -> None:
    text = (
        "In Shanxi, all 64 leading poverty alleviation enterprises had resumed production, "
        "employing 5,200 workers."
    )
    assert _metrics(text) == [("enterprises", 64), ("enterprises_resumed", 64), ("workers_employed", 5200)]
    assert _facts(text)[-1]["scope"] == "enterprise"


def test_enterprise_counts_need_leading_or_poverty_alleviation() -> None:
    assert _metrics("The county has 126 leading enterprises, 118 of which have resumed production.") == [
        ("enterprises", 126),
        ("enterprises_resumed", 118),
    ]
    assert _metrics("Officials visited 300 companies in the city.") == []


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("The workshops in Anhui have a current resumption rate of 97.3%.", "workshop_resumption_rate", 97.3),
        (
            "The return-to-work rate of leading enterprises in Hubei reached 91 percent.",
            "enterprise_resumption_rate",
            91,
        ),
    ],
)
def test_resumption_rates(text: str, metric: str, value: float) -> None:
    assert _metrics(text) == [(metric, value)]


def test_growth_and_other_percentages_are_not_facts() -> None:
    assert _metrics("Migrant workers' income grew by 7.5% year-on-year.") == []
    assert _metrics("About 60% of the villagers are elderly.") == []


def test_poor_migrant_workers_and_share_of_last_year() -> None:
    text = (
        "As of April 30, rural poor workers from Sichuan who went out to work numbered 2.31 million, "
        "equivalent to 96.4% of the total number last year."
    )
    facts = _facts(text)
    assert [(f["metric"], f["value"]) for f in facts] == [
        ("poor_migrant_workers", 2310000),
        ("poor_migrant_workers_share_of_last_year", 96.4),
    ]
    assert {f["as_of"] for f in facts} == {"2021-04-30"}


def test_paragraph_opening_date_governs_later_sentences() -> None:
    text = (
        "As of March 31, this year, work resumed across the region. The 18 key counties have 950,000 migrant "
        "workers from poor families.\n\nIn other news, 40 poor workers returned to work in Hunan."
    )
    facts = _facts(text, "2021-04-08")
    assert [(f["metric"], f["value"], f["as_of"]) for f in facts] == [
        ("poor_migrant_workers", 950000, "2021-03-31"),
        ("poor_migrant_workers", 40, None),
    ]


def test_comparison_dates_after_the_number_are_not_its_date() -> None:
    text = "The county had 12,000 poor people working outside, more than at the end of last year."
    assert [f["as_of"] for f in _facts(text)] == [None]


def test_jobs_with_their_scope() -> None:
    text = (
        "The cooperative's greenhouse base provided 260 jobs for nearby villagers. Guangxi has developed "
        "5.2万 public welfare posts."
    )
    assert [(f["metric"], f["value"], f["scope"]) for f in _facts(text)] == [
        ("jobs", 260, "base"),
        ("jobs", 52000, "other"),
    ]


@pytest.mark.parametrize(
    ("text", "metric", "value", "value_max", "period", "bound"),
    [
        (
            "The average monthly wage of the workers is 2,100 yuan to 2,900 yuan.",
            "income",
            2100,
            2900,
            "month",
            "range",
        ),
        ("Each of them can earn about 90 yuan a day.", "income", 90, None, "day", "about"),
        ("Her annual income is now more than 30,000 yuan.", "income", 30000, None, "year", "more_than"),
        ("He says his income is over 70 every day.", "income", 70, None, "day", "more_than"),
        ("Workers receive a one-time bonus of 800 yuan per person.", "subsidy", 800, None, "once", "exact"),
        ("A living allowance of 300 yuan is paid every month.", "subsidy", 300, None, "month", "exact"),
        ("The city allocated special funds of 620 million yuan.", "funds", 620e6, None, None, "exact"),
    ],
)
def test_money(
    text: str, metric: str, value: float, value_max: float | None, period: str | None, bound: str
) -> None:
    facts = _facts(text)
    assert len(facts) == 1, facts
    f = facts[0]
    assert (f["metric"], f["value"], f["value_max"], f["period"], f["bound"], f["unit"]) == (
        metric,
        value,
        value_max,
        period,
        bound,
        "yuan",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Zhao, 47, has worked in the workshop for 3 years.",
        "The 52-year-old went with 6 fellow villagers to the factory.",
        "The workshop packs 40 tons of peppers a day.",
        "The 1,500 square meter workshop was built in 2019.",
        "The output value of the base reached 8 million yuan.",
        "More than 200 people attended the job fair.",
        "The village has 1,235 residents, 356 of whom are poor.",
        "Over 430 poor households in the township were lifted out of poverty last year.",
        "Call 0851-88886666 to apply.",
    ],
)
def test_narrative_numbers_are_not_facts(text: str) -> None:
    assert _metrics(text) == []


def test_repeated_headline_line_gives_one_fact() -> None:
    line = (
        "Sichuan's poverty-stricken labor force working away from home "
        "reached 2.4 million at the end of April"
    )
    text = f"{line}\n{line}\n\nBody text follows."
    assert _metrics(text) == [("poor_migrant_workers", 2400000)]


class _FixedRegion:
    """Any object with ``region_at`` can stand in for the region resolver."""

    def region_at(self, position: int) -> dict:
        return {"name": "Jilin", "province": "Jilin", "level": "province", "adcode": "220000"}


def test_a_caller_can_supply_the_region_source() -> None:
    analysis = Analysis(
        text="The city has built 64 poverty alleviation workshops.", lang="en", published=None
    )
    analysis.sentences = split_sentences(analysis.text, "en")
    analysis.quantities = en.find_quantities(analysis.text)
    facts = en.find_facts(analysis, _FixedRegion())
    assert [(f.metric, f.region["province"]) for f in facts] == [("workshops", "Jilin")]
