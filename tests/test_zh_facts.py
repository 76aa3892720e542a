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
        "招用贫困劳动力10人以上的,可认定为扶贫车间。",
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
    text = "截至4月底,已外出务工贫困劳动力1862.4万人。截至2019年底,为什么外出务工的贫困劳动力还有1860多万人?"
    facts = _facts(text, "2020-05-10")
    assert [(m, v, d) for m, v, d, _, _ in facts] == [
        ("poor_migrant_workers", 18624000, "2020-04-30"),
        ("poor_migrant_workers", 18600000, "2020-04-30"),
    ]


def test_no_time_in_the_text_leaves_as_of_empty() -> None:
    assert _facts("全县扶贫车间吸纳3650人就业。", "2020-06-17")[0][2] is None
