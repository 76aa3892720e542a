"""English wording families found on the third blind set: the poverty word of an "including"
part, machine-translated "ten thousand" calques, "N yuan more", ages after "aged over", large
support budgets and "the end of last month".

Every sentence is written for these tests; none comes from the dev or held-out sets.
"""

from __future__ import annotations

from extract_support import english_drafts

from fupin.extract import en


def _facts(text: str, published: str = "2021-06-15") -> list[tuple]:
    return [(d.metric, d.quantity.value, d.quantity.bound, d.as_of) for d in english_drafts(text, published)]


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(m, v) for m, v, *_ in _facts(text)]


def test_poverty_word_of_the_included_part_does_not_make_the_whole_poor() -> None:
    found = _metrics(
        "The county's 40 workshops employ 2,400 villagers including 900 registered poor laborers."
    )
    assert ("workers_employed", 2400.0) in found
    assert ("poor_workers_employed", 900.0) in found
    assert ("poor_workers_employed", 2400.0) not in found


def test_of_whom_without_a_number_still_reads_the_poverty_word() -> None:
    found = _metrics("The factories hired 310 poor laborers, of whom most are women.")
    assert ("poor_workers_employed", 310.0) in found


def test_ten_thousand_calque_is_a_scale() -> None:
    values = [
        q.value
        for q in en.find_quantities("the plants absorb 3.6 ten thousand people and 2 hundred million yuan")
    ]
    assert values == [36000.0, 2e8]


def test_yuan_more_is_a_more_than_bound() -> None:
    (q,) = en.find_quantities("each household earned 2,600 yuan more.")
    assert (q.value, q.bound) == (2600.0, "more_than")
    (q,) = en.find_quantities("each household earned 2,600 yuan more than in 2019")
    assert q.bound == "exact"


def test_age_after_a_bound_is_no_quantity() -> None:
    assert en.find_quantities("posts kept for villagers aged over 55 and those aged above 60") == []


def test_end_of_last_month_is_the_last_day_of_the_previous_month() -> None:
    (d,) = en.find_dates("At the end of last month, the town had 20 workshops.", "2021-03-09")
    assert (d.as_of, d.precision) == ("2021-02-28", "day")
    (d,) = en.find_dates("By the end of the last month, it had 20.", "2021-01-04")
    assert d.as_of == "2020-12-31"


def test_large_support_sums_are_funds_not_subsidies() -> None:
    found = _metrics(
        "The district set aside 42 million yuan this year for industrial support to poor villages. "
        "The city granted 150 million yuan last year to support the bamboo industry and subsidizes each "
        "new workshop with 30,000 yuan."
    )
    assert ("funds", 42e6) in found
    assert ("funds", 150e6) in found
    assert ("subsidy", 150e6) not in found


def test_part_of_whole_reads_the_verb_past_place_appositions() -> None:
    found = _metrics(
        "As of May 3, 96 of the 120 poverty alleviation workshops in Lankao county, Kaifeng City of "
        "central China's Henan Province, had resumed work."
    )
    assert found == [("workshops_resumed", 96.0), ("workshops", 120.0)]


def test_chartered_buses_carry_migrant_workers() -> None:
    found = _metrics(
        "Since April, Lankao has sent 40 chartered buses to take 1,300 poor laborers to jobs in Fujian."
    )
    assert found == [("poor_migrant_workers", 1300.0)]
