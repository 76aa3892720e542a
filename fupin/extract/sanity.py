"""Plausibility limits for extracted values.

A misparsed number ("10^40 workshops", an ID read as a count) must not reach the
fact table: nothing counted in this domain exceeds China's population, no share
of last year's total is above 1,000%, and no fund is larger than the national budget.
"""

from __future__ import annotations

import math

_LIMITS = {"count": 1.5e9, "percent": 1000.0, "yuan": 1e14}


def implausible(value: float, unit: str) -> str | None:
    """Why ``value`` cannot be right for ``unit``, or ``None`` when it can."""
    if not math.isfinite(value):
        return f"value {value!r} is not a finite number"
    if value < 0:
        return f"value {value:g} is negative"
    if value == 0 and unit != "percent":
        return "value 0 states nothing (a damaged number such as '?00')"
    limit = _LIMITS.get(unit)
    if limit is not None and value > limit:
        return f"value {value:g} {unit} is beyond any plausible figure (> {limit:g})"
    return None
