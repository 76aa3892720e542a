"""Chinese wording families behind errors on real pages, each pinned by sentences written here.

None of the sentences is copied from an evaluation page: each family is checked on several
wordings, with near misses that must keep their fact. The whole extractor runs (quantities,
dates, places, rules), so region and date are checked with the metric.
"""

from __future__ import annotations

import pytest
from extract_support import article_facts


def _facts(text: str, published: str = "2020-06-10", title: str | None = None) -> list[tuple]:
    facts = article_facts(text, "zh", published, title, officials=False)
    return [(f["metric"], f["value"], f["region"]["province"], f["as_of"]) for f in facts]


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(m, round(v, 6)) for m, v, _, _ in _facts(text)]


# ------------------------------------------------------------ expected figures are not achieved


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年该县计划新建扶贫车间40个,预计可带动1500名贫困群众就业。", [("workshops_planned", 40)]),
        ("产业园建成后可为群众提供就业岗位260余个。", []),
        ("项目建成后,预计可提供就业岗位300个,带动500名贫困人口增收。", []),
        ("该车间投产后将吸纳200余名群众就业。", []),
        ("新厂房将直接带动800人就业。", []),
        ("到年底,全县力争实现贫困劳动力就业1.2万人。", []),
        ("车间满负荷运转后,工人人均年收入有望超过3万元。", []),
        # near misses: achieved figures, and 将 as the object marker
        ("该车间建成后吸纳了60名村民就业。", [("workers_employed", 60)]),
        ("目前已提供就业岗位260个。", [("jobs", 260)]),
        ("该镇将扶贫车间建在村口,已吸纳800人到车间就业。", [("workers_employed", 800)]),
        ("今年将安排扶贫车间奖补资金3000万元。", [("funds", 30000000)]),
        ("车间实现了预期目标,吸纳就业300人。", [("workers_employed", 300)]),
        ("超额完成目标任务,带动贫困群众就业500人。", [("poor_workers_employed", 500)]),
    ],
)
def test_expected_figures_are_not_facts(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ households are not people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("该公司吸纳当地村民150名就业,其中贫困户23户。", [("workers_employed", 150)]),
        ("扶贫车间直接带动180余户贫困家庭实现就业。", []),
        ("可保证两个村36户贫困家庭劳动力就业。", []),
        # near misses: people counted with their households, and 户 as a noun after 个/名
        ("带动56户贫困户82人在车间就业。", [("poor_workers_employed", 82)]),
        ("车间吸纳了40名贫困户就业。", [("poor_workers_employed", 40)]),
    ],
)
def test_households_are_not_people(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ money that is no worker's wage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("通过发展扶贫车间,贫困户户均增收6000元。", []),
        ("入股分红让120户贫困户户均年收入增加2000元。", []),
        ("全县农村居民人均可支配收入达到11850元。", []),
        ("2019年全镇贫困户人均纯收入增加到8960元。", []),
        ("村集体经济收入达到28万元。", []),
        ("该村村民年人均收入从2014年的2100元提高到1.2万元。", []),
        # near misses: what workers earn
        ("车间工人人均月收入2600元。", [("income", 2600)]),
        ("在车间上班的贫困劳动力人均收入达1800元每月。", [("income", 1800)]),
        ("她每个月能拿到2200元工资。", [("income", 2200)]),
    ],
)
def test_money_that_is_no_wage(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ 当年 / 同年 is the year written before


def test_that_year_is_the_year_written_before() -> None:
    text = "该社区于2018年建起扶贫车间。当年10月,车间正式投产,提供就业岗位45个。"
    assert [(m, v, d) for m, v, _, d in _facts(text)] == [("jobs", 45, "2018-10")]
    text = "2019年,全县新建扶贫车间30个,同年吸纳就业900人。"
    assert [(m, d) for m, _, _, d in _facts(text)] == [("workshops", "2019"), ("workers_employed", "2019")]


def test_that_year_without_a_written_year_is_the_publication_year() -> None:
    assert [(m, d) for m, _, _, d in _facts("当年,全县扶贫车间吸纳就业1200人。")] == [
        ("workers_employed", "2020")
    ]


# ------------------------------------------------------------ places that name an organization


def test_a_park_named_after_a_donor_province_is_not_the_place() -> None:
    text = (
        "和田地区墨玉县大力发展扶贫产业。\n墨玉县重点打造北京工业园区、北京纺织园区,提供了近3万个工作岗位。"
    )
    assert _facts(text) == [("jobs", 30000, "Xinjiang", "2020-06-10")]


def test_a_company_from_a_province_listed_elsewhere_is_not_the_place() -> None:
    text = "郧西县先后从上海、江苏等地引进12家服装企业。\n与郧西签约的上海华东新材料有限公司总投资达8亿元。"
    assert [(m, v, p) for m, v, p, _ in _facts(text)] == [("funds", 800000000, "Hubei")]


def test_a_park_of_the_story_province_keeps_its_place() -> None:
    text = "甘肃省临夏县建成扶贫车间62个。\n临夏县工业园区吸纳就业1200人。"
    assert {p for _, _, p, _ in _facts(text)} == {"Gansu"}


# ------------------------------------------------------------ a wage is never "in China"


def test_a_wage_before_any_place_takes_the_article_province() -> None:
    text = (
        "李大姐是车间里的缝纫工,每月有2800多元的收入。\n"
        "类似的扶贫车间已在定西遍地开花。截至目前,福州累计帮扶定西建设扶贫车间181个。\n"
        "福州市选派干部到定西挂职。福州、定西两地携手推进产业扶贫。"
    )
    facts = _facts(text)
    assert ("income", 2800, "Gansu") in [(m, v, p) for m, v, p, _ in facts]


# ------------------------------------------------------------ a date that is a comparison base


@pytest.mark.parametrize(
    "text",
    [
        "全省贫困劳动力外出务工规模达到去年的102%。",
        "全省外出务工贫困劳动力人数达去年的98.5%。",
        "全省外出务工贫困劳动力为去年的104%。",
    ],
)
def test_the_base_year_of_a_share_is_not_its_date(text: str) -> None:
    assert [(m, d) for m, _, _, d in _facts(text)] == [
        ("poor_migrant_workers_share_of_last_year", "2020-06-10")
    ]


# ------------------------------------------------------------ a change of level, with its years


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县扶贫车间由2018年的120个增加到2020年的260个。", [(120, "2018"), (260, "2020")]),
        ("扶贫车间数量由2018年的120个增加到目前的260个。", [(120, "2018"), (260, "2020-06-10")]),
        ("全县扶贫车间从去年的95个增加到今年的140个。", [(95, "2019"), (140, "2020")]),
    ],
)
def test_both_ends_of_a_change_of_level(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(v, d) for m, v, _, d in _facts(text) if m == "workshops"] == expected


