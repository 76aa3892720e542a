"""Quoted officials: name shapes, word orders and roles beyond the common forms (own sentences)."""

from __future__ import annotations

import pytest
from test_officials import officials, summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Yi and Tibetan names have no Han surname: taken after a title when a verb of saying follows.
        (
            "据美姑县扶贫开发局局长吉克阿呷介绍，全县已建成扶贫车间14个。",
            [("吉克阿呷", "局长", "美姑县扶贫开发局", "official")],
        ),
        (
            "墨竹工卡县人社局副局长次仁旺堆表示，今年将新增公益岗位300个。",
            [("次仁旺堆", "副局长", "墨竹工卡县人社局", "official")],
        ),
        # Dotted names (Uyghur, Kazakh) end before the verb.
        (
            "喀什地区扶贫办主任阿不都热依木·买买提说，全地区车间已全部复工。",
            [("阿不都热依木·买买提", "主任", "喀什地区扶贫办", "official")],
        ),
        # The head of a workshop is business, with the organisation written before 的.
        (
            "汝城县一家箱包扶贫车间的负责人胡建平介绍，车间现有工人60名。",
            [("胡建平", "负责人", "汝城县一家箱包扶贫车间", "business")],
        ),
        # An indefinite organisation takes the place of the clause before it.
        (
            "在平江县，一家鞋业扶贫车间负责人周文斌告诉记者，车间已接到新订单。",
            # a generic 负责人 keeps the unit it heads, as annotators of real pages write it
            [("周文斌", "扶贫车间负责人", "平江县一家鞋业扶贫车间", "business")],
        ),
    ],
)
def test_chinese_name_shapes_and_business_heads(text: str, expected: list[tuple]) -> None:
    assert summary(text, "zh") == expected


def test_chinese_word_after_a_title_is_not_a_name_without_a_verb() -> None:
    assert summary("县扶贫办主任表示，全县车间已复工。县委书记带队调研扶贫车间建设。", "zh") == []


def test_chinese_later_workshop_keeps_its_place_qualifier() -> None:
    text = "在桃源镇的一家电子扶贫工厂，工人们正在组装零件。工厂负责人蒋红梅说，工厂今年新增订单三成。"
    assert summary(text, "zh") == [("蒋红梅", "工厂负责人", "桃源镇的一家电子扶贫工厂", "business")]


def test_chinese_quotation_later_in_the_reported_sentence_is_direct() -> None:
    text = "一家竹编企业负责人陈海峰告诉记者，企业复工后订单不断，“我们忙不过来了”。"
    assert [r["quote_kind"] for r in officials(text, "zh")] == ["direct"]
    scare = "县扶贫办主任杨光表示，要把扶贫车间建成“群众增收车间”。"
    assert [r["quote_kind"] for r in officials(scare, "zh")] == ["indirect"]


def test_chinese_body_of_the_region_gets_the_article_province() -> None:
    text = "自治区扶贫办主任蒙光明说，全区车间已复工。广西百色市已建成扶贫车间200个。"
    assert [r["province"] for r in officials(text, "zh")] == ["Guangxi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Word-for-word translations put organisation and title before the name.
        (
            "Liupanshui Municipal Poverty Alleviation Office director Zhang Qiang said the city "
            "had built 300 workshops.",
            [("Zhang Qiang", "director", "Liupanshui Municipal Poverty Alleviation Office", "official")],
        ),
        (
            "A bamboo weaving cooperative person in charge Huang Lei told reporters that orders had doubled.",
            [("Huang Lei", "person in charge", "bamboo weaving cooperative", "business")],
        ),
        # Non-pinyin names are taken next to a title, possessive organisation included.
        (
            "The factory's manager, Tsering Dorje, said the factory hired 40 herders this spring.",
            [("Tsering Dorje", "manager", "factory", "business")],
        ),
        # A leading group office is government, not a company group.
        (
            "Han Wenbo, head of the Central Rural Work Leading Group Office, said more workshops would open.",
            [("Han Wenbo", "head", "Central Rural Work Leading Group Office", "official")],
        ),
    ],
)
def test_english_orders_and_name_shapes(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


def test_english_department_named_earlier_is_the_organisation() -> None:
    text = (
        "The numbers were published by the prefectural rural revitalization office. "
        "Hiring will continue, said Zhao Min, deputy director of the office."
    )
    assert summary(text, "en") == [
        ("Zhao Min", "deputy director", "prefectural rural revitalization office", "official")
    ]


def test_english_quotation_with_a_pronoun_in_the_next_sentence_is_direct() -> None:
    text = (
        "Zhou Ming, general manager of Guizhou Tianyi Garment Co, said the plant employs 300 people. "
        '"Our orders are booked until October and we still need hands," he said.'
    )
    assert [r["quote_kind"] for r in officials(text, "en")] == ["direct"]


def test_english_quotation_at_the_end_of_the_reported_sentence_is_direct() -> None:
    text = (
        "Deputy county head Sun Hao told reporters that 40 workshops had reopened, "
        '"and every worker is back at the machines".'
    )
    assert [r["quote_kind"] for r in officials(text, "en")] == ["direct"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A party post before the office held: the organisation is the office's, without 党组.
        (
            "省扶贫办党组书记、主任王志群介绍，全省已建成扶贫车间1900个。",
            [("王志群", "党组书记、主任", "省扶贫办", "official")],
        ),
        (
            "市人社局党组成员、副局长刘海涛表示，今年将新开发公益岗位500个。",
            [("刘海涛", "党组成员、副局长", "市人社局", "official")],
        ),
        # near miss: a party post alone keeps its party body
        ("镇党委书记欧阳明华说，全镇有扶贫车间12个。", [("欧阳明华", "党委书记", "镇党委", "official")]),
        # A village's Party secretary (支书) is an official; a bare 村 is the village named before.
        (
            "记者来到大坪村。村支书冯焕明说，村里的车间吸纳了40名村民就业。",
            [("冯焕明", "支书", "大坪村", "official")],
        ),
        ("红岩村党支书张德福介绍，车间去年发放工资30万元。", [("张德福", "党支书", "红岩村", "official")]),
        # The head of a 绣坊 / 工坊 is business, like a workshop's.
        ("清花绣坊负责人覃丽珍说，今年订单不愁。", [("覃丽珍", "负责人", "清花绣坊", "business")]),
        # "该店" is the shop named before 的, not the clause before it that names who went there.
        (
            "绣坊负责人覃丽珍来到位于南站社区的旭怡侗衣店，问该店负责人潘美英。“还要再拿点过来。”潘美英回答说。",
            [("潘美英", "负责人", "南站社区的旭怡侗衣店", "business")],
        ),
    ],
)
def test_chinese_party_posts_village_secretaries_and_shops(text: str, expected: list[tuple]) -> None:
    assert summary(text, "zh") == expected
