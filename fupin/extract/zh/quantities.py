"""Numbers in Chinese news text: Arabic and Chinese numerals, multipliers, bounds, ranges.

News writes the same statistic many ways ("2750.7万", "2750多万", "两万多", "近百",
"上千", "三四千", "3500元至5500元", "百分之九十八点六", "九成"). This module reads
them all into :class:`~fupin.extract.mentions.Quantity` objects whose span is exactly
the numeric mention (number, multiplier and the 余/多 that belong to it; not the
counted noun and not separate words such as 超过 or 左右, which only set the bound).

Dates, clock times, phone numbers, years, ordinals (第三) and numbers glued to Latin
letters (URLs, ids, "5G") are masked first, so they never become quantities.
Chinese numerals go through cn2an's "smart" mode.
"""

from __future__ import annotations

import re
from decimal import Decimal

import cn2an

from fupin.extract.mentions import Quantity

_CN_D = "零〇一二两三四五六七八九"
# thousands grouped by commas, or by a space as some typesetting does ("1 200多人")
_NUM_A = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
    r"|[0-9]{1,3}(?: [0-9]{3})+(?![0-9])(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?"
)
_CN_NUM = rf"[{_CN_D}十][{_CN_D}十百千万亿]*(?:点[{_CN_D}]+[万亿]?)?"
_MULT = r"(?:万亿|千万|百万|十万|万|亿|千|百)(?![克米瓦伏卡帕赫])"
_APPROX = r"(?:余|多)"
_SEP = r"\s*(?:-|~|—|–|－|至|到)\s*"
_RANGE_COUNTER = r"(?:元|人|个|家|名|户|处)"

_PATTERN = re.compile(
    "|".join(
        [
            rf"百分之(?P<pct_cn>{_CN_NUM})",
            r"(?P<cr1>[一两二三四五六七八])(?P<cr2>[二三四五六七八九])(?P<crp>十万|百万|千万|十|百|千|万|亿)",
            rf"(?P<r1>{_NUM_A})(?P<r1m>{_MULT})?(?P<r1c>{_RANGE_COUNTER})?{_SEP}(?P<r2>{_NUM_A})(?P<r2m>{_MULT})?"
            r"(?P<r2p>%)?",
            r"(?P<lexp>近|上|逾)(?P<lexw>百万|千万|百|千|万|亿)(?![0-9零〇一二两三四五六七八九十百千万亿])",
            rf"(?P<lexw2>百|千|万)(?P<lexs>{_APPROX})",
            # a bare hundred or thousand of yuan: "日均百元收入" (not "两百元", "好几千元")
            r"(?<![0-9零〇一二两三四五六七八九十百千万亿几数])(?P<lexw3>百|千)(?=\s*元)",
            rf"(?P<a>{_NUM_A})(?P<as1>{_APPROX})?(?P<am>{_MULT})?(?P<as2>{_APPROX})?(?P<apct>%)?",
            rf"(?P<c>{_CN_NUM})(?P<cs1>{_APPROX})?(?P<cm>万|亿)?(?P<cs2>{_APPROX})?(?P<cheng>成[{_CN_D}]?)?",
        ]
    )
)

_MULT_VALUE = {
    "百": 1e2,
    "千": 1e3,
    "万": 1e4,
    "十万": 1e5,
    "百万": 1e6,
    "千万": 1e7,
    "亿": 1e8,
    "万亿": 1e12,
}
_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# Spans that look numeric but are not quantities.
_Y = rf"(?:[0-9]{{4}}|[{_CN_D}]{{4}})"
_MD = r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
_MASKS = re.compile(
    "|".join(
        [
            rf"{_Y}\s*年(?:\s*{_MD}\s*月(?:\s*{_MD}\s*[日号])?)?",  # 2020年3月26日, 二〇二〇年
            rf"{_MD}\s*月\s*{_MD}\s*[日号]",  # 5月31日
            # 6月底 (but "每月1000元" keeps its 1000)
            rf"{_MD}\s*月(?:份|底|末|初|上旬|中旬|下旬|中)?(?!\s*[0-9])",
            r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}",  # 2020-04-22
            r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?",  # 09:48
            r"(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])",  # 010-84151598
            r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])",  # mobile numbers
            r"(?<![0-9])[0-9]{3,4}-[0-9]{3,4}-[0-9]{4}(?![0-9])",  # 400-800-1234
            # year spans (2008-2025), unless counted ("2000-2500元")
            r"(?:19|20)[0-9]{2}\s*[-—~至到]\s*(?:19|20)[0-9]{2}(?!\s*(?:[0-9]|元|万|亿|个|家|人|名|户|处))",
            r"[A-Za-z0-9_./:?=&#@+-]*[A-Za-z_][A-Za-z0-9_./:?=&#@+-]*",  # ids, URLs, 5G, COVID-19
            # long digit runs are ids, not counts, unless a counter follows ("9999999999个")
            r"(?<![0-9.,])[0-9]{9,}(?![0-9])(?!\s*(?:个|家|人|名|元|处|户))",
            rf"第[0-9{_CN_D}十百千万]+",  # ordinals
            rf"[{_CN_D}十]+(?=\s*(?:是|批|次性|些|起|体|直|样|切|致|般|律|旦|方面|则|来|届|线|级|季度|产业|把手))",
        ]
    )
)

