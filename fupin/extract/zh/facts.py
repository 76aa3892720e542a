"""Chinese fact rules: which quantities are statistics, of which metric, where and when.

A quantity becomes a fact when the words of its clause say what it counts: the
noun it is attached to (扶贫车间 N 个, N 家龙头企业, N 个岗位), the verb that governs
it (吸纳 / 带动 ... N 人就业, 外出务工 ... N 人), a "其中" that narrows the previous
clause, a rate word (复工率, 相当于去年 ...%), or a money word (收入, 补贴, 资金).
Numbers without such a cue (ages, areas, populations, poverty lines, output
values) are narrative and dropped.

``as_of`` is the date written in the quantity's clause, else the last one before
it in the sentence, else a cut-off date ("截至6月底", "今年以来") that opens its
paragraph; deictic words (目前, 近年来) mean "no date". A rounded restatement of an
earlier figure ("2750多万" after "2750.7万") carries that figure's date. ``as_of``
stays None when the text gives no time: falling back to the publication date is
the caller's decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from fupin.extract.analysis import Analysis
from fupin.extract.mentions import DateMention, FactDraft, Quantity
from fupin.extract.zh import cues

RegionAt = Callable[[int], dict]
Label = tuple[str, str | None, str | None]  # metric, scope, period

_CLAUSE_END = re.compile(r"(?<![0-9]),|,(?![0-9])|[;:;:、]|\s{2,}")
_PEOPLE_COUNTERS = {"人", "名", "位", "户", "人次", "万人", "万人次"}
_THING_COUNTERS = {"个", "家", "处", "座", "间", "所", "岗", None}
_DATELINE_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,4}电\s*[(（]?")
_COMPARISON_BEFORE = re.compile(r"(?:相当于|比|较|为|占|超过|同|与|和|于|是|达到|高于|低于|对比)\s*$")


@dataclass(slots=True)
class _Ctx:
    """One quantity in its sentence and clause; cue strings have quotes removed."""

    q: Quantity
    s0: int
    s1: int
    c0: int
    c1: int
    left: str
    right: str
    clause: str
    before: str  # the sentence before this clause
    sentence: str


def _clauses(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
    """Clause spans of a sentence, split at commas (not inside "27,960"), semicolons and colons."""
    spans, start = [], s0
    for m in _CLAUSE_END.finditer(text, s0, s1):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < s1:
        spans.append((start, s1))
    return spans or [(s0, s1)]


def _strip(s: str) -> str:
    return cues.QUOTES.sub("", s)


def _context(analysis: Analysis, q: Quantity) -> _Ctx:
    text = analysis.text
    s0, s1 = analysis.sentence_at(q.start)
    c0, c1 = next(((a, b) for a, b in _clauses(text, s0, s1) if a <= q.start < b), (s0, s1))
    c1 = max(c1, q.end)
    return _Ctx(
        q=q,
        s0=s0,
        s1=s1,
        c0=c0,
        c1=c1,
        left=_strip(text[c0 : q.start]),
        right=_strip(text[q.end : c1]),
        clause=_strip(text[c0:c1]),
        before=_strip(text[s0:c0]),
        sentence=_strip(text[s0:s1]),
    )


# ---------------------------------------------------------------- classification


def _scope(ctx: _Ctx) -> str:
    """What employs the people counted: the nearest workshop / enterprise / base cue before them."""
    head = ctx.before + ctx.left
    best, best_pos = "other", -1
    for scope, pattern in (
        ("workshop", cues.WORKSHOP),
        ("workshop", cues.WORKSHOP_SCOPE),
        ("enterprise", cues.ENTERPRISE),
        ("enterprise", cues.COMPANY),
        ("base", cues.BASE),
    ):
        for m in pattern.finditer(head):
            if m.start() > best_pos:
                best, best_pos = scope, m.start()
    if best_pos < 0:
        for scope, pattern in (("workshop", cues.WORKSHOP), ("enterprise", cues.ENTERPRISE)):
            if pattern.search(ctx.right) or pattern.search(ctx.sentence):
                return scope
    return best


def _is_people(ctx: _Ctx) -> bool:
    q = ctx.q
    if q.counter in _PEOPLE_COUNTERS:
        return True
    if q.counter is None and q.unit != "percent":
        return bool(cues.PEOPLE_NOUN.match(ctx.right) or cues.PEOPLE_BEFORE.search(ctx.left))
    return False


def _clause_kind(clause: str) -> str | None:
    """Whether a clause speaks of migrant work, employment, or neither."""
    if cues.NO_MIGRATION.search(clause) or cues.NOT_EMPLOYED.search(clause):
        return None
    if cues.MIGRANT.search(clause) and ("外出" in clause or cues.EMPLOY.search(clause)):
        return "migrant"
    if cues.EMPLOY.search(clause):
        return "employed"
    return None


def _parent_kind(before: str) -> str | None:
    """The kind of the nearest earlier clause that has one ("..., 其中 ..." narrows it)."""
    for clause in reversed(re.split(r"[,;:、]", before)):
        kind = _clause_kind(clause)
        if kind:
            return kind
    return None


def _criterion(ctx: _Ctx) -> bool:
    """A number inside a condition ("对吸纳10名以上贫困劳动力的企业", "招用10人以上的")."""
    if cues.THRESHOLD_AFTER.match(ctx.right):
        return True
    return bool(re.match(r"^\s*(?:对|凡|凡是|对于|如|若)", ctx.clause) and "的" in ctx.right)


def _people(ctx: _Ctx) -> list[Label]:
    """Counts of people: employed, poor employed, poor migrant workers."""
    if _criterion(ctx):
        return []
    poor = bool(cues.POOR.search(ctx.clause))
    kind = _clause_kind(ctx.clause)
    if cues.SUBSET.match(ctx.clause.lstrip()):
        kind = _parent_kind(ctx.before) or kind
    if kind == "migrant":
        return [("poor_migrant_workers", None, None)] if poor else []
    if kind == "employed":
        metric = "poor_workers_employed" if poor else "workers_employed"
        return [(metric, _scope(ctx), None)]
    return []


def _nearest_entity(ctx: _Ctx) -> str | None:
    """The counted entity the number is attached to: noun right after it, or the last one before it."""
    after = re.match(r"^[^,;0-9]{0,14}", ctx.right)
    after_text = after.group() if after else ""
    hits: list[tuple[int, str]] = []
    for name, pattern in (("workshop", cues.WORKSHOP), ("enterprise", cues.ENTERPRISE), ("jobs", cues.JOBS)):
        m = pattern.search(after_text)
        if m and not cues.NOT_A_MODIFIER.search(after_text[: m.start()]):
            hits.append((m.start(), name))
    if hits:
        return min(hits)[1]
    rest = ctx.right.lstrip()
    if ctx.q.counter and rest.startswith(ctx.q.counter):
        rest = rest[len(ctx.q.counter) :]
    if cues.OTHER_NOUN_AFTER.match(rest):
        return None
    tail = re.split(r"[0-9]", ctx.left)[-1]
    last: tuple[int, str] | None = None
    for name, pattern in (("workshop", cues.WORKSHOP), ("enterprise", cues.ENTERPRISE), ("jobs", cues.JOBS)):
        for m in pattern.finditer(tail):
            if last is None or m.start() > last[0]:
                last = (m.start(), name)
    return last[1] if last else None


def _entity_from_sentence(ctx: _Ctx) -> str | None:
    """For "已复工800个" / "其中800个已复工": the entity named earlier in the sentence."""
    last: tuple[int, str] | None = None
    for name, pattern in (("workshop", cues.WORKSHOP), ("enterprise", cues.ENTERPRISE)):
        for m in pattern.finditer(ctx.before):
            if last is None or m.start() > last[0]:
                last = (m.start(), name)
    return last[1] if last else None


def _resumed(ctx: _Ctx, analysis: Analysis) -> bool:
    """Whether the resume cue of the clause is about this count.

    "1560个扶贫车间已复工1423个": the cue governs the number right after it, so the
    first count is the total and the second the resumed ones.
    """
    text = analysis.text
    later = [o.start for o in analysis.quantities if ctx.q.end <= o.start < ctx.c1]
    for m in cues.RESUME.finditer(text, ctx.c0, ctx.c1):
        if m.start() >= ctx.q.end and any(0 <= s - m.end() <= 3 for s in later):
            continue
        if m.start() >= ctx.q.end and any(s < m.start() for s in later):
            continue
        return True
    return False


def _things(ctx: _Ctx, analysis: Analysis) -> list[Label]:
    """Counts of workshops, enterprises and jobs, resumed or planned."""
    if ctx.q.counter not in _THING_COUNTERS or _criterion(ctx):
        return []
    entity = _nearest_entity(ctx)
    resume = _resumed(ctx, analysis)
    plan = bool(cues.PLAN.search(ctx.left))
    if entity is None and (resume or plan or cues.SUBSET.match(ctx.clause.lstrip())):
        entity = _entity_from_sentence(ctx)
    if entity is None:
        return []
    if entity == "jobs":
        return [("jobs", _scope(ctx), None)]
    base = "workshops" if entity == "workshop" else "enterprises"
    if resume:
        rate_between = any(o.unit == "percent" and ctx.q.end <= o.start < ctx.c1 for o in analysis.quantities)
        if rate_between:
            return [(base, None, None)]
        pattern = cues.WORKSHOP if entity == "workshop" else cues.ENTERPRISE
        after_entity = pattern.split(ctx.right, maxsplit=1)[-1]
        if cues.ALL_RESUMED.search(after_entity):
            return [(base, None, None), (f"{base}_resumed", None, None)]
        return [(f"{base}_resumed", None, None)]
    if entity == "workshop" and plan:
        return [("workshops_planned", None, None)]
    return [(base, None, None)]


def _rate(ctx: _Ctx) -> list[Label]:
    """Percentages: resumption rates and the share of last year's migrant workers."""
    if ctx.q.counter and ctx.q.counter.endswith("百分点"):
        return []
    head = ctx.before + ctx.left
    if cues.CHANGE.search(ctx.clause):
        return []
    if cues.SHARE_OF_LAST_YEAR.search(ctx.clause) and cues.MIGRANT_TOTAL.search(ctx.sentence):
        return [("poor_migrant_workers_share_of_last_year", None, None)]
    if cues.RESUMPTION_RATE.search(ctx.clause) or cues.RESUME.search(ctx.right[:12]):
        ent = [(m.start(), "enterprise") for m in cues.ENTERPRISE.finditer(head)]
        ws = [(m.start(), "workshop") for m in cues.WORKSHOP.finditer(head)]
        if not ent and not ws:
            ent = [(0, "enterprise")] if cues.ENTERPRISE.search(ctx.clause) else []
            ws = [(0, "workshop")] if cues.WORKSHOP.search(ctx.clause) else []
        hits = sorted(ent + ws)
        if not hits:
            return []
        return [
            (f"{'enterprise' if hits[-1][1] == 'enterprise' else 'workshop'}_resumption_rate", None, None)
        ]
    return []


