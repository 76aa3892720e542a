"""English fact rules, by family of wording: parts of a whole, bracketed asides, appositions,
goals, eligibility thresholds and dates named by reference ("by that time").

Every sentence is written for these tests; none comes from the dev or held-out sets.
"""

from __future__ import annotations

import pytest
from extract_support import english_drafts


def _facts(text: str, published: str = "2021-06-15", title: str | None = None) -> list[tuple]:
    return [
        (d.metric, d.quantity.value, d.quantity.value_max, d.period, d.as_of)
        for d in english_drafts(text, published, title)
    ]


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(m, v) for m, v, *_ in _facts(text)]


# --- "X of Y": the part did what the clause says, the whole is the stock ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the county, 212 of the county's 240 poverty alleviation workshops have restarted production.",
            [("workshops_resumed", 212), ("workshops", 240)],
        ),
        (
            "So far 75 out of all 81 poverty-relief workshops in the town are back in production.",
            [("workshops_resumed", 75), ("workshops", 81)],
        ),
        (
            "The resumption rate reached 91 percent, with 640 of 703 such leading enterprises"
            " back in business.",
            [("enterprise_resumption_rate", 91), ("enterprises_resumed", 640), ("enterprises", 703)],
        ),
        (
            "Henan has 433 leading poverty alleviation enterprises, and 401 of the 433 enterprises"
            " have resumed work.",
            [("enterprises", 433), ("enterprises_resumed", 401)],
        ),
    ],
)
def test_part_of_a_whole(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tongren 164 poverty alleviation leading enterprises have resumed work 150.",
        "Tongren 164 poverty alleviation leading enterprises had already resumed production 150.",
    ],
)
def test_total_then_verb_then_part(text: str) -> None:
    assert _metrics(text) == [("enterprises", 164), ("enterprises_resumed", 150)]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("The town had 40 poverty alleviation workshops, and 90 percent of them had resumed.", "workshop"),
        ("Of its 35 poverty workshops, 88 percent of which have reopened, most make shoes.", "workshop"),
        (
            "There are 58 poverty alleviation workshops back in production, accounting for 86.5% of the total"
            " number of workshops.",
            "workshop",
        ),
        (
            "A total of 77 leading enterprises have resumed work, representing 92 percent of all the"
            " leading enterprises in the city.",
            "enterprise",
        ),
    ],
)
def test_share_of_units_that_resumed_is_a_rate(text: str, metric: str) -> None:
    rates = [(m, v) for m, v in _metrics(text) if m.endswith("rate")]
    assert len(rates) == 1 and rates[0][0] == f"{metric}_resumption_rate"


def test_share_of_units_without_resumption_is_no_rate() -> None:
    text = "Yunnan's 300 poverty alleviation workshops account for 12 percent of the country's workshops."
    assert _metrics(text) == [("workshops", 300)]


# --- "N people, M of them poor" ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A shoe workshop in the village employs 120 people, 52 of them from registered poor households.",
        "A shoe workshop in the village employs 120 people, 52 of whom are from poor families.",
        "A shoe workshop in the village employs 120 people, among them 52 registered poor laborers.",
    ],
)
def test_employed_and_the_poor_among_them(text: str) -> None:
    assert _metrics(text) == [("workers_employed", 120), ("poor_workers_employed", 52)]


def test_women_working_in_a_workshop_are_its_workforce() -> None:
    facts = _metrics("The 24 women working at the cooperative's workshop now earn 1,900 yuan a month.")
    assert facts == [("workers_employed", 24), ("income", 1900)]


# --- appositions between a subject and its verb --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "By mid-May, 63,000 poor laborers in Bazhong city, Sichuan province, had gone out to work.",
        "By mid-May, 63,000 poor laborers from Bazhong, a city in northeast Sichuan, had returned to"
        " their jobs in coastal provinces.",
    ],
)
def test_apposition_does_not_hide_the_verb(text: str) -> None:
    assert _facts(text, "2020-05-20") == [("poor_migrant_workers", 63000, None, None, "2020-05")]


