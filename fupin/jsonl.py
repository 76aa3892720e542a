"""Reading and writing JSON Lines the way a long unattended run needs.

A bad line must not stop a run over thousands of articles: the reader yields a
:class:`LineError` naming the file, the line and the problem, and goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any


@dataclass(frozen=True, slots=True)
class LineError:
    """One line that could not be read."""

    path: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.problem}"


def read_jsonl(path: str | Path) -> Iterator[tuple[int, Any] | LineError]:
    """Yield ``(line_number, object)`` per JSON line, or a LineError for a bad line.

    Lines are decoded one by one, so a file with a few non-UTF-8 bytes loses only
    those lines. A missing or unreadable file raises OSError.
    """
    name = str(path)
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8").strip()
            except UnicodeDecodeError as exc:
                yield LineError(
                    name, number, f"not UTF-8 (byte {exc.start}: {raw[exc.start : exc.start + 1]!r})"
                )
                continue
            if not line:
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield LineError(name, number, f"not JSON: {exc.msg} at column {exc.colno}")


def write_jsonl(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Write one compact JSON object per line; returns how many were written."""
    count = 0
    for record in records:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
