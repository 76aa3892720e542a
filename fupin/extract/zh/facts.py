"""Chinese fact rules: which quantities are statistics, of which metric, where and when.

A quantity becomes a fact when the words of its clause say what it counts: the
noun it is attached to (扶贫车间 N 个, N 家龙头企业, N 个岗位), the verb that governs
it (吸纳 / 带动 ... N 人就业, 外出务工 ... N 人), a "其中" that narrows the previous
clause, a rate word (复工率, 相当于去年 ...%), or a money word (收入, 补贴, 资金).
Numbers without such a cue (ages, areas, populations, poverty lines, output
values) are narrative and dropped.

``as_of`` is the date written in the quantity's clause, else the last one before
it in the sentence, else a cut-off date ("截至6月底", "今年以来") that opens its
paragraph; deictic words (目前, 近年来) mean "no date". A year written at the start of a
sentence ("2020年,...") dates the undated figures after it in its paragraph, and a review's
headline year ("某市2020年就业扶贫工作综述", published later) the rest; a bare "全年" is that year.
A rounded restatement of an earlier figure ("2750多万" after "2750.7万") carries that figure's date. A cut-off
before a year word of its own year wins over it ("截至9月30日, 52个县今年外出务工..."), a cut-off written
after the figures dates them when nothing before does ("..., 数据截至9月30日"), a paragraph that opens with
"与此同时" / "同期" keeps the cut-off of the paragraph before, and "以下数据均截至..." or "(..., 下同)"
dates the rest of the article like "(下同)". ``as_of`` stays None when the text gives no time: falling
back to the publication date is the caller's decision.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from fupin.extract.analysis import Analysis
from fupin.extract.mentions import DateMention, FactDraft, Quantity
from fupin.extract.positions import ByStart
from fupin.extract.zh import cues

RegionAt = Callable[[int], dict]
Label = tuple[str, str | None, str | None]  # metric, scope, period

_CLAUSE_END = re.compile(r"(?<![0-9]),|,(?![0-9])|[;:;:、]|\s{2,}")
_PEOPLE_COUNTERS = {"人", "名", "位", "户", "人次", "万人", "万人次"}
_THING_COUNTERS = {"个", "家", "处", "座", "间", "所", "岗", None}
_PEOPLE_COUNT = re.compile(r"[0-9十百千万多余]\s*(?:万)?(?:人|名|位)")
# Migrant work without another verb ("输送贫困劳动力1200人").
_LABOUR_EXPORT = {"输转", "输送", "输出", "劳务输出", "转移就业", "转移输出"}
# Matched at a position (``pattern.match(text, pos)``, no slice of the rest of the text).
_DATELINE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}电\s*[(（]?")
_COMPARISON_BEFORE = re.compile(
    r"(?:相当于|比|较|为|占|超过|同|与|和|于|是|达到|高于|低于|对比|恢复|回升)\s*$"
)
# A date that is the base of a comparison: "为去年底的103.8%", "相当于上年同期的", "比6月底增加",
# "规模达到去年的102%" (the date then starts at 到, so 达 is what stands before it).
_BASE_BEFORE = re.compile(r"(?:相当于|比|较|为|占|是|高于|低于|超过|对比|与|同|达|恢复|回升|完成)\s*$")
_BASE_AFTER = re.compile(r"\s*(?:全年|总数|总量)?(?:的|同期|相比|水平|末的|底的)")
# A year that a share is taken of: "去年外出务工总量的103.5%" (matched right after the year).
_SHARE_BASE_AFTER = re.compile(r"[^,;。,;0-9]{0,12}?的\s*[0-9]+(?:\.[0-9]+)?\s*[%％]")
# "同期, ..." at a clause start: the period the previous sentence named ("1至5月...。同期, ...").
_SAME_PERIOD = re.compile(r"(?:^|[,;:。])\s*(?:同期|同一时期|同时期)")


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
    if (
        q.counter == "个"
        and cues.PEOPLE_AFTER_GE.match(ctx.right.lstrip()[1:])
        and not cues.JOBS_AFTER_MODIFIER.match(ctx.right.lstrip())
    ):
        return True  # "36个员工", "带领300多个姐妹就业"; not "1200个适合残疾人的岗位"
    if q.counter == "个" and cues.STAFF_BEFORE_GE.search(ctx.left) and not _own_noun(ctx):
        return True  # "现有员工400多个": the staff counted with 个 after their noun
    if (
        q.counter == "个"
        and cues.SUBSET.match(ctx.clause.lstrip())
        and cues.PEOPLE_COUNT_END.search(ctx.before)
    ):
        return True  # "有120多位工人,其中90多个是移民"
    if q.counter is None and q.unit != "percent":
        return bool(
            cues.PEOPLE_NOUN.match(ctx.right)
            or cues.PEOPLE_BEFORE.search(ctx.left)
            or cues.EMPLOYED_BARE.search(ctx.left)
        )
    return False


def _clause_kind(clause: str) -> str | None:
    """Whether a clause speaks of migrant work, employment, or neither."""
    if cues.NO_MIGRATION.search(clause) or cues.NOT_EMPLOYED.search(clause):
        return None
    clause = cues.EMPLOYMENT_SERVICE.sub("", clause)  # "为230名贫困户发放就业补贴": no work
    migrant = [m.group() for m in cues.MIGRANT.finditer(clause)]
    if migrant and set(migrant) <= {"返岗"} and cues.STAFF.search(clause) and not cues.POOR.search(clause):
        return "employed"  # "87名工人已全部返岗": back at their posts in this workplace
    if migrant and ("外出" in clause or cues.EMPLOY.search(clause) or set(migrant) & _LABOUR_EXPORT):
        return "migrant"
    employ = {m.group() for m in cues.EMPLOY.finditer(clause)}
    if employ and employ <= {"安置"} and cues.RELOCATED.search(clause):
        return None  # "安置搬迁群众2万余人": resettled, not employed
    if employ:
        return "employed"
    return None


def _parent(before: str) -> tuple[str | None, bool]:
    """Kind and poorness of the nearest earlier clause that has a kind ("..., 其中 ..." narrows it)."""
    for clause in reversed(re.split(r"[,;:、。!?]", before)):
        kind = _clause_kind(clause)
        if kind:
            return kind, bool(cues.POOR.search(clause))
    return None, False


def _previous_sentence(analysis: Analysis, ctx: _Ctx) -> str:
    """The sentence before this one in the same paragraph ("。其中,市外务工31.5万人" narrows it)."""
    p0 = _paragraph_start(analysis.text, ctx.s0)
    if ctx.s0 <= p0:
        return ""
    t0, _ = analysis.sentence_at(ctx.s0 - 1)
    return _strip(analysis.text[max(t0, p0) : ctx.s0])


def _is_subset(ctx: _Ctx) -> bool:
    """A part of the previous figure: "其中 ...", "...当中,", or a later item of a "其中" list."""
    clause = ctx.clause.lstrip()
    if re.match(r"(?:还有|另有|另外|此外|同时|而)", clause):
        return False  # "..., 还有1100名贫困户不能外出" leaves the list
    return bool(cues.SUBSET.match(clause) or cues.SUBSET_BEFORE.search(ctx.before) or "其中" in ctx.before)


def _parent_text(ctx: _Ctx) -> str:
    """The sentence text the subset narrows: what comes before its "其中".

    A clause that opens with "其中" narrows the clauses right before it, even when an earlier
    "其中" stands in the sentence ("建成412个,其中已复工398个,吸纳就业1.27万人,其中贫困劳动力5186人").
    """
    if cues.SUBSET.match(ctx.clause.lstrip()):
        return ctx.before
    cut = ctx.before.rfind("其中")
    return ctx.before[:cut] if cut >= 0 else ctx.before


def _listed_part(ctx: _Ctx) -> bool:
    """A part of a total named by a kind the vocabulary has no metric for: "其中省外务工N万人",
    "其中:新聘396人,续聘749人". A part that is poor (其中贫困劳动力N人) changes the metric and
    is kept; so is a part with its own subject ("其中甘肃省...")."""
    opened = bool(cues.SUBSET.match(ctx.clause.lstrip()))
    clause = re.sub(r"^[,:\s]+", "", cues.SUBSET.sub("", ctx.clause.lstrip()))
    head = clause[: max(0, ctx.q.start - ctx.c0 - (len(ctx.clause) - len(clause)))]
    if not opened and cues.OWN_VERB.search(head):
        return False  # "..., 其中 ..., 吸纳就业人数2820人": a new statement after the list
    return not cues.POOR.search(head) and not re.search(r"[省市县区州旗乡镇村](?![外内])", head)


def _segment(ctx: _Ctx, analysis: Analysis) -> str:
    """The clause text between the people counts around this one ("80名工人里有30人是贫困户")."""
    others = [
        o
        for o in analysis.quantities_between(ctx.c0, ctx.c1)
        if o is not ctx.q and o.counter in _PEOPLE_COUNTERS
    ]
    a = max((o.end for o in others if o.end <= ctx.q.start), default=ctx.c0)
    b = min((o.start for o in others if o.start >= ctx.q.end), default=ctx.c1)
    return _strip(analysis.text[a:b])


def _criterion(ctx: _Ctx, analysis: Analysis) -> bool:
    """A number inside a condition ("对吸纳10名以上贫困劳动力的企业", "招用10人以上的")."""
    if cues.THRESHOLD_AFTER.match(ctx.right) or cues.THRESHOLD_BEFORE.search(ctx.left):
        return True
    if re.match(r"^\s*(?:对|凡|凡是|对于|如|若)", ctx.clause) and "的" in ctx.right:
        return True
    if cues.CRITERIA_HEAD.search(ctx.before + ctx.left):
        return True  # "认定条件: 吸纳贫困劳动力10人以上", "每个车间吸纳贫困劳动力不少于10人"
    return _rewarded_condition(ctx, analysis)


def _rewarded_condition(ctx: _Ctx, analysis: Analysis) -> bool:
    """A number in the list of conditions a rule rewards: "聘用贫困劳动力20人以上、付给每人报酬超过
    5000元的基地, 给予15万元奖补", "投资500万元以上、带动50户以上的企业, 可享受贴息"."""
    end = min(ctx.s1, ctx.q.end + _CONDITION_REACH)
    match = cues.REWARDED_CONDITION.match(_strip(analysis.text[ctx.q.end : end]))
    # A reward before the one that closes the list makes the number a reward of its own:
    # "给予最高50万元的补助,并对每吸纳一名…的企业奖励2000元" (50万 is the 补助, no condition).
    return bool(match) and len(cues.REWARD_WORD.findall(match.group(0))) == 1


