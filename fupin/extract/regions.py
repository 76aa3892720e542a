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

Places that say nothing about where the figures are skipped: lines of ads, links
and navigation ("澳门新葡京 官方网址 ..."), places where workers are sent
("赴福建务工", "sent ... to Fujian"), group names in quotation marks (“三区三州”),
donors ("Putian has provided 16 million yuan to Xiji", "莆田市的帮扶资金" in an
article on 西吉县), the home of firms or officials that came ("companies from Putian",
"an official from Fujian", "Shenzhen Hongyutai Company"), where goods are sold ("sold to
Hong Kong"), a news outlet ("吉安新闻网", "Gansu Daily"), a dateline
("新华社北京11月19日电", "Beijing, Nov. 19 (Xinhua)"), and places listed as
destinations or examples ("销往兰州、西安、银川等地"). An English dateline's city still
gives "the province" its province when the text names no other ("XINING, April 8
(Xinhua) -- ... in the province"). A place named in quoted
speech counts for its own sentence but does not carry over, and a back-reference
("该县", "the county") points back at the last place of its own level or below,
never at a province named in passing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from fupin.extract.analysis import Analysis
from fupin.extract.en.dateline import dateline_place
from fupin.extract.gazetteer import Gazetteer
from fupin.extract.mentions import Place, PlaceMention
from fupin.extract.positions import SpanIndex

NATIONAL = Place("China", None, "national")

_ZH_CENTRAL = re.compile(
    r"国务院|人社部|人力资源(?:和)?社会保障部|国家统计局|国家发改委|党中央|中央财政|财政部|农业农村部"
)
# The look-aheads name the characters a match can start with (see en/quantities.py: the same
# matches, found without trying the whole pattern at every offset).
_EN_CENTRAL = re.compile(
    r"(?=[SMVDNc])(?:\bState Council\b|\bMinistry of(?: [A-Z][\w-]*(?:,? and(?= [A-Z])|,(?= [A-Z]))?)*|"
    r"\b(?:Vice|Deputy) Minister\b|\bMinister of\b|"
    r"\bNational (?:Bureau|Development|Rural Revitali[sz]ation)\b|\bcentral government\b)"
)
# Back-references: the level they point at.
_ZH_ANAPHOR = re.compile(r"(?:全|本|该|我|此)(省|市|州|县|区|旗|乡|镇|村)(?!场|民|委|份)")
_EN_ANAPHOR = re.compile(
    r"(?=[to])\b(?:the|this|our)\s+(?:whole\s+|entire\s+)?(province|city|prefecture|county|district|town|township|"
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

_ZH_OUTLET_AFTER = re.compile(r"(?:新闻网|日报|晚报|电视台|广播电视|网讯|融媒体|新闻中心)")
_EN_OUTLET_AFTER = re.compile(r"\s*(?:Daily|Evening News|News Network|TV|Television|Radio)\b")
_ZH_SOURCE_AFTER = re.compile(
    r"(?:的)?(?:帮扶|援建|援助|对口|捐赠|捐助|结对|协作资金)|新闻网|日报|晚报|电视台|广播电视|网讯|网[0-9]|融媒体"
    r"|\d{1,2}月\d{1,2}日(?:电|讯)"  # a dateline says where the reporter was
)
_EN_SOURCE_AFTER = re.compile(
    r"\s*(?:Daily|Evening News|News Network|TV|Television|Radio|Net)\b"
    # "told China News Agency", "China News Service", "China Youth Daily", "China Global Television Network"
    r"|\s*(?:News\s+(?:Agency|Service)|Youth\s+Daily|Global\s+Television|Economic\s+(?:Net|Daily)|Business\s+News)\b"
    r"|,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*(?:\(|--|—)"
)
# Enumerations that end like this name destinations or examples, not the place of the figures.
_LIST_SEP = re.compile(r"(?:\s*[,、，]\s*(?:and\s+)?|\s+and\s+|\s*[和及与]\s*)")
_LIST_END = re.compile(
    r"\s*(?:等(?:地|省|市|县|城市|地区|省份|省区市)"
    r"|,?\s*and other (?:places|provinces|cities|regions|areas)|,?\s*etc)"
)
# A list of villages or townships closed by their number ("中卫、木坂等10个村"): a name in it that the
# gazetteer reads as a prefecture or county is a village of the same name, not that place.
_ZH_SMALL_DIVISIONS_END = re.compile(
    r"(?:\s*[、,，和及与]\s*[\u4e00-\u9fff]{1,6}?)*\s*等\s*[0-9一二三四五六七八九十两]+\s*个?\s*"
    r"(?:行政村|自然村|贫困村|村|社区|乡镇|乡|镇)"
)
# A short name of a prefecture or county right before 乡 / 镇 / 村 names a township or village that
# shares it ("中卫乡", "平凉村"), not that place; 乡村, 乡镇, 村民 and the like are common nouns.
_ZH_SMALLER_SUFFIX = re.compile(r"(?:乡|镇|村|街道)(?![村镇民级里委庄])")
# Lines that are not the article: ads, link lists, navigation bars and page footers.
# Gambling words, in two patterns: one alternation of both, case-insensitive, took twice as long
# (the Chinese words are found by their first characters; case does not apply to them).
_SPAM_ZH = re.compile(r"葡京|博彩|赌场|娱乐城|百家乐|老虎机|彩票|真人(?:视讯|娱乐)")
_SPAM_EN = re.compile(r"\b(?:casino|gambling|betting\b)", re.IGNORECASE)
_AD = re.compile(
    r"https?://|www\.|\.(?:com|net|cn|org)\b|【?(?:推荐|广告|推广)】?|直播|免费|注册|下载|点击|官网|官方网址"
    r"|ICP|\bclick\b|\bsubscribe\b|\bdownload\b|\bsponsored\b",
    re.IGNORECASE,
)
_NAV_START = re.compile(
    r"\s*(?:首页|当前位置|您的位置|上一篇|下一篇|上一条|下一条|相关(?:新闻|阅读|链接|文章)|责任编辑|编辑[:：]"
    r"|来源[:：]|主办|承办|版权所有|网站标识码|打印本页|关闭窗口|分享到|扫一扫"
    r"|Copyright|©|All rights reserved|Related\b|Previous\b|Next\b|Home\s*[|>]|Share\b|Editor[:：])",
    re.IGNORECASE,
)
_PROSE_END = re.compile(r"[。！？；][”」』\"]?|[.!?][\"”’]?(?:\s|$)")
# Places that are where workers are sent to, not where the figures are (one place or a list).
_ZH_DEST_BEFORE = re.compile(
    r"(?:输送|转移|输出|外派|派遣|运送|送往|组织)(?:到|至|往|去)?$|(?:赴|前往|奔赴|去往|去|到|至)$"
)
# "向江苏输送贫困劳动力1200人", "向广东、浙江等地输出劳动力": the places labour is sent to.
_ZH_SENT_AFTER = re.compile(r"(?:等地|等省市?)?[^,，。;；]{0,4}?(?:输送|输出|输转|转移|派遣|外派)")
_ZH_DEST_FORCED = re.compile(r"(?:输送|转移|输出|外派|派遣|运送|送往)(?:到|至|往|去)?$")
_ZH_WORK_AFTER = re.compile(
    r"(?:等[\u4e00-\u9fff]{0,3})?[\u4e00-\u9fff]{0,4}?(?:务工|打工|就业|上岗|返岗|工作)"
)
_EN_DEST_BEFORE = re.compile(
    r"(?:\b(?:sen[dt]|sending|dispatch(?:ed|ing)?|transport(?:ed|ing)?|transferr?(?:ed|ing)?|export(?:ed|ing)?"
    r"|deliver(?:ed|ing)?|escort(?:ed|ing)?|bus(?:s?ed)?|took|tak(?:e|es|en|ing)|carr(?:y|ied|ies))\b[^.;:!?]{0,80}?"
    r"|\b(?:went|go(?:ne|es|ing)?|travel(?:l?ed|l?ing|s)?|migrat(?:ed|ing|e)|head(?:ed|ing|s)?|left|leav(?:e|ing))"
    r"(?:\s+\w+){0,2}?"
    r"|\bincluding\s+(?:about\s+|around\s+|more than\s+|nearly\s+|over\s+)?[\d,.]+"
    r"(?:\s+(?:million|thousand))?"
    r"(?:\s+[a-z]+){0,3}?)"
    r"\s+(?:to|for)\s+(?:work\s+in\s+|jobs\s+in\s+)?(?:the\s+)?(?:(?:[A-Z][a-z]+\s+)?China's\s+)?$"
)
# Where goods go: "have been sold to Hong Kong", "finds buyers in Hong Kong", "shipped to Shanghai".
_EN_GOODS_TO = re.compile(
    r"\b(?:(?:sold|sells?|selling|shipped|ship(?:s|ping)?|exported|marketed|supplied|delivered)(?:\s+[a-z]+){0,3}?"
    r"\s+(?:to|in)|(?:buyers|customers|consumers|clients|markets?)\s+(?:in|from))\s+(?:the\s+)?$"
)
# Places someone works or worked away in, or came back from, mentioned in passing ("丈夫常年在广东务工",
# "从浙江返乡", "to work in a factory in Guangdong", "returned from Zhejiang", MT "in Guangdong work"):
# the statistics of the article are not about them.
_ZH_AWAY_BEFORE = re.compile(r"在$")
_ZH_AWAY_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:务工|打工|做工|上班)")
_ZH_BACK_BEFORE = re.compile(r"(?:从|自)$")
_ZH_BACK_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:返乡|回乡|回家|回村|回到|回来|归来|返回|辞职)")
_EN_AWAY_BEFORE = re.compile(
    r"(?:\b(?:to|used to|had to|would)\s+work|\bworked|\bhad been working"
    r"|\bworking\s+(?:away|far away|outside))"
    r"(?:\s+(?!(?:here|there)\b)[a-z]+){0,5}?\s+in\s+(?:the\s+)?$"
    r"|\b(?:returned|returning|came|come|coming|got|been)\s+(?:back\s+)?(?:home\s+)?from\s+(?:the\s+)?$"
    r"|\bfar away in\s+(?:the\s+)?$"
    # "She used to be a migrant embroiderer in Zhejiang": where one worker once worked
    r"|\b(?:used\s+to\s+be|had\s+been|was|were)\s+(?:an?\s+)?(?:[a-z]+\s+){0,2}?migrant(?:\s+[a-z]+){1,2}?\s+in\s+(?:the\s+)?$"
)
_EN_CAME_FROM = re.compile(
    r"\b(?:officials?|cadres?|compan(?:y|ies)|firms?|enterprises?|investors?|business(?:m[ae]n|es)|entrepreneurs?"
    r"|volunteers?|experts?|teams?|delegations?)\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EN_LOCATED_BY = re.compile(
    r",?\s*(?:in\s+)?(?:(?:East|West|North|South|Northwest|Northeast|Southwest|Southeast|Central)\s+)?China['’]s\s+"
)
_EN_IN_WORK = re.compile(r"(?:^|\s)in\s+$")
_EN_WORK_AFTER = re.compile(r"\s+(?:work|working|to work|do business|for work)\s*[.,;!?]")
# A donor: "Putian city has provided 16 million yuan ... to Xiji", "莆田市为西吉县提供资金".
_EN_GIVE_TO = re.compile(
    r"(?:[^.;!?]|\.(?=\d)){0,60}?\b(?:provided|donated|contributed|given|gave|allocated|invested|injected|offered|pledged|granted"
    r"|earmarked|channell?ed)\b(?:[^.;!?]|\.(?=\d)){0,80}?\b(?:to|for|in)\s+(?:the\s+)?"
)
_EN_FROM_SOURCE = re.compile(
    r"\b(?:yuan|funds?|funding|money|investment|aid|assistance|help|support|donations?|investors?)\s+from\s+(?:the\s+)?$"
)
_EN_FIRMS_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:enterprises|companies|firms|investors|businesses|entrepreneurs)\b"
)
_EN_MONEY = re.compile(r"\b(?:yuan|funds?|funding|aid|assistance|donations?|money|materials|investment)\b")
_ZH_GIVE_TO = re.compile(r"[^，。；,;]{0,10}?(?:为|向|给|对|帮助|支持)$")
_ZH_GIVE_AFTER = re.compile(
    r"[^，。；,;]{0,8}?(?:提供|投入|援助|援建|捐赠|捐助|拨付|拨出|落实|协调|安排|帮扶)"
)
_EN_PARTNER_AFTER = re.compile(r"(?:['’]s)?\s+(?:paired|counterpart|partner|east-west)\b", re.IGNORECASE)
# 全国 / 中国 opening a name or title, or the base of a rank or a share.
_ZH_NATIONAL_NAME_AFTER = re.compile(
    r"(?:网络媒体|媒体|人大|政协|劳动模范|劳模|先进|优秀|示范|百强|文明|十佳|知名|妇联|总工会|工商联|扶贫基金会"
    r"|扶贫日|第[一二三四五六七八九十\d]|首[个家批位]|前列|之最|网|新闻|日报|青年|各大|唯一|最大|最早|领先)"
)
_ZH_NATIONAL_RANK_BEFORE = re.compile(r"(?:占|居|位居|位列|排名|领先|高于|低于|超过|比)$")
# A place after 在 / 于 is where something happens, even when 援建 / 帮扶 follows it.
_ZH_AT = re.compile(r"(?:在|于)\s*$")
# A company named after its home town: "深圳市宏宇泰公司", "上海东北亚新纺织科技有限公司"; a park
# named after the place that paid for it ("北京工业园区" in Xinjiang, built with Beijing's aid).
_ZH_COMPANY_AFTER = re.compile(
    r"[\u4e00-\u9fff]{2,10}?(?:有限责任公司|有限公司|股份公司|公司|集团)"
    r"|[\u4e00-\u9fff]{0,6}?(?:工业园区|产业园区|纺织园区|工业园|产业园|科技园|园区)"
)
# "Shenzhen Hongyutai Company", "Putian Xinhe Garment Co": a company named after its home town
_EN_COMPANY_AFTER = re.compile(
    r"(?:\s+(?-i:[A-Z])[\w'’&-]*){1,4}\s+(?:Co\b\.?|Company|Corp\b\.?|Corporation|Group|Ltd\b\.?|Inc\b\.?)"
)
# "one of China's poorest provinces", "among the poorest counties in the country", "the most in China",
# "ranking first in the country": a rank that describes the place, not where the figures are
_EN_NATIONAL_RANK_BEFORE = re.compile(
    r"(?:\b(?:one|two|three|four|five)\s+of\s+|\bamong\s+)(?:the\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:(?:in|of|across)\s+)?$"
    r"|\b(?:\w+est|most|least|first|second|third|top|largest|only|rank\w*)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:in|of|across|among)\s+$",
    re.IGNORECASE,
)
_EN_NATIONAL_RANK_AFTER = re.compile(r"['’]s\s+(?:\w+est|most|least|first|largest|top)\b", re.IGNORECASE)
# A term in quotation marks ("三区三州"), not a reference to where the figures are.
_QUOTED_TERM = re.compile(r"[“\"「『‘]$")
_QUOTED_TERM_END = re.compile(r"[”\"」』’]")
# A figure quoted from a report or survey, in a paragraph that names no place, is the article's.
_CITED = re.compile(r"\W*(?:According to|Statistics show|Data show|据[^，,。]{0,20}(?:统计|数据|报告|显示))")


