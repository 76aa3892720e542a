"""Cross-source reconciliation: one record per statistic, with what each outlet said about it.

Researchers want to know, for "workshops in Gansu at the end of June 2020", which
value to use and where outlets disagree. :func:`reconcile` turns facts
(fact.schema.json dicts) into reconciled groups (reconciled.schema.json dicts):

1. **Grouping.** Facts state the same statistic when metric, unit, scope, period
   and region agree (region by adcode, else by province for province-level
   figures, else by level + province + name; multi-province or multi-county
   groups by their count and kind, "22 provinces" = "22个省份" = "22
   provincial-level regions"; national figures together) and their dates say
   the same moment. Dates dated by the text are clustered finest first
   (:mod:`fupin.corpus.dates`: a month contains its days, a year its months):
   each distinct day seeds a cluster, a month (then a year) joins the one
   cluster it contains, or, when it contains several, the one whose values it
   agrees with (ties: the latest, the "by the end of" reading), or seeds its
   own. A year ("in 2019") joins a finer date only when the values agree too,
   and no date joins a cluster where the same article states a different value
   (that is a second statistic, not a second precision). Then the figures the
   text does not date:

   - dated only by the publication date P (``as_of_source: "published"``, "目前"):
     the figure was true some time on or before P, within about a month
     (``PUBLISHED_WINDOW``). It joins the closest statistic dated on or before P
     whose values agree, else one dated within ``SAME_DATE_DAYS`` before P (a
     conflict there is real), else it is a statistic of its own, shown as of P;
   - "this year" in an article published during that year (a *running* year):
     the year so far, as of the publication. It joins an agreeing statistic of
     that year, or a running one published within days; two running figures of
     different publication dates are two statistics (``as_of`` shows the year,
     ``as_of_until`` the publication date);
   - no date at all: undated figures of different articles meet only when
     their values agree; they never make a conflict.

   A report whose evidence sentence is a near-duplicate of another article's
   (``near_duplicate``: the same statistic and value, a copied sentence in
   either script) is a copy: an undated or publication-dated copy joins the
   statistic of the report it copies, and a chain of copies (plus the crawler's
   reprint links) counts once in support and in truth discovery
   (``support.independent_sources``, ``members[].copy_of``). Every record carries a
   ``series_id`` (metric, unit, scope, period, region): the rows of one series over
   time, each date its own record, with conflicts only among reports of one date.
2. **Values.** Each report becomes the interval of true values consistent with
   it: an exact figure its rounding interval (the unit of its last non-zero digit,
   at least two significant digits assumed: 27,510,000 -> +-5,000), "more than
   30,000" [30,000, 40,000], "about 50" +-10%, a range its ends. Two reports agree
   when their intervals overlap.
3. **Truth discovery.** TruthFinder (:mod:`fupin.corpus.truth`) runs over every
   group of the corpus at once: outlets whose figures are corroborated gain
   reliability, outlets that contradict others lose it, and each distinct value
   of a group gets a confidence; copies of one story count as one source. The
   most confident possible value wins (a rate over 100% or a part above its
   total loses to any possible value); it is then
   refined to the most precise value that agrees with it (32,688 over "more than
   30,000", 27,507,000 over "27.51 million").
4. **Status and flags.** ``single`` (one article), ``agreed`` (several articles,
   all consistent) or ``conflict``; suspect values are flagged: a factor of 10 to
   10,000 from the preferred value (translation slips, a misread 万, digits lost
   at the end: "6%" for 63%), percentages
   over 100 for rates, a part larger than its total for the same region and date
   (resumed workshops/enterprises, poor workers among workers), a cumulative
   count that falls over time in one region (within a year for counts that
   restart each year; only against figures surely older, publication dates
   being a month wide), and ``other`` for a value whose own article also gives the
   preferred one (two statistics under one key, not a contradiction).

``group_id`` hashes the statistic's key (metric, unit, scope, period, region key,
date key, and for running, publication-dated and undated statistics their
publication date or article), so it is stable across runs. Given the previous records, a group whose
members and decision are unchanged keeps its previous record verbatim, so a re-run
changes nothing and a new article changes only the groups it touches (the learned
reliabilities shown in untouched groups are those of the run that last changed them).
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from fupin.corpus.dates import Period, contains
from fupin.corpus.dates import parse_period as _parse_period
from fupin.corpus.truth import Claim, TruthParams, TruthResult, truthfinder

#: part metric -> total metric: the part can never exceed the total for one region and date
PARTS_OF = {
    "workshops_resumed": "workshops",
    "enterprises_resumed": "enterprises",
    "poor_workers_employed": "workers_employed",
}
#: counts that only grow; "year": compare only within one calendar year (they restart each year)
CUMULATIVE = {
    "workshops": None,
    "enterprises": None,
    "workshops_resumed": "year",
    "enterprises_resumed": "year",
    "poor_migrant_workers": "year",
}
#: percentages that can legitimately exceed 100
PERCENT_CAN_EXCEED_100 = frozenset({"poor_migrant_workers_share_of_last_year"})
#: factors of a slip: "273,420" for 2.7342 million, a misread 万
MAGNITUDES = (10, 100, 1000, 10000)
#: relative distance over which the similarity of two disagreeing values decays by 1/e
SIMILARITY_SCALE = 0.05
ABOUT_TOLERANCE = 0.1
#: a figure dated only by its publication date was true at most this long before it ("so far")
PUBLISHED_WINDOW = timedelta(days=31)
#: reports dated this many days apart or less state one date (a release and its reports)
SAME_DATE_DAYS = 3
#: near-duplicate evidence sentences (character trigrams): Jaccard at least this ...
COPY_JACCARD = 0.5
#: ... or at least this when most of the shorter sentence is in the longer one (a light rewording)
COPY_JACCARD_LOW = 0.4
#: sentences shorter than this many trigrams are too short to tell a copy
MIN_COPY_SHINGLES = 6
BOUND_TOLERANCE = 0.1
_BOUND_ORDER = {"exact": 0, "range": 1, "about": 2, "more_than": 3, "less_than": 3}


@lru_cache(maxsize=65536)
def _cached_period(text: str | None) -> Period | None:
    return _parse_period(text)


def parse_period(text: Any) -> Period | None:
    """:func:`fupin.corpus.dates.parse_period`, cached: a corpus has a few thousand distinct dates
    and parses them three times a fact (20 of 230 s at a million facts). Periods are immutable."""
    try:
        return _cached_period(text)
    except TypeError:  # unhashable: not a date anyway, but let the parser say so
        return _parse_period(text)


# -- values ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    """The true values consistent with one report (closed)."""

    lo: float
    hi: float

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def overlaps(self, other: Interval) -> bool:
        """Some value is consistent with both; intervals that only touch do not count."""
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return lo < hi or (lo == hi and (self.width == 0 or other.width == 0))

    def scaled(self, factor: float) -> Interval:
        return Interval(self.lo * factor, self.hi * factor)


def _decimal(value: float) -> Decimal:
    return Decimal(repr(float(value))).normalize()


def last_digit_unit(value: float) -> float:
    """The unit of the last non-zero digit as written: 27510000 -> 10000, 98.83 -> 0.01, 30000 -> 10000."""
    d = _decimal(abs(value))
    if d == 0:
        return 1.0
    return float(Decimal(10) ** d.as_tuple().exponent)


def rounding_unit(value: float) -> float:
    """The rounding unit of an exact figure, assuming at least two significant digits.

    "30,000" may be "3万" rounded, but taking it as 30,000 +- 5,000 would make it
    agree with anything from 25,000 to 35,000; two significant digits (+- 500) is
    what a reader of "30,000" assumes.
    """
    d = _decimal(abs(value))
    if d == 0:
        return 1.0
    exponent = min(d.as_tuple().exponent, d.adjusted() - 1)
    return float(Decimal(10) ** exponent)


def value_interval(value: float, value_max: float | None, bound: str) -> Interval:
    """The interval of true values a report with this value and bound allows."""
    v = float(value)
    if bound == "range" and value_max is not None and float(value_max) >= v:
        return Interval(v, float(value_max))
    if bound == "about":
        half = max(rounding_unit(v) / 2, ABOUT_TOLERANCE * abs(v))
        return Interval(v - half, v + half)
    if bound == "more_than":
        return Interval(v, v + max(last_digit_unit(v), BOUND_TOLERANCE * abs(v)))
    if bound == "less_than":
        return Interval(v - max(last_digit_unit(v), BOUND_TOLERANCE * abs(v)), v)
    half = rounding_unit(v) / 2
    return Interval(v - half, v + half)


#: value_interval of a report; values repeat across a corpus and the rounding unit takes Decimal arithmetic
_cached_interval = lru_cache(maxsize=65536)(value_interval)


def similarity(a: object, b: object) -> float:
    """1 for agreeing intervals, decaying with the relative gap between them otherwise."""
    assert isinstance(a, Interval) and isinstance(b, Interval)
    if a.overlaps(b):
        return 1.0
    gap = max(a.lo, b.lo) - min(a.hi, b.hi)
    magnitude = max(abs(a.lo), abs(a.hi), abs(b.lo), abs(b.hi), 1e-12)
    return math.exp(-gap / (SIMILARITY_SCALE * magnitude))


@lru_cache(maxsize=65536)  # pure; asked for every dissenting report of a group (a release: hundreds)
def magnitude_slip(member: Interval, preferred: Interval) -> tuple[int, str] | None:
    """``(factor, "below"|"above")`` when a power of ten reconciles a value with the preferred one."""
    for factor in MAGNITUDES:
        if member.scaled(factor).overlaps(preferred):
            return factor, "below"
        if member.scaled(1 / factor).overlaps(preferred):
            return factor, "above"
    return None


@lru_cache(maxsize=65536)  # pure, and Decimal-heavy: the same few values recur in a release's reports
def dropped_digits(value: float, preferred: float) -> tuple[int, str] | None:
    """``(factor, "below"|"above")`` when one figure is the other with digits lost or added at the end.

    "6%" for 63%, "273,420" for 2,734,200: the shorter figure is the longer one cut
    after its first digits (a power of ten off, truncated rather than rounded).
    """
    for factor in MAGNITUDES:
        for small, large, side in ((value, preferred, "below"), (preferred, value, "above")):
            if small <= 0:
                continue
            step = last_digit_unit(small)
            if small * factor <= large < (small + step) * factor and large >= 5 * small:
                return factor, side
    return None


def plain_number(value: float | None) -> float | int | None:
    """2186.0 -> 2186: the store keeps doubles, JSON readers expect counts as integers."""
    if value is None:
        return None
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def fmt_number(value: float) -> str:
    """1234567 -> "1,234,567"; 98.83 -> "98.83"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1000 else f"{value:,.2f}"


