"""Numbers in English news text, normalised to :class:`~fupin.extract.mentions.Quantity`.

Machine-translated Chinese news writes numbers in many ways: "27,960",
"2.7342 million", "15.56 billion yuan", "433.2万", "98.83%", "98 percent", "half",
"two thirds", ranges ("1600 yuan to 3,500 yuan", "between 20 and 30", "1600-3500
yuan") and bounds ("more than", "nearly", "not less than", "or more"). The span of a
quantity is the numeric mention only (bound words and a trailing currency word stay
outside it, as in the gold evidence); years, dates, ages, ordinals, phone numbers
and numbers glued to letters ("COVID-19", "5G") are not quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fupin.extract.mentions import Bound, Quantity, Unit

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {
    "hundred million": 1e8,
    "ten thousand": 1e4,  # the machine-translation calque of 万 ("4.2 ten thousand people")
    "10,000": 1e4,  # the same written in figures ("500 10,000 yuan", "2.3 10,000 people")
    "trillion": 1e12,
    "billion": 1e9,
    "million": 1e6,
    "thousand": 1e3,
    "hundred": 1e2,
    "万亿": 1e12,
    "万": 1e4,
    "亿": 1e8,
    "千": 1e3,
}
_SCALE = (
    r"(?:\s*(?:hundred\s+million|ten\s+thousand|trillion|billion|million|thousand|hundred)\b"
    # 万 written as a figure after a figure, before its unit or noun: "500 10,000 yuan"
    # (not after a year: "In 2019 10,000 people")
    r"|(?<!19\d\d)(?<!20\d\d)\s10,000(?=\s+(?:yuan|RMB|people|persons|workers|labou?rers|households|jobs|posts|mu)\b)"
    r"|\s?(?:万亿|万|亿|千))"
)
_PERCENT = r"(?:\s?%|\s*(?:percent|per\s+cent)\b)"


def _one(p: str) -> str:
    """One number with its scale and percent sign, groups prefixed with ``p``."""
    return rf"(?P<{p}num>{_NUMBER})(?P<{p}scale>{_SCALE})?(?P<{p}pct>{_PERCENT})?"


# (a hyphen too: "a 20,000-yuan subsidy")
_CURRENCY = r"(?:\s*|-)(?:yuan|RMB|CNY|renminbi|元)\b|\s*元"
_CURRENCY_AT = re.compile(_CURRENCY, re.IGNORECASE)
_RANGE_SEP = r"\s*(?:-|–|—|~|～|to)\s*"
# "70 or 80 yuan": "or" is read as a range only before a number with its unit (see _approximate_or)
_OR_BEFORE_UNIT = r"\s+or\s+(?=\d[\d,.]*\s*(?:(?:yuan|RMB|percent|per\s+cent)\b|元|%))"

# Every pattern searched over a whole English text opens with a look-ahead for the characters
# its matches can start with (under the same case rule): an offset that holds none is passed
# at once, where the pattern itself was tried there, alternative by alternative (a digit first
# halves the search for numbers; a case-insensitive word list is not sped up by Python's re
# otherwise). The matches are the same.
_MENTION = re.compile(
    r"(?=\d)"
    + _one("a")
    + rf"(?:(?P<acur>{_CURRENCY})?(?P<sep>{_RANGE_SEP}|\s+and\s+|{_OR_BEFORE_UNIT})"
    + _one("b")
    + ")?"
    + rf"(?P<cur>{_CURRENCY})?",
    re.IGNORECASE,
)

_WORD_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "hundreds": 0,
}  # fmt: skip
_WORD_NUMBER = re.compile(
    r"\b(?P<w>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|a)\s+(?P<scale>hundred\s+million|billion|million|thousand|hundred)\b"
    r"(?!\s*(?:percent|per\s+cent|%|years?|days?|months?|meters|metres|kilometers|tons|mu)\b)",
    re.IGNORECASE,
)
_FRACTIONS = {
    "half": 50.0, "one half": 50.0, "one-half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
    "one-third": 100 / 3, "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0,
    "one quarter": 25.0, "one-quarter": 25.0, "three quarters": 75.0, "three-quarters": 75.0,
    "a fifth": 20.0, "one fifth": 20.0, "one-fifth": 20.0,
}  # fmt: skip
_HALF_A = re.compile(r"\bhalf\s+an?\s+(?P<scale>million|billion)\b", re.IGNORECASE)  # "half a million people"
_FRACTION = re.compile(
    r"(?=[ohatf])\b(?:one[- ]half|half(?!\s+an?\s+(?:million|billion)\b)|a third|one[- ]third|two[- ]thirds"
    r"|a quarter|one[- ]quarter|three[- ]quarters|a fifth|one[- ]fifth)\b"
    r"(?!\s+(?:a|an|of\s+the|of\s+this|of\s+last)\s+(?:year|month|day|hour|century)"
    r"|[- ](?:year|month|day|hour))",
    re.IGNORECASE,
)
_DOZEN = re.compile(r"\ba\s+dozen\b(?!\s+(?:or\s+so\s+)?(?:years|months|days))", re.IGNORECASE)

# Small counts written as words: "three workshops", "Eighty-nine households", "twenty-five villagers".
# "one" and "a" are left out (they are articles and pronouns far more often than counts).
_SMALL_UNITS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# (The look-ahead names the first letters of every match: the alternatives are not tried at the
# other offsets, which cost a twentieth of English extraction.)
_SMALL_WORD = re.compile(
    r"(?=[tfsen])\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?P<one>one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|(?P<small>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen))\b"
    # not a scale's multiplier ("two million"), a fraction ("two thirds"), an ordinal compound or
    # an age ("five-year-old", "twenty-year")
    r"(?!\s*(?:hundred|thousand|million|billion|thirds?|quarters?|fifths?)\b|-(?:year|month|day|odd|fold))",
    re.IGNORECASE,
)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those|its|their|his|her|our|my|your|of)\s+$", re.IGNORECASE)
_ONES = {"one": 1, **{k: v for k, v in _SMALL_UNITS.items() if v < 10}}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
_BOUND_BEFORE: list[tuple[Bound, re.Pattern[str]]] = [
    (
        "more_than",
        re.compile(
            r"(?=[moaeiunbgh])(?:more\s+than|over|above|exceed(?:ing|ed|s)?|in\s+excess\s+of|upwards\s+of"
            r"|at\s+least|no[t]?\s+(?:less|fewer|lower)\s+than|beyond|greater\s+than|higher\s+than)\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "less_than",
        re.compile(
            r"(?=[lfuban])(?:less\s+than|fewer\s+than|under|below|up\s+to|at\s+most"
            r"|no[t]?\s+(?:more|higher)\s+than|not\s+exceeding|lower\s+than)\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "about",
        re.compile(
            r"(?=[ancrse])(?:about|approximately|approx\.|around|nearly|almost|close\s+to|roughly|some"
            r"|an\s+estimated|estimated|circa|near|about\s+an?)\s*$",
            re.IGNORECASE,
        ),
    ),
]
_BOUND_AFTER: list[tuple[Bound, re.Pattern[str]]] = [
    # "2,300 more people" is the calque of 2300多人 ("2,300-odd"), the usual wording of machine translations
    (
        "more_than",
        re.compile(
            r"^\s*(?:\+|-?plus\b|-odd\b|or\s+more\b|and\s+(?:above|more)\b|or\s+above\b"
            r"|more\s+(?:people|persons|workers|labou?r\w*|households|villagers|individuals)\b(?!\s+than))",
            re.I,
        ),
    ),
    # "1,800 yuan more" (多元): after a sum of money a bare "more" is the calque's bound, not a comparison
    ("more_than", re.compile(r"^\s*more\b(?!\s+than)(?=\s*(?:[,.;:)]|$|\s+(?:a|per|each|every)\b))", re.I)),
    ("less_than", re.compile(r"^\s*(?:or\s+less\b|or\s+fewer\b|and\s+below\b|or\s+below\b)", re.I)),
    ("about", re.compile(r"^\s*(?:or\s+so\b|odd\b|-odd\b)", re.I)),
]
_YEAR_PREP = re.compile(
    r"(?:\b(?:in|since|from|during|until|till|through|before|after|year|early|late|mid|end\s+of|of\s+the\s+year"
    r"|copyright|©)|-|\b(?:19|20)\d\d\s*(?:to|and|–|-))\s*$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"^\s*-?\s*(?:years?|yrs?)[- ]+old\b|^\s*-year-old", re.IGNORECASE)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age\s+of|ages\s+of)\s+(?:(?:over|above|under|below|between|from|more\s+than|less\s+than"
    r"|at\s+least|up\s+to)\s+)?$",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\.?\s*$|\b(?:No|no|Number|Version|Vol|Room)\.?\s*$")
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)\b|^\s*{_MONTH}\b|^:\d|^\s*(?:a\.m\.|p\.m\.|am\b|pm\b)")
# (an opening quotation mark is skipped: "1,200 “poverty alleviation workshops” have been set up")
_COUNTER = re.compile(r"^\s*(?:yuan\s+|RMB\s+|%\s*)?[\"“‘']?((?:[A-Za-z][\w'’-]*[\"”’]?\s*){1,5})")
_COUNTER_STOP = re.compile(
    r"\b(?:that|which|who|whom|have|has|had|were|was|are|is|will|would|can|could|in|on|at|to|with|for|from"
    r"|by|of|and|or|as|per|each|every|a|an|the"
    # verbs that end a noun phrase: "helped 560,000 poor laborers find jobs"
    r"|find|found|finds|get|gets|got|go|goes|went|return|returned|returns|earn|earned|earns|work|worked"
    r"|make|made|do|did|live|lived|become|became|take|took|secure|secured|land|landed|obtain|obtained"
    # "the 32 workshops provide jobs for 1,500 villagers": the workshops are counted, not the jobs
    r"|provides?|provided|providing|employs?|employed|employing|hires?|hired|hiring|absorbs?|absorbed|absorbing"
    r"|creates?|created|creating|offers?|offered|offering|helps?|helped|helping|pays?|paid|paying"
    r"|attracts?|attracted|attracting|benefit(?:s|ed|ted|ing|ting)?|generates?|generated|generating"
    # adverbs after the noun: "the workshop's 60 workers all returned", "300 villagers now work"
    r"|all|now|also|still|currently|together|already|here|there"
    # another number starts another phrase: "two workshops hire twenty-five villagers"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen"
    r"|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundreds?|thousands?|millions?|billions?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Num:
    value: float
    percent: bool
    has_scale: bool


def find_quantities(text: str) -> list[Quantity]:
    """Every numeric mention of ``text`` that can be a statistic, in text order."""
    found: list[Quantity] = []
    pos = 0
    while (match := _MENTION.search(text, pos)) is not None:
        quantities = _from_match(text, match)
        pos = match.end()
        rejected_range = quantities is not None and not (quantities and quantities[0].bound == "range")
        if match.group("bnum") is not None and rejected_range:
            pos = match.start("bnum")  # a rejected range: its second number is read on its own
        found.extend(quantities or [])
    taken = [(q.start, q.end) for q in found]
    for quantity in _word_quantities(text):
        if not any(s < quantity.end and quantity.start < e for s, e in taken):
            found.append(quantity)
    found.sort(key=lambda q: (q.start, q.end))
    return found


def _parse(match: re.Match[str], prefix: str) -> _Num:
    raw = match.group(f"{prefix}num").replace(",", "")
    value = float(raw)
    scale = match.group(f"{prefix}scale")
    if scale:
        value *= _SCALES[re.sub(r"\s+", " ", scale.strip().lower())]
    return _Num(value, bool(match.group(f"{prefix}pct")), bool(scale))


def _from_match(text: str, match: re.Match[str]) -> list[Quantity] | None:
    """The quantity (or, for a rejected range, the first number alone) of one regex match.

    ``None`` when the whole match is no quantity (a date, a code); ``[]`` when only its first
    number was rejected (a year), so that a second number after it is still read.
    """
    start = match.start()
    if _glued(text, start, match.end("anum")) or _not_a_quantity(text, match):
        return None
    first = _parse(match, "a")
    if match.group("bnum") is not None:
        second = _parse(match, "b")
        if _valid_range(text, match, first, second):
            return [_range_quantity(text, match, first, second)]
        return _single(text, match, first, upto="a")
    return _single(text, match, first, upto=None)


def _single(text: str, match: re.Match[str], num: _Num, upto: str | None) -> list[Quantity]:
    """A quantity made of the first number only (``upto="a"``: the match was a rejected range)."""
    start = match.start()
    if upto == "a":
        end = (
            match.end("apct")
            if match.group("apct")
            else match.end("ascale")
            if match.group("ascale")
            else None
        )
        end = end or match.end("anum")
        currency = match.group("acur")
    else:
        end = _end_without_currency(match)
        currency = match.group("cur")
    if _is_year(text, start, end, num, currency):
        return []
    unit = _unit(text, start, num.percent, currency)
    after_at = end + (len(currency) if currency else 0)
    bound = _bound(text, start, after_at)
    return [Quantity(start, end, num.value, None, unit, bound, _counter(text, after_at))]


def _range_quantity(text: str, match: re.Match[str], first: _Num, second: _Num) -> Quantity:
    low, high = first.value, second.value
    if second.has_scale and not first.has_scale and low < high / _scale_of(match) * 10:
        low *= _scale_of(match)
    percent = first.percent or second.percent
    currency = match.group("cur") or match.group("acur")
    end = _end_without_currency(match)
    unit = _unit(text, match.start(), percent, currency)
    after_at = match.end()
    return Quantity(match.start(), end, low, high, unit, "range", _counter(text, after_at))


def _scale_of(match: re.Match[str]) -> float:
    scale = match.group("bscale")
    return _SCALES[re.sub(r"\s+", " ", scale.strip().lower())] if scale else 1.0


def _end_without_currency(match: re.Match[str]) -> int:
    return match.start("cur") if match.group("cur") else match.end()


def _valid_range(text: str, match: re.Match[str], first: _Num, second: _Num) -> bool:
    """Whether "A to B" / "A-B" / "A and B" really is one range of values."""
    sep = match.group("sep").strip().lower()
    before = text[max(0, match.start() - 40) : match.start()]
    if _glued(text, match.start("bnum"), match.end("bnum")) and not match.group("bpct"):
        return False
    if sep == "and":
        if not re.search(r"\bbetween\s*$", before, re.IGNORECASE):
            return False
    if sep == "or" and not _approximate_or(match, first, second):
        return False
    elif sep == "to" and re.search(
        r"\b(?:from|increas\w*|ris\w*|rose|grow\w*|grew|drop\w*|fell|fall\w*|decreas\w*|declin\w*|up|down)\b"
        r"[^,.;]{0,25}$",
        before,
        re.IGNORECASE,
    ):
        if not re.search(r"\bfrom\s*$", before, re.IGNORECASE) or re.search(
            r"\b(?:increas|ris|rose|grow|grew|drop|fell|fall|decreas|declin)\w*\b[^,.;]{0,25}$", before, re.I
        ):
            return False
    if first.percent and not second.percent:
        return False
    scale = _scale_of(match)
    low = first.value * (scale if second.has_scale and not first.has_scale else 1)
    if not 0 <= low < second.value:
        return False
    # "2019-2020" is a span of years, "13-14" after a month a span of days
    if _looks_like_year(match.group("anum")) and _looks_like_year(match.group("bnum")):
        return False
    # "from 4,856 yuan in 2012 to 10,415 yuan": a year, then the value the change reached
    if _looks_like_year(match.group("anum")) and not match.group("acur") and _YEAR_PREP.search(before):
        return False
    return not _DATE_BEFORE.search(before)


def _approximate_or(match: re.Match[str], first: _Num, second: _Num) -> bool:
    """ "70 or 80 yuan a day", "2,000 or 3,000 yuan": two neighbouring round sums of one unit are a
    range (Chinese 七八十元 put into English); "1 or 2 workshops", "300 or 3,000" are not."""
    if not (match.group("cur") or match.group("bpct")) or match.group("ascale") != match.group("bscale"):
        return False
    return 0 < first.value < second.value <= 2 * first.value and first.value >= 10


def _looks_like_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2100


def _glued(text: str, start: int, end: int) -> bool:
    """Digits stuck to letters ("COVID-19", "labors1", "5G", "125g") or part of a code or time."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    if (
        before[-1:].isalpha()
        or re.search(r"[A-Za-z][-_/]$", before)
        or before[-1:] in {".", "/", ":", "#", "$"}
    ):
        return True
    if after[:1] in {"/", ":"} and after[1:2].isdigit():
        return True
    if re.match(r"(?i:yuan)\b", text[end : end + 5]):
        return False  # "3000yuan": a lost space before the currency
    return bool(re.match(r"[A-Za-z]", after)) and not re.match(r"(?:st|nd|rd|th)\b", text[end : end + 3])


