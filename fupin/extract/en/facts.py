"""English fact rules: which metric a number states, with its scope, period, region and date.

A number is classified by the words of its clause: the noun it counts ("968 poverty
alleviation workshops", "40081 migrant workers", "150 jobs"), the verb that governs
it ("absorbing", "resumed work", "decided to build"), the rate or share it is
("return rate of 98.6%", "107.45% of ... last year") and, for money, whether it is a
wage, a subsidy or a fund. Bare numbers borrow their noun from the number before
them in the sentence ("Of the 968 workshops, 966 have resumed work") or from "the
number of X ... reached N". Numbers that fit no rule (ages, tons, fellow travellers,
output values, growth rates) are not facts.

``as_of`` is the date nearest before the number in its sentence, else a date after
it in the same clause that is not a comparison ("... of last year"), else the date
that opens an earlier sentence of the paragraph ("As of May 31, this year, ...");
never the publication date (the caller decides about that fallback).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from fupin.extract.analysis import Analysis
from fupin.extract.en import cues
from fupin.extract.mentions import DateMention, FactDraft, Quantity

NATIONAL = {"name": "China", "province": None, "level": "national", "adcode": None}


class RegionSource(Protocol):
    """What the rules need from region resolution (``fupin.extract.regions.RegionResolver``)."""

    def region_at(self, position: int) -> dict: ...


@dataclass(slots=True)
class _Ctx:
    """The words around one number."""

    q: Quantity
    sentence: tuple[int, int]
    before: str  # its clause, up to the number
    after: str  # its clause, after the number
    left: str  # the sentence up to the number
    right: str  # the sentence after the number
    noun: str  # the counted noun ("poverty alleviation workshops"), "" if none
    kind: str | None  # workshop / enterprise / people / jobs / None
    prev_sentence: str
    paragraph: str  # the paragraph before the sentence (bounded), for what it is about
    is_total: bool = False  # the M of "N of the M workshops": the whole, not what N did
    restated: bool = False  # "all 18 had resumed": the 18 counted before, now said to have resumed
    owner: str | None = None  # workshop/enterprise of an earlier number of the sentence (for scope)
    shutdown_story: bool = False  # the article spoke of the epidemic or of resuming before the number


@dataclass(slots=True)
class _Claim:
    metric: str
    scope: str | None = None
    period: str | None = None


def find_facts(analysis: Analysis, regions: RegionSource | None = None) -> list[FactDraft]:
    """The facts of an English article, in text order, repeats removed."""
    text = analysis.text
    resolver = _LazyRegions(analysis, regions)
    drafts: list[FactDraft] = []
    kinds: list[tuple[Quantity, str | None, list[_Claim]]] = []
    sentences = _Sentences(analysis)
    quantities = analysis.quantities
    in_names = analysis.quantities_in_place_names()
    marked = _marked_same_below(analysis)
    for i, q in enumerate(quantities):
        if q.start in in_names:
            kinds.append((q, None, []))  # the 37 of "the 37 poverty-stricken counties" names a group
            continue
        sentence = sentences.at(q.start)
        neighbours = (
            quantities[i - 1] if i else None,
            quantities[i + 1] if i + 1 < len(quantities) else None,
        )
        ctx = _context(analysis, q, sentence, kinds, sentences.before(sentence[0]), neighbours)
        claims = _classify(ctx, kinds)
        kinds.append((q, ctx.kind, claims))
        if not claims:
            continue
        # "96 percent of those who worked away from home last year": the year after a share of last
        # year's total is the baseline's, not the figure's
        baseline_after = all(c.metric == "poor_migrant_workers_share_of_last_year" for c in claims)
        as_of = _as_of(analysis, q, sentence, marked, dates_after=not baseline_after)
        regions_of = resolver.get()
        personal = getattr(regions_of, "personal_region_at", None)  # optional: one worker's wage
        if personal is not None and all(c.metric == "income" for c in claims):
            region = personal(q.start)
        else:
            region = regions_of.region_at(q.start)
        for claim in claims:
            quantity = _with_unit(q, claim.metric)
            drafts.append(
                FactDraft(
                    metric=claim.metric,
                    quantity=quantity,
                    region=region,
                    as_of=as_of,
                    as_of_source="text" if as_of else None,
                    sentence_start=sentence[0],
                    sentence_end=sentence[1],
                    scope=claim.scope,
                    period=claim.period,
                )
            )
    return _dedupe(
        text, _date_headlines(analysis, _headline_metrics(analysis, drafts)), _headline_end(analysis)
    )


# how far (in characters) the rules look around a number: run-on "sentences" of scraped pages
# must not make the work quadratic
_WINDOW = 400


class _Sentences:
    """Sentence look-ups by position in O(log n) (articles can hold thousands of numbers)."""

    def __init__(self, analysis: Analysis) -> None:
        self.text = analysis.text
        self.spans = sorted(analysis.sentences)
        self.starts = [s for s, _ in self.spans]

    def at(self, position: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, position) - 1
        if i >= 0 and self.spans[i][0] <= position < self.spans[i][1]:
            return self.spans[i]
        return (0, len(self.text)) if not self.spans else _gap(self.text, position)

    def before(self, start: int) -> str:
        """The text of the sentence that ends before ``start``, "" if none."""
        i = bisect.bisect_left(self.starts, start) - 1
        while i >= 0 and self.spans[i][1] > start:
            i -= 1
        return self.text[self.spans[i][0] : self.spans[i][1]] if i >= 0 else ""


def _gap(text: str, position: int) -> tuple[int, int]:
    """A position outside every sentence (blank text around it): the line that holds it."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


class _LazyRegions:
    """The article's region resolver, built when the first fact needs a region.

    Building it reads the whole text (its places, boilerplate lines, quotations, back-references):
    8% of English extraction, spent for nothing on an article whose numbers state no fact.
    """

    def __init__(self, analysis: Analysis, given: RegionSource | None) -> None:
        self.analysis, self.given = analysis, given
        self.resolver: RegionSource | None = None

    def get(self) -> RegionSource:
        if self.resolver is None:
            self.resolver = self.given or _default_regions(self.analysis)
        return self.resolver


def _default_regions(analysis: Analysis) -> RegionSource:
    try:
        from fupin.extract.regions import RegionResolver
    except ImportError:  # the gazetteer is not there yet: everything is national
        return _National()
    return RegionResolver(analysis)


class _National:
    def region_at(self, position: int) -> dict:
        return dict(NATIONAL)


# --- context -------------------------------------------------------------------------------


def _clause_bounds(text: str, start: int, end: int, s0: int, s1: int) -> tuple[int, int]:
    """The clause around ``[start, end)`` inside the sentence ``[s0, s1)``."""
    s0, s1 = max(s0, start - _WINDOW), min(s1, end + _WINDOW)
    c0 = s0
    for match in cues.CLAUSE_BREAK.finditer(text, s0, start):
        c0 = match.end()
    match = cues.CLAUSE_BREAK.search(text, end, s1)
    c1 = match.start() if match else s1
    return c0, c1


def _kind_of(noun: str) -> str | None:
    """The class of the rightmost class word of the counted noun; households are not people
    ("driving 120,000 poor households": metrics.md counts people only where the text does)."""
    if _HOUSEHOLDS.match(noun) or _TIMES.search(noun):
        return None  # "trained 100,000 people-times" (人次) counts attendances, not people
    if _PROJECTS_HEAD.search(noun):
        return None  # "9 workshop projects": projects are not workshops (metrics.md, settled cases)
    best: tuple[int, str] | None = None
    for kind, pattern in (
        ("workshop", cues.WORKSHOP),
        ("enterprise", cues.ENTERPRISE),
        ("people", cues.PEOPLE),
        ("jobs", cues.JOBS),
    ):
        for match in pattern.finditer(noun):
            if best is None or match.start() > best[0]:
                best = (match.start(), kind)
    return best[1] if best else None


_HOUSEHOLDS = re.compile(
    # ("villagers from poor households": people, the households only where they come from)
    r"^(?:(?!(?:from|of|in)\b)[\w'-]+\s+){0,3}?(?:households?|famil(?:y|ies)|homes)\b(?!\s+(?:members|workers|labou?r))",
    re.IGNORECASE,
)
_PROJECTS_HEAD = re.compile(
    r"\b(?:workshops?|factor(?:y|ies)|enterprises?)\s+(?:construction\s+)?(?:projects?|programmes?|programs?)\b",
    re.IGNORECASE,
)
_TIMES = re.compile(r"\b(?:people|person|man)[- ]times\b", re.IGNORECASE)
_STOCK_VERB = (
    r"\s+(?:has\s+|have\s+|had\s+)?(?:reached|was|is|were|are|exceeded|numbered|stood\s+at|totall?ed|hit"
    r"|amounted\s+to|came\s+to"
    # headlines are in the present tense: "poor laborers working away from home top 29 million"
    r"|tops?|topped|exceeds?|hits|reach(?:es)?|surpass(?:es|ed)?"
    # "with the number of workshops reaching 6,500"
    r"|reaching|hitting|topping|exceeding|totall?ing|standing\s+at|numbering|amounting\s+to"
    r"|(?:(?:rose|risen|increased|grew|grown|climbed|expanded|jumped)"
    # "increased from 300 in 2016 to 1,200": the value it reached ("from 12.27 million in 2015 to": a
    # number's decimal point or thousands comma does not end the phrase); "increased from 300 in 2016":
    # the value it started from, a figure of its own year (see _dated_baseline)
    r"(?:(?:\s+from\s+(?:[^,;.]|[.,]\d){1,40}?)?\s+to|\s+from)))\s+(?:\w+\s+){0,3}$"
)
_WITH_THE_NUMBER = re.compile(
    r"(?:\b(?:with|and)\s+(?:the|their|its)\s+(?:total\s+)?number\s+(?:now\s+)?|^\s*)(?:reaching|hitting|topping"
    r"|exceeding|totall?ing|numbering|standing\s+at|rising\s+to|increasing\s+to|growing\s+to|having\s+reached"
    r"|reached|hit)\s+(?:(?:about|around|nearly|over|more\s+than|some|almost)\s+)?$"
    # "Workshops, which now number 32,688 across the country, ..."
    r"|^\s*(?:which|that)\s+(?:now\s+|currently\s+)?(?:number|numbers|numbered|total|totals|totall?ed)\s+"
    r"(?:(?:about|around|nearly|over|more\s+than|some|almost)\s+)?$",
    re.IGNORECASE,
)
_PLACE_OF_NP = re.compile(
    r"\s+(?:in|at|across|within|throughout|under|of)\s+(?=(?:the|its|their|this|these|those|a|an)\b|[A-Z])"
)
_LABEL = re.compile(
    r"^[ \t]*(?:(?:the\s+)?(?:total\s+)?number\s+of\s+)?(?P<np>[A-Za-z][\w'’ -]{2,60}?)[ \t]*[:：][ \t]*"
    r"(?:(?:about|around|nearly|over|more\s+than|some|almost)\s+)?$",
    re.IGNORECASE | re.MULTILINE,
)
_IN_ALL_AFTER = re.compile(r"\s+in\s+(?:all|total)\s*(?:[,;)]|$)", re.IGNORECASE)
_CLASS_WORDS = re.compile(
    r"\b(?:poverty[- ](?:alleviation|relief|reduction)\s+)?(?:workshops|factories|enterprises|companies"
    r"|(?:migrant\s+)?workers|labou?rers|employees|jobs|posts|positions)\b",
    re.IGNORECASE,
)
# "increasing the number of poor migrant workers to 32.23 million", "raised the total number of X to N"
_RAISED_NUMBER_OF = re.compile(
    r"\b(?:increas\w*|rais\w*|boost\w*|push\w*|lift\w*|expand\w*|brought|bring\w*)\s+(?:the|their|its)\s+"
    r"(?:total\s+)?number\s+of\s+(?P<np>.{1,120}?)\s+to\s+(?:(?:about|around|nearly|over|more\s+than|some)\s+)?$",
    re.IGNORECASE,
)
# "the number of poor people who returned to work reached 1.098 million"
_NUMBER_OF = re.compile(rf"\b(?:the\s+)?(?:total\s+)?number\s+of\s+(?P<np>.{{1,120}}?){_STOCK_VERB}", re.I)
# "migrant workers from poor households numbered 2.3 million" (the subject is the whole clause)
_SUBJECT = re.compile(rf"^(?P<np>[^,;]{{3,120}}?){_STOCK_VERB}", re.I)
_VERB_AFTER_BARE = re.compile(
    r"^\s+(?:of\s+(?:them|which|these|whom)\s+)?(?:have|has|had|were|are|was|is|will)\b", re.IGNORECASE
)
_OF_WHICH_AFTER = re.compile(r"^\s+(?:of|among)\s+(?:them|which|whom|these)\b", re.IGNORECASE)


