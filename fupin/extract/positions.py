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
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class _Started(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=_Started)


class ByStart(Generic[T]):
    """``items`` by their ``start``: :meth:`between` is ``[x for x in items if lo <= x.start < hi]``."""

    __slots__ = ("items", "_order", "_starts", "_in_order")

    def __init__(self, items: Sequence[T]) -> None:
        self.items = list(items)
        order = sorted(range(len(self.items)), key=lambda i: self.items[i].start)
        self._in_order = all(i == n for n, i in enumerate(order))
        self._order = order
        self._starts = [self.items[i].start for i in order]

    def between(self, lo: int, hi: int) -> list[T]:
        """The items starting in ``[lo, hi)``, in the order of the original list."""
        a = bisect_left(self._starts, lo)
        b = bisect_left(self._starts, hi)
        if a >= b:
            return []
        if self._in_order:
            return self.items[a:b]
        return [self.items[i] for i in sorted(self._order[a:b])]

    def any_between(self, lo: int, hi: int) -> bool:
        """Whether an item starts in ``[lo, hi)``."""
        return bisect_left(self._starts, lo) < bisect_left(self._starts, hi)

    def __len__(self) -> int:
        return len(self.items)


def cached_index(cache: tuple[object, ByStart] | None, items: list[T]) -> tuple[object, ByStart[T]]:
    """``cache`` when it indexes this very list at its present length, else a new index of it.

    For indexes kept on an object whose lists may be replaced (an ``Analysis`` whose
    quantities a rule filters): a new list, or one that has grown, is indexed anew.
    """
    if cache is not None and cache[0] is items and len(cache[1]) == len(items):
        return cache
    return items, ByStart(items)
