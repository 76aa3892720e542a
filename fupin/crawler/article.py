"""From a fetched page to the fields of an article record.

Main text comes from trafilatura (it drops navigation, footers and comments)
after layout tables are unwrapped, minus the furniture lines portals print around
every story (fupin.crawler.boilerplate); the title is the on-page headline without
the site name; the publication date is read as a person reads the page, with the
place it was read from (fupin.crawler.dates). The URL is canonicalised with courlan (tracking
parameters, ``index.html`` variants), and the content gets an exact hash; near
copies are found by MinHash (fupin.corpus.dedup, computed in fupin.crawler.offload).
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan
import lxml.html
import trafilatura
from trafilatura.settings import Extractor

from fupin.crawler.boilerplate import clean_title, strip_furniture, unwrap_layout_tables
from fupin.crawler.dates import find_published, url_date

__all__ = ["PageArticle", "canonical_url", "content_hash", "extract_page", "find_published", "url_date"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: Query parameters that say where a link was shared, not which page it is.
_TRACKING_PARAMS = frozenset(
    "from spm scene isappinstalled share_token shareid sharefrom share_source tt_from wfr clicktime "
    "enterid timestamp source_from fromsource srcid src_from ref referer referrer fbclid gclid "
    "mpshare chksm sn_source msclkid".split()
)
_LATIN = re.compile(r"[A-Za-z]")
_INDEX_PAGE = re.compile(r"/(index|default)\.(s?html?|php|aspx?|jsp)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageArticle:
    """What one article page yields before it is stored."""

    title: str | None
    published: str | None
    published_source: str | None  # the reader that found the date (fupin.crawler.dates)
    text: str
    language: str


@lru_cache(maxsize=1 << 16)
def canonical_url(url: str) -> str:
    """One spelling per article: tracking parameters, fragments and ``index.html`` dropped.

    Cached: a crawl asks for the same URL's spelling when it finds the link, when the
    request goes out and when the page comes back (courlan takes ~0.1 ms a URL).

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


def extract_page(html: str, url: str) -> PageArticle | None:
    """Title, date (and where it was read), main text and language of an article page; None without text.

    The page is parsed once: the title and the date are read from the intact tree,
    then layout tables are unwrapped and trafilatura takes the main text from the
    same tree (it prunes it), and portal furniture lines are dropped. trafilatura's
    own metadata pass is not run: it guessed dates with htmldate and kept site names.
    """
    tree = parse_html(html)
    title = clean_title(_html_title(tree), headlines(tree)) if tree is not None else None
    published, published_source = find_published(tree, url, title)
    text = _main_text(tree, url) if tree is not None else ""
    if not text.strip():
        text = _fallback_text(html)
    text = strip_furniture(text, title)
    if not text.strip():
        return None
    return PageArticle(
        title=title,
        published=published,
        published_source=published_source,
        text=text,
        language=detect_language(f"{title or ''}\n{text}"),
    )


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The page's element tree, or None for what lxml cannot parse."""
    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def headlines(tree: lxml.html.HtmlElement) -> list[str]:
    """Texts that show the headline on the page: ``<h1>``, then elements classed as titles."""
    found = [h1.text_content() for h1 in tree.iter("h1")]
    for element in tree.xpath("//*[contains(@class, 'title') or contains(@class, 'biaoti')]"):
        if element.tag not in ("title", "head"):
            found.append(element.text_content())
    return [t.strip() for t in found if t and t.strip()]


def _main_text(tree: lxml.html.HtmlElement, url: str) -> str:
    unwrap_layout_tables(tree)
    try:
        doc = trafilatura.bare_extraction(tree, options=_extractor_options(url))
    except Exception:  # trafilatura raises on some malformed documents
        return ""
    return (doc.text if doc is not None else None) or ""


@cache
def _extractor_template() -> Extractor:
    """trafilatura's options for every page, as ``bare_extraction`` builds them from its keywords."""
    return Extractor(output_format="python", comments=False, tables=True, dedup=False, with_metadata=False)


def _extractor_options(url: str) -> Extractor:
    """The template's options with the page's URL, as ``bare_extraction(tree, url=url, ...)`` makes them.

    ``bare_extraction`` built a new ``Extractor`` from its keywords on every page, and
    its constructor reads eight values from trafilatura's ConfigParser: 3% of the
    analysis worker's samples in py-spy of the full crawl. The options differ between
    pages only by the URL (``url`` and ``source``), so each page gets a shallow copy.
    """
    options = copy.copy(_extractor_template())
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


def detect_language(text: str) -> str:
    """``zh`` or ``en`` from the share of CJK characters among the letters.

    The same rule as fupin.extract.language, kept here so the crawler does not
    import the extraction stack (spaCy) just to label articles.
    """
    sample = text[:5000]
    cjk = len(_CJK.findall(sample))
    latin_words = len(_LATIN.findall(sample)) / 5
    return "zh" if cjk and cjk >= latin_words * 0.5 else "en"


def _html_title(tree: lxml.html.HtmlElement) -> str | None:
    for element in tree.iter("title"):
        return " ".join(element.text_content().split()) or None
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:title" and meta.get("content"):
            return " ".join(meta.get("content", "").split())
    return None


def _fallback_text(html: str) -> str:
    """trafilatura's baseline (all paragraph text) for pages its main extractor rejects."""
    try:
        _, text, _ = trafilatura.baseline(html)
    except Exception:
        return ""
    return text or ""
