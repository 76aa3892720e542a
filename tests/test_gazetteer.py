"""The gazetteer: data file coverage, Chinese and English search, chains, groups, lookup."""

from __future__ import annotations

import csv
from collections import Counter
from importlib import resources

import pytest

from fupin.extract.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def found(gaz: Gazetteer, text: str, lang: str) -> list[tuple[str, str | None, str, str | None]]:
    return [
        (text[m.start : m.end], m.place.province, m.place.level, m.place.adcode) for m in gaz.find(text, lang)
    ]


def test_data_file_has_all_province_level_units_and_their_divisions():
    text = resources.files("fupin").joinpath("data/regions.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    current = [r for r in rows if r["former"] == "0"]
    levels = Counter(r["level"] for r in current)
    assert levels["province"] == 34
    assert levels["prefecture"] > 320
    assert levels["county"] > 2800
    assert all(len(r["adcode"]) == 6 and r["adcode"].isdigit() for r in rows)
    provinces = {r["province"] for r in current}
    assert {
        "Gansu",
        "Inner Mongolia",
        "Guangxi",
        "Beijing",
        "Shaanxi",
        "Shanxi",
        "Tibet",
        "Hong Kong",
    } <= provinces
    codes = {r["adcode"] for r in current}
    assert all(r["parent"] in codes for r in current if r["parent"])


def test_chinese_chain_is_one_mention_resolved_to_the_county(gaz):
    text = "过去三年,贵州省毕节市大方县在易地扶贫搬迁安置点陆续办起扶贫车间,大方县现有车间六十余个"
    assert found(gaz, text, "zh") == [
        ("贵州省毕节市大方县", "Guizhou", "county", "520521"),
        ("大方县", "Guizhou", "county", "520521"),
    ]


def test_chinese_chain_down_to_village(gaz):
    [m] = gaz.find("记者走进甘肃省临洮县辛店镇康家崖村的扶贫车间", "zh")
    assert (m.place.province, m.place.level, m.place.adcode, m.place.name) == (
        "Gansu",
        "village",
        None,
        "康家崖村",
    )


def test_short_names_need_word_boundaries_and_context(gaz):
    # 新乡 inside 创新乡村, 阿里 inside 阿里巴巴, 山西 inside 中山西路: no place at all.
    assert found(gaz, "创新乡村振兴,阿里巴巴在中山西路", "zh") == []
    # A county's short name is taken next to its province ...
    assert found(gaz, "宁夏西吉:闽企投资建厂", "zh") == [("宁夏西吉", "Ningxia", "county", "640422")]
    # ... or when its full name is also in the text, but not alone.
    assert found(gaz, "天柱山风景", "zh") == []
    assert [f[0] for f in found(gaz, "天柱:扶贫工厂。天柱县共引进企业32家", "zh")] == ["天柱", "天柱县"]


def test_same_name_in_two_provinces_takes_the_province_named(gaz):
    assert found(gaz, "吉林省长春市的朝阳区", "zh")[-1][1:] == ("Jilin", "county", "220104")
    assert found(gaz, "北京市朝阳区", "zh") == [("北京市朝阳区", "Beijing", "county", "110105")]
    text = "Taizhou, Zhejiang and Taizhou in Jiangsu Province"
    assert [(f[0], f[1]) for f in found(gaz, text, "en")] == [
        ("Taizhou, Zhejiang", "Zhejiang"),
        ("Taizhou in Jiangsu Province", "Jiangsu"),
    ]


def test_english_chains_and_forms(gaz):
    text = (
        "Wang said in Fengjiayan village, Sangbi Town, Yonghe County, Shanxi Province. Workers in Guiyang, "
        "Guizhou and Yan’an City, Anhua County, Hunan Province; Inner Mongolia, Xinjiang and Shaanxi; "
        "Xiao County."
    )
    got = found(gaz, text, "en")
    assert got == [
        ("Fengjiayan village, Sangbi Town, Yonghe County, Shanxi Province", "Shanxi", "village", None),
        ("Guiyang, Guizhou", "Guizhou", "prefecture", "520100"),
        ("Yan’an City, Anhua County, Hunan Province", "Hunan", "township", None),
        ("Inner Mongolia", "Inner Mongolia", "province", "150000"),
        ("Xinjiang", "Xinjiang", "province", "650000"),
        ("Shaanxi", "Shaanxi", "province", "610000"),
        ("Xiao County", "Anhui", "county", "341322"),
    ]


def test_english_bare_county_and_personal_names_are_not_places(gaz):
    # "Beilun" is a district of Ningbo, "Baoshan" here part of a person's name: neither is taken on its own.
    assert found(gaz, "working at Beilun Hengda Textiles; Zhao Baoshan told us", "en") == []
    assert found(gaz, "Beilun District is busy. Beilun grows.", "en")[1][:3] == (
        "Beilun",
        "Zhejiang",
        "county",
    )


def test_national_and_group_forms(gaz):
    zh = found(gaz, "全国累计有2680万人,中西部22个省份、52个挂牌督战县", "zh")
    assert [(f[0], f[2]) for f in zh] == [
        ("全国", "national"),
        ("中西部22个省份", "group"),
        ("52个挂牌督战县", "group"),
    ]
    en = found(
        gaz,
        "The 52 listed supervised counties and 22 provinces of the central and western regions, "
        "across the country and in China",
        "en",
    )
    assert [(f[0], f[1], f[2]) for f in en] == [
        ("The 52 listed supervised counties", None, "group"),
        ("22 provinces of the central and western regions", None, "group"),
        ("across the country", None, "national"),
        ("China", None, "national"),
    ]


def test_lookup_and_parent(gaz):
    assert gaz.lookup("Gansu Province").adcode == "620000"
    assert gaz.lookup("甘肃").adcode == "620000"
    assert gaz.lookup("Xi'an").province == "Shaanxi"
    assert gaz.lookup("Guangxi Zhuang Autonomous Region").province == "Guangxi"
    assert gaz.lookup("Macau").province == "Macao"
    assert gaz.lookup("Atlantis") is None
    assert gaz.parent(gaz.lookup("鸡泽县")).name == "邯郸市"
    assert gaz.parent(gaz.lookup("邯郸市")).name == "河北省"
    assert gaz.parent(gaz.lookup("河北省")) is None


def test_former_names_of_the_news_years_still_resolve(gaz):
    # 永年县 became 永年区 in 2016 data revisions; articles still use the old name.
    assert gaz.lookup("永年县").province == "Hebei"


def test_offsets_stay_inside_odd_text(gaz):
    for text in ["", "省", "县县县", "\n\n", "Province County City", "全国" * 50, "X County, , Gansu"]:
        for lang in ("zh", "en"):
            for m in gaz.find(text, lang):
                assert 0 <= m.start < m.end <= len(text)


def test_usual_short_forms_of_autonomous_areas_and_possessives(gaz):
    assert [f[:3] for f in found(gaz, "黔东南州和石柱县", "zh")] == [
        ("黔东南州", "Guizhou", "prefecture"),
        ("石柱县", "Chongqing", "county"),
    ]
    assert [f[0] for f in found(gaz, "Hubei's Enshi and Gansu’s Longnan", "en")] == [
        "Hubei",
        "Enshi",
        "Gansu",
        "Longnan",
    ]


def test_divisions_named_after_one_people_have_a_short_name(gaz):
    # 东乡族自治县 is written 东乡县; in an article on Linxia it is the Gansu county, not Jiangxi's.
    text = "临夏回族自治州积极推进扶贫车间建设。东乡县今年新增扶贫车间9个。"
    assert found(gaz, text, "zh")[-1][1:] == ("Gansu", "county", "622926")
    assert gaz.lookup("鄂温克旗") is not None and gaz.lookup("鄂温克旗").province == "Inner Mongolia"


@pytest.mark.parametrize(
    ("text", "name", "province"),
    [
        ("Over in Yidu, a county-level city on the Yangtze, a factory hires 50 people.", "Yidu", "Hubei"),
        ("The county-level city of Ruijin has built 40 workshops.", "Ruijin", "Jiangxi"),
        ("In Zhidan, a county in the north of the province, 12 workshops opened.", "Zhidan", "Shaanxi"),
    ],
)
def test_english_bare_county_the_text_calls_a_county(gaz, text, name, province):
    hits = {(h[0], h[1], h[2]) for h in found(gaz, text, "en")}
    assert (name, province, "county") in hits


def test_english_bare_county_without_such_words_is_still_not_taken(gaz):
    assert found(gaz, "Yidu said the plan works.", "en") == []


def test_autonomous_counties_with_ethnic_words_and_gezu_short_forms(gaz):
    text = (
        "Rattan weavers of Qiongzhong Li and Miao autonomous county and "
        "Longsheng Various Nationalities Autonomous County"
    )
    got = found(gaz, text, "en")
    assert [(g[1], g[2]) for g in got] == [("Hainan", "county"), ("Guangxi", "county")]
    assert gaz.lookup("Longsheng") is not None and gaz.lookup("Longsheng").province == "Guangxi"
    assert found(gaz, "龙胜县的梯田和龙胜各族自治县", "zh")[0][1:3] == ("Guangxi", "county")


def test_personal_names_that_contain_a_place_are_not_places(gaz):
    assert found(gaz, "州人社局局长何西安介绍,全州新建车间30个。", "zh") == []
    assert found(gaz, "村支书,刘延安说,车间离家近。", "zh") == []
    assert [g[0] for g in found(gaz, "天水和西安介绍了各自的做法。", "zh")] == ["天水", "西安"]


def test_township_named_like_a_prefecture_is_not_the_prefecture(gaz):
    assert found(gaz, "昨天在榆林镇召开现场会。", "zh") == []
    assert [g[0] for g in found(gaz, "榆林乡村旅游发展很快。", "zh")] == ["榆林"]
