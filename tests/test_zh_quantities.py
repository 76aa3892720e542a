"""Chinese numbers: the value, the bound and exactly the span of the mention."""

from __future__ import annotations

import pytest

from fupin.extract.zh import find_quantities


def _read(text: str) -> list[tuple[str, float, float | None, str | None, str, str | None]]:
    return [
        (text[q.start : q.end], q.value, q.value_max, q.unit, q.bound, q.counter)
        for q in find_quantities(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全市建成车间1,286个", ("1,286", 1286, None, "count", "exact", "个")),
        ("投资4.35亿元建设厂房", ("4.35亿", 435000000, None, "yuan", "exact", "元")),
        ("新增就业3.072万人", ("3.072万", 30720, None, "count", "exact", "人")),
        ("吸纳九百八十七名工人", ("九百八十七", 987, None, "count", "exact", "名")),
        ("带动三万多名群众", ("三万多", 30000, None, "count", "more_than", "名")),
        ("共有4800余人", ("4800余", 4800, None, "count", "more_than", "人")),
        ("务工人员1360多万", ("1360多万", 13600000, None, None, "more_than", None)),
        ("建成1万余个", ("1万余", 10000, None, "count", "more_than", "个")),
        ("已有近千家", ("近千", 1000, None, "count", "about", "家")),
        ("上万名群众", ("上万", 10000, None, "count", "more_than", "名")),
        ("完成率达87.25%", ("87.25%", 87.25, None, "percent", "exact", None)),
        ("占比百分之七十二点五", ("百分之七十二点五", 72.5, None, "percent", "exact", None)),
        ("八成企业", ("八成", 80, None, "percent", "exact", None)),
        ("逾七成", ("七成", 70, None, "percent", "more_than", None)),
        ("月薪2200-4800元", ("2200-4800", 2200, 4800, "yuan", "range", "元")),
        ("每月2400元至3600元", ("2400元至3600", 2400, 3600, "yuan", "range", "元")),
        ("1800到2600元不等", ("1800到2600", 1800, 2600, "yuan", "range", "元")),
        ("能挣五六千元", ("五六千", 5000, 6000, "yuan", "range", "元")),
        ("投资2-3亿元", ("2-3亿", 200000000, 300000000, "yuan", "range", "元")),
        ("超过5000人", ("5000", 5000, None, "count", "more_than", "人")),
        ("约1200名", ("1200", 1200, None, "count", "about", "名")),
        ("3000元左右", ("3000", 3000, None, "yuan", "about", "元")),
        ("不足800人", ("800", 800, None, "count", "less_than", "人")),
        ("有七个车间", ("七", 7, None, "count", "exact", "个")),
    ],
)
def test_numbers(text: str, expected: tuple) -> None:
    assert _read(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "2019年12月31日",
        "二〇一九年十二月三十一日",
        "截至8月底",
        "发布时间:2021-05-06 10:32",
        "咨询电话:0931-8876543",
        "手机13912345678",
        "Copyright 2005-2021",
        "index_20200415_38081827.htm",
        "第三批",
        "一是加强培训,二是拓宽渠道",
        "一个半月,一家人,两不误",
        "数十名村民,几百个,十几家",
        "ID 123456789012",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_each_number_of_a_sentence_in_order() -> None:
    text = "该县建成扶贫车间86个,吸纳3200余人就业,人均月收入2600元。"
    assert [t for t, *_ in _read(text)] == ["86", "3200余", "2600"]


@pytest.mark.parametrize(
    "text", ["", "万", "百分之", "成", "点五", "一二三四五六七八九十百千万亿" * 3, "9" * 400]
)
def test_odd_input_does_not_raise(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)


@pytest.mark.parametrize(
    "text",
    ["对新建的爱心工坊每家给予最高8万元奖补", "每人最多补贴3000元", "奖补上限为2000元", "最高可获得6万元"],
)
def test_cap_before_an_amount_is_less_than(text: str) -> None:
    assert [q.bound for q in find_quantities(text)] == ["less_than"]


def test_most_as_a_superlative_is_not_a_cap() -> None:
    assert [q.bound for q in find_quantities("用工最多的工坊有260人")] == ["exact"]