# ------------------------------------------------------------ people counted with 个


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("该企业已吸纳120个建档立卡户就业。", [("poor_workers_employed", 120)]),
        ("车间共有45个残疾人上班。", [("workers_employed", 45)]),
        ("全村有12个建档立卡户,都已脱贫。", []),
        ("园区提供了800个适合残疾人和建档立卡户的就业岗位。", [("jobs", 800)]),
    ],
)
def test_people_counted_with_ge(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a wage said without 元


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("她说,一个月能挣上1800左右,还能照顾孩子。", [("income", 1800)]),
        ("她一天能赚100多,比种地强。", [("income", 100)]),
        ("每月工资3000,还交五险。", [("income", 3000)]),
        ("一个月能挣1800斤粮食。", []),
        ("他挣了1800。", []),
    ],
)
def test_a_wage_without_its_unit(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ things named as workshops


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至目前,全县已认定46家经营主体为就业扶贫车间。", [("workshops", 46)]),
        ("全市共命名30家企业为扶贫龙头企业。", [("enterprises", 30)]),
        ("全县32个乡镇建有扶贫车间。", []),
        ("该县有15家企业为扶贫车间提供订单。", []),
    ],
)
def test_things_named_as_workshops(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a migrant count that goes on


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全县贫困劳动力外出务工5.6万人,今年以来已外出务工5.8万人。",
            [("poor_migrant_workers", 56000), ("poor_migrant_workers", 58000)],
        ),
        ("全县贫困劳动力外出务工5.6万人,全县农民工外出务工12万人。", [("poor_migrant_workers", 56000)]),
        ("全县贫困劳动力外出务工5.6万人,其中省外务工2万人。", [("poor_migrant_workers", 56000)]),
    ],
)
def test_a_migrant_count_going_on_with_poor_migrants(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ aid built in a place


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("与福建省对口协作以来,福州市在定西市援建扶贫车间181个。", "Gansu"),
        ("浙江省湖州市与四川省广元市结对,在广元援建扶贫车间45个。", "Sichuan"),
        ("青岛市帮助陇南市建设扶贫车间120个。", "Gansu"),
    ],
)
def test_aid_built_in_a_place_is_that_place(text: str, province: str) -> None:
    assert [p for _, _, p, _ in _facts(text)] == [province]


def test_a_donor_named_before_its_aid_is_still_no_place() -> None:
    text = "宁夏西吉县建成扶贫车间40个。\n莆田市的帮扶资金达到1597万元。"
    assert {p for _, _, p, _ in _facts(text)} == {"Ningxia"}


# ------------------------------------------------------------ a scene is no statistic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("走进扶贫车间,20多名工人正对包装好的蘑菇进行分拣。", []),
        ("车间里,100多个村民正在缝纫机前飞针走线。", []),
        ("贫困户老李跟100多名村民一道在村口整理头发。", []),
        ("记者看到30多名工人在流水线上忙碌。", []),
        # near misses: the workforce as a count
        ("车间现有工人120名,其中贫困户48人。", [("workers_employed", 120), ("poor_workers_employed", 48)]),
        ("扶贫车间吸纳了30多名村民就业,目前正在扩建厂房。", [("workers_employed", 30)]),
    ],
)
def test_a_scene_is_no_statistic(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ funds per unit are no total


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("省里为14个贫困县各安排1200万元扶持发展产业园。", []),
        ("县均援助资金从1000多万元提高至近5000万元。", []),
        ("为全市860个贫困村每村投放30万元互助资金。", []),
        # near misses: totals, 各级 / 各地, and a subsidy per unit
        ("各级财政投入扶贫资金3亿元。", [("funds", 300000000)]),
        ("各乡镇累计投入资金500万元。", [("funds", 5000000)]),
        ("全县共安排扶贫资金1.2亿元。", [("funds", 120000000)]),
        ("为每个扶贫车间提供不超过5万元的以奖代补资金。", [("subsidy", 50000)]),
    ],
)
def test_funds_per_unit_are_no_total(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ people not (yet) at work


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年以来共举办专场招聘会15场,达成就业意向3000人。", []),
        ("全县摸排出有外出务工意愿的贫困劳动力2.1万人。", []),
        ("全县还有320名贫困劳动力未实现就业。", []),
        ("帮扶干部为230名贫困户发放就业补贴。", []),
        ("该县包车输送1.2万名务工人员返岗。", []),
        # near misses
        ("全县共有贫困劳动力4.6万人,其中已就业4.1万人。", [("poor_workers_employed", 41000)]),
        ("车间87名工人已全部返岗。", [("workers_employed", 87)]),
        ("为150多人提供了就业岗位。", [("workers_employed", 150)]),
    ],
)
def test_people_not_at_work(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ labour sent to a place


@pytest.mark.parametrize(
    "text",
    [
        "甘肃省临夏县大力开展劳务输出。今年以来,全县向江苏输送贫困劳动力1200人。",
        "甘肃省临夏县大力开展劳务输出。全县向广东、浙江等地输出贫困劳动力3.2万人。",
    ],
)
def test_labour_sent_to_a_place_is_counted_at_home(text: str) -> None:
    assert [(m, p) for m, _, p, _ in _facts(text)] == [("poor_migrant_workers", "Gansu")]


# ------------------------------------------------------------ 分别: values in the order of their entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全省扶贫龙头企业、扶贫车间复工率分别达到97.3%和95.6%。",
            [("enterprise_resumption_rate", 97.3), ("workshop_resumption_rate", 95.6)],
        ),
        (
            "全市扶贫车间和扶贫龙头企业复工率分别为92%、98%。",
            [("workshop_resumption_rate", 92), ("enterprise_resumption_rate", 98)],
        ),
        (
            "全省扶贫龙头企业和扶贫车间分别复工1200家和3400个。",
            [("enterprises_resumed", 1200), ("workshops_resumed", 3400)],
        ),
        # near miss: one rate said of both
        (
            "扶贫龙头企业和扶贫车间的复工率超过了95%。",
            [("enterprise_resumption_rate", 95), ("workshop_resumption_rate", 95)],
        ),
    ],
)
def test_respective_values(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a rate that rose is a rate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全市扶贫车间复工率从2月底的45%提高到目前的96%。",
            [("workshop_resumption_rate", 45, "2020-02-29"), ("workshop_resumption_rate", 96, "2020-06-10")],
        ),
        ("全县扶贫车间复工率比上周提高了12%。", []),
        ("全省外出务工贫困劳动力人数同比增长8.5%。", []),
    ],
)
def test_a_rate_that_rose_to_a_level(text: str, expected: list[tuple]) -> None:
    assert [(m, v, d) for m, v, _, d in _facts(text)] == expected


