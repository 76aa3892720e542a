"""``fupin evaluate`` gives exactly the figures of the reference scorer.

The reference (shared/tools/score.py) runs in a subprocess from the shared folder; these
comparisons skip when it is absent. Both score ``fupin extract``'s output on each file of
the dev set, and hand-made cases written here for the rules' edges: the percentage and
relative tolerances, uncertain gold facts, as_of precision, national and group regions,
province spellings, greedy matching, officials' name keys and word overlap, --articles,
empty files. The JSON objects and the text reports must be identical.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import read_jsonl, run_fupin

from fupin.evaluation import Counts, EvaluationInputError, evaluate, read_records, render, score

Record = dict[str, Any]


def reference(scorer: Path, args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(scorer), *args], capture_output=True, text=True, check=True)


def write_jsonl(path: Path, rows: list[Record], blank_lines: bool = False) -> Path:
    sep = "\n\n  \n" if blank_lines else "\n"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + sep for r in rows), encoding="utf-8")
    return path


# == the dev set, extracted ======================================================================


@pytest.fixture(scope="module", params=["seeds", "pages", "pages2"])
def dev_prediction(
    request: pytest.FixtureRequest, dev_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """One file of the dev set, its gold files and what ``fupin extract`` makes of it."""
    name = request.param
    out = tmp_path_factory.mktemp(f"eval-{name}")
    files = {kind: dev_dir / f"{name}.{kind}.jsonl" for kind in ("articles", "gold.facts", "gold.officials")}
    facts, officials = out / "facts.jsonl", out / "officials.jsonl"
    proc = run_fupin(
        "extract", "--in", str(files["articles"]), "--out", str(facts), "--officials", str(officials)
    )
    assert proc.returncode == 0, proc.stderr
    return {**files, "facts": facts, "officials": officials, "out": out}


@pytest.mark.parametrize("subset", ["all", "zh", "en", "facts only"])
def test_dev_files_score_as_the_reference_scores_them(
    dev_prediction: dict[str, Path], reference_scorer: Path, subset: str
) -> None:
    args = ["--gold-facts", str(dev_prediction["gold.facts"]), "--pred-facts", str(dev_prediction["facts"])]
    if subset != "facts only":
        args += ["--gold-officials", str(dev_prediction["gold.officials"])]
        args += ["--pred-officials", str(dev_prediction["officials"])]
    if subset in ("zh", "en"):
        ids = dev_prediction["out"] / f"ids-{subset}.jsonl"
        articles = [a for a in read_jsonl(dev_prediction["articles"]) if a["language"] == subset]
        write_jsonl(ids, [{"id": a["id"]} for a in articles])
        args += ["--articles", str(ids)]
    ours = run_fupin("evaluate", *args, "--json")
    assert ours.returncode == 0, ours.stderr
    assert json.loads(ours.stdout) == json.loads(reference(reference_scorer, [*args, "--json"]).stdout)
    text = run_fupin("evaluate", *args)
    assert text.stdout == reference(reference_scorer, args).stdout


# == hand-made edge cases ========================================================================


def fact(article: str, metric: str | None, value: Any, **fields: Any) -> Record:
    """A fact record with only what the scorer reads (``province`` goes into ``region``)."""
    record: Record = {"article_id": article, "metric": metric, "value": value}
    if "province" in fields:
        record["region"] = {"province": fields.pop("province"), "level": fields.pop("level", "province")}
    return {**record, **fields}


def official(article: str, name: str | None, **fields: Any) -> Record:
    return {"article_id": article, "name": name, **fields}


@dataclass
class Case:
    """Gold and predicted records; officials and an --articles list only when given."""

    gold: list[Record]
    pred: list[Record]
    gold_officials: list[Record] | None = None
    pred_officials: list[Record] | None = None
    articles: list[str] | None = None
    blank_lines: bool = False

    def write(self, folder: Path) -> dict[str, str]:
        """The files, as keyword arguments of ``score``."""
        paths = {
            "gold_facts": write_jsonl(folder / "gold.jsonl", self.gold, self.blank_lines),
            "pred_facts": write_jsonl(folder / "pred.jsonl", self.pred, self.blank_lines),
        }
        if self.gold_officials is not None:
            paths["gold_officials"] = write_jsonl(folder / "gold-off.jsonl", self.gold_officials)
        if self.pred_officials is not None:
            paths["pred_officials"] = write_jsonl(folder / "pred-off.jsonl", self.pred_officials)
        if self.articles is not None:
            paths["articles"] = write_jsonl(folder / "ids.jsonl", [{"id": i} for i in self.articles])
        return {k: str(v) for k, v in paths.items()}


def _percent(value: float) -> Record:
    return fact("a1", "workshops_resumed_share", value, unit="percent")


CASES = {
    "percent tolerance": Case(
        gold=[_percent(98.83), _percent(50.0), _percent(60.0), _percent(70.0), _percent(12.5)],
        pred=[
            _percent(98.84),  # 0.01 off: agrees
            _percent(50.011),  # 0.011 off, a hair over in floating point: no
            _percent(60.012),  # 0.012 off: no
            _percent(70.011),  # 0.011 off, a hair under in floating point: agrees
            fact("a1", "workshops_resumed_share", 12.51, unit="count"),  # the gold's unit decides
        ],
    ),
    "relative tolerance": Case(
        gold=[
            fact("a1", "workshops", 1000),
            fact("a1", "workshops", 2000),
            fact("a1", "poor_workers", 0),
            fact("a1", "poor_workers", 0),
            fact("a1", "income", -100),
            fact("a2", "workshops", "1982"),
            fact("a2", "workshops", 500),
            fact("a2", "workshops", 600),
            fact("a2", "workshops", 700),
        ],
        pred=[
            fact("a1", "workshops", 1005),  # 0.5% exactly: agrees
            fact("a1", "workshops", 2010.5),  # just over 0.5%
            fact("a1", "poor_workers", 1e-10),  # zero: within 1e-9
            fact("a1", "poor_workers", 1e-8),
            fact("a1", "income", -100.4),
            fact("a2", "workshops", 1982.0),  # a number written as a string still counts
            fact("a2", "workshops", None),
            fact("a2", "workshops", "about 600"),
            {"article_id": "a2", "metric": "workshops"},  # no value
        ],
    ),
    "uncertain gold": Case(
        gold=[
            fact("a1", "workshops", 100, uncertain=True),  # takes the prediction a later gold wanted
            fact("a1", "workshops", 100.2),
            fact("a1", "workshops", 7, uncertain=True),  # unmatched: not a miss
            fact("a1", "income", 3000, uncertain=True),  # matched: neither hit nor false positive
            fact("a2", "poor_workers", 5, uncertain=False),
        ],
        pred=[fact("a1", "workshops", 100.1), fact("a1", "income", 3000), fact("a2", "poor_workers", 5)],
    ),
    "as_of precision": Case(
        gold=[
            fact("a1", "workshops", 1, as_of="2020-06"),
            fact("a1", "workshops", 2, as_of="2020-06-30"),
            fact("a1", "workshops", 3, as_of="2020"),
            fact("a1", "workshops", 4),
            fact("a1", "workshops", 5, as_of="2020-06"),
            fact("a1", "workshops", 6, as_of="2020-06"),
            fact("a1", "workshops", 8, as_of=None),
        ],
        pred=[
            fact("a1", "workshops", 1, as_of="2020-06-30"),  # finer, inside the month: right
            fact("a1", "workshops", 2, as_of="2020-06"),  # coarser: wrong
            fact("a1", "workshops", 3, as_of="2020-12-31"),
            fact("a1", "workshops", 4, as_of="2019-01-01"),  # gold gives no date: anything goes
            fact("a1", "workshops", 5, as_of=None),
            fact("a1", "workshops", 6, as_of="2020-07-01"),
            fact("a1", "workshops", 8),
        ],
    ),
    "regions": Case(
        gold=[
            fact("a1", "poor_workers", 1, province=None, level="national"),
            fact("a1", "poor_workers", 2, province=None, level="national"),
            fact("a1", "poor_workers", 3, province=None, level="group"),
            fact("a1", "workshops", 4, province="Guangxi Zhuang Autonomous Region"),
            fact("a1", "workshops", 5, province="北京市"),
            fact("a1", "workshops", 6, province="Gansu Province"),
            fact("a1", "workshops", 7, province="Shanghai Municipality"),
            fact("a1", "workshops", 8, province="Gansu"),
            fact("a1", "workshops", 9, province="Ningxia"),
            fact("a1", "workshops", 10, province="新疆维吾尔自治区"),
        ],
        pred=[
            fact("a1", "poor_workers", 1, province=None, level="national"),
            fact("a1", "poor_workers", 2, province="Gansu"),  # a province for a national figure
            {"article_id": "a1", "metric": "poor_workers", "value": 3},  # no region at all: like none
            fact("a1", "workshops", 4, province="guangxi zhuang"),
            fact("a1", "workshops", 5, province="北京"),
            fact("a1", "workshops", 6, province="ＧＡＮＳＵ"),  # full-width
            fact("a1", "workshops", 7, province=" shanghai "),
            fact("a1", "workshops", 8, province="甘肃省"),  # another language: wrong
            {"article_id": "a1", "metric": "workshops", "value": 9, "region": None},
            fact("a1", "workshops", 10, province="新疆维吾尔"),
        ],
    ),
    "greedy matching and bounds": Case(
        gold=[
            fact("a1", "workshops", 50, province="Gansu", as_of="2020-06", bound="at_least"),
            fact("a1", "workshops", 50, province="Gansu", as_of="2020-06"),
            fact("a1", "income", 2000, province="Gansu", bound="exact"),
        ],
        pred=[
            fact("a1", "workshops", 50, province="Hebei", as_of="2020-06"),
            fact("a1", "workshops", 50, province="Gansu", as_of="2020-06-30", bound="at_least"),
            fact("a1", "workshops", 50.1, province="Gansu", as_of="2021"),
            fact("a1", "income", 2000, province="Gansu"),  # no bound: exact
        ],
    ),
    "odd predictions": Case(
        gold=[fact("a1", "workshops", 10), fact("a2", "workshops", 20)],
        pred=[
            fact("a1", None, 10),  # no metric: a false positive under None
            fact("a1", "made_up_metric", 10),
            {"metric": "workshops", "value": 20},  # no article: not counted
            fact("elsewhere", "workshops", 20),  # not a gold article: not counted
            fact("a2", "workshops", 20),
        ],
    ),
    "officials": Case(
        gold=[fact("a1", "workshops", 1), fact("a2", "workshops", 2), fact("a3", "workshops", 3)],
        pred=[fact("a1", "workshops", 1)],
        gold_officials=[
            official(
                "a1",
                "Liu Jianhua",
                title="Deputy Minister",
                organization="Ministry of Agriculture and Rural Affairs",
                role="official",
            ),
            official("a1", "阿卜杜·热合曼", title="县扶贫办主任", organization="县扶贫办"),
            official("a1", "Wang Fang", title=None, organization="", role="business"),
            official("a1", "Zhou Li", title="head", organization="the office"),
            official("a1", "Zhou Li", title="director", organization="bureau"),  # a second Zhou Li wins
            official("a2", "Chen Ming", title="village head"),
            official("outside", "Nobody", title="head"),
        ],
        pred_officials=[
            official(
                "a1",
                "liu-jianhua",
                title="deputy minister of the ministry",
                organization="Ministry of Rural Affairs",
            ),
            official("a1", "阿卜杜热合曼", title="主任", organization="扶贫办"),
            official("a1", "Ｗａｎｇ　Ｆａｎｇ", title="chairman"),  # no role: official
            official("a1", "Zhou.Li", title="director", organization="the bureau"),
            official("a1", "Zhou Li", title="head", organization="office"),  # second of a name: ignored
            official("a1", "Someone Else", title="mayor"),
            official("a3", "Chen Ming", title="village head"),  # an article without gold officials
            official("a2", None),
        ],
    ),
    "articles filter": Case(
        gold=[
            fact("a1", "workshops", 1),
            fact("a2", "workshops", 2),
            fact("a2", "income", 3, uncertain=True),
        ],
        pred=[
            fact("a1", "workshops", 1),
            fact("a1", "workshops", 9),
            fact("a2", "workshops", 2),
            fact("a3", "workshops", 4),  # listed, but without gold facts: counted, not a false positive
        ],
        gold_officials=[official("a1", "Li Ming"), official("a2", "Wang Wei")],
        pred_officials=[official("a1", "Li Ming"), official("a2", "Zhang San")],
        articles=["a1", "a3", "a9"],
    ),
    "empty predictions": Case(
        gold=[fact("a1", "workshops", 1), fact("a1", "income", 2, uncertain=True)],
        pred=[],
        gold_officials=[official("a1", "Li Ming")],
        pred_officials=[],
    ),
    "empty gold": Case(gold=[], pred=[fact("a1", "workshops", 1)]),
    "blank lines": Case(
        gold=[fact("a1", "workshops", 1), fact("a1", "workshops", 2)],
        pred=[fact("a1", "workshops", 2)],
        blank_lines=True,
    ),
    "officials without a predictions file": Case(
        gold=[fact("a1", "workshops", 1)],
        pred=[fact("a1", "workshops", 1)],
        gold_officials=[official("a1", "Li")],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_edge_cases_score_as_the_reference_scores_them(
    name: str, reference_scorer: Path, tmp_path: Path
) -> None:
    paths = CASES[name].write(tmp_path)
    args = [arg for key, path in paths.items() for arg in (f"--{key.replace('_', '-')}", path)]
    expected = json.loads(reference(reference_scorer, [*args, "--json"]).stdout)
    ours = score(**paths)
    assert json.loads(json.dumps(ours, ensure_ascii=False)) == expected  # a None metric: "null" in both
    assert render(ours) + "\n" == reference(reference_scorer, args).stdout


def test_the_edge_cases_reach_the_edges(tmp_path: Path) -> None:
    """The cases above exercise what they name (a guard against a case that tests nothing)."""
    out = {}
    for i, (name, case) in enumerate(CASES.items()):
        (tmp_path / str(i)).mkdir()
        out[name] = score(**case.write(tmp_path / str(i)))
    assert out["percent tolerance"]["lenient"]["tp"] == 3
    assert out["relative tolerance"]["lenient"]["tp"] == 4
    uncertain = out["uncertain gold"]["lenient"]
    assert (uncertain["tp"], uncertain["fp"], uncertain["fn"]) == (1, 0, 1)
    assert out["as_of precision"]["of_lenient_matches"]["as_of_correct"] == round(4 / 7, 3)
    assert out["regions"]["strict"]["tp"] == 7
    assert out["odd predictions"]["strict_by_metric"][None]["fp"] == 1
    officials = out["officials"]["officials"]
    assert (officials["tp"], officials["fp"], officials["fn"]) == (4, 2, 1)
    assert officials["title_correct"] == officials["role_correct"] == 0.75
    assert out["articles filter"]["pred_facts"] == 3 and out["articles filter"]["lenient"]["fp"] == 1
    assert out["empty predictions"]["strict"]["f1"] == 0.0


# == the command and the library =================================================================


def test_a_line_that_is_not_json_is_named(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(fact("a1", "workshops", 1)) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(EvaluationInputError, match=r"gold\.jsonl:2: not JSON"):
        read_records(gold)
    proc = run_fupin("evaluate", "--gold-facts", str(gold), "--pred-facts", str(gold))
    assert proc.returncode == 1
    assert f"{gold}:2: not JSON" in proc.stderr


def test_evaluation_is_a_table_for_pandas(tmp_path: Path) -> None:
    paths = CASES["greedy matching and bounds"].write(tmp_path)
    result = evaluate(**paths)
    frame = result.by_metric()
    assert list(frame.columns) == ["p", "r", "f1", "tp", "fp", "fn"]
    assert frame.loc["workshops", "tp"] == result.strict.by_metric["workshops"].tp
    assert result.to_dict() == score(**paths)
    assert result.lenient.total == Counts(tp=3, fp=1, fn=0)
