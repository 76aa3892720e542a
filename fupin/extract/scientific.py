"""Powers and scientific notation ("10^40", "3×10^5", "1e40"), in any language.

News never writes a statistic this way, so such a mention is nearly always spam,
a test string or a garbled page; it must be read as one (huge) number, so that
the plausibility check can reject it by name, rather than as "10" and "40"
with the 40 wrongly taken for a count of workshops.
"""

from __future__ import annotations

import re
from dataclasses import replace

from fupin.extract.mentions import Quantity

# (opened by a look-ahead for the digit every match starts with: the look-behind and the rest are
# not tried at the other offsets; the same matches)
_SCIENTIFIC = re.compile(
    r"(?=\d)(?<![0-9A-Za-z.])(?P<mant>\d+(?:\.\d+)?)\s*"
    r"(?:(?:[x×*]\s*10\s*)?(?:\^|\*\*)\s*(?P<exp>[+-]?\d{1,4})|[eE](?P<e>[+-]?\d{1,4}))(?![0-9A-Za-z.])"
)


def find_scientific(text: str) -> list[Quantity]:
    """Mentions written as a power or in e-notation, with their value (inf when too large)."""
    found = []
    for match in _SCIENTIFIC.finditer(text):
        mantissa = float(match.group("mant"))
        if match.group("e") is not None:
            value = _power(mantissa, 10.0, int(match.group("e")))
        elif "10" in match.group(0)[len(match.group("mant")) :]:
            value = _power(mantissa, 10.0, int(match.group("exp")))
        else:
            value = _power(1.0, mantissa, int(match.group("exp")))
        found.append(Quantity(match.start(), match.end(), value))
    return found


def _power(factor: float, base: float, exponent: int) -> float:
    try:
        return factor * base**exponent
    except OverflowError:
        return float("inf")


def with_scientific(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """``quantities`` with every mention overlapping a scientific one replaced by it."""
    scientific = find_scientific(text)
    if not scientific:
        return quantities
    kept = [q for q in quantities if not any(q.start < s.end and s.start < q.end for s in scientific)]
    for i, sci in enumerate(scientific):
        covered = [q for q in quantities if q.start < sci.end and sci.start < q.end]
        if covered:
            last = covered[-1]
            scientific[i] = replace(sci, unit=last.unit, counter=last.counter)
    return sorted(kept + scientific, key=lambda q: q.start)
