"""Chinese time expressions resolved against the publication date."""

from __future__ import annotations

import pytest

from fupin.extract.zh import find_dates
from fupin.extract.zh.dates import reference_year


def _read(text: str, published: str | None) -> list[tuple[str, str | None, str | None]]:
    return [(text[d.start : d.end], d.as_of, d.precision) for d in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("截至7月15日,全县", "2020-08-03", ("截至7月15日", "2020-07-15", "day")),
        ("截至9月底,全县", "2020-10-12", ("截至9月底", "2020-09-30", "day")),
        ("到2月末", "2020-03", ("到2月末", "2020-02-29", "day")),
        ("11月底,全市", "2019-12-02", ("11月底", "2019-11-30", "day")),
        ("截止三月初", "2021-04-01", ("截止三月初", "2021-03", "month")),
        ("今年以来,各地", "2020-09-09", ("今年以来", "2020", "year")),
        ("上半年,全省", "2021-07-20", ("上半年", "2021-06-30", "day")),
        ("前三季度", "2020-10-30", ("前三季度", "2020-09-30", "day")),
        ("去年,全县", "2020-05-05", ("去年", "2019", "year")),
        ("截至2018年底", "2019-03-01", ("截至2018年底", "2018-12-31", "day")),
        ("2017年9月", None, ("2017年9月", "2017-09", "month")),
        ("2021年4月8日", "2020-01-01", ("2021年4月8日", "2021-04-08", "day")),
        ("二〇一九年十一月二十日", None, ("二〇一九年十一月二十日", "2019-11-20", "day")),
        ("目前,全县", "2020-06-17", ("目前", None, None)),
        ("截至目前,全县", "2020-06-17", ("截至目前", None, None)),
        ("近年来,该县", "2020-06-17", ("近年来", None, None)),
    ],
)
def test_dates(text: str, published: str | None, expected: tuple) -> None:
    assert _read(text, published)[0] == expected


def test_a_december_date_in_a_january_article_is_last_year() -> None:
    assert _read("12月20日", "2021-01-10") == [("12月20日", "2020-12-20", "day")]


def test_impossible_day_gives_no_date() -> None:
    assert _read("2月30日", "2021-03-01") == [("2月30日", None, None)]


def test_reference_year_without_publication_date() -> None:
    assert reference_year("截至2018年底,全国还有贫困人口1660万。", None) == 2019
    assert reference_year("2016年以来,全县新建车间20个", None) == 2016
    assert reference_year("受新冠肺炎疫情影响,2019年的数据", None) == 2020
    assert reference_year("没有年份", None) is None
    assert reference_year("", "2020-03") == 2020


def test_no_publication_date_resolves_this_year_from_the_text() -> None:
    text = "截至2018年底,贫困人口还有1660万。今年以来,截至6月底,已外出务工。"
    found = _read(text, None)
    assert ("截至6月底", "2019-06-30", "day") in found
    assert ("今年以来", "2019", "year") in found


def test_no_year_anywhere_gives_no_date() -> None:
    assert _read("截至5月31日", None) == [("截至5月31日", None, None)]


def test_a_later_month_in_mid_year_is_ahead_not_last_year() -> None:
    assert _read("订单排到了10月", "2020-06-20")[0][1] == "2020-10"
    assert _read("截至11月底", "2020-02-10")[0][1] == "2019-11-30"
