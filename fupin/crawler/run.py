"""Run a crawl from Python: ``run_crawl(sources, home) -> CrawlSummary``.

The crawl runs in this process with Scrapy's ``CrawlerProcess``. Twisted's
reactor cannot be started twice in one process, so a second crawl in the same
process (a test, a notebook, the scheduler) runs in a child process
(``python -m fupin.crawler.run``) and its summary comes back as JSON.

Resuming: the job state (Scrapy's JOBDIR: the pending request queue) lives
under ``<home>/crawl-jobs/``. A crawl stopped gracefully (Ctrl-C, SIGTERM,
``--max-articles``) resumes its queue next time; a crawl killed hard leaves a
``RUNNING`` marker, and the next run discards that half-written state and starts
from the start URLs again. Either way the store decides what is new: every
stored article is committed on its own and skipped by URL afterwards, so
nothing stored is lost or stored twice.

Shared crawl: with ``redis_url`` (or ``FUPIN_REDIS_URL``) the queue and the
dupefilter live in Redis instead of JOBDIR, so many processes crawl together and
resume from Redis, and articles go through per-process spool files that one
writer merges into the store (fupin.crawler.distributed, fupin.crawler.spool).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fupin.crawler.sources import load_sources

if TYPE_CHECKING:  # imported where used: see _summary_class
    from fupin.crawler.middlewares import CrawlSummary

_reactor_used = False
MARKER = "RUNNING"


def crawl_settings(
    home: str | Path, overrides: dict[str, Any] | None = None, redis_url: str | None = None
) -> Any:
    """The project's Scrapy settings with the store's home and ``overrides`` applied.

    ``redis_url`` (or a ``FUPIN_REDIS_URL`` setting or environment variable) makes
    it a shared crawl (fupin.crawler.distributed); ``overrides`` still win.
    """
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("fupin.crawler.settings", priority="project")
    settings.set("FUPIN_HOME", str(home), priority="cmdline")
    redis_url = redis_url or (overrides or {}).get("FUPIN_REDIS_URL")
    if redis_url:
        from fupin.crawler.distributed import redis_settings

        settings.setdict(redis_settings(redis_url), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def job_dir(home: str | Path, sources: str | Path, names: list[str] | None = None) -> Path:
    """Where the resumable state of a crawl of ``sources`` lives."""
    key = f"{Path(sources).resolve()}|{','.join(sorted(names or []))}"
    return Path(home) / "crawl-jobs" / hashlib.sha1(key.encode()).hexdigest()[:12]


def run_crawl(
    sources: str | Path,
    home: str | Path,
    max_articles: int | None = None,
    settings: dict[str, Any] | None = None,
    source_names: list[str] | None = None,
    in_process: bool | None = None,
    redis_url: str | None = None,
) -> CrawlSummary:
    """Crawl the sources into the store at ``home``; returns (and logs) the summary.

    ``settings`` overrides Scrapy settings (e.g. ``{"DOWNLOAD_TIMEOUT": 3}``).
    ``in_process`` None means: in this process unless a crawl already ran here.
    ``redis_url`` shares the crawl with every other process given the same Redis.
    """
    load_sources(sources)  # fail early, with the file and key, before Scrapy starts
    if redis_url:
        settings = {**(settings or {}), "FUPIN_REDIS_URL": redis_url}
    if in_process is None:
        in_process = not _reactor_used
    if not in_process:
        return _run_child(sources, home, max_articles, settings, source_names)
    return _run_here(sources, home, max_articles, settings, source_names)


def _run_here(
    sources: str | Path,
    home: str | Path,
    max_articles: int | None,
    overrides: dict[str, Any] | None,
    source_names: list[str] | None,
) -> CrawlSummary:
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    settings = crawl_settings(home, overrides)
    if settings.get("FUPIN_REDIS_URL"):
        # queue and dupefilter live in Redis: no JOBDIR, Redis is the job state
        return _crawl(settings, sources, max_articles, source_names)
    jobdir = job_dir(home, sources, source_names)
    _prepare_jobdir(jobdir)
    settings = crawl_settings(home, {"JOBDIR": str(jobdir), **(overrides or {})})
    marker = jobdir / MARKER
    summary = _crawl(settings, sources, max_articles, source_names, started=marker)
    if summary.finish_reason == "finished":
        shutil.rmtree(jobdir, ignore_errors=True)  # the next run is a new incremental crawl
    else:
        marker.unlink(missing_ok=True)  # stopped cleanly: resumable
    return summary


def _crawl(
    settings: Any,
    sources: str | Path,
    max_articles: int | None,
    source_names: list[str] | None,
    started: Path | None = None,
) -> CrawlSummary:
    """Run the news spider in this process; ``started`` is written with our pid once it runs.

    The marker tells the next run that a crawl was going (and, if it is still there,
    that it was killed hard and its queue files may be torn).
    """
    global _reactor_used
    from scrapy.crawler import CrawlerProcess

    from fupin.crawler.spiders.news import NewsSpider

    if max_articles:
        settings.set("FUPIN_MAX_ARTICLES", int(max_articles), priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    kwargs: dict[str, Any] = {"sources": str(sources)}
    if source_names:
        kwargs["source"] = ",".join(source_names)
    process.crawl(crawler, **kwargs)
    _reactor_used = True
    if started is not None:
        started.write_text(str(os.getpid()))
    process.start()
    return getattr(crawler, "fupin_summary", None) or _summary_class()(finish_reason="failed")


def _summary_class() -> type[CrawlSummary]:
    """``CrawlSummary``, imported when a crawl ends, not when this module is.

    The analysis workers are spawned, and a spawned process imports the parent's main
    module again: this one, for ``python -m fupin.crawler.run``. Importing Scrapy at
    the top (through fupin.crawler.middlewares) cost each worker 0.2 s of CPU at start,
    taken from the reactor on a two-core machine; the workers never use Scrapy.
    """
    from fupin.crawler.middlewares import CrawlSummary

    return CrawlSummary


def _prepare_jobdir(jobdir: Path) -> None:
    """Discard the state of a crawl that was killed hard (its queue files may be torn)."""
    if (jobdir / MARKER).exists():
        shutil.rmtree(jobdir, ignore_errors=True)
    jobdir.mkdir(parents=True, exist_ok=True)


def _run_child(
    sources: str | Path,
    home: str | Path,
    max_articles: int | None,
    overrides: dict[str, Any] | None,
    source_names: list[str] | None,
) -> CrawlSummary:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "summary.json"
        cmd = [sys.executable, "-m", "fupin.crawler.run", "--sources", str(sources), "--home", str(home)]
        cmd += ["--summary-json", str(out), "--settings-json", json.dumps(overrides or {})]
        if max_articles:
            cmd += ["--max-articles", str(max_articles)]
        if source_names:
            cmd += ["--source", ",".join(source_names)]
        proc = subprocess.run(cmd, check=False)
        if not out.exists():
            raise RuntimeError(f"the crawl process failed (exit status {proc.returncode})")
        return _summary_class().from_dict(json.loads(out.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    """``python -m fupin.crawler.run``: one crawl in its own process (used by ``run_crawl``)."""
    parser = argparse.ArgumentParser(prog="python -m fupin.crawler.run")
    parser.add_argument("--sources", required=True)
    parser.add_argument("--home", required=True)
    parser.add_argument("--max-articles", type=int, default=0)
    parser.add_argument("--source", default="")
    parser.add_argument("--summary-json")
    parser.add_argument("--settings-json", default="{}")
    args = parser.parse_args(argv)
    summary = _run_here(
        args.sources,
        args.home,
        args.max_articles,
        json.loads(args.settings_json),
        [s for s in args.source.split(",") if s] or None,
    )
    if args.summary_json:
        Path(args.summary_json).write_text(
            json.dumps(summary.to_dict(), ensure_ascii=False), encoding="utf-8"
        )
    print(summary.format(), file=sys.stderr)
    return 0 if summary.finish_reason in ("finished", "max_articles") else 1


if __name__ == "__main__":
    sys.exit(main())
