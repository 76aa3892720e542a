"""Shared fixtures: paths to the project's test data and a way to run the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
DEV = DATA / "dev"
SPEC = Path(__file__).parent.parent / "fupin" / "spec"


def run_fupin(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``fupin`` command in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "fupin", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def schema(name: str) -> dict:
    return json.loads((SPEC / name).read_text(encoding="utf-8"))


def eval_set_files(folder: Path, out: Path) -> dict[str, Path]:
    """An evaluation set concatenated: articles, gold facts, gold officials."""
    files = {}
    for kind in ("articles", "gold.facts", "gold.officials"):
        target = out / f"{kind}.jsonl"
        target.write_text(
            "".join(
                p.read_text(encoding="utf-8").rstrip("\n") + "\n"
                for p in sorted(folder.glob(f"*{kind}.jsonl"))
            ),
            encoding="utf-8",
        )
        files[kind] = target
    return files


def extract_eval_set(files: dict[str, Path], out: Path) -> dict[str, Path]:
    """``fupin extract`` run once over an evaluation set (facts and officials)."""
    facts, officials = out / "facts.jsonl", out / "officials.jsonl"
    proc = run_fupin(
        "extract", "--in", str(files["articles"]), "--out", str(facts), "--officials", str(officials)
    )
    assert proc.returncode == 0, proc.stderr
    return {**files, "facts": facts, "officials": officials}


@pytest.fixture(scope="session")
def dev_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The dev set (a copy of shared/eval/dev) concatenated."""
    return eval_set_files(DEV, tmp_path_factory.mktemp("dev"))


@pytest.fixture(scope="session")
def dev_extraction(dev_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``fupin extract`` run once over the whole dev set (facts and officials)."""
    return extract_eval_set(dev_files, tmp_path_factory.mktemp("dev-pred"))
