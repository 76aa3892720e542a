"""The publication date of a news page, read the way a person reads the page, and where it came from.

A wrong date is worse than none: relative dates in the text ("截至3月27日", "end of
June") resolve against it. So only places that state *this page's* publication are
read, each by its own reader, and the first that answers wins:

1. ``jsonld``   -- ``datePublished`` of the page's JSON-LD (never ``dateModified``);
2. ``meta``     -- ``<meta>`` tags that name a publication (``publishdate``,
   ``article:published_time``, ...), never modification or generic tags;
3. ``dateline`` -- the visible line under the headline ("2018年12月05日 来源:新华社",
   "发布时间：2020-04-01", "Published: April 1, 2020"), read from the headline to the
   first paragraph of the story only, skipping dates labelled as updates;
4. ``url``      -- the date in the URL path (``/n1/2020/0326/``, ``t20200326_``).

The order is measured on the hostile portal fixtures (tests/test_portal_dates.py
prints each reader's coverage and precision): the structured readers were never
wrong there, the dateline was wrong only where it had no headline to anchor on,
and URL paths date a page's folder rather than its story on reprint sites. Copyright
lines, related-story lists, comments and calendars are never read: they lie after
the story or beside it, outside the dateline window. htmldate is not used: on the
fixtures it took comment timestamps and copyright years for publication dates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from urllib.parse import urlsplit

import lxml.html

#: <meta> names that state a publication date (modification and generic names are not read).
META_NAMES = frozenset(
    "publishdate pubdate publish_date publication_date firstpublishedtime article:published_time "
    "og:published_time datepublished dc.date.issued dcterms.issued sailthru.date parsely-pub-date".split()
)
_URL_DATES = (
    re.compile(r"/(\d{4})/(\d{2})(\d{2})/"),  # people.com.cn /n1/2020/0326/
    re.compile(r"/(\d{4})-(\d{2})/(\d{2})/"),  # xinhuanet /2020-03/26/
    re.compile(r"/(\d{4})(\d{2})/(\d{2})/"),  # gov.cn /202003/26/
    re.compile(r"[/_t](\d{4})(\d{2})(\d{2})[_/.-]"),  # t20200326_123.html
    re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})/"),  # /2020/03/26/, /art/2020/3/26/
)
_MONTHS = {
    m[:3].lower(): i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}
_NUMERIC = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_EN_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_EN_DMY = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})\b")
_UPDATED = re.compile(r"(更新|修改|updated?|modified|last\s+edited)[^\d]{0,12}$", re.IGNORECASE)
#: text of the story itself: the dateline window ends at the first line this long
_PARAGRAPH = 60
#: the dateline window: this many characters after the headline at most
_WINDOW = 300
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def valid_date(year: str | int, month: str | int, day: str | int) -> str | None:
    """ISO date if it is a real day between 1990 and next year, else None."""
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found.isoformat() if 1990 <= found.year <= date.today().year + 1 else None


def url_date(url: str) -> str | None:
    """The date embedded in a news URL's path, if any and plausible."""
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match and (iso := valid_date(*match.groups())):
            return iso
    return None


def jsonld_date(tree: lxml.html.HtmlElement) -> str | None:
    """``datePublished`` from the page's JSON-LD blocks (``@graph`` included)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for value in _json_values(data, "datePublished"):
            if isinstance(value, str) and (iso := first_date(value)):
                return iso
    return None


def _json_values(data: object, key: str) -> Iterator[object]:
    if isinstance(data, dict):
        if key in data:
            yield data[key]
        for value in data.values():
            yield from _json_values(value, key)
    elif isinstance(data, list):
        for value in data:
            yield from _json_values(value, key)


def meta_date(tree: lxml.html.HtmlElement) -> str | None:
    """The first ``<meta>`` that names a publication date."""
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        if name in META_NAMES and (iso := first_date(meta.get("content") or "")):
            return iso
    return None


def first_date(text: str) -> str | None:
    """The first valid date written in ``text`` (numeric, Chinese or English month names)."""
    found = _dates_in(text)
    return found[0][1] if found else None


def _dates_in(text: str) -> list[tuple[int, str]]:
    """(position, ISO date) of every valid date in ``text``, in order."""
    found = []
    for match in _NUMERIC.finditer(text):
        if iso := valid_date(*match.groups()):
            found.append((match.start(), iso))
    for match in _EN_MDY.finditer(text):
        month = _MONTHS.get(match.group(1)[:3].lower())
        if month and (iso := valid_date(match.group(3), month, match.group(2))):
            found.append((match.start(), iso))
    for match in _EN_DMY.finditer(text):
        month = _MONTHS.get(match.group(2)[:3].lower())
        if month and (iso := valid_date(match.group(3), month, match.group(1))):
            found.append((match.start(), iso))
    return sorted(found)


def dateline_date(tree: lxml.html.HtmlElement, headline: str | None) -> str | None:
    """The date written between the headline and the story, not labelled as an update."""
    window = dateline_window(tree, headline)
    if not window:
        return None
    for position, iso in _dates_in(window):
        if not _UPDATED.search(window[max(0, position - 24) : position]):
            return iso
    return None


def dateline_window(tree: lxml.html.HtmlElement, headline: str | None) -> str:
    """Text from the end of the headline to the first story paragraph (at most ``_WINDOW`` chars)."""
    head = find_headline(tree, headline)
    if head is None:
        return ""
    inside = set(head.iter())
    parts: list[str] = [head.tail or ""]
    started = False
    for element in tree.iter():
        if element is head:
            started = True
            continue
        if not started or element in inside or not isinstance(element.tag, str):
            continue
        for text in (None if element.tag in _SKIP_TAGS else element.text, element.tail):
            if not text or not text.strip():
                continue
            if len(text.strip()) >= _PARAGRAPH and not first_date(text):
                return " ".join(parts)[:_WINDOW]
            parts.append(text.strip())
        for name in ("datetime", "content"):
            if element.tag in ("time", "meta") and element.get(name):
                parts.append(element.get(name, ""))
        if sum(map(len, parts)) > _WINDOW:
            break
    return " ".join(parts)[:_WINDOW]


def find_headline(tree: lxml.html.HtmlElement, headline: str | None) -> lxml.html.HtmlElement | None:
    """The element that shows the headline: an ``<h1>``, else the element whose text is the title."""
    for h1 in tree.iter("h1"):
        if _squash(h1.text_content()):
            return h1
    wanted = _squash(headline or "")
    if len(wanted) < 4:
        return None
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag not in ("title", "head", "html", "body"):
            if element.text and _squash(element.text_content()) == wanted:
                return element
    return None


def _squash(text: str) -> str:
    return "".join(text.split())


#: the readers in the order they are trusted (see the module docstring for the measurements)
READERS: tuple[tuple[str, Callable[[lxml.html.HtmlElement, str | None, str], str | None]], ...] = (
    ("jsonld", lambda tree, headline, url: jsonld_date(tree)),
    ("meta", lambda tree, headline, url: meta_date(tree)),
    ("dateline", lambda tree, headline, url: dateline_date(tree, headline)),
    ("url", lambda tree, headline, url: url_date(url)),
)


def find_published(
    tree: lxml.html.HtmlElement | None, url: str, headline: str | None
) -> tuple[str | None, str | None]:
    """``(ISO date, reader)`` of a page's publication, or ``(None, None)`` when no reader trusts one."""
    for name, reader in READERS:
        if tree is None and name != "url":
            continue
        if iso := reader(tree, headline, url):
            return iso, name
    return None, None
