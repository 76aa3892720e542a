"""``fupin reconcile``: group the facts that state the same statistic and decide each group."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from fupin.jsonl import LineError, read_jsonl, write_jsonl

DESCRIPTION = """\
Group the facts that state the same statistic (same metric, scope, period and
region; compatible dates: "by the end of June" and "as of June 30" are one date)
across articles, outlets and languages, and decide each group: the preferred
value, its support, a status (single, agreed, conflict), the reports that
disagree and why, and flags on suspect values (a factor of 10 to 10,000 from the
preferred value, a rate over 100%, resumed workshops exceeding the total, a
cumulative count that falls over time).

Dates as the text gives them: a figure dated only by its article's publication
date ("目前") meets only a statistic dated on or before that date (the closest
one that agrees, else one of the same date) and is otherwise its own; "this
year" figures of different publication dates, and undated figures of different
articles, are different statistics. Every record carries a series_id, so a
series over time reads as one row per date, conflicting only within a date.

An article that copies another's sentence (a reprint, in either script) adds
no independent evidence: support counts independent sources, members name what
they copy, and in the store the crawler's reprint links are listed as
support.reprinted_by. The preferred value is chosen by source reliability
learned from agreement across all the facts given (TruthFinder, iterated to
convergence; an impossible value such as a rate over 100% or a part above its
total loses to a possible one) and refined to the most precise value that
agrees with it; each record explains the choice.

File to file: --in FACTS.jsonl (one fact.schema.json object per line) and --out
RECONCILED.jsonl (one reconciled.schema.json group per line). Bad lines are
reported on stderr as FILE:LINE: problem and the other facts are still
reconciled. --previous OLD.jsonl (it may be the --out file itself) keeps the
earlier record of every group whose decision has not changed, so a re-run with
no new facts changes nothing and a new article changes only its groups.

Without --in: reconcile the facts in the store ($FUPIN_HOME, or --home) and
write its reconciled table, rewriting only the groups that changed. The first run
reconciles every fact; later runs reconcile only the statistics that new,
changed or removed facts touch, under the source reliabilities the last full
run learned (docs/reconcile_scale.md). --full reconciles everything again and
rewrites every group with freshly learned reliabilities.
"""

EPILOG = """\
examples:
  fupin reconcile --in facts.jsonl --out reconciled.jsonl
  fupin reconcile --in facts.jsonl --out reconciled.jsonl --previous reconciled.jsonl
  fupin reconcile                       # the store under $FUPIN_HOME
  fupin reconcile --home ./fupin-data --full

group_id is a hash of the statistic's key (metric, unit, scope, period, region,
date), so it is the same in every run.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reconcile",
        help="group facts that state the same statistic and choose the preferred value",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--in", dest="input", metavar="FACTS.jsonl", help="facts to reconcile (file mode)")
    parser.add_argument("--out", metavar="RECONCILED.jsonl", help="where to write the groups (file mode)")
    parser.add_argument(
        "--previous", metavar="OLD.jsonl", help="records of an earlier run: unchanged groups keep them"
    )
    parser.add_argument("--home", metavar="DIR", help="the store (default $FUPIN_HOME or ./fupin-data)")
    parser.add_argument("--full", action="store_true", help="store mode: rewrite every group")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.input:
        if not args.out:
            print("fupin reconcile: --out RECONCILED.jsonl is required with --in", file=sys.stderr)
            return 2
        return reconcile_files(args.input, args.out, args.previous)
    if args.out or args.previous:
        print("fupin reconcile: --out and --previous need --in FACTS.jsonl", file=sys.stderr)
        return 2
    return reconcile_in_store(args.home, full=args.full)


def fact_problem(fact: Any) -> str | None:
    """What is wrong with a fact, or None: the first schema error, with its path."""
    from fupin.corpus.store import schema_problem

    if not isinstance(fact, dict):
        return f"not a fact object but {type(fact).__name__}"
    return schema_problem(fact, "fact.schema.json")


def read_facts(path: str) -> tuple[list[dict[str, Any]], int]:
    """The valid facts of a file, and the number of bad lines (each reported on stderr)."""
    from fupin.corpus.reconcile import compact_fact

    facts, bad = [], 0
    shared: dict[Any, Any] = {}
    for item in read_jsonl(path):
        if isinstance(item, LineError):
            bad += 1
            print(f"fupin reconcile: {item}", file=sys.stderr)
            continue
        number, fact = item
        problem = fact_problem(fact)
        if problem:
            bad += 1
            print(f"fupin reconcile: {path}:{number}: {problem}", file=sys.stderr)
            continue
        facts.append(compact_fact(fact, shared))
    return facts, bad


def _read_previous(path: str) -> list[dict[str, Any]]:
    records = []
    for item in read_jsonl(path):
        if isinstance(item, LineError):
            print(f"fupin reconcile: {item} (previous record ignored)", file=sys.stderr)
        elif isinstance(item[1], dict) and "group_id" in item[1]:
            records.append(item[1])
        else:
            print(f"fupin reconcile: {path}:{item[0]}: not a reconciled record (ignored)", file=sys.stderr)
    return records


def reconcile_files(input_path: str, out_path: str, previous_path: str | None = None) -> int:
    """File-to-file reconciliation; returns the exit status."""
    from fupin.corpus.reconcile import paused_gc, stream_reconciliation

    for path in (input_path, previous_path):
        if path and not os.path.isfile(path):
            print(f"fupin reconcile: cannot read {path}: no such file", file=sys.stderr)
            return 1
    with paused_gc():
        facts, bad = read_facts(input_path)
        previous = _read_previous(previous_path) if previous_path else None
    stream = stream_reconciliation(facts, previous)
    tmp = f"{out_path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        write_jsonl(stream.records, fh)  # written as built: a million facts' records do not fit in memory
    os.replace(tmp, out_path)
    result = stream.result()
    _summary(result.counts(), len(facts), bad, result.converged)
    return 0 if facts or not bad else 1


def reconcile_in_store(home: str | None, *, full: bool = False) -> int:
    """Reconcile the store's facts into its reconciled table; returns the exit status."""
    from fupin.corpus.reconcile import reconcile_store
    from fupin.corpus.store import Store, StoreError

    try:
        store = Store.open(home)
    except StoreError as exc:
        print(f"fupin reconcile: {exc}", file=sys.stderr)
        return 1
    with store:
        try:
            result = reconcile_store(store, full=full)
        except (StoreError, ValueError) as exc:
            print(f"fupin reconcile: nothing written to {store.path}: {exc}", file=sys.stderr)
            return 1
    if result.full_because:
        print(f"fupin reconcile: reconciled in full: {result.full_because}", file=sys.stderr)
    counts = result.counts()
    _summary(counts, counts["facts"], 0, result.converged)
    return 0


def _summary(counts: dict[str, int], n_facts: int, bad: int, converged: bool) -> None:
    note = "" if converged else " (TruthFinder did not converge: raise max_iterations)"
    print(
        f"fupin reconcile: {n_facts} facts, {counts['groups']} groups: {counts['single']} single, "
        f"{counts['agreed']} agreed, {counts['conflict']} conflict, {counts['flagged']} flagged; "
        f"{counts['changed']} changed, {counts['removed']} removed; reliabilities learned in "
        f"{counts['iterations']} iterations{note}; {bad} bad lines",
        file=sys.stderr,
    )
