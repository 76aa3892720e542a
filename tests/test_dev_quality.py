"""Quality floors per language, as the reference scorer counts them.

Four sets held to the same floors (issue 2: strict F1 >= 0.85, region and as_of right
for >= 0.90 of lenient matches; issue 3: officials F1 >= 0.90, title and organization
>= 0.85): the shared dev set (seeds and pages of shared/eval/dev, read from the shared
folder) and three held-out sets written for the project by annotators who did not read
the rules (tests/data/heldout, heldout2, heldout3), so that a rule that only fits the dev
sentences shows up here.

Real pages annotated blind to the rules are held to what the extractor reaches on them, less
a margin, so that a regression shows (issue 11 raises them toward 0.90): the dev set's pages2,
and pages3 (the 105 pages of shared/eval/unlabeled, gold written for the project in
tests/data/pages3), scored separately on its tuned part, its opened part (blind until its
errors were read) and its blind part, which no rule was tuned on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, DEV_SETS, PROJECT_SETS, eval_set_files, extract_eval_set, read_jsonl, shared_dir

from fupin.evaluation import score

FLOORS = {
    "strict_f1": 0.85,
    "region_correct": 0.90,
    "as_of_correct": 0.90,
    "officials_f1": 0.90,
    "title_correct": 0.85,
    "organization_correct": 0.85,
}


def _floors(strict: float, region: float, as_of: float, officials: float, title: float, org: float) -> dict:
    return {
        "strict_f1": strict,
        "region_correct": region,
        "as_of_correct": as_of,
        "officials_f1": officials,
        "title_correct": title,
        "organization_correct": org,
    }


#: Real pages per set and language: what the extractor reached when the floors were set, less a
#: margin of about 0.03 (0.05 on the small English sets). Reached on pages2: zh strict F1 1.0,
#: region 1.0, as_of 1.0, officials 0.966, title 1.0, organization 0.786; en 0.950, 0.974,
#: 1.0, 0.952, 1.0, 1.0. pages3 tuned part: zh 1.0, 1.0, 1.0, 0.914, 0.938, 0.688; en 1.0,
#: 1.0, 1.0, 0.957, 1.0, 0.909. pages3's blind part as first scored (35 pages) was split on
#: 2026-12-05 into an opened part (12 pages, read for errors from then on: zh 0.698 -> 1.0,
#: en 0.462 -> 1.0, every other figure 1.0) and the part still blind (23 pages): zh 0.901 ->
#: 0.914, 0.970, 1.0, 0.933, 1.0, 0.571; en 0.500 -> 0.615, 0.800, 0.900, 0.500, 1.0, 0.0
#: (12 firm facts: one fact moves strict F1 by about 0.08).
REAL_FLOORS = {
    ("pages2", "zh"): _floors(0.97, 0.97, 0.97, 0.93, 0.95, 0.75),
    ("pages2", "en"): _floors(0.90, 0.92, 0.95, 0.90, 0.95, 0.95),
    ("pages3-tune", "zh"): _floors(0.97, 0.97, 0.97, 0.88, 0.90, 0.65),
    ("pages3-tune", "en"): _floors(0.95, 0.95, 0.95, 0.90, 0.95, 0.85),
    ("pages3-opened", "zh"): _floors(0.95, 0.95, 0.95, 0.95, 0.95, 0.95),
    ("pages3-opened", "en"): _floors(0.90, 0.95, 0.95, 0.90, 0.95, 0.95),
    ("pages3-blind", "zh"): _floors(0.87, 0.94, 0.95, 0.90, 0.95, 0.54),
    ("pages3-blind", "en"): _floors(0.53, 0.70, 0.82, 0.45, 0.95, 0.0),
}


def _set_files(name: str, out: Path) -> dict[str, Path]:
    if name == "dev":
        return eval_set_files(shared_dir("eval", "dev"), out, DEV_SETS)
    if name == "pages2":
        return eval_set_files(shared_dir("eval", "dev"), out, ("pages2",))
    if name.startswith("pages3-"):
        return _pages3_files(name.removeprefix("pages3-"), out)
    return eval_set_files(DATA / name, out)


def _pages3_files(part: str, out: Path) -> dict[str, Path]:
    """One part (tune, opened or blind) of pages3: the pages from the shared folder, gold from tests/data."""
    ids = set(json.loads((DATA / "pages3" / "split.json").read_text(encoding="utf-8"))[part])
    pages = read_jsonl(shared_dir("eval", "unlabeled", "pages3.articles.jsonl"))
    files = {}
    for kind, rows in (
        ("articles", [a for a in pages if a["id"] in ids]),
        (
            "gold.facts",
            [f for f in read_jsonl(DATA / "pages3" / "gold.facts.jsonl") if f["article_id"] in ids],
        ),
        (
            "gold.officials",
            [o for o in read_jsonl(DATA / "pages3" / "gold.officials.jsonl") if o["article_id"] in ids],
        ),
    ):
        files[kind] = out / f"{kind}.jsonl"
        files[kind].write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
    return files


@pytest.fixture(scope="module", params=["dev", *PROJECT_SETS])
def extraction(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    files = _set_files(request.param, tmp_path_factory.mktemp(request.param))
    return extract_eval_set(files, tmp_path_factory.mktemp(f"{request.param}-pred"))


@pytest.fixture(scope="module", params=["pages2", "pages3-tune", "pages3-opened", "pages3-blind"])
def real_extraction(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dict]:
    files = _set_files(request.param, tmp_path_factory.mktemp(request.param))
    return request.param, extract_eval_set(files, tmp_path_factory.mktemp(f"{request.param}-pred"))


def _score(extraction: dict[str, Path], tmp_path: Path, lang: str) -> dict:
    ids = tmp_path / f"ids-{lang}.jsonl"
    articles = read_jsonl(extraction["articles"])
    ids.write_text("".join(json.dumps({"id": a["id"]}) + "\n" for a in articles if a["language"] == lang))
    return score(
        str(extraction["gold.facts"]),
        str(extraction["facts"]),
        str(extraction["gold.officials"]),
        str(extraction["officials"]),
        articles=str(ids),
    )


def _fact_figures(out: dict) -> dict[str, float]:
    return {"strict_f1": out["strict"]["f1"], **out["of_lenient_matches"]}


def _official_figures(out: dict) -> dict[str, float]:
    officials = out["officials"]
    return {"officials_f1": officials["f1"], **officials}


def _below(figures: dict[str, float], floors: dict[str, float]) -> dict[str, tuple[float, float]]:
    """The figures under their floor: name -> (figure, floor)."""
    return {k: (figures[k], floor) for k, floor in floors.items() if k in figures and figures[k] < floor}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fact_quality_floors(extraction: dict[str, Path], tmp_path: Path, lang: str) -> None:
    out = _score(extraction, tmp_path, lang)
    assert not _below(_fact_figures(out), FLOORS), out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_officials_quality_floors(extraction: dict[str, Path], tmp_path: Path, lang: str) -> None:
    out = _score(extraction, tmp_path, lang)
    assert not _below(_official_figures(out), FLOORS), out["officials"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_real_pages_do_not_fall_back(real_extraction: tuple[str, dict], tmp_path: Path, lang: str) -> None:
    name, extraction = real_extraction
    out = _score(extraction, tmp_path, lang)
    figures = {**_fact_figures(out), **_official_figures(out)}
    assert not _below(figures, REAL_FLOORS[(name, lang)]), out


def test_the_second_annotation_is_of_blind_pages_and_agrees_with_the_first(tmp_path: Path) -> None:
    """tests/data/pages3/gold2.*: a second annotator's reading of the blind pages, the ceiling the
    blind rows are read against. It must cover only blind pages and agree with the first gold as
    two careful readers of the spec do (strict F1 0.92 zh, 0.95 en when written)."""
    folder = DATA / "pages3"
    split = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    blind = set(split["blind"]) | set(split["opened"])
    second = read_jsonl(folder / "gold2.facts.jsonl")
    assert {f["article_id"] for f in second} <= blind
    firm = tmp_path / "firm.jsonl"
    firm.write_text("".join(json.dumps(f) + "\n" for f in second if not f.get("uncertain")))
    gold = {kind: tmp_path / f"gold.{kind}.jsonl" for kind in ("facts", "officials")}
    for kind, path in gold.items():
        rows = [r for r in read_jsonl(folder / f"gold.{kind}.jsonl") if r["article_id"] in blind]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = score(str(gold["facts"]), str(firm), str(gold["officials"]), str(folder / "gold2.officials.jsonl"))
    assert out["strict"]["f1"] >= 0.9, out["strict"]
    assert out["officials"]["f1"] >= 0.9, out["officials"]