def _context(
    analysis: Analysis,
    q: Quantity,
    sentence: tuple[int, int],
    previous: list[tuple[Quantity, str | None, list[_Claim]]],
    prev: str,
    neighbours: tuple[Quantity | None, Quantity | None],
) -> _Ctx:
    text = analysis.text
    s0, s1 = sentence
    c0, c1 = _clause_bounds(text, q.start, q.end, s0, s1)
    c1 = _past_aside(text, q, c1, s0, s1)
    before, after = text[c0 : q.start], text[q.end : c1]
    after_end = c1
    noun = q.counter or ""
    if noun and cues.CLASSIFIER.match(noun):  # "workshop 1123 seat": a calqued measure word
        noun = ""
    kind = _kind_of(noun) if noun else None
    noun, kind = _noun_before(q, before, noun, kind)
    if kind is None:
        window = text[max(s0, q.start - 200) : q.start]
        subject = (
            _NUMBER_OF.search(window) or _RAISED_NUMBER_OF.search(window) or _SUBJECT.search(before.lstrip())
        )
        if subject:
            # "the number of workers in the workshop": the head is before its place
            noun = _PLACE_OF_NP.split(subject.group("np"), maxsplit=1)[0]
            kind = _kind_of(noun)
        if kind is None and not noun:
            # a label before a colon: "Number of poverty alleviation workshops: 1,200", "Workers employed: N"
            label = _LABEL.search(text, max(s0, q.start - 80), q.start)
            if label is not None:
                noun = label.group("np")
                kind = _kind_of(noun)
        if kind is None and (
            _WITH_THE_NUMBER.search(before) or (not before.strip() and _IN_ALL_AFTER.match(after))
        ):  # "... with the number reaching 6,500", "The workshops, 85 in all, employ ..."
            # "Workshops have mushroomed in Anhui, with the number reaching 6,500": the number of what
            # the sentence is about (its last counted noun before)
            head = _CLASS_WORDS.findall(text[max(s0, q.start - 200) : q.start])
            if head:
                noun = head[-1]
                kind = _kind_of(noun)
    left_q, right_q = neighbours
    part_of = right_q if right_q and q.end < right_q.start <= c1 and _part_of(text, q, right_q) else None
    if part_of is not None:  # "1,342 of the 1,400 workshops had resumed": N counts M's noun, M's verb
        noun = part_of.counter or ""
        kind = _kind_of(noun)
        after_end = _clause_bounds(text, part_of.start, part_of.end, s0, s1)[1]
        after = text[part_of.end : after_end]
    left_kind = previous[-1][1] if previous and left_q is not None and previous[-1][0] is left_q else None
    resumed_tail = _resumed_tail(text, left_q, q, left_kind) if left_q else None
    if resumed_tail is not None and not noun:  # "287 enterprises have resumed work 273"
        noun, kind = left_q.counter or f"{left_kind}s", left_kind
        after = resumed_tail + " " + after
    units_resumed = _UNITS_RESUMED_BEFORE.search(before) if not noun and q.unit is None else None
    if units_resumed is not None:  # "the county's workshops have resumed work 33": the count after its verb
        noun = units_resumed.group("np")
        kind = _kind_of(noun)
        after = units_resumed.group("verb") + " " + after
    restated = False
    if kind is None and not noun and cues.ALL.search(before):
        # "The county has 18 leading enterprises. ... By July, all 18 had resumed."
        for prev_q, prev_kind, _ in reversed(previous):
            if prev_q.start < s0 - 3 * _WINDOW:
                break
            if prev_kind is not None and prev_q.value == q.value and prev_q.unit is None:
                kind, noun, restated = prev_kind, prev_q.counter or f"{prev_kind}s", True
                break
    if kind is None and not noun and q.unit is None:
        aside = _OF_WHOM_ASIDE.match(text, q.end, s1)
        if aside is not None:  # "11 of whom, like Zhao, come from poor households": the aside left out
            rest = _clause_bounds(text, aside.end(), aside.end(), s0, s1)[1]
            after = aside.group(1) + " " + text[aside.end() : rest]
        # "including 20 from impoverished households", "all 27 of the factory's employees": a bare count
        # whose people are named after it
        named = _PEOPLE_FROM.match(after) or _PEOPLE_OF.match(after)
        if named is not None:
            noun, kind = named.group("np"), "people"
    if kind is None and not noun and q.unit is None:
        gapped = _gapped(analysis, q, before, previous, s0)
        if gapped is not None:  # "Gansu had 1,982 workshops; Ningxia had 500": the noun left out
            noun, kind = gapped
    opener = _ANAPHORIC_OPENER.match(text, s0, q.start)  # "Among them, 4,500 are registered poor."
    if (
        kind is None
        and not noun
        and (
            cues.INCLUDE.search(before)
            or _VERB_AFTER_BARE.match(after)
            or _OF_WHICH_AFTER.match(after)
            or opener
        )
    ):
        # "of them" may point back to the sentence before ("By then, 3,050 of them had reopened")
        # ("The city of Longnan has 300 of them": none counted before it in its own sentence either)
        back = opener or (
            _OF_WHICH_AFTER.match(after)
            and (not before.strip() or not any(p[0].start >= s0 and p[1] is not None for p in previous[-3:]))
        )
        floor = s0 - len(prev) - 2 if back else s0
        for prev_q, prev_kind, _ in reversed(previous):
            if prev_q.start >= floor and prev_kind is not None:
                kind, noun = prev_kind, prev_q.counter or ""
                break
    held = _JOBS_HELD_BY.match(after) if kind == "jobs" and not (q.counter or "").strip() else None
    if held is not None:  # "created 1,200 jobs, 400 of which went to poor villagers": people employed
        noun, kind = held.group("np"), "people"
    if kind is None and _HOUSEHOLDS.match(noun) and cues.INCLUDE.search(before):
        # "8,600 people ..., including 3,200 registered poor households": people, as MT writes 贫困户
        kind = "people"
    if (
        kind is None
        and not noun
        and q.unit is None
        and _EMPLOY_BARE.search(before)
        and not cues.PER_EVERY.search(before[-30:])
        and not re.search(r"\b(?:each|every|per)\s+(?:\w+\s+)?$", before)
    ):
        noun, kind = "people", "people"  # "the workshops employ 1,500 in the county", "have hired 3,000, ..."
    if kind is None and not noun and q.unit is None and _WORKFORCE_OF.search(before):
        noun, kind = "workers", "people"  # "has a workforce of 300, including 120 ..."
    if kind is None and q.unit is None and _PEOPLE_PREDICATE.match(after):
        kind = "people"  # "500 were trained, and 200 found jobs": a bare count of people who were hired
    if kind in ("people", "workshop", "enterprise") and not _VERB.search(after):
        after = _predicate(text, after, after_end, s1)
    is_total = left_q is not None and (_part_of(text, left_q, q) or _share_of(text, left_q, q))
    is_total = is_total or (right_q is not None and _resumed_tail(text, q, right_q, kind) is not None)
    left, right = text[max(s0, q.start - _WINDOW) : q.start], text[q.end : min(s1, q.end + _WINDOW)]
    owner = _owner(previous, s0)
    p0 = max(text.rfind("\n", 0, s0) + 1, s0 - 2 * _WINDOW)
    paragraph = text[p0:s0]
    # read only where it matters: the whole text up to the sentence's end
    shutdown = bool(cues.UP_AND_RUNNING.search(right)) and bool(cues.SHUTDOWN_STORY.search(text, 0, s1))
    return _Ctx(
        q,
        sentence,
        before,
        after,
        left,
        right,
        noun,
        kind,
        prev[-_WINDOW:],
        paragraph,
        is_total,
        restated,
        owner,
        shutdown,
    )


# "11 of whom, like Zhao, come from ...": an aside between the part and what it says
_OF_WHOM_ASIDE = re.compile(
    r"(\s+of\s+(?:whom|them))\s*,\s*(?:just\s+)?(?:like|as\s+with|such\s+as|including)\s+[^,;.\d]{1,40},\s*",
    re.IGNORECASE,
)
# machine-translated order, the units and their verb before the count: "the county's poverty alleviation
# workshops have resumed work 33, with a resumption rate of 91.7%"
_UNITS_RESUMED_BEFORE = re.compile(
    r"(?P<np>(?:[\w'’-]+\s+){0,4}?(?:workshops|enterprises|factories|companies))\s+(?:have|has|had)\s+(?:all\s+)?"
    r"(?P<verb>(?:resumed|reopened|restarted)(?:\s+(?:work|production|operation)(?:\s+and\s+(?:work|production))?)?)"
    r"\s*$",
    re.IGNORECASE,
)
# a list item whose noun is left out, after a place and the verb of the item before it: "Gansu had 1,982
# workshops; Ningxia had 500; and Qinghai had 300"
_GAPPED_ITEM = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}"
    r"(?:\s+(?:province|city|county|region|prefecture|autonomous\s+region))?\s+"
    r"(?P<verb>(?:has|had|have|reached|numbered|built|set\s+up|opened)(?:\s+built|\s+set\s+up)?)\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|some|a\s+total\s+of)\s+)?$",
    re.IGNORECASE,
)


def _gapped(
    analysis: Analysis,
    q: Quantity,
    before: str,
    previous: list[tuple[Quantity, str | None, list[_Claim]]],
    s0: int,
) -> tuple[str, str] | None:
    """The counted noun of the list item before, when this item (a place, then the verb of the item
    before) repeats its verb without it."""
    item = _GAPPED_ITEM.match(before)
    if item is None:
        return None
    text, c0 = analysis.text, q.start - len(before)
    if not any(c0 <= m.start < c0 + item.start("verb") for m in analysis.places):
        return None  # "Li had 5": a person, not a place of the list
    for prev_q, prev_kind, claims in reversed(previous):
        if prev_q.start < s0:
            return None
        if prev_kind is None or not claims or not prev_q.counter:
            continue
        between = text[prev_q.end : q.start]
        verb_before = re.search(
            rf"\b{item.group('verb')}\s+(?:\w+\s+){{0,3}}?$", text[max(s0, prev_q.start - 40) : prev_q.start]
        )
        if ";" in between and verb_before:
            return prev_q.counter, prev_kind
        return None
    return None