# ------------------------------------------------------------ parts of a total by kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全县已认定46家经营主体为扶贫车间,其中工厂式扶贫车间34家,种养式扶贫车间12家。",
            [("workshops", 46)],
        ),
        ("全县扶贫龙头企业达到56家,其中国家级2家。", [("enterprises", 56)]),
        # near misses: a part with its own place, and the resumed part
        (
            "全州扶贫车间287个,其中贡山县扶贫车间9个。",
            [("workshops", 287), ("workshops", 9)],
        ),
        ("全州建成扶贫车间412个,其中已复工398个。", [("workshops", 412), ("workshops_resumed", 398)]),
    ],
)
def test_parts_of_a_total_by_kind(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ 投产 is going into production


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年新建的30个扶贫车间已全部投产。", [("workshops", 30)]),
        ("全县56个扶贫车间均已投产,吸纳就业1200人。", [("workshops", 56), ("workers_employed", 1200)]),
        # near misses: resumption words
        ("受疫情影响停产的扶贫车间已重新投产25个。", [("workshops_resumed", 25)]),
        ("全县扶贫车间已恢复生产98个。", [("workshops_resumed", 98)]),
    ],
)
def test_going_into_production_is_no_resumption(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ 龙头 that is no enterprise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县培育壮大龙头产业3个,建成特色产业基地20个。", []),
        ("全县培育各类带贫主体320个。", []),
        # near misses
        ("全省共有扶贫龙头企业836家。", [("enterprises", 836)]),
        ("218家龙头公司全部复工。", [("enterprises", 218), ("enterprises_resumed", 218)]),
    ],
)
def test_leading_words_that_are_no_enterprise(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a goal's year is not the article's year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2017年,全县建成扶贫车间30个。力争到2020年实现贫困人口全部脱贫。", 2017),
        ("2018年,全县建成扶贫车间30个,确保2020年全面建成小康社会。", 2018),
        ("2018年全县建成扶贫车间30个,2020年前全部脱贫。", 2018),
        ("2018年,全县建成扶贫车间30个。“十三五”期间(2016-2020年),全县将实施搬迁。", 2018),
        # near misses: years looked back on
        ("截至2019年底,全县建成扶贫车间30个。", 2020),
        ("到2019年底,全县建成扶贫车间30个。", 2020),
        ("2020年3月,全县扶贫车间全部复工。", 2020),
    ],
)
def test_the_reference_year_skips_goals(text: str, year: int) -> None:
    from fupin.extract.zh.dates import reference_year

    assert reference_year(text, None) == year


def test_a_month_in_an_undated_article_takes_the_year_looked_back_on() -> None:
    text = "2017年,全县建成扶贫车间30个。截至5月底,全县扶贫车间达到45个。力争到2020年全部脱贫。"
    facts = article_facts(text, "zh", published=None, officials=False)
    assert [(f["value"], f["as_of"]) for f in facts] == [(30, "2017"), (45, "2017-05-31")]


# ------------------------------------------------------------ the first N months of a year


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("今年前5个月,全县贫困劳动力外出务工2.1万人。", "2020-05"),
        ("今年前两个月,全县贫困劳动力外出务工1.3万人。", "2020-02"),
        ("2019年前10个月,全县贫困劳动力外出务工2.8万人。", "2019-10"),
        ("今年1至5月,全县贫困劳动力外出务工2.1万人。", "2020-05"),
    ],
)
def test_the_first_months_of_a_year(text: str, as_of: str) -> None:
    assert [d for _, _, _, d in _facts(text)] == [as_of]


def test_ahead_of_time_is_no_period() -> None:
    from fupin.extract.zh.dates import find_dates

    assert find_dates("全县提前3个月完成任务。", "2020-06-10") == []


# ------------------------------------------------------------ a resumption of other things


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县扶贫车间吸纳就业2000人。截至目前,全县已复工复产企业320家。", [("workers_employed", 2000)]),
        ("全县有扶贫车间120个。今年以来,全县已开工扶贫项目86个。", [("workshops", 120)]),
        (
            "全县扶贫龙头企业复工率达98%。全县规模以上工业企业已复工356家。",
            [("enterprise_resumption_rate", 98)],
        ),
        ("全县扶贫车间已全部复工。全县共有企业1200家,已复工1100家。", []),
        # near misses: the paragraph's workshops and the sentence's own leading enterprises
        (
            "全县有扶贫车间120个,吸纳就业3000人。目前已复工110个。",
            [("workshops", 120), ("workers_employed", 3000), ("workshops_resumed", 110)],
        ),
        ("全县龙头企业263家已复工259家。", [("enterprises", 263), ("enterprises_resumed", 259)]),
    ],
)
def test_a_resumption_of_other_things(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


def test_not_yet_resumed_is_no_resumption() -> None:
    text = "全市共有扶贫车间256个,已复工238个,另有18个因原材料短缺暂未复工。"
    assert _metrics(text) == [("workshops", 256), ("workshops_resumed", 238)]


# ------------------------------------------------------------ posts advertised or missing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县举办网络招聘会12场,发布岗位信息2.3万个。", []),
        ("全县现有岗位缺口1200个。", []),
        ("全县统筹开发乡村公益性岗位3200个。", [("jobs", 3200)]),
    ],
)
def test_posts_advertised_or_missing(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ 目前 after a cut-off restates it


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("截至6月底,目前全县已建成扶贫车间120个。", "2020-06-30"),
        ("截至6月底,全县目前已建成扶贫车间120个。", "2020-06-30"),
        # near misses: 目前 alone, and after a date that is no cut-off
        ("目前,全县已建成扶贫车间120个。", "2020-06-10"),
        ("该车间2018年3月建成,目前有工人80名。", "2020-06-10"),
    ],
)
def test_now_after_a_cutoff(text: str, as_of: str) -> None:
    assert [d for _, _, _, d in _facts(text)] == [as_of]


# ------------------------------------------------------------ a breakdown by place


def test_every_place_of_a_breakdown_counts() -> None:
    text = "甘肃省共建成扶贫车间3000个,其中定西市500个、陇南市420个、天水市380个。"
    assert [(v, p) for m, v, p, _ in _facts(text) if m == "workshops"] == [
        (3000, "Gansu"),
        (500, "Gansu"),
        (420, "Gansu"),
        (380, "Gansu"),
    ]


def test_a_breakdown_by_place_keeps_the_metric_of_its_first_item() -> None:
    text = "甘肃省扶贫龙头企业复工1200家,其中兰州市复工300家,天水市200家。"
    assert _metrics(text) == [
        ("enterprises_resumed", 1200),
        ("enterprises_resumed", 300),
        ("enterprises_resumed", 200),
    ]