#: How far after a number the rewarded holder of a condition list is looked for (characters).
_CONDITION_REACH = 120


def _people(ctx: _Ctx, analysis: Analysis) -> list[Label]:
    """Counts of people: employed, poor employed, poor migrant workers.

    Poorness belongs to the count whose stretch of the clause names it: in
    "80名工人里有30人是建档立卡贫困户" the 80 are all workers, the 30 the poor ones.
    A subset ("其中, 市外务工31.5万人") takes its kind, and for migrants its poorness,
    from the clause or sentence it narrows.
    """
    if _criterion(ctx, analysis) or cues.FUTURE_HIRE.search(ctx.left) or _expected(ctx):
        return []
    if ctx.q.counter == "户":
        return []  # households are not people (metrics.md): "其中贫困户17户", "带动280余户"
    if cues.SCENE_AFTER.match(ctx.right) or cues.SCENE_BEFORE.search(ctx.left):
        return []  # "20多名工人正在分拣": people seen at work, a scene
    if cues.NO_MIGRATION.search(ctx.clause) or cues.NOT_EMPLOYED.search(ctx.clause) or _compared_change(ctx):
        return []
    if cues.AT_THE_FAIR.search(ctx.clause) and cues.JOB_FAIR.search(ctx.before + ctx.left):
        return []  # "招聘会现场, 600余名求职者签订了用工协议": job seekers, not people at work
    if cues.WANTED.search(ctx.left):
        return []  # "企业用工需求3万人": workers wanted
    if cues.PER_HOUSEHOLD.search(ctx.left) or cues.BASE_OF_RATE.match(ctx.right):
        return []  # "户均就业1.24人"; "47.64万搬迁劳动力就业率达79.34%" is the base of a rate
    if cues.TRAINED.search(ctx.left) or cues.FROM_ELSEWHERE.search(ctx.left):
        return []  # "培训员工近40人次"; "东部9省市吸纳中西部地区贫困劳动力697万人": labour from elsewhere
    if ctx.q.counter == "户" and cues.RESETTLE.search(ctx.left):
        return []  # "将安置2200多户": households resettled, not people employed
    segment = _segment(ctx, analysis)
    poor = bool(cues.POOR.search(segment)) and not cues.POOR_AND_OTHERS.search(segment)
    kind = _clause_kind(ctx.clause)
    if kind is None and cues.HAS_PEOPLE.match(ctx.clause.lstrip()) and cues.WORKPLACE.search(ctx.before):
        kind = "employed"  # "兀傲皮具公司扶贫车间, 有6名残疾人和7名贫困户": its workforce
    if kind is None and cues.WORKFORCE_HAS.search(ctx.left):
        kind = "employed"  # "公司建档立卡户就有30多人": the workplace's own people
    if kind is None and cues.COUNT_OF_TOPIC.match(ctx.clause.lstrip()):
        topic = re.split(r"[,;:]", ctx.before.rstrip(",;: "))[-1] if ctx.before else ""
        if cues.AT_WORK_TOPIC.search(topic):
            kind = _clause_kind(topic) or "employed"  # "在车间务工的贫困群众, 全村有47人"
            poor = poor or bool(cues.POOR.search(topic))
    subset = _is_subset(ctx)
    parent_text = _parent_text(ctx) if subset else ""
    if subset and kind is None and cues.PUBLIC_POSTS.search(parent_text or _previous_sentence(analysis, ctx)):
        return []  # "公益岗位安置N人, 其中护林员N人": a part of the posts, not a fact
    if kind == "employed" and cues.PUBLIC_POSTS.search(ctx.left):
        return [("jobs", "other", None)]  # "扶贫公益岗位安置433.2万贫困人口" counts the posts
    if not subset and _post_holders(ctx, analysis, kind):
        return [("jobs", "other", None)]  # "聘用生态护林员17.04万名": the public-welfare posts filled
    if subset:
        parent_kind, parent_poor = _parent(_parent_text(ctx))
        if parent_kind is None:
            parent_kind, parent_poor = _parent(_previous_sentence(analysis, ctx))
        if parent_kind is None and not poor:
            poor = _part_of_the_poor(parent_text, ctx)
        if parent_kind == "migrant" or (kind == "migrant" and parent_kind):
            kind, poor = "migrant", poor or parent_poor
        else:
            kind = parent_kind or kind
        if parent_kind and kind == parent_kind and not (poor and not parent_poor) and _listed_part(ctx):
            return []  # "外出务工贫困劳动力2960万人, 其中省外务工N万人": a breakdown (metrics.md)
    if kind == "employed" and not poor and _part_by_kind_of_people(ctx):
        return []  # "有6名残疾人和7名建档立卡贫困户": the disabled are a part of the workforce
    if kind == "migrant" and not poor and not subset:
        poor = _continues_poor_migrants(ctx) or _of_the_poor_before(ctx)
    if kind == "employed" and not poor and not subset:
        poor = _of_the_poor_before(ctx)
    if kind == "migrant":
        return [("poor_migrant_workers", None, None)] if poor else []
    if kind == "employed":
        metric = "poor_workers_employed" if poor else "workers_employed"
        return [(metric, _scope(ctx), None)]
    return []


def _post_holders(ctx: _Ctx, analysis: Analysis, kind: str | None) -> bool:
    """People hired into public-welfare posts of a kind (护林员, 保洁员, 护路员): "聘用生态护林员
    17.04万名", "选聘2.3万名贫困人口为生态护林员", "全省生态护林员达到18万名", and a bare "实际聘用
    12.06万名" after the posts are named ("安排生态护林员指标11.06万个, 实际聘用12.06万名")."""
    if kind == "migrant":
        return False
    if cues.POST_HOLDERS.search(ctx.left) or cues.POST_HOLDERS.match(ctx.right.lstrip("名人位多余 ")):
        return True
    if re.match(r"^[^,;。0-9]{0,10}?为[^,;。0-9]{0,4}?(?:" + cues.POST_HOLDERS.pattern + ")", ctx.right):
        return True
    if not cues.BARE_HIRE.search(ctx.left):
        return False
    named = cues.POST_HOLDERS.search(ctx.before)
    return bool(named or cues.POST_HOLDERS.search(_previous_sentence(analysis, ctx)))


