"""Reconciliation on real overlapping reports: ``fupin extract`` + ``fupin reconcile`` per group, checked.

``tests/data/reconcile_groups/groups.json`` lists groups of real articles that report
the same statistics (reprints, translations, series over time) by their ids in the
shared folder's article files, and what a careful reader of those articles expects
of each statistic (see its ``about``). This script extracts each group's articles
and reconciles their facts exactly as the two commands do (``extract_files`` and
``reconcile_files``, file to file), then checks every expectation.

    .venv/bin/python scripts/reconcile_groups.py              # one line per group, then the failures
    .venv/bin/python scripts/reconcile_groups.py --verbose    # every row
    FUPIN_SHARED=/path/to/shared .venv/bin/python scripts/reconcile_groups.py

A group is *right* when every row checks; a row whose facts were not extracted is an
*extraction miss* (not the reconciler's), reported apart from the reconciler's failures.
``tests/test_reconcile_real_groups.py`` asserts the same checks.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ROOT / "tests" / "data" / "reconcile_groups" / "groups.json"
SHARED = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared")


def load_groups(path: Path = GROUPS) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def article_index(spec: Mapping[str, Any], shared: Path = SHARED) -> dict[str, dict[str, Any]]:
    """Every article of the shared files named in ``spec["files"]``, by id (ids are unique across them)."""
    index: dict[str, dict[str, Any]] = {}
    for name, rel in spec["files"].items():
        path = shared / rel
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            article = json.loads(line)
            if article["id"] in index:
                raise ValueError(f"article id {article['id']} of {name} is also in another file")
            index[article["id"]] = article
    return index


def missing_files(spec: Mapping[str, Any], shared: Path = SHARED) -> list[Path]:
    return [shared / rel for rel in spec["files"].values() if not (shared / rel).is_file()]


@dataclass(slots=True)
class Run:
    """A group's facts, reconciled records and officials, as the commands wrote them."""

    facts: list[dict[str, Any]]
    records: list[dict[str, Any]]
    officials: list[dict[str, Any]]


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_group(articles: Sequence[Mapping[str, Any]], facts: Sequence[Mapping[str, Any]] | None = None) -> Run:
    """``fupin extract --in`` then ``fupin reconcile --in`` on these articles (or on ``facts`` if given)."""
    from fupin.commands.extract import extract_files
    from fupin.commands.reconcile import reconcile_files

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        officials: list[dict[str, Any]] = []
        quiet = io.StringIO()
        with contextlib.redirect_stderr(quiet):
            if facts is None:
                (work / "articles.jsonl").write_text(
                    "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8"
                )
                extract_files(
                    str(work / "articles.jsonl"), str(work / "facts.jsonl"), str(work / "off.jsonl")
                )
                officials = _read(work / "off.jsonl")
            else:
                (work / "facts.jsonl").write_text(
                    "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in facts), encoding="utf-8"
                )
            reconcile_files(str(work / "facts.jsonl"), str(work / "reconciled.jsonl"))
        return Run(_read(work / "facts.jsonl"), _read(work / "reconciled.jsonl"), officials)


# -- checking ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class RowResult:
    row: Mapping[str, Any]
    outcome: str  # "ok", "extraction", "skipped" (optional row not extracted), "wrong"
    problems: list[str] = field(default_factory=list)
    record: Mapping[str, Any] | None = None

    def describe(self) -> str:
        members = ", ".join(f"{m[0]}={m[1]}" for m in self.row["members"])
        head = f"{self.row['metric']} {self.row['region']} [{members}]"
        return f"{head}: {self.outcome}" + (f" ({'; '.join(self.problems)})" if self.problems else "")


@dataclass(slots=True)
class GroupResult:
    name: str
    rows: list[RowResult]
    officials: list[str]  # problems with the official expectations

    @property
    def outcome(self) -> str:
        outcomes = {r.outcome for r in self.rows}
        if "wrong" in outcomes or self.officials:
            return "wrong"
        if "extraction" in outcomes:
            return "extraction"
        return "right"


def _same(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)), abs(float(b)))


def _region_key(record: Mapping[str, Any]) -> str:
    from fupin.corpus.reconcile import region_key

    return region_key(record["region"])