# ------------------------------------------------------------ a bare hundred yuan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在车间上班的工人日均百元收入。", [("income", 100)]),
        ("她每个月也能挣好几千元。", []),
        ("工人每天能挣两百元。", [("income", 200)]),
    ],
)
def test_a_bare_hundred_yuan(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a per-person standard is a subsidy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全省投入资金8.6亿元,按照山区4800元/人、川区4200元/人的标准,实施到户产业扶持。",
            [("funds", 860000000), ("subsidy", 4800), ("subsidy", 4200)],
        ),
        ("全县按照3000元/人的标准投入产业扶持资金。", [("subsidy", 3000)]),
        # near misses: a price per person, and a total
        ("景区门票按80元/人的标准收取。", []),
        ("全县投入产业扶持资金3000万元。", [("funds", 30000000)]),
    ],
)
def test_a_per_person_standard_is_a_subsidy(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a workplace's own people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公司建档立卡户就有30多人,占到总用工的近一半。", [("poor_workers_employed", 30)]),
        ("车间里共有残疾人12名。", [("workers_employed", 12)]),
        # near misses: the population of a place, and things a company has
        ("该公司所在的村有贫困人口300人。", []),
        ("全村贫困户有120人。", []),
        ("公司有3个车间。", []),
    ],
)
def test_a_workplace_has_its_people(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ 从事: people engaged in work


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("合作社辐射带动300余名留守妇女从事刺绣加工。", [("workers_employed", 300)]),
        ("全县有2000多名贫困群众从事发制品加工。", [("poor_workers_employed", 2000)]),
        # near miss: what workshops do
        ("该县86个扶贫车间主要从事杂粮加工。", [("workshops", 86)]),
    ],
)
def test_people_engaged_in_work(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a cut-off date and a year word


def _dated(text: str, published: str = "2020-10-12") -> list[tuple[str, float, str | None]]:
    return [(m, round(v, 6), d) for m, v, _, d in _facts(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year word says which period is counted, the cut-off before it when
        (
            "截至9月30日,全省28个贫困县今年外出务工贫困劳动力已达85.6万人。",
            [("poor_migrant_workers", 856000, "2020-09-30")],
        ),
        ("到8月底,甘肃省今年以来新建扶贫车间320个。", [("workshops", 320, "2020-08-31")]),
        ("陕西省截至6月底今年累计认定扶贫车间1250个。", [("workshops", 1250, "2020-06-30")]),
        (
            "截至9月底,全县今年累计建成扶贫车间46个,吸纳就业1800人。",
            [("workshops", 46, "2020-09-30"), ("workers_employed", 1800, "2020-09-30")],
        ),
        # near misses: a year word of another year, a cut-off of another year, a release date
        ("截至6月底,全省去年建成的扶贫车间有300个。", [("workshops", 300, "2019")]),
        ("截至2019年底,甘肃省今年建成扶贫车间300个。", [("workshops", 300, "2020")]),
        ("9月20日,记者从甘肃省人社厅获悉,今年全省已建成扶贫车间300个。", [("workshops", 300, "2020")]),
    ],
)
def test_a_cut_off_dates_a_year_word_after_it(text: str, expected: list[tuple]) -> None:
    assert _dated(text) == expected


# ------------------------------------------------------------ a paragraph at the same time as the last


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "截至9月30日,甘肃省贫困劳动力外出务工达200万人。\n\n与此同时,全省扶贫公益岗位安置贫困人口20万人。",
            [("poor_migrant_workers", 2000000, "2020-09-30"), ("jobs", 200000, "2020-09-30")],
        ),
        (
            "截至8月底,四川省扶贫车间已复工1200个。\n\n同期,全省扶贫车间吸纳就业5.6万人。",
            [("workshops_resumed", 1200, "2020-08-31"), ("workers_employed", 56000, "2020-08-31")],
        ),
        # near misses: a paragraph that does not tie itself to the last one, a release date before,
        # and a paragraph with a date of its own
        (
            "截至9月30日,甘肃省贫困劳动力外出务工达200万人。\n\n全省扶贫车间吸纳就业5万人。",
            [("poor_migrant_workers", 2000000, "2020-09-30"), ("workers_employed", 50000, "2020-10-12")],
        ),
        (
            "9月30日,甘肃省召开就业扶贫推进会。\n\n与此同时,全省扶贫车间吸纳就业5万人。",
            [("workers_employed", 50000, "2020-10-12")],
        ),
        (
            "截至9月30日,甘肃省贫困劳动力外出务工达200万人。\n\n与此同时,今年以来全省扶贫车间吸纳就业5万人。",
            [("poor_migrant_workers", 2000000, "2020-09-30"), ("workers_employed", 50000, "2020")],
        ),
    ],
)
def test_a_paragraph_at_the_same_time_keeps_the_date(text: str, expected: list[tuple]) -> None:
    assert _dated(text) == expected


# ------------------------------------------------------------ the conditions a rule rewards


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every number in the list of conditions is a threshold; the reward is the fact
        (
            "对季节性聘用贫困劳动力20人以上、12个月内付给每人劳动报酬超过5000元的扶贫基地,给予10万元一次性奖补。",
            [("subsidy", 100000)],
        ),
        (
            "奖补标准为,吸纳不少于15名贫困劳动力稳定就业,或临时聘用贫困劳动力40人以上、稳定就业6个月以上的就业扶贫基地,给予20万元一次性奖补。",
            [("subsidy", 200000)],
        ),
        ("吸纳贫困劳动力20人以上、稳定就业6个月以上的扶贫车间,每个给予3万元奖补。", [("subsidy", 30000)]),
        ("投资500万元以上、带动贫困户50户以上的龙头企业,可享受贷款贴息。", []),
        (
            "新建扶贫车间吸纳贫困劳动力就业15人以上,且稳定就业半年以上的,按每人1000元给予一次性奖补。",
            [("subsidy", 1000)],
        ),
        # near misses: a figure before a rule in its own clause, a reward per person, a reward won
        (
            "全县扶贫车间吸纳贫困劳动力1200人,对稳定就业的车间,给予每个2万元奖补。",
            [("poor_workers_employed", 1200), ("subsidy", 20000)],
        ),
        ("我们将对扶贫车间给予每吸纳1名贫困劳动力2000元的奖补。", [("subsidy", 2000)]),
        (
            "全县56个扶贫车间吸纳贫困劳动力1300人,其中吸纳10人以上的车间享受了奖补。",
            [("workshops", 56), ("poor_workers_employed", 1300)],
        ),
        (
            "该车间吸纳贫困劳动力25人,获得奖补资金3万元。",
            [("poor_workers_employed", 25), ("funds", 30000)],
        ),
        # a reward of its own before the next rule's conditions: the amount is a fact
        (
            "当地对新建社区工厂给予最高50万元的补助,并对每吸纳一名贫困劳动力稳定就业6个月以上的企业奖励2000元。",
            [("subsidy", 500000), ("subsidy", 2000)],
        ),
        (
            "县里对扶贫车间给予每个3万元补贴,同时对吸纳贫困劳动力10人以上的车间奖励1万元。",
            [("subsidy", 30000), ("subsidy", 10000)],
        ),
        # a workplace described by its count and then honoured: a story, not a rule
        ("吸纳贫困劳动力120人的合作社获得了表彰。", [("poor_workers_employed", 120)]),
        ("带动300名贫困群众就业的扶贫车间,被评为省级示范车间。", [("poor_workers_employed", 300)]),
    ],
)
def test_conditions_of_a_reward_are_not_facts(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ people hired into public-welfare posts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the holders of public-welfare posts count the posts (metrics.md: 公益岗位安置 N -> jobs)
        ("目前,贵州省聘用生态护林员达到9.6万名,带动贫困家庭增收。", [("jobs", 96000)]),
        ("四川省选聘2.3万名建档立卡贫困人口为生态护林员。", [("jobs", 23000)]),
        ("全县共有护路员、保洁员1200名。", [("jobs", 1200)]),
        (
            "2018年以来,全州累计安排生态护林员指标3.2万个,实际聘用3.5万名,带动3.5万个家庭增收。",
            [("jobs", 35000)],
        ),
        ("全州安排生态护林员指标1.1万个。实际聘用1.3万名,其中少数民族占了90%。", [("jobs", 13000)]),
        # near misses: the kinds listed as parts of the posts, a part of the poor named by a kind,
        # hiring by a company
        (
            "全省扶贫公益岗位安置贫困人口16万人,其中护林员5万人,保洁员4万人。",
            [("jobs", 160000)],
        ),
        ("扶贫车间吸纳贫困劳动力200人,其中保洁员20人。", [("poor_workers_employed", 200)]),
        ("该公司实际聘用120名工人。", [("workers_employed", 120)]),
        ("该公司聘用当地村民80名。", [("workers_employed", 80)]),
    ],
)
def test_holders_of_public_welfare_posts_count_posts(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ labour taken in from other regions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # workers from the regions a province helps are not a count of that province's employed
        ("东部9省市吸纳中西部地区贫困人口就业人数达612.3万人。", []),
        ("浙江省接收中西部地区建档立卡贫困劳动力就业28万人。", []),
        ("北京市吸纳对口帮扶地区贫困人口就业3.2万人。", []),
        ("广东省吸纳广西壮族自治区贫困劳动力就业人数达到5万人。", []),
        # near misses: the region's own poor at work
        ("全省扶贫车间吸纳贫困人口就业人数达3.2万人。", [("poor_workers_employed", 32000)]),
        ("该县帮助贫困劳动力就业1200人。", [("poor_workers_employed", 1200)]),
        ("广东省稳定吸纳贫困劳动力就业52万人。", [("poor_workers_employed", 520000)]),
    ],
)
def test_labour_from_other_regions_is_not_counted(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ staff counted with 个 after their noun


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("负责人说:“目前,我们积极解决当地的劳动就业,现有员工300多个。”", [("workers_employed", 300)]),
        ("该扶贫车间工人达到80个。", [("workers_employed", 80)]),
        ("公司现有职工120多个,人均月收入3000元。", [("workers_employed", 120), ("income", 3000)]),
        # near misses: things of the staff, and posts offered to them
        ("公司员工宿舍120个。", []),
        ("车间有员工食堂2个。", []),
        ("公司为员工提供岗位120个。", [("jobs", 120)]),
    ],
)
def test_staff_counted_with_ge_after_their_noun(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ villages named like a prefecture


def _regions(text: str) -> list[tuple[str, float, str | None]]:
    return [(m, round(v, 6), p) for m, v, p, _ in _facts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a township or village sharing a prefecture's short name stays in the story's county
        (
            "山西省翼城县扶贫车间带动中卫乡贫困人口就业300人。",
            [("poor_workers_employed", 300, "Shanxi")],
        ),
        (
            "山西省翼城县扶贫车间吸纳吴忠、木坂等10个村劳动力就业400人。",
            [("workers_employed", 400, "Shanxi")],
        ),
        # near misses: the prefecture itself, and 乡村 / 乡镇 as common nouns after it
        ("宁夏中卫市扶贫车间吸纳就业3000人。", [("workers_employed", 3000, "Ningxia")]),
        ("定西乡村扶贫车间吸纳就业2000人。", [("workers_employed", 2000, "Gansu")]),
        ("中卫乡镇扶贫车间吸纳就业1500人。", [("workers_employed", 1500, "Ningxia")]),
    ],
)
def test_villages_named_like_a_prefecture(text: str, expected: list[tuple]) -> None:
    assert _regions(text) == expected


