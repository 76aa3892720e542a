"""The small value types every extraction module passes around.

They carry character offsets into the text they were found in, so that a fact can
always be traced back to its exact evidence. Language modules produce them; the
fact assembler (``fupin.extract.facts``) turns them into schema-valid facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Unit = Literal["count", "percent", "yuan"]
Bound = Literal["exact", "more_than", "less_than", "about", "range"]
Level = Literal["national", "group", "province", "prefecture", "county", "township", "village"]
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, normalised: ``text[start:end]`` is the whole mention.

    ``start``/``end`` cover the digits plus the words that belong to the number
    ("近百", "2000余", "2.7342 million", "1600 yuan to 3,500"), not the counted noun.
    ``unit`` is ``None`` when the mention alone does not say (a bare count).
    ``counter`` is the measure word or noun right after the number when one is
    written (个, 家, 人, 元, "workshops", "people"), to help metric rules.
    """

    start: int
    end: int
    value: float
    value_max: float | None = None
    unit: Unit | None = None
    bound: Bound = "exact"
    counter: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division (or a national / group pseudo-place)."""

    name: str
    province: str | None
    level: Level
    adcode: str | None = None

    def as_region(self, written: str | None = None) -> dict:
        """The ``region`` object of fact.schema.json."""
        return {
            "name": written or self.name,
            "province": self.province,
            "level": self.level,
            "adcode": self.adcode,
        }


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text: ``text[start:end]`` is the name as written."""

    start: int
    end: int
    place: Place


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression resolved to an ISO date at its precision.

    ``as_of`` is "2020-05-31", "2020-06" or "2020"; ``None`` for expressions that
    name a span with no point date ("in the past two years").
    """

    start: int
    end: int
    as_of: str | None
    precision: Precision | None = None


@dataclass(slots=True)
class FactDraft:
    """A fact before it is written out: offsets are into the text that was analysed."""

    metric: str
    quantity: Quantity
    region: dict
    as_of: str | None
    as_of_source: Literal["text", "published"] | None
    sentence_start: int
    sentence_end: int
    scope: str | None = None
    period: str | None = None
    confidence: float | None = None
    extras: dict = field(default_factory=dict)