def _not_a_quantity(text: str, match: re.Match[str]) -> bool:
    """Dates, ordinals, ages, phone numbers, leading-zero codes."""
    start, raw = match.start(), match.group("anum")
    before = text[max(0, start - 30) : start]
    after = text[match.end("anum") : match.end("anum") + 20]
    digits = raw.replace(",", "").split(".")[0]
    if len(digits) > 1 and digits.startswith("0") and "," not in raw:
        return True
    if "," not in raw and "." not in raw and len(digits) >= 11:
        return True
    if re.match(r"^-\d{6,8}\b", after):  # 0931-8888888
        return True
    if _DATE_BEFORE.search(before) or _DATE_AFTER.search(after):
        return True
    return bool(_AGE_AFTER.search(text[match.end() : match.end() + 20]) or _AGE_BEFORE.search(before))


def _is_year(text: str, start: int, end: int, num: _Num, currency: str | None) -> bool:
    """A bare four-digit number in a year position ("in 2019", "2019,", "2019 Report")."""
    raw = text[start:end]
    if currency or num.percent or num.has_scale or not _looks_like_year(raw):
        return False
    before = text[max(0, start - 30) : start]
    if _YEAR_PREP.search(before):
        return True
    after = text[end : end + 30]
    word = re.match(r"\s+([A-Za-z][\w'-]*)", after)
    if word is None:
        return True
    return word.group(1)[0].isupper() or word.group(1).lower() in {
        "to",
        "and",
        "or",
        "year",
        "s",
        "is",
        "was",
    }


