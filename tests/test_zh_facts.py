"""Chinese cue classification, scope, period and as_of, on sentences written for these tests.

Regions come from a stand-in here (every fact national) so that these tests check
only the Chinese rules; the region resolver has its own tests.
"""

from __future__ import annotations

import pytest

from fupin.extract.analysis import Analysis
from fupin.extract.sentences import split_sentences
from fupin.extract.textnorm import normalize
from fupin.extract.zh import find_dates, find_facts, find_quantities

_NATIONAL = {"name": "China", "province": None, "level": "national", "adcode": None}


def _facts(text: str, published: str | None = "2020-06-17") -> list[tuple]:
    norm = normalize(text).text
    analysis = Analysis(text=norm, lang="zh", sentences=split_sentences(norm, "zh"), published=published)
    analysis.quantities = find_quantities(norm)
    analysis.dates = find_dates(norm, published)
    return [
        (d.metric, d.quantity.value, d.as_of, d.scope, d.period)
        for d in find_facts(analysis, region_at=lambda _pos: dict(_NATIONAL))
    ]


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(m, v) for m, v, *_ in _facts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县现已建成扶贫车间143个。", [("workshops", 143)]),
        ("该镇共有312处扶贫工厂。", [("workshops", 312)]),
        ("全市认定“扶贫微工厂”近千家。", [("workshops", 1000)]),
        ("其中已复工的扶贫车间有97个。", [("workshops_resumed", 97)]),
        ("全州扶贫车间已恢复生产415家。", [("workshops_resumed", 415)]),
        ("今年计划再新建扶贫车间60个。", [("workshops_planned", 60)]),
        ("全省扶贫车间复工率达到93.6%。", [("workshop_resumption_rate", 93.6)]),
        ("1500家扶贫车间中超过八成已复工。", [("workshops", 1500), ("workshop_resumption_rate", 80)]),
        ("全省共有扶贫龙头企业836家。", [("enterprises", 836)]),
        ("218家龙头公司全部复工。", [("enterprises", 218), ("enterprises_resumed", 218)]),
        ("龙头企业复工率为96.4%。", [("enterprise_resumption_rate", 96.4)]),
        ("各车间吸纳3650人就业。", [("workers_employed", 3650)]),
        ("带动周边贫困群众460余人实现就近就业。", [("poor_workers_employed", 460)]),
        (
            "安置员工820名,其中建档立卡贫困劳动力312名。",
            [("workers_employed", 820), ("poor_workers_employed", 312)],
        ),
        ("全省贫困劳动力外出务工达到186.4万人。", [("poor_migrant_workers", 1864000)]),
        (
            "已外出务工贫困劳动力103万人,为去年总数的96.8%。",
            [
                ("poor_migrant_workers", 1030000),
                ("poor_migrant_workers_share_of_last_year", 96.8),
            ],
        ),
        ("全区开发公益性岗位1.2万个。", [("jobs", 12000)]),
        ("工人月工资在2500元左右。", [("income", 2500)]),
        ("对新吸纳贫困劳动力的车间,每人给予1000元一次性奖补。", [("subsidy", 1000)]),
        ("全县整合涉农资金3.6亿元。", [("funds", 360000000)]),
    ],
)
def test_metric_cues(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "今年52岁的老张,家有4口人,种了6亩玉米。",
        "全县有贫困人口3.4万人,贫困村87个。",
        "该公司去年实现产值1.2亿元。",
        "现行标准是年收入2300元的贫困线。",
        "带动85户贫困户实现脱贫。",
        "有900多名贫困群众不能外出。",
        "招收贫困劳动力8人以上的,经审核即可认定为扶贫车间。",
        "印发了12个文件,举办了3次培训。",
        "数十名工人正在车间忙碌。",
    ],
)
def test_narrative_numbers_are_not_facts(text: str) -> None:
    assert _facts(text) == []


def test_machine_reworded_vocabulary() -> None:
    reworded = "全县建成扶贫工坊65家,龙头公司已恢复运营120家。"
    assert _metrics(reworded) == [("workshops", 65), ("enterprises_resumed", 120)]


def test_traditional_text_is_read_after_normalisation() -> None:
    assert _metrics("全縣扶貧車間吸納貧困勞動力2萬多人就業。") == [("poor_workers_employed", 20000)]