# "(including) 20 from impoverished households", "45 of them from poor families": people by their origin
_PEOPLE_FROM = re.compile(
    r"^\s+(?:of\s+(?:them|whom)\s+)?(?:(?:are|were|is|was|being|come|came|coming)\s+)?(?P<np>from\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:poor|impoverished|poverty-stricken|needy|registered|low-income|destitute)\b[\w\s-]{0,30})",
    re.IGNORECASE,
)
# "all 27 of the factory's employees", "120 of its workers", "300 of the village's residents"
_PEOPLE_OF = re.compile(
    r"^\s+of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+)?(?P<np>(?:[\w'’-]+\s+){0,5}?(?:[\w-]+(?:'s|’s)\s+)?"
    r"(?:[\w-]+\s+)?(?:employees|workers|staff|villagers|residents|labou?rers|locals|women|members))\b",
    re.IGNORECASE,
)


# the part of a number of jobs that went to people: "400 of which went to poor villagers"
_JOBS_HELD_BY = re.compile(
    r"\s+of\s+(?:which|them|these)\s+(?:went\s+to|(?:were|are|have\s+been)\s+(?:given\s+to|filled\s+by|held\s+by"
    r"|taken\s+by|offered\s+to|for))\s+(?P<np>[^,;.]{3,60})",
    re.IGNORECASE,
)
# the object of a verb of employing, its noun left out: "employ 1,500 in the county"
_EMPLOY_BARE = re.compile(
    r"\b(?:employ(?:s|ed|ing)?|hir(?:e|es|ed|ing)|absorb(?:s|ed|ing)?|recruit(?:s|ed|ing)?)\s+"
    r"(?:(?:a\s+total\s+of|about|around|over|more\s+than|nearly|some|almost|at\s+least|roughly)\s+)?$",
    re.IGNORECASE,
)
# the people counted are all poor, said after them: "45 locals, all from impoverished households",
# "13 million residents ..., accounting for nearly half of the impoverished employees"
_ALL_POOR_AFTER = re.compile(
    r"^[^.;\d]{0,160}?,\s*(?:all\s+(?:of\s+(?:them|whom)\s+)?(?:(?:are|were|being)\s+)?(?:from\s+)?"
    r"|(?:accounting\s+for|representing|making\s+up|or)\s+(?:[\w.%-]+\s+){0,4}?of\s+(?:the\s+|all\s+|its\s+)?"
    r"(?:[\w'’-]+(?:'s|’s)\s+)?(?:total\s+(?:number\s+of\s+)?)?)"
    r"(?:poor|impoverished|poverty-stricken|registered\s+poor|needy)\b",
    re.IGNORECASE,
)
# a sentence that opens with its part's antecedent: "Among them, 4,500 are registered poor", "Of these,"
_ANAPHORIC_OPENER = re.compile(
    r"\s*(?:among|of|including)\s+(?:them|these|those|whom|which|this\s+number|the\s+total)\s*,?\s*"
    r"(?:(?:about|around|over|more\s+than|nearly|some|almost|a\s+total\s+of)\s+)?$",
    re.IGNORECASE,
)


# a sentence that opens with the whole its part is of: "Among the 45 villagers working there, 18 ...",
# "Of the 45 employees at the factory, 18 ..."
_AMONG_THE_WHOLE = re.compile(
    r"\s*(?:among|of|out\s+of)\s+(?:the|its|their|these|those|all)\s+(?:(?:about|around|over|more\s+than|nearly|some"
    r"|almost)\s+)?\d[\d,.]*\s+[^;:\d]{3,120}?,\s*(?:(?:about|around|over|more\s+than|nearly|some|almost)\s+)?",
    re.IGNORECASE,
)
_PEOPLE_PREDICATE = re.compile(
    r"\s+(?:of\s+(?:them|whom)\s+)?(?:have\s+|has\s+|had\s+)?(?:(?:found|got|secured|landed)\s+(?:\w+\s+)?"
    r"(?:jobs|work|employment)|(?:were|are|have\s+been|had\s+been)\s+(?:hired|employed|recruited)"
    # "In the village of 3,000 people, 200 work in the workshop"
    r"|(?:now\s+|currently\s+)?(?:work|worked|are\s+working|were\s+working)\s+(?:in|at|for)\s+(?:the|these|its|their"
    r"|local|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:workshops?|factor(?:y|ies)|enterprises?|compan(?:y|ies)|cooperatives?"
    r"|plants?|bases?))\b",
    re.IGNORECASE,
)


def _owner(previous: list[tuple[Quantity, str | None, list[_Claim]]], s0: int) -> str | None:
    """The workshop or enterprise counted last in the sentence: where its people work."""
    for prev_q, prev_kind, _ in reversed(previous):
        if prev_q.start < s0:
            return None
        if prev_kind in ("workshop", "enterprise"):
            return prev_kind
    return None


_GENERIC_PEOPLE = re.compile(r"^(?:more\s+)?(?:people|persons?|individuals)$", re.IGNORECASE)


_NOUN_LAST_LETTER = re.compile(r"[psyer]", re.IGNORECASE)  # workshop(s) factory enterprise(s) worker ...


def _noun_before(q: Quantity, before: str, noun: str, kind: str | None) -> tuple[str, str | None]:
    """Machine-translated word order puts the counted noun before the number: "identified poverty
    alleviation workshops 1436", "workshop 1123 seat", "among them the poor labor force 16,800 people"."""
    if q.unit is not None or (noun and not _GENERIC_PEOPLE.match(noun)):
        return noun, kind
    tail = before[-80:]
    # the noun ends the text before the number (but for blanks), and every noun of the pattern
    # ends in one of five letters: the costly search runs only where it can match
    if not _NOUN_LAST_LETTER.fullmatch(tail.rstrip()[-1:]):
        return noun, kind
    match = cues.NOUN_BEFORE.search(tail)
    if match is None:
        return noun, kind
    found = _kind_of(match.group("np"))
    if not noun:
        return match.group("np"), found
    if found == "people":  # "poor labor force 16,800 people": the kind of people is before
        return match.group("np") + " " + noun, kind
    return noun, kind


# "nearly 90 percent of the 1,208 workshops had resumed": the 1,208 is the whole
_SHARE_OF = re.compile(
    r"\s+of\s+(?:the|all|its|their|these|those|this|our)\s+(?:[\w'-]+(?:'s|’s)\s+)?(?:total\s+(?:of\s+)?)?",
    re.IGNORECASE,
)


def _share_of(text: str, share: Quantity, whole: Quantity) -> bool:
    return (
        share.unit == "percent"
        and whole.unit is None
        and bool(_SHARE_OF.fullmatch(text[share.end : whole.start]))
    )


# a word that makes a clause a predicate ("had returned", "are operating", "employs")
_VERB = re.compile(
    r"\b(?:have|has|had|were|was|are|is|will|would|been|being)\b|\b\w{3,}ed\b|\b(?:employs|hires|absorbs)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\s*(?:yuan\s*)?[(\[][^()\[\]]{0,80}[)\]]")


def _past_aside(text: str, q: Quantity, c1: int, s0: int, s1: int) -> int:
    """The clause end, read past a bracketed aside right after the number: "146.1 billion yuan
    ($20.6 billion) in special funds", "1,700 yuan (about 240 U.S. dollars) a month"."""
    tail = text[q.end : c1]
    if tail.strip() and not re.fullmatch(r"\s*(?:yuan|RMB|元)?\s*", tail, re.I):
        return c1
    aside = _ASIDE.match(text, q.end, s1)
    if aside is None:
        return c1
    match = cues.CLAUSE_BREAK.search(text, aside.end(), min(s1, aside.end() + _WINDOW))
    return match.start() if match else min(s1, aside.end() + _WINDOW)


def _predicate(text: str, after: str, pos: int, s1: int) -> str:
    """A subject's clause with its verb: "147,000 poor laborers in Lu'an city, East China's Anhui
    province, had returned to work" reads past the appositions (at most two) to the clause that
    opens with the verb; a clause with another number or a relative word ends the search. ``pos``
    is where ``after`` ends in ``text`` (after the whole, for "138 of the 152 workshops ...")."""
    for _ in range(3):
        if pos >= s1 or text[pos] != ",":
            break
        match = cues.CLAUSE_BREAK.search(text, pos + 1, min(s1, pos + 1 + _WINDOW))
        end = match.start() if match else min(s1, pos + 1 + _WINDOW)
        clause = text[pos + 1 : end]
        if _OPENING_VERB.match(clause):
            return after + " " + clause
        if _RELATIVE_ASIDE.match(clause) or _INCLUDING_ASIDE.match(clause):
            pos = end  # "1,300 workers, 40 percent of whom are from poor households, work at ..."
            continue
        if re.search(r"\d", clause) or _VERB.search(clause):
            break
        pos = end
    return after


# "Over 500 villagers, including 200 impoverished people, now work at the company"
_INCLUDING_ASIDE = re.compile(r"\s*(?:including|among\s+them|of\s+whom)\s", re.IGNORECASE)
_RELATIVE_ASIDE = re.compile(r"\s*(?:[\w.%-]+\s+){1,4}of\s+(?:whom|which|them)\b")
_OPENING_VERB = re.compile(
    r"\s*(?:(?:already|all|now|also|still)\s+)?(?:(?:have|has|had|were|was|are|is|will|would)\b|[a-z]{3,}ed\b"
    r"|(?:employs|hires|absorbs|work|works)\b)"
)