def _period(text: str, value: float, default: str | None) -> str | None:
    for period, pattern in (
        ("day", cues.DAY),
        ("month", cues.MONTH),
        ("year", cues.YEAR),
        ("once", cues.ONCE),
    ):
        if pattern.search(text):
            return period
    return default


def _money(ctx: _Ctx) -> list[Label]:
    """Yuan amounts: subsidy, income (with its period) and funds."""
    clause = ctx.clause
    if cues.NOT_MONEY_FACT.search(clause):
        return []
    value = ctx.q.value
    if cues.SUBSIDY.search(clause) and (cues.PER_UNIT.search(clause) or not cues.FUNDS.search(clause)):
        if value < 1e6:
            return [("subsidy", None, _period(clause, value, "once"))]
    if cues.INCOME.search(clause) and value < 1e6 and not cues.FUNDS.search(ctx.left):
        default = "day" if value <= 300 else "month" if value <= 30000 else "year"
        return [("income", None, _period(clause, value, default))]
    if cues.FUNDS.search(clause) or cues.SUBSIDY.search(clause):
        return [("funds", None, None)]
    return []


def classify(analysis: Analysis, q: Quantity) -> list[Label]:
    """The (metric, scope, period) labels of one quantity; empty for narrative numbers."""
    ctx = _context(analysis, q)
    if q.unit == "percent":
        return _rate(ctx)
    if q.unit == "yuan":
        return _money(ctx)
    if _is_people(ctx):
        return _people(ctx)
    return _things(ctx, analysis)


