"""Which language an article is in, when the article does not say.

The corpus is Chinese and English only, so the share of CJK characters among the
letters decides; a few English words in a Chinese article (or a Chinese name in an
English one) do not tip it.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """Return ``"zh"`` or ``"en"`` for ``text`` (``"en"`` when there are no letters)."""
    sample = text[:5000]
    cjk = len(_CJK.findall(sample))
    latin_words = len(_LATIN.findall(sample)) / 5
    return "zh" if cjk and cjk >= latin_words * 0.5 else "en"
