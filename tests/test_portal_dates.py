"""Why the date readers are tried in the order they are: each reader alone, measured on the portal pages.

For every article page of the hostile portals (tests/portal_support.py) each reader
of fupin.crawler.dates is run alone, and so is htmldate (what the crawler used
before). A reader's coverage is the share of pages it answers; its precision the
share of its answers that are the page's publication date. The readers are ordered
by precision; the order's result must reach the issue's 0.95, and an undated page
must get no date. Run with ``-s`` to see the table.
"""

from __future__ import annotations

import htmldate
import pytest
from portal_support import PortalSite, build_site

from fupin.crawler.article import canonical_url, clean_title, headlines, parse_html
from fupin.crawler.dates import READERS, find_published
from fupin.crawler.encoding import decode_body

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def pages() -> list[tuple[str, str, str | None]]:
    """(decoded html, URL, true date) of every article page that has a text."""
    site: PortalSite = build_site()
    found = []
    for path, truth in site.truth.items():
        page = site("/cms/flaky-ok") if path == "/cms/flaky.html" else site.routes[path]
        html, _ = decode_body(page.body, page.headers.get("Content-Type"))
        found.append((html, canonical_url(BASE + path), truth.published))
    return found


def _measure(pages: list[tuple[str, str, str | None]], read) -> tuple[float, float]:  # noqa: ANN001
    answered = right = 0
    for html, url, truth in pages:
        found = read(html, url)
        if found is not None:
            answered += 1
            right += found == truth
    return answered / len(pages), right / max(1, answered)


def _reader(name: str):  # noqa: ANN202 - a closure over one reader
    reader = dict(READERS)[name]

    def read(html: str, url: str) -> str | None:
        tree = parse_html(html)
        title = clean_title(_title(tree), headlines(tree))
        return reader(tree, title, url)

    return read


def _title(tree) -> str | None:  # noqa: ANN001
    found = tree.find(".//title")
    return found.text_content() if found is not None else None


def _htmldate(html: str, url: str) -> str | None:
    try:
        return htmldate.find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate raises on some documents
        return None


def test_reader_order_follows_precision(pages: list[tuple[str, str, str | None]]) -> None:
    table = {name: _measure(pages, _reader(name)) for name, _ in READERS}
    table["htmldate (before)"] = _measure(pages, _htmldate)
    for name, (coverage, precision) in table.items():
        print(f"{name:18s} coverage {coverage:.2f} precision {precision:.2f}")
    precisions = [table[name][1] for name, _ in READERS]
    assert precisions == sorted(precisions, reverse=True)
    assert table["htmldate (before)"][1] < min(precisions)


def test_the_order_dates_pages_right_and_undated_pages_not(pages: list[tuple[str, str, str | None]]) -> None:
    right = 0
    for html, url, truth in pages:
        tree = parse_html(html)
        found, source = find_published(tree, url, clean_title(_title(tree), headlines(tree)))
        right += found == truth
        if truth is None:
            assert (found, source) == (None, None), url
    print(f"dates right: {right}/{len(pages)}")
    assert right / len(pages) >= 0.95