# ---------------------------------------------------------------- as_of


def _usable_dates(analysis: Analysis) -> list[DateMention]:
    """Dates that can date a statistic: not datelines ("北京4月21日电"), not comparisons ("比去年")."""
    text = analysis.text
    keep = []
    for d in analysis.dates:
        if d.as_of is not None and _DATELINE_AFTER.match(text[d.end :]):
            continue
        if text.startswith("同期", d.end):
            continue  # "去年同期": a comparison base
        if d.precision == "year" and not text[d.start : d.end].endswith("以来"):
            s0, _ = analysis.sentence_at(d.start)
            head = text[s0 : d.start]
            clause_head = re.split(r"[,;:]", head)[-1].strip()
            if clause_head not in (
                "",
                "在",
                "于",
                "自",
                "从",
                "而",
                "此外",
                "同时",
            ) or _COMPARISON_BEFORE.search(head):
                continue
        keep.append(d)
    return keep


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _as_of(analysis: Analysis, ctx: _Ctx, dates: list[DateMention]) -> tuple[str | None, bool]:
    """(as_of, found_in_own_clause)."""
    in_clause = [d for d in dates if ctx.c0 <= d.start < ctx.c1]
    if in_clause:
        return min(in_clause, key=lambda d: abs(d.start - ctx.q.start)).as_of, True
    earlier = [d for d in dates if ctx.s0 <= d.start < ctx.c0]
    if earlier:
        return earlier[-1].as_of, False
    p0 = _paragraph_start(analysis.text, ctx.s0)
    opening = [d for d in dates if p0 <= d.start < ctx.s0]
    if opening:
        last = opening[-1]
        written = analysis.text[last.start : last.end]
        if written.startswith(("截至", "截止")) or written.endswith("以来"):
            return last.as_of, False
    return None, False


