"""Quoted officials: who is quoted or cited in an article, with title, organisation and province.

``find_officials`` is what the spaCy officials component calls on the normalised text
of one article; ``load_ner_backend`` loads an optional NER model whose spans help the
rules; ``officials_view`` folds the records of a corpus into one row per person.
"""

from __future__ import annotations

from typing import Any

from fupin.extract.mentions import PlaceMention
from fupin.extract.officials.identity import officials_view, person_keys
from fupin.extract.officials.model import Person
from fupin.extract.officials.names import name_key
from fupin.extract.officials.ner import NerBackend, NerBackendError, NerSpan, load_ner_backend
from fupin.extract.officials.remap import remap_official

__all__ = [
    "NerBackend",
    "NerBackendError",
    "NerSpan",
    "find_officials",
    "load_ner_backend",
    "name_key",
    "officials_view",
    "person_keys",
    "remap_official",
]


def find_officials(
    text: str,
    lang: str,
    sentences: list[tuple[int, int]],
    places: list[PlaceMention] | None = None,
    ner: NerBackend | None = None,
) -> list[dict[str, Any]]:
    """Official records (official.schema.json minus ``article_id``) with offsets into ``text``.

    Each record also carries ``spans``: the offsets of name, title, organisation and
    quote in ``text`` (``None`` where the value is not a slice of the text), so the
    caller can re-read them as written in the original article (``remap_official``).
    """
    if not text:
        return []
    ner_spans = ner.spans(text, sentences) if ner is not None else None
    people: list[Person]
    if lang == "zh":
        from fupin.extract.officials.zh import find_zh

        people = find_zh(text, sentences, places, ner_spans)
    else:
        from fupin.extract.officials.en import find_en

        people = find_en(text, sentences, places, ner_spans)
    people.sort(key=lambda p: p.name_span[0])
    return [p.to_record() for p in people]
