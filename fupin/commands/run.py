"""``fupin run``: crawl -> extract -> reconcile -> feed export, once."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Run the whole pipeline once: crawl the outlets of a sources file (or the embedded
demo site with --demo), extract facts and officials from the articles the current
extractor has not read, reconcile the groups that changed, and export the feed to
$FUPIN_HOME/feed. Each stage is incremental, so a second run does only new work.

Ends with a summary (new articles, new facts, groups changed, conflicts,
quarantined articles) and where the feed and the store are. The run is logged in
the store's runs table; a lock file ($FUPIN_HOME/run.lock) refuses a second run
while one is going (exit 3).

No single article stops a run: an article that breaks article.schema.json, whose
extraction fails, or that runs past its time limit (120 s per 100,000 characters)
is put in the store's quarantine table with its error, named (id and URL) after
the summary, and not tried again until the extractor version changes. A text over
100,000 characters is extracted in parts cut at paragraph breaks.
"""

EPILOG = """\
examples:
  fupin run --demo                       # the embedded demo news site, end to end
  fupin run --sources sources.toml
  FUPIN_HOME=/srv/fupin fupin run --sources /etc/fupin/sources.toml --quiet   # from cron

exit status: 0 all stages ran (articles may have been quarantined: the summary says how many),
             1 a stage failed (the others still ran), 3 another run holds the lock
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="crawl, extract, reconcile and export the feed, once",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sources", metavar="sources.toml", help="outlets to crawl (default: HOME/sources.toml if there)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="crawl the embedded demo site (served on 127.0.0.1)"
    )
    parser.add_argument("--home", metavar="DIR", help="data directory (default $FUPIN_HOME or ./fupin-data)")
    parser.add_argument("--feed-dir", metavar="DIR", help="where to export the feed (default HOME/feed)")
    parser.add_argument("--max-articles", type=int, metavar="N", help="stop the crawl after N articles")
    parser.add_argument("--quiet", action="store_true", help="no progress display, only the summary")
    parser.set_defaults(func=run)


#: The counts worth a glance while the run goes on (the summary has the rest).
STAGE_COUNTS = {
    "crawl": ("pages_fetched", "articles_kept", "new_articles"),
    "extract": ("articles", "facts", "new_facts", "quarantined"),
    "reconcile": ("groups", "changed", "conflict"),
    "feed": (),
}

STAGE_LABELS = {
    "crawl": "crawl the news sites",
    "extract": "extract facts and officials",
    "reconcile": "reconcile across outlets",
    "feed": "export the feed",
}


class RichProgress:
    """Progress bars for the stages (and for the articles of the extract stage)."""

    def __init__(self, console: Any) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> RichProgress:
        self.progress.__enter__()
        for stage, label in STAGE_LABELS.items():
            self.tasks[stage] = self.progress.add_task(label, total=1, start=False)
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def __call__(self, stage: str, event: str, counts: dict[str, Any] | None) -> None:
        task = self.tasks.get(stage)
        if task is None:
            return
        if event == "start":
            self.progress.start_task(task)
        elif event == "advance" and counts:
            self.progress.update(task, completed=counts["done"], total=max(counts["total"], 1))
        elif event == "done":
            total = self.progress.tasks[task].total or 1
            shown = ", ".join(f"{k} {counts[k]}" for k in STAGE_COUNTS[stage] if k in (counts or {}))
            label = STAGE_LABELS[stage] + (f" [dim]({shown})[/dim]" if shown else "")
            self.progress.update(task, completed=total, description=label)


def plain_progress(stage: str, event: str, counts: dict[str, Any] | None) -> None:
    """One line per stage on stderr, for logs (cron, CI) where bars would be noise."""
    if event == "start":
        print(f"fupin run: {STAGE_LABELS.get(stage, stage)} ...", file=sys.stderr, flush=True)
    elif event == "done":
        shown = ", ".join(f"{k} {v}" for k, v in (counts or {}).items() if isinstance(v, int | float))
        print(f"fupin run: {stage} done" + (f" ({shown})" if shown else ""), file=sys.stderr, flush=True)


#: Quarantined (or cut) articles named after the summary; the quarantine table has every one.
SHOWN_PROBLEMS = 20


def print_summary(summary: Any, console: Any) -> None:
    from rich.table import Table

    table = Table(title="fupin run", show_header=False)
    table.add_row("status", summary.status)
    table.add_row("new articles", str(summary.new_articles))
    table.add_row("new facts", str(summary.new_facts))
    table.add_row("groups changed", str(summary.groups_changed))
    table.add_row("conflicts", str(summary.conflicts))
    quarantined = getattr(summary, "quarantined", 0)
    held = getattr(summary, "in_quarantine", 0)
    table.add_row(
        "quarantined", f"{quarantined}" + (f" ({held} in quarantine)" if held != quarantined else "")
    )
    table.add_row("time", f"{summary.seconds:.1f} s")
    console.print(table)
    for error in summary.errors:
        console.print(f"[red]error[/red] {error}", markup=True, highlight=False)
    problems = list(getattr(summary, "problems", []) or [])
    for problem in problems[:SHOWN_PROBLEMS]:
        console.print(problem, markup=False, highlight=False, soft_wrap=True)
    if len(problems) > SHOWN_PROBLEMS:
        console.print(
            f"... and {len(problems) - SHOWN_PROBLEMS} more (the store's quarantine table has them all)",
            highlight=False,
        )
    # plain print: paths must not be wrapped, whatever the terminal width
    print(f"feed:  {summary.feed_dir}", flush=True)
    print(f"store: {summary.store_path}", flush=True)
    print(f"serve it: fupin serve --home {summary.home}", flush=True)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from fupin.pipeline_run import RunLocked, run_pipeline

    if args.max_articles is not None and args.max_articles < 1:
        print(f"fupin run: --max-articles must be at least 1, got {args.max_articles}", file=sys.stderr)
        return 2
    if args.sources and not Path(args.sources).is_file():
        print(f"fupin run: --sources {args.sources}: no such file", file=sys.stderr)
        return 2
    if args.sources and args.demo:
        print("fupin run: give --sources or --demo, not both", file=sys.stderr)
        return 2
    home = Path(args.home or os.environ.get("FUPIN_HOME") or "fupin-data")
    console = Console(stderr=False)
    kwargs = {"feed_dir": args.feed_dir, "max_articles": args.max_articles}
    try:
        if args.quiet or not console.is_terminal:
            progress = None if args.quiet else plain_progress
            summary = run_pipeline(home, args.sources, args.demo, progress=progress, **kwargs)
        else:
            with RichProgress(console) as progress:
                summary = run_pipeline(home, args.sources, args.demo, progress=progress, **kwargs)
    except RunLocked as exc:
        print(f"fupin run: {exc}", file=sys.stderr)
        return 3
    print_summary(summary, console)
    return 0 if summary.status == "ok" else 1
