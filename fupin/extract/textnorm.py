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
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# A pinyin syllable with at least one tone-marked vowel, in half- or full-width parentheses,
# right after a CJK character: "務(wù)", "貧（pín）". Plain letters ("(GDP)") are kept.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# Invisible characters that carry nothing (zero-width, BOM, soft hyphen, joiners, bidi marks).
_DROP = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063"
)
# Odd spaces become a plain space (one to one, so words stay apart).
_SPACES = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_EXTRA = {"\u2212": "-"}  # minus sign
# A pinyin gloss or an invisible character, found by its first character: a search whose
# alternatives opened with a look-behind (the CJK character before a gloss) tried the whole
# pattern at every offset, a third of the time of normalising an English text. The same
# matches: an opening parenthesis after a Han character that starts a gloss, or an invisible
# character.
_DROP_CLASS = "".join(sorted(_DROP))
_REMOVED = re.compile(
    rf"[(（{_DROP_CLASS}](?:(?<=[\u3400-\u9fff\uf900-\ufaff][(（])\s*[a-zA-Zü{_TONED}]{{0,6}}[{_TONED}]"
    rf"[a-zA-Zü{_TONED}]{{0,6}}\s*[)）]|(?<=[{_DROP_CLASS}]))"
)
# One character for one: full-width ASCII (digits, letters, ％, ，, ：) to half width, odd spaces to
# a plain space, the minus sign to a hyphen. ``str.translate`` applies it in one pass.
_ONE_FOR_ONE = (
    {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    | {ord(ch): " " for ch in _SPACES}
    | {ord(k): v for k, v in _EXTRA.items()}
)

_TRANSLATED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_ONE_FOR_ONE)) + "]")


@dataclass(slots=True)
class Normalized:
    """Normalised text plus, for each of its characters, the index in the original."""

    text: str
    original: str
    origin: Sequence[int] = field(repr=False)  # a range when nothing was dropped

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


#: The blocks of Han characters the table is built over: Unified, Extensions A to F, Compatibility.
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2EC00), (0x2F800, 0x2FA20))


@lru_cache(maxsize=1)
def _t2s_phrases():
    """OpenCC's phrase-aware converter (the C++ library), used when it keeps the length (it usually does)."""
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _t2s_chars() -> dict[str, str]:
    """Traditional to simplified, one character for one: OpenCC's answer for each Han character alone.

    OpenCC ships its dictionaries compiled, so the table is asked of the converter
    (about 90,000 characters, about 0.2 s once per process).
    """
    convert = _t2s_phrases().convert
    table: dict[str, str] = {}
    for first, stop in _HAN_BLOCKS:
        for code in range(first, stop):
            ch = chr(code)
            out = convert(ch)
            if out != ch and len(out) == 1:
                table[ch] = out
    return table


def to_simplified(text: str) -> str:
    """Traditional to simplified, always one character for one character.

    OpenCC converts about ten million characters a second; its per-character table is
    built (a fraction of a second) only for the rare text whose length it would change.
    """
    try:
        converted = _t2s_phrases().convert(text)
    except Exception:  # a third-party C++ library: never let it break extraction
        converted = ""
    if len(converted) == len(text):
        return converted
    table = _t2s_chars()
    return "".join(table.get(ch, ch) for ch in text)


def normalize(text: str) -> Normalized:
    """Return the normalised form of ``text`` with its offset map.

    Most articles have no glosses or invisible characters: their offset map is the
    identity (a ``range``), and the one-for-one replacements run as one ``str.translate``.
    """
    removed = [m.span() for m in _REMOVED.finditer(text)]
    if not removed:
        kept, origin = text, range(len(text))
    else:
        kept, origin = _without(text, removed)
    # ``str.translate`` looks up every character in the table; a text with none of its characters
    # (most English ones) is its own translation, and a search for one takes a seventh of the time
    translated = kept.translate(_ONE_FOR_ONE) if _TRANSLATED.search(kept) else kept
    simplified = to_simplified(translated)
    return Normalized(text=simplified, original=text, origin=origin)


def _without(text: str, removed: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """``text`` without the ``removed`` spans, and the original index of each kept character."""
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for start, end in removed:
        parts.append(text[pos:start])
        origin.extend(range(pos, start))
        pos = max(pos, end)
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return "".join(parts), origin