def _part_by_kind_of_people(ctx: _Ctx) -> bool:
    """A count of a kind of workers the vocabulary cannot name (残疾人, 留守妇女) listed beside
    another count of people: "有6名残疾人和7名贫困户", "吸纳8名贫困户、20名留守妇女就业"."""
    right = ctx.right.lstrip()
    if not cues.KIND_AFTER.match(right):
        return False
    return bool(cues.KIND_PART_AFTER.match(right) or cues.KIND_PART_BEFORE.search(ctx.before + ctx.left))


_GIVES_WORK = re.compile(
    r"^\s*(?:还|并|同时)?(?:可|能|可以)?(?:吸纳|带动|安置|解决|提供|实现|促进|使|让|新增|增加|创造|开发)"
)


def _expected(ctx: _Ctx) -> bool:
    """An expected or target figure ("预计可带动2000人就业", "建成后可提供岗位200个"), not an achieved one.

    The expectation also covers a clause that goes on without a subject of its own:
    "预计可提供就业岗位300个,带动500名贫困人口增收".
    """
    if cues.EXPECTED.search(ctx.left):
        return True
    opening = cues.EXPECTED_OPENING.match(ctx.before)
    if opening and cues.EXPECTED_MODAL.search(ctx.before[opening.end() :] + ctx.left):
        return True  # "项目建成后, 每年可为村集体增收20万元, 带动100户贫困户..."
    previous = re.split(r"[,;:]", ctx.before.rstrip(",;: "))[-1] if ctx.before else ""
    return bool(cues.EXPECTED.search(previous) and _GIVES_WORK.match(ctx.clause))


_WHO = re.compile(r"人员|人口|群众|劳动力|劳力|农民工|村民|农民|工人|妇女|青年")


def _part_of_the_poor(parent_text: str, ctx: _Ctx) -> bool:
    """A part that names nobody of a whole that is poor people: "全县共有贫困劳动力4.6万人,
    其中已就业4.1万人" counts poor people at work."""
    whole = re.split(r"[,;:]", parent_text.rstrip(",;: "))[-1] if parent_text else ""
    return bool(cues.POOR.search(whole)) and not _WHO.search(ctx.left)


def _of_the_poor_before(ctx: _Ctx) -> bool:
    """A count of people at work (or gone out to work) that names nobody, after a clause that only
    counts poor people: "有就业意愿的贫困劳动力2.3万人, 已实现就业2.2万人", "全县共有建档立卡贫困劳动力
    4.2万人, 已外出务工3.1万人" (the 2.2万 and 3.1万 are of those poor), unlike
    "吸纳贫困劳动力200人, 带动就业500人" (a clause of work before: the 500 are all workers)."""
    if _WHO.search(ctx.left) or cues.PEOPLE_NOUN.match(ctx.right.lstrip()):
        return False
    previous = re.split(r"[,;:]", ctx.before.rstrip(",;: "))[-1] if ctx.before else ""
    return bool(
        cues.POOR.search(previous) and _PEOPLE_COUNT.search(previous) and _clause_kind(previous) is None
    )


def _continues_poor_migrants(ctx: _Ctx) -> bool:
    """A migrant count whose clause names nobody goes on with the poor migrants of the clause before:
    "全县贫困劳动力外出务工5.6万人,今年以来已外出务工5.8万人"."""
    if _WHO.search(ctx.left) or cues.PEOPLE_NOUN.match(ctx.right.lstrip()):
        return False
    previous = re.split(r"[,;:]", ctx.before.rstrip(",;: "))[-1] if ctx.before else ""
    return _clause_kind(previous) == "migrant" and bool(cues.POOR.search(previous))


def _nearest_entity(ctx: _Ctx) -> str | None:
    """The counted entity the number is attached to: noun right after it, or the last one before it."""
    after = re.match(r"^[^,;0-9]{0,14}", ctx.right)
    after_text = after.group() if after else ""
    hits: list[tuple[int, str]] = []
    for name, pattern in (("workshop", cues.WORKSHOP), ("enterprise", cues.ENTERPRISE), ("jobs", cues.JOBS)):
        m = pattern.search(after_text)
        between = after_text[: m.start()] if m else ""
        if m and (not cues.NOT_A_MODIFIER.search(between) or _named_as(ctx, between)):
            hits.append((m.start(), name))
    if hits:
        return min(hits)[1]
    if cues.JOBS_AFTER_MODIFIER.match(ctx.right):
        return "jobs"
    rest = ctx.right.lstrip()
    if ctx.q.counter and rest.startswith(ctx.q.counter):
        rest = rest[len(ctx.q.counter) :]
    if cues.OTHER_NOUN_AFTER.match(rest):
        return None
    tail = re.split(r"[0-9]", cues.TIME_WORD.sub("", ctx.left))[-1]  # "扶贫车间数量由2018年的120个"
    if re.match(r"^[个家处座所间]", tail) and _own_noun(ctx):
        return None  # "2个扶贫车间、7个股份合作项目": the 7 count their own noun
    last: tuple[int, str] | None = None
    for name, pattern in (("workshop", cues.WORKSHOP), ("enterprise", cues.ENTERPRISE), ("jobs", cues.JOBS)):
        for m in pattern.finditer(tail):
            if last is None or m.start() > last[0]:
                last = (m.start(), name)
    return last[1] if last else None


def _named_as(ctx: _Ctx, between: str) -> bool:
    """Things counted and named as the entity after them: "认定46家经营主体为就业扶贫车间"."""
    named = cues.NAMING.search(ctx.left) or cues.NAMING.search(between)
    return bool(named and cues.NAMED_AS.match(between))


def _part_of_same(ctx: _Ctx, entity: re.Pattern[str]) -> bool:
    """A listed part of a total of the same things ("其中X岗位17个, Y岗位5个")."""
    if not _is_subset(ctx) or cues.OWN_VERB.search(ctx.left):
        return False
    parent = _parent_text(ctx)
    return bool(re.search(r"[0-9]", parent)) and bool(entity.search(parent))


def _own_noun(ctx: _Ctx) -> bool:
    """The count names its own thing right after it ("4个发制品产业园", "7个股份合作项目")."""
    rest = ctx.right.lstrip()[len(ctx.q.counter or "") :]
    return bool(cues.OWN_NOUN.match(rest))


def _last_entity(text: str) -> str | None:
    """The workshop or enterprise named last in ``text``."""
    last: tuple[int, str] | None = None
    for name, pattern in (("workshop", cues.WORKSHOP), ("enterprise", cues.ENTERPRISE)):
        for m in pattern.finditer(text):
            if last is None or m.start() > last[0]:
                last = (m.start(), name)
    return last[1] if last else None


def _paragraph_before(analysis: Analysis, ctx: _Ctx) -> str:
    """The paragraph's text before this clause: the subject a bare "复工3418个" continues."""
    return _strip(analysis.text[_paragraph_start(analysis.text, ctx.s0) : ctx.c0])


def _entity_from_sentence(ctx: _Ctx, analysis: Analysis) -> str | None:
    """For "已复工800个" / "其中800个已复工": the entity named earlier in the sentence, else paragraph.

    A sentence whose last unit named is another kind of thing ("已复工复产企业320家", "已开工扶贫项目
    86个", "全县共有企业1200家,已复工1100家") counts that thing, not the paragraph's workshops.
    """
    # the clause's own head counts too: "龙头企业263家已复工259家"
    head = ctx.before + ctx.left
    if _names_other_unit_last(head):
        return None
    return _last_entity(head) or _last_entity(_paragraph_before(analysis, ctx))


def _names_other_unit_last(text: str) -> bool:
    """Whether the last counted unit ``text`` names is a company, project or the like that is
    neither a workshop nor a leading enterprise ("规模以上工业企业", "扶贫项目")."""
    covered = [m.span() for p in (cues.WORKSHOP, cues.ENTERPRISE) for m in p.finditer(text)]
    last_entity = max((a for a, _ in covered), default=-1)
    for m in reversed(list(cues.OTHER_UNIT.finditer(text))):
        if not any(a <= m.start() < b for a, b in covered):
            return m.start() > last_entity
    return False


