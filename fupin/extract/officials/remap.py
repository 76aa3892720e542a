"""Officials found on normalised text, re-read as written in the original article.

Rules run on simplified characters; the schema wants the name, title and organisation
"as written" (陸庭敏, not 陆庭敏). Records carry ``spans`` for exactly this: the caller
maps each span back through the text normaliser and slices the original text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ToOriginal = Callable[[int, int], tuple[int, int]]


def remap_official(record: dict[str, Any], original: str, to_original: ToOriginal) -> dict[str, Any]:
    """A copy of ``record`` with evidence offsets into ``original`` and values sliced from it.

    ``to_original(start, end)`` maps a span of the normalised text to the original
    (``Normalized.to_original``). The ``spans`` helper key is dropped.
    """
    out = {k: v for k, v in record.items() if k != "spans"}
    evidence = dict(out.get("evidence") or {})
    start, end = to_original(int(evidence.get("start", 0)), int(evidence.get("end", 0)))
    out["evidence"] = {**evidence, "start": start, "end": end}
    fields = {"name": "name", "title": "title", "organization": "organization", "quote": "quote"}
    for key, span_key in fields.items():
        span = (record.get("spans") or {}).get(span_key)
        if not span:
            continue
        s, e = to_original(int(span[0]), int(span[1]))
        written = original[s:e].strip()
        if written:
            out[key] = written
    return out
