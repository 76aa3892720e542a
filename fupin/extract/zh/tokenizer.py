"""The Chinese tokenizer of fupin's spaCy pipeline: jieba's segmentation, at jieba-next's speed.

spaCy's own ``zh`` tokenizer calls jieba and then re-aligns every word with the
text in Python; together they cost more than all of fupin's rules. jieba-next
(a maintained fork of jieba with its core in Rust) cuts text into the same words
2.5 times faster, and since its words concatenate back to the text exactly, the
Doc is built from them directly (no alignment step). POS tagging, needed only
around titles, stays with jieba (``fupin.extract.officials.zh``).

The tokenizer is registered as ``fupin.zh_tokenizer.v1``, so a pipeline config can
name it like any spaCy tokenizer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    """jieba-next's default tokenizer, its dictionary loaded once per process and quietly."""
    import jieba_next

    logging.getLogger("jieba_next").setLevel(logging.WARNING)
    _break_hmm_ties_like_jieba()
    jieba_next.initialize()
    return jieba_next.dt


#: The score of a path through a character the HMM has no emission probability for.
_IMPOSSIBLE = -3.0e100


def _break_hmm_ties_like_jieba() -> None:
    """Make jieba-next cut runs holding characters unknown to the HMM as jieba does.

    For such a character (畡, 説) every path scores the same floor value, and
    jieba-next's Rust Viterbi breaks the tie differently from jieba's: it glues the
    whole run into one word ("他说卣畡很好"), hiding the place names next to it. Only
    those runs are decoded again by jieba's own Viterbi (same tables).
    """
    import jieba.finalseg
    import jieba_next.finalseg

    rust = jieba_next.finalseg.viterbi_hmm
    if getattr(rust, "__wrapped__", None) is not None:
        return

    def viterbi(obs: str, states: str, start_p: Any, trans_p: Any, emit_p: Any) -> tuple[float, list[str]]:
        prob, path = rust(obs, states, start_p, trans_p, emit_p)
        if prob <= _IMPOSSIBLE:
            return jieba.finalseg.viterbi(obs, states, start_p, trans_p, emit_p)
        return prob, path

    viterbi.__wrapped__ = rust  # type: ignore[attr-defined]
    jieba_next.finalseg.viterbi_hmm = viterbi


def lend_dictionary_to_jieba() -> None:
    """Give jieba (whose POS tagger fupin uses) jieba-next's loaded dictionary.

    Both read the same dict.txt; loading it twice costs a second or more per process.
    """
    import jieba

    if not jieba.dt.initialized:
        seg = _segmenter()
        jieba.dt.FREQ, jieba.dt.total = seg.FREQ, seg.total
        jieba.dt.initialized = True


def segment(text: str) -> list[str]:
    """jieba's words of ``text`` (HMM on, for unknown words), concatenating back to ``text``."""
    words = _segmenter().lcut(text, HMM=True)
    return [word for word in words if word] if "" in words else words


def word_bounds(text: str) -> tuple[set[int], set[int]]:
    """Start and end offsets of the words of ``text``."""
    return bounds_of(segment(text))


def bounds_of(words: Iterable[str]) -> tuple[set[int], set[int]]:
    """Start and end offsets of consecutive ``words`` from the start of their text."""
    starts: set[int] = set()
    ends: set[int] = set()
    pos = 0
    for word in words:
        starts.add(pos)
        pos += len(word)
        ends.add(pos)
    return starts, ends


def joined_bounds(head: str, bounds: tuple[set[int], set[int]]) -> tuple[set[int], set[int]]:
    """Word bounds of ``head + "\\n" + text`` from ``text``'s own: a line break ends every word."""
    starts, ends = word_bounds(head)
    shift = len(head) + 1
    starts |= {len(head)} | {s + shift for s in bounds[0]}
    ends |= {shift} | {e + shift for e in bounds[1]}
    return starts, ends


class ZhTokenizer:
    """Text to Doc: one token per jieba word, whitespace included, so ``doc.text == text``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = segment(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # The tokenizer has no state of its own: serialising it is a no-op, as spaCy expects.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> ZhTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> ZhTokenizer:
        return self


@spacy.registry.tokenizers("fupin.zh_tokenizer.v1")
def create_zh_tokenizer() -> Callable[[Any], ZhTokenizer]:
    """The factory spaCy's config system calls with the pipeline (``nlp``)."""

    def make(nlp: Any) -> ZhTokenizer:
        return ZhTokenizer(nlp.vocab)

    return make
