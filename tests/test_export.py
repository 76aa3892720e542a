"""``fupin export``: Parquet partitioned by metric, CSV and JSON Lines, read back by DuckDB and pandas."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb
import jsonschema
import pandas as pd
import pytest
from conftest import schema
from test_store_frames import populate

from fupin.commands import export as export_command
from fupin.corpus.export import export
from fupin.corpus.store import Store


@pytest.fixture
def home(tmp_path: Path) -> Path:
    populate(tmp_path / "home")
    return tmp_path / "home"


def cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="fupin")
    export_command.register(parser.add_subparsers())
    args = parser.parse_args(["export", *argv])
    return args.func(args)


def test_parquet_partitioned_by_metric_readable_by_duckdb_and_pandas(home: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert cli("--home", str(home), "--format", "parquet", str(out)) == 0
    assert "facts 5" in capsys.readouterr().out
    assert {p.name for p in (out / "facts").iterdir()} == {
        "metric=workshops", "metric=workshop_resumption_rate", "metric=poor_migrant_workers"
    }  # fmt: skip
    assert (out / "articles.parquet").is_file() and (out / "officials.parquet").is_file()
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT metric, count(*) FROM read_parquet('{out}/facts/**/*.parquet', hive_partitioning=true) "
        "GROUP BY metric ORDER BY metric"
    ).fetchall()
    assert rows == [("poor_migrant_workers", 1), ("workshop_resumption_rate", 1), ("workshops", 3)]
    facts = pd.read_parquet(out / "facts")
    assert len(facts) == 5 and set(facts["metric"].astype(str)) == {r[0] for r in rows}
    assert str(facts["as_of"].dtype).startswith("datetime64")
    assert set(facts["as_of_precision"].dropna().astype(str)) == {"day", "month", "year"}
    reconciled = pd.read_parquet(out / "reconciled")
    members = json.loads(reconciled.loc[reconciled["group_id"] == "g-gansu", "members"].iloc[0])
    assert len(members) == 2
    articles = pd.read_parquet(out / "articles.parquet")
    assert str(articles["fetched_at"].dt.tz) == "UTC" and len(articles) == 3


def test_reexport_replaces_and_leaves_other_files(home: Path, tmp_path: Path):
    out = tmp_path / "out"
    export(home, out, "parquet")
    (out / "README.txt").write_text("mine")
    with Store.open(home) as store:
        aid = store.articles_to_extract("v2")[0]["id"]
        store.add_facts(aid, [], "v2")  # drops that article's facts
    export(home, out, "parquet")
    assert len(pd.read_parquet(out / "facts")) < 5
    assert (out / "README.txt").read_text() == "mine"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_csv_export(home: Path, tmp_path: Path):
    counts = export(home, tmp_path / "csv", "csv", ["facts", "reconciled"])
    assert counts == {"facts": 5, "reconciled": 2}
    facts = pd.read_csv(tmp_path / "csv" / "facts.csv")
    assert len(facts) == 5 and "2020-03-25T00:00:00" in set(facts["as_of"].dropna())
    assert not (tmp_path / "csv" / "articles.csv").exists()


def test_jsonl_export_is_in_spec_form(home: Path, tmp_path: Path):
    export(home, tmp_path / "j", "jsonl")
    for table, name in (("facts", "fact"), ("officials", "official"), ("reconciled", "reconciled")):
        validator = jsonschema.Draft202012Validator(schema(f"{name}.schema.json"))
        lines = (tmp_path / "j" / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        assert lines
        for line in lines:
            validator.validate(json.loads(line))
    articles = [json.loads(x) for x in (tmp_path / "j" / "articles.jsonl").read_text("utf-8").splitlines()]
    validator = jsonschema.Draft202012Validator(schema("article.schema.json"))
    for article in articles:
        validator.validate(article)
    assert max(len(a["urls"]) for a in articles) == 2


def test_empty_store_exports(tmp_path: Path):
    Store.open(tmp_path / "home").close()
    assert export(tmp_path / "home", tmp_path / "out", "parquet")["facts"] == 0
    assert pd.read_parquet(tmp_path / "out" / "facts").empty


def test_export_errors(home: Path, tmp_path: Path, capsys):
    assert cli("--home", str(tmp_path / "missing"), str(tmp_path / "o")) == 1
    assert "no store" in capsys.readouterr().err
    assert cli("--home", str(home), "--tables", "facts,bananas", str(tmp_path / "o")) == 1
    assert "unknown table bananas" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert cli("--home", str(home), str(tmp_path / "file")) == 1
    assert "cannot write" in capsys.readouterr().err