def _unit(text: str, start: int, percent: bool, currency: str | None) -> Unit | None:
    if percent:
        return "percent"
    if currency or re.search(r"(?:RMB|CNY|¥|￥)\s*$", text[max(0, start - 5) : start]):
        return "yuan"
    return None


def _bound(text: str, start: int, after_at: int) -> Bound:
    before = text[max(0, start - 30) : start]
    for bound, pattern in _BOUND_BEFORE:
        if pattern.search(before):
            return bound
    after = text[after_at : after_at + 20]
    for bound, pattern in _BOUND_AFTER:
        if pattern.search(after):
            return bound
    # a bound written after the counted noun: "5,000 people or more", "120 workshops or so"
    late = _BOUND_AFTER_NOUN.match(text, after_at, after_at + 60)
    if late:
        return "about" if late.group("so") else "more_than" if late.group("more") else "less_than"
    return "exact"


_BOUND_AFTER_NOUN = re.compile(
    r"\s*(?:[A-Za-z-]+\s+){1,4}?(?:(?P<more>or\s+more|and\s+(?:above|more)|or\s+above)|(?P<so>or\s+so)"
    r"|(?:or\s+(?:less|fewer)|and\s+below|or\s+below))\b",
    re.IGNORECASE,
)


_SOFT_WRAP = re.compile(r"[ \t]*\n[ \t]*(?=[a-z])")
_ADJECTIVAL_PARTICIPLE = re.compile(
    r"(?:returned|returning|employed|hired|registered)\s+(?=(?:migrant|rural|poor|home|villagers|workers|labou?rers)\b)",
    re.IGNORECASE,
)