def test_a_second_number_does_not_lend_its_verb() -> None:
    text = "The farms have given jobs to more than 900 local residents, about 310 of whom are poor."
    assert _metrics(text) == [("workers_employed", 900), ("poor_workers_employed", 310)]


# --- money: bracketed conversions, "pays", ranges ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The province earmarked 3.2 billion yuan ($450 million) in special funds for the workshops.",
            ("funds", 3.2e9, None, None),
        ),
        (
            "Average monthly pay is 2,600 yuan (about 370 U.S. dollars) per month.",
            ("income", 2600, None, "month"),
        ),
        ("Each cleaning post pays 6,000 yuan a year.", ("income", 6000, None, "year")),
        ("The cooperative is paying pickers 90 to 130 yuan per day.", ("income", 90, 130, "day")),
        ("The company pays them between 2,500 and 3,200 yuan a month.", ("income", 2500, 3200, "month")),
    ],
)
def test_money_families(text: str, expected: tuple) -> None:
    assert [f[:4] for f in _facts(text)] == [expected]


# --- goals and thresholds are not facts ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The city will strive to lift the resumption rate of poverty alleviation workshops to over 95%.",
        "We aim to push the return rate of leading enterprises to 98 percent by the end of May.",
        "The target is for the workshop resumption rate to reach 100 percent this month.",
        "The county plans to help 8,000 poor laborers find work outside the province this year.",
        "The prefecture strives to have 600 leading enterprises resume work by April.",
    ],
)
def test_goals_are_not_facts(text: str) -> None:
    assert _metrics(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Factories that employ more than 20 poor workers are eligible for a subsidy.",
        "Each enterprise which hires at least 15 poor laborers gets a reward.",
        "If a workshop absorbs no fewer than 10 registered poor people, it is given rent relief.",
        "Cooperatives receive a bonus for every 5 poor laborers they employ.",
    ],
)
def test_thresholds_are_not_counts(text: str) -> None:
    assert [m for m, _ in _metrics(text) if m.endswith("employed")] == []


def test_a_relative_clause_with_a_real_count_stays_a_fact() -> None:
    text = "The city has 45 poverty alleviation workshops, which employ more than 2,000 people."
    assert _metrics(text) == [("workshops", 45), ("workers_employed", 2000)]


# --- as_of: reference back, own clause, headline ------------------------------------------------


@pytest.mark.parametrize("phrase", ["By that time", "By then", "At that time", "By the same date"])
def test_date_named_by_reference(phrase: str) -> None:
    text = (
        "Registered poor laborers had found jobs in large numbers as of the end of May, officials said.\n\n"
        f"{phrase}, 4,100 poverty alleviation workshops had been built in the province."
    )
    assert _facts(text)[-1] == ("workshops", 4100, None, None, "2021-05-31")


def test_date_of_the_numbers_own_clause_wins() -> None:
    text = "In the province, 900 workshops had been built by January, and 850 of them reopened by late April."
    facts = _facts(text)
    assert facts[-1] == ("workshops_resumed", 850, None, None, "2021-04")


def test_a_baseline_date_after_the_number_is_not_its_date() -> None:
    text = "By the end of June, 3.1 million poor laborers had left home for work, 104% of last year's total."
    assert {f[4] for f in _facts(text)} == {"2021-06-30"}


def test_headline_figure_takes_the_date_of_the_lead() -> None:
    title = "Anshun: poverty alleviation workshops' resumption rate hits 97%"
    text = (
        f"{title}\n\nAs of March 15, 140 of the city's 144 poverty alleviation workshops had resumed work,"
        " a resumption rate of 97.2 percent."
    )
    facts = _facts(text, "2021-03-20", title=title)
    assert facts[0] == ("workshop_resumption_rate", 97, None, None, "2021-03-15")
