"""One person found in one article, before it becomes an official.schema.json record.

Language rules fill a ``Person`` from every mention they see (the introduction with
title and organisation, later mentions that quote them); ``to_record`` turns it into
the record the lead maps back to the original text. ``spans`` keeps the offsets of
name, title and organisation so they can be re-read "as written" from the original
(traditional-character) article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fupin.extract.officials.names import name_key

Span = tuple[int, int]


@dataclass(slots=True)
class Person:
    """A named person with a title, and what the article has them say."""

    name: str
    name_span: Span
    title: str | None = None
    title_span: Span | None = None
    organization: str | None = None
    org_span: Span | None = None
    role: str = "official"
    province: str | None = None
    quote_kind: str | None = None  # "direct" / "indirect" once a cue is found
    quote: str | None = None
    quote_span: Span | None = None
    cue_positions: list[int] = field(default_factory=list)
    source: str = "rules"

    @property
    def key(self) -> str:
        """The cross-language person key of the name."""
        return name_key(self.name)

    def cite(self, kind: str, quote: str | None, quote_span: Span | None, position: int) -> None:
        """Record one statement; a direct quotation wins over a reported one."""
        self.cue_positions.append(position)
        if self.quote_kind is None or (kind == "direct" and self.quote_kind != "direct"):
            self.quote_kind, self.quote, self.quote_span = kind, quote, quote_span

    def to_record(self) -> dict[str, Any]:
        """The official.schema.json object, minus ``article_id``, plus ``spans``."""
        spans: dict[str, list[int] | None] = {
            "name": list(self.name_span),
            "title": list(self.title_span) if self.title_span else None,
            "organization": list(self.org_span) if self.org_span else None,
            "quote": list(self.quote_span) if self.quote_span else None,
        }
        return {
            "name": self.name,
            "name_normalized": self.key,
            "title": self.title,
            "organization": self.organization,
            "province": self.province,
            "role": self.role,
            "quote_kind": self.quote_kind or "indirect",
            "quote": self.quote,
            "evidence": {"start": self.name_span[0], "end": self.name_span[1]},
            "spans": spans,
        }