def _resumed(ctx: _Ctx, analysis: Analysis) -> bool:
    """Whether the resume cue of the clause is about this count.

    "1560个扶贫车间已复工1423个": the cue governs the number right after it, so the
    first count is the total and the second the resumed ones.
    """
    text = analysis.text
    later = [o.start for o in analysis.quantities_between(ctx.q.end, ctx.c1)]
    for m in cues.RESUME.finditer(text, ctx.c0, ctx.c1):
        if cues.NOT_YET.search(text, max(ctx.c0, m.start() - 4), m.start()):
            if m.end() <= ctx.q.start and _governs(ctx, analysis, m):
                return False  # "未复工的4个": the count is of those not resumed
            continue  # "另有18个暂未复工": not resumed
        if m.start() >= ctx.q.end and cues.FUTURE_RESUME.search(text, ctx.q.end, m.start()):
            continue  # "4个也将于月底前复工": a resumption still to come
        if m.start() >= ctx.q.end and any(0 <= s - m.end() <= 3 for s in later):
            continue
        if m.start() >= ctx.q.end and any(s < m.start() for s in later):
            continue
        return True
    return False


def _not_resumed(ctx: _Ctx, analysis: Analysis) -> bool:
    """Whether the clause says the count has not resumed ("尚有4个未复工", "暂未复产的12家")."""
    text = analysis.text
    for m in cues.RESUME.finditer(text, ctx.c0, ctx.c1):
        if not cues.NOT_YET.search(text, max(ctx.c0, m.start() - 4), m.start()):
            continue
        if _governs(ctx, analysis, m):
            return True  # not "90个扶贫车间中尚有4个未复工": the 4 are the closed ones
    return False


def _governs(ctx: _Ctx, analysis: Analysis, m: re.Match[str]) -> bool:
    """Whether the resume word ``m`` speaks of this count: no other count stands between them, and
    one before the count is not some other count's ("除4个未复工外其余86个": 未复工 is the 4's)."""
    q = ctx.q
    if m.start() >= q.end:
        return not analysis.quantities_between(q.end, m.start())
    own = [o for o in analysis.quantities_between(max(ctx.c0, m.start() - 8), m.start()) if o is not q]
    return not own and not [o for o in analysis.quantities_between(m.end(), q.start) if o is not q]


def _continues(ctx: _Ctx) -> bool:
    """A bare count that goes on with the sentence's entity: "累计认定逾3000个", "增加到180个"."""
    if cues.OTHER_NOUN_AFTER.match(ctx.right.lstrip()[len(ctx.q.counter or "") :]):
        return False
    left = cues.TIME_WORD.sub("", ctx.left)  # "由2018年的120个增加到2020年的260个": years count nothing
    tail = re.split(r"[0-9]", left)[-1]
    head = left[: len(left) - len(tail)]
    if head and not re.search(r"[个家处座所]", tail):  # "从去年的120个增加到180个"
        return False
    return bool(cues.CONTINUES.match(re.sub(r"^[个家处座所]?(?:的)?", "", tail)))


def _compared_change(ctx: _Ctx) -> bool:
    """A difference against a base: "比去年增加30个", "与去年相比,...多了40个"."""
    if cues.COMPARED_CHANGE.search(ctx.left):
        return True
    return bool(cues.CHANGE_BEFORE.search(ctx.left) and cues.COMPARISON.search(ctx.before + ctx.left))


def _all_resumed_next(ctx: _Ctx, analysis: Analysis) -> bool:
    """The next clause says all of them resumed ("共有扶贫车间54个,已实现全部复工")."""
    text = analysis.text
    if ctx.c1 >= ctx.s1 or text[ctx.c1 : ctx.c1 + 1] not in ",,":
        return False
    return bool(cues.ALL_RESUMED_NEXT.match(text, ctx.c1 + 1))


def _things(ctx: _Ctx, analysis: Analysis) -> list[Label]:
    """Counts of workshops, enterprises and jobs, resumed or planned."""
    if ctx.q.counter not in _THING_COUNTERS or _criterion(ctx, analysis) or _compared_change(ctx):
        return []
    entity = _respective(ctx, analysis) or _nearest_entity(ctx)
    resume = _resumed(ctx, analysis)
    plan = bool(cues.PLAN.search(ctx.left))
    item = _place_item(ctx)
    if item and not resume:
        resume = bool(
            cues.RESUME.search(ctx.before[ctx.before.rfind("其中") :])
        )  # "其中A市复工300家,B市200家"
    borrows = resume or plan or cues.SUBSET.match(ctx.clause.lstrip()) or item
    if entity is None and borrows and not _own_noun(ctx):
        entity = _entity_from_sentence(ctx, analysis)
    if entity is None and ctx.q.counter and _continues(ctx) and not _own_noun(ctx):
        entity = _last_entity(ctx.before + ctx.left)
    if entity is None:
        return []
    if entity == "jobs":
        if _expected(ctx) or cues.POSTS_PLANNED.search(ctx.left):
            return []  # "建成后可提供就业岗位200个", "计划开发公益岗位300个": posts still to come
        if _advertised(ctx, analysis):
            return []  # "举办招聘会8场, 提供岗位3200个": vacancies offered to job seekers
        if _part_of_same(ctx, cues.JOBS):
            return []  # "开发公益岗位22个,其中就业扶贫公益性岗位17个": a part of the posts
        return [("jobs", _scope(ctx), None)]
    base = "workshops" if entity == "workshop" else "enterprises"
    if not resume and _not_resumed(ctx, analysis):
        return []  # "尚有4个未复工", "未复工的4个": the ones still closed, no metric counts them
    if resume:
        rate_between = any(o.unit == "percent" for o in analysis.quantities_between(ctx.q.end, ctx.c1))
        if rate_between:
            return [(base, None, None)]
        pattern = cues.WORKSHOP if entity == "workshop" else cues.ENTERPRISE
        after_entity = pattern.split(ctx.right, maxsplit=1)[-1]
        if cues.ALL_RESUMED.search(after_entity):
            return [(base, None, None), (f"{base}_resumed", None, None)]
        return [(f"{base}_resumed", None, None)]
    if entity == "workshop" and plan:
        return [("workshops_planned", None, None)]
    if _all_resumed_next(ctx, analysis):
        return [(base, None, None), (f"{base}_resumed", None, None)]
    if _part_by_kind(ctx, cues.WORKSHOP if entity == "workshop" else cues.ENTERPRISE):
        return []  # "认定46家, 其中工厂式扶贫车间34家", "其中国家级2家": a part by kind, not a fact
    return [(base, None, None)]


# A clause that opens a statement of its own time ("目前", "截至6月底"), not the fair's.
_NEW_STATEMENT = re.compile(r"\s*(?:目前|截至|截止|当前|现已|如今)")


def _advertised(ctx: _Ctx, analysis: Analysis) -> bool:
    """Posts only put out to be filled, not posts made (metrics.md ``jobs``): vacancies advertised
    ("发布岗位信息2.3万个", "推送岗位2000个") or offered at a job fair told before them in the sentence
    ("举办专场招聘会15场, 提供就业岗位6000个"). Posts a fair's sentence says were made ("开发公益岗位
    3000个") stay jobs, and so do posts of a workplace told before any fair ("提供岗位500个, 县里还组织了
    网络招聘会") or named in their own clause ("..., 目前全县扶贫车间提供就业岗位2600个"). A sentence
    that opens on "此次活动" goes on about the fair of the sentence before."""
    if cues.NOT_POSTS.search(ctx.clause) or cues.POSTS_ADVERTISED.search(ctx.left):
        return True
    if (
        cues.POSTS_CREATED.search(ctx.left)
        or cues.WORKSHOP.search(ctx.left)
        or _NEW_STATEMENT.match(ctx.left)
    ):
        return False  # "..., 目前全县扶贫车间提供就业岗位2600个": the workshops' own posts
    head = ctx.before + ctx.left
    if cues.JOB_FAIR.search(head):
        return True
    return bool(cues.THIS_EVENT.match(head) and cues.JOB_FAIR.search(_previous_sentence(analysis, ctx)))


_SEGMENT_END = re.compile(r"[,;:。!?]")


def _respective(ctx: _Ctx, analysis: Analysis) -> str | None:
    """The entity a value pairs with in "A、B 分别 X 和 Y": "扶贫龙头企业、扶贫车间复工率分别达到
    97.3%和95.6%" gives the first rate to the enterprises and the second to the workshops.

    None when there is no 分别 before the value in its stretch of the sentence, or when the
    entities listed before it and the values after it are not as many.
    """
    text, q = analysis.text, ctx.q
    start = max((m.end() for m in _SEGMENT_END.finditer(text, ctx.s0, q.start)), default=ctx.s0)
    cut = text.rfind("分别", start, q.start)
    if cut < 0:
        return None
    listed = _strip(text[start:cut])
    found: dict[int, str] = {}
    for name, pattern in (("enterprise", cues.ENTERPRISE), ("workshop", cues.WORKSHOP)):
        for m in pattern.finditer(listed):
            found.setdefault(m.start(), name)
    entities = [found[k] for k in sorted(found)]
    end = next((m.start() for m in _SEGMENT_END.finditer(text, q.end, ctx.s1)), ctx.s1)
    percent = q.unit == "percent"
    values = [o for o in analysis.quantities_between(cut, end) if (o.unit == "percent") == percent]
    if len(entities) < 2 or len(values) != len(entities) or q not in values:
        return None
    return entities[values.index(q)]