# "287 leading enterprises have resumed work 273", "identified workshops 1436, have resumed work 1364",
# "set up 75 workshop, resume work 72 family": a count after the verb is the part that did
_RESUMED_TAIL = re.compile(
    r"^(?P<tail>(?:[^,;.()]{0,100}?\b(?:have|has|had)\s+(?:already\s+|now\s+)?|(?:\s*[\w'-]+){0,6}?\s*,\s*"
    r"(?:(?:have|has|had)\s+(?:already\s+|now\s+)?)?|\s*,\s*(?:[\w'-]+\s+){0,3}?)(?:resumed?|reopen(?:ed)?"
    r"|restart(?:ed)?|return(?:ed)?\s+to\s+(?:work|production))(?:\s+(?:work|production|operation|operations))?"
    r"(?:\s+(?:and|or)\s+(?:work|production))?)\s*(?:of\s+them\s+)?(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)


def _resumed_tail(text: str, first: Quantity, second: Quantity, first_kind: str | None) -> str | None:
    """The "... have resumed work" between a total and its part written after the verb."""
    if first_kind not in ("workshop", "enterprise") or second.unit is not None or second.start <= first.end:
        return None
    if second.counter and not cues.CLASSIFIER.match(second.counter):
        return None
    gap = text[first.end : second.start]
    if not _RESUMED_VERB.search(gap):
        return None  # the tail needs one of these verbs: skip the costly match on long gaps
    match = _RESUMED_TAIL.match(gap)
    return match.group("tail") if match else None


_RESUMED_VERB = re.compile(r"resum|reopen|restart|return", re.IGNORECASE)


# "428 of the city's 463 workshops", "1,286 of 1,372 such enterprises", "35 out of all 40 firms"
_PART_OF = re.compile(
    r"\s+(?:out\s+)?of\s+(?:(?:the|all|its|their|these|those|this|our|a|some)\s+)?"
    r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}(?:'s|’s)\s+|(?:city|county|province|region|prefecture"
    r"|country|town|township|village|nation|district|state)(?:'s|’s)\s+)?"
    r"(?:total\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)


def _part_of(text: str, part: Quantity, whole: Quantity) -> bool:
    """Whether the text reads "PART of the WHOLE ..." ("1,342 of the 1,400 workshops")."""
    if part.unit == "percent" or whole.unit == "percent" or whole.value < part.value:
        return False
    return part.end < whole.start and bool(_PART_OF.fullmatch(text[part.end : whole.start]))


# --- classification ------------------------------------------------------------------------


def _classify(ctx: _Ctx, previous: list[tuple[Quantity, str | None, list[_Claim]]]) -> list[_Claim]:
    q = ctx.q
    if (
        _BASELINE.search(ctx.before[-60:])
        and _TO_NUMBER.match(ctx.right)
        and not _DATED_BASELINE.match(ctx.right)
    ):
        return []  # "rose from 4,856 yuan to 10,415 yuan": the earlier value, not the statistic
    if _NEW_TOTAL.search(ctx.before):
        claims = _new_total(ctx, previous)
        if claims or not ctx.noun:
            return claims
    if _DATED_BASELINE_AFTER.match(ctx.right) and (
        _COMPARED_WITH.search(ctx.before) or _DATED_AND.search(ctx.left[-100:])
    ):
        # "32.43 million in 2020, up from 12.27 million in 2015", "12.27 million in 2015 and 32.43
        # million in 2020": the same statistic for another year, a figure of its own date
        claims = _new_total(ctx, previous)
        if claims:
            return claims
    if q.unit == "percent":
        return _percent(ctx) or _the_figure_for(ctx, previous)
    if q.unit == "yuan":
        if cues.CHANGE.search(ctx.before[-40:]) or _PER_ITEM.match(ctx.after):
            return []  # "income increased by 500 yuan", "0.5 yuan per glove": a change, a piece rate or price
        return _money(ctx) or _coordinated_money(ctx, previous)
    if q.counter and _MEASURE.match(q.counter):
        return []
    if cues.CHANGE.search(ctx.before[-40:]) or _ALL_BUT.search(ctx.before[-20:]):
        return []  # "all but 100 have reopened": the 100 did not
    if ctx.kind == "people" and cues.ONE_OF.search(ctx.before[-20:]):
        return []  # "one of the 71 poor villagers who were hired": a story about one person
    if ctx.kind in ("people", "jobs", "enterprise", "workshop") and _threshold(ctx):
        return []
    rule = _COUNT_RULES.get(ctx.kind or "")
    if rule is not None:
        claims = rule(ctx, previous)
        if _is_target(ctx):  # "strive to help 5,000 people find jobs": a goal, not a count
            claims = [c for c in claims if c.metric == "workshops_planned"]
        return claims
    return _money(ctx) if q.unit is None and not q.counter else []


# a change from one value to another: the first is where it started
_BASELINE = re.compile(
    r"\b(?:ris(?:e|es|en|ing)|rose|increas\w*|gr[eo]w\w*|climb\w*|jump\w*|expand\w*|soar\w*|surg\w*|went\s+up"
    r"|up|decreas\w*|drop\w*|fell|fall\w*|declin\w*|reduc\w*|down|shot\s+up|doubl\w*|tripl\w*)"
    r"\s+(?:[\w-]+\s+){0,2}?from\s+(?:(?:about|around|nearly|over|more\s+than|less\s+than|just|only)\s+)?$",
    re.IGNORECASE,
)
# "... rose from 4,856 yuan ($692.47) in 2012 to 10,415 yuan": the value reached, whose money word
# the aside cuts off from its clause
_CHANGE_TO = re.compile(
    _BASELINE.pattern.removesuffix("$")
    + r"[^;]{1,80}?\bto\s+(?:(?:about|around|nearly|over|more\s+than)\s+)?$",
    re.IGNORECASE,
)
# "increased from 12.27 million in 2015 to 32.43 million in 2020": the value it started from is the
# figure of its own year, a statistic like the one it rose to
_DATED_BASELINE = re.compile(
    r"^\s*(?:yuan\s*)?(?:\([^()]{0,40}\)\s*)?(?:(?:in|at\s+the\s+end\s+of|by\s+the\s+end\s+of|by|as\s+of)\s+"
    r"(?:(?:the\s+)?(?:end|beginning|start)\s+of\s+)?(?:[A-Za-z]+\s+)?(?:19|20)\d\d\b"
    # "from 1,260 at the beginning of the year to more than 2,000", "from 300 at the end of last year to"
    r"|(?:at|by)\s+the\s+(?:end|beginning|start)\s+of\s+(?:the|this|last)\s+year|(?:in|by)\s+last\s+year)"
    r"\s*,?\s*to\b",
    re.IGNORECASE,
)
_DATED_BASELINE_AFTER = re.compile(
    r"^\s*(?:yuan\s*)?(?:\([^()]{0,40}\)\s*)?(?:(?:in|at\s+the\s+end\s+of|by\s+the\s+end\s+of|by|as\s+of)\s+"
    r"(?:(?:the\s+)?(?:end|beginning|start)\s+of\s+)?(?:[A-Za-z]+\s+)?(?:19|20)\d\d\b"
    r"|(?:(?:in|by|at\s+the\s+end\s+of)\s+)?(?:this|last|the\s+previous)\s+year\b)",
    re.IGNORECASE,
)
_COMPARED_WITH = re.compile(
    r"^\s*(?:(?:up|down|rising|increasing|growing|falling)\s+from|compared\s+(?:with|to)|versus|against)\s+"
    r"(?:(?:about|around|nearly|over|more\s+than|some|just|only)\s+)?$",
    re.IGNORECASE,
)
_DATED_AND = re.compile(
    r"\d(?:[\d,.]*\d)?\s*(?:million|billion|thousand|percent|%)?\s*(?:yuan\s*)?(?:\([^()]{0,40}\)\s*)?"
    r"(?:[a-z-]+\s+){0,3}?"
    r"(?:(?:in|by|at\s+the\s+end\s+of)\s+(?:[\w-]+\s+){0,3}?(?:19|20)\d\d|(?:(?:in|by)\s+)?(?:this|last)\s+year)"
    r"\s*,?\s*(?:and|while|but|against)\s+"
    r"(?:(?:about|around|nearly|over|more\s+than|some|only|just)\s+)?$",
    re.IGNORECASE,
)
_TO_NUMBER = re.compile(r"^(?:[^.;]|\.\d){0,60}?\bto\s+(?:[\w-]+\s+){0,2}?(?:\$|RMB\s*)?\d", re.IGNORECASE)


def _is_target(ctx: _Ctx) -> bool:
    """Whether the number's clause states a goal ("strive to reach", "aims to", "the target of")."""
    return bool(cues.TARGET.search(ctx.before) or cues.TARGET_AFTER.match(ctx.after))


def _threshold(ctx: _Ctx) -> bool:
    """Whether the number is a condition, not a count: "workshops that employ more than 10 poor
    workers receive ...", "a reward for every 10 poor laborers hired", "if they hire at least 5"."""
    if cues.PER_EVERY.search(ctx.before[-20:]):
        return True
    condition = cues.CONDITION.search(ctx.before)
    if condition is None:
        return False
    if condition.group("generic") or re.search(
        r"\b(?:each|every|any|those)\b", condition.group("ante") or "", re.I
    ):
        return True  # "(pays 3,000 yuan) to each workshop that employs more than 10"
    sentence = ctx.left + " " + ctx.right
    ante = condition.group("ante") or ""
    # "the 300 workshops that employ more than 10": a counted set, unless the number measures ("bases of
    # more than 1,000 square meters that employ no fewer than 10")
    return bool(cues.ELIGIBLE.search(sentence)) and (
        not re.search(r"\d", ante) or bool(_MEASURE.search(ante))
    )


_ALL_BUT = re.compile(r"\ball\s+but\s+$|\bexcept\s+(?:for\s+)?$", re.IGNORECASE)
_MEASURE = re.compile(
    r"(?:years?|months?|days?|hours?|minutes?|weeks?|times|tons?|tonnes?|kg|kilo\w*|jin|catties|mu|acres?|hectares?"
    r"|km|square|sq|cubic|met(?:er|re)s?|m2|centimet\w+|cm|g|grams?|pieces|sets|bags|boxes|heads|yuan|dollars?"
    r"|us\s+dollars|euros?|degrees?|floors?|storeys?|stories|lines|machines|vehicles|cars|trucks)\b",
    re.IGNORECASE,
)
_HAS = re.compile(
    r"\b(?:has|have|had|with|there\s+(?:are|were|is))\s+(?:a\s+total\s+of\s+|more\s+than\s+|over\s+|about\s+"
    r"|nearly\s+|some\s+|around\s+)?$",
    re.IGNORECASE,
)


def _percent(ctx: _Ctx) -> list[_Claim]:
    if cues.CHANGE.search(ctx.before[-40:]) or re.match(r"\s*year[- ]on[- ]year", ctx.after, re.I):
        return []
    if _is_target(ctx):
        return []
    if cues.SHARE_OF_LAST_YEAR.search(ctx.right) and re.search(
        r"worker|labou?r|migrant|poor|people|workforce", ctx.left + ctx.right + ctx.prev_sentence, re.I
    ):
        return [_Claim("poor_migrant_workers_share_of_last_year")]
    share = cues.SHARE_OF_UNITS.match(ctx.after) and (
        cues.RESUME.search(ctx.left[-160:]) or cues.RESUME.search(ctx.after)
    )  # "312 workshops resumed, accounting for 88% of the total number of workshops"
    # "3,021 leading enterprises have reopened, accounting for 92 percent": the share ends the sentence
    share = share or (
        _ACCOUNTING_END.search(ctx.before)
        and not ctx.after.strip(" .")
        and cues.RESUME.search(ctx.left[-160:])
    )
    # "the resumption rate of enterprises reached 93.5%, and that of workshops reached 90.2%"
    that_of = _THAT_OF.search(ctx.before) and cues.RATE.search(ctx.left)
    if (
        cues.RATE.search(ctx.before)
        or cues.RATE.search(ctx.left[-80:])
        or that_of
        or cues.RATE_AFTER.search(ctx.after)
        or (cues.SHARE_OF_UNITS.match(ctx.after) and _running_again(ctx, ctx.after))
        or share
    ):
        if cues.RATE_AFTER.search(ctx.after) and re.search(r"\bnot\b", ctx.after, re.I):
            return []
        subject = _respective_subject(ctx) or _subject(ctx)
        if subject == "workshop":
            return [_Claim("workshop_resumption_rate")]
        if subject == "enterprise":
            return [_Claim("enterprise_resumption_rate")]
    return []


# "in Hunan, 98.5% had resumed; in Hubei, the figure was 95.2%": the same rate for the next place
_THE_FIGURE_WAS = re.compile(
    r"\bthe\s+(?:figure|rate|number|proportion|share|ratio)\s+(?:was|is|stood\s+at|reached|hit|came\s+to)\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|some|almost)\s+)?$",
    re.IGNORECASE,
)


def _the_figure_for(ctx: _Ctx, previous: list[tuple[Quantity, str | None, list[_Claim]]]) -> list[_Claim]:
    """The rate of the sentence's last rate, for "the figure was N%" after it (another place's)."""
    if not _THE_FIGURE_WAS.search(ctx.before):
        return []
    for prev_q, _, claims in reversed(previous):
        if prev_q.start < ctx.sentence[0]:
            return []
        if prev_q.unit == "percent" and claims:
            return [_Claim(c.metric) for c in claims]
    return []


_THAT_OF = re.compile(r"\b(?:that|those)\s+of\b", re.IGNORECASE)
_ACCOUNTING_END = re.compile(
    r"\b(?:accounting\s+for|representing|or)\s+(?:about\s+|nearly\s+|over\s+)?$", re.I
)
_UNIT_WORD = re.compile(
    r"\bworkshops?\b|\bfactor(?:y|ies)\b|\benterprises?\b|\bcompan(?:y|ies)\b", re.IGNORECASE
)


_FIRST_OF_PAIR = re.compile(
    r"^\s*(?:%|percent|per\s+cent)?\s*,?\s*and\s+(?:about\s+|nearly\s+|over\s+)?\d", re.I
)
_SECOND_OF_PAIR = re.compile(
    r"\d\s*(?:%|percent|per\s+cent)\s*,?\s*and\s+(?:about\s+|nearly\s+|over\s+)?$", re.I
)


def _respective_subject(ctx: _Ctx) -> str | None:
    """ "Enterprises and workshops had resumption rates of 98 percent and 95 percent, respectively":
    the first rate is the first unit's, the second the second's."""
    if not re.search(r"\brespectively\b", ctx.right[:80], re.I):
        return None
    if _FIRST_OF_PAIR.match(ctx.right):
        index, before = 0, ctx.left
    elif _SECOND_OF_PAIR.search(ctx.left):
        index, before = 1, ctx.left[: _SECOND_OF_PAIR.search(ctx.left).start()]
    else:
        return None
    units = _UNIT_WORD.findall(before)
    if len(units) < 2:
        return None
    word = units[-2:][index]
    return "workshop" if re.match(r"work|fact", word, re.I) else "enterprise"


def _subject(ctx: _Ctx) -> str | None:
    """Workshop or enterprise: what the rate is about (its clause after it, else nearest before,
    else the rest of its sentence, else the sentence before)."""
    for source, nearest in ((ctx.after, 0), (ctx.left, -1), (ctx.right, 0), (ctx.prev_sentence, -1)):
        found = _UNIT_WORD.findall(source)
        if found:
            return "workshop" if re.match(r"work|fact", found[nearest], re.I) else "enterprise"
    return None


def _scope(ctx: _Ctx) -> str:
    """Where people are employed: the scope noun after the number, else the nearest one before."""
    best: tuple[int, str] | None = None
    for scope, pattern in cues.SCOPE_NOUNS:
        match = pattern.search(ctx.after)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), scope)
    if best:
        return best[1]
    for source in (ctx.left, ctx.prev_sentence):
        best = None
        for scope, pattern in cues.SCOPE_NOUNS:
            for match in pattern.finditer(source):
                if best is None or match.start() > best[0]:
                    best = (match.start(), scope)
        if best:
            return best[1]
        if ctx.owner:  # "all 18 had resumed, employing 1,600 people": the 18 enterprises' people
            return ctx.owner
    return "other"


