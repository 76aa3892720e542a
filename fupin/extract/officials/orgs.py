"""Where an organisation sits: the province of "甘肃省人社厅", none for a ministry.

The project gazetteer (``fupin.extract.gazetteer``) resolves places down to counties;
when it is not importable a table of the 34 province-level divisions is used, so the
officials rules never depend on it. A local body named without its province ("the
District Human Resources Bureau", "同阳新村党支部") takes the province of the place
the article was talking about just before (or, before any place is named, the province
the article names most).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate
from typing import Any

from fupin.extract.mentions import PlaceMention
from fupin.extract.officials.titles import EN_CENTRAL

_PROVINCES = {
    "Beijing": "北京",
    "Tianjin": "天津",
    "Hebei": "河北",
    "Shanxi": "山西",
    "Inner Mongolia": "内蒙古",
    "Liaoning": "辽宁",
    "Jilin": "吉林",
    "Heilongjiang": "黑龙江",
    "Shanghai": "上海",
    "Jiangsu": "江苏",
    "Zhejiang": "浙江",
    "Anhui": "安徽",
    "Fujian": "福建",
    "Jiangxi": "江西",
    "Shandong": "山东",
    "Henan": "河南",
    "Hubei": "湖北",
    "Hunan": "湖南",
    "Guangdong": "广东",
    "Guangxi": "广西",
    "Hainan": "海南",
    "Chongqing": "重庆",
    "Sichuan": "四川",
    "Guizhou": "贵州",
    "Yunnan": "云南",
    "Tibet": "西藏",
    "Shaanxi": "陕西",
    "Gansu": "甘肃",
    "Qinghai": "青海",
    "Ningxia": "宁夏",
    "Xinjiang": "新疆",
    "Hong Kong": "香港",
    "Macao": "澳门",
    "Taiwan": "台湾",
}
_ZH_TO_EN = {zh: en for en, zh in _PROVINCES.items()}
_ZH_PROVINCE_RE = re.compile("|".join(sorted(_ZH_TO_EN, key=len, reverse=True)))
_EN_PROVINCE_RE = re.compile(r"\b(" + "|".join(sorted(_PROVINCES, key=len, reverse=True)) + r")\b")

ZH_CENTRAL_RE = re.compile(
    r"^(?:国务院|中共中央|中央|全国|国家|人力资源(?:和)?社会保障部|人社部|中国|[^省市县区州乡镇村]{1,8}部$)"
)
_ZH_LOCAL_RE = re.compile(r"(?:[省市县区州旗乡镇村]|社区|街道|开发区|新区)")
_EN_LOCAL_RE = re.compile(
    r"\b(?:Province|Provincial|City|Municipal|County|District|Town|Township|Village|Prefecture|Bureau|"
    r"Center|Centre|Office|Committee|Department|Regional|Workshop|Enterprise|Factory|Company|Co|Cooperative|Plant|"
    r"Farm)s?\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _gazetteer() -> Any | None:
    """The project gazetteer when it is available, else ``None`` (the table is used)."""
    try:
        from fupin.extract.gazetteer import Gazetteer  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return Gazetteer.default()
    except (OSError, ValueError, RuntimeError):
        return None


def find_places(text: str, lang: str) -> list[PlaceMention]:
    """Places named in ``text`` (gazetteer mentions, or province names from the table)."""
    return list(_find_places(text, lang))


@lru_cache(maxsize=4096)
def _find_places(text: str, lang: str) -> tuple[PlaceMention, ...]:
    """Organisation names recur from article to article: their places are looked up once."""
    return tuple(_search_places(text, lang))


def _search_places(text: str, lang: str) -> list[PlaceMention]:
    gazetteer = _gazetteer()
    if gazetteer is not None:
        return list(gazetteer.find(text, lang))
    from fupin.extract.mentions import Place

    pattern = _ZH_PROVINCE_RE if lang == "zh" else _EN_PROVINCE_RE
    out = []
    for m in pattern.finditer(text):
        province = _ZH_TO_EN.get(m.group(), m.group())
        out.append(PlaceMention(m.start(), m.end(), Place(province, province, "province")))
    return out


def _article_place_in(org: str, lang: str, places: list[PlaceMention]) -> str | None:
    """The province of a bare English name in ``org`` ("deputy head of Baisha") that the article
    names elsewhere in full ("Baisha Li autonomous county"): alone it is too ambiguous to look up."""
    gazetteer = _gazetteer()
    if lang == "zh" or gazetteer is None or not places:
        return None
    codes = _PlacesSummary.of(places).codes
    for m in re.finditer(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b", org):
        for div in gazetteer.en.get(m.group().lower().replace("-", " "), []):
            if div.adcode in codes:
                return div.province
    return None


class _PlacesSummary:
    """What :func:`province_of` reads of an article's places, computed once per article.

    Each official's organisation asked for these over all the places again, which made a
    long text quadratic; the last summary is kept for the list it was made from.
    """

    _last: tuple[list[PlaceMention], int, _PlacesSummary] | None = None

    def __init__(self, places: list[PlaceMention]) -> None:
        self.codes = {p.place.adcode for p in places if p.place.adcode}
        self.provinces = Counter(p.place.province for p in places if p.place.province)
        provincial = sorted((p.end, i) for i, p in enumerate(places) if p.place.province)
        self._ends = [end for end, _ in provincial]
        self._latest = list(accumulate((i for _, i in provincial), max))
        self._places = places

    @classmethod
    def of(cls, places: list[PlaceMention]) -> _PlacesSummary:
        last = cls._last
        if last is not None and last[0] is places and last[1] == len(places):
            return last[2]
        summary = cls(places)
        cls._last = (places, len(places), summary)
        return summary

    def last_before(self, position: int) -> PlaceMention | None:
        """The last place in list order with a province that ends by ``position``."""
        n = bisect_right(self._ends, position)
        return self._places[self._latest[n - 1]] if n else None


def is_central(org: str, lang: str) -> bool:
    """True for ministries and State Council bodies, which belong to no province."""
    if lang == "zh":
        return bool(ZH_CENTRAL_RE.search(org))
    return bool(EN_CENTRAL.search(org))


def province_of(org: str | None, lang: str, places: list[PlaceMention] | None, position: int) -> str | None:
    """The province of an organisation written at ``position`` (see the module docstring)."""
    if not org:
        return None
    known = _article_place_in(org, lang, places or [])
    if known:
        return known
    summary = _PlacesSummary.of(places or [])
    named = summary.provinces
    for mention in find_places(org, lang):
        # "Wangqing Taoyuan Fungus Co" in an article on Jilin: not Taoyuan in Taiwan.
        province = mention.place.province
        if province and (mention.place.level == "province" or named[province] >= 2 or len(named) <= 1):
            return province
    if is_central(org, lang):
        return None
    local = _ZH_LOCAL_RE if lang == "zh" else _EN_LOCAL_RE
    if not local.search(org) and lang == "en":
        return None
    before = summary.last_before(position)
    if before is not None:
        return before.place.province
    counts = summary.provinces
    return counts.most_common(1)[0][0] if counts else None  # "自治区人社厅" before any place: the article's
