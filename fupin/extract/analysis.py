"""What the spaCy components know about one article, in one place.

Each component adds its part (sentences, places, quantities, dates) and the fact
component reads all of it; keeping it in a plain dataclass lets the language rules
be tested without building a spaCy pipeline.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from fupin.extract.mentions import DateMention, PlaceMention, Quantity
from fupin.extract.positions import ByStart, cached_index


@dataclass(slots=True)
class Analysis:
    """The normalised text of an article and the mentions found in it."""

    text: str
    lang: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    published: str | None = None
    title: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    #: Places of a title that the text does not repeat (offsets in the title), read together
    #: with the text for context; None when the title is in the text or was not searched.
    title_places: list[PlaceMention] | None = None
    #: Start and end offsets of the tokens (Chinese words): place names must sit on them.
    word_bounds: tuple[set[int], set[int]] | None = None
    _starts: tuple[list, list[int]] | None = field(default=None, repr=False, compare=False)
    _quantity_index: tuple[object, ByStart] | None = field(default=None, repr=False, compare=False)
    _date_index: tuple[object, ByStart] | None = field(default=None, repr=False, compare=False)
    _sentence_index: tuple[object, ByStart] | None = field(default=None, repr=False, compare=False)

    def sentence_at(self, position: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``position`` (whole text if none)."""
        sentences = self.sentences
        if self._starts is None or self._starts[0] is not sentences or len(self._starts[1]) != len(sentences):
            self._starts = (sentences, [start for start, _ in sentences])
        i = bisect_right(self._starts[1], position) - 1  # sentences are in text order
        if i >= 0 and position < sentences[i][1]:
            return sentences[i]
        return 0, len(self.text)

    def quantities_between(self, lo: int, hi: int) -> list[Quantity]:
        """The quantities starting in ``[lo, hi)``, in list order: a clause's numbers, no scan of all."""
        self._quantity_index = cached_index(self._quantity_index, self.quantities)
        return self._quantity_index[1].between(lo, hi)

    def dates_between(self, lo: int, hi: int) -> list[DateMention]:
        """The dates starting in ``[lo, hi)``, in list order: a clause's dates, no scan of all."""
        self._date_index = cached_index(self._date_index, self.dates)
        return self._date_index[1].between(lo, hi)

    def sentences_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The sentences starting in ``[lo, hi)``, in list order: a paragraph's, no scan of all."""
        self._sentence_index = cached_index(self._sentence_index, self.sentences, _first)
        return self._sentence_index[1].between(lo, hi)

    def quantities_in_place_names(self) -> set[int]:
        """Starts of the quantities written inside a place name: the 22 of "中西部22个省份" or of
        "the 22 provinces" names a group, it counts nothing."""
        spans = sorted((m.start, m.end) for m in self.places)
        starts = [a for a, _ in spans]
        inside = set()
        for q in self.quantities:
            i = bisect_right(starts, q.start) - 1
            if i >= 0 and q.end <= spans[i][1]:
                inside.add(q.start)
        return inside


def _first(span: tuple[int, int]) -> int:
    return span[0]
