"""One whole run of the pipeline: crawl -> extract -> reconcile -> feed export.

``fupin run`` and ``fupin schedule`` share :func:`run_pipeline`. A run holds a
lock file under ``$FUPIN_HOME`` for its whole length, so a scheduled run that
fires while another is still going (or a manual ``fupin run`` at the same time)
is refused instead of writing to the store twice. Every run that gets the lock
is logged in the store's ``runs`` table with its counts and errors.

The lock is an OS file lock (``filelock``): it is released by the kernel when the
process dies, so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

LOCK_NAME = "run.lock"
FEED_DIR = "feed"

#: The stages of a run, in order; progress callbacks receive these names.
STAGES = ("crawl", "extract", "reconcile", "feed")


class RunLocked(RuntimeError):
    """Another run holds the lock: this one did nothing."""


@dataclass(slots=True)
class RunSummary:
    """What one run did: the counts of the final summary and where the results are."""

    home: str
    started_at: str
    finished_at: str | None = None
    status: str = "running"
    new_articles: int = 0
    new_facts: int = 0
    groups_changed: int = 0
    conflicts: int = 0
    quarantined: int = 0
    in_quarantine: int = 0
    feed_dir: str | None = None
    store_path: str | None = None
    run_id: Any = None
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _now() -> str:
    """UTC, to the microsecond: the run's start also bounds what it changed in the store."""
    return datetime.now(UTC).isoformat()


def lock_path(home: str | os.PathLike[str]) -> Path:
    return Path(home) / LOCK_NAME


