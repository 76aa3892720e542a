"""English time expressions resolved against the publication date."""

from __future__ import annotations

import pytest

from fupin.extract.en import find_dates


def _dates(text: str, published: str | None) -> list[tuple[str, str | None]]:
    return [(text[d.start : d.end], d.as_of) for d in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "published", "as_of"),
    [
        ("As of April 30, this year, sales rose.", "2021-05-12", "2021-04-30"),
        ("As of August 9 the count stood firm.", "2019-08", "2019-08-09"),
        ("By the end of July, all were open.", "2021-09-01", "2021-07-31"),
        ("At the end of February, 80 had opened.", "2021-03", "2021-02-28"),
        ("At the end of February, 80 had opened.", "2020-03", "2020-02-29"),
        ("By early April, most were open.", "2021-05-02", "2021-04"),
        ("In May this year, the county acted.", "2021-06-02", "2021-05"),
        ("Since the beginning of this year, 50 opened.", "2021-06-02", "2021"),
        ("In the first half of the year, 50 opened.", "2021-08-02", "2021-06"),
        ("In the first three quarters, 50 opened.", "2021-11-02", "2021-09"),
        ("Last year, 50 opened.", "2021-06-02", "2020"),
        ("At the end of last year, 50 were open.", "2021-06-02", "2020-12-31"),
        ("This year, 50 opened.", "2021-06-02", "2021"),
        ("In 2018, 50 opened.", "2021-06-02", "2018"),
        ("On Sept. 3 the plant reopened.", "2021-09-10", "2021-09-03"),
        ("As of November 30, 60 were open.", "2021-01-15", "2020-11-30"),
        ("From January to April, 60 were built.", "2021-05-15", "2021-04"),
        ("The report (Issue 3, July 2, 2019) says so.", None, "2019-07-02"),
    ],
)
def test_point_dates(text: str, published: str | None, as_of: str) -> None:
    found = [d for d in find_dates(text, published) if d.as_of]
    assert [d.as_of for d in found] == [as_of], _dates(text, published)


@pytest.mark.parametrize(
    "text",
    [
        "In the past three years, 50 opened.",
        "In recent years, 50 opened.",
        "At present, 50 are open.",
        "Recently, 50 opened.",
        "So far, 50 opened.",
    ],
)
def test_spans_and_deictics_give_no_point_date(text: str) -> None:
    found = find_dates(text, "2021-06-02")
    assert found, "the expression is still found, so that rules know the time was named"
    assert all(d.as_of is None for d in found)


def test_relative_expressions_need_a_publication_date() -> None:
    assert [d.as_of for d in find_dates("As of April 30, this year, ...", None)] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Output grew 9% year-on-year.",
        "We may need 40 helpers.",
        "They march on.",
        "A total of 1987 workshops.",
    ],
)
def test_not_dates(text: str) -> None:
    assert [d for d in find_dates(text, "2021-06-02") if d.as_of] == []


def test_future_plans_keep_a_later_month_in_this_year() -> None:
    text = "The county will open 30 more by the end of October."
    assert [d.as_of for d in find_dates(text, "2021-03-10")] == ["2021-10-31"]
    past = "By the end of October, 30 had opened."
    assert [d.as_of for d in find_dates(past, "2021-03-10")] == ["2020-10-31"]
