"""Time expressions in Chinese news, resolved against the publication date.

A statistic's ``as_of`` comes from phrases such as "截至5月31日", "截至5月底",
"6月底", "今年以来", "上半年", "去年", "2019年底", "二〇二〇年三月二十六日". Deictic
words that name no point in time ("目前", "近年来", "日前") are returned too, with
``as_of=None``: they tell the fact rules that the sentence has a time, just not one
that can be written as a date.

When the article has no publication date, the reference year is read from the text
(the latest year it writes; one more when that year is only cited as finished,
"截至2019年底"; at least 2020 when the text speaks of the COVID-19 epidemic).
"""

from __future__ import annotations

import calendar
import re

from fupin.extract.mentions import DateMention

_CN_D = "〇零一二两三四五六七八九"
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_Y = rf"(?P<y>[0-9]{{4}}|[{_CN_D}]{{4}})\s*年"
_M = r"(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
_D = r"(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]"
_REL_YEAR = r"(?P<ry>今年|去年|前年|明年|当年|同年|上年)"
_PART = (
    r"(?P<part>上半年|下半年|前三季度|一季度|第一季度|二季度|第二季度|三季度|第三季度"
    r"|四季度|第四季度|全年|年底|年末|年初)"
)
_MPART = r"(?P<mpart>份|底|末|初|上旬|中旬|下旬)?"
_CUTOFF = r"(?:(?P<cut>截至|截止到|截止至|截止|到|至)\s*)?"

# Every part of the pattern is optional, so it would match the empty string at every
# offset; this look-ahead lets the regex engine skip, in C, the offsets where no time
# expression can start (the first characters of every alternative below).
_CAN_START = rf"(?=[0-9{_CN_D}十截止到至目当现如日近连眼记发春今去前明同上下全年第底末初以])"

_PATTERN = re.compile(
    rf"{_CAN_START}{_CUTOFF}(?:(?P<none>目前|当前|现在|如今|日前|近日|近期|近年来|近年|至今|连日来|眼下|现阶段|(?:记者)?发稿时?)"
    r"|(?P<fest>春节(?:以来|后|过后|期间|前后))"
    rf"|(?:(?:{_Y}|{_REL_YEAR})\s*)?(?:{_M}\s*(?:{_D}|{_MPART})(?P<since>以来)?|{_PART}|(?P<ypart>底|末|初)|以来)?)"
    r"|(?P<iso>(?:19|20)[0-9]{2})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})(?![0-9])"
)
_YEAR_WORD = re.compile(rf"(?<![0-9])((?:19|20)[0-9]{{2}})\s*年(底|末|全年)?|([{_CN_D}]{{4}})\s*年")
_COVID = re.compile(r"新冠|新型冠状病毒|疫情防控|复工复产")


def _number(text: str) -> int | None:
    """1-4 digit Arabic or Chinese numerals (月/日 values and 二〇二〇-style years)."""
    if text.isdigit():
        return int(text)
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _DIGITS.get(head, 0) if head else 1
        ones = _DIGITS.get(tail, 0) if tail else 0
        return tens * 10 + ones
    return None


# A year that is a goal or the end of a plan period, not one the text looks back on: "力争到2020年",
# "确保2020年全面建成小康", "2020年前", "2016-2020年" ("到2019年底" is a past cut-off and counts).
_TARGET_BEFORE = re.compile(r"(?:力争|争取|确保|计划|预计|目标|规划|到|至|[0-9]{4}\s*年?\s*[-—~至到])\s*$")
_TARGET_AFTER = re.compile(r"\s*(?:前|以前|之前)")


def _is_target(text: str, m: re.Match[str]) -> bool:
    """Whether the year of ``m`` (a _YEAR_WORD match) is a goal's year or a plan period's end."""
    if m.group(2) in ("底", "末"):
        return False
    before = text[max(0, m.start() - 8) : m.start()]
    return bool(_TARGET_BEFORE.search(before) or _TARGET_AFTER.match(text, m.end()))


def reference_year(text: str, published: str | None) -> int | None:
    """The year "今年" refers to: the publication year, else one read from the text."""
    if published and published[:4].isdigit():
        return int(published[:4])
    best: int | None = None
    for m in _YEAR_WORD.finditer(text):
        year = int(m.group(1)) if m.group(1) else _number(m.group(3))
        if year is None or not 1949 <= year <= 2100:
            continue
        if _is_target(text, m):
            continue  # "力争到2020年实现脱贫": a goal's year, not the year the article is written in
        if m.group(2):  # "2019年底": a finished year, written from the next one
            year += 1
        best = year if best is None else max(best, year)
    if _COVID.search(text):
        best = max(best or 2020, 2020)
    return best