# ------------------------------------------------------------ 在外务工: working away from home


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至8月31日,甘肃省在外务工贫困劳动力达到86.2万人。", [("poor_migrant_workers", 862000)]),
        ("全县在外就业的贫困劳动力有2.3万人。", [("poor_migrant_workers", 23000)]),
        # near misses: migrants who are not counted as poor, and a worker's own story
        ("全县在外打工的村民有3000多人。", []),
        ("他在外打工多年,如今回到村里的扶贫车间上班,车间有工人50名。", [("workers_employed", 50)]),
    ],
)
def test_working_away_from_home(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a kind of workers beside another count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the disabled or left-behind women listed beside other workers are a part by kind
        ("他创办的服饰公司扶贫车间,有5名残疾人和11名建档立卡贫困户。", [("poor_workers_employed", 11)]),
        ("车间吸纳了8名贫困户、20名留守妇女就业。", [("poor_workers_employed", 8)]),
        ("车间吸纳了30名留守妇女和20名残疾人就业。", []),
        # near misses: a kind counted alone, a total with its poor part, the poor among others
        ("车间里共有残疾人15名。", [("workers_employed", 15)]),
        (
            "合作社吸纳120名妇女就业,其中贫困户30人。",
            [("workers_employed", 120), ("poor_workers_employed", 30)],
        ),
        ("公司已吸纳附近村的260名贫困户和农村富余劳动力就业。", [("workers_employed", 260)]),
    ],
)
def test_a_kind_of_workers_beside_another_count(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a cut-off after the figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省扶贫车间吸纳就业8.6万人,数据截至9月30日。", [("workers_employed", 86000, "2020-09-30")]),
        ("全市扶贫车间吸纳就业2.1万人(数据截止到9月底)。", [("workers_employed", 21000, "2020-09-30")]),
        (
            "全省扶贫车间达到3200个,截至9月底吸纳就业8万人。",
            [("workshops", 3200, "2020-09-30"), ("workers_employed", 80000, "2020-09-30")],
        ),
        # near misses: the base of a change, and a target date
        ("全省扶贫车间吸纳就业8.6万人,比截至6月底增加1万人。", [("workers_employed", 86000, "2020-10-12")]),
        ("全省扶贫车间吸纳就业8.6万人,计划到12月底达到10万人。", [("workers_employed", 86000, "2020-10-12")]),
    ],
)
def test_a_cut_off_after_the_figures_dates_them(text: str, expected: list[tuple]) -> None:
    assert _dated(text) == expected


# ------------------------------------------------------------ a count that grew from one date to another


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全省扶贫车间由去年底的2800个增加到9月底的3200个。",
            [("workshops", 2800, "2019-12-31"), ("workshops", 3200, "2020-09-30")],
        ),
        (
            "全市扶贫车间由6月底的280个增加到9月30日的320个。",
            [("workshops", 280, "2020-06-30"), ("workshops", 320, "2020-09-30")],
        ),
        (
            "全县扶贫车间由2019年12月的28个增加到2020年9月的32个。",
            [("workshops", 28, "2019-12"), ("workshops", 32, "2020-09")],
        ),
        # near miss: a count of another noun after the workshops
        ("全省扶贫车间达到3200个,覆盖12个县。", [("workshops", 3200, "2020-10-12")]),
    ],
)
def test_a_count_grown_between_two_dates(text: str, expected: list[tuple]) -> None:
    assert _dated(text) == expected