_PLACE_ITEM = re.compile(r"^\s*[\u4e00-\u9fff]{1,8}?[省市县区州旗乡镇](?:有|共有|建成|已建成)?\s*$")


def _place_item(ctx: _Ctx) -> bool:
    """A later item of a "其中" list by place: "其中定西市500个,陇南市420个" (the 420 are workshops)."""
    return bool(ctx.q.counter and _PLACE_ITEM.match(ctx.left) and _is_subset(ctx))


def _part_by_kind(ctx: _Ctx, entity: re.Pattern[str]) -> bool:
    """A part of a total of the same things, named by a kind or level and no place of its own:
    "认定46家经营主体为扶贫车间, 其中工厂式扶贫车间34家", "龙头企业56家, 其中国家级2家"."""
    if not _part_of_same(ctx, entity):
        return False
    head = cues.SUBSET.sub("", ctx.clause.lstrip())[: max(0, ctx.q.start - ctx.c0)]
    return not re.search(r"[省市县区州旗乡镇村](?![外内级])", head)


def _rate(ctx: _Ctx, analysis: Analysis) -> list[Label]:
    """Percentages: resumption rates and the share of last year's migrant workers."""
    if ctx.q.counter and ctx.q.counter.endswith("百分点"):
        return []
    head = ctx.before + ctx.left
    if cues.RATE_CHANGE_BEFORE.search(ctx.left) or re.match(r"[%\s]*的?(?:增幅|降幅|涨幅)", ctx.right):
        return []  # "同比增长8.5%", "提高了12%": a change; "从45%提高到96%" keeps both levels
    if cues.SHARE_OF_LAST_YEAR.search(ctx.clause) and cues.MIGRANT_TOTAL.search(ctx.sentence):
        return [("poor_migrant_workers_share_of_last_year", None, None)]
    respective = _respective(ctx, analysis)
    if respective and cues.RESUMPTION_RATE.search(re.split(r"[,;:]", head)[-1]):
        return [(f"{respective}_resumption_rate", None, None)]  # "A、B复工率分别为92%、98%"
    if cues.RESUMPTION_RATE.search(ctx.clause) or cues.RESUME.search(ctx.right[:12]) or _share_resumed(ctx):
        ent = [(m.start(), "enterprise") for m in cues.ENTERPRISE.finditer(head)]
        ws = [(m.start(), "workshop") for m in cues.WORKSHOP.finditer(head)]
        if not ent and not ws:
            ent = [(0, "enterprise")] if cues.ENTERPRISE.search(ctx.clause) else []
            ws = [(0, "workshop")] if cues.WORKSHOP.search(ctx.clause) else []
        hits = sorted(ent + ws)
        both = _coordinated(head, hits)
        if both:  # "扶贫龙头企业和扶贫车间的复工率": one rate said of both
            return [("enterprise_resumption_rate", None, None), ("workshop_resumption_rate", None, None)]
        if not hits:
            entity = _last_entity(
                _paragraph_before(analysis, ctx)
            )  # "复工率98.4%" after a workshop paragraph
            return [(f"{entity}_resumption_rate", None, None)] if entity else []
        return [
            (f"{'enterprise' if hits[-1][1] == 'enterprise' else 'workshop'}_resumption_rate", None, None)
        ]
    return []


def _coordinated(head: str, hits: list[tuple[int, str]]) -> bool:
    """Whether the last two entities before a rate are joined as one subject ("A和B的复工率")."""
    if len(hits) < 2 or hits[-1][1] == hits[-2][1]:
        return False
    first = cues.ENTERPRISE if hits[-2][1] == "enterprise" else cues.WORKSHOP
    m = first.match(head, hits[-2][0])
    between = head[m.end() : hits[-1][0]] if m else ""
    return bool(re.fullmatch(r"(?:和|及|与|、|以及)(?:扶贫|就业)?", between))


def _share_resumed(ctx: _Ctx) -> bool:
    """A share of all after a resumption: "已有312个扶贫车间恢复生产,占车间总数的88%", "复工占比96%"."""
    if not cues.SHARE_OF_TOTAL.search(ctx.left):
        return False
    previous = re.split(r"[,;:]", ctx.before.rstrip(",;: "))[-1] if ctx.before else ""
    if _PEOPLE_COUNT.search(previous) or _PEOPLE_COUNT.search(ctx.left):
        return False  # "复工企业吸纳贫困劳动力1200人,占比40%": a share of people
    return bool(cues.RESUME.search(ctx.left) or cues.RESUME.search(previous))


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


def _money(ctx: _Ctx, analysis: Analysis) -> list[Label]:
    """Yuan amounts: subsidy, income (with its period) and funds.

    An item of a 、-list takes its money word from the list's last item: "按照农区5400元/人、
    牧区6400元/人的标准发放补贴" makes both amounts subsidies.
    """
    text = analysis.text
    if cues.THRESHOLD_AFTER.match(ctx.right) or _rewarded_condition(ctx, analysis):
        return []  # "投资500万元以上、带动50户以上的企业,可享受贴息": a condition, not a figure
    if _per_person_standard(ctx, text):
        return [("subsidy", None, _period(ctx.clause, ctx.q.value, "once"))]
    labels = _money_in(ctx, ctx.clause)
    if not labels and _given_under_subsidy(ctx):
        return [("subsidy", None, _period(ctx.clause, ctx.q.value, "once"))]  # "奖补标准为: ...给予1000元"
    if labels or text[ctx.c1 : ctx.c1 + 1] != "、":
        return labels
    listed = re.match(r"[^,;。!?]*", text[ctx.c0 : ctx.s1])
    return _money_in(ctx, _strip(listed.group()) if listed else ctx.clause)


def _given_under_subsidy(ctx: _Ctx) -> bool:
    """An amount given ("给予1000元") or given each ("..., 每人500元") in a sentence whose earlier
    clauses name the subsidy or reward."""
    if not (_GIVEN.search(ctx.left) and cues.SUBSIDY.search(ctx.before)) or _is_subset(ctx):
        return False
    return not cues.NOT_MONEY_FACT.search(ctx.clause) and ctx.q.value < 1e6


_GIVEN = re.compile(
    r"(?:给予|奖励|补助|兑现)(?:每人|每个|每家|每户|一次性)?\s*$"
    r"|^\s*(?:每人|每名|每户|每个|每家|人均)(?:每月|每年|每天|一次性)?(?:给予|补助|发放)?\s*$"
)


def _per_person_standard(ctx: _Ctx, text: str) -> bool:
    """A per-person standard of support in a sentence that allocates funds: "我省投入资金25.1亿元,
    按照农区5400元/人、牧区6400元/人的标准,实施到户产业" (the rate each person gets is a subsidy)."""
    if not (ctx.q.counter or "").endswith("/人"):
        return False
    after = text[ctx.q.end : min(ctx.s1, ctx.q.end + 24)]  # the standard may close a 、-list
    return "标准" in after and bool(cues.FUNDS.search(ctx.sentence) or cues.SUBSIDY.search(ctx.sentence))


def _money_in(ctx: _Ctx, clause: str) -> list[Label]:
    if cues.NOT_MONEY_FACT.search(clause):
        return []
    value = ctx.q.value
    if cues.SUBSIDY.search(clause) and (cues.PER_UNIT.search(clause) or not cues.FUNDS.search(clause)):
        if value < 1e6:
            return [("subsidy", None, _period(clause, value, "once"))]
    if cues.INCOME.search(clause) and (_not_a_wage(ctx) or _payroll(ctx, clause)):
        return []
    if (
        cues.INCOME.search(clause)
        and value < 1e6
        and not cues.FUNDS.search(ctx.left)
        and not cues.EXTRA_INCOME.search(ctx.left)
    ):
        default = "day" if value <= 300 else "month" if value <= 30000 else "year"
        return [("income", None, _period(clause, value, default))]
    if cues.FUNDS.search(clause) or cues.SUBSIDY.search(clause):
        if cues.PER_UNIT_FUNDS.search(ctx.left):
            return []  # "为14个贫困县各安排1500万元", "县均援助资金": a share of each, not a total
        return [("funds", None, None)]
    if value < 1e5 and cues.WAGE_PERIOD.search(ctx.left[-8:]):
        return [("income", None, _period(clause, value, "month"))]  # "一个月3000元以上"
    return []