def test_scope_and_period() -> None:
    facts = _facts("该扶贫车间吸纳工人150名,日工资80元。龙头企业带动就业900人。合作社吸纳社员40人务工。")
    assert [(m, s, p) for m, _, _, s, p in facts] == [
        ("workers_employed", "workshop", None),
        ("income", None, "day"),
        ("workers_employed", "enterprise", None),
        ("workers_employed", "base", None),
    ]


def test_as_of_from_the_clause_the_sentence_and_the_paragraph() -> None:
    text = (
        "截至9月底,全省扶贫车间2300个,吸纳就业6.1万人。\n目前,全市扶贫车间86个。\n"
        "2019年,全县投入资金800万元。"
    )
    facts = _facts(text, "2020-10-15")
    assert [(m, d) for m, _, d, _, _ in facts] == [
        ("workshops", "2020-09-30"),
        ("workers_employed", "2020-09-30"),
        ("workshops", None),
        ("funds", "2019"),
    ]


def test_cut_off_date_opening_a_paragraph_governs_its_next_sentence() -> None:
    text = "截至5月20日,全县复工复产形势向好。扶贫车间已复工128个。"
    assert _facts(text, "2020-06-01")[0][2] == "2020-05-20"


def test_dateline_and_comparison_years_do_not_date_a_figure() -> None:
    text = "新华社兰州4月2日电(记者 李明)全省扶贫车间1280个,相当于去年的112%的贫困劳动力外出务工。"
    facts = _facts(text, "2020-04-02")
    assert facts[0][:3] == ("workshops", 1280, None)


def test_rounded_restatement_keeps_the_date_of_the_exact_figure() -> None:
    text = "截至3月底,外出打工的贫困劳动力有1715.6万人。截至2019年末,怎么还有1710多万贫困劳动力外出打工?"
    facts = _facts(text, "2020-04-15")
    assert [(m, v, d) for m, v, d, _, _ in facts] == [
        ("poor_migrant_workers", 17156000, "2020-03-31"),
        ("poor_migrant_workers", 17100000, "2020-03-31"),
    ]


def test_no_time_in_the_text_leaves_as_of_empty() -> None:
    assert _facts("全县扶贫车间吸纳3650人就业。", "2020-06-17")[0][2] is None


