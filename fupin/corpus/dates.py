"""Dates of statistics as periods, so that reports of one figure at different precisions meet.

A fact's ``as_of`` is an ISO date of year, month or day precision. Outlets state
the same figure at different precisions: "by the end of June" (``2020-06``, or
``2020-06-30`` when resolved) and "as of June 30" (``2020-06-30``) are one date.
Treating every date as the closed interval of days it covers makes that rule
exact: a month contains the days of that month, a year contains its months and
days, and two dates are *compatible* when one contains the other.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class Period:
    """The days a date of some precision covers (``start`` and ``end`` inclusive)."""

    text: str
    start: date
    end: date
    precision: str

    @property
    def rank(self) -> int:
        """0 for a day, 1 for a month, 2 for a year: finer dates sort first."""
        return PRECISIONS.index(self.precision)


def parse_period(text: str | None) -> Period | None:
    """``"2020"``, ``"2020-06"`` or ``"2020-06-30"`` as a Period; None for None/empty/malformed."""
    if not text:
        return None
    parts = str(text).strip()[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return Period(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year")
        month = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return Period(f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, last), "month")
        day = date(year, month, int(parts[2]))
        return Period(day.isoformat(), day, day, "day")
    except (ValueError, IndexError):
        return None


def contains(outer: Period, inner: Period) -> bool:
    """Every day of ``inner`` lies in ``outer`` (a period contains itself)."""
    return outer.start <= inner.start and inner.end <= outer.end


def compatible(a: Period | None, b: Period | None) -> bool:
    """Two dates that may name the same moment: equal, or one contains the other.

    Two missing dates are compatible with each other and with nothing else.
    """
    if a is None or b is None:
        return a is None and b is None
    return contains(a, b) or contains(b, a)


def before(a: Period, b: Period) -> bool:
    """``a`` ends before ``b`` starts (no overlap), so a later figure can be compared with it."""
    return a.end < b.start


def month_of(text: str | None) -> str | None:
    """The ``YYYY-MM`` (or ``YYYY``) head of an ISO date or timestamp, for publication dates."""
    period = parse_period(text)
    if period is None:
        return None
    return period.text[:7]