def fmt_value(value: float, value_max: float | None, bound: str, unit: str) -> str:
    suffix = "%" if unit == "percent" else (" yuan" if unit == "yuan" else "")
    text = fmt_number(value)
    if bound == "range" and value_max is not None:
        return f"{text} to {fmt_number(value_max)}{suffix}"
    prefix = {"more_than": "more than ", "less_than": "less than ", "about": "about "}.get(bound, "")
    return f"{prefix}{text}{suffix}"


# -- facts -------------------------------------------------------------------------------------------


def derive_fact_id(fact: Mapping[str, Any]) -> str:
    """The id fupin.extract gives a fact: article, metric, evidence offsets (and field, for a title's)."""
    evidence = fact.get("evidence") or {}
    key = f"{fact['article_id']}|{fact['metric']}|{evidence.get('start')}|{evidence.get('end')}"
    field = evidence.get("field") or "text"
    if field != "text":
        key = f"{key}|{field}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def source_of(fact: Mapping[str, Any]) -> str:
    """The outlet: ``source``, else the URL's host, else the article itself."""
    source = (fact.get("source") or "").strip()
    if source:
        return source
    host = urlsplit(fact.get("url") or "").hostname or ""
    if host:
        return host.removeprefix("www.")
    return f"article:{fact['article_id']}"


_GROUP_KINDS = (
    ("province", ("province", "provinces", "provincial", "省", "自治区", "直辖市")),
    ("prefecture", ("prefecture", "prefectures", "city", "cities", "市", "州", "地区")),
    ("county", ("county", "counties", "县", "区县", "旗")),
    ("township", ("township", "townships", "town", "towns", "乡", "镇")),
    ("village", ("village", "villages", "村")),
)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def _normalize_name(name: str) -> str:
    return _PUNCT.sub("", name.casefold())


def group_signature(name: str) -> str:
    """A language-neutral key for a group of places: its count and kind ("22 provinces" = "22个省份")."""
    digits = re.findall(r"\d+", name)
    lowered = name.casefold()
    first_digit = re.search(r"\d", lowered)
    after = first_digit.start() if first_digit else 0
    # the kind named first after the count: "52 counties in Guizhou province" are counties
    found = []
    for kind, words in _GROUP_KINDS:
        positions = [p for p in (lowered.find(w) for w in words) if p >= 0]
        if positions:
            following = [p for p in positions if p >= after]
            found.append((min(following) if following else len(lowered) + min(positions), kind))
    if digits and found:
        return f"{'+'.join(digits)}:{min(found)[1]}"
    return _normalize_name(name)


def region_key(region: Mapping[str, Any]) -> str:
    """Which region a figure is about, the same for a Chinese and an English report of it."""
    level = region.get("level")
    if level == "national":
        return "national"
    if level == "group":
        return f"group:{group_signature(region.get('name') or '')}"
    adcode = region.get("adcode")
    province = region.get("province")
    if level == "province" and province:
        return f"province:{province}"
    if adcode:
        return f"adcode:{adcode}"
    return f"{level}:{province or ''}:{_normalize_name(region.get('name') or '')}"


@dataclass(frozen=True, slots=True)
class Report:
    """One fact, prepared for grouping: its keys, its outlet, its dates and its value interval.

    ``kind`` says what dates it: ``text`` (the article gives the date), ``published``
    (only the publication date: the figure was true some time before it),
    ``running`` (a year, in an article published during that year: "this year"
    so far, a figure of the publication date rather than of the whole year) or
    ``none``. ``when`` is the date as a period (the as_of, or for ``published`` and
    ``running`` the publication date).
    """

    fact: Mapping[str, Any]
    fact_id: str
    source: str
    bucket: tuple[str, ...]
    date: str | None
    claim: tuple[float, float | None, str]
    interval: Interval
    kind: str = "text"
    when: Period | None = None
    published: Period | None = None
    article_id: str = ""

    @property
    def sentence(self) -> str:
        return str((self.fact.get("evidence") or {}).get("sentence") or "")


def grouping_date(fact: Mapping[str, Any]) -> str | None:
    """The date a fact is grouped by: its as_of (a publication date stays a publication date)."""
    period = parse_period(fact.get("as_of"))
    return period.text if period else None


def date_kind(fact: Mapping[str, Any], as_of: Period | None, published: Period | None) -> str:
    """``text``, ``published``, ``running`` or ``none`` (see :class:`Report`)."""
    if as_of is None:
        return "none"
    if fact.get("as_of_source") == "published":
        return "published"
    if as_of.precision == "year" and published is not None and published.start.year == as_of.start.year:
        return "running"
    return "text"


def prepare(fact: Mapping[str, Any]) -> Report:
    """A fact as a Report; raises ValueError naming what is missing."""
    missing = [k for k in ("article_id", "metric", "region", "value") if fact.get(k) is None]
    if missing:
        raise ValueError(f"fact {fact.get('fact_id') or '?'} lacks {', '.join(missing)}")
    bound = fact.get("bound") or "exact"
    value_max = fact.get("value_max")
    value = float(fact["value"])
    as_of = parse_period(fact.get("as_of"))
    published = parse_period(fact.get("published")) if isinstance(fact.get("published"), str) else None
    kind = date_kind(fact, as_of, published)
    when = as_of
    if kind == "running":
        when = published
    elif kind == "published" and published is not None and contains(as_of, published):  # type: ignore[arg-type]
        when = published
    return Report(
        fact=fact,
        fact_id=str(fact.get("fact_id") or derive_fact_id(fact)),
        source=source_of(fact),
        bucket=(
            str(fact["metric"]),
            str(fact.get("unit") or ""),
            str(fact.get("scope") or ""),
            str(fact.get("period") or ""),
            region_key(fact["region"]),
        ),
        date=as_of.text if as_of else None,
        claim=(value, None if value_max is None else float(value_max), bound),
        interval=_cached_interval(value, value_max, bound),
        kind=kind,
        when=when,
        published=published,
        article_id=str(fact["article_id"]),
    )


#: fields whose values repeat across facts (outlets, dates, vocabulary): one string object each
_REPEATING = frozenset(
    {"source", "published", "language", "metric", "scope", "period", "unit", "bound", "as_of", "as_of_source"}
)


def compact_fact(fact: dict[str, Any], shared: dict[Any, Any]) -> dict[str, Any]:
    """The same fact, with its keys, repeating values and region shared with earlier facts.

    Parsed JSON gives every fact its own copy of each key and value (3.5 kB a fact);
    sharing them (through ``shared``, one per run) halves that, so that a million
    facts fit in memory. Equal values, same key order: nothing a reader sees changes.
    """
    out = {}
    for key, value in fact.items():
        if key in _REPEATING and isinstance(value, str):
            value = shared.setdefault(value, value)
        elif key == "region" and isinstance(value, dict):
            value = _shared_region(value, shared)
        out[shared.setdefault(key, key)] = value
    return out


def _shared_region(region: dict[str, Any], shared: dict[Any, Any]) -> dict[str, Any]:
    try:
        return shared.setdefault(("region", *region.items()), region)
    except TypeError:  # an unhashable extra field: keep the fact's own
        return region


# -- copies ------------------------------------------------------------------------------------------

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def shingles(sentence: str, n: int = 3) -> frozenset[str]:
    """Character n-grams of a sentence in one script and case, without spaces and punctuation."""
    from fupin.extract.textnorm import normalize

    text = _NOT_WORD.sub("", normalize(sentence).text.casefold())
    if len(text) <= n:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i : i + n] for i in range(len(text) - n + 1))


def near_duplicate(a: str, b: str) -> bool:
    """Two evidence sentences that one outlet copied from the other (script, spacing and
    punctuation aside, or lightly reworded): character-trigram Jaccard of at least
    ``COPY_JACCARD``, or ``COPY_JACCARD_LOW`` when most of the shorter one is in the longer."""
    x, y = shingles(a), shingles(b)
    if len(x) < MIN_COPY_SHINGLES or len(y) < MIN_COPY_SHINGLES:
        return False
    return _similar(x, y)


def _similar(x: frozenset[str], y: frozenset[str]) -> bool:
    return _comparable(len(x), len(y)) and _similar_counts(len(x & y), len(x), len(y))


def _comparable(a: int, b: int) -> bool:
    """Sets of these sizes can reach the Jaccard bound (checked before intersecting them)."""
    return min(a, b) >= COPY_JACCARD_LOW * max(a, b)


def _similar_counts(common: int, a: int, b: int) -> bool:
    """The near-duplicate test on the sizes of two shingle sets and of their intersection."""
    jaccard = common / (a + b - common)
    return jaccard >= COPY_JACCARD or (jaccard >= COPY_JACCARD_LOW and common / min(a, b) >= 0.6)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass(slots=True)
