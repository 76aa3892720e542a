"""Print one of the README's two commands, so CI runs exactly what a new user reads.

The README's "Two commands" section holds two ```bash blocks, the set-up command
first and the test command second. `.ci/run` executes what this script prints
instead of keeping its own copy, so the README and CI cannot drift apart.

    python3 scripts/readme_commands.py setup   # bash scripts/install.sh && ...
    python3 scripts/readme_commands.py test    # .venv/bin/python -m pytest ...

Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "## Two commands"
WHICH = ("setup", "test")


def two_commands(readme: str) -> dict[str, str]:
    """The set-up and test commands: the first two bash blocks of the section."""
    start = readme.find(SECTION)
    if start < 0:
        raise ValueError(f"README.md has no {SECTION!r} section")
    end = readme.find("\n## ", start + len(SECTION))
    section = readme[start : end if end > 0 else len(readme)]
    blocks = re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)
    if len(blocks) < 2:
        raise ValueError(f"README.md's {SECTION!r} section needs two ```bash blocks, found {len(blocks)}")
    for block in blocks[:2]:
        if "\n" in block.strip():
            raise ValueError(f"each README command is one line; got {block!r}")
    return dict(zip(WHICH, (block.strip() for block in blocks[:2]), strict=True))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in WHICH:
        print(f"usage: readme_commands.py {{{'|'.join(WHICH)}}}", file=sys.stderr)
        return 2
    try:
        print(two_commands(README.read_text(encoding="utf-8"))[argv[0]])
    except ValueError as exc:
        print(f"readme_commands.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