# ------------------------------------------------------------ the ones not (yet) resumed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # those still closed, or resuming later, are counted by no metric
        ("全县扶贫车间已复工86个,未复工的4个也将于月底前复工。", [("workshops_resumed", 86)]),
        ("全县扶贫车间已复工70个,剩余5个预计下周复工。", [("workshops_resumed", 70)]),
        ("全县扶贫车间尚有4个未复工。", []),
        ("全县暂未复产的扶贫龙头企业有12家。", []),
        # near misses: the total around the closed ones, and the resumed ones after them
        ("全县90个扶贫车间中尚有4个未复工。", [("workshops", 90)]),
        ("全县扶贫车间90个,其中86个已复工。", [("workshops", 90), ("workshops_resumed", 86)]),
        ("全县扶贫车间已复工86个,另有4个暂未复工。", [("workshops_resumed", 86)]),
    ],
)
def test_workshops_not_yet_resumed(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a sentence that opens on completion


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "建成后, ..." makes the sentence's figures what the project will give
        ("项目建成后,每年可为村集体增加收入20万元,带动100户贫困户增收。", []),
        ("该产业园投产后,可吸纳200名贫困群众就业,人均月收入2500元。", []),
        # money per household is no worker's wage
        ("通过发展扶贫车间,贫困户每户年增收5000元。", []),
        # near misses: what was given after completion, and a worker's monthly wage
        (
            "扶贫车间建成后,已吸纳80名群众就业,人均月收入2200元。",
            [("workers_employed", 80), ("income", 2200)],
        ),
        ("车间工人每月收入2500元。", [("income", 2500)]),
        ("对吸纳贫困劳动力的车间,每户每月补贴500元。", [("subsidy", 500)]),
    ],
)
def test_a_sentence_opening_on_completion_is_expected(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ last year as the base of a share


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "恢复到去年的" names the base of the share, not its date
        (
            "截至9月底,湖北省贫困劳动力外出务工207万人,恢复到去年的96.6%。",
            [
                ("poor_migrant_workers", 2070000, "2020-09-30"),
                ("poor_migrant_workers_share_of_last_year", 96.6, "2020-09-30"),
            ],
        ),
        (
            "河南省贫困劳动力外出务工160万人,回升到去年同期的94.1%。",
            [
                ("poor_migrant_workers", 1600000, "2020-10-12"),
                ("poor_migrant_workers_share_of_last_year", 94.1, "2020-10-12"),
            ],
        ),
        (
            "安徽省贫困劳动力外出务工120万人,恢复至上年的98.2%。",
            [
                ("poor_migrant_workers", 1200000, "2020-10-12"),
                ("poor_migrant_workers_share_of_last_year", 98.2, "2020-10-12"),
            ],
        ),
        (
            "截至9月底,四川省贫困劳动力外出务工215万人,完成去年外出务工总量的103.5%。",
            [
                ("poor_migrant_workers", 2150000, "2020-09-30"),
                ("poor_migrant_workers_share_of_last_year", 103.5, "2020-09-30"),
            ],
        ),
        # near misses: last year as the date of its own figure, and two dated levels of a rate
        ("去年,湖北省贫困劳动力外出务工214万人。", [("poor_migrant_workers", 2140000, "2019")]),
        (
            "全省扶贫车间复工率由2019年的45%提高到2020年的98%。",
            [("workshop_resumption_rate", 45, "2019"), ("workshop_resumption_rate", 98, "2020")],
        ),
    ],
)
def test_last_year_as_the_base_of_a_share(text: str, expected: list[tuple]) -> None:
    assert _dated(text) == expected


# ------------------------------------------------------------ a workplace's count before any place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a workshop's people, or a manager's quoted count, are somewhere, not "in China"
        (
            "“目前,已为150多人提供了就业岗位。”公司经理说。类似的扶贫车间在定西遍地开花,福州累计帮扶定西建设扶贫车间181个。",
            [("workers_employed", 150, "Gansu"), ("workshops", 181, "Gansu")],
        ),
        (
            "这家扶贫车间吸纳了60名村民就业。福州市对口帮扶定西市,定西市临洮县建成扶贫车间40个。",
            [("workers_employed", 60, "Gansu"), ("workshops", 40, "Gansu")],
        ),
        # near misses: a national figure said as such, and an article that names no province
        (
            "全国扶贫车间吸纳贫困人口就业43.7万人。甘肃省扶贫车间吸纳就业2万人。",
            [("poor_workers_employed", 437000, None), ("workers_employed", 20000, "Gansu")],
        ),
        ("扶贫车间吸纳贫困人口就业43.7万人。", [("poor_workers_employed", 437000, None)]),
    ],
)
def test_a_workplace_count_before_any_place(text: str, expected: list[tuple]) -> None:
    assert _regions(text) == expected


# ------------------------------------------------ the employed (or migrants) among poor people just counted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县有就业意愿的贫困劳动力2.3万人,已实现就业2.2万人。", [("poor_workers_employed", 22000)]),
        ("全县共有建档立卡贫困劳动力4.6万人,已就业4.1万人。", [("poor_workers_employed", 41000)]),
        # ...and the poor gone out to work
        ("全县共有建档立卡贫困劳动力4.2万人,已外出务工3.1万人。", [("poor_migrant_workers", 31000)]),
        ("全镇有贫困劳动力5600人,今年已转移就业4200人。", [("poor_migrant_workers", 4200)]),
        # near misses: a clause of work before, and a count that names its own people
        ("全县有劳动力12万人,已外出务工8万人。", []),
        ("全县有贫困劳动力2万人,外出务工的农民工达到15万人。", []),
        (
            "扶贫车间吸纳贫困劳动力200人,带动就业500人。",
            [("poor_workers_employed", 200), ("workers_employed", 500)],
        ),
        ("全县共有贫困劳动力4.6万人,车间吸纳村民就业3000人。", [("workers_employed", 3000)]),
    ],
)
def test_the_employed_among_poor_people_just_counted(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ posts named 专岗 / 扶贫岗


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县共设置护林员、护路员等扶贫专岗1800个。", [("jobs", 1800)]),
        ("全县开发扶贫岗1200个。", [("jobs", 1200)]),
        ("全县开发村级公益专岗860个。", [("jobs", 860)]),
        # near miss: a wage of such a post
        ("他被安排到扶贫专岗,每月工资800元。", [("income", 800)]),
    ],
)
def test_posts_named_zhuangang(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ the head of a rule's conditions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counts under a conditions heading or an obligation are thresholds
        ("认定条件:吸纳贫困劳动力10人以上或占职工总数30%以上。", []),
        ("扶贫车间认定标准为,吸纳贫困劳动力10人以上。", []),
        ("各地要确保每个扶贫车间吸纳贫困劳动力不少于10人。", []),
        ("扶贫车间应吸纳贫困劳动力5人以上。", []),
        # the reward given under a subsidy heading is a subsidy
        ("奖补标准为:每吸纳1名贫困劳动力给予1000元。", [("subsidy", 1000)]),
        ("对扶贫车间实行以奖代补,吸纳贫困劳动力10人以上的,给予2万元。", [("subsidy", 20000)]),
        # and so is the amount each gets after a subsidy total
        (
            "全县为贫困劳动力发放一次性交通补助120万元,每人500元。",
            [("funds", 1200000), ("subsidy", 500)],
        ),
        (
            "全县发放稳岗补贴360万元,惠及贫困劳动力1200人,人均3000元。",
            [("funds", 3600000), ("subsidy", 3000)],
        ),
        ("车间工人享受稳岗补贴,每人每月工资2000元。", [("income", 2000)]),
        # near misses: counts made under the standard, and a part of funds
        (
            "该县按照认定标准,已认定扶贫车间86个,吸纳贫困劳动力1200人。",
            [("workshops", 86), ("poor_workers_employed", 1200)],
        ),
        # 应 and 需 inside other words (响应, 需求) oblige nothing
        ("该县积极响应号召吸纳贫困劳动力120人。", [("poor_workers_employed", 120)]),
        ("车间根据用工需求吸纳贫困劳动力90人。", [("poor_workers_employed", 90)]),
        ("全县发放扶贫车间补贴资金300万元,其中给予龙头企业50万元。", [("funds", 3000000)]),
    ],
)
def test_counts_under_a_conditions_heading(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ what future workshops will give


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # posts and people that workshops still to be built will give are expected, not achieved
        ("今年该县还将新建扶贫车间15个,新增就业岗位800个。", [("workshops_planned", 15)]),
        ("下一步,该县将再建10个扶贫车间,吸纳500人就业。", [("workshops_planned", 10)]),
        ("今年该县将建设扶贫车间20个,带动就业1000人。", [("workshops_planned", 20)]),
        # near misses: workshops built, and 将 as the object marker
        ("今年该县新建扶贫车间15个,新增就业岗位800个。", [("workshops", 15), ("jobs", 800)]),
        ("该县将建设好的厂房免费提供给企业,吸纳就业300人。", [("workers_employed", 300)]),
    ],
)
def test_what_future_workshops_will_give(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ a headline's round figure and its date


def _titled(title: str, text: str) -> list[tuple[str, float, str | None]]:
    return [(m, round(v, 6), d) for m, v, _, d in _facts(text, "2020-10-12", title)]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # "超8万" in the title restates "8.6万" in the lead, and takes its date
        (
            "甘肃:扶贫车间吸纳就业超8万人",
            "截至9月底,甘肃省扶贫车间吸纳就业8.6万人。",
            [("workers_employed", 80000, "2020-09-30"), ("workers_employed", 86000, "2020-09-30")],
        ),
        (
            "宁夏扶贫车间吸纳就业超1.2万人",
            "截至8月底,宁夏扶贫车间吸纳就业1.26万人。",
            [("workers_employed", 12000, "2020-08-31"), ("workers_employed", 12600, "2020-08-31")],
        ),
        # near miss: a figure past the next unit is another figure
        (
            "甘肃扶贫车间吸纳就业超8万人",
            "截至9月底,甘肃省扶贫车间吸纳就业9.6万人。",
            [("workers_employed", 80000, "2020-10-12"), ("workers_employed", 96000, "2020-09-30")],
        ),
    ],
)
def test_a_headline_round_figure_takes_its_date(title: str, text: str, expected: list[tuple]) -> None:
    assert _titled(title, text) == expected