def _published_month(published: str | None) -> int | None:
    if published and len(published) >= 7 and published[5:7].isdigit():
        return int(published[5:7])
    return None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year_of(g: dict[str, str | None], ref: int | None) -> int | None:
    if g.get("y"):
        return _number(g["y"])
    shift = {"今年": 0, "当年": 0, "同年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
    if g.get("ry"):
        return None if ref is None else ref + shift[g["ry"]]
    return ref


def _part_date(part: str, year: int) -> tuple[str | None, str]:
    """Dates for 上半年, 一季度, 年底 and the like."""
    ends = {"上半年": 6, "一季度": 3, "第一季度": 3, "二季度": 6, "第二季度": 6, "三季度": 9, "第三季度": 9}
    ends |= {"前三季度": 9, "四季度": 12, "第四季度": 12, "下半年": 12, "年底": 12, "年末": 12}
    if part in ends:
        month = ends[part]
        return _iso(year, month, calendar.monthrange(year, month)[1]), "day"
    return _iso(year), "year"


def _resolve(
    g: dict[str, str | None], ref: int | None, pub_month: int | None
) -> tuple[str | None, str | None]:
    """(as_of, precision) of one match."""
    if g.get("none"):
        return None, None
    if g.get("fest"):
        return (None, None) if ref is None else (_iso(ref), "year")
    if g.get("iso"):
        return _iso(int(g["iso"]), int(g["im"]), int(g["id"])), "day"
    month = _number(g["m"]) if g.get("m") else None
    explicit_year = bool(g.get("y") or g.get("ry"))
    year = _year_of(g, ref)
    if year is None:
        return None, None
    if month is not None:
        if (
            not explicit_year
            and pub_month is not None
            and month > pub_month + 1
            and pub_month + 12 - month <= 4
        ):
            year -= 1  # "12月底" in a January article is last December; "11月" in August is ahead
        if g.get("since"):
            return _iso(year), "year"  # "2月份以来": cumulative within that year
        if g.get("d"):
            return _iso(year, month, _number(g["d"])), "day"
        if g.get("mpart") in ("底", "末") and 1 <= month <= 12:
            return _iso(year, month, calendar.monthrange(year, month)[1]), "day"
        return _iso(year, month), "month"
    if g.get("part"):
        return _part_date(g["part"], year)
    if g.get("ypart") in ("底", "末") and explicit_year:
        return _iso(year, 12, 31), "day"
    return _iso(year), "year"


_KEY_GROUPS = ("none", "iso", "y", "ry", "m", "part", "fest")


#: How far back (characters) a written year can be what "当年" / "同年" ("that year") refers to.
_THAT_YEAR_REACH = 300


def _that_year(g: dict[str, str | None], written: tuple[int, int] | None, pos: int) -> int | None:
    """The year "当年" / "同年" refers to: the one written last shortly before it ("该小区于2019年
    建起社区工厂...当年9月,工厂正式投入运营" is September 2019), else None (the reference year)."""
    if g.get("ry") not in ("当年", "同年") or written is None:
        return None
    year, at = written
    return year if pos - at <= _THAT_YEAR_REACH else None


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Time expressions of ``text`` in order; ``as_of`` is None for deictic ones (目前)."""
    ref = reference_year(text, published)
    pub_month = _published_month(published)
    found: list[DateMention] = []
    written: tuple[int, int] | None = None  # the last year written out, and where
    for m in _PATTERN.finditer(text):
        if not any(m.group(*_KEY_GROUPS)):
            continue  # an empty or bare match ("以来" alone): no time stated
        g = m.groupdict()
        start = m.start("cut") if g.get("cut") else m.start()
        that_year = _that_year(g, written, start)
        if that_year is not None:
            g = {**g, "ry": None, "y": str(that_year)}
        elif g.get("y") and (year := _number(g["y"] or "")) is not None:
            written = (year, m.end())
        as_of, precision = _resolve(g, ref, pub_month)
        precision = precision if as_of else None
        found.append(DateMention(start=start, end=m.end(), as_of=as_of, precision=precision))  # type: ignore[arg-type]
    return _with_first_months(text, found, ref)


_FIRST_MONTHS = re.compile(
    rf"(?:{_Y}|{_REL_YEAR})?\s*(?<![提之以])前\s*(?P<n>[0-9]{{1,2}}|[一二三四五六七八九十两]{{1,3}})\s*个\s*月"
)


def _with_first_months(text: str, found: list[DateMention], ref: int | None) -> list[DateMention]:
    """ "今年前5个月" is a period that ends with May: month precision, in place of the bare year
    that the main pattern reads in it."""
    spans = []
    for m in _FIRST_MONTHS.finditer(text):
        year, month = _year_of(m.groupdict(), ref), _number(m.group("n").replace("两", "二"))
        as_of = _iso(year, month) if year is not None and month is not None else None
        if as_of is not None:
            spans.append(DateMention(start=m.start(), end=m.end(), as_of=as_of, precision="month"))
    if not spans:
        return found
    kept = [d for d in found if not any(d.start < s.end and s.start < d.end for s in spans)]
    return sorted(kept + spans, key=lambda d: d.start)
