"""The ``fupin`` command: one subcommand per stage of the pipeline.

Every subcommand lives in ``fupin.commands.<name>`` and registers its own parser,
so ``fupin <name> --help`` is written next to the code it documents.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from fupin import __version__

#: Subcommands in the order ``fupin --help`` lists them (data flows top to bottom).
COMMANDS = ("crawl", "demo", "extract", "reconcile", "export", "run", "schedule", "serve", "feed", "evaluate")

DESCRIPTION = """\
fupin mines news about China's employment-based poverty alleviation
(扶贫车间 poverty-alleviation workshops, poor migrant labour, leading enterprises).

It crawls Chinese and English news, extracts dated, located and sourced
statistics and the officials quoted, keeps them in one fact table, reconciles
what different outlets report for the same statistic, and publishes the result
for pandas / notebooks and as a JSON fact feed.
"""

EPILOG = """\
examples:
  fupin extract --in articles.jsonl --out facts.jsonl --officials officials.jsonl
  fupin evaluate --gold-facts gold.jsonl --pred-facts facts.jsonl

Data lives under $FUPIN_HOME (default ./fupin-data). Run 'fupin COMMAND --help'
for the options of one command.
"""


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="fupin",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"fupin {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"fupin.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