# ------------------------------------------------------------ people at work named as a topic, then counted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在车间务工的贫困群众,全村有47人。", [("poor_workers_employed", 47)]),
        ("像她这样在扶贫车间上班的妇女,全镇有300多人。", [("workers_employed", 300)]),
        ("外出务工的贫困劳动力,全村有120人。", [("poor_migrant_workers", 120)]),
        # near misses: a topic of people not at work, and a share instead of a count
        ("该村的贫困群众,全村有47人。", []),
        ("在车间上班的村民,有一半是贫困户。", []),
    ],
)
def test_people_at_work_named_as_a_topic(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ other ways to say "(下同)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "以下数据均截至9月30日。\n\n全省扶贫车间达到3200个。\n\n全省扶贫车间吸纳就业8.6万人。",
            [("workshops", 3200, "2020-09-30"), ("workers_employed", 86000, "2020-09-30")],
        ),
        (
            "全省扶贫车间达到3200个(数据截至9月30日,下同)。\n\n全省扶贫车间吸纳就业8.6万人。",
            [("workshops", 3200, "2020-09-30"), ("workers_employed", 86000, "2020-09-30")],
        ),
        # near misses: a cut-off without the mark, and a note that is not "the same below"
        (
            "截至9月30日,全省扶贫车间达到3200个。\n\n全省扶贫车间吸纳就业8.6万人。",
            [("workshops", 3200, "2020-09-30"), ("workers_employed", 86000, "2020-10-12")],
        ),
        (
            "全省扶贫车间达到3200个(截至9月30日,不含在建)。\n\n全省扶贫车间吸纳就业8.6万人。",
            [("workshops", 3200, "2020-09-30"), ("workers_employed", 86000, "2020-10-12")],
        ),
    ],
)
def test_other_ways_to_say_the_same_below(text: str, expected: list[tuple]) -> None:
    assert _dated(text) == expected


# ------------------------------------------------------------ wages paid out in total


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年上半年,车间实现销售收入200万元,发放工资80万元。", []),
        ("车间每月发放工资12万元。", []),
        ("车间工人月工资总额达20万元。", []),
        ("车间累计支付劳务报酬90万元。", []),
        # near misses: what each worker gets
        ("车间每月给每人发工资2500元。", [("income", 2500)]),
        ("车间每月发工资2500元。", [("income", 2500)]),
        ("全年发放工资360万元,人均每月3000元。", [("income", 3000)]),
    ],
)
def test_wages_paid_out_in_total(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ posts still to be created


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年计划开发公益岗位300个。", []),
        ("全县拟设置乡村公益性岗位500个。", []),
        ("全县已开发公益岗位300个,今年还将新增岗位100个。", [("jobs", 300)]),
        # near misses: posts made, after a plan named in another clause
        ("全县已开发公益岗位300个。", [("jobs", 300)]),
        ("按照规划,车间已提供就业岗位120个。", [("jobs", 120)]),
        ("按规划建设的扶贫车间已提供就业岗位150个。", [("jobs", 150)]),
    ],
)
def test_posts_still_to_be_created(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ people a plan or target counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年计划吸纳贫困劳动力就业500人。", []),
        ("全年目标任务是转移就业贫困劳动力2万人。", []),
        ("今年全县要实现贫困劳动力转移就业2万人以上。", []),
        ("今年拟安置贫困劳动力就业300人。", []),
        # near misses: people at work as planned, or beyond the plan
        ("按照计划,车间已吸纳贫困劳动力就业300人。", [("poor_workers_employed", 300)]),
        ("车间超额完成计划,吸纳贫困劳动力就业260人。", [("poor_workers_employed", 260)]),
        ("该车间主要完成订单加工,吸纳贫困劳动力就业80人。", [("poor_workers_employed", 80)]),
    ],
)
def test_people_a_plan_counts(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


def _titled_places(title: str, text: str) -> list[tuple[float, str]]:
    return [(f["value"], f["region"]["name"]) for f in article_facts(text, "zh", "2020-10-12", title)]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # the headline names no place it knows: the lead's restatement places it
        (
            "挂牌督战县贫困人口外出就业超295万人",
            "截至9月30日,52个挂牌督战县今年外出就业贫困人口已达295.68万人。",
            [(2950000, "52个挂牌督战县"), (2956800, "52个挂牌督战县")],
        ),
        # near miss: a headline that says the whole country keeps it
        (
            "全国扶贫车间吸纳就业超30万人",
            "截至4月14日,全国扶贫车间吸纳贫困劳动力就业30.9万人。",
            [(300000, "全国"), (309000, "全国")],
        ),
    ],
)
def test_a_headline_round_figure_takes_the_place_of_its_restatement(
    title: str, text: str, expected: list[tuple]
) -> None:
    assert _titled_places(title, text) == expected


