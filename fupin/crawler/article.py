"""From a fetched page to the fields of an article record.

Main text and title come from trafilatura (it drops navigation, footers and
comments); the publication date from the page's own metadata first (Chinese
outlets use ``<meta name="publishdate">`` and friends that generic tools miss),
then htmldate, then the date in the URL (``/n1/2020/0326/``, ``/2020-03/26/``,
``t20200326_``). htmldate's 2020-01-01 fallback is treated as "no date" unless
the page really says so. The URL is canonicalised with courlan (tracking
parameters, ``index.html`` variants), and the content gets an exact hash and a
64-bit simhash so reprints by other outlets can be recognised.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan
import htmldate
import lxml.html
import trafilatura
from trafilatura.deduplication import Simhash

_META_DATE_NAMES = (
    "publishdate",
    "pubdate",
    "publish_date",
    "publication_date",
    "firstpublishedtime",
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "date",
)
_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_URL_DATES = (
    re.compile(r"/(\d{4})/(\d{2})(\d{2})/"),  # people.com.cn /n1/2020/0326/
    re.compile(r"/(\d{4})-(\d{2})/(\d{2})/"),  # xinhuanet /2020-03/26/
    re.compile(r"/(\d{4})(\d{2})/(\d{2})/"),  # gov.cn /202003/26/
    re.compile(r"[/_t](\d{4})(\d{2})(\d{2})[_/.-]"),  # t20200326_123.html
    re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})/"),  # /2020/03/26/, /art/2020/3/26/
)
_FALLBACK = "2020-01-01"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: Query parameters that say where a link was shared, not which page it is.
_TRACKING_PARAMS = frozenset(
    "from spm scene isappinstalled share_token shareid sharefrom share_source tt_from wfr clicktime "
    "enterid timestamp source_from fromsource srcid src_from ref referer referrer fbclid gclid "
    "mpshare chksm sn_source msclkid".split()
)
_LATIN = re.compile(r"[A-Za-z]")
_SHINGLE_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9a-z]+")
_INDEX_PAGE = re.compile(r"/(index|default)\.(s?html?|php|aspx?|jsp)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageArticle:
    """What one article page yields before it is stored."""

    title: str | None
    published: str | None
    text: str
    language: str


def canonical_url(url: str) -> str:
    """One spelling per article: tracking parameters, fragments and ``index.html`` dropped.

    courlan's non-strict normalisation (lower-cased host, sorted query, utm_* removed)
    plus the share/tracking parameters of Chinese sites and apps; other query
    parameters (``id=``, ``page=``, ``date=``) are kept because they select content.
    """
    cleaned = courlan.clean_url(url) or url
    parts = urlsplit(courlan.normalize_url(cleaned, strict=False))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    path = _INDEX_PAGE.sub("/", parts.path) or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def _tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_PARAMS or key.startswith(("utm_", "hmsr", "wt."))


def fingerprint_text(text: str, title: str | None = None) -> str:
    """The part of an article that identifies the story across outlets.

    Reprints differ in their title line, byline, "来源：" and editor lines, which are
    short; the body paragraphs are the story. Lines under 30 characters and the
    title are dropped (the whole text is used when nothing is left).
    """
    lines = [line.strip() for line in text.splitlines()]
    core = [line for line in lines if len(line) >= 30 and line != (title or "").strip()]
    return "\n".join(core) if core else text


def content_hash(text: str) -> str:
    """SHA-1 of the text with whitespace and Unicode forms normalised."""
    norm = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def simhash(text: str) -> int:
    """64-bit Charikar simhash over the distinct character trigrams of the text.

    Trigrams run over CJK characters, digits and letters alike (punctuation and
    spaces removed), so the figures of a statistic weigh as much as its wording;
    each trigram counts once, so the boilerplate phrases that formulaic press
    releases repeat do not make different stories look alike.
    """
    norm = "".join(_SHINGLE_CHARS.findall(unicodedata.normalize("NFKC", text).lower()))
    shingles = sorted({norm[i : i + 3] for i in range(max(1, len(norm) - 2))} - {""})
    return Simhash(" ".join(shingles)).hash if shingles else 0


def extract_page(html: str, url: str) -> PageArticle | None:
    """Title, date, main text and language of an article page; None when it has no text."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
        )
    except Exception:  # trafilatura raises on some malformed documents
        doc = None
    text = (doc.text if doc is not None else None) or ""
    title = doc.title if doc is not None else None
    if not text.strip():
        text = _fallback_text(html)
    if not text.strip():
        return None
    title = title or _html_title(html)
    lines = text.strip().splitlines()
    if title and len(lines) > 1 and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])  # the heading repeated at the top of the main text
    return PageArticle(
        title=title.strip() if title else None,
        published=find_published(html, url),
        text=text.strip(),
        language=detect_language(f"{title or ''}\n{text}"),
    )


def detect_language(text: str) -> str:
    """``zh`` or ``en`` from the share of CJK characters among the letters.

    The same rule as fupin.extract.language, kept here so the crawler does not
    import the extraction stack (spaCy) just to label articles.
    """
    sample = text[:5000]
    cjk = len(_CJK.findall(sample))
    latin_words = len(_LATIN.findall(sample)) / 5
    return "zh" if cjk and cjk >= latin_words * 0.5 else "en"


def find_published(html: str, url: str) -> str | None:
    """ISO publication date of a page, or None when it cannot be known."""
    found = _meta_date(html)
    if found:
        return found
    try:
        found = htmldate.find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:
        found = None
    if found == _FALLBACK and not _says_fallback(html):
        found = None
    return found or url_date(url)


def url_date(url: str) -> str | None:
    """The date embedded in a news URL, if any and plausible."""
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match and (iso := _valid(*match.groups())):
            return iso
    return None


def _meta_date(html: str) -> str | None:
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        if name in _META_DATE_NAMES:
            match = _ISO_DATE.search(meta.get("content") or "")
            if match and (iso := _valid(*match.groups())):
                return iso
    return None


def _valid(year: str, month: str, day: str) -> str | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found.isoformat() if 1990 <= found.year <= date.today().year + 1 else None


def _says_fallback(html: str) -> bool:
    return any(s in html for s in ("2020-01-01", "2020年1月1日", "2020年01月01日", "2020/01/01"))


def _html_title(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else None


def _fallback_text(html: str) -> str:
    """trafilatura's baseline (all paragraph text) for pages its main extractor rejects."""
    try:
        _, text, _ = trafilatura.baseline(html)
    except Exception:
        return ""
    return text or ""
