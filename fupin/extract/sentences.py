"""Sentence boundaries as character spans.

Facts quote their sentence as evidence, so the split has to follow how news is
written: Chinese sentences end at 。！？ (and at line breaks, since headlines and
captions carry no final stop); English ones at . ! ? followed by space and a capital
or a quote, but not after abbreviations or inside numbers ("2.7342", "No. 5").
"""

from __future__ import annotations

import re

_ZH_END = re.compile(r"[。！？!?；;…]+[”’」』\"')）]*|\n+")
# A line break ends a sentence unless the next line goes on in lower case ("head of the Office\nof
# the State Council's Leading Group": a page wrapped mid-sentence), or with a number and a lower-case
# word after a line that ends in a word or comma ("..., including\n36,000 poor laborers").
# (The look-ahead names the first character of every match, a closing quote or a blank: the
# pattern is not tried at the other offsets, four fifths of an English text.)
_EN_END = re.compile(
    r"(?=[\"'”’)\s])(?:(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n{2,}"
    r"|\n(?![a-z])(?!(?<=[a-z,]\n)\d[\d,.]*\s+[a-z]))"
)
_EN_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|No|St|Co|Ltd|Inc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|e\.g|i\.e|U\.S)\.$"
)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans covering the non-blank sentences of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    pattern = _ZH_END if lang == "zh" else _EN_END
    for match in pattern.finditer(text):
        end = match.end() if lang == "zh" else match.start()
        if lang != "zh" and match.group().strip() == "" and _abbreviation_ends(text, start, end):
            continue
        _append_trimmed(spans, text, start, end)
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _abbreviation_ends(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with an abbreviation ("No.", "U.S."): only its last
    characters are read (an abbreviation is at most 6 with its dot), not the whole sentence so far.

    A sentence starts after a blank, so a word boundary at ``start`` reads the same in the slice
    and in the text.
    """
    return bool(_EN_ABBREV.search(text, max(start, end - _ABBREV_TAIL), end))


_ABBREV_TAIL = 10


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add the span without surrounding whitespace, skipping blank ones."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
