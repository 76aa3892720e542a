"""English numbers: separators, scales, percentages, words, ranges, bounds, and what is not a number."""

from __future__ import annotations

import pytest

from fupin.extract.en import find_quantities


def _one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [(text[q.start : q.end], q) for q in found]
    q = found[0]
    return text[q.start : q.end], q


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Hebei now counts 41,275 such sites.", "41,275", 41275, None),
        ("They sent 3.0815 million parcels.", "3.0815 million", 3081500, None),
        ("The province spent 7.08 billion yuan on roads.", "7.08 billion", 7.08e9, "yuan"),
        ("Villages received 512.6万 masks.", "512.6万", 5126000, None),
        ("Coverage reached 97.41% in May.", "97.41%", 97.41, "percent"),
        ("Coverage reached 87 percent in May.", "87 percent", 87, "percent"),
        ("A stipend of RMB 900 was paid.", "900", 900, "yuan"),
        ("Two thirds of them stayed.", "Two thirds", 66.67, "percent"),
        ("They hired a dozen cooks.", "a dozen", 12, None),
        ("The county raised three million yuan.", "three million", 3e6, "yuan"),
    ],
)
def test_numbers_are_normalised(text: str, span: str, value: float, unit: str | None) -> None:
    got_span, q = _one(text)
    assert got_span == span
    assert q.value == pytest.approx(value, rel=1e-6)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("Pay runs from 2200 yuan to 4,100 yuan a month.", "2200 yuan to 4,100", 2200, 4100, "yuan"),
        ("Pay is 1800-2600 yuan.", "1800-2600", 1800, 2600, "yuan"),
        ("They want between 40 and 60 helpers.", "40 and 60", 40, 60, None),
        ("Sales of 2 to 3 million yuan are expected.", "2 to 3 million", 2e6, 3e6, "yuan"),
    ],
)
def test_ranges_keep_both_ends(text: str, span: str, low: float, high: float, unit: str | None) -> None:
    got_span, q = _one(text)
    assert (got_span, q.value, q.value_max, q.bound, q.unit) == (span, low, high, "range", unit)


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("more than 800 cooks", "more_than"),
        ("over 800 cooks", "more_than"),
        ("not less than 800 cooks", "more_than"),
        ("at least 800 cooks", "more_than"),
        ("800 or more cooks", "more_than"),
        ("nearly 800 cooks", "about"),
        ("approximately 800 cooks", "about"),
        ("around 800 cooks", "about"),
        ("almost 800 cooks", "about"),
        ("less than 800 cooks", "less_than"),
        ("up to 800 cooks", "less_than"),
        ("exactly 800 cooks", "exact"),
    ],
)
def test_bounds_come_from_the_words_around(text: str, bound: str) -> None:
    span, q = _one(text)
    assert span == "800"
    assert q.bound == bound


def test_counter_is_the_counted_noun() -> None:
    _, q = _one("They opened 77 poverty relief workshops in total.")
    assert q.counter == "poverty relief workshops"


@pytest.mark.parametrize(
    "text",
    [
        "In 2018, the plan began.",
        "From 2016 to 2019 nothing changed.",
        "He arrived on September 9 with his wife.",
        "The meeting on 12 October ended late.",
        "She is a 52-year-old widow.",
        "The farmer, aged 61, smiled.",
        "He finished 3rd in the race.",
        "Call 13912345678 or 0931-8765432 for help.",
        "COVID-19 spread, and 5G arrived.",
        "Copyright © 2015 Daily News",
        "It took half a year.",
        "Room No. 12 is open.",
    ],
)
def test_dates_ages_codes_and_ordinals_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_a_year_like_number_before_a_noun_is_a_count() -> None:
    span, q = _one("A total of 1987 rural workshops were listed.")
    assert (span, q.value) == ("1987", 1987)


def test_a_rejected_range_keeps_its_second_number() -> None:
    text = "Wages increased from 2000 yuan to 2600 yuan."
    values = [q.value for q in find_quantities(text)]
    assert values == [2000, 2600]


def test_offsets_stay_inside_odd_text() -> None:
    text = "%%% 1,,2 ..3 4.5.6 万 -7- 1e9 ９９ 10-"
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
