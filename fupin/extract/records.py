"""From drafts on normalised text to schema-valid fact and official records.

Language rules work on the normalised text (simplified characters, no pinyin
glosses); researchers need evidence in the article as published. This module maps
every offset back (into the text, or into the title for a headline's statistic),
takes the sentence from the original, adds the article's metadata and ids, and
applies the publication-date fallback, saying so in ``as_of_source``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fupin.extract.mentions import FactDraft
from fupin.extract.officials.remap import remap_official
from fupin.extract.textnorm import Normalized


def fact_id(article_id: str, metric: str, start: int, end: int, field: str | None = None) -> str:
    """Stable id: the same statistic at the same place of the same article.

    ``field`` is the evidence's field; a headline's facts ("title") have ids of their
    own, the text's the ids they always had.
    """
    key = f"{article_id}|{metric}|{start}|{end}"
    if field and field != "text":
        key = f"{key}|{field}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def published_as_of(published: str | None) -> str | None:
    """The publication date at the precision it was given (``YYYY[-MM[-DD]]``)."""
    if not published:
        return None
    head = published.strip()[:10]
    parts = head.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    keep = [parts[0]] + [p for p in parts[1:3] if p.isdigit() and len(p) == 2]
    return "-".join(keep)


def fact_record(
    draft: FactDraft,
    article: dict[str, Any],
    norm: Normalized,
    lang: str,
    extractor: str,
    field: str = "text",
) -> dict[str, Any]:
    """The fact.schema.json object for one draft.

    ``norm`` is the normalised form of the article's ``field`` ("text", or "title" for a
    headline's statistic), whose offsets the draft's are; a title fact says so in
    ``evidence.field``, a text fact leaves the key out (absent means the text).
    """
    quantity = draft.quantity
    start, end = norm.to_original(quantity.start, quantity.end)
    s_start, s_end = norm.to_original(draft.sentence_start, draft.sentence_end)
    text = norm.original
    as_of, as_of_source = draft.as_of, draft.as_of_source
    if as_of is None:
        as_of = published_as_of(article.get("published"))
        as_of_source = "published" if as_of else None
    elif as_of_source is None:
        as_of_source = "text"
    article_id = str(article["id"])
    evidence: dict[str, Any] = {"sentence": text[s_start:s_end], "start": start, "end": end}
    if field != "text":
        evidence["field"] = field
    return {
        "fact_id": fact_id(article_id, draft.metric, start, end, field),
        "article_id": article_id,
        "url": article.get("url"),
        "source": article.get("source"),
        "published": article.get("published"),
        "language": lang,
        "metric": draft.metric,
        "scope": draft.scope,
        "period": draft.period,
        "region": draft.region,
        "value": _plain_number(quantity.value),
        "value_max": None if quantity.value_max is None else _plain_number(quantity.value_max),
        "unit": quantity.unit or "count",
        "bound": quantity.bound,
        "as_of": as_of,
        "as_of_source": as_of_source,
        "evidence": evidence,
        "extractor": extractor,
        "confidence": draft.confidence,
    }


def official_record(
    official: dict[str, Any], article: dict[str, Any], norm: Normalized, offset: int = 0
) -> dict[str, Any]:
    """An official found on normalised text, re-read as written in the original text.

    ``offset`` is where the text the official was found in starts in ``norm.text`` (a
    part of a long text); its offsets are moved by it into the whole text.
    """

    def to_original(start: int, end: int) -> tuple[int, int]:
        return norm.to_original(start + offset, end + offset)

    record = remap_official(official, article["text"], to_original if offset else norm.to_original)
    record["article_id"] = str(article["id"])
    return record


def _plain_number(value: float) -> int | float:
    """Integers as ints in JSON ("2734200", not "2734200.0")."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)
