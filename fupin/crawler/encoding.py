"""Decode an HTML body right, even when the server and the page disagree.

Chinese news sites (people.com.cn, Sina, provincial government portals) often
send ``Content-Type: text/html; charset=utf-8`` or ISO-8859-1 for pages whose
bytes and ``<meta charset>`` are GB2312/GBK, and pages declared GB2312 routinely
use characters only GBK/GB18030 has (names like 王堃, 朱镕基). Trusting the
header (what Scrapy's TextResponse does) or the first bytes turns them into
mojibake. So every declared charset is tried, GB2312 and GBK are decoded as
their superset GB18030, and the decoding with the fewest replacement characters
wins, then the one with the most CJK characters.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: Legacy Chinese encodings are decoded with their superset.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "gb18030"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def normalize_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset (``GB2312`` -> ``gb18030``); None if unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if codec in ("iso8859-1", "ascii", "latin-1"):
        codec = "cp1252"  # what browsers do with latin-1 labels
    return _SUPERSET.get(codec, codec)


def header_charset(content_type: str | bytes | None) -> str | None:
    """The charset parameter of a Content-Type header value."""
    if not content_type:
        return None
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` or an XML declaration (first 8 KB)."""
    head = body[:8192]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def decode_body(body: bytes, content_type: str | bytes | None = None) -> tuple[str, str]:
    """Return ``(text, codec)`` for an HTML/XML body and its Content-Type header."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(codec, errors="replace"), codec
    if body.isascii():
        declared = normalize_charset(header_charset(content_type)) or normalize_charset(meta_charset(body))
        return body.decode("ascii"), declared if declared in ("utf-8", "cp1252", "gb18030") else "ascii"
    try:
        # Valid UTF-8 with non-ASCII bytes is almost never anything else.
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = [normalize_charset(header_charset(content_type)), normalize_charset(meta_charset(body))]
    candidates = _unique([c for c in declared if c] + ["gb18030", "cp1252"])
    best: tuple[tuple[int, int, int], str, str] | None = None
    for rank, codec in enumerate(candidates):
        try:
            text = body.decode(codec, errors="replace")
        except LookupError:
            continue
        key = (text.count("\ufffd"), -len(_CJK.findall(text)), rank)
        if best is None or key < best[0]:
            best = (key, text, codec)
    assert best is not None  # cp1252 always exists
    return best[1], best[2]


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