@dataclass(frozen=True, slots=True)
class _Ref:
    """Something in the text that tells the region: a place, a national body or a back-reference."""

    start: int
    end: int
    place: Place | None  # None for a back-reference
    level: str = ""
    local: bool = False  # named inside quoted speech: counts for its own sentence only


class RegionResolver:
    """Answers "which region is the number at this position about?" for one analysed article."""

    def __init__(self, analysis: Analysis, gazetteer: Gazetteer | None = None) -> None:
        self.analysis = analysis
        self.text = analysis.text
        self.lang = analysis.lang
        self.gazetteer = gazetteer or Gazetteer.default()
        self._boilerplate_lines: dict[int, bool] = {}  # line start -> verdict (places share lines)
        places = [m for m in sorted(analysis.places, key=lambda m: m.start) if not self._in_boilerplate(m)]
        listed = self._listed(places)
        elsewhere = self._destinations(places) | self._donors(places) | self._away(places)
        elsewhere |= self._companies_from_elsewhere(places, listed | elsewhere)
        self.places = [
            m
            for i, m in enumerate(places)
            if not self._is_source(m)
            and i not in listed
            and i not in elsewhere
            and not self._quoted_term(m)
            and not self._locator(m)
            and not self._national_in_passing(m)
        ]
        self._outlets = [m for m in places if self._is_outlet(m)]
        self.refs = self._refs()
        self.ref_starts = [r.start for r in self.refs]
        self.main = self._main_place()

    # -- set-up --------------------------------------------------------------------------------

    def _is_source(self, mention: PlaceMention, text: str | None = None) -> bool:
        source = self.text if text is None else text
        after = source[mention.end : mention.end + 24]
        pattern = _ZH_SOURCE_AFTER if self.lang == "zh" else _EN_SOURCE_AFTER
        partner = self.lang != "zh" and bool(_EN_PARTNER_AFTER.match(after))
        if self.lang == "zh" and _ZH_AT.search(source, max(0, mention.start - 2), mention.start):
            return False  # "福州市在定西市援建扶贫车间181个": where the aid is built, not who gives it
        return mention.place.level != "group" and (bool(pattern.match(after)) or partner)

    def _is_outlet(self, mention: PlaceMention) -> bool:
        """A local news outlet named after its place ("兰州日报社", "钟祥市融媒体中心"); not a dateline."""
        after = self.text[mention.end : mention.end + 12]
        pattern = _ZH_OUTLET_AFTER if self.lang == "zh" else _EN_OUTLET_AFTER
        return mention.place.level not in ("group", "national") and bool(pattern.match(after))

    def _line(self, position: int) -> str:
        start = self.text.rfind("\n", 0, position) + 1
        end = self.text.find("\n", position)
        return self.text[start : end if end >= 0 else len(self.text)]

    def _in_boilerplate(self, mention: PlaceMention) -> bool:
        """Whether the place sits in an ad, a link list, a navigation bar or a footer line.

        Such lines are recognised by their vocabulary and shape: gambling words, a navigation
        word at the start, several "|" separators, or ad words / links in a line that has no
        sentence ending (real sentences may cite a website or mention live-streaming).
        """
        line_start = self.text.rfind("\n", 0, mention.start) + 1
        verdict = self._boilerplate_lines.get(line_start)
        if verdict is None:
            verdict = self._boilerplate_lines[line_start] = self._boilerplate_line(self._line(mention.start))
        return verdict

    @staticmethod
    def _boilerplate_line(line: str) -> bool:
        if _SPAM_ZH.search(line) or _SPAM_EN.search(line) or _NAV_START.match(line):
            return True
        prose = bool(_PROSE_END.search(line))
        if prose:
            return False
        return len(re.findall(r"[|｜]", line)) >= 2 or bool(_AD.search(line))

    def _runs(self, places: list[PlaceMention]) -> list[list[int]]:
        """Indices of places grouped into enumerations ("广东、浙江和福建", "Guangdong and Fujian")."""
        runs: list[list[int]] = []
        for i, m in enumerate(places):
            if runs and _LIST_SEP.fullmatch(self.text[places[runs[-1][-1]].end : m.start]):
                runs[-1].append(i)
            else:
                runs.append([i])
        return runs

    def _destinations(self, places: list[PlaceMention]) -> set[int]:
        """Places (or lists of them) that workers are sent or go to: "赴福建务工", "sent ... to Fujian"."""
        out: set[int] = set()
        for run in self._runs(places):
            first, last = places[run[0]], places[run[-1]]
            s_start = self.analysis.sentence_at(first.start)[0]
            before = self.text[max(s_start, first.start - 120) : first.start]
            if self.lang == "zh":
                forced = _ZH_DEST_FORCED.search(before)
                going = _ZH_DEST_BEFORE.search(before) and _ZH_WORK_AFTER.match(self.text, last.end)
                sent = before.endswith("向") and _ZH_SENT_AFTER.match(self.text, last.end)
                hit = bool(forced or going or sent)
            else:
                hit = bool(_EN_DEST_BEFORE.search(before) or _EN_GOODS_TO.search(before))
            if hit and first.place.level not in ("national", "group"):
                out.update(run)
        return out

    def _away(self, places: list[PlaceMention]) -> set[int]:
        """Places where someone works or worked away from home, or came back from (told in passing)."""
        out: set[int] = set()
        for i, m in enumerate(places):
            if m.place.level in ("national", "group"):
                continue
            s_start = self.analysis.sentence_at(m.start)[0]
            before = self.text[max(s_start, m.start - 80) : m.start]
            if self.lang == "zh":
                hit = (_ZH_AWAY_BEFORE.search(before) and _ZH_AWAY_AFTER.match(self.text, m.end)) or (
                    _ZH_BACK_BEFORE.search(before) and _ZH_BACK_AFTER.match(self.text, m.end)
                )
            else:
                hit = _EN_AWAY_BEFORE.search(before) or (
                    _EN_IN_WORK.search(before) and _EN_WORK_AFTER.match(self.text, m.end)
                )
                # "an official from Fujian", "three companies from Putian, East China's Fujian province":
                # where a person or a firm came from (and the province that locates that place)
                hit = (
                    hit
                    or _EN_CAME_FROM.search(before)
                    or (i - 1 in out and self._locates_previous(places, i))
                )
            if hit:
                out.add(i)
        return out

    def _locates_previous(self, places: list[PlaceMention], i: int) -> bool:
        """Whether place ``i`` only locates the last non-national place before it ("Putian, East
        China's Fujian province")."""
        j = i - 1
        while j >= 0 and places[j].place.level == "national":
            j -= 1
        return j >= 0 and bool(_EN_LOCATED_BY.fullmatch(self.text, places[j].end, places[i].start))

    def _donors(self, places: list[PlaceMention]) -> set[int]:
        """Places that give funds or help to another place named later in the same sentence."""
        out: set[int] = set()
        for i, (a, b) in enumerate(zip(places, places[1:], strict=False)):
            if self.analysis.sentence_at(a.start) != self.analysis.sentence_at(b.start):
                continue
            between = self.text[a.end : b.start]
            if self.lang == "zh":
                hit = _ZH_GIVE_TO.fullmatch(between) and _ZH_GIVE_AFTER.match(self.text, b.end)
            else:
                hit = _EN_GIVE_TO.fullmatch(between) and _EN_MONEY.search(between)
                # "300 million yuan from Zhejiang ... in Guizhou", "Guangdong enterprises have set up 300
                # workshops in Guangxi": who paid or came, not where the figures are
                hit = hit or _EN_FROM_SOURCE.search(self.text, max(0, a.start - 40), a.start)
                hit = hit or _EN_FIRMS_AFTER.match(self.text, a.end)
            if hit and a.place.level not in ("national", "group"):
                out.add(i)
        return out

    def _companies_from_elsewhere(self, places: list[PlaceMention], skipped: set[int]) -> set[int]:
        """Places that open the name of a company or park from another province ("引进深圳市宏宇泰公司"
        in a story on Hunan, "北京工业园区" in one on Xinjiang): they say who came or paid, not where
        the figures are. A company named after the story's own county ("昭觉县阿依服饰有限公司")
        keeps its place. The story's provinces are those of the places that count (``skipped``
        ones do not: "从上海、浙江等地引进" does not make Shanghai a place of the story)."""
        starts = [m.start for m in places]
        named = set()
        company_after = _ZH_COMPANY_AFTER if self.lang == "zh" else _EN_COMPANY_AFTER
        for i, m in enumerate(places):
            company = company_after.match(self.text, m.end)
            if company is None or m.place.level in ("national", "group"):
                continue
            if bisect_left(starts, company.end()) == i + 1:  # no other place inside the name
                named.add(i)
        provinces = {
            m.place.province
            for i, m in enumerate(places)
            if i not in named and i not in skipped and m.place.province
        }
        return {i for i in named if provinces and places[i].place.province not in provinces}

    def _national_in_passing(self, mention: PlaceMention) -> bool:
        """全国 / 中国 in a name, a rank or a comparison ("全国网络媒体宁夏行", "全国劳动模范",
        "占全国的1/20", "中国扶贫基金会"), not the place the figures are about; in English the
        rank that describes a place ("Guizhou, one of China's poorest provinces", "the most in
        the country")."""
        if mention.place.level != "national":
            return False
        if self.lang != "zh":
            before = self.text[max(0, mention.start - 60) : mention.start]
            rank_after = _EN_NATIONAL_RANK_AFTER.match(self.text, mention.end)
            return bool(_EN_NATIONAL_RANK_BEFORE.search(before) or rank_after)
        before = self.text[max(0, mention.start - 4) : mention.start]
        return bool(
            _ZH_NATIONAL_NAME_AFTER.match(self.text, mention.end) or _ZH_NATIONAL_RANK_BEFORE.search(before)
        )

    def _locator(self, mention: PlaceMention) -> bool:
        """ "Northwest China's" in "Northwest China's Ningxia" only locates the place after it, and
        "China's poverty line" names a standard, not where the figures are."""
        after = self.text[mention.end : mention.end + 40]
        return (
            self.lang != "zh"
            and mention.place.level == "national"
            and bool(
                re.match(r"['’]s\s+(?:[A-Z]|(?:national\s+|official\s+)?poverty\s+(?:line|standard))", after)
            )
        )

    def _quoted_term(self, mention: PlaceMention) -> bool:
        """A group name in quotation marks (“三区三州”) is a term, not the place of the figures."""
        return (
            mention.place.level in ("group", "national")
            and bool(_QUOTED_TERM.search(self.text, max(0, mention.start - 1), mention.start))
            and bool(_QUOTED_TERM_END.match(self.text, mention.end))
        )

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
            if (
                self.lang == "zh"
                and m.place.level in ("province", "prefecture", "county")
                and _ZH_SMALL_DIVISIONS_END.match(self.text, m.end)
            ):
                out.add(i)  # "带动中卫、木坂等10个村": villages, whatever prefecture shares the name
            if (
                self.lang == "zh"
                and m.place.level in ("prefecture", "county")
                and not self.text[m.start : m.end].endswith(("市", "县", "州", "区", "盟", "旗"))
                and _ZH_SMALLER_SUFFIX.match(self.text, m.end)
            ):
                out.add(i)  # "中卫乡东上卫村": a township named like the prefecture
        return out

    def _quotations(self) -> list[tuple[int, int]]:
        """Spans of quoted speech (a quotation of a clause or more, not a quoted term)."""
        out = []
        for m in re.finditer(r"“([^“”\n]{8,})”|\"([^\"\n]{8,})\"", self.text):
            out.append((m.start(), m.end()))
        return out

    def _enumerated_objects(self) -> set[int]:
        """Places listed after the sentence's subject place ("Guizhou communicates with Zhejiang,
        Guangdong and Jiangsu"): partners or examples, so the next sentence does not move to them."""
        out: set[int] = set()
        for run in self._runs(self.places):
            if len(run) < 2 or run[0] == 0:
                continue
            first, prev = self.places[run[0]], self.places[run[0] - 1]
            if self.analysis.sentence_at(prev.start) == self.analysis.sentence_at(first.start):
                out.update(run)
        return out

    def _refs(self) -> list[_Ref]:
        quotes = SpanIndex(self._quotations())

        def quoted(m: PlaceMention) -> bool:
            return quotes.encloses(m.start, m.end)

        objects = self._enumerated_objects()
        refs = [
            _Ref(m.start, m.end, m.place, local=quoted(m) or i in objects) for i, m in enumerate(self.places)
        ]
        central = _ZH_CENTRAL if self.lang == "zh" else _EN_CENTRAL
        anaphor = _ZH_ANAPHOR if self.lang == "zh" else _EN_ANAPHOR
        levels = _ZH_LEVEL if self.lang == "zh" else _EN_LEVEL
        starts = [m.start for m in self.places]  # in order, not overlapping: the ends are in order too
        ends = [m.end for m in self.places]

        def free(a: int, b: int) -> bool:
            i = bisect_left(starts, b)  # places[:i] start before b; of them only the last can reach a
            return i == 0 or ends[i - 1] <= a

        for m in central.finditer(self.text):
            if free(m.start(), m.end()):
                refs.append(_Ref(m.start(), m.end(), Place(m.group(), None, "national")))
        for m in anaphor.finditer(self.text):
            if free(m.start(), m.end()):
                refs.append(_Ref(m.start(), m.end(), None, levels[m.group(1).lower()]))
        return sorted(refs, key=lambda r: r.start)

    def _main_place(self) -> tuple[Place, str]:
        """The place the whole article is about: its title's, a dominant province's, or China."""
        title = (self.analysis.title or "").strip()
        if title:
            in_title = self._title_places(title)
            if self.lang != "zh":
                # "... villagers in Henan county" over a story on Suixian county in Henan province: a
                # title's county or city in a province the text never names is a misreading (a name
                # shared by places of two provinces) or a slip
                at = self.text.find(title)
                named = {
                    m.place.province
                    for m in self.places
                    if m.place.province and not (0 <= at <= m.start and m.end <= at + len(title))
                }
                in_title = [
                    t
                    for t in in_title
                    if not named or t[0].level in ("national", "group", "province") or t[0].province in named
                ]
            if in_title:
                return in_title[0]
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
            if (
                None not in counts
                and len(counts) == 1
                and (top >= 2 or self.places[0].place.level != "province")
            ):
                return self._only_province(self.places)  # one province, or one county of it, named
        elif not self.refs and self._outlets:
            # nothing in the text says where, but a local outlet or dateline does ("兰州日报社记者")
            return self._only_province(self._outlets)
        return self._dateline_province() or (NATIONAL, "China")

    def _dateline_province(self) -> tuple[Place, str] | None:
        """ "XINING, April 8 (Xinhua) -- ... in the province": the dateline city's province, for an
        English report that speaks of "the province" and names no other province."""
        if self.lang == "zh" or not any(r.place is None and r.level == "province" for r in self.refs):
            return None
        city = dateline_place(self.text, self.gazetteer)
        if city is None or city.province is None:
            return None
        if any(m.place.province not in (None, city.province) for m in self.places):
            return None
        place = self.gazetteer.province_place(city.province)
        return (place, city.province) if place is not None else None

    def _only_province(self, mentions: list[PlaceMention]) -> tuple[Place, str]:
        """The one place named, or its province when several places of it are."""
        first = mentions[0]
        if len({m.place for m in mentions}) == 1 or first.place.province is None:
            return first.place, self.text[first.start : first.end]
        place = self.gazetteer.province_place(first.place.province) or first.place
        return place, place.name if self.lang == "zh" else first.place.province

    def _title_places(self, title: str) -> list[tuple[Place, str]]:
        """The places of the title, in order, with the names they are written under.

        Most pages repeat the title at the top of the text, where the places component
        has already found its places; only a title that is not in the text is matched
        again (with the text after it, for the context that disambiguates names).
        """
        at = self.text.find(title)
        if at >= 0:
            return [
                (m.place, self.text[m.start : m.end])
                for m in self.analysis.places
                if at <= m.start
                and m.end <= at + len(title)
                and not self._is_source(m)
                and not self._firms_from(m, self.text)
            ]
        found = self.analysis.title_places  # the places component read it with the text
        if found is None:
            found, _ = self.gazetteer.find_with_title(
                title, self.text, self.lang, bounds=self.analysis.word_bounds
            )
        combined = title + "\n" + self.text[:24]  # what _is_source looks at after a title place
        return [
            (m.place, title[m.start : m.end])
            for m in found
            if m.end <= len(title) and not self._is_source(m, combined) and not self._firms_from(m, combined)
        ]

    def _firms_from(self, mention: PlaceMention, title: str) -> bool:
        """ "Fujian companies build factories in Ningxia's Xiji": the place of the firms that came is
        not the story's, nor where goods go ("... finds buyers in Hong Kong"); English titles (the
        text's own places are weighed by ``_donors`` and ``_destinations``)."""
        if self.lang == "zh":
            return False
        before = title[max(0, mention.start - 80) : mention.start]
        return bool(_EN_FIRMS_AFTER.match(title, mention.end) or _EN_GOODS_TO.search(before))

    # -- queries -------------------------------------------------------------------------------

    def region_at(self, position: int) -> dict:
        """The ``region`` object (fact.schema.json) of a statistic written at ``position``."""
        place, written = self.place_at(position)
        return place.as_region(written)

    def personal_region_at(self, position: int) -> dict:
        """The region of a personal figure (one worker's wage) written at ``position``.

        Stories about one worker wander: where the worker used to work, where the investor
        comes from. When the wage's sentence names no place and the last place named is in
        another province than the article's, the wage belongs to the article's place ("They can
        make about 3,000 yuan a month" after "... migrant workers in Shanghai", in a story on Guizhou).
        """
        place, written = self.place_at(position)
        if (
            self.main[0].province
            and place.province != self.main[0].province
            and not self._names_place(position)
        ):
            place, written = self.main
        if place.province is None:  # one worker's wage is paid somewhere, never "in China"
            place, written = self._most_named_province() or (place, written)
        return place.as_region(written)

    def placed_nowhere(self, position: int) -> bool:
        """Whether nothing places ``position``: its sentence names no place and none was named
        before it, so only the article's main place (maybe China) stands for it."""
        s_start, _ = self.analysis.sentence_at(position)
        return not self._names_place(position) and self._context(s_start) is None

    def _most_named_province(self) -> tuple[Place, str] | None:
        """The province the article names most often (directly or through its places)."""
        counts = Counter(m.place.province for m in self.places if m.place.province)
        if not counts:
            return None
        province = counts.most_common(1)[0][0]
        place = self.gazetteer.province_place(province)
        return (place, place.name if self.lang == "zh" else province) if place else None

    def _names_place(self, position: int) -> bool:
        """Whether the sentence at ``position`` names a place (or points back at one) itself."""
        s_start, s_end = self.analysis.sentence_at(position)
        i = bisect_left(self.ref_starts, s_start)
        return i < len(self.refs) and self.refs[i].start < s_end

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
            return self._from_ref(self._specific(before))
        for ref in after:
            if ref.place is not None:
                return ref.place, self.text[ref.start : ref.end]
        paragraph = self.text.rfind("\n", 0, s_start) + 1
        if _CITED.match(self.text, s_start) and not (first and self.ref_starts[first - 1] >= paragraph):
            return self.main
        context = self._context(s_start)
        return context if context is not None else self.main

    def _specific(self, refs: list[_Ref]) -> _Ref:
        """The last ref, or the place it locates ("Enshi prefecture in Central China's Hubei province")."""
        ref = refs[-1]
        for prev in reversed(refs[:-1]):
            if prev.place is None or ref.place is None or not self._locates(prev.place, ref.place):
                break
            gap = self.text[prev.end : ref.start]
            if len(gap) > 60 or re.search(r"\d|[。；;]", gap):
                break
            ref = prev
        return ref

    def _locates(self, inner: Place, outer: Place) -> bool:
        """Whether ``outer`` is a division above ``inner`` (so "inner in outer" is about inner)."""
        if outer.province is None or inner.province != outer.province:
            return False
        if LEVELS.get(inner.level, 0) <= LEVELS.get(outer.level, 0):
            return False
        up = self.gazetteer.parent(inner)
        while up is not None:
            if up == outer or up.adcode == outer.adcode:
                return True
            up = self.gazetteer.parent(up)
        return outer.level == "province"

    def _context(self, position: int, level: str = "") -> tuple[Place, str] | None:
        """The last place named before ``position`` (back-references resolved).

        With the ``level`` of a back-reference, only places it can point at count: "该县" cannot
        point back at "全国", "三区三州" or a province named in passing ("lower than in Fujian").
        """
        i = bisect_left(self.ref_starts, position) - 1
        while i >= 0:
            ref = self.refs[i]
            if ref.end <= position and not ref.local and (not level or self._fits(ref, level)):
                return self._from_ref(ref)
            i -= 1
        return None

    def _fits(self, ref: _Ref, level: str) -> bool:
        """Whether a back-reference of ``level`` may point at ``ref`` (a place at or below it)."""
        place = ref.place
        if place is None or place.province is None:
            return False
        if (
            self.lang == "zh"
            and level == "county"
            and place.level == "province"
            and place.province in _AUTONOMOUS
        ):
            return True  # 全区 in Guangxi
        return LEVELS.get(place.level, 0) >= LEVELS.get(level, 0)

    def _from_ref(self, ref: _Ref) -> tuple[Place, str]:
        if ref.place is not None:
            return ref.place, self.text[ref.start : ref.end]
        return self._anaphor(ref)

    def _anaphor(self, ref: _Ref) -> tuple[Place, str]:
        """全省 / 该县 / "the province": the current place, taken at the level the word names."""
        found = self._context(ref.start, ref.level) or self._context(ref.start, "province")
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