class Copies:
    """Which reports copy which: fact-level links (a copied sentence stating the same
    value) and article-level components (articles linked by any such copy, or by the
    crawler's reprint links). Reports of one component are one piece of evidence.

    Reports whose sentences are the same (script, case and punctuation aside) form a
    class; near-duplicate classes are neighbours. A report's partners are the other
    articles' reports of its class and of the neighbouring classes.
    """

    components: _UnionFind = field(default_factory=_UnionFind)
    first_published: dict[str, str] = field(default_factory=dict)
    class_of: dict[str, int] = field(default_factory=dict)  # fact id -> class
    classes: list[list[Report]] = field(default_factory=list)
    neighbours: dict[int, set[int]] = field(default_factory=dict)
    class_rank: dict[int, int] = field(default_factory=dict)
    pools: dict[int, list[Report]] = field(default_factory=dict)  # class -> its and its neighbours' reports
    #: (class, interval) -> the pool's reports whose values overlap it (a class's reports share a few)
    overlapping: dict[tuple[int, Interval], list[Report]] = field(default_factory=dict)
    #: (class, interval) -> the best date rank of the two best-dated articles there (:meth:`better_partner`)
    best_articles: dict[tuple[int, Interval], list[tuple[int, str]]] = field(default_factory=dict)
    #: (statistic key, article, article) for copy links found, kept for incremental runs; the key is
    #: the bucket and value whose reports were compared (:func:`_copy_candidates`)
    links: list[tuple[tuple[tuple[str, ...], float], str, str]] = field(default_factory=list)

    def link(self, key: tuple[tuple[str, ...], float], a: str, b: str) -> None:
        """Join the articles' components, and remember the link and the statistic key it was found in."""
        if a != b:
            self.links.append((key, a, b))
        self.components.union(a, b)

    def component(self, article_id: str) -> str:
        return self.components.find(article_id)

    def partners(self, report: Report) -> list[Report]:
        """The reports of other articles that this one copies or is copied by."""
        c = self.class_of.get(report.fact_id)
        if c is None:
            return []
        article = report.article_id
        return [r for r in self._near(c, report.interval) if r.article_id != article]

    def _near(self, c: int, interval: Interval) -> list[Report]:
        """The reports of class ``c``'s pool whose values overlap ``interval``, all articles."""
        near = self.overlapping.get((c, interval))
        if near is None:  # the same for the class's reports of one value and bound: built once
            pool = self.pools.get(c)
            if pool is None:
                pool = [*self.classes[c]]
                for other in sorted(self.neighbours.get(c, ())):
                    pool.extend(self.classes[other])
                self.pools[c] = pool
            near = [r for r in pool if r.interval.overlaps(interval)]
            self.overlapping[(c, interval)] = near
        return near

    def better_partner(self, report: Report) -> bool:
        """Whether a partner of the report (:meth:`partners`) is better dated than it.

        Asked for every report not dated by its text; listing the partners each time
        (a release's class holds hundreds) was a tenth of an incremental run. Each
        (class, interval) keeps the best rank of its two best articles: the best of
        the other articles is the first of them that is not the report's own.
        """
        c = self.class_of.get(report.fact_id)
        if c is None:
            return False
        best = self.best_articles.get((c, report.interval))
        if best is None:
            ranks: dict[str, int] = {}
            for r in self._near(c, report.interval):
                rank = _DATE_RANK[r.kind]
                if rank < ranks.get(r.article_id, len(_DATE_RANK)):
                    ranks[r.article_id] = rank
            best = sorted((rank, article) for article, rank in ranks.items())[:2]
            self.best_articles[(c, report.interval)] = best
        mine = _DATE_RANK[report.kind]
        return next((rank < mine for rank, article in best if article != report.article_id), False)

    def best_rank(self, report: Report) -> int:
        """The best date rank (:data:`_DATE_RANK`) among the report's class and its neighbours."""
        c = self.class_of.get(report.fact_id)
        if c is None:
            return _DATE_RANK[report.kind]
        if c not in self.class_rank:
            ranks = [_DATE_RANK[r.kind] for k in (c, *self.neighbours.get(c, ())) for r in self.classes[k]]
            self.class_rank[c] = min(ranks)
        return self.class_rank[c]

    def original(self, article_ids: Iterable[str]) -> dict[str, str]:
        """For each article, the article of its component (among ``article_ids``) published first."""
        articles = sorted(set(article_ids))
        if len(articles) == 1:  # most groups: one article, its own original
            return {articles[0]: articles[0]}
        by_component: dict[str, list[str]] = defaultdict(list)
        for article in articles:
            by_component[self.component(article)].append(article)
        out = {}
        for members in by_component.values():
            first = min(members, key=lambda a: (self.first_published.get(a) or "9999", a))
            for article in members:
                out[article] = first
        return out


#: a statistic and value stated in more distinct sentences than this is compared by exact sentence only
MAX_COPY_CANDIDATES = 200


def merge_copies(copies: Copies, extra: Copies) -> None:
    """Add to ``copies`` what ``extra`` found among other reports (other statistic keys).

    An incremental run that must re-decide a few more windows finds their copies
    alone (keys never span windows) rather than all the loaded reports' again.
    """
    offset = len(copies.classes)
    copies.classes.extend(extra.classes)
    copies.class_of.update({f: c + offset for f, c in extra.class_of.items()})
    for c, near in extra.neighbours.items():
        copies.neighbours[c + offset] = {n + offset for n in near}
    copies.links.extend(extra.links)
    for article in extra.components.parent:
        copies.components.union(article, extra.component(article))
    for article, published in extra.first_published.items():
        if article not in copies.first_published or published < copies.first_published[article]:
            copies.first_published[article] = published


def find_copies(reports: Sequence[Report], reprints: Iterable[tuple[str, str]] = ()) -> Copies:
    """Link reports that copy one another: same statistic key and value, near-duplicate sentences."""
    copies = Copies()
    for report in reports:
        copies.components.find(report.article_id)
        published = report.published.text if report.published else None
        if published and (
            report.article_id not in copies.first_published
            or published < copies.first_published[report.article_id]
        ):
            copies.first_published[report.article_id] = published
    for a, b in reprints:
        copies.components.union(str(a), str(b))
    for by_sentence in _copy_candidates(reports):
        _link_candidates(copies, by_sentence)
    return copies


def _copy_candidates(reports: Sequence[Report]) -> Iterator[dict[frozenset[str], list[Report]]]:
    """Per statistic key and value stated by two reports or more: their reports by sentence shingles.

    One key at a time, so that only its shingle sets are alive (keeping every
    report's set took 4 kB a fact). A value stated once can copy nothing: a class of
    one report has no partners and its own date rank, as if it had no class.
    """
    keyed: dict[tuple, list[tuple[str, Report]]] = defaultdict(list)
    for report in reports:
        if sentence := report.sentence:
            keyed[(report.bucket, report.claim[0])].append((sentence, report))
    for members in keyed.values():
        if len(members) < 2:
            continue
        by_sentence: dict[frozenset[str], list[Report]] = {}
        for sentence, report in members:
            grams = shingles(sentence)
            if len(grams) >= MIN_COPY_SHINGLES:
                by_sentence.setdefault(grams, []).append(report)
        if by_sentence:
            yield by_sentence


def _link_candidates(copies: Copies, by_sentence: Mapping[frozenset[str], list[Report]]) -> None:
    """Classes of one key's identical sentences, neighbours among its near-duplicates."""
    ids = []
    linked = _UnionFind()  # this key's links: one per article it joins (the components are the same)
    first_report = next(iter(by_sentence.values()))[0]
    key = (first_report.bucket, first_report.claim[0])
    for members in by_sentence.values():
        c = len(copies.classes)
        copies.classes.append(members)
        ids.append(c)
        for report in members:
            copies.class_of[report.fact_id] = c
            _link_once(copies, linked, key, members[0].article_id, report.article_id)
    if len(ids) < 2 or len(ids) > MAX_COPY_CANDIDATES:
        return
    near = _near_duplicates(list(by_sentence))
    for i, others in enumerate(near):
        if others:
            copies.neighbours[ids[i]] = {ids[j] for j in others}
    for i, j in _spanning_forest(near):
        first, other = copies.classes[ids[i]][0], copies.classes[ids[j]][0]
        _link_once(copies, linked, key, first.article_id, other.article_id)


def _spanning_forest(near: list[list[int]]) -> Iterator[tuple[int, int]]:
    """Edges that connect what the near-duplicate graph connects, one per joined class.

    Components are all that copy links decide; a release's dozens of rephrased
    sentences are near-duplicates pairwise (132,000 pairs for 11,700 reports), and a
    link per pair cost more than finding the pairs.
    """
    seen = [False] * len(near)
    for start in range(len(near)):
        if seen[start]:
            continue
        seen[start] = True
        stack = [start]
        while stack:
            i = stack.pop()
            for j in near[i]:
                if not seen[j]:
                    seen[j] = True
                    stack.append(j)
                    yield i, j


#: from this many distinct sentences of one key on, their pairs are compared as bit sets
_ARRAY_PAIRS = 12