_COUNTERS = sorted(
    (
        "万人次 人次 万人 百分点 个百分点 个月 个小时 个工作日 多月 个 家 处 名 位 户 人 元 块钱 块 "
        "座 间 所 项 批 次 倍 岗 亩 天 年 月 岁 周岁 辆 台 件 吨 只 套 条 份 种 场 期 斤 公斤 "
        "平方米 平米 米 公里 小时 分钟 分 村 个村 县 乡 镇 省 市 双 对 张 元/人 元/月 元/天"
    ).split(),
    key=len,
    reverse=True,
)
_VAGUE = {"几", "数", "若", "好"}
_PEOPLE = {"人", "名", "位", "户", "人次", "万人", "万人次"}
_THINGS = {"个", "家", "处", "座", "间", "所", "项", "岗", "村", "个村"}

_PREFIX_BOUNDS = (
    ("不超过", "less_than"),
    ("不少于", "more_than"),
    ("不低于", "more_than"),
    ("超过", "more_than"),
    ("多于", "more_than"),
    ("高于", "more_than"),
    ("至少", "more_than"),
    ("突破", "more_than"),
    ("逾", "more_than"),
    ("超", "more_than"),
    ("大约", "about"),
    ("将近", "about"),
    ("接近", "about"),
    ("近", "about"),
    ("约", "about"),
    ("不到", "less_than"),
    ("不足", "less_than"),
    ("少于", "less_than"),
    ("低于", "less_than"),
    ("未满", "less_than"),
)
_SUFFIX_BOUNDS = (
    ("以上", "more_than"),
    ("左右", "about"),
    ("上下", "about"),
    ("以下", "less_than"),
    ("以内", "less_than"),
    ("之内", "less_than"),
)


def _mask(text: str) -> str:
    """``text`` with non-quantity numerals blanked out (same length)."""
    return _MASKS.sub(lambda match: "\x00" * (match.end() - match.start()), text)


def _scaled(number: str, mult: str | None) -> float:
    """An Arabic number times its multiplier, in decimal ("4.35亿" is 435000000, not 434999999.99)."""
    value = Decimal(number.replace(",", "").replace(" ", ""))
    if mult:
        value *= Decimal(int(_MULT_VALUE[mult]))
    return float(value)


def _chinese(number: str) -> float | None:
    """Value of a Chinese numeral ("一千九百八十二", "两万", "九十八点六"), or None."""
    if len(number) == 1 and number in _CN_DIGIT:
        return float(_CN_DIGIT[number])
    try:
        value = cn2an.cn2an(number, "smart")
    except Exception:  # cn2an raises its own ValueError subclasses and others on odd input
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


_COUNTER_RE = re.compile("|".join(map(re.escape, _COUNTERS)))


def _counter_at(text: str, pos: int) -> tuple[str | None, int]:
    """The measure word or noun right after ``pos`` and where it ends."""
    i = pos
    while i < len(text) and text[i] == " ":
        i += 1
    m = _COUNTER_RE.match(text, i)  # alternatives in _COUNTERS order: the first that fits wins
    return (m.group(), m.end()) if m else (None, pos)


# A cap before an amount, with the verb that may stand between: "最高10万元", "每人最多补贴5000元",
# "奖补上限为3000元", "最高可获得5万元" - the amount is a ceiling.
_CAP_BEFORE = re.compile(
    r"(?:最高|最多|上限|封顶)(?:为|是|可|能|可以|将|可达|达到|达|到|给予|获得|领取|补贴|补助|奖补|奖励|发放)*\s*$"
)