# ---------------------------------------------------------------- families from the held-out review
# (sentences written for these tests; each family is written several ways)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a share of all workshops after a resumption clause, and 占比 / 复工面 / 复工比例
        (
            "全市已有207个扶贫车间复工复产,占全市车间总数的93%。",
            [("workshops_resumed", 207), ("workshop_resumption_rate", 93)],
        ),
        (
            "全县扶贫车间已复工115个,占比89.1%。",
            [("workshops_resumed", 115), ("workshop_resumption_rate", 89.1)],
        ),
        (
            "龙头企业已复工132家,占全部龙头企业的94.3%。",
            [("enterprises_resumed", 132), ("enterprise_resumption_rate", 94.3)],
        ),
        (
            "全省1.2万个扶贫车间中,已复工1.1万个,复工面达91.7%。",
            [("workshops", 12000), ("workshops_resumed", 11000), ("workshop_resumption_rate", 91.7)],
        ),
        ("车间吸纳贫困劳动力120人,占员工总数的60%。", [("poor_workers_employed", 120)]),
        # X 个中已有 Y 个复工; all resumed said in the next clause
        ("在全区的96家扶贫工厂中,已经恢复生产的有81家。", [("workshops", 96), ("workshops_resumed", 81)]),
        ("全县共有扶贫车间54个,已实现全部复工。", [("workshops", 54), ("workshops_resumed", 54)]),
        # 累计 / 共计 / 总数达到 / 增加到: a bare count continuing the sentence's entity
        ("今年新认定扶贫车间56个,累计认定超过1200个。", [("workshops", 56), ("workshops", 1200)]),
        ("全州新建扶贫车间88个,总数达到730个。", [("workshops", 88), ("workshops", 730)]),
        ("全县扶贫车间较去年增加了25个,达到160个。", [("workshops", 160)]),
        # built, not resumed; construction started is planned
        ("今年全县新建扶贫车间18个,已建成投产11个。", [("workshops", 18), ("workshops", 11)]),
        ("扶贫车间已竣工投产9个。", [("workshops", 9)]),
        ("全县扶贫车间开工建设15个。", [("workshops_planned", 15)]),
        # total workers and the poor among them
        (
            "这家车间60余名员工中有20余人是建档立卡贫困户。",
            [("workers_employed", 60), ("poor_workers_employed", 20)],
        ),
        (
            "公司300多名员工里,建档立卡贫困户有80多人。",
            [("workers_employed", 300), ("poor_workers_employed", 80)],
        ),
        (
            "该车间的120名职工当中,贫困劳动力有48人。",
            [("workers_employed", 120), ("poor_workers_employed", 48)],
        ),
        # staff back at their posts are employed; poor labourers back at work are migrants
        ("工厂3月2日复工,目前96名员工已全部返岗。", [("workers_employed", 96)]),
        ("全县贫困劳动力返岗2.3万人。", [("poor_migrant_workers", 23000)]),
        # breakdowns of migrant work by destination are parts, not facts (metrics.md, settled cases)
        (
            "全市贫困劳动力外出务工6.8万人,其中省外务工3.9万人、省内务工2.9万人。",
            [("poor_migrant_workers", 68000)],
        ),
        (
            "截至4月底,全省已外出务工贫困劳动力82万人。其中,市外务工46万人。",
            [("poor_migrant_workers", 820000)],
        ),
        # a part that is poor changes the metric and stays a fact
        (
            "全县农民工外出务工5.2万人,其中贫困劳动力1.1万人。",
            [("poor_migrant_workers", 11000)],
        ),
        ("其中,县外务工8000人。", []),
        ("外出务工6600人,其中贫困户1200人,还有1100名贫困户不能外出。", [("poor_migrant_workers", 1200)]),
        # differences against a base are not stocks
        ("全县扶贫车间比去年增加30个。", []),
        ("与去年相比,全县扶贫车间多了40个。", []),
        ("全省扶贫车间吸纳就业人数比去年增加1.2万人。", []),
    ],
)
def test_share_part_and_continuation_families(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


def test_bare_resumption_figures_take_the_entity_of_their_paragraph() -> None:
    text = "平山县共认定扶贫车间215个。截至5月10日,全县复工198个,复工率92.1%。"
    assert _facts(text, "2020-05-20") == [
        ("workshops", 215, None, None, None),
        ("workshops_resumed", 198, "2020-05-10", None, None),
        ("workshop_resumption_rate", 92.1, "2020-05-10", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县去年共有扶贫车间245个。", [("workshops", 245, "2019")]),
        ("该市前年建成扶贫车间76个。", [("workshops", 76, "2018")]),
        ("全省扶贫车间今年吸纳就业4.2万人。", [("workers_employed", 42000, "2020")]),
        ("全县2019年建成扶贫车间50个。", [("workshops", 50, "2019")]),
        ("全县扶贫车间由去年的64个增至今年的95个。", [("workshops", 64, "2019"), ("workshops", 95, "2020")]),
        ("全县扶贫车间从去年的120个增加到180个。", [("workshops", 120, "2019"), ("workshops", 180, None)]),
        ("全县去年脱贫摘帽,现有扶贫车间50个。", [("workshops", 50, None)]),
    ],
)
def test_a_year_inside_the_clause_dates_the_figure_after_it(text: str, expected: list[tuple]) -> None:
    assert [(m, v, d) for m, v, d, _, _ in _facts(text, "2020-07-10")] == expected


def test_a_headline_figure_takes_the_date_of_its_restatement() -> None:
    text = "安康:扶贫车间复工率超九成\n\n截至3月15日,全市扶贫车间复工率达到91.4%。"
    facts = _facts(text, "2020-03-20")
    assert [(m, v, d) for m, v, d, _, _ in facts] == [
        ("workshop_resumption_rate", 90, "2020-03-15"),
        ("workshop_resumption_rate", 91.4, "2020-03-15"),
    ]


def test_a_headline_without_a_restatement_keeps_no_date() -> None:
    text = "安康:扶贫车间复工率达95%\n\n截至3月15日,全市龙头企业复工率达到91.4%。"
    assert _facts(text, "2020-03-20")[0][2] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a worker's own regular wage in speech is income; the period comes from 一个月 / 一天
        ("“在村里的车间干活,一个月能拿3100多元。”她说。", [("income", 3100, "month")]),
        ("“离家不远,一天可领九十多块。”", [("income", 90, "day")]),
        # an extra on top of a wage is not the wage
        ("“下了班再做点手工,还能多挣200元。”", []),
    ],
)
def test_wages_in_speech(text: str, expected: list[tuple]) -> None:
    assert [(m, v, p) for m, v, _, _, p in _facts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年前4个月,该县共输转贫困劳动力8600人。", [("poor_migrant_workers", 8600)]),
        ("全市劳务输出建档立卡贫困劳动力3.4万人。", [("poor_migrant_workers", 34000)]),
        (
            "全省扶贫龙头企业418家已复工402家,复工率96.2%。",
            [
                ("enterprises", 418),
                ("enterprises_resumed", 402),
                ("enterprise_resumption_rate", 96.2),
            ],
        ),
    ],
)
def test_labour_export_and_total_then_resumed(text: str, expected: list[tuple[str, float]]) -> None:
    assert _metrics(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "该社区共安置易地搬迁群众1300余户5800余人。",  # resettled, not employed
        "车间主任说:“订单已经排到年后,还要再招30名工人。”",  # future hiring
        "公司计划招收120名贫困劳动力。",
        "要确保每个零就业家庭至少有1人就业。",  # a minimum, not a count
        "对车间每带动1名贫困劳动力就业给予奖励。",  # a per-unit rate
        "【推荐】最新网址 注册送彩金 月入3万不是梦",  # an advertising line
    ],
)
def test_plans_thresholds_resettlement_and_spam_are_not_counts(text: str) -> None:
    assert _facts(text) == []