def _running_again(ctx: _Ctx, after: str) -> re.Match[str] | None:
    """ "58 workshops are up and running" in a story on the epidemic's shutdown: they resumed."""
    if not ctx.shutdown_story or cues.PLAN.search(ctx.before[-60:]):
        return None  # "plans to have 300 more workshops up and running": not yet
    return cues.UP_AND_RUNNING.search(after)


def _workshops(ctx: _Ctx, previous: list) -> list[_Claim]:
    # the number's own counter words are the start of ``after``: read them once, in place
    window = ctx.after if ctx.noun == (ctx.q.counter or "") else ctx.noun + " " + ctx.after
    resumed = cues.RESUME.search(window) or cues.RESUMED_AT.search(ctx.before) or _running_again(ctx, window)
    if resumed and not ctx.is_total:
        if cues.NEGATED.search(window[: resumed.start()]):
            return []
        claims = [_Claim("workshops_resumed")]
        if (cues.ALL.search(ctx.before) or _ALL_AFTER.search(window)) and not ctx.restated:
            claims.insert(0, _Claim("workshops"))
        return claims
    if cues.OWN_BUSINESS.search(ctx.left[-80:]):  # "our company has 3 workshops": its own, not the region's
        return []
    own_after = re.split(r"\d", ctx.after, maxsplit=1)[0]  # not "... and 30 more are planned"
    if cues.PLAN.search(ctx.before[-60:]) or re.search(
        r"\b(?:to\s+be|will\s+be)\s+built\b|\bplanned\b", own_after
    ):
        return [_Claim("workshops_planned")]
    return [_Claim("workshops")]


# "the county's 38 leading enterprises have all resumed work": every one of them, so the 38 is the total too
_ALL_AFTER = re.compile(
    r"\b(?:have|has|had|were|are)\s+all\s+(?:been\s+)?(?:\w+\s+)?(?:resum|reopen|restart|return)", re.I
)


def _enterprises(ctx: _Ctx, previous: list) -> list[_Claim]:
    if not cues.LEADING.search(ctx.noun + " " + ctx.before[-20:]) and not _leading_antecedent(ctx):
        return []
    resumed = (
        cues.RESUME.search(ctx.after) or cues.RESUMED_AT.search(ctx.before) or _running_again(ctx, ctx.after)
    )
    if resumed and not ctx.is_total:
        claims = [_Claim("enterprises_resumed")]
        if (cues.ALL.search(ctx.before) or _ALL_AFTER.search(ctx.after)) and not ctx.restated:
            claims.insert(0, _Claim("enterprises"))
        return claims
    return [_Claim("enterprises")]


# a list of counted kinds ("N cleaners, M river guards, K forest guards"): the parts of a total that
# the vocabulary cannot name (metrics.md, settled cases)
_ITEMISED = re.compile(
    # (the counts may have decimals: "314,500 road workers, 1.5058 million cleaners")
    r"^[^.;\d]{0,120}?,\s*(?:and\s+)?\d[\d,]*(?:\.\d+)?\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s*,\s*(?:and\s+)?"
    r"\d[\d,]*(?:\.\d+)?\s+[a-z]"
)
_BARE_ENTERPRISES = re.compile(
    r"(?:(?:such|these|those|the|same|said|all)\s+)*(?:enterprises?|compan(?:y|ies)|firms?)\b", re.IGNORECASE
)


def _leading_antecedent(ctx: _Ctx) -> bool:
    """ "1,286 of 1,372 such enterprises": "such"/"these"/"the" points back to leading enterprises."""
    anaphoric = _BARE_ENTERPRISES.match(ctx.noun)
    if not anaphoric and not re.search(r"\b(?:such|these|those|the)\s+$", ctx.before, re.I):
        return False
    return bool(cues.LEADING_ENTERPRISES.search(ctx.left + " " + ctx.prev_sentence))


def _jobs(ctx: _Ctx, previous: list) -> list[_Claim]:
    if re.search(r"\b(?:lost|cut|laid\s+off|shed)\s+$", ctx.before, re.I):
        return []
    if _ITEMISED.match(ctx.right):
        return []  # "63 assistance positions such as cleaners, 4 river guards, 21 forest guards, ...": parts
    if cues.INCLUDE.search(ctx.before) and _metric_before(ctx, previous, "jobs"):
        return []  # "placed 2.1 million poor people in posts, including 0.8 million forest rangers": a part
    if cues.PUBLIC_POSTS.search(ctx.noun) or "ranger" in ctx.noun.lower():
        return [_Claim("jobs", scope="other")]
    return [_Claim("jobs", scope=_scope(ctx))]


def _metric_before(ctx: _Ctx, previous: list[tuple[Quantity, str | None, list[_Claim]]], metric: str) -> bool:
    """Whether a number of ``metric`` came earlier in the sentence (the whole that a part is of)."""
    for prev_q, _, claims in reversed(previous):
        if prev_q.start < ctx.sentence[0]:
            return False
        if any(c.metric == metric for c in claims):
            return True
    return False