def _payroll(ctx: _Ctx, clause: str) -> bool:
    """Wages paid out in total ("发放工资80万元", "累计支付劳务报酬120万元", "工资总额"): what all the
    workers got together, not one worker's wage (no per-person word in the clause)."""
    if ctx.q.value < 50000 or not cues.PAYROLL.search(ctx.left):
        return False  # below 5万, "车间每月发工资2500元" is still one worker's
    return not re.search(r"人均|每人|每名|/人|每个人|一个人|每位", clause)


def _bare_wage(ctx: _Ctx) -> bool:
    """A wage said without its unit ("一个月能挣上1800左右"): a plain number right after 挣 / 工资,
    in a clause that says per what time, that no counter or noun follows."""
    q = ctx.q
    if q.unit is not None or q.counter is not None or not 10 <= q.value < 1e5:
        return False
    if re.match(r"\s*[\u4e00-\u9fff]", ctx.right) and not re.match(r"\s*(?:左右|上下|多|余|来)", ctx.right):
        return False  # "挣1800斤粮食": a noun follows
    per_time = cues.MONTH.search(ctx.clause) or cues.DAY.search(ctx.clause)
    return bool(per_time and cues.BARE_WAGE.search(ctx.left))


def _not_a_wage(ctx: _Ctx) -> bool:
    """Income words that give no worker's wage: an expected one ("人均年收入有望超过两万元"), a
    household's ("户均增收3357元"), or a whole population's average ("人均纯收入9328元",
    "村集体经济收入36.24万元")."""
    left = ctx.left
    return bool(
        _expected(ctx) or cues.PER_HOUSEHOLD_MONEY.search(left) or cues.POPULATION_INCOME.search(left)
    )


def classify(analysis: Analysis, q: Quantity, ctx: _Ctx | None = None) -> list[Label]:
    """The (metric, scope, period) labels of one quantity; empty for narrative numbers."""
    ctx = ctx or _context(analysis, q)
    if cues.SPAM.search(ctx.sentence):
        return []
    if q.unit == "percent":
        return _rate(ctx, analysis)
    if q.unit == "yuan":
        return _money(ctx, analysis)
    if _bare_wage(ctx):
        return [("income", None, _period(ctx.clause, q.value, "month"))]
    if _is_people(ctx):
        return _people(ctx, analysis)
    return _things(ctx, analysis)


# ---------------------------------------------------------------- as_of


def _usable_dates(analysis: Analysis) -> tuple[list[DateMention], list[DateMention]]:
    """Dates that can date a statistic: not datelines ("北京4月21日电"), not comparisons ("比去年").

    The second list holds years written after a clause's subject ("云南全省去年共有扶贫车间3615个",
    "全县2019年建成..."): they date only the figures that follow them in their own clause.
    """
    text = analysis.text
    keep: list[DateMention] = []
    local: list[DateMention] = []
    for d in analysis.dates:
        if d.as_of is not None and _DATELINE_AFTER.match(text, d.end):
            continue
        if text.startswith("同期", d.end):
            continue  # "去年同期": a comparison base
        s0, _ = analysis.sentence_at(d.start)
        if _BASE_BEFORE.search(text[s0 : d.start]) and (
            _BASE_AFTER.match(text, d.end) or _SHARE_BASE_AFTER.match(text, d.end)
        ):
            continue  # "为去年底的103.8%", "完成去年外出务工总量的103.5%": the base, not the date
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
                if not _COMPARISON_BEFORE.search(head) and d.as_of is not None:
                    local.append(d)
                continue
        keep.append(d)
    return keep, local


_SAME_BELOW = re.compile(r"\s*[(（]\s*下同\s*[)）]|[^。;\n()（）]{0,4}?[,，、]\s*下同\s*[)）]")
# "以下数据均截至9月30日": the date of every figure below.
_ALL_BELOW_BEFORE = re.compile(r"以下(?:数据|数字|统计数据|各项数据)?(?:均|皆|都)?\s*$")


def _marked_same_below(analysis: Analysis, dates: list[DateMention]) -> list[DateMention]:
    """The dates marked "(下同)" ("(数据截至9月30日, 下同)", "以下数据均截至9月30日"), found once
    per article (not once per figure)."""
    text = analysis.text
    return [
        d
        for d in dates
        if d.as_of
        and (_SAME_BELOW.match(text, d.end) or _ALL_BELOW_BEFORE.search(text, max(0, d.start - 12), d.start))
    ]


def _same_below(marked: list[DateMention], pos: int) -> str | None:
    """A date marked "(下同)" dates every later figure of the article that gives no date of its own."""
    for d in reversed(marked):
        if d.end <= pos:
            return d.as_of
    return None


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _local_year(analysis: Analysis, ctx: _Ctx, local: ByStart[DateMention]) -> DateMention | None:
    """A clause-internal year right before the figure, with no other number between them."""
    for d in reversed(local.between(ctx.c0, ctx.q.start + 1)):  # a mention ends after it starts
        if d.end <= ctx.q.start:
            if analysis.quantities_between(d.end, ctx.q.start):
                return None
            return d
    return None


def _cutoff_before(analysis: Analysis, earlier: list[DateMention]) -> DateMention | None:
    """The cut-off date ("截至6月底") of the sentence's earlier clauses, if the last date there is one:
    "截至6月底,目前全县已建成扶贫车间120个" is as of June 30th, 目前 only restates it."""
    if not earlier or earlier[-1].as_of is None:
        return None
    last = earlier[-1]
    return last if analysis.text.startswith(("截至", "截止", "到"), last.start) else None


def _distance(d: DateMention, q: Quantity) -> tuple[int, int]:
    """How far a date is from a figure, edge to edge; of two as near, the one before it wins
    ("由2018年的120个增加到目前的260个": 2018 dates the 120, 目前 the 260)."""
    if d.end <= q.start:
        return q.start - d.end, 0
    return max(0, d.start - q.end), 1


def _as_of(
    analysis: Analysis, ctx: _Ctx, dates: ByStart[DateMention], local: ByStart[DateMention]
) -> tuple[str | None, bool]:
    """(as_of, found_in_own_clause). ``dates`` and ``local`` are indexed: only the clause's are read."""
    in_clause = dates.between(ctx.c0, ctx.c1)
    year = _local_year(analysis, ctx, local)
    if year is not None:
        in_clause.append(year)
    if in_clause:
        nearest = min(in_clause, key=lambda d: _distance(d, ctx.q))
        cutoff = _cutoff_before(analysis, dates.between(ctx.s0, ctx.c0)) if nearest.as_of is None else None
        cutoff = cutoff or _cutoff_in_year(analysis, dates, ctx.s0, nearest)
        return (cutoff.as_of, False) if cutoff is not None else (nearest.as_of, True)
    earlier = dates.between(ctx.s0, ctx.c0)
    if earlier:
        cutoff = _cutoff_in_year(analysis, dates, ctx.s0, earlier[-1])
        return (cutoff or earlier[-1]).as_of, False
    closing = _closing_cutoff(analysis, dates, ctx)
    if closing is not None:
        return closing.as_of, False
    p0 = _paragraph_start(analysis.text, ctx.s0)
    opening = dates.between(p0, ctx.s0)
    if opening and _SAME_PERIOD.search(ctx.before + ctx.left):
        return opening[-1].as_of, False
    if opening:
        last = opening[-1]
        if _is_cutoff(analysis.text, last):
            return last.as_of, False  # a cut-off ("6月底, ...", "到2020年6月底") dates the paragraph
        return None, False
    carried = _same_time_paragraph(analysis, dates, p0)
    return (carried.as_of, False) if carried is not None else (None, False)


def _closing_cutoff(analysis: Analysis, dates: ByStart[DateMention], ctx: _Ctx) -> DateMention | None:
    """A cut-off written after the figures in their sentence, when nothing dates them before:
    "全省扶贫车间吸纳就业8.6万人, 数据截至9月30日", "..., 以上数据统计截止到6月底"."""
    text = analysis.text
    for d in dates.between(ctx.c1, ctx.s1):
        if d.as_of and text.startswith(("截至", "截止"), d.start):
            compared = _COMPARED_TO.search(text, max(ctx.s0, d.start - 4), d.start)
            return None if compared else d  # "比截至6月底增加1万人": the base of a change
    return None


