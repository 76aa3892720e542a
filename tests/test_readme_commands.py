"""CI runs the README's two commands exactly as written (issue 14, part 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import readme_commands  # noqa: E402


def test_the_readme_gives_a_set_up_command_and_a_test_command() -> None:
    commands = readme_commands.two_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert commands["setup"].startswith("bash scripts/install.sh && ")
    assert "fupin run --demo" in commands["setup"], "the set-up command also runs the main job"
    assert commands["test"].startswith(".venv/bin/python -m pytest")


def test_ci_runs_what_the_readme_says() -> None:
    printed = subprocess.run(
        ["bash", str(ROOT / ".ci" / "run"), "--print"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    commands = readme_commands.two_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert printed == [commands["setup"], commands["test"]]


def test_the_set_up_installs_the_browser_the_tests_drive() -> None:
    install = (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    line = next(row for row in install.splitlines() if row.startswith("SYSTEM_PACKAGES="))
    assert {"chromium", "chromium-driver"} <= set(line.split("(", 1)[1].rstrip(")").split())


@pytest.mark.parametrize(
    ("readme", "problem"),
    [
        ("# fupin\n\nno commands here\n", "no '## Two commands' section"),
        ("## Two commands\n\n```bash\nbash scripts/install.sh\n```\n\n## Next\n", "found 1"),
        ("## Two commands\n\n```bash\na\nb\n```\n\n```bash\nc\n```\n", "one line"),
    ],
)
def test_a_readme_without_two_one_line_commands_is_named(readme: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        readme_commands.two_commands(readme)


def test_the_command_line_names_a_wrong_argument() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_commands.py"), "install"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "usage: readme_commands.py {setup|test}" in result.stderr