def _people(ctx: _Ctx, previous: list[tuple[Quantity, str | None, list[_Claim]]]) -> list[_Claim]:
    out_of_poverty = cues.OUT_OF_POVERTY.match(ctx.after) or cues.OUT_OF_POVERTY_LISTED.match(ctx.right)
    if out_of_poverty and not cues.AS_MIGRANT.search(ctx.after[:120]):
        return []  # "has driven 700,000 people to cast off poverty": people lifted, not employed
    # the whole of a share ("70 percent of the 400 employees are from poor households"): its words
    # after it describe the share
    near = ctx.noun + " " + ("" if ctx.is_total else _before_part(ctx.after[:60]))
    poor = bool(cues.POOR.search(cues.POOR_PLACE.sub(" ", near)))
    poor = poor or (not ctx.is_total and bool(_ALL_POOR_AFTER.match(ctx.right)))
    employ = (
        cues.EMPLOY.search(ctx.before[-60:])
        or cues.EMPLOY.search(ctx.after)
        or _JOBS_HELD_BY.match(ctx.after)
        or (ctx.noun != (ctx.q.counter or "") and cues.EMPLOY.search(ctx.noun))  # "Workers employed: 45,000"
    )
    employ = employ or (cues.BRING.search(ctx.before[-40:]) and cues.BACK.match(ctx.noun + ctx.after))
    employ = employ or cues.JOBS_FOR_END.search(ctx.before)  # "flexible, localized jobs for 10,000 villagers"
    if not employ and _SUBJECT_START.fullmatch(ctx.before):
        # the count is the subject: its coordinated predicates count ("... have received training
        # and employed by local companies")
        employ = cues.EMPLOY.search(re.split(r"[,;.]", ctx.right, maxsplit=1)[0])
    opener = _ANAPHORIC_OPENER.fullmatch(ctx.left)
    include = cues.INCLUDE.search(ctx.before) or _OF_WHICH_AFTER.match(ctx.after) or opener
    # "Among the 45 villagers working in the workshop, 18 are from poor households": the whole opens it
    include = include or _AMONG_THE_WHOLE.fullmatch(ctx.left)
    employed_before = _employment_before(ctx, previous, len(ctx.prev_sentence) + 2 if opener else 0)
    include = include or (cues.WITH_PART.search(ctx.before[-30:]) and employed_before)
    if cues.BY_PLACE_PART.match(ctx.after) and employed_before and not poor:
        return []  # a part by origin or destination (metrics.md, settled cases)
    if include and _metric_before(ctx, previous, "poor_migrant_workers"):
        return []  # "29.3 million poor migrant workers, of whom 10.4 million worked outside their provinces"
    workforce_before = _WORKFORCE_NOUN.search(ctx.left)  # "70 percent of the staff ..., including 35 poor"
    if include and poor and (employed_before or cues.EMPLOY.search(ctx.left) or workforce_before):
        return [_Claim("poor_workers_employed", scope=_included_scope(ctx, previous))]
    if not employ and re.search(r"\bworkers?\b|\bemployees\b|\bstaff\b", ctx.noun, re.I):
        # "the workshop's 60 workers all returned to work", "workers at the factory have resumed work":
        # the workforce of a named workplace back at work (not poor laborers returning to jobs elsewhere);
        # "306 workshops had resumed operation, and 11,200 workers had returned to their posts": the
        # workplace may be the sentence's, for workers not said to be poor
        back = _BACK_AT_POSTS.search(ctx.after[:80])
        workplace = (ctx.left[-160:] if not poor else ctx.before[-60:]) + " " + ctx.noun + " "
        workplace += ctx.after[: back.start() if back else 0]
        owners = [scope for scope, pattern in cues.SCOPE_NOUNS if pattern.search(workplace)]
        if back and owners and not cues.NEGATED.search(ctx.after[: back.start()]):
            return [_Claim("poor_workers_employed" if poor else "workers_employed", scope=owners[0])]
    if poor and (cues.AS_MIGRANT.search(near) or cues.AS_MIGRANT.search(ctx.before[-50:])):
        return [_Claim("poor_migrant_workers")]  # "poor people (getting) employed as migrant workers"
    if (
        cues.MIGRATE_NOUN.search(ctx.noun)
        and _FOUND_JOBS_ELSEWHERE.match(ctx.after)
        and (poor or cues.POOR.search(ctx.left + " " + ctx.prev_sentence + " " + ctx.paragraph))
    ):  # "120,000 Bijie migrant workers had found steady employment in Guangdong" (a story on the poor)
        return [_Claim("poor_migrant_workers")]
    if poor and cues.AWAY_AFTER.match(ctx.after):
        return [_Claim("poor_migrant_workers")]  # "helped 421,000 poor laborers find work away from home"
    if cues.MIGRATE_NOUN.search(ctx.noun) and poor and cues.EMPLOYMENT_OF.search(ctx.before[-40:]):
        return [
            _Claim("poor_migrant_workers")
        ]  # "to assist the employment of 28 million poor migrant workers"
    if cues.PLACE_IN_POST.search(ctx.before[-40:]) and (
        cues.IN_PUBLIC_POST.search(ctx.after[:80]) or _PUBLIC_POSTS_NAMED.search(ctx.left[-200:])
    ):  # "placed 3,200 poor laborers in public welfare jobs", "developed 52,000 posts, placing 48,000 ..."
        return [_Claim("jobs", scope="other")]
    if include and poor and cues.MIGRATE.search(ctx.left[-120:]) and not employed_before:
        return [_Claim("poor_migrant_workers")]  # "transferred 125,000 rural laborers, including 46,000 poor"
    if cues.POSTS_CREATED_FOR.search(ctx.before[-100:]):
        return [_Claim("jobs", scope="other")]  # "ranger posts have been created for 20,000 poor people"
    placed = re.search(
        r"\b(?:(?:been|were|was|are|is)\s+(?:placed|assigned)|bec[oa]m(?:e|es|ing)|t(?:aken|ook|ake|akes)\s+up)\b",
        ctx.after[:60],
    )
    if (employ or placed) and cues.AS_PUBLIC_POST.search(ctx.after[:160]):
        return [_Claim("jobs", scope="other")]  # "500,000 poor people employed as forest rangers"
    if employ:
        if cues.PUBLIC_JOBS_FOR.search(ctx.before[-80:]) or _PUBLIC_POSTS_SUBJECT.search(ctx.before):
            # "provided public service jobs to 6,000 people": posts created, counted by their holders
            return [_Claim("jobs", scope="other")]
        metric = "poor_workers_employed" if poor else "workers_employed"
        return [_Claim(metric, scope=_scope(ctx))]
    workforce = _WORKFORCE_OF.search(ctx.before)
    if (_HAS.search(ctx.before) or workforce) and re.search(
        r"\bworkers?\b|\bemployees\b|\bstaff\b", ctx.noun, re.I
    ):
        # "the workshop has 40 workers", "the company has a workforce of 300", "there are 300 workers
        # at the factory": a workforce, when a workshop/enterprise/base is the subject or the place
        at_owner = _AT_OWNER.match(ctx.after)
        where = ctx.before + " " + (at_owner.group() if at_owner else "")
        owner = [scope for scope, pattern in cues.SCOPE_NOUNS if pattern.search(where)]
        if (
            not owner
            and ctx.owner
            and re.search(r"(?:^|,)\s*with\s+(?:(?:about|over|more\s+than|nearly|some)\s+)?$", ctx.before)
        ):
            owner = [ctx.owner]  # "the county had 328 workshops ..., with 8,000 workers": their workforce
        if owner and not cues.MIGRATE.search(ctx.noun):
            metric = "poor_workers_employed" if poor else "workers_employed"
            return [_Claim(metric, scope=owner[0])]
    if cues.WENT_HOME.search(ctx.after[:60]):
        return []  # "301,200 of which returned home for the Spring Festival": not back at work
    # "300,000 impoverished workers from Sichuan have returned to their jobs": the predicate may
    # come well after the noun
    migrate = cues.MIGRATE.search(ctx.before[-60:] + " " + ctx.noun + " " + _before_part(ctx.after[:120]))
    # a paragraph on poor migrant workers goes on to say just "migrant workers" (the paragraph
    # is searched only for migrant workers: 1% of English time when it was searched for every count)
    if migrate and (poor or cues.POOR.search(ctx.left + " " + ctx.prev_sentence + " " + ctx.paragraph)):
        return [_Claim("poor_migrant_workers")]
    return []


_FOUND_JOBS_ELSEWHERE = re.compile(
    r"^[^.;,]{0,60}?\b(?:found|find|secured|got|landed|obtained)\s+(?:\w+\s+)?(?:employment|jobs?|work)\s+in\s+"
    r"(?:(?-i:[A-Z])|other\s+|coastal\s+|eastern\s+)",
    re.IGNORECASE,
)
_BACK_AT_POSTS = re.compile(
    cues.RESUME.pattern + r"|\breturn\w*\s+to\s+(?:their\s+)?(?:posts|jobs|positions)\b", re.IGNORECASE
)
_WORKFORCE_NOUN = re.compile(r"\b(?:staff|employees|workforce|payroll)\b", re.IGNORECASE)
_WORKFORCE_OF = re.compile(
    r"\b(?:a\s+)?(?:workforce|staff|payroll)\s+of\s+(?:(?:about|over|more\s+than|nearly|some|around|almost)\s+)?$",
    re.IGNORECASE,
)
_AT_OWNER = re.compile(
    r"^\s*[\w\s-]{0,30}?\b(?:at|in|of)\s+(?:the|its|this|that)\s+(?:[\w'’-]+\s+){0,3}?\w+", re.I
)


# the posts are the subject that employs: "public welfare posts funded by the county had absorbed 1,100
# poor people" counts posts by their holders
_PUBLIC_POSTS_SUBJECT = re.compile(
    r"^\s*(?:(?:the|its|their|these)\s+)?(?:[\w'’-]+\s+){0,2}?(?:public[- ]welfare|public[- ]service)\s+"
    r"(?:jobs|posts|positions)\b"
    r"(?:(?!\b(?:for|to|in|into)\b)[^;:])*?\b(?:absorb\w*|employ\w*|hir\w*|tak\w+\s+in|took\s+in|plac\w+)\s+"
    r"(?:(?:about|around|over|more\s+than|nearly|some|almost)\s+)?$",
    re.IGNORECASE,
)
_PUBLIC_POSTS_NAMED = re.compile(
    r"\b(?:public[- ]welfare|public[- ]service|welfare)\s+(?:jobs|posts|positions)\b", re.IGNORECASE
)


# what may stand before a count that opens its clause as the subject
_SUBJECT_START = re.compile(
    r"\s*(?:(?:some|about|over|more\s+than|nearly|around|almost|approximately|a\s+total\s+of)\s+)?", re.I
)
_PART_START = re.compile(
    r"\b(?:including|includ\w*|among\s+(?:them|whom|which)|of\s+(?:whom|which))\b(?=[^.;\d]{0,25}\d)", re.I
)


def _before_part(after: str) -> str:
    """The words after a count up to the part it includes: in "13,000 people including 5,600 poor
    workers" the poverty word describes the part, not the whole."""
    part = _PART_START.search(after)
    return after[: part.start()] if part else after


def _employment_before(
    ctx: _Ctx, previous: list[tuple[Quantity, str | None, list[_Claim]]], reach: int = 0
) -> bool:
    """Whether an employment figure came earlier in the sentence ("hired 260, including 110 ..."), or
    ``reach`` characters before it (the sentence before, for "Among them, 110 are poor")."""
    for prev_q, _, claims in reversed(previous):
        if prev_q.start < ctx.sentence[0] - reach:
            return False
        if any(c.metric in ("workers_employed", "poor_workers_employed") for c in claims):
            return True
    return False


def _included_scope(ctx: _Ctx, previous: list[tuple[Quantity, str | None, list[_Claim]]]) -> str:
    """ "including N poor labourers": the scope of the employment figure it is part of."""
    for prev_q, _, claims in reversed(previous):
        if prev_q.start < ctx.sentence[0]:
            break
        for claim in claims:
            if claim.metric in ("workers_employed", "poor_workers_employed") and claim.scope:
                return claim.scope
    return _scope(ctx)


_COUNT_RULES: dict[str, Callable[[_Ctx, list], list[_Claim]]] = {
    "workshop": _workshops,
    "enterprise": _enterprises,
    "jobs": _jobs,
    "people": _people,
}


def _money(ctx: _Ctx) -> list[_Claim]:
    """Income, subsidy or funds, by the money word nearest to the number."""
    before, after = ctx.before, ctx.after
    if _CHANGE_TO.search(ctx.left[-160:]):
        before = ctx.left[-200:]
    if len(ctx.left.split()) <= 3 and ctx.q.unit == "yuan":  # "Not less than 5,000 yuan." after its sentence
        before = ctx.prev_sentence[-120:] + " " + before
    scores: list[tuple[int, str]] = []
    for name, pattern in (("subsidy", cues.SUBSIDY), ("income", cues.INCOME), ("funds", cues.FUNDS)):
        hits = [len(before) - m.end() for m in pattern.finditer(before)]
        hits += [m.start() for m in pattern.finditer(after)]
        if hits:
            scores.append((min(hits), name))
    if not scores and _TO_EMPLOYERS.match(after) and ctx.q.unit == "yuan" and ctx.q.value < 1e6:
        return [
            _Claim("subsidy", period=_period("", after) or "once")
        ]  # "Employers get 1,000 yuan for each ..."
    if not scores and _STANDARD_OF.search(before) and _PER_HEAD.match(after):
        if not re.search(r"\bpoverty\s+(?:line|standard|threshold)", ctx.left[-80:], re.IGNORECASE):
            # "invested ... at a standard of 5,400 yuan per person": a sum per head is a subsidy
            return [_Claim("subsidy", period=_period("", after) or "once")]
    if not scores:
        # "he gets 3,000 yuan a month", "receives 80 yuan a day": a sum received by the day or the
        # month is a wage
        if _RECEIVES.search(before[-30:]) and _period("", after) in ("day", "month"):
            return [_Claim("income", period=_period("", after))]
        return []
    scores.sort()
    kind = scores[0][1]
    blocker = cues.NOT_MONEY_FACT.search(before[-50:] + " " + after[:30])
    if blocker and kind != "income":
        return []
    if cues.POVERTY_LINE.search(before[-60:]):
        return []  # "the poverty line of 2,300 yuan of annual income": a standard, nobody's income
    period = _period(before, after)
    if ctx.q.unit != "yuan":  # a bare number is money only as a wage or subsidy with its period
        if kind == "funds" or period is None or ctx.q.counter:
            return []
    if kind == "subsidy":
        per_head = re.search(r"\bper\b|\beach\b", after, re.I)
        per_head_near = re.search(r"\bper\b|\beach\b", after[:25], re.I)
        if (ctx.q.value >= 1e6 and period in (None, "once") and not per_head) or (
            ctx.q.value >= 1e7 and not per_head_near  # tens of millions are a budget, not a hand-out
        ):
            return [_Claim("funds")]
        return [_Claim("subsidy", period=period or "once")]
    if kind in ("income", "funds") and _TO_EMPLOYERS.match(after) and ctx.q.value < 1e6:
        # "pays 3,000 yuan to each workshop that ...", "1,000 yuan for each poor worker they hire": money
        # for an employer by what it does is a subsidy, not a wage
        return [_Claim("subsidy", period=period or "once")]
    if kind == "income":
        if cues.EXTRA.search(before[-25:]):  # "I can earn an extra 300 yuan": a raise, not a wage
            return []
        if blocker and blocker.start() < 50 and not cues.INCOME.search(before[-40:]):
            return []
        if ctx.q.value >= 1e6:
            return []  # "generating an income of 28.2 billion yuan": takings, not a wage
        return [_Claim("income", period=period if period != "once" else None)]
    if ctx.q.value < _SMALLEST_FUND:
        return []  # "spends 1,000 yuan on food", "a loan of 50,000 yuan": a household's money, no budget
    return [_Claim("funds")]