# ---------------------------------------------------------------- assembly


def _restated(draft_value: Quantity, metric: str, earlier: list[FactDraft]) -> FactDraft | None:
    """An earlier exact figure of the same metric that this rounded figure restates."""
    if draft_value.bound not in ("more_than", "about", "less_than"):
        return None
    for prev in reversed(earlier):
        pv = prev.quantity.value
        if prev.metric == metric and prev.quantity.bound == "exact" and pv:
            if abs(pv - draft_value.value) / pv <= 0.02:
                return prev
    return None


def _default_region_at(analysis: Analysis) -> RegionAt:
    from fupin.extract.regions import RegionResolver

    return RegionResolver(analysis).region_at


def find_facts(analysis: Analysis, region_at: RegionAt | None = None) -> list[FactDraft]:
    """Facts of a Chinese article whose quantities and dates are already in ``analysis``.

    ``region_at`` maps a character position to the fact's region object; by default
    :class:`fupin.extract.regions.RegionResolver` does.
    """
    if region_at is None:
        region_at = _default_region_at(analysis)
    dates = _usable_dates(analysis)
    drafts: list[FactDraft] = []
    for q in sorted(analysis.quantities, key=lambda x: x.start):
        ctx = _context(analysis, q)
        labels = classify(analysis, q)
        if not labels:
            continue
        as_of, own = _as_of(analysis, ctx, dates)
        region = region_at(q.start)
        for metric, scope, period in labels:
            source = _restated(q, metric, drafts) if not own else None
            date = source.as_of if source is not None else as_of
            drafts.append(
                FactDraft(
                    metric=metric,
                    quantity=q,
                    region=region,
                    as_of=date,
                    as_of_source="text" if date else None,
                    sentence_start=ctx.s0,
                    sentence_end=ctx.s1,
                    scope=scope if metric in ("workers_employed", "poor_workers_employed", "jobs") else None,
                    period=period,
                    confidence=0.7,
                )
            )
    return drafts
