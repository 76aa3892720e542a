"""Time expressions in English news text, resolved against the publication date.

Statistics in poverty-alleviation news are dated by phrases such as "as of May 31,
this year", "by the end of June", "at the end of October", "since the beginning of
this year", "in the first half of the year", "last year" or "in 2019". Each becomes
a :class:`~fupin.extract.mentions.DateMention` with an ISO date at its precision
(the end of a month is its last day; "early March" is the month; "this year" the
year). Deictic or span phrases ("at present", "recently", "in the past two years")
are kept with ``as_of=None`` so that the fact rules know the sentence names its time
but gives no point date. Relative phrases need the publication date; without it
they resolve to ``None``.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from fupin.extract.mentions import DateMention, Precision

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# ", this year" / " of last year" / ", 2020" after a month or day
_REL = r"(?P<rel>(?i:this|last|next|the\s+same|the\s+previous))"
_YEAR_TAIL = rf"(?:,?\s*(?i:of\s+)?{_REL}\s+(?i:year)\b|,?\s*{_YEAR}\b)?"
_PREP = r"(?:\b(?i:in|on|of|since|by|until|till|through|before|after|during|from|as\s+of|to|between|and)\s+)"


@dataclass(frozen=True, slots=True)
class _Ref:
    """The publication date, as far as it is known."""

    year: int | None
    month: int | None
    day: int | None


def _ref(published: str | None) -> _Ref:
    match = re.match(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", published or "")
    if not match:
        return _Ref(None, None, None)
    year, month, day = (int(g) if g else None for g in match.groups())
    return _Ref(year, month, day)


def _year_of(match: re.Match[str], ref: _Ref, month: int | None = None) -> int | None:
    """The year a month/day phrase belongs to: written, relative, or the publication year.

    A month later than the publication month (by more than one) without a year is taken
    to be last year's ("as of December 31" in a January article).
    """
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    rel = (groups.get("rel") or "").lower()
    if ref.year is None:
        return None
    if rel == "last" or rel.startswith("the previous"):
        return ref.year - 1
    if rel == "next":
        return ref.year + 1
    if not rel and month is not None and ref.month is not None and month > ref.month + 1:
        return ref.year - 1
    return ref.year


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    day = min(day, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_num(match: re.Match[str]) -> int:
    return _MONTHS[match.group("month").lower().rstrip(".")]


Resolver = Callable[[re.Match[str], _Ref], tuple[str | None, Precision | None]]


def _full_date(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    month = _month_num(match)
    return _iso(_year_of(match, ref, month), month, int(match.group("day"))), "day"


def _iso_date(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    month, day = int(match.group("m")), int(match.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None, None
    return _iso(int(match.group("year")), month, day), "day"


def _month_end(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    month = _month_num(match)
    year = _year_of(match, ref, month)
    return _iso(year, month, 31), "day"


def _month_only(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    month = _month_num(match)
    return _iso(_year_of(match, ref, month), month), "month"


def _last_named_month(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    """ "By last April": the latest April before the publication month (2020-04 in February 2021)."""
    month = _month_num(match)
    if ref.year is None or month is None:
        return None, None
    year = ref.year if ref.month is not None and month < ref.month else ref.year - 1
    return _iso(year, month), "month"


def _relative_year(offset: int) -> Resolver:
    def resolve(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
        if ref.year is None:
            return None, None
        return _iso(ref.year + offset), "year"

    return resolve


def _year_end(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    groups = match.groupdict()
    if groups.get("year"):
        return _iso(int(groups["year"]), 12, 31), "day"
    if ref.year is None:
        return None, None
    offset = -1 if (groups.get("rel") or "").lower() in {"last", "the previous"} else 0
    return _iso(ref.year + offset, 12, 31), "day"


def _part_of_year(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    """ "the first half of the year" -> June; "the first quarter" -> March; "first three quarters" -> Sep."""
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else ref.year
    if year is None:
        return None, None
    if (groups.get("rel") or "").lower() == "last":
        year -= 1
    part = match.group("part").lower()
    ends = {
        "first half": 6, "second half": 12, "first quarter": 3, "second quarter": 6, "third quarter": 9,
        "fourth quarter": 12, "first three quarters": 9, "first two quarters": 6,
    }  # fmt: skip
    return _iso(year, ends[re.sub(r"\s+", " ", part)]), "month"


_ORDINAL_COUNT = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11,
}  # fmt: skip


def _first_months(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    """ "in the first five months" (of this year) -> May: the statistic is cumulative to its end."""
    raw = match.group("n").lower()
    months = int(raw) if raw.isdigit() else _ORDINAL_COUNT[raw]
    if not 1 <= months <= 12:
        return None, None
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else ref.year
    if year is not None and (groups.get("rel") or "").lower() == "last":
        year -= 1
    return _iso(year, months), "month"


def _since_month(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    """ "since March": a running total up to publication, dated by its year."""
    return _iso(_year_of(match, ref, _month_num(match))), "year"


def _month_span(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    """ "from January to May" / "January-May": the statistic is as of the last month."""
    month = _MONTHS[match.group("month2").lower().rstrip(".")]
    return _iso(_year_of(match, ref, month), month), "month"


def _explicit_year(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    if re.match(r"(?i:since)\b", match.group()) and (ref.year is None or int(match.group("year")) < ref.year):
        return None, None  # "built 90 workshops since 2016": a running total, not a figure of 2016
    return _iso(int(match.group("year"))), "year"


def _year_span(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    return _iso(int(match.group("year2"))), "year"


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    """ "by Tuesday" in a news report: the last Tuesday on or before the publication day."""
    if ref.year is None or ref.month is None or ref.day is None:
        return None, None
    published = datetime.date(ref.year, ref.month, ref.day)
    back = (published.weekday() - _WEEKDAYS.index(match.group("wd").lower())) % 7
    day = published - datetime.timedelta(days=back)
    return day.isoformat(), "day"


def _no_point(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    return None, None


def _this_month(offset: int) -> Resolver:
    def resolve(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
        if ref.year is None or ref.month is None:
            return None, None
        month, year = ref.month + offset, ref.year
        if month < 1:
            month, year = month + 12, year - 1
        return _iso(year, month), "month"

    return resolve


def _day_of_month(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    """ "as of the 5th": that day of the publication month, or of the month before when it is later
    than the publication day."""
    if ref.year is None or ref.month is None:
        return None, None
    day, year, month = int(match.group("day")), ref.year, ref.month
    if ref.day is not None and day > ref.day and "month" not in match.group().lower():
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if day > calendar.monthrange(year, month)[1]:
        return None, None
    return _iso(year, month, day), "day"


def _last_month_end(match: re.Match[str], ref: _Ref) -> tuple[str | None, Precision | None]:
    """ "by the end of the last month": the last day of the month before publication."""
    if ref.year is None or ref.month is None:
        return None, None
    year, month = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
    return _iso(year, month, calendar.monthrange(year, month)[1]), "day"


_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_PART = (
    r"(?P<part>first\s+half|second\s+half|first\s+(?:three|two)\s+quarters"
    r"|(?:first|second|third|fourth)\s+quarter)"
)
_RULES: list[tuple[re.Pattern[str], Resolver]] = [
    # first: where it overlaps a month rule, "since March" is a running total, not a month
    (re.compile(rf"\b(?i:since)\s+(?:(?i:early|late|mid-?|the\s+(?:beginning|start|middle|end)\s+of)\s*)?"
                rf"{_MONTH}(?!\w)(?:\s+{_DAY}\b)?{_YEAR_TAIL}"),
     _since_month),
    (re.compile(rf"\b{_YEAR}[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})\b"), _iso_date),
    (re.compile(rf"\b(?i:(?:the\s+)?end\s+of)\s+{_MONTH}(?!\w){_YEAR_TAIL}"), _month_end),
    (re.compile(r"\b(?:the\s+)?end\s+of\s+(?:the\s+)?(?:last|previous|past)\s+month\b", re.I),
     _last_month_end),
    (re.compile(rf"\b(?:the\s+)?(?:end|close)\s+of\s+(?:(?P<rel>this|last|the\s+previous)\s+year|{_YEAR})\b",
                re.I),
     _year_end),
    (re.compile(r"\b(?:the\s+)?(?:end|close)\s+of\s+the\s+year\b", re.I), _year_end),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR_TAIL}"), _full_date),
    (re.compile(rf"\b{_DAY}\s+{_MONTH}(?!\w)(?:,?\s*{_YEAR}\b)?"), _full_date),
    (re.compile(rf"\b(?:(?i:from)\s+)?{_MONTH}(?!\w)\s*(?:-|–|to|through)\s*{_MONTH2}(?!\w){_YEAR_TAIL}"),
     _month_span),
    (re.compile(rf"\b(?i:(?:the\s+)?(?:beginning|start|middle)\s+of|early|late|mid-?|end-)\s*{_MONTH}(?!\w){_YEAR_TAIL}"),
     _month_only),
    (re.compile(rf"\b(?i:last|this\s+past)\s+{_MONTH}(?!\w)(?!,?\s+\d)"), _last_named_month),
    (re.compile(rf"{_PREP}{_MONTH}(?!\w){_YEAR_TAIL}"), _month_only),
    (re.compile(rf"\b{_MONTH}(?!\w)\s+{_YEAR}\b"), _month_only),
    (re.compile(rf"\b{_MONTH}(?!\w),?\s+(?:of\s+)?(?P<rel>this|last)\s+year\b"), _month_only),
    (re.compile(rf"\b(?:in\s+)?the\s+{_PART}\s+of\s+(?:(?P<rel>this|last)\s+year|the\s+year|{_YEAR})\b",
                re.I),
     _part_of_year),
    (re.compile(rf"\b(?:in\s+)?the\s+{_PART}\b(?!\s+of)", re.I), _part_of_year),
    (re.compile(rf"\b(?:in\s+)?the\s+first\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}})"
                rf"\s+months\b(?:\s+of\s+(?:(?P<rel>this|last)\s+year|the\s+year|{_YEAR}))?", re.I),
     _first_months),
    (re.compile(r"\b(?:since\s+)?the\s+(?:beginning|start)\s+of\s+(?:this|the)\s+year\b", re.I),
     _relative_year(0)),
    (re.compile(r"\bthis\s+year\b(?!\s*'s\s+target)", re.I), _relative_year(0)),
    (re.compile(r"\b(?:last|the\s+previous|the\s+past)\s+year\b(?!\s*-)", re.I), _relative_year(-1)),
    (re.compile(r"\bnext\s+year\b", re.I), _relative_year(1)),
    (re.compile(r"\bthis\s+month\b", re.I), _this_month(0)),
    (re.compile(r"\blast\s+month\b", re.I), _this_month(-1)),
    (re.compile(rf"\b(?:from\s+)?{_YEAR}\s*(?:-|–|to)\s*(?P<year2>(?:19|20)\d\d)\b"), _year_span),
    (re.compile(rf"(?:{_PREP}|\b(?:year|years)\s+|\()?\b{_YEAR}(?!\d|[,.]\d)(?!\s*(?:yuan|people|workers|%))"),
     _explicit_year),
    # "As of the 5th", "by the 20th of this month" (截至5日 put into English): a day of the publication month
    (re.compile(r"\b(?:as\s+of|by|until|till|up\s+to|on)\s+the\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
                # (a day said alone ends its phrase: not "on the 2nd floor", "by the 3rd batch")
                r"(?:\s+of\s+(?:this|the)\s+month\b|(?=\s*[,.;:)]))", re.I),
     _day_of_month),
    # "had resumed production by Tuesday", "as of Monday": the last such day up to publication
    (re.compile(r"\b(?:as\s+of|by|until|till|up\s+to)\s+(?:last\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday"
                r"|Saturday|Sunday)\b", re.I),
     _weekday),
    (re.compile(
        r"\b(?:(?:in|over|during|for)\s+)?(?:the\s+)?(?:past|last|recent|previous)\s+(?:\w+\s+)?(?:years?|months?|days?|weeks?)\b"
        r"|\bin\s+recent\s+(?:years|days|months|weeks)\b|\b(?:at\s+present|currently|presently|recently|nowadays"
        r"|at\s+the\s+moment|so\s+far|to\s+date|up\s+to\s+now|until\s+now|these\s+days|a\s+few\s+days\s+ago"
        r"|not\s+long\s+ago|today|now)\b",
        re.I), _no_point),
]  # fmt: skip

# The characters each rule's match can start with, under the rule's own case rule: the rules
# run as ``(?=FIRST)(?:RULE)``, which passes at once over an offset that holds none of them
# (the rule itself was tried there, alternative by alternative: half of the date rules' time).
# Month names and "year" are case-sensitive where the rule is; (?i:...) where it is not.
_PREP_FIRST = "(?i:[iosbutadf])"  # in on of since by until till through before after during from as to ...
_MONTH_FIRST = "[JFMASOND]"
_RULE_FIRST = (
    "(?i:s)", "[12]", "(?i:[te])", "[te]", "[tec]", "[tec]", _MONTH_FIRST, "[0-9]",
    f"(?i:f)|{_MONTH_FIRST}", "(?i:[tbsmeld])", "(?i:[lt])", _PREP_FIRST, _MONTH_FIRST, _MONTH_FIRST,
    "[it]", "[it]", "[it]", "[st]", "t", "[lt]", "n", "t", "l", "[f12]", f"[y(12]|{_PREP_FIRST}",
    "(?i:[abtuo])", "(?i:[abtu])", "[iodftplracnsu]",
)  # fmt: skip
_FAST_RULES = [
    (re.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags), resolve)
    for first, (pattern, resolve) in zip(_RULE_FIRST, _RULES, strict=True)
]


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every time expression of ``text``, longest first where they overlap, in text order."""
    ref = _ref(published)
    candidates: list[tuple[int, int, int, str | None, Precision | None]] = []
    windows = _Windows(text)
    future = _FutureSentences(text, ref)
    for priority, ((pattern, resolve), anchor) in enumerate(zip(_FAST_RULES, _RULE_ANCHORS, strict=True)):
        for w_start, w_end in windows.near(anchor):
            for match in pattern.finditer(text, w_start, w_end):
                if _skip(text, match):
                    continue
                as_of, precision = resolve(match, future.ref(match))
                start, end = _trim(text, match)
                candidates.append((start, end, priority, as_of, precision))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, int, str | None, Precision | None]] = []
    taken = _Taken()
    for cand in candidates:
        if not taken.overlaps(cand[0], cand[1]):
            taken.add(cand[0], cand[1])
            chosen.append(cand)
    chosen.sort()
    return [
        DateMention(s, e, as_of, precision if as_of else None)
        for s, e, _, as_of, precision in chosen
        if not _dateline(text, s, e)
    ]


