"""``fupin schedule``: run the whole pipeline every N hours, in the foreground."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DESCRIPTION = """\
Run 'fupin run' (crawl -> extract -> reconcile -> feed export) now and then every
--every interval, in the foreground, until interrupted (Ctrl-C or SIGTERM).

A lock file ($FUPIN_HOME/run.lock) keeps two runs from overlapping: a run that is
due while another one (scheduled or manual) is still going is skipped, and the
next one starts on time. Every run is logged in the store's runs table with its
counts and errors (fupin.corpus.open(HOME).runs() in Python, or SELECT * FROM runs).

Prefer cron or a systemd timer when the machine has them (see the README): they
call 'fupin run', which takes the same lock.
"""

EPILOG = """\
examples:
  fupin schedule --every 6h
  fupin schedule --every 30m --sources sources.toml
  fupin schedule --every 1d --max-runs 7          # a week of daily runs, then exit

intervals: a number and a unit, s m h d (w for weeks), combined: 90s, 45m, 6h, 1h30m, 1d

the same with cron (every 6 hours; 'fupin run' takes the same lock, exit 3 if a run is going):
  0 */6 * * *  cd /srv/fupin && FUPIN_HOME=/srv/fupin/data .venv/bin/fupin run --sources sources.toml --quiet

the same with a systemd timer (fupin.service + fupin.timer, then: systemctl enable --now fupin.timer):
  [Service]                                     [Timer]
  Type=oneshot                                  OnBootSec=10min
  WorkingDirectory=/srv/fupin                   OnUnitActiveSec=6h
  Environment=FUPIN_HOME=/srv/fupin/data        Persistent=true
  ExecStart=/srv/fupin/.venv/bin/fupin run --sources sources.toml --quiet
"""

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")


def parse_interval(text: str) -> timedelta:
    """``"6h"``, ``"1h30m"``, ``"90s"`` -> timedelta; ValueError naming the problem otherwise."""
    compact = text.strip().lower().replace(" ", "")
    if not compact or _INTERVAL.sub("", compact):
        raise ValueError(
            f"--every: cannot read {text!r}; write a number and a unit, e.g. 6h, 30m, 1h30m, 90s"
        )
    seconds = sum(float(n) * _UNITS[u] for n, u in _INTERVAL.findall(compact))
    if seconds < 1:
        raise ValueError(f"--every: {text!r} is shorter than one second")
    return timedelta(seconds=seconds)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schedule",
        help="run the pipeline every N hours in the foreground",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--every", required=True, metavar="INTERVAL", help="time between runs, e.g. 6h")
    parser.add_argument(
        "--sources", metavar="sources.toml", help="outlets to crawl (default: the shipped list)"
    )
    parser.add_argument("--demo", action="store_true", help="crawl the embedded demo site instead")
    parser.add_argument("--home", metavar="DIR", help="data directory (default $FUPIN_HOME or ./fupin-data)")
    parser.add_argument("--max-runs", type=int, metavar="N", help="stop after N runs (default: never)")
    parser.add_argument("--no-first-run", action="store_true", help="wait one interval before the first run")
    parser.set_defaults(func=run)


def home_dir(value: str | None) -> Path:
    return Path(value or os.environ.get("FUPIN_HOME") or "fupin-data")


class _Runner:
    """The scheduled job: one pipeline run, its report, and the stop after --max-runs."""

    def __init__(self, args: argparse.Namespace, scheduler: Any) -> None:
        self.args = args
        self.scheduler = scheduler
        self.runs = 0

    def __call__(self) -> None:
        from fupin.pipeline_run import RunLocked, run_pipeline

        home = home_dir(self.args.home)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            summary = run_pipeline(home, self.args.sources, self.args.demo)
        except RunLocked as exc:
            print(f"{stamp} fupin schedule: {exc}", flush=True)
        else:
            errors = f", {len(summary.errors)} errors" if summary.errors else ""
            quarantined = f", {summary.quarantined} articles quarantined" if summary.quarantined else ""
            print(
                f"{stamp} fupin schedule: run {summary.status}: {summary.new_articles} new articles, "
                f"{summary.new_facts} new facts, {summary.groups_changed} groups changed, "
                f"{summary.conflicts} conflicts{quarantined}{errors} in {summary.seconds:.1f}s",
                flush=True,
            )
            for error in summary.errors:
                print(f"  error: {error}", flush=True)
            for problem in summary.problems:
                print(f"  {problem}", flush=True)
        self.runs += 1
        if self.args.max_runs and self.runs >= self.args.max_runs:
            self.scheduler.shutdown(wait=False)


def run(args: argparse.Namespace) -> int:
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    try:
        every = parse_interval(args.every)
    except ValueError as exc:
        print(f"fupin schedule: {exc}", file=sys.stderr)
        return 2
    if args.max_runs is not None and args.max_runs < 1:
        print(f"fupin schedule: --max-runs must be at least 1, got {args.max_runs}", file=sys.stderr)
        return 2
    scheduler = BlockingScheduler(timezone=UTC)
    first = None if args.no_first_run else datetime.now(UTC)
    scheduler.add_job(
        _Runner(args, scheduler),
        IntervalTrigger(seconds=every.total_seconds(), timezone=UTC),
        id="fupin-run",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=first or (datetime.now(UTC) + every),
    )
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    print(
        f"fupin schedule: a run every {every}, home {home_dir(args.home).resolve()}; Ctrl-C stops", flush=True
    )
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0