_TO_EMPLOYERS = re.compile(
    r"^\s*(?:yuan\s*)?(?:\([^()]{0,40}\)\s*)?(?:(?:a|per)\s+(?:year|month)\s+)?(?:to|for)\s+(?:each|every|the|a|an)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:(?:workshops?|enterprises?|compan(?:y|ies)|employers?|factor(?:y|ies)|cooperatives?"
    r"|business(?:es)?)\b|(?:workers?|labou?rers?|persons?|employees?|villagers?)\s+(?:\w+\s+)?(?:hired|employed"
    r"|recruited|hire|hires|employ|employs|recruit)\b)",
    re.IGNORECASE,
)
_STANDARD_OF = re.compile(
    r"\b(?:at\s+)?(?:a|the)\s+standard\s+of\s+(?:(?:up\s+to|about|around|no\s+less\s+than)\s+)?$",
    re.IGNORECASE,
)
_PER_HEAD = re.compile(
    r"^\s*(?:yuan\s*)?(?:per|for\s+each|each|for\s+every|a)\s+(?:person|head|household|capita|worker|labou?rer|people)\b",
    re.IGNORECASE,
)
_RECEIVES = re.compile(
    r"\b(?:gets?|got|getting|receiv\w+)\s+(?:(?:about|around|over|more\s+than|nearly|some|up\s+to|at\s+least"
    r"|almost|roughly)\s+)?(?:RMB\s*)?$",
    re.IGNORECASE,
)

#: Funds are what a region allocates or invests in total: sums below this are a household's.
_SMALLEST_FUND = 100_000


# "offered ranger jobs to 7,500 people, bringing the total (number) to 21,500": the running total
# of what was just counted
_NEW_TOTAL = re.compile(
    r"\b(?:bring(?:s|ing)?|brought|rais(?:e|es|ed|ing)|push(?:es|ed|ing)?|tak(?:e|es|ing)|took)\s+(?:the|its|their)\s+"
    r"(?:total|number|tally|figure)(?:\s+(?:number|count))?(?:\s+of\s+[\w\s-]{1,40}?)?\s+to\s+"
    r"(?:(?:about|around|nearly|over|more\s+than|some|almost)\s+)?$",
    re.IGNORECASE,
)


def _new_total(ctx: _Ctx, previous: list[tuple[Quantity, str | None, list[_Claim]]]) -> list[_Claim]:
    """The metrics of the last figure of the sentence, for its new total."""
    for prev_q, _, claims in reversed(previous):
        if prev_q.start < ctx.sentence[0]:
            break
        if claims and prev_q.unit == ctx.q.unit:
            return [_Claim(c.metric, c.scope, c.period) for c in claims]
    return []


_PER_ITEM = re.compile(
    r"^\s*(?:yuan\s+)?(?:\([^()]{0,30}\)\s*)?(?:per|a|an|each|for\s+(?:each|every|one|a))\s+(?:[\w-]+\s+)?"
    r"(?:piece|item|glove|pair|unit|kilogram|kilo|kg|jin|catty|box|bag|ton|tonne|bottle|garment|shoe|toy|wig"
    r"|product|dozen|meter|metre|square\s+meter|sq)s?\b",
    re.IGNORECASE,
)


# "3,000 yuan ($420) a month and over 30,000 yuan a year": the second sum shares the first's verb,
# which the bracketed aside cuts off from its clause
_MONEY_AND = re.compile(
    r"\s*(?:yuan|RMB)?\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:(?:a|per|each|every)\s+(?:day|month|year)\s*)?"
    # "5,400 yuan per person in farming areas and 6,400 yuan ...": a sum per head and whom it is for
    r"(?:(?:per|for\s+each|each)\s+(?:person|head|household|worker)\s*(?:(?:in|for)\s+(?:[\w-]+\s+){1,3}?)?)?"
    r",?\s*(?:and|or)\s+(?:(?:over|about|nearly|more\s+than|around|almost|some)\s+)?$",
    re.IGNORECASE,
)


def _coordinated_money(ctx: _Ctx, previous: list[tuple[Quantity, str | None, list[_Claim]]]) -> list[_Claim]:
    """A sum coordinated with the wage or subsidy just before it is one as well."""
    earlier = [p for p in previous[-3:] if p[0].unit == "yuan" and p[0].start >= ctx.sentence[0]]
    if not earlier:
        return []
    prev_q, _, claims = earlier[-1]  # the dollars of "($420)" between them are no sum of their own
    if not claims:
        return []
    if not _MONEY_AND.fullmatch(_text_between(ctx, prev_q)):
        return []
    metric = claims[0].metric
    if metric not in ("income", "subsidy"):
        return []
    period = _period("", ctx.after)
    return [_Claim(metric, period=period if metric == "subsidy" or period != "once" else None)]


def _text_between(ctx: _Ctx, earlier: Quantity) -> str:
    """The sentence's words between an earlier number and this one (from ``left``)."""
    gap = ctx.q.start - earlier.end
    return ctx.left[-gap:] if 0 < gap <= len(ctx.left) else ""


def _period(before: str, after: str) -> str | None:
    """Day, month, year or once: the period word after the number first, else before it."""
    for source in (after[:60], before):
        best: tuple[int, str] | None = None
        for period, pattern in cues.PERIODS:
            for match in pattern.finditer(source):
                distance = match.start() if source is not before else len(source) - match.end()
                if best is None or distance < best[0]:
                    best = (distance, period)
        if best:
            return best[1]
    return None


def _with_unit(q: Quantity, metric: str) -> Quantity:
    """The quantity with the unit its metric implies ("more than 60 every day" is yuan)."""
    unit = {"income": "yuan", "subsidy": "yuan", "funds": "yuan"}.get(metric)
    if metric.endswith("rate") or metric.endswith("last_year"):
        unit = "percent"
    unit = unit or "count"
    if q.unit == unit:
        return q
    return Quantity(q.start, q.end, q.value, q.value_max, unit, q.bound, q.counter)


# --- as_of ---------------------------------------------------------------------------------