# Each rule's match holds its anchor: a month name, a year, or one of a few words.
# The rules run only near their anchors (``_Windows``), found in the lower-cased text, except
# the month names: every month rule reads the month's own capitalised word, so they are found
# as written, followed by no letter (not "market", "decline", "doctor" or the verb "may").
# "year" alone, followed by no letter, anchors the rules that read the word "year" and no
# digits. Tighter anchors cut the stretches the rules read (a month's from a sixth of an
# English text to a tenth); anchors that need a look-behind were left loose, as such a
# search costs more than the text it saves.
_ANCHORS = {
    "month": re.compile(
        r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])"
    ),
    "year": re.compile(r"(?:19|20)\d\d"),
    "year word": re.compile(r"year|(?:19|20)\d\d"),
    "year alone": re.compile(r"year(?![a-z])"),
    "month word": re.compile(r"month"),
    "part": re.compile(r"half|quarter"),
    "weekday": re.compile(r"day\b"),
    "ordinal": re.compile(r"\d(?:st|nd|rd|th)\b"),
    "span": re.compile(r"year|month|day|week|recent|present|current|moment|far|date|now|ago"),
}
#: Anchors found in the text as written (the others in its lower case).
_CASED_ANCHORS = frozenset({"month"})
_RULE_ANCHORS = (
    ["month", "year", "month", "month word", "year word", "year alone"]
    + ["month"] * 8
    + ["part", "part", "month word"]
    + ["year alone"] * 4
    + ["month word", "month word", "year", "year", "ordinal", "weekday", "span"]
)
#: How far a time expression reaches from its anchor, on either side ("since the beginning
#: of September 30th, of the previous year" reaches 36 characters after "Sep").
_REACH = 64