_COMPARED_TO = re.compile(r"(?:比|较|与|同|相比|相较|对比)\s*$")


def _is_cutoff(text: str, d: DateMention) -> bool:
    """A date that closes a period: "截至9月30日", "到2020年6月底", "6月底", "今年以来"."""
    written = text[d.start : d.end]
    return written.startswith(("截至", "截止", "到", "至")) or written.endswith(("以来", "底", "末"))


def _cutoff_in_year(
    analysis: Analysis, dates: ByStart[DateMention], s0: int, year: DateMention
) -> DateMention | None:
    """A finer cut-off written before a year word of its own year in the same sentence: in
    "截至9月30日, 52个县今年外出务工295万人" or "到6月底, 全省今年以来新建车间300个" the year word
    says which period is counted, the cut-off when it was counted."""
    if year.precision != "year" or not year.as_of:
        return None
    before = [d for d in dates.between(s0, year.start) if d.end <= year.start and d.as_of]
    if not before:
        return None
    last = before[-1]
    finer = last.precision in ("day", "month") and (last.as_of or "").startswith(year.as_of)
    return last if finer and _is_cutoff(analysis.text, last) else None


# A paragraph that opens by tying itself to the time of the one before ("与此同时, 公益岗位安置...").
_SAME_TIME_OPENING = re.compile(r"\s*(?:与此同时|同期|同一时期|同时期|在此期间|此间|同时)\s*[,,]?")


def _same_time_paragraph(analysis: Analysis, dates: ByStart[DateMention], p0: int) -> DateMention | None:
    """The cut-off of the paragraph before, for a paragraph that opens with "与此同时" / "同期" and
    names no date of its own: it reports the same moment."""
    text = analysis.text
    if not _SAME_TIME_OPENING.match(text, p0):
        return None
    end = p0
    while end > 0 and text[end - 1].isspace():
        end -= 1  # back over the blank lines between the paragraphs, not a copy of the text before
    if end <= 0:
        return None
    previous = [d for d in dates.between(_paragraph_start(text, end), end) if d.as_of]
    if not previous or not _is_cutoff(text, previous[-1]):
        return None
    return previous[-1]


_WRITTEN_YEAR = re.compile(r"^(?:19|20)[0-9]{2}\s*年$")


def _opening_years(analysis: Analysis, dates: list[DateMention]) -> list[DateMention]:
    """Years written at the start of a sentence ("2020年,定西市..."): they date what follows them."""
    text = analysis.text
    out = []
    for d in dates:
        if d.precision != "year" or not _WRITTEN_YEAR.match(text[d.start : d.end]):
            continue
        s0, _ = analysis.sentence_at(d.start)
        if text[s0 : d.start].strip() in ("", "在", "于"):
            out.append(d)
    return out


def _title_year(analysis: Analysis) -> str | None:
    """The year a review's headline names ("定西市2020年就业扶贫工作综述"), if the article is later."""
    text, published = analysis.text, analysis.published or ""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    if not published[:4].isdigit() or not _is_headline(analysis, 0, end):
        return None
    for d in analysis.dates:
        if d.end <= end and d.precision == "year" and _WRITTEN_YEAR.match(text[d.start : d.end]):
            if d.as_of and d.as_of < published[:4]:
                return d.as_of
    return None


def _year_at(analysis: Analysis, pos: int, openers: ByStart[DateMention], title: str | None) -> str | None:
    """The written year in force at ``pos``: one opening a sentence of its paragraph, else the title's."""
    p0 = _paragraph_start(analysis.text, pos)
    inside = openers.between(p0, pos)
    return inside[-1].as_of if inside else title


def _with_written_year(
    analysis: Analysis, dates: list[DateMention], openers: ByStart[DateMention], title: str | None
) -> list[DateMention]:
    """A bare "全年" means the written year in force there, not the publication year."""
    out = []
    for d in dates:
        if re.sub(r"\s", "", analysis.text[d.start : d.end]) == "全年":
            year = _year_at(analysis, d.start, openers, title)
            d = replace(d, as_of=year) if year else d
        out.append(d)
    return out


# ---------------------------------------------------------------- assembly


def _restates(pv: float, value: float) -> bool:
    """Whether ``value`` is within 2% of the exact figure ``pv``."""
    return abs(pv - value) / pv <= 0.02


class _ExactFigures:
    """The exact figures drafted so far, by metric and value, in the order they were drafted.

    A rounded figure ("2750多万") looks up the exact one it restates among those within 3% of
    its value (a bisection over the sorted values) instead of going back over every draft.
    """

    def __init__(self) -> None:
        self._drafts: list[FactDraft] = []
        self._by_metric: dict[str, tuple[list[float], list[int]]] = {}
        self._negative: dict[str, list[int]] = {}  # abs(...) / pv <= 0.02 holds for every value

    def add(self, draft: FactDraft) -> None:
        pv = draft.quantity.value
        if draft.quantity.bound != "exact" or not pv or math.isnan(pv):
            return
        n = len(self._drafts)
        self._drafts.append(draft)
        if pv < 0:
            self._negative.setdefault(draft.metric, []).append(n)
            return
        values, ids = self._by_metric.setdefault(draft.metric, ([], []))
        at = bisect_right(values, pv)
        values.insert(at, pv)
        ids.insert(at, n)

    def restated(self, q: Quantity, metric: str) -> FactDraft | None:
        """The latest exact figure of ``metric`` that the rounded figure ``q`` restates."""
        if q.bound not in ("more_than", "about", "less_than"):
            return None
        found = self._negative.get(metric, [])[-1:]
        values, ids = self._by_metric.get(metric, ([], []))
        if q.value > 0 and math.isfinite(q.value):  # else no positive figure is within 2% of it
            a, b = bisect_left(values, q.value / 1.03), bisect_right(values, q.value / 0.97)
            found += [ids[i] for i in range(a, b) if _restates(values[i], q.value)]
        return self._drafts[max(found)] if found else None


def _is_headline(analysis: Analysis, s0: int, s1: int) -> bool:
    """A title or subhead line: a short paragraph of its own with no sentence-final punctuation."""
    text = analysis.text
    p0 = _paragraph_start(text, s0)
    p1 = text.find("\n", s0)
    p1 = len(text) if p1 < 0 else p1
    line = text[p0:p1].strip()
    if not line or len(line) > 40 or line[-1] in "。!?;…":
        return False
    return s1 <= p1 + 1 and p0 <= s0


def _same_figure(headline: Quantity, other: float) -> bool:
    """Whether ``headline`` is ``other`` as a title writes it (95% for 95.1%, 超九成 for 91.4%)."""
    value = headline.value
    if headline.unit == "percent":
        step = 10.0 if headline.bound != "exact" and value % 10 == 0 else 1.0
        if headline.bound == "more_than":
            return value <= other < value + step
        if headline.bound == "less_than":
            return value - step < other <= value
        return abs(value - other) < step
    if headline.bound in ("more_than", "less_than") and value > 0 and math.isfinite(value):
        step = _last_digit_unit(value)  # "超8万" for 8.6万: up to the next unit of what is written
        if headline.bound == "more_than":
            return value <= other < value + step
        return value - step < other <= value
    return other > 0 and abs(value - other) / other <= 0.05


def _last_digit_unit(value: float) -> float:
    """The unit of a round figure's last written digit: 80000 -> 10000, 2950000 -> 10000, 300 -> 100."""
    unit = 1.0
    while value >= unit * 10 and value % (unit * 10) == 0:
        unit *= 10
    return unit


def _date_headlines(analysis: Analysis, drafts: list[FactDraft]) -> None:
    """A headline figure has the date of its restatement in the text that follows it.

    "毕节:扶贫龙头企业复工率达95%" then "截至2月底,...复工率达95.1%": the title gives no
    time, the lead does.
    """
    for i, draft in enumerate(drafts):
        if draft.as_of or not _is_headline(analysis, draft.sentence_start, draft.sentence_end):
            continue
        for later in drafts[i + 1 :]:
            if later.sentence_start < draft.sentence_end or not later.as_of:
                continue
            q, lq = draft.quantity, later.quantity
            if q.unit != lq.unit:
                continue
            if later.metric == draft.metric and _same_figure(q, lq.value):
                draft.as_of, draft.as_of_source = later.as_of, "text"
                if _national_by_default(analysis, draft):
                    draft.region = later.region  # "挂牌督战县外出就业超295万人": the lead's 52个挂牌督战县
                break


