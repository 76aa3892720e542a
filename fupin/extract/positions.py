"""Mentions looked up by position: the ones that start in a span, without scanning them all.

The fact rules ask, for every quantity, which dates, cues or other quantities lie in
its clause, sentence or paragraph. Scanning the whole article's mentions for each
quantity made a long text quadratic (a 1M-character Chinese text took 27 s in one
document, most of it in such scans); bisecting over sorted start offsets makes each
question cost the logarithm of the mentions plus the answer.

Answers keep the order of the original list, so a rule that takes the first or the
last of them gets the same mention as the plain scan did, even where two mentions
start at the same offset or the list is not in text order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _start(item: Any) -> int:
    return item.start


class ByStart(Generic[T]):
    """``items`` by their start: :meth:`between` is ``[x for x in items if lo <= x.start < hi]``.

    ``start`` reads an item's start offset (its ``start`` attribute unless told otherwise).
    """

    __slots__ = ("items", "_order", "_starts", "_in_order")

    def __init__(self, items: Sequence[T], start: Callable[[T], int] = _start) -> None:
        self.items = list(items)
        starts = [start(item) for item in self.items]
        order = sorted(range(len(starts)), key=starts.__getitem__)
        self._in_order = all(i == n for n, i in enumerate(order))
        self._order = order
        self._starts = [starts[i] for i in order]

    def between(self, lo: int, hi: int) -> list[T]:
        """The items starting in ``[lo, hi)``, in the order of the original list."""
        a = bisect_left(self._starts, lo)
        b = bisect_left(self._starts, hi)
        if a >= b:
            return []
        if self._in_order:
            return self.items[a:b]
        return [self.items[i] for i in sorted(self._order[a:b])]

    def __len__(self) -> int:
        return len(self.items)


def cached_index(
    cache: tuple[object, ByStart] | None, items: list[T], start: Callable[[T], int] = _start
) -> tuple[object, ByStart[T]]:
    """``cache`` when it indexes this very list at its present length, else a new index of it.

    For indexes kept on an object whose lists may be replaced (an ``Analysis`` whose
    quantities a rule filters): a new list, or one that has grown, is indexed anew.
    """
    if cache is not None and cache[0] is items and len(cache[1]) == len(items):
        return cache
    return items, ByStart(items, start)


class SpanIndex:
    """Fixed spans ``(start, end)``, asked whether any overlaps or encloses a given span.

    Sorted starts and the running maximum of the ends answer each question with one
    bisection: the spans starting before a point reach past another point exactly when
    the furthest of them does.
    """

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self._starts = [a for a, _ in pairs]
        self._reach = list(accumulate((b for _, b in pairs), max))

    def overlaps(self, start: int, end: int) -> bool:
        """``any(a < end and start < b for a, b in spans)``."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start

    def encloses(self, start: int, end: int) -> bool:
        """``any(a < start and end < b for a, b in spans)``: strictly inside one of them."""
        i = bisect_left(self._starts, start)
        return i > 0 and self._reach[i - 1] > end
