"""Text normalisation with a map back to the original offsets.

Pages in the corpus come as simplified or traditional characters (mirrors of
mainland stories), sometimes with pinyin glosses after characters ("務(wù)"),
full-width digits and punctuation, and invisible characters. The language rules
match on one clean form; every fact must still quote the article as published, so
each character of the normalised text remembers where it came from.

Normalisation never reorders characters: it converts one character to one
character, or drops it. That keeps :meth:`Normalized.to_original` exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# A pinyin syllable with at least one tone-marked vowel, in half- or full-width parentheses,
# right after a CJK character: "務(wù)", "貧（pín）". Plain letters ("(GDP)") are kept.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_GLOSS = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]\s*[a-zA-Zü{_TONED}]{{0,6}}[{_TONED}][a-zA-Zü{_TONED}]{{0,6}}\s*[)）]"
)
# Invisible characters that carry nothing (zero-width, BOM, soft hyphen, joiners, bidi marks).
_DROP = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063"
)
# Odd spaces become a plain space (one to one, so words stay apart).
_SPACES = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_EXTRA = {"\u2212": "-"}  # minus sign


@dataclass(slots=True)
class Normalized:
    """Normalised text plus, for each of its characters, the index in the original."""

    text: str
    original: str
    origin: list[int] = field(repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`text` to the original text.

        Out-of-range offsets are clamped, so the result is always a valid span of
        the original text with ``start <= end``.
        """
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        o_start = self.origin[start] if start < n else len(self.original)
        if end > start:
            o_end = self.origin[end - 1] + 1
        else:
            o_end = o_start
        return o_start, max(o_start, o_end)


@lru_cache(maxsize=1)
def _t2s_chars() -> dict[str, str]:
    """OpenCC's traditional-to-simplified character table (first candidate, one character)."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        source, targets = parts
        first = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(first) == 1 and first != source:
            table[source] = first
    return table


@lru_cache(maxsize=1)
def _t2s_phrases():
    """OpenCC's phrase-aware converter, used when it keeps the length (it usually does)."""
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to simplified, always one character for one character."""
    table = _t2s_chars()
    if not any(ch in table for ch in text):
        return text
    try:
        converted = _t2s_phrases().convert(text)
    except Exception:  # the converter is a third-party regex engine: never let it break extraction
        converted = ""
    if len(converted) == len(text):
        return converted
    return "".join(table.get(ch, ch) for ch in text)


def _half_width(ch: str) -> str:
    """Full-width ASCII (digits, letters, ％, ，, ：) to its half-width form."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    return _EXTRA.get(ch, ch)


def normalize(text: str) -> Normalized:
    """Return the normalised form of ``text`` with its offset map."""
    dropped = [False] * len(text)
    for match in _PINYIN_GLOSS.finditer(text):
        for i in range(match.start(), match.end()):
            dropped[i] = True
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if dropped[i] or ch in _DROP:
            continue
        if ch in _SPACES:
            ch = " "
        else:
            ch = _half_width(ch)
        chars.append(ch)
        origin.append(i)
    simplified = to_simplified("".join(chars))
    return Normalized(text=simplified, original=text, origin=origin)
