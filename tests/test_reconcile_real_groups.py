"""Reconciliation on real overlapping reports (issue 13): the groups of tests/data/reconcile_groups.

Each group is a set of real articles of the shared folder that report the same
statistics: a press release and its translations and reprints, a national or
provincial series over time, a story and its copies. ``groups.json`` holds their
ids and what a careful reader expects of each statistic; the articles stay in the
shared folder, so these tests skip, naming it, when it is absent. The checks are
scripts/reconcile_groups.py's (which prints the same as a table).

A row whose facts extraction does not produce is an extraction miss, not the
reconciler's: it is reported, not failed; every other row must come out as expected.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import SHARED, shared_dir

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "scripts" / "reconcile_groups.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("reconcile_groups_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


groups_script = _load_script()
SPEC = groups_script.load_groups()
NAMES = [g["name"] for g in SPEC["groups"]]


@pytest.fixture(scope="module")
def results() -> dict:
    for rel in SPEC["files"].values():
        shared_dir(*Path(rel).parts)
    return {result.name: (result, run) for result, run in groups_script.run_all(SPEC, SHARED)}


def test_the_groups_are_many_and_varied() -> None:
    assert len(SPEC["groups"]) >= 12
    kinds = " ".join(g["kind"] for g in SPEC["groups"])
    assert {"reprint", "translation", "series"} <= set(re.findall(r"reprint|translation|series", kinds))
    rows = [row for g in SPEC["groups"] for row in g["rows"]]
    reasons = {flag[0] for row in rows for flag in row.get("flags", [])}
    assert {"order_of_magnitude", "cumulative_decrease"} <= reasons
    assert sum(row.get("status") == "conflict" for row in rows) >= 2
    assert sum("independent_sources" in row for row in rows) >= 8


@pytest.mark.parametrize("name", NAMES)
def test_group_comes_out_as_a_careful_reader_expects(results: dict, name: str) -> None:
    result, _ = results[name]
    wrong = [row.describe() for row in result.rows if row.outcome == "wrong"]
    assert not wrong and not result.officials, "\n".join(wrong + result.officials)
    checked = [row for row in result.rows if row.outcome == "ok"]
    if not checked:
        pytest.skip(f"{name}: every row needs facts that extraction does not produce")


def test_most_rows_are_checked_not_lost_to_extraction(results: dict) -> None:
    rows = [row for result, _ in results.values() for row in result.rows]
    ok = sum(row.outcome == "ok" for row in rows)
    assert ok >= 0.8 * len(rows), [row.describe() for row in rows if row.outcome != "ok"]


def test_every_record_is_valid_against_the_shared_schema(results: dict) -> None:
    schema = json.loads(shared_dir("spec", "reconciled.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for _, run in results.values():
        for record in run.records:
            validator.validate(record)


def test_the_group_file_holds_no_news_text() -> None:
    for rel in SPEC["files"].values():
        shared_dir(*Path(rel).parts)
    index = groups_script.article_index(SPEC, SHARED)
    raw = groups_script.GROUPS.read_text(encoding="utf-8")
    ids = {i for g in SPEC["groups"] for i in g["articles"]}
    for article_id in ids:
        text = re.sub(r"\s+", " ", index[article_id]["text"])
        size = 20 if index[article_id].get("language") == "zh" else 48  # a clause, not a common phrase
        for start in range(0, max(1, len(text) - size), 8):
            window = text[start : start + size]
            assert window not in raw, f"{article_id}: {window!r} is news text"
