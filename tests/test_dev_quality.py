"""The quality floors of issue 2 on the dev set, per language (as the reference scorer counts)."""

from __future__ import annotations

import json

import pytest
from conftest import read_jsonl

from fupin.evaluation import score


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fact_quality_floors(dev_extraction: dict, tmp_path, lang: str) -> None:
    ids = tmp_path / "ids.jsonl"
    ids.write_text(
        "".join(
            json.dumps({"id": a["id"]}) + "\n"
            for a in read_jsonl(dev_extraction["articles"])
            if a["language"] == lang
        )
    )
    out = score(str(dev_extraction["gold.facts"]), str(dev_extraction["facts"]), articles=str(ids))
    assert out["strict"]["f1"] >= 0.85, out
    assert out["of_lenient_matches"]["region_correct"] >= 0.90, out
    assert out["of_lenient_matches"]["as_of_correct"] >= 0.90, out
