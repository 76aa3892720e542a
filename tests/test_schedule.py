"""``fupin schedule`` and the run lock: runs never overlap, and each is logged in the store."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from feed_support import ARTICLES, add_articles, command

from fupin.commands import run as run_command
from fupin.commands import schedule as schedule_command
from fupin.commands.schedule import parse_interval
from fupin.corpus.store import Store
from fupin.pipeline_run import RunLocked, run_lock, run_pipeline

HOLD = (
    "import sys, time; from fupin.pipeline_run import run_lock\n"
    "with run_lock(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)\n"
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("6h", 21600),
        ("30m", 1800),
        ("90s", 90),
        ("1h30m", 5400),
        ("1d", 86400),
        ("2w", 1209600),
        ("0.5h", 1800),
    ],
)
def test_intervals(text: str, seconds: int) -> None:
    assert parse_interval(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "6", "h", "6x", "six hours", "0s", "-1h"])
def test_bad_intervals_name_the_option(text: str) -> None:
    with pytest.raises(ValueError, match="--every"):
        parse_interval(text)


def test_a_second_run_is_refused_while_one_holds_the_lock(tmp_path: Path) -> None:
    with run_lock(tmp_path):
        with pytest.raises(RunLocked, match="another fupin run"):
            run_pipeline(tmp_path)
        with pytest.raises(RunLocked):
            with run_lock(tmp_path):
                pass
    with run_lock(tmp_path):  # released: the next run gets it
        pass


def test_lock_across_processes_and_released_when_the_holder_dies(tmp_path: Path, capsys) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        args = command(run_command, "run", "--home", str(tmp_path), "--quiet")
        assert args.func(args) == 3
        assert f"pid {holder.pid}" in capsys.readouterr().err
    finally:
        holder.kill()  # killed hard: the OS releases the lock, no stale lock file blocks the next run
        holder.wait()
    with run_lock(tmp_path):
        pass


@pytest.fixture()
def restore_sigterm():
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_schedule_runs_repeatedly_and_logs_each_run(tmp_path: Path, capsys, restore_sigterm) -> None:
    with Store.open(tmp_path) as store:
        from fupin.extract import EXTRACTOR_VERSION

        add_articles(store, ARTICLES, version=EXTRACTOR_VERSION)
    args = command(schedule_command, "schedule", "--every", "1s", "--max-runs", "2", "--home", str(tmp_path))
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert out.count("run ok") == 2, out
    with Store.open(tmp_path) as store:
        runs = [r for r in store.runs() if r["kind"] == "pipeline"]
    assert [r["status"] for r in runs] == ["ok", "ok"]
    assert runs[0]["counts"]["groups_changed"] > 0 and runs[1]["counts"]["groups_changed"] == 0
    assert all(r["finished"] >= r["started"] for r in runs)
    assert runs[1]["started"] >= runs[0]["finished"]  # one after the other, never overlapping


def test_schedule_skips_a_run_while_another_holds_the_lock(tmp_path: Path, capsys, restore_sigterm) -> None:
    args = command(schedule_command, "schedule", "--every", "1s", "--max-runs", "1", "--home", str(tmp_path))
    with run_lock(tmp_path):
        assert args.func(args) == 0
    assert "skipped" in capsys.readouterr().out
    assert not (tmp_path / "fupin.duckdb").exists()  # the skipped run touched nothing


def test_schedule_rejects_a_bad_interval(tmp_path: Path, capsys) -> None:
    args = command(schedule_command, "schedule", "--every", "soon", "--home", str(tmp_path))
    assert args.func(args) == 2
    assert "--every" in capsys.readouterr().err
