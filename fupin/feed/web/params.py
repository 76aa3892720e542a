"""The explorer's query string: filters, sorting, paging and the output format, checked by hand.

The explorer reads its own query string instead of FastAPI's typed parameters for two
reasons: an HTML form sends an empty value for "any" (``metric=``), which must mean no
filter rather than a bad metric; and a bad value must come back as a page (or CSV/JSON
error) saying which parameter is wrong, not as the API's JSON validation error.

Conventions (kept the same on every view):

- a filter may be repeated (``province=Gansu&province=Henan``): values are OR-ed;
- ``_sort=COLUMN`` sorts ascending, ``_sort=-COLUMN`` descending;
- ``_page=N`` (from 1) and ``_size=N`` (at most :data:`MAX_SIZE`, or ``all``);
- ``_format=html`` (default), ``csv`` or ``json``: the same rows as the page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlencode

from fastapi import Request

from fupin.feed import queries
from fupin.feed.store_access import spec_enum

FORMATS = ("html", "csv", "json")
STATUSES = ("single", "agreed", "conflict")
FLAGGED = ("yes", "no")
DEFAULT_SIZE = 50
MAX_SIZE = 1000
TEXT_MAX = 200


class ExplorerError(Exception):
    """A query parameter or path the explorer cannot serve; answered with ``status`` and the message."""

    def __init__(self, param: str, message: str, status: int = 422) -> None:
        super().__init__(f"parameter '{param}': {message}" if param else message)
        self.param = param
        self.message = str(self)
        self.status = status


@cache
def metrics() -> tuple[str, ...]:
    """The metrics of fact.schema.json: the only values a ``metric`` filter may take."""
    return spec_enum("properties", "metric")


@cache
def levels() -> tuple[str, ...]:
    """The region levels of fact.schema.json."""
    return spec_enum("properties", "region", "properties", "level")


@cache
def provinces() -> dict[str, str]:
    """Province names as facts write them (English, e.g. "Gansu"), keyed by their lower case.

    Read from the gazetteer the extractor uses, so a filter accepts every province a fact
    can name and rejects a misspelt one instead of silently showing nothing.
    """
    text = resources.files("fupin").joinpath("data/regions.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text), delimiter="\t")
    return {row["province"].lower(): row["province"] for row in rows if row["province"]}


@dataclass(frozen=True, slots=True)
class Params:
    """The non-empty query parameters of a request, in order (empty values mean "any")."""

    items: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, request: Request) -> Params:
        kept = []
        for name, value in request.query_params.multi_items():
            value = value.strip()
            if value == "":
                continue
            if len(value) > TEXT_MAX or "\x00" in value:
                raise ExplorerError(name, f"not a value this explorer takes (at most {TEXT_MAX} characters)")
            kept.append((name, value))
        return cls(tuple(kept))

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.items if k == name]

    def one(self, name: str) -> str | None:
        """The parameter's value; given twice with different values it is an error, not a guess."""
        values = self.values(name)
        if len(set(values)) > 1:
            raise ExplorerError(name, f"given more than once ({', '.join(values)}); give one value")
        return values[0] if values else None


def choices(params: Params, name: str, allowed: Iterable[str]) -> list[str]:
    """The values of a repeatable filter, each one of ``allowed``."""
    allowed = tuple(allowed)
    values = params.values(name)
    for value in values:
        if value not in allowed:
            raise ExplorerError(name, f"unknown value {value!r}; known: {', '.join(allowed)}")
    return values


def province_choices(params: Params, name: str = "province") -> list[str]:
    """Province filter values as facts write them; any case is accepted ("gansu" is Gansu)."""
    known = provinces()
    out = []
    for value in params.values(name):
        canonical = known.get(value.lower())
        if canonical is None:
            raise ExplorerError(name, f"unknown province {value!r} (write it in English, e.g. Gansu)")
        out.append(canonical)
    return out