_COMPARISON = re.compile(
    r"\b(?:than|compared|equivalent|represent\w*|accounting|account\w*|same\s+period|over|versus|vs)\b|\bof\s+the\b"
    r"|\b(?:up|down)\s+from\b"
    r"|%",
    re.IGNORECASE,
)
_ANCHOR = re.compile(
    r"(?:^|\b(?:as\s+of|by|at|since|until|till|up\s+to|in|on|of|during|through|after)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)


def _as_of(
    analysis: Analysis,
    q: Quantity,
    sentence: tuple[int, int],
    marked: list[DateMention],
    dates_after: bool = True,
) -> str | None:
    """The figure's date; a bare year that only restates the year of the date the paragraph
    opened with ("As of May 31, ... The 52 counties have 273,420 migrant workers in 2020") keeps
    the paragraph's finer date (metrics.md: a date carries forward). ``dates_after=False`` reads
    no date after the number."""
    found = _own_as_of(analysis, q, (sentence[0], q.start) if not dates_after else sentence)
    if found is None:
        return _same_below(marked, q.start)
    if len(found) == 4:
        carried = _paragraph_date(analysis, sentence)
        if carried and len(carried) > 4 and carried[:4] == found:
            return carried
    return found


_SAME_BELOW = re.compile(r"\s*[(\[]?\s*(?:the\s+)?same\s+(?:below|hereinafter)\s*[)\]]?", re.IGNORECASE)


def _marked_same_below(analysis: Analysis) -> list[DateMention]:
    """The dates marked "(the same below)", found once per article (not once per figure)."""
    return [d for d in analysis.dates if d.as_of and _SAME_BELOW.match(analysis.text, d.end)]


def _same_below(marked: list[DateMention], pos: int) -> str | None:
    """A date marked "(the same below)" dates every later figure that gives no date of its own."""
    for d in reversed(marked):
        if d.end <= pos:
            return d.as_of
    return None


def _own_as_of(analysis: Analysis, q: Quantity, sentence: tuple[int, int]) -> str | None:
    s0, s1 = sentence
    text = analysis.text
    in_sentence = [d for d in analysis.dates_between(s0, s1 + 1) if d.end <= s1]  # ends after its start
    before = [
        d
        for d in in_sentence
        if d.end <= q.start
        and not _is_comparison_before(text, d)
        and not _baseline_date(text, d, q, s0)
        # "12.27 million in 2015 and 32.43 million in 2020": another number's own date
        and not (
            _TRAILS_NUMBER.search(text, max(s0, d.start - 40), d.start) and _OWN_DATE_AFTER.match(text, q.end)
        )
        and not (d.start - s0 < _WINDOW and _SINCE_CLAUSE.match(text, s0, d.start))
    ]
    c0, c1 = _clause_bounds(text, q.start, q.end, s0, s1)
    own = _date_after_in_clause(text, q, [d for d in in_sentence if d.start >= q.end and d.end <= c1])
    if own is not None and (not before or before[-1].start < c0):
        if before and len(own) == 4 and (before[-1].as_of or "").startswith(own):
            return before[-1].as_of  # "As of May 31, 25 provinces had 27.5 million ... in 2020": the finer
        return own  # "set up by March, and 2,032 of them had reopened by mid-April": its own clause's date
    anaphora = _ANAPHORA.search(text, max(s0, q.start - _WINDOW), min(s1, q.end + _WINDOW))
    if anaphora and not (before and before[-1].start > anaphora.start()):
        return _date_referred_to(analysis, s0)  # "by that time" refers back to the last date
    if before:
        return _finer_of_year(before)
    for d in in_sentence:
        if d.start >= q.end:
            between = text[q.end : d.start]
            if re.search(r"[;]", between) or _COMPARISON.search(between) or _BASELINE_BEFORE.search(between):
                break  # "103.6 percent of last year's total": the baseline's date
            return d.as_of
    return _paragraph_date(analysis, sentence)


def _finer_of_year(before: list[DateMention]) -> str | None:
    """The last date before the number; a year that an earlier date of the sentence names more
    finely gives way to it ("As of September 30, the number of poor laborers who had gone out to work
    this year had reached 2.9 million": "this year" is the period counted, September 30 the date)."""
    last = before[-1].as_of
    if last is None or len(last) != 4:
        return last
    for d in reversed(before[:-1]):
        if d.as_of and len(d.as_of) > 4 and d.as_of.startswith(last):
            return d.as_of
    return last


_ANAPHORA = re.compile(
    r"\b(?:by|at|as\s+of|until|up\s+to|till)\s+(?:that|this|the\s+same)\s+(?:time|date|point|moment|day)\b"
    r"|\b(?:by|until|till)\s+then\b|\bat\s+the\s+time\b(?!\s+(?:of|when))|\bas\s+of\s+then\b"
    r"|\bby\s+the\s+same\s+(?:date|day|time)\b",
    re.IGNORECASE,
)


def _date_after_in_clause(text: str, q: Quantity, dates: list[DateMention]) -> str | None:
    """The first point date after the number in its clause, unless it is a comparison's
    ("92.3 percent of last year's total", "up from 300 in 2019")."""
    for d in dates:
        # "98 percent of the enterprises had resumed by ...", "21 of the 22 workshops ... by": the
        # number's own noun phrase is no comparison
        between = text[q.end : d.start]
        if _VERB.search(between):  # a predicate comes between: the date is the clause's, not "of last year"
            between = _OWN_OF.sub(" ", between, count=1)
        else:  # "3,126 of the province's 3,342 workshops back at work as of April 18": a part of a count
            between = _PART_OF_COUNT.sub(" ", between, count=1)
        if _COMPARISON.search(between) or not d.as_of or _BASELINE_BEFORE.search(between):
            return None
        return d.as_of
    return None


_OWN_OF = re.compile(
    r"^\s*(?:percent|per\s+cent|%)?\s*(?:out\s+)?of\s+(?:the|all|its|their)\s+", re.IGNORECASE
)
_PART_OF_COUNT = re.compile(
    r"^\s*(?:out\s+)?of\s+(?:the|all|its|their)\s+(?:[\w-]+['\u2019]s\s+)?(?=\d)", re.IGNORECASE
)
_BASELINE_BEFORE = re.compile(
    r"\b(?:(?<!as\s)of|than|from|with|versus|vs|(?<!up\s)to|over|since)\s+(?:the\s+|that\s+of\s+)?$",
    re.IGNORECASE,
)


def _date_referred_to(analysis: Analysis, start: int) -> str | None:
    """The last point date before ``start`` (within a few sentences), that "by that time" names."""
    text = analysis.text
    dates = [
        d
        for d in analysis.dates_between(start - 3 * _WINDOW, start + 1)
        if d.end <= start and d.as_of and not _is_comparison_before(text, d)
    ]
    return _finer_of_year(dates) if dates else None


# "Since she returned home in 2017, Hou has set up 21 factories": the date of the event a running
# total starts from
_SINCE_CLAUSE = re.compile(r"\s*[“\"]?(?i:since|ever\s+since)\s+[^\s,;.]+\s+[^\s,;.]+\s[^,;.]*$")


def _baseline_date(text: str, d: DateMention, q: Quantity, s0: int) -> bool:
    """ "from 300 in 2016 to 1,200": the date of the value the change started from."""
    return bool(_DATE_THEN_TO.match(text, d.end, q.start)) and bool(
        re.search(r"\bfrom\b[^;]{0,60}$", text[max(s0, d.start - 80) : d.start])
    )


_TRAILS_NUMBER = re.compile(
    r"\d\s*(?:million|billion|thousand|percent|%)?\s*(?:yuan)?\s*(?:\([^()]{0,30}\)\s*)?(?:[a-z-]+\s+){0,2}?"
    r"(?:in|by|at\s+the\s+end\s+of)?\s*$",
    re.IGNORECASE,
)
_OWN_DATE_AFTER = re.compile(
    # (its own noun may come between, "3,000 people in 2019"; "92.3 percent of last year's total" is
    # a comparison, no date of its own)
    r"\s*(?:million|billion|thousand|percent|%)?\s*(?:yuan)?\s*(?:\([^()]{0,30}\)\s*)?"
    r"(?:(?!(?:of|than|from|over|with|to)\b)[a-z]+\s+){0,2}?"
    r"(?:(?:in|by|at\s+the\s+end\s+of)\s+(?:19|20)\d\d|(?:(?:in|by)\s+)?(?:this|last)\s+year)\b",
    re.IGNORECASE,
)
_DATE_THEN_TO = re.compile(r"\s*,?\s*to\s+(?:(?:about|around|nearly|over|more\s+than)\s+)?$", re.IGNORECASE)


def _is_comparison_before(text: str, d: DateMention) -> bool:
    """ "compared with the end of last year, ..." names the baseline, not the statistic's date; so do
    "116 percent of the number of last year", "96 percent of the number absorbed in 2019" and
    "exceeding those of last year"."""
    return bool(
        re.search(r"\b(?:than|compared\s+(?:with|to)|from|versus|over)\s+(?:the\s+)?$", text[: d.start][-30:])
        or _SHARE_OF_DATE.search(text, max(0, d.start - 60), d.start)
    )


_SHARE_OF_DATE = re.compile(
    r"(?:\d\s*(?:percent|per\s+cent|%)|\b(?:those|that))\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:of|in)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)


def _paragraph_date(analysis: Analysis, sentence: tuple[int, int]) -> str | None:
    """The date that opens an earlier sentence of the same paragraph ("As of May 31, ...")."""
    text = analysis.text
    para_start = text.rfind("\n", 0, sentence[0]) + 1
    earlier = [s for s in analysis.sentences_between(para_start, sentence[0] + 1) if s[1] <= sentence[0]]
    for s0, s1 in reversed(earlier):
        found = _opening_date(analysis, s0, s1)
        if found:
            return found
    # "By the end of September, Hunan had identified 3,560 workshops, ... || The province also had 1.52
    # million poor laborers working outside ...": a paragraph that says it goes on with the same report
    # keeps the date of the paragraph before
    for hop in range(3):  # (a chain of such paragraphs, a few back)
        if para_start <= 0:
            return None
        before = text.rfind("\n", 0, max(0, para_start - 1))
        while before > 0 and not text[before + 1 : para_start].strip():
            before = text.rfind("\n", 0, before)  # blank lines between paragraphs
        # the paragraph right after a wire story's dated lead ("BEIJING, June 18 (Xinhua) -- In the
        # first five months, ...") goes on with the lead's report too
        lead = hop == 0 and _WIRE_DATELINE.match(text, before + 1, para_start) is not None
        if not lead and not _CONTINUES.match(text, para_start, min(sentence[1], para_start + 200)):
            return None
        earlier = analysis.sentences_between(before + 1, para_start)
        for s0, s1 in reversed([s for s in earlier if s[1] <= para_start]):
            found = _opening_date(analysis, s0, s1)
            if found:
                return found
        sentence, para_start = (before + 1, para_start), before + 1
    return None


_CONTINUES = re.compile(
    r"\s*(?:(?:Meanwhile|In\s+addition|Besides|At\s+the\s+same\s+time|Moreover|Furthermore),"
    r"|(?:The|This|That|Its|It|(?-i:[A-Z][a-z]+))\s+(?:[\w'’-]+\s+){0,2}?also\b)"
)


# "BEIJING, June 18 (Xinhua) -- ", "XI'AN -- ": the dateline before a wire story's first words
_WIRE_DATELINE = re.compile(
    r"[A-Z][A-Z'’ .-]{2,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()]{1,30}\))?\s*[-–—]{1,2}\s*"
)


def _opening_date(analysis: Analysis, s0: int, s1: int) -> str | None:
    """The date that opens the sentence at ``s0`` ("As of May 31, ...", after a wire dateline too)."""
    text = analysis.text
    dateline = _WIRE_DATELINE.match(text, s0, s1)
    start = dateline.end() if dateline else s0
    if _ANAPHORA.match(text, start, min(s1, start + 40)):
        return _date_referred_to(analysis, s0)  # "By the same date, ...": the date of the report before
    opening = [d for d in analysis.dates_between(start, start + 40) if d.end <= s1]
    if opening and opening[0].as_of and _ANCHOR.search(text[start : opening[0].start]):
        return opening[0].as_of
    return None


def _date_headlines(analysis: Analysis, drafts: list[FactDraft]) -> list[FactDraft]:
    """A headline figure without a date takes the date of the body sentence that restates it
    ("Bijie: leading enterprises' resumption rate reached 95%" / "As of the end of February, ...
    the resumption rate reached 95.1%"): headlines round and drop the date of their lead."""
    head_end = _headline_end(analysis)
    if head_end <= 0:
        return drafts
    for draft in drafts:
        if draft.sentence_end > head_end or draft.as_of:
            continue
        for later in drafts:
            if (
                later.sentence_start >= head_end
                and later.as_of
                and later.metric == draft.metric
                and _restates(draft.quantity, later.quantity)
            ):
                draft.as_of, draft.as_of_source = later.as_of, "text"
                break
    return drafts


def _headline_metrics(analysis: Analysis, drafts: list[FactDraft]) -> list[FactDraft]:
    """A headline figure that the body restates under one other metric takes the body's metric:
    headlines compress their verbs ("helps 31,500 poor laborers find work" / "has helped 31,500 poor
    laborers go out for work"), the body says what was counted."""
    head_end = _headline_end(analysis)
    if head_end <= 0:
        return drafts
    body = [d for d in drafts if d.sentence_start >= head_end]
    for draft in drafts:
        if draft.sentence_end > head_end:
            continue
        same = [
            d
            for d in body
            if d.quantity.value == draft.quantity.value and d.quantity.unit == draft.quantity.unit
        ]
        metrics = {d.metric for d in same}
        if len(metrics) == 1 and draft.metric not in metrics:
            restated = same[0]
            draft.metric, draft.scope, draft.period = restated.metric, restated.scope, restated.period
    return drafts


def _headline_end(analysis: Analysis) -> int:
    """Where the headline ends: after the title line(s) that open the text, 0 if there is none."""
    text, title = analysis.text, (analysis.title or "").strip()
    end = 0
    while True:
        line_end = text.find("\n", end)
        line = text[end : line_end if line_end >= 0 else len(text)].strip()
        if not title or line != title or line_end < 0:
            return end
        end = line_end + 1
        while end < len(text) and text[end] in "\n\r\t ":
            end += 1


def _restates(head: Quantity, body: Quantity) -> bool:
    """The same figure, the headline's perhaps rounded (95% for 95.1%, 1.2 million for 1,186,000)."""
    if head.unit == "percent":
        return abs(head.value - body.value) < 1
    return body.value > 0 and abs(head.value - body.value) / body.value < 0.05


# --- repeats -------------------------------------------------------------------------------


def _dedupe(text: str, drafts: list[FactDraft], head_end: int = 0) -> list[FactDraft]:
    """Drop a fact that repeats an earlier one (same metric, value, region and date) in its own
    sentence ("433 enterprises, and 401 of the 433 enterprises"), in the title lines at the top
    (``head_end``: where they end) or in the same sentence printed again right after it (a line
    scraped twice). A sentence printed again elsewhere (a caption under each photo) is another
    mention, and every mention counts (metrics.md, settled cases)."""
    seen: set[tuple] = set()
    printed_at: dict[tuple, int] = {}  # (fact, sentence words) -> where that sentence last ended
    out: list[FactDraft] = []
    for draft in drafts:
        q = draft.quantity
        fact = (
            draft.metric,
            round(q.value, 4),
            q.value_max,
            (draft.region or {}).get("province"),
            (draft.region or {}).get("level"),
            draft.as_of,
        )
        words = (fact, text[draft.sentence_start : draft.sentence_end].strip().lower())
        last_end = printed_at.get(words)
        printed_at[words] = draft.sentence_end
        again = last_end is not None and (
            draft.sentence_end <= head_end or not text[last_end : draft.sentence_start].strip()
        )
        if again or (fact, draft.sentence_start) in seen:
            continue
        seen.add((fact, draft.sentence_start))
        out.append(draft)
    return out
