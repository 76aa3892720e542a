"""Shared fixtures: paths to the test data (the project's and the shared one) and a way to run the CLI.

The project's own evaluation sets live in tests/data. Material the project did not write (the
real news pages of the dev set, the reference scorer) stays out of the repository: tests read it
from the ``shared`` folder beside the checkout (``$FUPIN_SHARED`` to point elsewhere), and the
tests that need it skip, naming the folder, when it is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
SPEC = ROOT / "fupin" / "spec"
#: The shared folder: $FUPIN_SHARED, else ``shared`` beside the repository.
SHARED = Path(os.environ.get("FUPIN_SHARED") or ROOT.parent / "shared")
#: The dev set's files (in shared/eval/dev) on which the quality floors were set.
DEV_SETS = ("seeds", "pages")
#: The project's own evaluation sets (tests/data).
PROJECT_SETS = ("heldout", "heldout2", "heldout3")


def shared_dir(*parts: str) -> Path:
    """A path under the shared folder; skips the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared folder: {path} is absent (set FUPIN_SHARED to the shared folder)")
    return path


def sample_article_files() -> list[Path]:
    """The sample articles' files: the project's sets, and the dev set's (seeds, pages) when present."""
    shared = [SHARED / "eval" / "dev" / f"{name}.articles.jsonl" for name in DEV_SETS]
    return sorted(DATA.glob("*/*articles.jsonl")) + [path for path in shared if path.exists()]


def run_fupin(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``fupin`` command in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "fupin", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def schema(name: str) -> dict:
    return json.loads((SPEC / name).read_text(encoding="utf-8"))


def concat_jsonl(parts: list[Path], target: Path) -> Path:
    """JSON Lines files written one after the other into ``target``."""
    target.write_text(
        "".join(p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in parts), encoding="utf-8"
    )
    return target


def eval_set_files(folder: Path, out: Path, names: tuple[str, ...] | None = None) -> dict[str, Path]:
    """An evaluation set concatenated: articles, gold facts, gold officials.

    ``names`` picks files by their prefix (``pages`` takes pages.articles.jsonl, ...); all when None.
    """
    files = {}
    for kind in ("articles", "gold.facts", "gold.officials"):
        if names is None:
            parts = sorted(folder.glob(f"*{kind}.jsonl"))
        else:
            parts = [folder / f"{name}.{kind}.jsonl" for name in names]
        files[kind] = concat_jsonl(parts, out / f"{kind}.jsonl")
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
def dev_dir() -> Path:
    """The shared dev set's folder (skips when absent)."""
    return shared_dir("eval", "dev")


@pytest.fixture(scope="session")
def reference_scorer() -> Path:
    """The reference scorer, shared/tools/score.py (skips when absent)."""
    return shared_dir("tools", "score.py")


@pytest.fixture(scope="session")
def dev_files(dev_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The dev set (seeds and pages of shared/eval/dev) concatenated."""
    return eval_set_files(dev_dir, tmp_path_factory.mktemp("dev"), DEV_SETS)


@pytest.fixture(scope="session")
def dev_extraction(dev_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``fupin extract`` run once over the whole dev set (facts and officials)."""
    return extract_eval_set(dev_files, tmp_path_factory.mktemp("dev-pred"))


@pytest.fixture(scope="session")
def sample_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles in one file: the project's sets, and the dev set's when present.

    For tests that compare two ways of extracting, or check the output's form: any articles
    serve them, so they need not skip without the shared folder.
    """
    return concat_jsonl(sample_article_files(), tmp_path_factory.mktemp("samples") / "articles.jsonl")
