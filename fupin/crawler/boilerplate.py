"""What is not the story: layout tables, portal furniture lines and site names in titles.

trafilatura finds the main text of modern pages, but old government portals lay
out the whole page in nested tables: kept as tables, the navigation row, the
breadcrumb ("当前位置：首页 >> … >> 正文"), the by-line and the footer come out as
table rows around a body flattened into one cell. So layout tables (those holding
other tables or running text) become plain blocks before extraction, data tables
stay tables, and the lines portals put around every story (breadcrumbs, by-lines
with 来源/作者/点击, share and print bars, ICP and copyright footers) are dropped
from the extracted text. Only short lines are dropped, so a story paragraph that
happens to mention 来源 survives.

Titles lose the site name the ``<title>`` tag appends ("…--某某县人民政府",
"… - 新华网", "… | China Daily"): the on-page headline wins when the ``<title>``
starts with it, otherwise a short trailing part after a separator is cut.
"""

from __future__ import annotations

import re

import lxml.html

#: a cell with this much running text makes its table a layout table
_RUNNING_TEXT = 80
#: lines longer than this are story text, whatever words they contain
_SHORT_LINE = 120
_LAYOUT_TAGS = {
    "table": "div",
    "tbody": "div",
    "thead": "div",
    "tfoot": "div",
    "tr": "div",
    "td": "div",
    "th": "div",
}
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|\b[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\b")
_BYLINE_WORDS = re.compile(
    r"来源|作者|点击|浏览|阅读|编辑|发布时间|发布日期|信息来源|字体|字号|"
    r"\b(Updated|Published|Posted|By|Source|Editor)\b",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"当前位置|您的位置|您现在的位置|所在位置|首页\s*(>|＞|›|»|&gt;)|>>|"
    r"打印本页|【打印|关闭窗口|分享到|返回顶部|收藏本页|【字体|【字号|"
    r"ICP备|ICP证|公网安备|版权所有|Copyright|©|All rights reserved|"
    r"主办[:：]|主办单位|承办[:：]|承办单位|技术支持|"
    r"联系电话|网站标识码|网站地图|联系我们|关于我们|免责声明|"
    r"^(责任编辑|编辑|审核|校对)[:：]|^\[?(责任编辑|编辑)[:：]",
    re.IGNORECASE,
)
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_TITLE_SEPARATORS = re.compile(r"\s*(--+|——|_+|\s[-|–—]\s|｜|\|)\s*")
#: a trailing title part this short (characters) after a separator is a site or section name
_SITE_NAME = 24


def unwrap_layout_tables(tree: lxml.html.HtmlElement) -> int:
    """Turn layout tables into blocks (in place); returns how many tables were unwrapped."""
    unwrapped = 0
    for table in list(tree.iter("table")):
        if not _is_layout(table):
            continue
        parts = [
            e for e in table.iter("tbody", "thead", "tfoot", "tr", "td", "th") if _owning_table(e) is table
        ]
        for element in [*parts, table]:  # the table last: its parts find it by its tag
            element.tag = _LAYOUT_TAGS[element.tag]
            for attr in ("width", "align", "valign", "colspan", "rowspan"):
                element.attrib.pop(attr, None)
        unwrapped += 1
    if unwrapped:
        drop_link_lists(tree)
    return unwrapped


def drop_link_lists(tree: lxml.html.HtmlElement) -> int:
    """Remove blocks that are lists of links (navigation rows, related stories) from a layout page.

    A block goes when most of its text is link text and none of its own text outside
    links is a sentence; trafilatura keeps such blocks once they are no longer tables.
    """
    dropped = 0
    for block in list(tree.iter("div", "ul", "ol", "table", "dl")):
        if block.getparent() is None or not _is_link_list(block):
            continue
        tail = block.tail
        parent = block.getparent()
        previous = block.getprevious()
        parent.remove(block)
        if tail and tail.strip():  # keep text that followed the block
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        dropped += 1
    return dropped


def _is_link_list(block: lxml.html.HtmlElement) -> bool:
    links = [a for a in block.iter("a")]
    if len(links) < 2:
        return False
    text = _squash(block.text_content())
    linked = sum(len(_squash(a.text_content())) for a in links)
    if not text or linked / len(text) < 0.5:
        return False
    unlinked = _squash("".join(_unlinked_text(block)))
    return len(unlinked) < _RUNNING_TEXT // 2 or linked / len(text) >= 0.8


def _unlinked_text(element: lxml.html.HtmlElement) -> list[str]:
    parts = [] if element.tag == "a" else [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.extend(_unlinked_text(child))
        parts.append(child.tail or "")
    return parts


def _owning_table(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    if element.tag == "table":
        return element
    for ancestor in element.iterancestors("table"):
        return ancestor
    return None


def _is_layout(table: lxml.html.HtmlElement) -> bool:
    """A table that lays out a page: it holds tables, paragraphs, or a long run of text in a cell."""
    if any(True for _ in table.iterdescendants("table", "p", "h1", "h2")):
        return True
    for cell in table.iter("td", "th"):
        if len("".join(cell.itertext()).strip()) >= _RUNNING_TEXT:
            return True
    return False


def is_furniture(line: str, title: str | None = None) -> bool:
    """Whether a line of extracted text is portal furniture rather than story."""
    stripped = line.strip()
    if not stripped:
        return False
    if title and _squash(stripped) == _squash(title):
        return True
    if _TABLE_ROW.match(stripped) and len(stripped) < _SHORT_LINE:
        return True
    if len(stripped) >= _SHORT_LINE:
        return False
    if _FURNITURE.search(stripped):
        return True
    return bool(_DATE.search(stripped) and _BYLINE_WORDS.search(stripped))


def strip_furniture(text: str, title: str | None = None) -> str:
    """The text without furniture lines (the whole text when every line would go)."""
    kept = [line for line in text.splitlines() if not is_furniture(line, title)]
    return "\n".join(kept).strip() if any(line.strip() for line in kept) else text.strip()


def clean_title(raw: str | None, headlines: list[str]) -> str | None:
    """The story's title without the site name the ``<title>`` tag adds."""
    raw = " ".join((raw or "").split())
    for headline in headlines:
        head = " ".join(headline.split())
        if len(head) >= 4 and raw.startswith(head):
            return head
    if not raw:
        return next((" ".join(h.split()) for h in headlines if h.strip()), None)
    parts = _TITLE_SEPARATORS.split(raw)
    # split() keeps the separators at odd positions: cut short trailing parts (site, section)
    while len(parts) >= 3 and len(parts[-1]) <= _SITE_NAME and len("".join(parts[:-2])) >= 6:
        parts = parts[:-2]
    return "".join(parts).strip() or raw


def _squash(text: str) -> str:
    return "".join(text.split())
