"""The ``fupin`` command: help texts; ``fupin evaluate``'s input errors (its figures: test_evaluation.py)."""

from __future__ import annotations

from conftest import run_fupin


def test_help_lists_every_command_with_a_description() -> None:
    proc = run_fupin("--help")
    assert proc.returncode == 0
    from fupin.cli import COMMANDS

    for name in COMMANDS:
        assert name in proc.stdout
        sub = run_fupin(name, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "example" in sub.stdout.lower()


def test_evaluate_names_a_missing_file(tmp_path) -> None:
    missing = tmp_path / "nope.jsonl"
    proc = run_fupin("evaluate", "--gold-facts", str(missing), "--pred-facts", str(missing))
    assert proc.returncode == 1
    assert str(missing) in proc.stderr
