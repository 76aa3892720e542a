"""Headlines: whether the text already reads the title, and the title read with the text.

A statistic in a headline is a fact of its own (metrics.md: every mention counts),
with offsets into the title and ``evidence.field: "title"``. Many pages repeat the
headline as the first line of their text (the evaluation sets; pages whose main text
the crawler took whole); there the headline is read as part of the text and must not
be read a second time. The crawler drops a first line equal to the title, so a
crawled article's headline is usually not in its text.

A title the text does not repeat is read in front of the text, one line of its own
(:class:`Headed`): the title gets the text's context (a date restated in the lead,
the places that disambiguate its names), the text keeps the title's place as it did
when the title came only as metadata, and every offset of the joined document maps
back to either the title or the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fupin.extract.textnorm import Normalized, normalize

#: How far into the text a repeated headline may start, in characters of the text
#: (pages open with navigation, a channel name, a byline before it).
NEAR_START = 300

# Everything but letters, digits and Han characters: the repeat test ignores spacing and
# punctuation ("甘肃:1982个" / "甘肃：1,982 个", curly or straight quotes, a trailing "...").
_NOT_WORD = re.compile(r"[\W_]+")
# Separators between a headline and what sites append or prepend to it ("... - Xinhua",
# "..._新闻频道_央视网", "... | China Daily", "【要闻】...").
_SITE_PARTS = re.compile(r"\s+[-|–—]\s+|\s*[|｜_]\s*|【[^】]{0,12}】|\[[^\]]{0,12}\]")


def compact(text: str) -> str:
    """``text`` normalised (simplified characters, half width), lower case, letters and digits only."""
    return _NOT_WORD.sub("", normalize(text).text.casefold())


def repeats(title: str | None, text: str, norm_text: str | None = None) -> bool:
    """Whether ``text`` already reads ``title`` (so the title must not be read again).

    After normalisation (traditional -> simplified, full -> half width) and ignoring
    case, whitespace and punctuation: the title occurs in the text; or a line starting
    within the first :data:`NEAR_START` characters is a prefix of the title covering at
    least half of it (the title carries a site's suffix, or the line is cut); or the
    headline part of a title with a site's name around it ("… - Xinhua") occurs there.
    A title with no letters or digits states nothing and counts as repeated.
    ``norm_text`` is ``normalize(text).text`` when the caller has it.
    """
    head = compact(title or "")
    if not head:
        return True
    body = norm_text if norm_text is not None else normalize(text).text
    if head in _NOT_WORD.sub("", body.casefold()):
        return True
    near = body[: NEAR_START + len(title or "")]
    near_compact = _NOT_WORD.sub("", near.casefold())
    at = 0
    for line in near.split("\n"):
        if at > NEAR_START:
            break
        line_compact = _NOT_WORD.sub("", line.casefold())
        if len(line_compact) >= max(4, (len(head) + 1) // 2) and head.startswith(line_compact):
            return True
        at += len(line) + 1
    for part in _SITE_PARTS.split(title or ""):
        part_compact = compact(part)
        if len(part_compact) >= max(6, (len(head) + 1) // 2) and part_compact in near_compact:
            return True
    return False


@dataclass(slots=True)
class Headed:
    """The document ``title + "\\n" + text`` (both normalised) and the way back to each field.

    ``title`` is the normalised title without surrounding blanks and with line breaks
    as spaces (one character for one, so offsets hold); ``title_norm`` maps it back to
    the article's title as written, ``text_norm`` the text part to the article's text.
    """

    title: str
    title_norm: Normalized
    title_start: int  # where ``title`` starts in ``title_norm.text``
    text_norm: Normalized
    text: str  # the document the pipeline reads

    @classmethod
    def build(cls, title: str, text_norm: Normalized) -> Headed:
        title_norm = normalize(title)
        stripped = title_norm.text.strip().translate(_LINE_BREAKS)
        start = len(title_norm.text) - len(title_norm.text.lstrip())
        return cls(stripped, title_norm, start, text_norm, f"{stripped}\n{text_norm.text}")

    @property
    def shift(self) -> int:
        """Where the text starts in the document."""
        return len(self.title) + 1

    def in_title(self, start: int) -> bool:
        """Whether a document offset is the title's."""
        return start < len(self.title)


_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x0b": " ", "\x0c": " "})