class _Windows:
    """The stretches of a text within reach of each kind of anchor, merged, ending at a blank.

    Twenty-five regexes each scanning a whole article cost more than all other English
    rules together, and most of a news text is nowhere near a month name or a year. Each
    rule runs from the start of a stretch (look-behinds still see the text before it) to
    a blank after its last anchor, so it finds what it finds in the whole text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        self.cache: dict[str, list[tuple[int, int]]] = {}

    def near(self, anchor: str) -> list[tuple[int, int]]:
        if len(self.lower) != len(self.text):  # a character whose lower case is longer
            return [(0, len(self.text))]
        if anchor not in self.cache:
            self.cache[anchor] = self._spans(_ANCHORS[anchor], anchor in _CASED_ANCHORS)
        return self.cache[anchor]

    def _spans(self, pattern: re.Pattern[str], cased: bool) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for m in pattern.finditer(self.text if cased else self.lower):
            end = _word_after(self.text, m.end() + _REACH)
            # _word_before(text, p) <= p: a stretch whose reach starts inside the last one joins it
            # whatever its exact start (finding that start was a fifth of the date rules' time)
            reach = m.start() - _REACH
            if spans and reach <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
                continue
            start = _word_before(self.text, reach)
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans


# A stretch reaches past its reach to whole words: after it to the end of the next word
# (what a look-ahead peeks at, over any run of blanks), before it back over four more words
# (the optional "over the past" before a long word), so that a long word or a long run
# of blanks does not cut an expression short.
_WORD_AND_BLANKS_AFTER = re.compile(r"\S*\s*\S*")


def _word_after(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    return _WORD_AND_BLANKS_AFTER.match(text, position).end()  # type: ignore[union-attr]


def _word_before(text: str, position: int) -> int:
    if position <= 0:
        return 0
    low = max(0, position - 200)
    # the start of the fifth run of non-blanks from the end of text[low:position]: split off the
    # last four from the right (str.split's blanks are \s), the fifth ends what is left
    parts = text[low:position].rsplit(None, 4)
    if len(parts) < 5:
        return low
    rest = parts[0]
    return low + len(rest) - len(rest.rsplit(None, 1)[-1])


# "BEIJING, June 18 (Xinhua) --", "People's Network Nanning, July 15 (Reporter ...)", "June 18 --":
# the day the report was filed, never the date of a statistic
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,4},[ \t]*)?$")
_DATELINE_AFTER = re.compile(r"^(?:,?\s*(?:19|20)\d\d)?[ \t]*(?:\([^()\n]{1,60}\)|--|—|–)")


class _Taken:
    """The spans chosen so far, which never overlap one another, kept sorted.

    Sorted by start, spans that do not overlap are sorted by end too, so whether a new span
    overlaps one of them is one bisection (``all(...)`` over the chosen spans made a long text
    quadratic: 3.1 million comparisons for a 1M-character one).
    """

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """``not all(end <= a or b <= start for a, b in spans)``."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._spans, (start, end))
        self._spans.insert(i, (start, end))
        self._starts.insert(i, start)


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at ``[start, end)`` opens a line as the dateline of a news report."""
    if not re.search(r"\d", text[start:end]):
        return False
    return bool(_DATELINE_BEFORE.search(text[max(0, start - 60) : start])) and bool(
        _DATELINE_AFTER.match(text[end : end + 80])
    )


_FUTURE = re.compile(
    r"\b(?:will|plans?|planned|planning|strive|striving|aims?|target|expected|scheduled)\b", re.I
)


def _future_ref(text: str, match: re.Match[str], ref: _Ref) -> _Ref:
    """In a sentence about plans ("will build 500 workshops by the end of September") a later
    month is this year's, not last year's: the reference month is then taken as December."""
    if ref.year is None or ref.month is None:
        return ref
    s0, s1 = _plan_sentence(text, match)
    if _FUTURE.search(text[s0:s1]):
        return _Ref(ref.year, 12, ref.day)
    return ref


class _FutureSentences:
    """:func:`_future_ref` for the matches of one text, each sentence searched for plan words once.

    The rules find several expressions in one sentence (and overlapping ones, rule after rule);
    searching the sentence again for each of them cost as much as the search for the dates.
    """

    def __init__(self, text: str, ref: _Ref) -> None:
        self.text, self.base = text, ref
        self.planned = _Ref(ref.year, 12, ref.day)
        self.verdicts: dict[tuple[int, int], bool] = {}

    def ref(self, match: re.Match[str]) -> _Ref:
        if self.base.year is None or self.base.month is None:
            return self.base
        bounds = _plan_sentence(self.text, match)
        future = self.verdicts.get(bounds)
        if future is None:
            future = self.verdicts[bounds] = bool(_FUTURE.search(self.text, *bounds))
        return self.planned if future else self.base


def _plan_sentence(text: str, match: re.Match[str]) -> tuple[int, int]:
    """Where the sentence of ``match`` starts and ends, as :func:`_future_ref` reads it."""
    s0 = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    s1 = min(x for x in (text.find(". ", match.end()), text.find("\n", match.end()), len(text)) if x >= 0)
    return s0, s1


_YEAR_ON_YEAR_OR_OLD = re.compile(r"\s*-?\s*on\s*-?\s*year|-old|\s+old\b")
# (a function word after the year starts no counted noun: "56 workshops in 2019 but only 3 in 2016")
_WORD_AFTER_YEAR = re.compile(
    r"\s+(?!(?:to|and|or|but|while|when|whereas|compared|respectively|as|with|after|before|in|on|at|for|from"
    r"|since|the|a|an|its|their|this|that|which|was|were|is|are|had|has|have)\b|year)[a-z]"
)


def _skip(text: str, match: re.Match[str]) -> bool:
    """Not a time: "year-on-year", "May" the verb, a month name inside a longer word."""
    after = text[match.end() : match.end() + 12].lower()
    if _YEAR_ON_YEAR_OR_OLD.match(after):
        return True
    groups = match.groupdict()
    year_after = text[match.end("year") : match.end("year") + 12] if groups.get("year") else ""
    if year_after and match.end("year") == match.end() and _WORD_AFTER_YEAR.match(year_after):
        return True  # "1982 poverty alleviation workshops" is a count, not a year
    month = groups.get("month")
    if month and month.lower() in {"may", "march"} and match.group().strip() == month:
        return True
    return False


def _trim(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The span without a leading preposition or parenthesis, and without trailing blanks."""
    start, end = match.start(), match.end()
    lead = re.match(
        r"(?:\(|(?:in|on|of|since|by|until|till|through|before|after|during|from|as\s+of|to|between|and"
        r"|year|years)\s+)",
        text[start:end],
        re.I,
    )
    if lead and re.search(r"\d|[A-Z]", text[start + lead.end() : end]):
        start += lead.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