def _near_duplicates(grams: list[frozenset[str]]) -> list[list[int]]:
    """For each shingle set, the others it is a near-duplicate of (:func:`_similar`), in order.

    A release's reports rephrase one sentence with their own numbers: dozens of
    distinct sentences per value, all near-duplicates, so the pairwise test was a
    third of an incremental run (132,000 pairs for 11,700 reports). With many
    sentences, each set becomes one integer with a bit per shingle of the key's
    vocabulary and an intersection is a popcount: the same integer counts and IEEE
    divisions, so the same decisions. (A 0/1 matrix product in numpy, used before,
    spent 1.8 s of a 1M incremental run's CPU on dense rows thousands of shingles
    wide; the bit sets take 0.3 s.)
    """
    k = len(grams)
    if k < _ARRAY_PAIRS:
        near: list[list[int]] = [[] for _ in grams]
        for i in range(k):
            for j in range(i + 1, k):
                if _similar(grams[i], grams[j]):
                    near[i].append(j)
                    near[j].append(i)
        return [sorted(n) for n in near]
    return _near_duplicates_as_bits(grams)


def _near_duplicates_as_bits(grams: list[frozenset[str]]) -> list[list[int]]:
    """:func:`_near_duplicates` with each shingle set as the bits of one integer, the sets taken
    by size so that each is compared only with the larger ones it can reach (:func:`_comparable`)."""
    vocabulary: dict[str, int] = {}
    masks = []
    for g in grams:
        mask = 0
        for gram in g:
            mask |= 1 << vocabulary.setdefault(gram, len(vocabulary))
        masks.append(mask)
    sizes = [len(g) for g in grams]
    order = sorted(range(len(grams)), key=sizes.__getitem__)
    near: list[list[int]] = [[] for _ in grams]
    for at, i in enumerate(order):
        mask, size = masks[i], sizes[i]
        for j in order[at + 1 :]:
            other = sizes[j]
            if size < COPY_JACCARD_LOW * other:  # not _comparable (a call per pair: a fifth of the time)
                break  # the sets after it are larger still
            if _similar_counts((mask & masks[j]).bit_count(), size, other):
                near[i].append(j)
                near[j].append(i)
    return [sorted(n) for n in near]


def _link_once(
    copies: Copies, linked: _UnionFind, key: tuple[tuple[str, ...], float], a: str, b: str
) -> None:
    """Link two articles unless this key's links already join them.

    A release's near-duplicate sentences link hundreds of articles pairwise (287,000
    links for 24,000 reports of a 200k-fact store's series); a spanning forest per key
    joins the same components, and is what an incremental run stores and reloads.
    """
    if linked.find(a) != linked.find(b):
        linked.union(a, b)
        copies.link(key, a, b)


# -- grouping ----------------------------------------------------------------------------------------


