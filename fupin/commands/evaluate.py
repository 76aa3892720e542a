"""``fupin evaluate``: score predicted facts (and officials) against gold files."""

from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """\
Score predicted facts against gold facts, as the project's reference scorer does.

A prediction matches a gold fact of the same article when the metric is the same
and the value agrees (0.5% relative, 0.01 for percentages). "lenient" needs only
that; "strict" also needs the region (province, or national/group level) and the
as_of date at the gold's precision. Officials (optional) match on the normalised
name within an article, then title and organization are checked by token overlap.
"""

EPILOG = """\
example:
  fupin evaluate --gold-facts gold.facts.jsonl --pred-facts facts.jsonl \\
      --gold-officials gold.officials.jsonl --pred-officials officials.jsonl
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="score facts and officials against gold annotations",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--gold-facts", required=True, metavar="G.jsonl")
    parser.add_argument("--pred-facts", required=True, metavar="P.jsonl")
    parser.add_argument("--gold-officials", metavar="GO.jsonl")
    parser.add_argument("--pred-officials", metavar="PO.jsonl")
    parser.add_argument("--articles", metavar="A.jsonl", help="limit scoring to these article ids")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Score the files named on the command line and print the report (text or JSON)."""
    from fupin.evaluation import EvaluationInputError, render, score

    paths = (args.gold_facts, args.pred_facts, args.gold_officials, args.pred_officials, args.articles)
    for path in paths:
        problem = _unreadable(path)
        if problem:
            print(f"fupin evaluate: cannot read {path}: {problem}", file=sys.stderr)
            return 1
    try:
        out = score(args.gold_facts, args.pred_facts, args.gold_officials, args.pred_officials, args.articles)
    except EvaluationInputError as exc:
        print(f"fupin evaluate: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(out, ensure_ascii=False) if args.json else render(out))
    return 0


def _unreadable(path: str | None) -> str | None:
    """Why ``path`` cannot be opened, or None (also when no path was given)."""
    if path is None:
        return None
    try:
        open(path, encoding="utf-8").close()
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