# ------------------------------------------------------------ posts offered at a job fair


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年以来,全县举办专场招聘会15场,提供就业岗位6000个。", []),
        ("县人社局举办春风行动招聘会,48家企业提供岗位2300个。", []),
        ("全市开展线上招聘活动,共推送岗位1.8万个。", []),
        ("招聘会上,共有30家企业参会,发布就业岗位1500余个。", []),
        ("通过网络招聘会累计提供岗位1.2万个。", []),
        ("省人社厅组织就业扶贫专场招聘,线上发布岗位4.5万个,达成意向2300人。", []),
        ("参会企业48家,提供岗位2300个,进场求职3000人次。", []),
        ("活动现场共提供就业岗位500多个。", []),
        ("全市企业岗位需求1.2万个。", []),
        ("全市共有空缺岗位1200个。", []),
        ("全县企业用工需求3万人,用工缺口5000人。", []),
        ("县里组织80家企业开展招聘,提供岗位4000余个。", []),
        ("全市发布招聘岗位2.6万个。", []),
        ("县里开展直播带岗,推出岗位3000个。", []),
        ("3月10日,县人社局举办春风行动专场招聘会。此次活动共有45家企业提供就业岗位1800余个。", []),
        ("招聘会现场,有600余名求职者与企业签订了用工协议。", []),
        # near misses: people at work beside a fair, posts made, and posts told before the fair
        (
            "全县举办专场招聘会8场,提供岗位3200个,吸纳就业1100人。",
            [("workers_employed", 1100)],
        ),
        ("通过网络招聘会,帮助2000名贫困劳动力实现就业。", [("poor_workers_employed", 2000)]),
        (
            "县人社局举办专场招聘会。此次活动中,扶贫车间新开发岗位300个。",
            [("jobs", 300)],
        ),
        ("全县举办专场招聘会。本县扶贫车间提供就业岗位500个。", [("jobs", 500)]),
        ("今年以来,县里举办招聘会5场,目前全县扶贫车间提供就业岗位2600个。", [("jobs", 2600)]),
        ("县里举办招聘会5场,截至6月底全县开发岗位2600个。", [("jobs", 2600)]),
        ("全县通过招聘会、点对点输送等方式,开发公益岗位3000个。", [("jobs", 3000)]),
        ("全县扶贫车间提供就业岗位500个,县里还组织了12场网络招聘会。", [("jobs", 500)]),
        ("该公司提供就业岗位300个,吸纳贫困劳动力120人。", [("jobs", 300), ("poor_workers_employed", 120)]),
    ],
)
def test_posts_offered_at_a_job_fair_are_no_jobs(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


# ------------------------------------------------------------ last year's figure beside this year's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "车间工人人均月收入2800元,去年同期为2300元。",
            [("income", 2800, "2020-06-10"), ("income", 2300, "2019")],
        ),
        (
            "2019年,车间工人人均年收入2.6万元,上年为2.1万元。",
            [("income", 26000, "2019"), ("income", 21000, "2018")],
        ),
        (
            "截至6月底,全省共建成扶贫车间1200个,上年同期为980个。",
            [("workshops", 1200, "2020-06-30"), ("workshops", 980, "2019-06-30")],
        ),
        (
            "截至6月底,全省扶贫车间复工率98%,去年同期只有60%。",
            [("workshop_resumption_rate", 98, "2020-06-30"), ("workshop_resumption_rate", 60, "2019-06-30")],
        ),
        (
            "全县扶贫车间达到120个,吸纳就业5000人,去年底为980个。",
            [
                ("workshops", 120, "2020-06-10"),
                ("workers_employed", 5000, "2020-06-10"),
                ("workshops", 980, "2019-12-31"),
            ],
        ),
        (
            "贫困劳动力人均年收入1.5万元,比上年的1.2万元增长25%。",
            [("income", 15000, "2020-06-10"), ("income", 12000, "2019")],
        ),
        (
            "截至2月29日,全县扶贫车间吸纳就业3200人,较去年同期的2600人增加600人。",
            [("workers_employed", 3200, "2020-02-29"), ("workers_employed", 2600, "2019-02-28")],
        ),
        (
            "该扶贫车间今年吸纳就业120人,2019年同期为80人。",
            [("workers_employed", 120, "2020"), ("workers_employed", 80, "2019")],
        ),
        (
            "全县外出务工贫困劳动力5万人,而去年这一数字是4.2万人。",
            [("poor_migrant_workers", 50000, "2020-06-10"), ("poor_migrant_workers", 42000, "2019")],
        ),
        (
            "车间工人人均月收入3000元,高于去年同期的2600元。",
            [("income", 3000, "2020-06-10"), ("income", 2600, "2019")],
        ),
        (
            "全县扶贫车间吸纳就业3000人,比2019年的2600人增加400人。",
            [("workers_employed", 3000, "2020-06-10"), ("workers_employed", 2600, "2019")],
        ),
        (
            "今年全县扶贫车间吸纳就业3200人,上年度为2600人。",
            [("workers_employed", 3200, "2020"), ("workers_employed", 2600, "2019")],
        ),
        # a clause of its own about the same period last year
        (
            "截至6月底,全县贫困劳动力外出务工3200人,去年同期外出务工2600人。",
            [("poor_migrant_workers", 3200, "2020-06-30"), ("poor_migrant_workers", 2600, "2019-06-30")],
        ),
        (
            "今年1-5月,工人人均月收入2800元,去年同期人均月收入2300元。",
            [("income", 2800, "2020-05"), ("income", 2300, "2019-05")],
        ),
        # near misses: a number with a statistic of its own or words of its own, a change against
        # last year, a share of last year, and no figure to pair with
        ("全县扶贫车间吸纳就业3200人,去年有120户贫困户脱贫。", [("workers_employed", 3200, "2020-06-10")]),
        ("全县建成扶贫车间120个,去年有30个村通了公路。", [("workshops", 120, "2020-06-10")]),
        ("全县扶贫车间吸纳就业3200人,去年有1200人次参加培训。", [("workers_employed", 3200, "2020-06-10")]),
        (
            "全县车间吸纳就业3000人,去年有120个扶贫车间建成投产。",
            [("workers_employed", 3000, "2020-06-10"), ("workshops", 120, "2019")],
        ),
        ("今年全县贫困劳动力人均年收入1.2万元,比上年增加2000元。", [("income", 12000, "2020")]),
        ("工人人均月收入3000元,与去年同期相比增加400元。", [("income", 3000, "2020-06-10")]),
        (
            "截至6月底,全县贫困劳动力外出务工3200人,比去年同期增加600人。",
            [("poor_migrant_workers", 3200, "2020-06-30")],
        ),
        (
            "截至6月底,全省外出务工贫困劳动力150万人,为去年的102%。",
            [
                ("poor_migrant_workers", 1500000, "2020-06-30"),
                ("poor_migrant_workers_share_of_last_year", 102, "2020-06-30"),
            ],
        ),
        ("据统计,去年同期为2600人。", []),
    ],
)
def test_last_years_figure_is_a_fact_of_last_year(text: str, expected: list[tuple]) -> None:
    assert _dated(text, "2020-06-10") == expected