def day(params: Params, name: str, *, end: bool) -> date | None:
    """A date bound given as YYYY, YYYY-MM or YYYY-MM-DD (a month or year ends on its last day)."""
    value = params.one(name)
    if value is None:
        return None
    parts = value.split("-")
    if not (1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4):
        raise ExplorerError(name, f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        return queries.period_end(value) if end else queries.period_start(value)
    except ValueError as exc:
        raise ExplorerError(name, f"{value!r} is not a calendar date ({exc})") from None


def date_range(params: Params) -> tuple[date | None, date | None]:
    """``from`` and ``to``, checked to be in order."""
    start, stop = day(params, "from", end=False), day(params, "to", end=True)
    if start and stop and start > stop:
        raise ExplorerError("from", f"{start} is after to={stop}")
    return start, stop


def flagged(params: Params) -> bool | None:
    """``flagged=yes`` keeps statistics with a flag, ``no`` those without; absent keeps both."""
    value = choices(params, "flagged", FLAGGED)
    if len(set(value)) != 1:
        return None  # absent, or both asked for
    return value[0] == "yes"


def sort(params: Params, columns: Iterable[str], default: str) -> tuple[str, bool]:
    """``_sort``: (column, descending); the column must be one of ``columns``."""
    value = params.one("_sort") or default
    column = value.removeprefix("-")
    columns = tuple(columns)
    if column not in columns:
        raise ExplorerError("_sort", f"cannot sort by {column!r}; sortable: {', '.join(columns)}")
    return column, value.startswith("-")


def positive(params: Params, name: str, default: int | None, maximum: int | None = None) -> int | None:
    """A positive integer parameter (``_size`` also takes ``all``: None, no limit)."""
    value = params.one(name)
    if value is None:
        return default
    if name == "_size" and value == "all":
        return None
    if not value.isdigit() or int(value) < 1:
        raise ExplorerError(name, f"{value!r} is not a positive whole number")
    if maximum is not None and int(value) > maximum:
        raise ExplorerError(name, f"{value} is more than {maximum} (use _size=all with _format=csv)")
    return int(value)


def paging(params: Params) -> tuple[int, int | None]:
    """(page, size): ``_page`` from 1, ``_size`` rows a page (None: all rows)."""
    page = positive(params, "_page", 1) or 1
    return page, positive(params, "_size", DEFAULT_SIZE, MAX_SIZE)


def output_format(params: Params) -> str:
    value = params.one("_format") or "html"
    if value not in FORMATS:
        raise ExplorerError("_format", f"unknown format {value!r}; known: {', '.join(FORMATS)}")
    return value


def statistic_filters(params: Params) -> queries.Filters:
    """The reconciled-table filters shared by the statistics table and its facets."""
    start, stop = date_range(params)
    return queries.Filters(
        province=province_choices(params),
        metric=choices(params, "metric", metrics()),
        level=choices(params, "level", levels()),
        status=choices(params, "status", STATUSES),
        source=params.values("source"),
        language=choices(params, "language", ("zh", "en")),
        date_from=start,
        date_to=stop,
    )


class Links:
    """URLs of the current view with some parameters changed: facets, sorting, pages, formats.

    Every link keeps the other parameters, so a filtered page's CSV link downloads
    exactly the rows on screen, and a facet click narrows what is already chosen.
    """

    def __init__(self, request: Request) -> None:
        self.path = request.url.path
        self.items = [(k, v) for k, v in request.query_params.multi_items() if v.strip() != ""]

    def _url(self, items: list[tuple[str, str]]) -> str:
        return f"{self.path}?{urlencode(items)}" if items else self.path

    def has(self, name: str, value: str) -> bool:
        return (name, value) in self.items

    def toggle(self, name: str, value: str) -> str:
        """Add ``name=value`` (a facet chosen) or remove it if present; back to page 1."""
        items = [i for i in self.items if i[0] != "_page"]
        if (name, value) in items:
            return self._url([i for i in items if i != (name, value)])
        return self._url([*items, (name, value)])

    def set(self, **changes: str | int | None) -> str:
        """Replace parameters (None removes one), e.g. ``set(_page=2)``."""
        items = [i for i in self.items if i[0] not in changes]
        items += [(k, str(v)) for k, v in changes.items() if v is not None]
        return self._url(items)

    def sorted_by(self, column: str, current: tuple[str, bool]) -> str:
        """The link of a column heading: sort by it, or flip the direction if already sorted by it."""
        descending = not current[1] if current[0] == column else False
        items = [i for i in self.items if i[0] not in ("_sort", "_page")]
        return self._url([*items, ("_sort", f"-{column}" if descending else column)])

    def as_format(self, fmt: str) -> str:
        items = [i for i in self.items if i[0] != "_format"]
        return self._url([*items, ("_format", fmt)])
