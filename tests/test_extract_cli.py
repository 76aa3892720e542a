"""``fupin extract`` file to file: schema-valid output and bad input handled line by line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import read_jsonl, run_fupin, schema

GOOD_ZH = {
    "id": "t-zh",
    "language": "zh",
    "published": "2020-06-20",
    "text": "截至5月底,四川省已建成扶贫车间1347个,带动贫困劳动力2.1万人就业。",
}
GOOD_EN = {
    "id": "t-en",
    "published": "2020-07-02",
    "text": "By the end of May, Hebei Province had set up 742 poverty alleviation workshops, "
    "employing more than 15,000 poor laborers.",
}


def _write(path: Path, lines: list[str | bytes]) -> Path:
    with path.open("wb") as fh:
        for line in lines:
            fh.write((line if isinstance(line, bytes) else line.encode("utf-8")) + b"\n")
    return path


@pytest.fixture(scope="module")
def sample_extraction(sample_articles: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``fupin extract`` over every sample article (the project's sets, the shared dev set when present)."""
    out = tmp_path_factory.mktemp("sample-extraction")
    facts, officials = out / "facts.jsonl", out / "officials.jsonl"
    proc = run_fupin(
        "extract", "--in", str(sample_articles), "--out", str(facts), "--officials", str(officials)
    )
    assert proc.returncode == 0, proc.stderr
    return {"articles": sample_articles, "facts": facts, "officials": officials}


def test_facts_and_officials_are_schema_valid(sample_extraction: dict) -> None:
    fact_schema, official_schema = schema("fact.schema.json"), schema("official.schema.json")
    facts = read_jsonl(sample_extraction["facts"])
    assert len(facts) > 50
    articles = {a["id"]: a for a in read_jsonl(sample_extraction["articles"])}
    for fact in facts:
        jsonschema.validate(fact, fact_schema)
        ev = fact["evidence"]
        text = articles[fact["article_id"]][ev.get("field") or "text"]  # "title": offsets into the title
        assert 0 <= ev["start"] < ev["end"] <= len(text)
        assert text[ev["start"] : ev["end"]] in ev["sentence"]
        assert ev["sentence"] in text
    for official in read_jsonl(sample_extraction["officials"]):
        jsonschema.validate(official, official_schema)


def test_language_is_detected_when_missing(tmp_path: Path) -> None:
    src = _write(tmp_path / "a.jsonl", [json.dumps(GOOD_EN)])
    out = tmp_path / "f.jsonl"
    proc = run_fupin("extract", "--in", str(src), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    facts = read_jsonl(out)
    assert facts and {f["language"] for f in facts} == {"en"}
    assert any(f["metric"] == "workshops" and f["value"] == 742 for f in facts)


def test_bad_lines_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    src = _write(
        tmp_path / "mixed.jsonl",
        [
            json.dumps(GOOD_ZH, ensure_ascii=False),
            "{not json",
            json.dumps({"id": "no-text"}),
            "扶贫车间".encode("gbk"),
            json.dumps({"id": "huge", "language": "en", "text": "The county has built 10^40 workshops."}),
            json.dumps({"id": "absurd", "language": "zh", "text": "全省共建成扶贫车间9999999999999个。"}),
            json.dumps(GOOD_EN),
        ],
    )
    out = tmp_path / "facts.jsonl"
    proc = run_fupin("extract", "--in", str(src), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"{src}:2: not JSON" in proc.stderr
    assert f"{src}:3:" in proc.stderr and "'text' must be a string" in proc.stderr
    assert f"{src}:4: not UTF-8" in proc.stderr
    assert "absurd" in proc.stderr and "plausible" in proc.stderr
    assert "huge" in proc.stderr
    facts = read_jsonl(out)
    assert {f["article_id"] for f in facts} == {"t-zh", "t-en"}
    assert all(f["value"] < 1e12 for f in facts)


def test_exit_status_is_non_zero_only_when_nothing_could_be_read(tmp_path: Path) -> None:
    src = _write(tmp_path / "bad.jsonl", ["nope", "[1, 2"])
    proc = run_fupin("extract", "--in", str(src), "--out", str(tmp_path / "f.jsonl"))
    assert proc.returncode == 1
    assert "bad.jsonl:1" in proc.stderr and "bad.jsonl:2" in proc.stderr
    missing = run_fupin(
        "extract", "--in", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "g.jsonl")
    )
    assert missing.returncode == 1 and "missing.jsonl" in missing.stderr


def test_workers_give_the_same_facts_as_one_process(sample_extraction: dict, tmp_path: Path) -> None:
    two = tmp_path / "two.jsonl"
    proc = run_fupin(
        "extract", "--in", str(sample_extraction["articles"]), "--out", str(two), "--workers", "2"
    )
    assert proc.returncode == 0, proc.stderr
    assert read_jsonl(sample_extraction["facts"]) == read_jsonl(two)