def _counter(text: str, at: int) -> str | None:
    """The words right after the number up to a function word ("poverty alleviation workshops")."""
    window = re.sub(r"^-(?:odd|plus)\b", "", text[at : at + 80])  # "300-odd poor villagers"
    # a number that ends a line (a headline) counts nothing of the next, unless the line is hard-wrapped
    # mid-sentence ("had built 1,982\npoverty alleviation workshops": the next line goes on in lower case)
    window = _SOFT_WRAP.sub(" ", window).split("\n", 1)[0]
    match = _COUNTER.match(window)
    if not match:
        return None
    words = match.group(1)
    # "3,000 returned migrant workers": the verb's participle used as an adjective starts the noun
    lead = _ADJECTIVAL_PARTICIPLE.match(words)
    stop = _COUNTER_STOP.search(words, lead.end() if lead else 0)
    if stop:
        words = words[: stop.start()]
    words = words.strip(" -").replace('"', "").replace("”", "")
    return words.lower() or None


#: What a match of each word-number pattern must hold: where it is absent, that pattern is not run.
_SCALE_WORD = re.compile(r"(?=[hmbt])(?:hundred|million|billion|thousand)", re.IGNORECASE)
_FRACTION_WORD = re.compile(r"(?=[htqf])(?:half|third|quarter|fifth)", re.IGNORECASE)
_DOZEN_WORD = re.compile(r"dozen", re.IGNORECASE)
_SPACE = re.compile(r"\s")
_LONGEST_UNIT_WORD = max(len(w) for w in _WORD_UNITS)


