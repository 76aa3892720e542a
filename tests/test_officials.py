"""Quoted officials: rules on unseen sentences, the dev-set bar, names, identity across articles."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import jsonschema
import pytest
from conftest import DEV_SETS, schema

from fupin.extract.officials import find_officials, name_key, officials_view, person_keys, remap_official
from fupin.extract.officials.orgs import find_places
from fupin.extract.sentences import split_sentences

ROOT = Path(__file__).parent.parent


def officials(text: str, lang: str) -> list[dict]:
    return find_officials(text, lang, split_sentences(text, lang), places=find_places(text, lang))


def summary(text: str, lang: str) -> list[tuple]:
    return [(r["name"], r["title"], r["organization"], r["role"]) for r in officials(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "县人社局局长王海军告诉记者，今年全县新建扶贫车间20个。",
            [("王海军", "局长", "县人社局", "official")],
        ),
        (
            "据湖北省扶贫办副主任陈立介绍，全省已建成扶贫车间3000余个。",
            [("陈立", "副主任", "湖北省扶贫办", "official")],
        ),
        (
            "王建国（湖北省人社厅副厅长）表示，将继续加大支持力度。",
            [("王建国", "副厅长", "湖北省人社厅", "official")],
        ),
        (
            "会上，张伟，河南省扶贫办主任，表示全省扶贫车间已全部复工。",
            [("张伟", "主任", "河南省扶贫办", "official")],
        ),
        ("省委书记李强指出，要稳定就业。", [("李强", "书记", "省委", "official")]),
        (
            "湖南华丰服装有限公司是当地龙头企业。“订单排到了年底。”该公司总经理李国华笑着说。",
            [("李国华", "总经理", "湖南华丰服装有限公司", "business")],
        ),
        (
            "贫困户刘大妈说：“感谢党和政府。”镇党委书记欧阳明华说，全镇有扶贫车间12个。",
            [("欧阳明华", "党委书记", "镇党委", "official")],
        ),
        ("村民王小红说，在家门口上班很方便。新华社记者 李明 摄", []),
        ("陈立说，车间很好。女工张丽丽告诉记者，每月能挣三千元。", []),
    ],
)
def test_chinese_forms(text: str, expected: list[tuple]) -> None:
    assert summary(text, "zh") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will build 200 more workshops this year," said Wang Fang, deputy director of the Hunan '
            "Provincial Poverty Alleviation Office.",
            [("Wang Fang", "deputy director", "Hunan Provincial Poverty Alleviation Office", "official")],
        ),
        (
            "Vice Governor Li Ming said the province would add jobs.",
            [("Li Ming", "Vice Governor", None, "official")],
        ),
        (
            "According to Zhao Lei, head of the Fuping County Human Resources Bureau, "
            "3,000 people found work.",
            [("Zhao Lei", "head", "Fuping County Human Resources Bureau", "official")],
        ),
        (
            "Chen Hua, general manager of Hunan Xiangfeng Garment Co., Ltd., told reporters "
            "that orders were up.",
            [("Chen Hua", "general manager", "Hunan Xiangfeng Garment Co., Ltd", "business")],
        ),
        (
            "Liu Jianhua, Vice Minister of Civil Affairs, stressed that employment comes first.",
            [("Liu Jianhua", "Vice Minister", "Ministry of Civil Affairs", "official")],
        ),
        (
            "John Smith, director of the World Bank China office, said the program works.",
            [("John Smith", "director", "World Bank China office", "official")],
        ),
        (
            "Villager Li Si said he earns 1,800 yuan a month. Ma Lan, a worker at the plant, said the "
            "job let her stay near her children. Photo by Zhou Yiming, a reporter for China News Service. "
            "Editor in charge: Wu Tao",
            [],
        ),
    ],
)
def test_english_forms(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


def test_surname_follow_up_and_pronoun_make_a_quote() -> None:
    text = (
        "Sun Wei, director of the Fuping County Bureau of Human Resources, visited the workshop on Monday. "
        '"Orders are back and all 300 workers have returned," Sun said.\n'
        "Feng Tao, a member of the Standing Committee of the Shaanxi Provincial CPPCC, visited the county. "
        "He stressed that the workshops need stable buyers."
    )
    recs = {r["name"]: r for r in officials(text, "en")}
    assert recs["Sun Wei"]["quote_kind"] == "direct"
    assert recs["Sun Wei"]["quote"].startswith("Orders are back")
    assert recs["Feng Tao"]["title"] == "member of the Standing Committee"
    assert recs["Feng Tao"]["province"] == "Shaanxi"
    assert recs["Feng Tao"]["quote_kind"] == "indirect"


def test_titled_person_who_never_speaks_is_not_listed() -> None:
    assert (
        officials(
            "Wang Fang, deputy director of the Hunan Poverty Alleviation Office, visited the plant.", "en"
        )
        == []
    )
    assert officials("在县委书记王海军的带领下，村里建起了扶贫车间。", "zh") == []


def test_records_are_schema_valid_with_offsets() -> None:
    text = "“车间的订单一直没断过。”陕西省扶贫办副主任赵永刚说。"
    recs = officials(text, "zh")
    assert len(recs) == 1
    rec = recs[0]
    assert text[rec["evidence"]["start"] : rec["evidence"]["end"]] == "赵永刚"
    assert rec["quote_kind"] == "direct" and rec["quote"] == "车间的订单一直没断过。"
    assert rec["province"] == "Shaanxi" and rec["name_normalized"] == "zhao yonggang"
    jsonschema.validate(
        {**remap_official(rec, text, lambda s, e: (s, e)), "article_id": "a"}, schema("official.schema.json")
    )


def test_remap_reads_values_as_written_in_the_original() -> None:
    original = "陝西省扶貧辦副主任趙永剛說，車間運轉正常。"
    simplified = "陕西省扶贫办副主任赵永刚说，车间运转正常。"
    rec = officials(simplified, "zh")[0]
    out = remap_official(rec, original, lambda s, e: (s, e))
    assert (out["name"], out["title"], out["organization"]) == ("趙永剛", "副主任", "陝西省扶貧辦")
    assert "spans" not in out


def test_name_key_joins_scripts_and_spellings() -> None:
    assert name_key("李忠") == name_key("Li Zhong") == name_key("LI Zhong") == "li zhong"
    assert name_key("徐昌峰") == name_key("Xu Changfeng") == "xu changfeng"
    assert name_key("欧阳明华") == name_key("Ouyang Minghua")
    assert name_key("吕强") == name_key("Lyu Qiang") == name_key("Lv Qiang")
    assert name_key("Lining Zhou") == name_key("Zhou Lining")
    assert name_key("张莹") != name_key("张颖") or name_key("张莹") == "zhang ying"  # homophones share a key


def test_officials_view_merges_languages_and_splits_namesakes() -> None:
    records = [
        {
            "article_id": "a1",
            "name": "Liu Jianhua",
            "name_normalized": "liu jianhua",
            "title": "Deputy Minister",
            "organization": "Ministry of Civil Affairs",
            "province": None,
            "role": "official",
        },
        {
            "article_id": "a2",
            "name": "刘建华",
            "name_normalized": "liu jianhua",
            "title": "副部长",
            "organization": "民政部",
            "province": None,
            "role": "official",
        },
        {
            "article_id": "a3",
            "name": "Liu Jianhua",
            "name_normalized": "liu jianhua",
            "title": "Vice Minister",
            "organization": None,
            "province": None,
            "role": "official",
        },
        {
            "article_id": "a4",
            "name": "王芳",
            "name_normalized": "wang fang",
            "title": "局长",
            "organization": "甘肃省人社厅",
            "province": "Gansu",
            "role": "official",
        },
        {
            "article_id": "a5",
            "name": "Wang Fang",
            "name_normalized": "wang fang",
            "title": "director",
            "organization": "Shanxi Poverty Alleviation Office",
            "province": "Shanxi",
            "role": "official",
        },
    ]
    published = {
        "a1": "2020-06-17",
        "a2": "2020-04-22",
        "a3": "2020-11-20",
        "a4": "2019-01-01",
        "a5": "2020-01-01",
    }
    view = officials_view(records, published).set_index("person_key")
    li = view.loc["liu jianhua"]
    assert li["articles"] == ["a1", "a2", "a3"] and li["names"] == ["Liu Jianhua", "刘建华"]
    assert (li["first_seen"], li["last_seen"]) == ("2020-04-22", "2020-11-20")
    assert [t["value"] for t in li["titles"]] == ["副部长", "Deputy Minister", "Vice Minister"]
    assert {"wang fang@gansu", "wang fang@shanxi"} <= set(view.index)
    assert person_keys(records)[:3] == ["liu jianhua"] * 3


def _dev_eval():
    spec = importlib.util.spec_from_file_location(
        "dev_eval_officials", ROOT / "scripts" / "dev_eval_officials.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_results(dev_dir: Path) -> dict:
    return _dev_eval().run(dev_dir, sets=list(DEV_SETS))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dev_quality_bar(lang: str, dev_results: dict) -> None:
    o = dev_results[lang]
    assert o["f1"] >= 0.90, o
    assert o["title_correct"] >= 0.85 and o["organization_correct"] >= 0.85, o


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dawa, deputy head of the Lhatse county poverty alleviation office, said 12 workshops reopened.",
            [("Dawa", "deputy head", "Lhatse county poverty alleviation office", "official")],
        ),
        (
            '"Orders are up," said Tenzin, general manager of Nagqu Yak Dairy Co.',
            [("Tenzin", "general manager", "Nagqu Yak Dairy Co", "business")],
        ),
        (
            "However, director of the bureau Li Ming said the workshops had reopened.",
            [("Li Ming", "director", "bureau", "official")],
        ),
        (
            "Zhou Ping, deputy director of the Department of Rural Work Promotion at the Ministry of "
            "Agriculture, said the plan went well.",
            [
                (
                    "Zhou Ping",
                    "deputy director",
                    "Department of Rural Work Promotion at the Ministry of Agriculture",
                    "official",
                )
            ],
        ),
        (
            "Sun Lei, who is in charge of a garment company in Hubei, said 50 more people would be hired.",
            [("Sun Lei", "person in charge", "garment company in Hubei", "business")],
        ),
        (
            'Some bamboo company responsible person Qian Hao said: "We hire 50 people every spring."',
            [("Qian Hao", "responsible person", "Some bamboo company", "business")],
        ),
        (
            "Jin Hua, chairman of Hunchun Golden Bean Food Co, said the plant reopened.",
            [("Jin Hua", "chairman", "Hunchun Golden Bean Food Co", "business")],
        ),
    ],
)
def test_one_word_names_relative_clauses_and_company_heads(text, expected):
    assert summary(text, "en") == expected


def test_ministry_named_again_as_the_ministry_is_central():
    text = (
        "The Ministry of Agriculture and Rural Affairs held a news briefing on Tuesday. "
        "Pan Jie, deputy director of the Department of Rural Industry at the ministry, said Yunnan "
        "had 1.3 million migrant workers."
    )
    (rec,) = officials(text, "en")
    assert (
        rec["organization"] == "Department of Rural Industry at the Ministry of Agriculture and Rural Affairs"
    )
    assert rec["province"] is None


def test_name_glued_to_a_verb_of_saying_zh():
    text = "该厂负责人阿卜杜拉·艾山说:“订单排到了年底。”"
    assert [r["name"] for r in officials(text, "zh")] == ["阿卜杜拉·艾山"]