def _prefix_bound(text: str, start: int) -> str | None:
    head = text[max(0, start - 4) : start].rstrip().removesuffix("了")  # "超过了95%"
    for word, bound in _PREFIX_BOUNDS:
        if head.endswith(word):
            return bound
    if _CAP_BEFORE.search(text[max(0, start - 12) : start]):
        return "less_than"
    return None


def _suffix_bound(text: str, pos: int) -> str | None:
    tail = text[pos : pos + 3].lstrip()
    for word, bound in _SUFFIX_BOUNDS:
        if tail.startswith(word):
            return bound
    return None


def _unit_for(counter: str | None, percent: bool) -> str | None:
    if percent or (counter and counter.endswith("百分点")):
        return "percent"
    if counter and (counter.startswith("元") or counter.startswith("块")):
        return "yuan"
    if counter in _PEOPLE or counter in _THINGS:
        return "count"
    return None


def _read(m: re.Match[str]) -> tuple[float, float | None, str, bool, bool] | None:
    """(value, value_max, bound, percent, is_chinese_single_digit) of one match, or None to skip."""
    g = m.groupdict()
    if g["pct_cn"]:
        value = _chinese(g["pct_cn"])
        return None if value is None else (value, None, "exact", True, False)
    if g["cr1"]:
        if _CN_DIGIT[g["cr2"]] != _CN_DIGIT[g["cr1"]] + 1:
            return None
        scale = 10.0 if g["crp"] == "十" else _MULT_VALUE[g["crp"]]
        return _CN_DIGIT[g["cr1"]] * scale, _CN_DIGIT[g["cr2"]] * scale, "range", False, False
    if g["r1"]:
        low, high = _scaled(g["r1"], g["r1m"] or g["r2m"]), _scaled(g["r2"], g["r2m"])
        if not high > low:
            return None
        return low, high, "range", bool(g["r2p"]), False
    if g["lexw"]:
        bound = "about" if g["lexp"] == "近" else "more_than"
        return _MULT_VALUE[g["lexw"]], None, bound, False, False
    if g["lexw2"]:
        return _MULT_VALUE[g["lexw2"]], None, "more_than", False, False
    if g["lexw3"]:
        return _MULT_VALUE[g["lexw3"]], None, "exact", False, False
    if g["a"]:
        value = _scaled(g["a"], g["am"])
        bound = "more_than" if g["as1"] or g["as2"] else "exact"
        return value, None, bound, bool(g["apct"]), False
    number = g["c"]
    single = len(number) == 1
    value = _chinese(number)
    if value is None:
        return None
    if g["cm"]:
        value *= _MULT_VALUE[g["cm"]]
    bound = "more_than" if g["cs1"] or g["cs2"] else "exact"
    if g["cheng"]:
        tenth = g["cheng"][1:]
        value = value * 10 + (_CN_DIGIT[tenth] if tenth else 0)
        return value, None, bound, True, False
    return value, None, bound, False, single and not g["cm"] and not (g["cs1"] or g["cs2"])


def find_quantities(text: str) -> list[Quantity]:
    """All quantities of ``text`` (normalised Chinese text), in text order."""
    work = _mask(text)
    found: list[Quantity] = []
    for m in _PATTERN.finditer(work):
        read = _read(m)
        if read is None:
            continue
        value, value_max, bound, percent, single_digit = read
        end = m.end()
        counter, after = (None, end) if percent else _counter_at(text, end)
        if m.group("c") and (text[m.start() - 1 : m.start()] in _VAGUE or text[end : end + 1] in _VAGUE):
            continue  # 几十, 数百, 十几: no number is stated
        if single_digit and (m.group() in ("一", "零", "〇") or counter is None):
            continue  # a lone 一/两 is an article or part of a word ("两不误"), not a statistic
        if bound != "range":
            bound = _suffix_bound(text, after) or _prefix_bound(text, m.start()) or bound
            if m.group("lexw") and bound != "about":
                bound = "about" if m.group("lexp") == "近" else "more_than"
        found.append(
            Quantity(
                start=m.start(),
                end=end,
                value=value,
                value_max=value_max,
                unit=_unit_for(counter, percent),
                bound=bound,
                counter=counter,
            )
        )
    return found