@contextmanager
def run_lock(home: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold the run lock of ``home`` or raise :class:`RunLocked` at once (never wait).

    The pid and start time of the holder are written next to the lock so that the
    refusal can say who holds it.
    """
    path = lock_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    info = path.with_name(LOCK_NAME + ".owner")
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        owner = info.read_text(encoding="utf-8").strip() if info.exists() else "unknown"
        raise RunLocked(f"another fupin run holds {path} ({owner}); this run was skipped") from None
    try:
        info.write_text(f"pid {os.getpid()} since {_now()}", encoding="utf-8")
        yield path
    finally:
        info.unlink(missing_ok=True)
        lock.release()


Progress = Callable[[str, str, dict[str, Any] | None], None]
"""``progress(stage, event, counts)`` with event ``"start"`` or ``"done"``."""


def _quiet(stage: str, event: str, counts: dict[str, Any] | None) -> None:
    return None


def run_pipeline(
    home: str | os.PathLike[str],
    sources: str | os.PathLike[str] | None = None,
    demo: bool = False,
    *,
    feed_dir: str | os.PathLike[str] | None = None,
    max_articles: int | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Run every stage once under the run lock; raises :class:`RunLocked` if another run holds it.

    A stage that fails is recorded in the summary's ``errors`` and the later
    stages still run on what the store holds (a failed crawl still lets the
    articles already stored be extracted and published). An article extraction
    gives up on (invalid, an error, out of time) is quarantined, not an error: the
    summary counts it (``quarantined``, ``in_quarantine``) and names it in
    ``problems``, and the run is still "ok". The run is logged in the store's
    ``runs`` table.
    """
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    progress = progress or _quiet
    summary = RunSummary(home=str(home.resolve()), started_at=_now())
    summary.feed_dir = str(Path(feed_dir or home / FEED_DIR).resolve())
    began = time.monotonic()
    with run_lock(home):
        summary.store_path = str(_store_path(home))
        run_id = _guard(summary, "log", lambda: _log_start(home))
        summary.run_id = run_id
        stages: list[tuple[str, Callable[[], dict[str, Any]]]] = [
            ("crawl", lambda: _crawl(home, sources, demo, max_articles)),
            (
                "extract",
                lambda: _extract(
                    home, lambda done, total: progress("extract", "advance", {"done": done, "total": total})
                ),
            ),
            ("reconcile", lambda: _reconcile(home)),
            ("feed", lambda: _export(home, Path(summary.feed_dir or home / FEED_DIR))),
        ]
        before = _guard(summary, "count", lambda: _counts(home, None)) or {}
        for name, stage in stages:
            progress(name, "start", None)
            counts = _guard(summary, name, stage) or {}
            if name == "reconcile":
                counts = {
                    **counts,
                    **(_guard(summary, "count", lambda: _counts(home, summary.started_at)) or {}),
                }
            summary.stages[name] = counts
            progress(name, "done", counts)
        after = summary.stages["reconcile"]
        summary.new_articles = max(0, int(after.get("articles", 0)) - int(before.get("articles", 0)))
        extracted = summary.stages["extract"]
        summary.new_facts = int(
            extracted.get("new_facts", extracted.get("facts", after.get("facts_extracted", 0))) or 0
        )
        summary.quarantined = int(extracted.get("quarantined", 0) or 0)
        summary.in_quarantine = int(extracted.get("in_quarantine", 0) or 0)
        summary.problems = [str(p) for p in extracted.get("problems") or []]
        if "changed" in after:  # reconcile_store's own count, removed groups included
            summary.groups_changed = int(after["changed"]) + int(after.get("removed", 0) or 0)
        else:
            summary.groups_changed = int(after.get("groups_changed", 0))
        summary.conflicts = int(after.get("conflicts", 0))
        summary.status = "failed" if summary.errors else "ok"
        summary.finished_at = _now()
        summary.seconds = round(time.monotonic() - began, 3)
        if run_id is not None:
            _guard(summary, "log", lambda: _log_end(home, run_id, summary))
    return summary


# --- the stages -------------------------------------------------------------------------------
# Each opens the store only for as long as it needs it: DuckDB allows one writing
# connection per file, and the crawler may write from its own process.


def _store_path(home: Path) -> Path:
    from fupin.corpus.store import database_path

    return database_path(home)


def _open(home: Path, read_only: bool = False, wait: float = 30.0) -> Any:
    """Open the store, waiting while a reader (a ``fupin serve`` request, a notebook query) holds it."""
    from fupin.corpus.store import Store

    return Store.open(home, read_only=read_only, wait=wait)


def _log_start(home: Path) -> int:
    with _open(home) as store:
        return store.start_run("pipeline")


def _log_end(home: Path, run_id: int, summary: RunSummary) -> None:
    counts = {
        "new_articles": summary.new_articles,
        "new_facts": summary.new_facts,
        "groups_changed": summary.groups_changed,
        "conflicts": summary.conflicts,
        "quarantined": summary.quarantined,
        "in_quarantine": summary.in_quarantine,
        "stages": summary.stages,
    }
    with _open(home) as store:
        store.finish_run(run_id, counts, summary.errors, status=summary.status)


def _counts(home: Path, since: str | None) -> dict[str, int]:
    """Store counts; with ``since`` (the run's start), also what this run changed."""
    with _open(home) as store:
        con = store.connection
        out = {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in ("articles", "facts")}
        out["conflicts"] = int(
            con.execute("SELECT count(*) FROM reconciled WHERE status = 'conflict'").fetchone()[0]
        )
        if since is not None:
            start = datetime.fromisoformat(since).astimezone(UTC).replace(tzinfo=None)
            changed = "SELECT count(*) FROM reconciled WHERE updated_at >= ?"
            removed = "SELECT count(*) FROM reconciled_removed WHERE removed_at >= ?"
            counts = (int(con.execute(q, [start]).fetchone()[0]) for q in (changed, removed))
            out["groups_changed"] = sum(counts)
            out["facts_extracted"] = int(
                con.execute(
                    "SELECT coalesce(sum(n_facts), 0) FROM extraction WHERE extracted_at >= ?", [start]
                ).fetchone()[0]
            )
        return out


def _plain(value: Any) -> dict[str, Any]:
    """A stage's summary object as a dict of its scalar fields."""
    if value is None:
        return {}
    if isinstance(value, dict):
        data = value
    elif callable(getattr(value, "counts", None)):
        data = value.counts()
    elif callable(getattr(value, "to_dict", None)):
        data = value.to_dict()
    elif hasattr(value, "as_dict"):
        data = value.as_dict()
    elif hasattr(value, "__dataclass_fields__"):
        data = asdict(value)
    else:
        data = dict(getattr(value, "__dict__", {}))
    return {k: v for k, v in data.items() if isinstance(v, str | int | float | bool) or v is None}


def _crawl(home: Path, sources: Any, demo: bool, max_articles: int | None) -> dict[str, Any]:
    """The demo site, a sources file, or (neither given) nothing to crawl."""
    # Scrapy's reactor wants the main thread (signal handlers); a scheduled run is in a worker
    # thread, so its crawl runs in a child process.
    in_process = None if threading.current_thread() is threading.main_thread() else False
    if demo:
        from fupin.demo import run_demo_crawl

        return _plain(run_demo_crawl(home, in_process=in_process))
    if sources is None and (home / "sources.toml").is_file():
        sources = home / "sources.toml"  # a deployment keeps its outlets next to its store
    if sources is None:
        return {"skipped": f"no --sources given and no {home / 'sources.toml'}"}
    from fupin.crawler.run import run_crawl

    return _plain(run_crawl(sources, home, max_articles=max_articles, in_process=in_process))


def _extract(home: Path, advance: Callable[[int, int], None]) -> dict[str, Any]:
    """Extract the articles the current extractor version has not processed."""
    from fupin.corpus.extraction import extract_store

    with _open(home) as store:
        return extract_store(store, progress=advance)


def _reconcile(home: Path) -> dict[str, Any]:
    from fupin.corpus.reconcile import reconcile_store

    with _open(home) as store:
        return _plain(reconcile_store(store))


def _export(home: Path, out_dir: Path) -> dict[str, Any]:
    from fupin.feed.export import export_feed

    index = export_feed(home, out_dir)
    return {f"exported_{k}": v for k, v in index["counts"].items()}


def _guard(summary: RunSummary, stage: str, call: Callable[[], Any]) -> Any:
    """Run one stage; an exception becomes an error line of the summary, not a crash."""
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - an unattended run must go on and report
        last = traceback.extract_tb(exc.__traceback__)[-1]
        summary.errors.append(
            f"{stage}: {type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"
        )
        return None