def _word_numbers(text: str) -> Iterator[re.Match[str]]:
    """``_WORD_NUMBER.finditer(text)``, tried only just before the scale words.

    A match is a unit word, blanks and a scale word, so it can start only a unit word's
    length before the blanks before a scale word: those few positions are tried, in text
    order and without overlaps, as ``finditer`` would. The regex tried at every position
    of the text cost a twentieth of English extraction.
    """
    starts: set[int] = set()
    for scale in _SCALE_WORD.finditer(text):
        blank = scale.start()
        while blank > 0 and _SPACE.match(text, blank - 1):
            blank -= 1
        if blank < scale.start():
            starts.update(range(max(0, blank - _LONGEST_UNIT_WORD), blank))
    end = 0
    for start in sorted(starts):
        if start >= end:
            match = _WORD_NUMBER.match(text, start)
            if match:
                end = match.end()
                yield match


def _word_quantities(text: str) -> list[Quantity]:
    """Numbers written as words: "two million", "half", "two thirds", "a dozen"."""
    found: list[Quantity] = []
    for match in _HALF_A.finditer(text) if _FRACTION_WORD.search(text) else ():
        value = _SCALES[match.group("scale").lower()] / 2
        bound = _bound(text, match.start(), match.end())
        found.append(
            Quantity(match.start(), match.end(), value, None, None, bound, _counter(text, match.end()))
        )
    halves = [(q.start, q.end) for q in found]
    for match in _word_numbers(text):
        if any(s < match.end() and match.start() < e for s, e in halves):
            continue  # the "a million" of "half a million"
        value = (
            _WORD_UNITS[match.group("w").lower()] * _SCALES[re.sub(r"\s+", " ", match.group("scale").lower())]
        )
        currency = _CURRENCY_AT.match(text, match.end())  # at the position: no copy of the rest of the text
        after_at = currency.end() if currency else match.end()
        unit: Unit | None = "yuan" if currency else None
        bound = _bound(text, match.start(), after_at)
        found.append(Quantity(match.start(), match.end(), value, None, unit, bound, _counter(text, after_at)))
    for match in _FRACTION.finditer(text) if _FRACTION_WORD.search(text) else ():
        value = _FRACTIONS[re.sub(r"\s+", " ", match.group().lower())]
        bound = _bound(text, match.start(), match.end())
        found.append(Quantity(match.start(), match.end(), round(value, 2), None, "percent", bound, None))
    found.extend(_small_word_quantities(text, found))
    for match in _DOZEN.finditer(text) if _DOZEN_WORD.search(text) else ():
        bound = _bound(text, match.start(), match.end())
        found.append(
            Quantity(match.start(), match.end(), 12.0, None, None, bound, _counter(text, match.end()))
        )
    return found


def _small_word_quantities(text: str, taken: list[Quantity]) -> list[Quantity]:
    """ "three workshops", "twenty-five poor villagers": a small count written as a word counts
    only with the noun it counts right after it (so "two of them", "the two said" are no numbers)."""
    found: list[Quantity] = []
    for match in _SMALL_WORD.finditer(text):
        if any(q.start < match.end() and match.start() < q.end for q in taken):
            continue
        if _DEFINITE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "the two workshops", "her three children": ones already known, not a count
        if match.group("small"):
            value = _SMALL_UNITS[match.group("small").lower()]
        else:
            value = _TENS[match.group("tens").lower()] + _ONES.get((match.group("one") or "").lower(), 0)
        counter = _counter(text, match.end())
        if counter is None:
            continue
        bound = _bound(text, match.start(), match.end())
        found.append(Quantity(match.start(), match.end(), float(value), None, None, bound, counter))
    return found
