"""The region a statistic is about, from where it sits in the article.

News states a figure after naming its place ("截至6月底,山西省410家扶贫龙头企业...",
"In Gansu, a total of 1982 workshops") or right after it ("2301 workshops in Jiangxi
Province"); a sentence without a place continues the place the article was talking about
("there were 519 workshops that resumed work" after a paragraph on Gansu), and words like
全省 / 该县 / "the province" point back at it. So :meth:`RegionResolver.region_at` looks, in
order, at:

1. the places, national bodies (国务院, "State Council") and back-references of the sentence
   before the number (the last one wins), else the first one after it;
2. the last place named in the preceding sentences;
3. the article's main place: the place of its title, else a province that dominates the
   article, else the nation.

Places that are only the source of the figure are skipped: a donor region ("莆田市的帮扶资金"
in an article on 西吉县), a news outlet ("吉安新闻网", "Gansu Daily"), a dateline ("新华社北京
11月19日电", "Beijing, Nov. 19 (Xinhua)"), and places listed as destinations or examples
("销往兰州、西安、银川等地").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from fupin.extract.analysis import Analysis
from fupin.extract.gazetteer import Gazetteer
from fupin.extract.mentions import Place, PlaceMention

NATIONAL = Place("China", None, "national")

_ZH_CENTRAL = re.compile(
    r"国务院|人社部|人力资源(?:和)?社会保障部|国家统计局|国家发改委|党中央|中央财政|财政部|农业农村部"
)
_EN_CENTRAL = re.compile(
    r"\bState Council\b|\bMinistry of\b|\b(?:Vice|Deputy) Minister\b|\bMinister of\b|"
    r"\bNational (?:Bureau|Development|Rural Revitali[sz]ation)\b|\bcentral government\b"
)
# Back-references: the level they point at.
_ZH_ANAPHOR = re.compile(r"(?:全|本|该|我|此)(省|市|州|县|区|旗|乡|镇|村)(?!场|民|委|份)")
_EN_ANAPHOR = re.compile(
    r"\b(?:the|this|our)\s+(?:whole\s+|entire\s+)?(province|city|prefecture|county|district|town|township|"
    r"village|autonomous region|region)\b",
    re.IGNORECASE,
)
_ZH_LEVEL = {
    "省": "province",
    "市": "prefecture",
    "州": "prefecture",
    "县": "county",
    "区": "county",
    "旗": "county",
    "乡": "township",
    "镇": "township",
    "村": "village",
}
_EN_LEVEL = {
    "province": "province",
    "autonomous region": "province",
    "region": "province",
    "city": "prefecture",
    "prefecture": "prefecture",
    "county": "county",
    "district": "county",
    "town": "township",
    "township": "township",
    "village": "village",
}
_AUTONOMOUS = {"Inner Mongolia", "Guangxi", "Tibet", "Ningxia", "Xinjiang"}

_ZH_SOURCE_AFTER = re.compile(
    r"(?:的)?(?:帮扶|援建|援助|对口|捐赠|捐助|结对|协作资金)|新闻网|日报|晚报|电视台|广播电视|网讯|网[0-9]"
    r"|\d{1,2}月\d{1,2}日(?:电|讯)"  # a dateline says where the reporter was
)
_EN_SOURCE_AFTER = re.compile(
    r"\s*(?:Daily|Evening News|News Network|TV|Television|Radio|Net)\b"
    r"|,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*(?:\(|--|—)"
)
# Enumerations that end like this name destinations or examples, not the place of the figures.
_LIST_SEP = re.compile(r"(?:\s*[,、，]\s*|\s+and\s+|\s*[和及与]\s*)")
_LIST_END = re.compile(
    r"\s*(?:等(?:地|省|市|县|城市|地区|省份|省区市)"
    r"|,?\s*and other (?:places|provinces|cities|regions|areas)|,?\s*etc)"
)
# A figure quoted from a report or survey, in a paragraph that names no place, is the article's.
_CITED = re.compile(r"\W*(?:According to|Statistics show|Data show|据[^，,。]{0,20}(?:统计|数据|报告|显示))")


@dataclass(frozen=True, slots=True)
class _Ref:
    """Something in the text that tells the region: a place, a national body or a back-reference."""

    start: int
    end: int
    place: Place | None  # None for a back-reference
    level: str = ""


class RegionResolver:
    """Answers "which region is the number at this position about?" for one analysed article."""

    def __init__(self, analysis: Analysis, gazetteer: Gazetteer | None = None) -> None:
        self.analysis = analysis
        self.text = analysis.text
        self.lang = analysis.lang
        self.gazetteer = gazetteer or Gazetteer.default()
        places = sorted(analysis.places, key=lambda m: m.start)
        listed = self._listed(places)
        self.places = [m for i, m in enumerate(places) if not self._is_source(m) and i not in listed]
        self.refs = self._refs()
        self.ref_starts = [r.start for r in self.refs]
        self.main = self._main_place()

    # -- set-up --------------------------------------------------------------------------------

    def _is_source(self, mention: PlaceMention) -> bool:
        after = self.text[mention.end : mention.end + 16]
        pattern = _ZH_SOURCE_AFTER if self.lang == "zh" else _EN_SOURCE_AFTER
        return mention.place.level != "group" and bool(pattern.match(after))

    def _listed(self, places: list[PlaceMention]) -> set[int]:
        """Indices of places in an enumeration closed by 等地 / "and other places"."""
        out: set[int] = set()
        run: list[int] = []
        for i, m in enumerate(places):
            if run and _LIST_SEP.fullmatch(self.text[places[run[-1]].end : m.start]):
                run.append(i)
            else:
                run = [i]
            if _LIST_END.match(self.text, m.end) and len(run) >= 2:
                out.update(run)
        return out

    def _refs(self) -> list[_Ref]:
        refs = [_Ref(m.start, m.end, m.place) for m in self.places]
        central = _ZH_CENTRAL if self.lang == "zh" else _EN_CENTRAL
        anaphor = _ZH_ANAPHOR if self.lang == "zh" else _EN_ANAPHOR
        levels = _ZH_LEVEL if self.lang == "zh" else _EN_LEVEL
        spans = [(m.start, m.end) for m in self.places]

        def free(a: int, b: int) -> bool:
            return not any(s < b and a < e for s, e in spans)

        for m in central.finditer(self.text):
            if free(m.start(), m.end()):
                refs.append(_Ref(m.start(), m.end(), Place(m.group(), None, "national")))
        for m in anaphor.finditer(self.text):
            if free(m.start(), m.end()):
                refs.append(_Ref(m.start(), m.end(), None, levels[m.group(1).lower()]))
        return sorted(refs, key=lambda r: r.start)

    def _main_place(self) -> tuple[Place, str]:
        """The place the whole article is about: its title's, a dominant province's, or China."""
        title = self.analysis.title or ""
        if title:
            in_title = self.gazetteer.find(title + "\n" + self.text, self.lang)
            for m in in_title:
                if m.end <= len(title) and not self._is_source(m):
                    return m.place, title[m.start : m.end]
        counts: Counter = Counter()
        for m in self.places:
            counts[m.place.province] += 1
        if counts:
            province, top = counts.most_common(1)[0]
            if province and top >= 2 and top * 2 > sum(counts.values()):
                first = next(m for m in self.places if m.place.province == province)
                place = self.gazetteer.province_place(province) or first.place
                written = (
                    self.text[first.start : first.end] if first.place.level == "province" else place.name
                )
                if self.lang != "zh" and first.place.level != "province":
                    written = province
                return place, written
        return NATIONAL, "China"

    # -- queries -------------------------------------------------------------------------------

    def region_at(self, position: int) -> dict:
        """The ``region`` object (fact.schema.json) of a statistic written at ``position``."""
        place, written = self.place_at(position)
        return place.as_region(written)

    def place_at(self, position: int) -> tuple[Place, str]:
        """The place of a statistic at ``position`` and the name it is written under."""
        s_start, s_end = self.analysis.sentence_at(position)
        first = i = bisect_left(self.ref_starts, s_start)
        before, after = [], []
        while i < len(self.refs) and self.refs[i].start < s_end:
            ref = self.refs[i]
            (before if ref.end <= position else after if ref.start >= position else before).append(ref)
            i += 1
        if before:
            return self._from_ref(before[-1])
        for ref in after:
            if ref.place is not None:
                return ref.place, self.text[ref.start : ref.end]
        paragraph = self.text.rfind("\n", 0, s_start) + 1
        if _CITED.match(self.text, s_start) and not (first and self.ref_starts[first - 1] >= paragraph):
            return self.main
        context = self._context(s_start)
        return context if context is not None else self.main

    def _context(self, position: int) -> tuple[Place, str] | None:
        """The last place named before ``position`` (back-references resolved)."""
        i = bisect_left(self.ref_starts, position) - 1
        while i >= 0:
            ref = self.refs[i]
            if ref.end <= position:
                return self._from_ref(ref)
            i -= 1
        return None

    def _from_ref(self, ref: _Ref) -> tuple[Place, str]:
        if ref.place is not None:
            return ref.place, self.text[ref.start : ref.end]
        return self._anaphor(ref)

    def _anaphor(self, ref: _Ref) -> tuple[Place, str]:
        """全省 / 该县 / "the province": the current place, taken at the level the word names."""
        found = self._context(ref.start)
        place, written = found if found is not None else self.main
        if place.province is None:
            return place, written
        if ref.level == "province" or (
            ref.level == "county" and place.province in _AUTONOMOUS and place.level == "province"
        ):
            if place.level == "province":
                return place, written
            prov = self.gazetteer.province_place(place.province)
            if prov is not None:
                return prov, prov.name if self.lang == "zh" else place.province
            return place, written
        up = place
        while LEVELS.get(up.level, 0) > LEVELS.get(ref.level, 0):
            parent = self.gazetteer.parent(up)
            if parent is None:
                break
            up = parent
        if up is place:
            return place, written
        return up, up.name if self.lang == "zh" else written


LEVELS = {"national": 0, "group": 1, "province": 2, "prefecture": 3, "county": 4, "township": 5, "village": 6}
