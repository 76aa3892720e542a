"""The ``fupin`` command: help texts and the evaluate subcommand's agreement with the reference scorer."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import DATA, run_fupin


def test_help_lists_every_command_with_a_description() -> None:
    proc = run_fupin("--help")
    assert proc.returncode == 0
    from fupin.cli import COMMANDS

    for name in COMMANDS:
        assert name in proc.stdout
        sub = run_fupin(name, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "example" in sub.stdout.lower()


def test_evaluate_prints_the_reference_scorers_figures(dev_extraction: dict) -> None:
    files = [
        "--gold-facts", str(dev_extraction["gold.facts"]), "--pred-facts", str(dev_extraction["facts"]),
        "--gold-officials", str(dev_extraction["gold.officials"]),
        "--pred-officials", str(dev_extraction["officials"]),
    ]  # fmt: skip
    reference = subprocess.run(
        [sys.executable, str(DATA / "score.py"), *files], capture_output=True, text=True, check=True
    )
    ours = run_fupin("evaluate", *files)
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == reference.stdout
    ref_json = subprocess.run(
        [sys.executable, str(DATA / "score.py"), *files, "--json"], capture_output=True, text=True, check=True
    )
    assert json.loads(run_fupin("evaluate", *files, "--json").stdout) == json.loads(ref_json.stdout)


def test_evaluate_names_a_missing_file(tmp_path) -> None:
    missing = tmp_path / "nope.jsonl"
    proc = run_fupin("evaluate", "--gold-facts", str(missing), "--pred-facts", str(missing))
    assert proc.returncode == 1
    assert str(missing) in proc.stderr
