"""``fupin reconcile`` file to file and on a real DuckDB store."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import jsonschema
import pytest

from fupin.commands import reconcile as command
from fupin.corpus.reconcile import decision, reconcile
from fupin.corpus.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "reconcile"
SPEC = Path(__file__).parent.parent / "fupin" / "spec"


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line]


def fupin_reconcile(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="fupin")
    command.register(parser.add_subparsers())
    args = parser.parse_args(["reconcile", *argv])
    return args.func(args)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_file_to_file_reports_bad_lines_and_reconciles_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = load("corpus.facts.jsonl")
    no_value = {k: v for k, v in facts[1].items() if k != "value"}
    bad_metric = {**facts[2], "metric": "bananas"}
    lines = [json.dumps(facts[0]), "{not json", json.dumps(no_value), json.dumps(bad_metric), "[1, 2]"]
    lines += [json.dumps(f, ensure_ascii=False) for f in facts[1:]]
    source = tmp_path / "facts.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "reconciled.jsonl"

    assert fupin_reconcile("--in", str(source), "--out", str(out)) == 0
    err = capsys.readouterr().err
    assert f"{source}:2: not JSON" in err
    assert f"{source}:3: (top level): 'value' is a required property" in err
    assert f"{source}:4: metric:" in err and "bananas" in err
    assert f"{source}:5: not a fact object" in err
    assert "4 bad lines" in err and "15 groups" in err
    records = read(out)
    validator = jsonschema.Draft202012Validator(json.loads((SPEC / "reconciled.schema.json").read_text()))
    for record in records:
        validator.validate(record)
    assert records == json.loads(json.dumps(reconcile(facts), ensure_ascii=False))


def test_previous_output_makes_a_rerun_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "facts.jsonl", tmp_path / "reconciled.jsonl"
    source.write_bytes((FIXTURES / "corpus.facts.jsonl").read_bytes())
    assert fupin_reconcile("--in", str(source), "--out", str(out)) == 0
    first = out.read_bytes()
    assert fupin_reconcile("--in", str(source), "--out", str(out), "--previous", str(out)) == 0
    assert out.read_bytes() == first
    assert "0 changed" in capsys.readouterr().err
    # one more article: only its two groups change
    source.write_bytes(source.read_bytes() + (FIXTURES / "increment.facts.jsonl").read_bytes())
    assert fupin_reconcile("--in", str(source), "--out", str(out), "--previous", str(out)) == 0
    assert "2 changed" in capsys.readouterr().err
    old = {json.dumps(r, sort_keys=True) for r in (json.loads(x) for x in first.decode().splitlines())}
    new = {json.dumps(r, sort_keys=True) for r in read(out)}
    assert len(new - old) == 2 and len(old - new) == 1  # Shaanxi updated, Ningxia new


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert fupin_reconcile("--in", str(tmp_path / "x.jsonl")) == 2
    assert fupin_reconcile("--in", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o.jsonl")) == 1
    assert "no such file" in capsys.readouterr().err


def add_facts(store: Store, facts: list[dict]) -> None:
    by_article: dict[str, list[dict]] = {}
    for fact in facts:
        by_article.setdefault(fact["article_id"], []).append(fact)
    for article_id, group in by_article.items():
        store.add_facts(article_id, group, "fixture-1")


def test_store_reconciliation_is_incremental(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = load("corpus.facts.jsonl")
    with Store.open(tmp_path) as store:
        add_facts(store, facts)
    assert fupin_reconcile("--home", str(tmp_path)) == 0
    assert "15 groups" in capsys.readouterr().err
    with Store.open(tmp_path) as store:
        stored = store.reconciled_records()
        expected = {r["group_id"]: decision(r) for r in reconcile(facts)}
        assert {r["group_id"]: decision(r) for r in stored} == expected
        table = store.connection.execute(
            "SELECT status, count(*) FROM reconciled GROUP BY 1 ORDER BY 1"
        ).fetchall()
        assert table == [("agreed", 6), ("conflict", 2), ("single", 7)]
        stamps = dict(store.connection.execute("SELECT group_id, updated_at FROM reconciled").fetchall())

    # no new facts: nothing is rewritten
    assert fupin_reconcile("--home", str(tmp_path)) == 0
    with Store.open(tmp_path) as store:
        assert (
            dict(store.connection.execute("SELECT group_id, updated_at FROM reconciled").fetchall()) == stamps
        )
        assert store.runs()[-1]["counts"]["unchanged"] == 15
        add_facts(store, load("increment.facts.jsonl"))

    # one new article: its two groups only
    assert fupin_reconcile("--home", str(tmp_path)) == 0
    with Store.open(tmp_path) as store:
        counts = store.runs()[-1]["counts"]
        assert (counts["inserted"], counts["updated"], counts["unchanged"]) == (1, 1, 14)
        now = dict(store.connection.execute("SELECT group_id, updated_at FROM reconciled").fetchall())
        assert sum(now.get(g) != t for g, t in stamps.items()) == 1
        # the article's facts go away again: the new group is removed, Shaanxi goes back to two reports
        store.add_facts("ecns-05", [], "fixture-1")
    assert fupin_reconcile("--home", str(tmp_path), "--full") == 0
    with Store.open(tmp_path) as store:
        assert store.runs()[-1]["counts"]["deleted"] == 1
        assert store.count("reconciled") == 15