def test_same_period_takes_the_period_named_before() -> None:
    text = "1至4月,该县外出务工贫困劳动力2.3万人。同期,全市外出务工贫困劳动力9.1万人。"
    assert [(v, d) for _, v, d, _, _ in _facts(text, "2020-05-20")] == [
        (23000, "2020-04"),
        (91000, "2020-04"),
    ]


def test_the_base_of_a_comparison_does_not_date_the_share() -> None:
    text = "截至7月底,全县外出务工贫困劳动力3.2万人,相当于上年底的98.6%。"
    assert [(m, d) for m, _, d, _, _ in _facts(text, "2020-08-15")] == [
        ("poor_migrant_workers", "2020-07-31"),
        ("poor_migrant_workers_share_of_last_year", "2020-07-31"),
    ]


def test_a_month_ahead_of_publication_is_not_a_count_date() -> None:
    text = "排产计划已到10月,车间共有员工85名。"
    assert [(m, v, d) for m, v, d, _, _ in _facts(text, "2020-07-02")] == [("workers_employed", 85, None)]


def test_opening_year_dates_the_paragraph_of_a_later_article() -> None:
    text = "2019年,陇南市劳务输出建档立卡贫困劳动力15.6万人。全市全年新建就业车间40个,累计认定就业车间210个。"
    facts = _facts(text, published="2020-02-10")
    assert ("poor_migrant_workers", 156000, "2019") in [f[:3] for f in facts]
    assert ("workshops", 40, "2019") in [f[:3] for f in facts]
    assert ("workshops", 210, "2019") in [f[:3] for f in facts]


def test_title_year_of_a_review_dates_undated_figures() -> None:
    text = "某县2019年就业扶贫回顾\n\n扶贫车间方面,全县全年新建扶贫车间12个,累计吸纳就业900人。"
    facts = [f[:3] for f in _facts(text, published="2020-01-20")]
    assert ("workshops", 12, "2019") in facts
    assert ("workers_employed", 900, "2019") in facts


def test_share_of_last_year_for_labour_export() -> None:
    text = "今年全县共劳务输转贫困劳动力3.2万人,相当于上年的97.5%。"
    facts = [f[:3] for f in _facts(text)]
    assert ("poor_migrant_workers_share_of_last_year", 97.5, "2020") in facts
    assert ("poor_migrant_workers", 32000, "2020") in facts


def test_second_subset_narrows_the_clause_right_before_it() -> None:
    text = "全区认定就业车间96个,其中已复工90个,带动就业4300人,其中脱贫劳动力1820人。"
    assert ("poor_workers_employed", 1820) in _metrics(text)
    assert ("workers_employed", 4300) in _metrics(text)
