"""English fact rules on machine-translation wording: the number after its noun or verb, calqued
measure words ("workshop 530 seat", "resume work 60 family"), shares of a whole, "all N" that
points back to an earlier count, datelines, and what quoted people say.

Every sentence is written for these tests; none comes from the dev or held-out sets.
"""

from __future__ import annotations

import pytest
from extract_support import english_drafts

from fupin.extract import en


def _drafts(text: str, published: str = "2020-06-20", title: str | None = None) -> list:
    return english_drafts(text, published, title)


def _metrics(text: str, **kw: str) -> list[tuple[str, float]]:
    return [(d.metric, d.quantity.value) for d in _drafts(text, **kw)]


def _dated(text: str, **kw: str) -> list[tuple[str, float, str | None]]:
    return [(d.metric, d.quantity.value, d.as_of) for d in _drafts(text, **kw)]


# --- the number after its noun or verb --------------------------------------------------


def test_number_after_noun_and_after_resumed_verb() -> None:
    text = (
        "Up to the end of May, Dingxi City has accumulated identified poverty alleviation workshops 812,"
        " have resumed work 790, the resumption of work rate reached 97 percent, absorbed employment"
        " 21,000 people, among them the establish file and register card poor labor force 9,400 people."
    )
    assert _metrics(text) == [
        ("workshops", 812),
        ("workshops_resumed", 790),
        ("workshop_resumption_rate", 97),
        ("workers_employed", 21000),
        ("poor_workers_employed", 9400),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The district at present has built poverty alleviation workshop 58, drive 900 people employment.",
         [("workshops", 58), ("workers_employed", 900)]),
        ("Linxia prefecture total have poverty alleviation workshop 530 seat.", [("workshops", 530)]),
        ("The town also plan this year new build poverty alleviation workshop 12 seat.",
         [("workshops_planned", 12)]),
        ("Next step, the county plan again to newly build poverty alleviation workshop 25.",
         [("workshops_planned", 25)]),
    ],
)  # fmt: skip
def test_noun_before_number_and_measure_words(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


def test_calqued_family_after_resume_work() -> None:
    text = (
        "Up to now, the county has set up 64 poverty alleviation workshop, resume work 60 family, resume"
        " work rate is 94%, attract the labor force 1,700 more people to employment, wherein poverty labor"
        " force 820 more people."
    )
    drafts = _drafts(text)
    assert [(d.metric, d.quantity.value) for d in drafts] == [
        ("workshops", 64),
        ("workshops_resumed", 60),
        ("workshop_resumption_rate", 94),
        ("workers_employed", 1700),
        ("poor_workers_employed", 820),
    ]
    assert [d.quantity.bound for d in drafts][-2:] == ["more_than", "more_than"]


@pytest.mark.parametrize(
    "text",
    [
        "Linxia: 620 poverty alleviation workshops resume work rate reach 93 percent",
        "Linxia 620 poverty alleviation workshops resumption rate reached 93%",
    ],
)
def test_a_rate_name_is_not_a_resumption(text: str) -> None:
    assert _metrics(text) == [("workshops", 620), ("workshop_resumption_rate", 93)]


# --- shares of a whole, resumptions that bring workers back -----------------------------


def test_percent_of_the_whole() -> None:
    text = (
        "By April 10, about 85 percent of the 2,415 poverty alleviation workshops and village factories in"
        " the prefecture in the southwest of the province had reopened, officials said."
    )
    assert _dated(text) == [
        ("workshop_resumption_rate", 85, "2020-04-10"),
        ("workshops", 2415, "2020-04-10"),
    ]


def test_bringing_workers_back() -> None:
    text = "In all, 640 workshops had restarted by mid-May, bringing nearly 12,000 workers back to the lines."
    drafts = _drafts(text)
    assert [(d.metric, d.quantity.value, d.scope) for d in drafts] == [
        ("workshops_resumed", 640, None),
        ("workers_employed", 12000, "workshop"),
    ]


def test_all_n_points_back_to_the_earlier_count() -> None:
    text = (
        "The city has 25 leading poverty alleviation enterprises, which make furniture and noodles."
        " By March, half of them had resumed work. By the end of May, all 25 had resumed, employing"
        " 3,200 people."
    )
    drafts = _drafts(text)
    assert [(d.metric, d.quantity.value, d.scope, d.as_of) for d in drafts] == [
        ("enterprises", 25, None, None),
        ("enterprise_resumption_rate", 50, None, "2020-03"),
        ("enterprises_resumed", 25, None, "2020-05-31"),
        ("workers_employed", 3200, "enterprise", "2020-05-31"),
    ]


def test_all_n_of_another_number_is_not_borrowed() -> None:
    text = "The county has 25 leading poverty alleviation enterprises. By May, all 30 had resumed."
    assert _metrics(text) == [("enterprises", 25)]


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    ["LANZHOU, June 9 (Xinhua) -- ", "June 9 -- ", "Gansu Daily Lanzhou, June 9 (Reporter Li Ming) "],
)
def test_a_dateline_is_not_the_date_of_a_statistic(opening: str) -> None:
    text = opening + "Gansu has 2,300 poverty alleviation workshops, officials said."
    assert _dated(text) == [("workshops", 2300, None)]


def test_a_date_opening_the_sentence_is_not_a_dateline() -> None:
    text = "As of May 31, Gansu had 2,300 poverty alleviation workshops."
    assert _dated(text) == [("workshops", 2300, "2020-05-31")]


@pytest.mark.parametrize(
    ("phrase", "as_of"),
    [
        ("In the first four months", "2020-04"),
        ("In the first 10 months of last year", "2019-10"),
        ("Since February", "2020"),
        ("Since early April", "2020"),
    ],
)
def test_running_totals(phrase: str, as_of: str) -> None:
    text = f"LANZHOU, June 9 (Xinhua) -- {phrase}, 41,000 poor laborers in Gansu had gone out to work."
    assert _dated(text) == [("poor_migrant_workers", 41000, as_of)]


def test_running_total_spans_in_find_dates() -> None:
    """ "since March" in a January article began last year."""
    text = "In the first five months of 2020, and since March, ..."
    assert [(d.as_of, d.precision) for d in en.find_dates(text, "2021-01-10")] == [
        ("2020-05", "month"),
        ("2020", "year"),
    ]


# --- what quoted people say ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"After the training I can earn an extra 500 yuan a month," she said.',
        "He hopes to make an additional 40 yuan a day next year.",
        'The manager said: "Our factory has 4 workshop, next we want to recruit 50 people again."',
    ],
)
def test_raises_and_plans_of_speakers_are_not_facts(text: str) -> None:
    assert _metrics(text) == []


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ('"Work near home, a month can take more than 1900 yuan," Li said.', "month"),
        ('She said: "Now 1 month can earn 2600 yuan."', "month"),
        ("The 30 women sew bags, each earning about 2,300 yuan a month.", "month"),
    ],
)
def test_a_workers_own_wage_is_income(text: str, period: str) -> None:
    drafts = [d for d in _drafts(text) if d.metric == "income"]
    assert [d.period for d in drafts] == [period]