def _national_by_default(analysis: Analysis, draft: FactDraft) -> bool:
    """A headline figure placed in China only because its headline names no place it knows."""
    region = draft.region or {}
    headline = analysis.text[draft.sentence_start : draft.sentence_end]
    return region.get("level") == "national" and not cues.NATIONAL.search(headline)


def _deictic(analysis: Analysis, ctx: _Ctx) -> bool:
    """A "目前"/"近年来" in the sentence: it has a time, just no point date, so no year is inherited."""
    return any(d.as_of is None for d in analysis.dates_between(ctx.s0, ctx.c1))


def _after_publication(as_of: str | None, published: str | None) -> bool:
    """A month after the article's own ("订单排到了11月" in August): a deadline or plan, not a count's date.

    Year-end words ("年底前", "全年") stay: only month-precision dates past the publication month count.
    """
    if not as_of or not published or len(as_of) != 7 or len(published) < 7:
        return False
    return as_of > published[:7]


def _default_region_at(analysis: Analysis) -> RegionAt:
    from fupin.extract.regions import RegionResolver

    return RegionResolver(analysis).region_at


def _wage_region(region_at: RegionAt, position: int, region: dict) -> dict:
    """One worker's wage is paid somewhere, never "in China": a wage that the text places nowhere
    (a story that opens on a worker, before any place is named) takes the province the article
    names most, when ``region_at`` is a resolver's method that knows it."""
    personal = getattr(getattr(region_at, "__self__", None), "personal_region_at", None)
    return personal(position) if personal is not None else region


def _workplace_count(analysis: Analysis, labels: list[Label], region_at: RegionAt, position: int) -> bool:
    """People or posts of one workplace told before the story names any place (a workshop's count,
    or "目前, 已为150多人提供了就业岗位" quoted from its manager in a story's first lines): they are
    somewhere, not "in China"."""
    if any(metric not in ("workers_employed", "poor_workers_employed", "jobs") for metric, _, _ in labels):
        return False
    if not all(scope in ("workshop", "enterprise", "base") for _, scope, _ in labels):
        text = analysis.text
        p0 = _paragraph_start(text, position)
        if text.rfind("“", p0, position) <= text.rfind("”", p0, position):
            return False  # not in quoted speech
    nowhere = getattr(getattr(region_at, "__self__", None), "placed_nowhere", None)
    return bool(nowhere is not None and nowhere(position))


def _last_year_twins(
    analysis: Analysis, ctx: _Ctx, drafts: list[FactDraft], labels: list[Label]
) -> list[FactDraft]:
    """Last year's figure of the statistic just stated in the sentence, as a fact of its own with
    last year's date: "人均月收入2800元, 去年同期为2300元" (2300 is the income of the same date a year
    before), "上年为2.1万元", "比上年的1.2万元增长25%" (the base of the change; the change itself is no
    fact). The dev gold dates a figure said of last year in that year, as "从去年的120个" already is.
    A number whose own words name another statistic ("去年有120个扶贫车间建成" after a count of
    people) is that statistic, not a twin."""
    m = cues.LAST_YEAR_TWIN.search(ctx.left)
    if m is None or not _bare_figure(ctx, base=m.group("compare") is not None):
        return []
    q = ctx.q
    earlier = [
        d
        for d in drafts
        if d.sentence_start == ctx.s0
        and d.quantity.end <= q.start
        and d.metric != "poor_migrant_workers_share_of_last_year"  # a share of last year has no twin
        and _same_kind(d.quantity, q)
    ]
    if not earlier:
        return []
    twin = earlier[-1].quantity
    stated = [d for d in earlier if d.quantity is twin]
    if labels and {m for m, _, _ in labels} != {d.metric for d in stated}:
        return []
    period = m.group("period") or m.group("base_period")
    year = m.group("year") or m.group("base_year")
    return [
        replace(
            d,
            quantity=q,
            as_of=_a_year_before(d.as_of, analysis.published, period, year),
            as_of_source="text",
        )
        for d in stated
    ]


_TWIN_END = re.compile(r"\s*(?:左右|上下|多|余)?\s*[。!?…]*\s*$")
_BASE_END = re.compile(
    r"\s*(?:左右|上下|多|余)?\s*(?:相比|相较)?\s*(?:增加|增长|减少|下降|提高|降低|上升|多|少|持平)"
)


def _bare_figure(ctx: _Ctx, base: bool) -> bool:
    """Whether the number ends its clause with nothing but its counter ("去年同期为2600人"), or, as the
    base of a change, goes on with the change ("比上年的1.2万元增长25%"): not "去年有120户贫困户脱贫",
    whose own words say what it counts."""
    rest = ctx.right
    if ctx.q.counter and rest.lstrip().startswith(ctx.q.counter):
        rest = rest.lstrip()[len(ctx.q.counter) :]
    return bool(_TWIN_END.match(rest) or (base and _BASE_END.match(rest)))


def _same_kind(stated: Quantity, other: Quantity) -> bool:
    """Whether ``other`` can be the same statistic as ``stated``: yuan with yuan, rates with rates,
    people with people (a bare number with any count)."""
    if stated.unit != other.unit:
        return False
    if stated.unit not in (None, "count") or other.counter is None:
        return True
    return (stated.counter in _PEOPLE_COUNTERS) == (other.counter in _PEOPLE_COUNTERS)


def _a_year_before(
    as_of: str | None, published: str | None, period: str | None, written: str | None = None
) -> str | None:
    """The date a year before ``as_of`` (or before publication when the figure is undated), or in the
    ``written`` year: the same day for "同期", that year's last day for "底"/"末", else that year."""
    base = as_of or published or ""
    if not base[:4].isdigit():
        return None
    year = written or f"{int(base[:4]) - 1:04d}"
    if period == "同期" and as_of and len(as_of) > 4:
        rest = as_of[4:]
        return year + ("-02-28" if rest == "-02-29" else rest)
    if period in ("底", "末", "年底", "年末"):
        return f"{year}-12-31"
    return year


def find_facts(analysis: Analysis, region_at: RegionAt | None = None) -> list[FactDraft]:
    """Facts of a Chinese article whose quantities and dates are already in ``analysis``.

    ``region_at`` maps a character position to the fact's region object; by default
    :class:`fupin.extract.regions.RegionResolver` does.
    """
    if region_at is None:
        region_at = _default_region_at(analysis)
    dates, local = _usable_dates(analysis)
    title_year = _title_year(analysis)
    openers = _opening_years(analysis, dates)
    openers_at = ByStart(openers)
    dates_at = ByStart(_with_written_year(analysis, dates, openers_at, title_year))
    local_at = ByStart(_with_written_year(analysis, local, openers_at, title_year))
    marked = _marked_same_below(analysis, dates_at.items)
    drafts: list[FactDraft] = []
    exact = _ExactFigures()
    in_names = analysis.quantities_in_place_names()
    for q in sorted(analysis.quantities, key=lambda x: x.start):
        if q.start in in_names:
            continue  # the 22 of "中西部22个省份" names a group, it counts nothing
        ctx = _context(analysis, q)
        labels = classify(analysis, q, ctx)
        twins = _last_year_twins(analysis, ctx, drafts, labels)
        if twins:
            drafts.extend(twins)  # "人均月收入2800元, 去年同期为2300元": last year's figure
            continue
        if not labels:
            continue
        as_of, own = _as_of(analysis, ctx, dates_at, local_at)
        if as_of is None and not _deictic(analysis, ctx):
            as_of = _year_at(analysis, ctx.s0 if ctx.s0 > ctx.c0 else ctx.c0, openers_at, title_year)
        if as_of is None and not _deictic(analysis, ctx):
            as_of = _same_below(marked, q.start)
        if _after_publication(as_of, analysis.published):
            as_of = None if not any(m == "workshops_planned" for m, _, _ in labels) else as_of
        region = region_at(q.start)
        if region.get("level") == "national" and all(m == "income" for m, _, _ in labels):
            region = _wage_region(region_at, q.start, region)
        elif region.get("level") == "national" and _workplace_count(analysis, labels, region_at, q.start):
            region = _wage_region(region_at, q.start, region)
        last_year = cues.SAME_PERIOD_LAST_YEAR.match(ctx.left)
        if last_year:  # "去年同期外出务工2600人": the sentence's date, a year before
            as_of, own = _a_year_before(as_of, analysis.published, "同期", last_year.group("year")), True
        for metric, scope, period in labels:
            source = exact.restated(q, metric) if not own else None
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
            exact.add(drafts[-1])
    _date_headlines(analysis, drafts)
    return drafts