def group_id_for(bucket: Sequence[str], date_key: str | None) -> str:
    """Stable id of a statistic: a hash of its key, never of its members."""
    key = "|".join([*bucket, date_key or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def series_id_for(bucket: Sequence[str]) -> str:
    """Id of a time series: one metric, unit, scope, period and region over all dates."""
    return hashlib.sha1("|".join(["series", *bucket]).encode("utf-8")).hexdigest()[:16]


def _agreement(reports: Sequence[Report], others: Sequence[Report]) -> int:
    """How many pairs of reports agree (counted over distinct values: clusters of copies are large)."""
    mine, theirs = Counter(r.interval for r in reports), Counter(r.interval for r in others)
    return sum(n * m for a, n in mine.items() for b, m in theirs.items() if a.overlaps(b))


def _self_contradiction(reports: Sequence[Report], others: Sequence[Report]) -> bool:
    """One article giving two different values: two statistics, not one date at two precisions."""
    by_article: dict[str, set[Interval]] = defaultdict(set)
    for a in reports:
        by_article[a.article_id].add(a.interval)
    return any(not a.overlaps(b.interval) for b in others for a in by_article.get(b.article_id, ()))


def _may_join(period: Period, mine: Sequence[Report], cluster: Sequence[Report]) -> bool:
    """Whether reports dated ``period`` may join a cluster of finer dates it contains.

    A month joins its days ("by the end of June" is June 30). A year is usually a
    span ("this year", "in 2020"), so it joins a finer date only when the values
    agree as well. Never when the same article states a different value there.
    """
    if _self_contradiction(mine, cluster):
        return False
    return period.precision != "year" or _agreement(mine, cluster) > 0


def _cluster_text_dates(reports: Sequence[Report]) -> dict[str, list[Report]]:
    """Text-dated reports in date clusters keyed by their finest date (see the module doc)."""
    by_date: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        assert report.date is not None
        by_date[report.date].append(report)
    clusters: dict[str, list[Report]] = {}
    periods = sorted((p for p in map(parse_period, by_date) if p), key=lambda p: (p.rank, p.start, p.text))
    keys: dict[str, Period] = {}
    for period in periods:
        mine = by_date[period.text]
        candidates = [
            k
            for k, p in keys.items()
            if p != period and contains(period, p) and _may_join(period, mine, clusters[k])
        ]
        if not candidates:
            keys[period.text] = period
            clusters[period.text] = list(mine)
            continue
        best = max(candidates, key=lambda k: (_agreement(mine, clusters[k]), keys[k].end, k))
        clusters[best].extend(mine)
    return clusters


@dataclass(slots=True)
class Cluster:
    """The reports of one statistic at one date while grouping.

    ``key`` is the as_of shown (a text date, a publication date, a year, or None);
    ``anchor`` tells apart statistics that show the same key (two "this year"
    figures of different publication dates, undated figures of different articles);
    ``earliest``/``latest`` bound when the figure was true.
    """

    kind: str
    key: str | None
    anchor: str | None
    earliest: date | None
    latest: date | None
    precision: str | None
    reports: list[Report]

    @property
    def id_key(self) -> str | None:
        if self.kind == "text" or self.key is None and self.anchor is None:
            return self.key
        return f"{self.key or ''}@{self.kind}:{self.anchor}"


def _text_cluster(key: str, reports: list[Report]) -> Cluster:
    period = parse_period(key)
    assert period is not None
    return Cluster("text", key, None, period.start, period.end, period.precision, reports)


def _anchored_cluster(report: Report) -> Cluster:
    """A cluster for a figure dated only by its publication (or "this year" so far)."""
    when = report.when
    assert when is not None
    if report.kind == "running":
        year = parse_period(report.date)
        assert year is not None
        # "this year" so far: true some time between the start of the year and the publication
        return Cluster("running", year.text, when.text, year.start, when.end, "year", [report])
    return Cluster(
        "published", when.text, when.text, when.start - PUBLISHED_WINDOW, when.end, when.precision, [report]
    )


def _closeness(cluster: Cluster, when: Period) -> int:
    """Days from the cluster's (latest) date back from ``when``: 0 is the same date."""
    assert cluster.latest is not None
    return max(0, (when.end - min(cluster.latest, when.end)).days)


def _eligible(cluster: Cluster, report: Report) -> bool:
    """Whether a figure dated only by its publication (or "this year") may be the cluster's statistic.

    It was true some time on or before its publication date, within about a month
    (a "so far" figure is the latest release); "this year" figures stay in their year.
    """
    when = report.when
    assert when is not None and cluster.earliest is not None and cluster.latest is not None
    if cluster.earliest > when.end:
        return False  # dated after the report was published
    if report.kind == "running":
        year = parse_period(report.date)
        assert year is not None
        return year.start <= cluster.earliest and cluster.latest <= year.end
    return cluster.latest >= when.start - PUBLISHED_WINDOW


def _same_date(cluster: Cluster, report: Report) -> bool:
    """Dated close enough to be one date: a conflict there is a real one."""
    if cluster.kind == "text" and cluster.precision != "day":
        return False
    if report.kind == "running" and cluster.kind == "text":
        return False
    when = report.when
    assert when is not None and cluster.latest is not None
    return cluster.latest <= when.end and (when.end - cluster.latest).days <= SAME_DATE_DAYS


def _place_anchored(mine: Sequence[Report], clusters: list[Cluster]) -> None:
    """Put one article's ``published`` or ``running`` reports of one date in the closest earlier
    cluster they fit (agreeing values first, then one of the same date), else in their own."""
    report = mine[0]
    pool = [
        c
        for c in clusters
        if c.kind != "none" and _eligible(c, report) and not _self_contradiction(mine, c.reports)
    ]
    agreeing = [c for c in pool if _agreement(mine, c.reports) > 0]
    same = [c for c in pool if _same_date(c, report)]
    when = report.when
    assert when is not None
    for candidates in (agreeing, same):
        if candidates:
            best = min(
                candidates, key=lambda c: (_closeness(c, when), c.kind != "text", c.key or "", c.anchor or "")
            )
            best.reports.extend(mine)
            return
    cluster = _anchored_cluster(report)
    cluster.reports.extend(mine[1:])
    clusters.append(cluster)


def _units(reports: Iterable[Report]) -> list[list[Report]]:
    """Anchored reports by article, kind and date, oldest date first."""
    units: dict[tuple, list[Report]] = defaultdict(list)
    for r in reports:
        assert r.when is not None
        units[(r.when.end, r.kind, r.article_id, r.when.text)].append(r)
    return [sorted(units[k], key=lambda r: r.fact_id) for k in sorted(units)]


def _attach_copies(
    pending: list[Report], clusters: list[Cluster], copies: Copies, seen: _Placed | None = None
) -> list[Report]:
    """Copies of a better-dated report join that report's cluster; returns those that found none.

    ``seen``: where the clusters' reports are, kept by the caller between rounds (rebuilding
    it each round, and scanning a cluster of hundreds for a report's article, was a tenth of
    a 1M incremental run)."""
    seen = seen or _Placed(clusters)
    where = seen.where
    left = []
    for report in pending:
        # distinct clusters, first seen first: a class of hundreds of copies sits in a few clusters
        targets = list(
            {
                id(where[o.fact_id]): where[o.fact_id]
                for o in copies.partners(report)
                if o.fact_id in where and _DATE_RANK[o.kind] < _DATE_RANK[report.kind]
            }.values()
        )
        targets = [c for c in targets if not seen.contradicts(report, c)]
        if targets:
            best = min(targets, key=lambda c: (_DATE_RANK[c.kind], c.key or "", c.anchor or ""))
            seen.add(report, best)
        else:
            left.append(report)
    return left


class _Placed:
    """The clusters' reports by fact id, and each cluster's value intervals by article.

    :func:`_self_contradiction` of one report against a cluster, from the index."""

    def __init__(self, clusters: list[Cluster]) -> None:
        self.where = {r.fact_id: c for c in clusters for r in c.reports}
        self.intervals: dict[int, dict[str, list[Interval]]] = {}

    def _of(self, cluster: Cluster) -> dict[str, list[Interval]]:
        index = self.intervals.get(id(cluster))
        if index is None:
            index = defaultdict(list)
            for r in cluster.reports:
                index[r.article_id].append(r.interval)
            self.intervals[id(cluster)] = index
        return index

    def contradicts(self, report: Report, cluster: Cluster) -> bool:
        """``_self_contradiction([report], cluster.reports)``."""
        return any(not report.interval.overlaps(i) for i in self._of(cluster).get(report.article_id, ()))

    def add(self, report: Report, cluster: Cluster) -> None:
        cluster.reports.append(report)
        self.where[report.fact_id] = cluster
        if id(cluster) in self.intervals:
            self.intervals[id(cluster)][report.article_id].append(report.interval)


#: how well a kind of date pins a figure down (lower is better)
_DATE_RANK = {"text": 0, "running": 1, "published": 2, "none": 3}


def cluster_dates(reports: Sequence[Report], copies: Copies | None = None) -> list[Cluster]:
    """Split one bucket's reports into statistics by date (see the module doc)."""
    if len(reports) == 1 and reports[0].kind == "text":  # most buckets: one dated report, one statistic
        return [_text_cluster(str(reports[0].date), list(reports))]
    copies = copies or Copies()
    weak = {
        r.fact_id
        for r in reports
        if r.kind != "text" and copies.best_rank(r) < _DATE_RANK[r.kind] and copies.better_partner(r)
    }
    text = [r for r in reports if r.kind == "text"]
    clusters = [_text_cluster(k, v) for k, v in _cluster_text_dates(text).items()]
    anchored = [r for r in reports if r.kind in ("published", "running") and r.fact_id not in weak]
    for unit in _units(anchored):
        _place_anchored(unit, clusters)
    pending = [r for r in reports if r.fact_id in weak]
    placed = _Placed(clusters)
    while True:  # copies join the cluster of the better-dated report they copy (chains too)
        left = _attach_copies(pending, clusters, copies, placed)
        if len(left) == len(pending):
            break
        pending = left
    for unit in _units(r for r in pending if r.kind in ("published", "running")):
        _place_anchored(unit, clusters)
    undated = [r for r in reports if r.kind == "none" and r.fact_id not in weak]
    undated += [r for r in pending if r.kind == "none"]
    by_article: dict[str, list[Report]] = defaultdict(list)
    for report in undated:
        by_article[report.article_id].append(report)
    for article in sorted(by_article):
        mine = by_article[article]
        target = next(
            (
                c
                for c in clusters
                if c.kind == "none"
                and _agreement(mine, c.reports) > 0
                and not _self_contradiction(mine, c.reports)
            ),
            None,
        )
        if target is not None:
            target.reports.extend(mine)
        else:
            clusters.append(Cluster("none", None, article, None, None, None, list(mine)))
    return clusters


@dataclass(slots=True)
class Group:
    """A statistic and its reports, with the decision once made."""

    group_id: str
    bucket: tuple[str, ...]
    date_key: str | None
    reports: list[Report]
    claims: dict[tuple, list[Report]] = field(default_factory=dict)
    preferred: tuple | None = None
    winner: tuple | None = None
    by_language: bool = False  # the original-language rule broke a near tie
    flags: list[dict[str, str]] = field(default_factory=list)
    kind: str = "text"
    earliest: date | None = None
    latest: date | None = None
    anchor: str | None = None
    originals: dict[str, str] = field(
        default_factory=dict
    )  # article -> the article it copies (itself if none)
    #: (preferred, the articles stating a value that agrees with it), computed once per preferred value
    _stating: tuple[tuple | None, frozenset[str]] | None = field(default=None, repr=False)

    def articles_stating_preferred(self) -> frozenset[str]:
        """Articles that report a value agreeing with the preferred one (asked once per member)."""
        if self._stating is None or self._stating[0] != self.preferred:
            interval = self.interval
            articles = frozenset(r.article_id for r in self.reports if r.interval.overlaps(interval))
            self._stating = (self.preferred, articles)
        return self._stating[1]

    @property
    def metric(self) -> str:
        return self.bucket[0]

    @property
    def interval(self) -> Interval:
        return self.claims_of_preferred[0].interval

    @property
    def claims_of_preferred(self) -> list[Report]:
        assert self.preferred is not None
        return self.claims[self.preferred]

    def independent(self, reports: Iterable[Report]) -> list[Report]:
        """One report per chain of copies (the original's, else the earliest), in a stable order."""
        if isinstance(reports, list) and len(reports) == 1:
            return list(reports)
        chosen: dict[str, Report] = {}
        for report in sorted(
            reports, key=lambda r: (r.article_id != self.originals.get(r.article_id), r.article_id, r.fact_id)
        ):
            chosen.setdefault(self.originals.get(report.article_id, report.article_id), report)
        return [chosen[k] for k in sorted(chosen)]


def build_groups(reports: Iterable[Report], copies: Copies | None = None) -> list[Group]:
    """Bucket by statistic, cluster by date, and collect each group's distinct values (claims)."""
    reports = list(reports)
    copies = copies or find_copies(reports)
    buckets: dict[tuple[str, ...], list[Report]] = defaultdict(list)
    for report in reports:
        buckets[report.bucket].append(report)
    groups = []
    for bucket in sorted(buckets):
        seen: set[str] = set()
        for cluster in sorted(
            cluster_dates(buckets[bucket], copies),
            key=lambda c: (c.id_key or "", min(r.fact_id for r in c.reports)),
        ):
            members = sorted(cluster.reports, key=lambda r: (r.article_id, r.fact_id))
            id_key = cluster.id_key
            if id_key in seen:  # one article's two statistics at one publication date
                id_key = f"{id_key or ''}#{members[0].fact_id}"
            seen.add(id_key or "")
            group = Group(
                group_id_for(bucket, id_key),
                bucket,
                cluster.key,
                members,
                kind=cluster.kind,
                earliest=cluster.earliest,
                latest=cluster.latest,
                anchor=cluster.anchor,
                originals=copies.original(r.article_id for r in members),
            )
            for report in members:
                group.claims.setdefault(report.claim, []).append(report)
            groups.append(group)
    return sorted(groups, key=lambda g: g.group_id)


# -- deciding ----------------------------------------------------------------------------------------


def learn(
    groups: Sequence[Group],
    params: TruthParams | None,
    priors: Mapping[str, float] | None,
    fixed: Mapping[str, float] | None = None,
) -> TruthResult:
    """Source reliability and value confidence over the whole corpus (TruthFinder); ``fixed``:
    reliabilities held (an incremental run's, learned by the last full run)."""
    objects = {
        g.group_id: [
            Claim(key, frozenset(r.source for r in g.independent(reports)), reports[0].interval)
            for key, reports in g.claims.items()
        ]
        for g in groups
    }
    return truthfinder(objects, similarity, params, priors, fixed)


def _articles(reports: Iterable[Report]) -> int:
    return len({r.article_id for r in reports})


#: Confidences closer than this are a tie that the original-language rule breaks.
NEAR_TIE = 0.01


def _in_original_language(reports: Sequence[Report]) -> bool:
    """Whether a Chinese-language report states this value.

    China's statistics are first published in Chinese; English reports are mostly
    translations, where slips (a factor of 10, a misread 万) happen. When learned
    reliabilities cannot separate two values, the one in the original language wins.
    """
    return any(r.fact.get("language") == "zh" for r in reports)


def decide(group: Group, confidence: Mapping[Hashable, float], ceiling: float | None = None) -> None:
    """Pick the winning value, then refine it to the most precise value that agrees with it.

    A value that cannot be true (a rate over 100%, a part above ``ceiling``, the
    total of the same region and date) wins only when every value is impossible.
    Copies of one story count once (their sources are not independent).
    """
    claims = group.claims
    if len(claims) == 1:  # one value (most groups): it wins, and nothing is finer
        (group.winner,) = (group.preferred,) = claims
        group.by_language = False
        return

    def strength(key: tuple) -> tuple:
        reports = group.independent(claims[key])
        return (
            round(confidence[key], 9),
            len({r.source for r in reports}),
            _articles(reports),
            -_BOUND_ORDER.get(key[2], 4),
            -claims[key][0].interval.width,
            key[0],
        )

    def possible(key: tuple) -> bool:
        if group.bucket[1] == "percent" and group.metric not in PERCENT_CAN_EXCEED_100 and key[0] > 100:
            return False
        return ceiling is None or claims[key][0].interval.lo <= ceiling

    pool = [k for k in claims if possible(k)] or list(claims)
    best = max(pool, key=strength)
    rivals = [
        k
        for k in pool
        if confidence[best] - confidence[k] < NEAR_TIE and not _agrees(claims[k], claims[best][0].interval)
    ]
    winner = max([best, *rivals], key=lambda k: (_in_original_language(claims[k]), strength(k)))
    group.by_language = winner != best or (
        _in_original_language(claims[best]) and any(not _in_original_language(claims[k]) for k in rivals)
    )
    current = winner
    while True:
        here = claims[current][0].interval
        finer = [k for k in pool if claims[k][0].interval.width < here.width and _agrees(claims[k], here)]
        if not finer:
            break
        current = max(finer, key=lambda k: (strength(k), -claims[k][0].interval.width))
    group.winner, group.preferred = winner, current


def _agrees(reports: Sequence[Report], interval: Interval) -> bool:
    return reports[0].interval.overlaps(interval)


def status_of(group: Group) -> str:
    """``conflict`` only when an article disagrees without also stating the preferred value.

    One article giving two values under one key (a subsidy per workshop and one per
    worker) states two statistics; that earns an ``other`` flag, not a conflict.
    """
    if any(
        not r.interval.overlaps(group.interval) and not _states_preferred(group, r.article_id)
        for r in group.reports
    ):
        return "conflict"
    return "single" if _articles(group.reports) == 1 else "agreed"


def _flag(report: Report, reason: str, detail: str) -> dict[str, str]:
    return {"fact_id": report.fact_id, "reason": reason, "detail": detail}


def value_flags(group: Group) -> list[dict[str, str]]:
    """Flags that one group's own values raise: order of magnitude, percent over 100, a second statistic."""
    flags = []
    unit = group.bucket[1]
    preferred = fmt_value(*group.preferred, unit)  # type: ignore[misc]
    for report in group.reports:
        text = _LazyText(report, unit)  # formatted only for a flagged report (most are not)
        if not report.interval.overlaps(group.interval):
            slip = magnitude_slip(report.interval, group.interval)
            if not slip and not _states_preferred(group, report.article_id):
                slip = dropped_digits(report.claim[0], group.preferred[0])  # type: ignore[index]
            if slip:
                detail = f"{text} is a factor of {slip[0]:,} {slip[1]} the preferred {preferred}"
                flags.append(
                    _flag(report, "order_of_magnitude", f"{detail}: a translation slip or a misread 万/亿?")
                )
            elif _states_preferred(group, report.article_id):
                detail = (
                    f"{text}: article {report.article_id} also gives {preferred} for this metric, region and "
                    "date; probably two statistics (another place, period or scope), not a contradiction"
                )
                flags.append(_flag(report, "other", detail))
        if unit == "percent" and group.metric not in PERCENT_CAN_EXCEED_100 and report.claim[0] > 100:
            detail = f"{text}: a share of {group.metric.replace('_', ' ')} cannot exceed 100%"
            flags.append(_flag(report, "percent_over_100", detail))
    return flags


class _LazyText:
    """A report's value and source as a flag shows them, formatted when first shown."""

    __slots__ = ("report", "unit")

    def __init__(self, report: Report, unit: str) -> None:
        self.report, self.unit = report, unit

    def __format__(self, spec: str) -> str:
        return format(f"{fmt_value(*self.report.claim, self.unit)} ({self.report.source})", spec)


def _states_preferred(group: Group, article_id: str) -> bool:
    """The article also reports a value that agrees with the preferred one."""
    return article_id in group.articles_stating_preferred()


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """What a decided group gives the flags and ceilings of other groups, kept between runs.

    Parts are capped and flagged by their totals of the same moment, cumulative counts
    by the top earlier figure of their series (:func:`decide_all`). An incremental run
    re-decides some date windows of a series only; the groups of the other windows take
    part through their summaries, and a summary that changes tells which of them must
    be re-decided (:mod:`fupin.corpus.reconcile_state`).
    """

    group_id: str
    bucket: tuple[str, ...]
    kind: str
    earliest: date | None
    latest: date | None
    anchor: str | None
    interval: Interval
    label: str  # the preferred value as flags show it
    description: str  # :func:`_describe`

    @property
    def metric(self) -> str:
        return self.bucket[0]

    @property
    def preferred(self) -> bool:
        return True  # only decided groups are summarized


#: metrics whose groups cap, flag or are flagged by other groups (parts, totals, cumulative counts)
CONTEXT_METRICS = frozenset({*CUMULATIVE, *PARTS_OF, *PARTS_OF.values()})


def summarize(group: Group) -> GroupSummary:
    """A decided group's :class:`GroupSummary`."""
    return GroupSummary(
        group.group_id,
        group.bucket,
        group.kind,
        group.earliest,
        group.latest,
        group.anchor,
        group.interval,
        _label(group),
        _describe(group),
    )


def _label(group: Group | GroupSummary) -> str:
    if isinstance(group, GroupSummary):
        return group.label
    return fmt_value(*group.preferred, group.bucket[1])  # type: ignore[misc]


def _describe(group: Group | GroupSummary) -> str:
    if isinstance(group, GroupSummary):
        return group.description
    region = _region(group)
    if group.kind == "published":
        when = f"as of {group.date_key} (its publication date)"
    elif group.kind == "running":
        when = f"in {group.date_key} so far (published {group.anchor})"
    else:
        when = f"as of {group.date_key}" if group.date_key else "with no date"
    return f"{region.get('name')} {when} (group {group.group_id})"


def _moment(g: Group | GroupSummary) -> tuple[date, date] | None:
    """The dates a statistic is *of*, to compare it with another of the same moment: a text
    date's span; a publication date (or "this year" so far) give their publication date, a
    few days wide (a release and its reports)."""
    if g.latest is None or g.earliest is None:
        return None
    if g.kind == "text":
        return g.earliest, g.latest
    return g.latest - timedelta(days=SAME_DATE_DAYS), g.latest


def _overlap(a: Group | GroupSummary, b: Group | GroupSummary) -> bool:
    """The two statistics are of one moment (undated ones: of one article)."""
    ma, mb = _moment(a), _moment(b)
    if ma is None or mb is None:
        return ma is None and mb is None and a.anchor == b.anchor
    return ma[0] <= mb[1] and mb[0] <= ma[1]


def _totals_index(groups: Iterable[Group | GroupSummary]) -> dict[tuple, list[Group | GroupSummary]]:
    totals: dict[tuple, list[Group | GroupSummary]] = defaultdict(list)
    for g in groups:
        totals[(g.metric, *g.bucket[1:])].append(g)
    return totals


def _totals_of(
    part: Group | GroupSummary, totals: Mapping[tuple, list[Group | GroupSummary]]
) -> list[Group | GroupSummary]:
    """Decided total groups (workshops for resumed workshops, ...) of the part's region at its date."""
    total_metric = PARTS_OF.get(part.metric)
    if not total_metric:
        return []
    return [t for t in totals.get((total_metric, *part.bucket[1:]), []) if t.preferred and _overlap(part, t)]


def exceeds_total_flags(groups: Sequence[Group], context: Sequence[GroupSummary] = ()) -> None:
    """A part (resumed workshops, ...) larger than its total for the same region and date.

    Flagged: every report above the total when the preferred value is, else the
    dissenting reports above it (the reason they lost); not a second statistic of
    an article that also gives the preferred value. ``context``: decided groups of
    other date windows (totals among them count).
    """
    totals = _totals_index([*groups, *context])
    for part in groups:
        for total in _totals_of(part, totals):
            whole = f"{_label(total)} {total.metric}"
            preferred_exceeds = part.interval.lo > total.interval.hi
            for report in part.reports:
                dissent = not report.interval.overlaps(part.interval) and not _states_preferred(
                    part, report.article_id
                )
                if report.interval.lo > total.interval.hi and (preferred_exceeds or dissent):
                    text = f"{fmt_value(*report.claim, part.bucket[1])} {part.metric} ({report.source})"
                    detail = f"{text} exceeds the {whole} reported for {_describe(total)}"
                    part.flags.append(_flag(report, "exceeds_total", detail))


def _earlier(
    members: Sequence[Group | GroupSummary], later: Group | GroupSummary, same_year: bool
) -> list[Group | GroupSummary]:
    """Groups of a series surely dated before ``later`` (in the same year if asked)."""
    out = []
    for g in members:
        assert g.latest is not None and later.earliest is not None
        if g.latest < later.earliest and (not same_year or g.latest.year == later.earliest.year):
            out.append(g)
    return out


def cumulative_series(groups: Iterable[Group | GroupSummary]) -> dict[tuple, list[Group | GroupSummary]]:
    """Dated groups of cumulative counts by series (bucket)."""
    series: dict[tuple, list[Group | GroupSummary]] = defaultdict(list)
    for g in groups:
        if g.metric in CUMULATIVE and g.earliest is not None:
            series[g.bucket].append(g)
    return series


def top_earlier(
    members: Sequence[Group | GroupSummary], later: Group | GroupSummary
) -> Group | GroupSummary | None:
    """The earlier figure of the series that ``later`` falls below (the highest), if any."""
    earlier = _earlier(members, later, CUMULATIVE[later.bucket[0]] == "year")
    if not earlier:
        return None
    top = max(earlier, key=lambda g: (g.interval.lo, g.group_id))
    return None if top.interval.lo <= later.interval.hi else top


def was_reported(top: Group | GroupSummary) -> str:
    """How a cumulative-decrease flag names the earlier figure."""
    return f"{_label(top)} reported for {_describe(top)}"


def cumulative_decrease_flags(groups: Sequence[Group], context: Sequence[GroupSummary] = ()) -> None:
    """A cumulative count that is lower than an earlier figure for the same region.

    Dates are spans: a figure dated by its publication was true up to a month
    before it, so it is compared only with figures surely older than that.
    ``context``: decided groups of other date windows of the same series.
    """
    for bucket, members in cumulative_series([*groups, *context]).items():
        for later in members:
            if isinstance(later, GroupSummary):
                continue  # another window's group: not re-decided here
            top = top_earlier(members, later)
            if top is None:
                continue
            was = was_reported(top)
            for report in later.reports:
                if report.interval.hi < top.interval.lo:
                    now = f"{fmt_value(*report.claim, bucket[1])} ({report.source}) as of {later.date_key}"
                    detail = f"{bucket[0]} is a cumulative count but falls to {now} from {was}"
                    later.flags.append(_flag(report, "cumulative_decrease", detail))


# -- records -----------------------------------------------------------------------------------------


def _region(group: Group) -> dict[str, Any]:
    """The region as the preferred value's report names it (one with an adcode first)."""
    pool = group.claims[group.preferred] if group.preferred else group.reports
    best = min(pool, key=lambda r: (not r.fact["region"].get("adcode"), r.article_id, r.fact_id))
    return dict(best.fact["region"])


def _member(report: Report, agrees: bool, copy_of: str | None = None) -> dict[str, Any]:
    fact = report.fact
    member = {
        "fact_id": report.fact_id,
        "article_id": report.article_id,
        "source": fact.get("source"),
        "url": fact.get("url"),
        "language": fact.get("language"),
        "value": plain_number(fact["value"]),
        "value_max": plain_number(fact.get("value_max")),
        "bound": report.claim[2],
        "as_of": fact.get("as_of"),
        "agrees": agrees,
    }
    if copy_of is not None:
        member["copy_of"] = copy_of  # the article this one copies: no independent evidence
    return member


def _support(group: Group, reprinted_by: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """Who reports the statistic, counting each chain of copies (and reprint links) once."""
    sources = sorted({r.source for r in group.reports})
    independent = group.independent(group.reports)
    support: dict[str, Any] = {
        "articles": _articles(group.reports),
        "sources": sources,
        "languages": sorted({str(r.fact["language"]) for r in group.reports if r.fact.get("language")}),
        "agreeing_articles": _articles(r for r in group.reports if r.interval.overlaps(group.interval)),
        "independent_sources": len({r.source for r in independent}),
        "independent_articles": len(independent),
    }
    members = {r.article_id for r in group.reports}
    copies = sorted({(a, o) for a, o in group.originals.items() if a != o and a in members})
    if copies:
        support["copies"] = [{"article_id": a, "copy_of": o} for a, o in copies]
    reprints = sorted({s for r in group.reports for s in reprinted_by.get(r.article_id, ())} - set(sources))
    if reprints:
        support["reprinted_by"] = reprints  # outlets that carried a member article (the crawler's links)
    return support


def _explain(
    group: Group, status: str, trust: Mapping[str, float], confidence: Mapping[Hashable, float]
) -> str:
    unit = group.bucket[1]
    n_articles = _articles(group.reports)
    sources = sorted({r.source for r in group.reports})
    languages = sorted({str(r.fact.get("language")) for r in group.reports if r.fact.get("language")})
    head = (
        f"{len(group.reports)} report{'s' * (len(group.reports) != 1)} in {n_articles} "
        f"article{'s' * (n_articles != 1)} from {len(sources)} source{'s' * (len(sources) != 1)}"
        + (f" ({', '.join(languages)})" if languages else "")
        + "."
    )
    claims = sorted(group.claims, key=lambda k: (-confidence[k], k[0]))
    parts = []
    for key in claims:
        by = sorted({r.source for r in group.claims[key]})
        who = ", ".join(f"{s} {trust[s]:.2f}" if s in trust else f"{s} (a copy)" for s in by)
        parts.append(f"{fmt_value(*key, unit)} from {who} (confidence {confidence[key]:.2f})")
    values = "Values with source reliability: " + "; ".join(parts) + "."
    preferred = fmt_value(*group.preferred, unit)  # type: ignore[misc]
    if status == "single" and len(group.claims) == 1:
        why = f"Preferred {preferred}: the only value reported; nothing to compare it with."
    elif len(group.claims) == 1:
        why = f"Preferred {preferred}: every report gives it."
    else:
        winner = fmt_value(*group.winner, unit)  # type: ignore[misc]
        runner_up = max(confidence[k] for k in group.claims if k != group.winner)
        if group.by_language:
            why = (
                f"{winner} is the value reported in Chinese, the original language of these statistics: "
                f"TruthFinder confidences are a near tie ({confidence[group.winner]:.4f} against "
                f"{runner_up:.4f}), and slips happen in translation"
            )
        else:
            why = (
                f"{winner} has the highest TruthFinder confidence (the reliabilities of its sources, "
                "learned from agreement across the corpus, and support from values that agree with it)"
            )
            if confidence[group.winner] - runner_up < NEAR_TIE:
                why += f", narrowly ({confidence[group.winner]:.4f} against {runner_up:.4f})"
        if group.winner != group.preferred:
            why += f"; preferred {preferred}, the most precise value consistent with it"
        why += "."
        dissent = sorted(
            {fmt_value(*r.claim, unit) for r in group.reports if not r.interval.overlaps(group.interval)}
        )
        if dissent:
            why += f" Disagreeing: {', '.join(dissent)}."
    return f"{head} {values} {why}"


#: what dates a statistic, by the kind of its date cluster
_AS_OF_SOURCE = {"text": "text", "running": "text", "published": "published", "none": None}


def to_record(
    group: Group,
    trust: Mapping[str, float],
    confidence: Mapping[Hashable, float],
    reprinted_by: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """A reconciled.schema.json record for a decided group."""
    metric, unit, scope, period, _ = group.bucket
    status = status_of(group)
    value, value_max, bound = group.preferred  # type: ignore[misc]
    original = group.claims[group.preferred][0].fact  # type: ignore[index]
    sources = sorted({r.source for r in group.reports})
    record = {
        "group_id": group.group_id,
        "series_id": series_id_for(group.bucket),
        "metric": metric,
        "unit": unit or None,
        "scope": scope or None,
        "period": period or None,
        "region": _region(group),
        "as_of": group.date_key,
        "as_of_source": _AS_OF_SOURCE[group.kind],
        "value": plain_number(original["value"]),
        "value_max": plain_number(original.get("value_max")) if bound == "range" else None,
        "bound": bound,
        "status": status,
        "support": _support(group, reprinted_by or {}),
        "members": [
            _member(r, r.interval.overlaps(group.interval), _copy_of(group, r)) for r in group.reports
        ],
        "flags": sorted(group.flags, key=lambda f: (f["reason"], f["fact_id"], f.get("detail", ""))),
        "source_reliability": {s: round(trust[s], 4) for s in sources if s in trust},
        "explanation": _explain(group, status, trust, confidence),
    }
    if group.kind == "running":
        record["as_of_until"] = group.anchor  # "this year" so far: the publication date it was reported by
    return record


def _copy_of(group: Group, report: Report) -> str | None:
    original = group.originals.get(report.article_id, report.article_id)
    return None if original == report.article_id else original


def decision(record: Mapping[str, Any]) -> tuple:
    """What a record decides, leaving out learned numbers and prose that drift with the rest of the corpus."""
    members = tuple(
        (
            m["fact_id"],
            m["article_id"],
            m.get("value"),
            m.get("bound"),
            m.get("as_of"),
            m.get("agrees"),
            m.get("copy_of"),
        )
        for m in record.get("members", [])
    )
    flags = tuple((f["fact_id"], f["reason"], f.get("detail")) for f in record.get("flags", []))
    support = record.get("support") or {}
    return (
        record.get("series_id"),
        record.get("as_of_until"),
        support.get("independent_sources"),
        tuple(support.get("reprinted_by") or ()),
        record.get("metric"),
        record.get("as_of"),
        record.get("value"),
        record.get("value_max"),
        record.get("bound"),
        record.get("status"),
        json.dumps(record.get("region"), sort_keys=True, ensure_ascii=False),
        members,
        flags,
    )


def decision_digest(record: Mapping[str, Any]) -> str:
    """A hash of :func:`decision`: what an incremental run compares a re-decided group's new record
    with, instead of loading and parsing the stored record (a national group's holds hundreds of
    members: parsing 900 of them was a twentieth of a 1M incremental run)."""
    return hashlib.sha1(repr(decision(record)).encode("utf-8")).hexdigest()[:32]


# -- the entry points --------------------------------------------------------------------------------


@dataclass(slots=True)
class Reconciliation:
    """The outcome of a run: records, ids of previous groups that no longer exist, and what was learned."""

    records: list[dict[str, Any]]
    removed: list[str]
    changed: list[str]
    trust: dict[str, float]
    iterations: int
    converged: bool

    #: counts of the records as they were built (they may have been written and dropped)
    tally: dict[str, int] = field(default_factory=dict)
    #: why a store run reconciled everything rather than what changed ("" when it did not, or was asked to)
    full_because: str = ""

    def counts(self) -> dict[str, int]:
        out = {"groups": len(self.records), "single": 0, "agreed": 0, "conflict": 0, "flagged": 0}
        for record in self.records:
            out[record["status"]] += 1
            out["flagged"] += bool(record.get("flags"))
        out["facts"] = sum(len(r["members"]) for r in self.records)
        if self.tally:  # counted as the records were built (some may have been dropped since)
            out.update(self.tally)
        out["changed"] = len(self.changed)
        out["removed"] = len(self.removed)
        out["iterations"] = self.iterations
        return out


def _unique(facts: Iterable[Mapping[str, Any]]) -> list[Report]:
    """Prepared reports, one per fact id (a later copy of a fact replaces an earlier one)."""
    reports: dict[str, Report] = {}
    for fact in facts:
        report = prepare(fact)
        reports[report.fact_id] = report
    return [reports[k] for k in sorted(reports)]


def run_reconciliation(
    facts: Iterable[Mapping[str, Any]],
    previous: Iterable[Mapping[str, Any]] | None = None,
    params: TruthParams | None = None,
    priors: Mapping[str, float] | None = None,
    reuse: bool = True,
    reprints: Mapping[str, Sequence[str]] | None = None,
    copies: Iterable[tuple[str, str]] = (),
) -> Reconciliation:
    """Reconcile facts; with ``previous`` records, unchanged groups keep their previous record verbatim.

    ``reuse=False`` rebuilds every record (fresh reliabilities and explanations) but
    still reports which previous groups are gone. ``reprints``: article id -> the
    other outlets that carried it (the crawler's reprint links), shown in support
    and never counted as independent sources. ``copies``: (article id, id of the
    article it copies) pairs from the store's near-duplicate links; a copy's facts
    count once with the original's.
    """
    stream = stream_reconciliation(facts, previous, params, priors, reuse, reprints, copies)
    records = list(stream.records)
    return stream.result(records)


@dataclass(slots=True)
class RecordStream:
    """Decided groups whose records are built one at a time, in output order.

    A million facts make some 600,000 records (3 GB as dicts): the file command
    writes each as it is built. A group in ``old_decisions`` (an incremental store run)
    whose decision is unchanged is not rewritten and its record is not loaded: the
    record yielded for it is the new one, equal in decision to the stored one.
    ``result`` is the :class:`Reconciliation` once the
    stream is consumed (``changed`` and the counts are tallied on the way).
    """

    groups: list[Group]
    learned: TruthResult
    old: dict[str, dict[str, Any]]
    reuse: bool
    reprints: Mapping[str, Sequence[str]] | None
    copies: Copies | None = None  # the copy links found, for the incremental state
    #: group id -> :func:`decision_digest` of its previous record, for groups not in ``old`` (incremental)
    old_decisions: Mapping[str, str] | None = None
    #: group id -> :func:`decision_digest` of each record built, kept when not None (for the state)
    decided: dict[str, str] | None = None
    changed: list[str] = field(default_factory=list)
    tally: Counter = field(default_factory=Counter)

    @property
    def records(self) -> Iterator[dict[str, Any]]:
        trust, confidence = self.learned.trust, self.learned.confidence
        with paused_gc():
            for group in self.groups:
                record = to_record(group, trust, confidence[group.group_id], self.reprints)
                digest = None if self.decided is None else decision_digest(record)
                if self.decided is not None:
                    self.decided[group.group_id] = digest  # type: ignore[assignment]
                if self.old_decisions is not None and group.group_id in self.old_decisions:
                    if not (self.reuse and self.old_decisions[group.group_id] == digest):
                        self.changed.append(group.group_id)
                else:
                    kept = self.old.get(group.group_id)
                    if self.reuse and kept is not None and decision(kept) == decision(record):
                        record = kept
                    if kept != record:
                        self.changed.append(group.group_id)
                self.tally[record["status"]] += 1
                self.tally["flagged"] += bool(record.get("flags"))
                self.tally["facts"] += len(record["members"])
                yield record

    def changed_records(self) -> Iterator[dict[str, Any]]:
        """The records that differ from the previous ones (all are built; the others are dropped)."""
        for record in self.records:
            if self.changed and self.changed[-1] == record["group_id"]:
                yield record

    def result(self, records: list[dict[str, Any]] | None = None) -> Reconciliation:
        previous = set(self.old) | set(self.old_decisions or ())
        removed = sorted(previous - {g.group_id for g in self.groups})
        learned = self.learned
        outcome = Reconciliation(
            records or [], removed, sorted(self.changed), learned.trust, learned.iterations, learned.converged
        )
        outcome.tally = {"groups": len(self.groups), **self.tally}
        return outcome


def stream_reconciliation(
    facts: Iterable[Mapping[str, Any]],
    previous: Iterable[Mapping[str, Any]] | None = None,
    params: TruthParams | None = None,
    priors: Mapping[str, float] | None = None,
    reuse: bool = True,
    reprints: Mapping[str, Sequence[str]] | None = None,
    copies: Iterable[tuple[str, str]] = (),
    keep_decisions: bool = False,
) -> RecordStream:
    """:func:`run_reconciliation`, with the records left to build one by one (see :class:`RecordStream`;
    ``keep_decisions``: the digest of each record's decision too, for a store's state)."""
    with paused_gc():
        reports = _unique(facts)
        found = find_copies(reports, copies)
        groups = build_groups(reports, found)
        learned = learn(groups, params, priors)
        decide_all(groups, learned)
        old = {r["group_id"]: dict(r) for r in previous or ()}
        groups.sort(key=_group_order)
    return RecordStream(groups, learned, old, reuse, reprints, found, decided={} if keep_decisions else None)


def decide_all(groups: Sequence[Group], learned: TruthResult, context: Sequence[GroupSummary] = ()) -> None:
    """Decide every group (totals before their parts) and raise the flags; ``context``: decided
    groups of other date windows that cap or flag these (see :class:`GroupSummary`)."""
    totals = _totals_index([*groups, *context])
    # totals first: a part (resumed workshops) cannot prefer a value above its total
    for group in sorted(groups, key=lambda g: g.metric in PARTS_OF):
        ceilings = [t.interval.hi for t in _totals_of(group, totals)]
        decide(group, learned.confidence[group.group_id], min(ceilings) if ceilings else None)
    for group in groups:
        group.flags = value_flags(group)
    exceeds_total_flags(groups, context)
    cumulative_decrease_flags(groups, context)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while reconciling.

    Reconciliation makes millions of long-lived objects and almost no cycles; each
    full collection walks all of them, so collections cost more the more facts there
    are (at 100k facts, 17 of 28 s). Reference counting still frees what is dropped.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _group_order(group: Group) -> tuple:
    """:func:`_order` of the group's record, known before the record is built."""
    region = _region(group)
    where = (region.get("province") or "", region.get("name") or "")
    return (group.metric, *where, group.date_key or "", group.group_id)


def _order(record: Mapping[str, Any]) -> tuple:
    region = record.get("region") or {}
    where = (region.get("province") or "", region.get("name") or "")
    return (record["metric"], *where, record.get("as_of") or "", record["group_id"])


def reconcile(
    facts: Iterable[Mapping[str, Any]],
    previous: Iterable[Mapping[str, Any]] | None = None,
    params: TruthParams | None = None,
    priors: Mapping[str, float] | None = None,
) -> list[dict[str, Any]]:
    """Group facts that state the same statistic and decide each group (see the module doc).

    ``previous``: the records of an earlier run; a group whose decision is the same
    keeps its earlier record byte for byte. ``priors``: optional initial
    reliability per source (otherwise TruthFinder's uniform 0.9); the learned
    reliabilities, not the priors, decide.
    """
    return run_reconciliation(facts, previous, params, priors).records


def reprint_links(store: Any) -> dict[str, list[str]]:
    """The crawler's reprint links: article id -> the other outlets whose URLs carried the same story.

    The store keeps a reprint (same content hash or a near-duplicate simhash) as one
    article with several URLs in ``article_urls``; those outlets add no independent
    evidence, and reconciled records name them under ``support.reprinted_by``.
    """
    rows = store.connection.execute(
        "SELECT u.article_id, u.source FROM article_urls u JOIN articles a USING (article_id) "
        "WHERE u.source IS NOT NULL AND u.source IS DISTINCT FROM a.source ORDER BY 1, 2"
    ).fetchall()
    links: dict[str, list[str]] = defaultdict(list)
    for article_id, source in rows:
        if source not in links[article_id]:
            links[article_id].append(source)
    return dict(links)


def reconcile_store(store: Any, *, full: bool = False, params: TruthParams | None = None) -> Reconciliation:
    """Reconcile the store's facts and write the reconciled table (one commit).

    After a first full run, a run reconciles only the statistics that new, changed
    or removed facts touch (:mod:`fupin.corpus.reconcile_state`: same groups, flags
    and decisions; reliabilities held at the last full run's), and its result holds
    those groups' records. Only groups whose decision changed are rewritten and
    groups that no longer exist are removed; ``full`` reconciles everything and
    rewrites every group with freshly learned reliabilities. ``store`` is a
    :class:`fupin.corpus.store.Store` open for writing.
    """
    from fupin.corpus import reconcile_state

    with store.run("reconcile") as log:
        why = "" if full else reconcile_state.state_problem(store, params)
        outcome = None if full or why else reconcile_state.incremental(store, params)
        if outcome is None and not full and not why:
            why = "the changes reach too far for an incremental run"
        result, written = outcome or _reconcile_store_in_full(store, full, params)
        result.full_because = why
        for key, n in {**result.counts(), **written}.items():
            log.count(key, n)
    return result


def write_changed(store: Any, stream: RecordStream) -> tuple[Reconciliation, dict[str, int]]:
    """Upsert the changed records only, remove the gone groups; the others count as unchanged.

    The store checks and writes a group at a time (3 to 4 statements and a schema
    validation each: about 4 ms), so passing it the records known to be unchanged
    would cost most of an incremental run; and a million facts' records held at
    once take 3 GB. The result holds the changed records.
    """
    records = list(stream.changed_records())
    result = stream.result(records)
    written = store.replace_reconciled(records, remove=result.removed)
    written["unchanged"] = written.get("unchanged", 0) + len(stream.groups) - len(records)
    return result, written


def _reconcile_store_in_full(
    store: Any, full: bool, params: TruthParams | None
) -> tuple[Reconciliation, dict[str, int]]:
    """Every fact of the store reconciled; the state for later incremental runs saved with it."""
    from fupin.corpus import reconcile_state

    stream = stream_reconciliation(
        reconcile_state.stored_facts(store),
        store.reconciled_records(),
        params,
        reuse=not full,
        reprints=reprint_links(store),
        copies=store.duplicate_links(),
    )
    with store.transaction():
        result, written = write_changed(store, stream)
        assert stream.copies is not None
        reconcile_state.save(store, stream.groups, stream.copies, result.trust, params, decided={})
    return result, written