def check_row(row: Mapping[str, Any], run: Run) -> RowResult:
    by_fact = {m["fact_id"]: r for r in run.records for m in r["members"]}
    members_of = {m["fact_id"]: m for r in run.records for m in r["members"]}
    found: list[str] = []
    absent = []
    for member in row["members"]:
        article, value = member[0], member[1]
        region = member[2] if len(member) > 2 else None
        ids = [
            f["fact_id"]
            for f in run.facts
            if f["article_id"] == article
            and f["metric"] == row["metric"]
            and _same(f["value"], value)
            and (region is None or _region_key(by_fact[f["fact_id"]]) == region)
        ]
        if not ids:
            absent.append(f"{article} {value} not extracted")
        found.extend(ids)
    if absent:
        if row.get("optional"):
            return RowResult(row, "skipped", absent)
        return RowResult(row, "extraction", absent)
    records = {by_fact[i]["group_id"]: by_fact[i] for i in found}
    if len(records) != 1:
        where = sorted(f"{r['as_of']}:{len(r['members'])} members" for r in records.values())
        return RowResult(
            row, "wrong", [f"the facts are split over {len(records)} records ({', '.join(where)})"]
        )
    (record,) = records.values()
    problems = []
    if _region_key(record) != row["region"]:
        problems.append(f"region {_region_key(record)}")
    if "as_of" in row and record.get("as_of") != row["as_of"]:
        problems.append(f"as_of {record.get('as_of')}")
    if "value" in row and not _same(record["value"], row["value"]):
        problems.append(f"value {record['value']}")
    if "status" in row:
        wanted = row["status"] if isinstance(row["status"], list) else [row["status"]]
        if record["status"] not in wanted:
            problems.append(f"status {record['status']}")
    if "flags" in row:
        got = sorted(
            (f["reason"], members_of[f["fact_id"]]["article_id"], float(members_of[f["fact_id"]]["value"]))
            for f in record.get("flags", [])
        )
        want = sorted((f[0], f[1], float(f[2])) for f in row["flags"])
        if got != want:
            problems.append(f"flags {got}")
    if "independent_sources" in row:
        support = record.get("support") or {}
        n = support.get("independent_sources", len(support.get("sources") or []))
        if n != row["independent_sources"]:
            problems.append(f"independent sources {n}")
    return RowResult(row, "wrong" if problems else "ok", problems, record)


def check_series(results: Sequence[RowResult]) -> None:
    """Rows of one metric and region are different statistics: they must be different records."""
    seen: dict[tuple[str, str, str], RowResult] = {}
    for result in results:
        if result.record is None:
            continue
        key = (result.row["metric"], result.row["region"], result.record["group_id"])
        if key in seen:
            result.outcome = "wrong"
            result.problems.append(f"same record as [{seen[key].describe().split(': ')[0]}]")
        else:
            seen[key] = result


def check_officials(
    expected: Iterable[Mapping[str, Any]], officials: Sequence[Mapping[str, Any]]
) -> list[str]:
    from fupin.extract.officials.identity import person_keys

    problems = []
    keys = person_keys(list(officials))
    for person in expected:
        from fupin.extract.officials.names import name_key

        wanted = name_key(person["name"])
        mine = {
            key
            for key, rec in zip(keys, officials, strict=True)
            if rec["article_id"] in person["articles"] and key.split("@")[0] == wanted
        }
        seen_in = {
            rec["article_id"] for key, rec in zip(keys, officials, strict=True) if key.split("@")[0] == wanted
        }
        if set(person["articles"]) - seen_in:
            continue  # not extracted in every article: extraction's part
        if len(mine) != 1:
            problems.append(f"{person['name']} is {len(mine)} people: {sorted(mine)}")
    return problems


def check_group(group: Mapping[str, Any], run: Run) -> GroupResult:
    rows = [check_row(row, run) for row in group["rows"]]
    check_series(rows)
    return GroupResult(group["name"], rows, check_officials(group.get("officials", []), run.officials))


def run_all(spec: Mapping[str, Any] | None = None, shared: Path = SHARED) -> list[tuple[GroupResult, Run]]:
    spec = spec or load_groups()
    index = article_index(spec, shared)
    out = []
    for group in spec["groups"]:
        run = run_group([index[i] for i in group["articles"]])
        out.append((check_group(group, run), run))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verbose", action="store_true", help="print every row")
    args = parser.parse_args(argv)
    spec = load_groups()
    absent = missing_files(spec)
    if absent:
        print(
            f"needs the shared folder: {', '.join(map(str, absent))} absent (set FUPIN_SHARED)",
            file=sys.stderr,
        )
        return 2
    results = run_all(spec)
    counts = {"right": 0, "extraction": 0, "wrong": 0}
    rows = {"ok": 0, "extraction": 0, "skipped": 0, "wrong": 0}
    for result, _ in results:
        counts[result.outcome] += 1
        for row in result.rows:
            rows[row.outcome] += 1
        print(f"{result.outcome:10} {result.name}")
        for row in result.rows:
            if args.verbose or row.outcome not in ("ok", "skipped"):
                print(f"    {row.describe()}")
        for problem in result.officials:
            print(f"    officials: {problem}")
    print(
        f"\n{counts['right']} of {len(results)} groups right, {counts['wrong']} wrong, "
        f"{counts['extraction']} right but for extraction misses; "
        f"rows: {rows['ok']} ok, {rows['wrong']} wrong, "
        f"{rows['extraction']} extraction misses, {rows['skipped']} optional rows not extracted"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
