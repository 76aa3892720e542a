"""Quality floors per language, as the reference scorer counts them.

Four sets held to the same floors (issue 2: strict F1 >= 0.85, region and as_of right
for >= 0.90 of lenient matches; issue 3: officials F1 >= 0.90, title and organization
>= 0.85): the shared dev set (seeds and pages of shared/eval/dev, read from the shared
folder) and three held-out sets written for the project by annotators who did not read
the rules (tests/data/heldout, heldout2, heldout3), so that a rule that only fits the dev
sentences shows up here.

The dev set's pages2 is being worked on: its floors are what the extractor reached on it
when they were set, less a small margin, so that they catch a regression; raise them as it
improves.
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
#: pages2 per language: what the extractor at 7240e25 reached (zh strict F1 0.938, region 1.0,
#: as_of 0.986, officials F1 0.750, title 0.778, organization 0.556; en 0.750, 0.886, 0.971,
#: 0.778, 1.0, 0.857), less a margin of about 0.03.
PAGES2_FLOORS = {
    "zh": {
        "strict_f1": 0.90,
        "region_correct": 0.95,
        "as_of_correct": 0.95,
        "officials_f1": 0.72,
        "title_correct": 0.75,
        "organization_correct": 0.52,
    },
    "en": {
        "strict_f1": 0.72,
        "region_correct": 0.85,
        "as_of_correct": 0.94,
        "officials_f1": 0.75,
        "title_correct": 0.95,
        "organization_correct": 0.82,
    },
}


def _set_files(name: str, out: Path) -> dict[str, Path]:
    if name == "dev":
        return eval_set_files(shared_dir("eval", "dev"), out, DEV_SETS)
    if name == "pages2":
        return eval_set_files(shared_dir("eval", "dev"), out, ("pages2",))
    return eval_set_files(DATA / name, out)


@pytest.fixture(scope="module", params=["dev", *PROJECT_SETS])
def extraction(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    files = _set_files(request.param, tmp_path_factory.mktemp(request.param))
    return extract_eval_set(files, tmp_path_factory.mktemp(f"{request.param}-pred"))


@pytest.fixture(scope="module")
def pages2_extraction(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    files = _set_files("pages2", tmp_path_factory.mktemp("pages2"))
    return extract_eval_set(files, tmp_path_factory.mktemp("pages2-pred"))


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
def test_pages2_does_not_fall_back(pages2_extraction: dict[str, Path], tmp_path: Path, lang: str) -> None:
    out = _score(pages2_extraction, tmp_path, lang)
    figures = {**_fact_figures(out), **_official_figures(out)}
    assert not _below(figures, PAGES2_FLOORS[lang]), out
