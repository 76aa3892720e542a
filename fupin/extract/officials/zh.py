"""Quoted officials in Chinese text.

The forms news uses are "ORG + TITLE + NAME + 表示/说/介绍" (甘肃省人社厅厅长周丽宁表示),
"据 ORG TITLE NAME 介绍", "NAME（ORG TITLE）" and later mentions by name alone
("郭大雷表示"). A person needs a title from ``titles.ZH_TITLES`` (so villagers,
workers and reporters never count) and a verb of saying, or a colon, after one of
their mentions. Names are read from the characters after the title: a known surname
and one or two given characters, checked against what follows them (a cue verb,
a particle, punctuation) and against jieba's person tags.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from functools import lru_cache

from fupin.extract.mentions import PlaceMention
from fupin.extract.officials.model import Person
from fupin.extract.officials.names import ZH_NOT_IN_GIVEN, ZH_SURNAMES_1, ZH_SURNAMES_2, looks_like_zh_name
from fupin.extract.officials.ner import NerSpan
from fupin.extract.officials.orgs import find_places, province_of
from fupin.extract.officials.titles import (
    ZH_BUSINESS_ORG,
    ZH_BUSINESS_TITLES,
    ZH_CUE_RE,
    ZH_NON_TITLES,
    ZH_PARTY_BODIES,
    ZH_TITLES,
)

_TITLE_RE = re.compile("|".join(re.escape(t) for t in ZH_TITLES))
_BOUNDARY = set('，,。；;：:、“”"‘’（）()【】[]《》\n\r\t 　!?！？|·—-/')
_FOLLOW_RE = re.compile(
    r"(?:"
    + ZH_CUE_RE.pattern
    + r"|[在对向也还则就等同一介接带率陪主出参来到告给跟坦曾又再首进特笑深动高]|[，,。；;、（()“”\"\s]|$)"
)
_LEAD_JUNK = re.compile(
    r"^(?:据|由|经|记者从|记者|在|对|向|是|为|和|与|会上|近日|日前|今天|昨天|此外|其中|同时|另外|接受|采访了|采访|"
    r"邀请|陪同|带领|随后|当天|目前|日|时|\d+日|\d+月\d+日|[上下]午|指出|表示|介绍|了|的|作为|担任|原|现任|时任"
    r"|来到|走进|前往|回到|位于)+"
)
_ANAPHOR = re.compile(
    r"^(?:.{0,4}?(?=该|本|这家|这个|此))?(?:该|本|这家|这个|此|当地)?(公司|企业|厂|工厂|合作社|集团|村|镇|乡|县|局|车间|基地"
    r"|店|工坊)$"
)
_FUNCTION_CHARS = set("与同跟在对向把被从据是的了将为")
_QUOTE_OPEN, _QUOTE_CLOSE = '“"「『', '”"」』'
_MIN_QUOTE = 10
_LEVELS = set("省市县区乡镇村")


@lru_cache(maxsize=1)
def _jieba_posseg():
    """jieba's POS tagger, loaded once and quietly."""
    import jieba
    import jieba.posseg as posseg

    from fupin.extract.zh.tokenizer import lend_dictionary_to_jieba

    jieba.setLogLevel(logging.WARNING)
    lend_dictionary_to_jieba()
    return posseg


def load_pos_tagger() -> None:
    """Load jieba's POS tagger now (0.3-0.4 s), not when the first ambiguous name needs it.

    The warm-up articles do not reach the tagger (it runs only where two readings of a name
    fit), so without this every worker process paid the load on its first such name.
    """
    _jieba_posseg().lcut("主任李忠表示")


class _JiebaNames:
    """Where jieba's POS tagger sees a person's name (nr, nrfg) starting, asked position by position.

    POS tagging is the costliest step of extraction, and a name is only ever looked up
    right after a title or before a bracket: only a short window of the block around
    such a position is tagged (jieba tags each run of word characters between
    punctuation on its own), with a few characters before it for the title and more
    after it for what follows the name.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.answers: dict[int, int | None] = {}

    def get(self, pos: int) -> int | None:
        if pos not in self.answers:
            self.answers[pos] = self._name_at(pos)
        return self.answers[pos]

    def _name_at(self, pos: int) -> int | None:
        if not 0 <= pos < len(self.text) or not _POSSEG_BLOCK_CHAR.match(self.text, pos):
            return None
        start = pos
        while start > max(0, pos - _TAG_BEFORE) and _POSSEG_BLOCK_CHAR.match(self.text, start - 1):
            start -= 1
        end = _POSSEG_BLOCK.match(self.text, pos).end()  # type: ignore[union-attr]
        at = start
        for token in _jieba_posseg().cut(self.text[start : min(end, pos + _TAG_AFTER)]):
            if at == pos:
                if token.flag in ("nr", "nrfg") and looks_like_zh_name(token.word):
                    return pos + len(token.word)
                return None
            at += len(token.word)
            if at > pos:
                return None
        return None


#: Characters tagged before and after a looked-up position (a title; a name and its verb).
_TAG_BEFORE, _TAG_AFTER = 6, 10


# jieba.posseg's own block pattern (re_han_internal): it tags each such run on its own.
_POSSEG_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._]+")
_POSSEG_BLOCK_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._]")


class _Text:
    """The text with its sentence bounds, for windowed look-ups."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sorted(sentences) or [(0, len(text))]
        self.starts = [s for s, _ in self.sentences]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return 0, len(self.text)
        start, end = self.sentences[i]
        return (start, end) if pos < end else (start, max(end, pos))


# Names of Uyghur, Kazakh and other peoples written with a middle dot: 艾尼瓦尔·吐尔逊.
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[·•・][\u4e00-\u9fff]{2,6}){1,2}")
_DOTTED_HEAD = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[·•・][\u4e00-\u9fff]{2,6})?[·•・]")


def _dotted_name(text: str, pos: int) -> int | None:
    """End of a dotted name at ``pos``; its last part stops before a verb or particle (…吐尔逊表示)."""
    head = _DOTTED_HEAD.match(text, pos)
    if head is None:
        return None
    for length in range(6, 1, -1):
        end = head.end() + length
        last = text[head.end() : end]
        if len(last) < length or not all("\u4e00" <= c <= "\u9fff" for c in last):
            continue
        if ZH_CUE_RE.search(last) or any(c in _FUNCTION_CHARS for c in last):
            continue  # only particles end it: 提 and 都 are common in such names (买买提, 阿不都)
        if _FOLLOW_RE.match(text, end):
            return end
    return None


# A verb of saying right after a name (the colon and one-character verbs are too loose here).
_SAYS_RE = re.compile(
    r"(?:介绍|表示|指出|透露|告诉|坦言|说道|强调|认为|谈到|提到|解释|补充|笑着说|说[，,:：“])"
)


def _free_name(text: str, pos: int) -> int | None:
    """A name outside the Han surname pattern, right after a title.

    Yi, Tibetan and other names (沙马拉体, 扎西多吉) have no Han surname; after a title they
    are taken when a verb of saying follows at once. Dotted names (艾尼瓦尔·吐尔逊) need no verb.
    """
    if _DOTTED_NAME.match(text, pos):
        return _dotted_name(text, pos)
    for length in (4, 3, 2):
        end = pos + length
        name = text[pos:end]
        if end > len(text) or not all("\u4e00" <= c <= "\u9fff" for c in name):
            continue
        if any(c in ZH_NOT_IN_GIVEN for c in name) or _TITLE_RE.search(name) or ZH_CUE_RE.search(name):
            continue
        if _SAYS_RE.match(text, end):
            return end
    return None


def _name_after(text: str, pos: int, jieba_names: _JiebaNames, ner_names: dict[int, int]) -> int | None:
    """End of the personal name starting at ``pos``, or ``None`` if none starts there."""
    if pos >= len(text):
        return None
    found = _han_name_after(text, pos, jieba_names, ner_names)
    if found is not None and _FOLLOW_RE.match(text, found):
        return found
    free = _free_name(text, pos)  # 吉克阿呷介绍: jieba's 吉克阿 is cut short of the verb
    return free if free is not None else found


def _han_name_after(text: str, pos: int, jieba_names: _JiebaNames, ner_names: dict[int, int]) -> int | None:
    """A Han name: a known surname and one or two given characters that fit what follows."""
    if _DOTTED_NAME.match(text, pos):
        return None
    surname_len = 2 if text[pos : pos + 2] in ZH_SURNAMES_2 else 1 if text[pos] in ZH_SURNAMES_1 else 0
    if surname_len == 0:
        return ner_names.get(pos)
    fits = []
    for given in (2, 1):
        end = pos + surname_len + given
        name = text[pos:end]
        if end > len(text) or any(c in ZH_NOT_IN_GIVEN for c in name[surname_len:]):
            continue
        if not all("\u4e00" <= c <= "\u9fff" for c in name):
            continue
        if _FOLLOW_RE.match(text, end):
            fits.append(end)
    if len(fits) == 1:
        return fits[0]  # the only reading that fits: what jieba or the NER says cannot change it
    hinted = jieba_names.get(pos) or ner_names.get(pos)
    if hinted and (hinted in fits or not fits):
        return hinted
    return fits[0] if fits else None


def _org_before(text: str, title_start: int, sent_start: int) -> tuple[int, int] | None:
    """The organisation written right before a title: back to punctuation, minus lead words."""
    start = title_start
    floor = max(sent_start, title_start - 40)
    while start > floor and text[start - 1] not in _BOUNDARY:
        start -= 1
        inserted = _INSERTION_BEFORE.search(text, max(floor, start - 8), start)
        if inserted and inserted.end() == start:
            start = inserted.start()  # "本康沟村扶贫(驻村)工作队": a short insertion inside the name
    chunk = text[start:title_start]
    if "的" in chunk:
        cut = chunk.rindex("的") + 1
        if cut == len(chunk):  # "一家社区工厂的负责人": the organisation is before 的
            title_start -= 1
            chunk = chunk[:-1]
            cut = chunk.rindex("的") + 1 if "的" in chunk else 0
            if cut and _PLACE_END.search(chunk[: cut - 1]):
                cut = 0  # "恰尔巴格乡的一家工厂": keep the place
        start, chunk = start + cut, chunk[cut:]
    junk = _LEAD_JUNK.match(chunk)
    if junk and not _starts_with_place(chunk):
        start, chunk = start + junk.end(), chunk[junk.end() :]
    if (len(chunk) < 2 and chunk not in _LEVELS) or any(bad in chunk for bad in ZH_NON_TITLES):
        return None
    return start, title_start


_PLACE_END = re.compile(r"[省市县区州旗乡镇村]$")
_UNIT_END = re.compile(r"(?:扶贫|就业|帮扶)?(?:车间|工坊|工厂|合作社|基地)")
_INSERTION_BEFORE = re.compile(r"[\u4e00-\u9fff][(（][\u4e00-\u9fff]{1,4}[)）]")
# "在威宁县，一家食用菌企业负责人": the clause before names where the (indefinite) organisation is.
_PLACE_CLAUSE = re.compile(r"(?:在|据)?([\u4e00-\u9fff]{2,30}?[省市县区州旗乡镇村])[，,]\s*$")
_INDEFINITE = re.compile(r"^(?:一|某)(?:家|个|座|所|处)")


def _starts_with_place(chunk: str) -> bool:
    """Whether the chunk opens with a place name (和田地区…, not 和 + a body)."""
    return any(m.start == 0 for m in find_places(chunk, "zh"))


def _with_place(text: str, org_span: tuple[int, int]) -> tuple[str, tuple[int, int] | None]:
    """An indefinite organisation (一家扶贫车间) with the place of the clause before it, if any."""
    org = text[org_span[0] : org_span[1]]
    if not _INDEFINITE.match(org):
        return org, org_span
    m = _PLACE_CLAUSE.search(text, max(0, org_span[0] - 32), org_span[0])
    if m is None:
        return org, org_span
    return m.group(1) + org, None


def _resolve_anaphor(text: str, org: str, before: int) -> tuple[int, int] | None:
    """ "公司" / "该村": the last full name ending the same way earlier in the text.

    The occurrences of the ending are tried from the last one back, and the first full name
    found is the answer: a long text is not read from its start for every anaphor.
    """
    m = _ANAPHOR.match(org)
    if not m:
        return None
    suffix = m.group(1)
    for end in _ends_backwards(text, suffix, before):
        span = _full_name_ending(text, suffix, end)
        if span is not None:
            return span
    return None


def _ends_backwards(text: str, suffix: str, before: int) -> Iterator[int]:
    """Ends of the occurrences of ``suffix`` in ``text[:before]`` (non-overlapping, as ``re.finditer``
    finds them), last first."""
    if any(suffix[:k] == suffix[-k:] for k in range(1, len(suffix))):  # occurrences could overlap
        yield from reversed([hit.end() for hit in re.finditer(re.escape(suffix), text[:before])])
        return
    at = text.rfind(suffix, 0, before)
    while at >= 0:
        yield at + len(suffix)
        at = text.rfind(suffix, 0, at)


def _full_name_ending(text: str, suffix: str, end: int) -> tuple[int, int] | None:
    """The full name (with the place before "的") that ends at ``end``, if it is one."""
    start = end - len(suffix)
    while start > 0 and text[start - 1] not in _BOUNDARY and text[start - 1] not in _FUNCTION_CHARS:
        start -= 1
        if end - start > 30:
            break
    # the place's last character right before "的" (``$`` also matches before a final line break)
    if start > 1 and text[start - 1] == "的" and _PLACE_END.search(text, max(0, start - 3), start - 1):
        place_start = start - 1  # "恰尔巴格乡的一家服装卫星工厂": keep the place
        while (
            place_start > 0
            and text[place_start - 1] not in _BOUNDARY
            and text[place_start - 1] not in _FUNCTION_CHARS
        ):
            place_start -= 1
        place_start += _place_from(text[place_start : start - 1])
        if _only_a_place(text[place_start : start - 1]):
            start = place_start
    junk = _LEAD_JUNK.match(text[start:end])
    if junk:
        start += junk.end()
    if end - start >= len(suffix) + 2 and not _ANAPHOR.match(text[start:end]):
        return start, end
    return None


#: The longest stretch kept as the place before "的" in a full name ("恰尔巴格乡的…工厂").
_PLACE_BEFORE_MAX = 12
# A verb of going or being somewhere: what comes before it is a clause, not part of a place.
_MOTION = re.compile(r"来到|走进|位于|前往|到了|回到|坐落")


def _place_from(chunk: str) -> int:
    """Where the place starts in the stretch before "的": after a verb of going or being somewhere
    ("走进恰尔巴格乡的…工厂", "负责人覃桂珍来到位于南站社区的旭怡侗衣店": the rest tells who went there)."""
    motions = list(_MOTION.finditer(chunk))
    return motions[-1].end() if motions else 0


def _only_a_place(chunk: str) -> bool:
    """Whether the stretch before "的" can be a place: short, and naming no one by a title."""
    return 0 < len(chunk) <= _PLACE_BEFORE_MAX and not _TITLE_RE.search(chunk)


def _cue_after(text: str, end: int, limit: int) -> int | None:
    """Position of a verb of saying after a name, in the same clause chain (or a colon right after)."""
    rest = text[end:limit]
    if re.match(r"\s*[:：]", rest):
        return end + rest.index(":" if ":" in rest[:3] else "：")
    window = rest[:60]
    for m in ZH_CUE_RE.finditer(window):
        if m.group() in ":：":
            continue
        between = window[: m.start()]
        if _TITLE_RE.search(between) and re.search(r"[\u4e00-\u9fff]{2,3}$", between):
            if not _co_subjects(between) and not _ADDRESSEE.search(between):
                return None  # another titled person speaks
        return end + m.start()
    return None


# Someone spoken to, not speaking: "跟施工方现场负责人张勇交代", "向来访的局长介绍".
_ADDRESSEE = re.compile(r"(?:^|[,，、])[^,，。；;]{0,6}?(?:跟|向|给)[^,，。；;跟向给]{0,16}$")


def _addressed(text: str, start: int) -> bool:
    """Whether the name at ``start`` (with its title before it) is the one spoken to."""
    clause_start = max(text.rfind(p, 0, start) for p in ",，。；;!?！？\n") + 1
    return bool(_ADDRESSEE.search(text[clause_start:start]))


def _co_subjects(between: str) -> bool:
    """Titled people who share one verb: "副部长张义珍,副主任陈志刚,书记李炳军出席会议并讲话"."""
    if not between or between[0] not in ",、":
        return False
    parts = [p for p in re.split(r"[,]", between[1:]) if p]
    return bool(parts) and all(_TITLE_RE.search(p) for p in parts)


# A sentence that goes on about the person just introduced: "他要求, ...", "她表示".
_PRONOUN_CUE = re.compile(
    r"\s*(?:他|她)(?:还|也|并|同时|进一步|再次|随后|最后|当场|现场)?(?=" + ZH_CUE_RE.pattern + ")"
)


def _pronoun_statement(text: str, doc: _Text, person: Person) -> None:
    """Cite a titled person when a sentence that names them is followed by one that opens with
    他/她 and a verb of saying ("周正清详细了解...。他要求...")."""
    for mention in re.finditer(re.escape(person.name), text):
        _, sent_end = doc.sentence(mention.start())
        if sent_end + 1 >= len(text):
            return
        nxt = doc.sentence(sent_end + 1)
        m = _PRONOUN_CUE.match(text, nxt[0]) if nxt[0] >= sent_end else None
        if m is not None:
            statement = _statement(text, m.end(), nxt[1])
            person.cite("indirect", statement[2], statement[:2], nxt[0])
            return


def _direct_quote(text: str, name_start: int, cue: int, sent: tuple[int, int]) -> tuple[int, int] | None:
    """The span inside quotation marks that the person says, if any."""
    after = re.match(r"[^，,。“\"]{0,4}[，,:：]?\s*[“\"「『]", text[cue:])
    if after:
        open_at = cue + after.end() - 1
        close = _find_close(text, open_at + 1)
        if close and _is_speech(text[open_at + 1 : close]):
            return open_at + 1, close
    inside = _quote_in_statement(text, cue, sent[1])
    if inside:
        return inside
    i = name_start - 1
    lookback = max(0, name_start - 45)
    while i >= lookback and text[i] not in _QUOTE_CLOSE:
        if text[i] in "\n" or (
            text[i] in "。！？" and i < name_start - 1 and text[i + 1] not in _QUOTE_CLOSE
        ):
            return None
        i -= 1
    if i < lookback:
        return None
    open_at = max(text.rfind(q, 0, i) for q in _QUOTE_OPEN)
    if open_at < 0 or "\n" in text[open_at:i] or not _is_speech(text[open_at + 1 : i]):
        return None
    return open_at + 1, i


_SPOKEN = re.compile(r"[我咱你您]|大家|[，,！!？?。…]|[了吧呢啊呀嘛]$")


def _quote_in_statement(text: str, cue: int, sent_end: int) -> tuple[int, int] | None:
    """Quotation marks later in the reported sentence ("…告诉记者，…，“大家干劲很足”。").

    Scare quotes (“三区三州”, “扶贫车间+”) are terms; a quotation here must read as speech:
    long, or with a pronoun, a clause break or a sentence particle.
    """
    for m in re.finditer(r"[“\"「『]", text[cue:sent_end]):
        open_at = cue + m.start()
        close = _find_close(text, open_at + 1)
        if close is None or close > sent_end + 1:
            return None
        quoted = text[open_at + 1 : close]
        if _is_speech(quoted) or (len(quoted) >= 4 and _SPOKEN.search(quoted)):
            return open_at + 1, close
    return None


def _is_speech(quoted: str) -> bool:
    """A quotation rather than scare quotes: long enough, or a whole sentence."""
    return len(quoted) >= _MIN_QUOTE or (len(quoted) >= 4 and quoted[-1] in "。！？!?…")


def _find_close(text: str, start: int) -> int | None:
    """Index of the quotation mark that closes a quote opened before ``start``."""
    for i in range(start, min(len(text), start + 600)):
        if text[i] in _QUOTE_CLOSE:
            return i
        if text[i] == "\n":
            return i
    return None


def _role(title: str, org: str | None) -> str:
    """Company heads are "business"; public titles are "official"."""
    if org and ZH_BUSINESS_ORG.search(org):
        return "business"
    if title in ZH_BUSINESS_TITLES and title not in ("负责人", "理事长", "社长"):
        return "business"
    return "official"


def _chain_start(text: str, start: int, title_at_end: dict[int, re.Match[str]], sent_start: int) -> int:
    """Where a chain of titles begins: "江西省副省长、省发改委主任吴晓军" holds both titles, and the
    organisation is the one before the first ("江西省")."""
    while True:
        cut = text.rfind("、", max(sent_start, start - 14), start)
        if cut < 0 or re.search(r"[,，。;；:：“”]", text[cut:start]):
            return start
        previous = title_at_end.get(cut)
        if previous is None or previous.group() in ("负责人", "负责同志"):
            return start  # "该扶贫工坊负责人、某公司总经理刘建军": the office with its own company
        start = previous.start()


def _title_org(
    text: str, t_start: int, t_end: int, sent_start: int
) -> tuple[str, tuple[int, int], str | None, tuple[int, int] | None]:
    """Title and organisation of a mention; party bodies go to the organisation as well."""
    title = text[t_start:t_end]
    org_span = _org_before(text, t_start, sent_start)
    body = next((b for b in ZH_PARTY_BODIES if title.startswith(b)), None)
    if body and "、" in title:
        body = None  # "省扶贫办党组书记、主任": the office named next is held in 省扶贫办 itself
    if org_span and body:
        org_span = (org_span[0], t_start + len(body))
    elif body and not org_span:
        org_span = (t_start, t_start + len(body))
    if org_span:
        resolved = _resolve_anaphor(text, text[org_span[0] : org_span[1]], org_span[0])
        if resolved:
            org_span = resolved
    if not org_span:
        return title, (t_start, t_end), None, None
    org, placed_span = _with_place(text, org_span)
    if title in ("负责人", "负责同志"):
        unit = next(
            (
                s
                for s in range(max(org_span[0], t_start - 4), t_start)
                if _UNIT_END.fullmatch(text, s, t_start)
            ),
            None,
        )
        if unit is not None:  # "扶贫车间负责人": a generic title is named by the unit it heads
            title, t_start = text[unit:t_start] + title, unit
    return title, (t_start, t_end), org, placed_span


def find_zh(
    text: str,
    sentences: list[tuple[int, int]],
    places: list[PlaceMention] | None = None,
    ner_spans: list[NerSpan] | None = None,
) -> list[Person]:
    """The quoted or cited officials of a Chinese text (see the module docstring)."""
    doc = _Text(text, sentences)
    jieba_names = _JiebaNames(text)
    ner_names = {
        s.start: s.end for s in ner_spans or [] if s.label == "PER" and _ner_name_ok(text[s.start : s.end])
    }
    people: dict[str, Person] = {}
    intro_ends: set[int] = set()
    titles = list(_TITLE_RE.finditer(text))
    title_at_end = {t.end(): t for t in titles}
    for m in titles:
        pos = m.end()
        while pos < len(text) and text[pos] in " 　":
            pos += 1
        end = _name_after(text, pos, jieba_names, ner_names)
        if end is None:
            continue
        sent = doc.sentence(m.start())
        first = _chain_start(text, m.start(), title_at_end, sent[0])
        title, t_span, org, org_span = _title_org(text, first, m.end(), sent[0])
        _add(people, text, (pos, end), title, t_span, org, org_span, places)
        intro_ends.add(end)
    _bracketed_titles(text, doc, people, places, jieba_names)
    _leaders(text, doc, people, places)
    _fill_from_ner(text, doc, people, ner_spans or [], places)
    for name, person in people.items():
        _collect_quotes(text, doc, name, person)
        if person.quote_kind is None:
            _pronoun_statement(text, doc, person)
    return [p for p in people.values() if p.quote_kind]


# National leaders are written name first: "习近平总书记强调", "李克强总理指出".
_LEADER = re.compile(
    r"(?:^|(?<=[,，。;；:：“”\"、\s(（]))([\u4e00-\u9fff]{2,3})(总书记|国家主席|副总理|总理|委员长)"
)
_LEADER_ORG = {"总书记": "中共中央", "国家主席": "中华人民共和国", "总理": "国务院", "副总理": "国务院"}
_LEADER_ORG["委员长"] = "全国人大常委会"


def _leaders(text: str, doc: _Text, people: dict[str, Person], places: list[PlaceMention] | None) -> None:
    """National leaders named before their title; they count when they speak, like everyone else."""
    for m in _LEADER.finditer(text):
        name = m.group(1)
        if not looks_like_zh_name(name):
            continue
        sent = doc.sentence(m.start())
        cue = _cue_after(text, m.end(), sent[1])
        if cue is None:
            continue
        title = m.group(2)
        if name not in people:
            _add(people, text, m.span(1), title, m.span(2), _LEADER_ORG[title], None, places)
        quote = _direct_quote(text, m.start(), cue, sent)
        if quote:
            people[name].cite("direct", text[quote[0] : quote[1]], quote, m.start())
        else:
            statement = _statement(text, cue, sent[1])
            people[name].cite("indirect", statement[2], statement[:2], m.start())


def _add(
    people: dict[str, Person],
    text: str,
    name_span: tuple[int, int],
    title: str,
    t_span: tuple[int, int] | None,
    org: str | None,
    org_span: tuple[int, int] | None,
    places: list[PlaceMention] | None,
) -> None:
    """Introduce a person, or complete one seen before without organisation."""
    name = text[name_span[0] : name_span[1]]
    known = people.get(name)
    if known is not None:
        if known.organization is None and org:
            known.organization, known.org_span = org, org_span
            known.province = province_of(org, "zh", places, name_span[0])
        return
    people[name] = Person(
        name=name,
        name_span=name_span,
        title=title,
        title_span=t_span,
        organization=org,
        org_span=org_span,
        role=_role(title, org),
        province=province_of(org, "zh", places, name_span[0]),
    )


_BRACKET_RE = re.compile(r"[（(]([^（()）\n]{2,40}?)[）)]|[，,]([^，,。；;：:“”\n]{3,40}?)[，,]")


_ZH_TITLE_ENDS = tuple(ZH_TITLES)  # str.endswith takes a tuple: one C call rules most brackets out


def _bracketed_titles(
    text: str,
    doc: _Text,
    people: dict[str, Person],
    places: list[PlaceMention] | None,
    jieba_names: _JiebaNames,
) -> None:
    """ "NAME（ORG TITLE）" and "NAME，ORG TITLE，": titles written after the name."""
    for m in _BRACKET_RE.finditer(text):
        group = 1 if m.group(1) else 2
        inner = m.group(group)
        if not inner.endswith(_ZH_TITLE_ENDS):
            continue
        t = next((t for t in ZH_TITLES if inner.endswith(t)), None)
        if t is None:
            continue
        name_end = m.start()
        for length in (3, 2, 4):
            start = name_end - length
            if start < 0 or not looks_like_zh_name(text[start:name_end]):
                continue
            if group == 2 and (
                jieba_names.get(start) != name_end or (start > 0 and text[start - 1] not in _BOUNDARY)
            ):
                continue  # "NAME，ORG TITLE，" only where the name stands alone before the comma
            t_start = m.end(group) - len(t)
            org_span = (m.start(group), t_start) if t_start - m.start(group) >= 2 else None
            org = text[org_span[0] : org_span[1]] if org_span else None
            _add(people, text, (start, name_end), t, (t_start, m.end(group)), org, org_span, places)
            break


def _fill_from_ner(
    text: str, doc: _Text, people: dict[str, Person], spans: list[NerSpan], places: list[PlaceMention] | None
) -> None:
    """Names the rules missed: a model's person span right after a model title span."""
    titles = {s.end: s for s in spans if s.label == "TITLE"}
    for span in spans:
        if span.label != "PER" or not _ner_name_ok(text[span.start : span.end]):
            continue
        if text[span.start : span.end] in people:
            continue
        title = titles.get(span.start)
        if title is None or not 2 <= title.end - title.start <= 8:
            continue
        title_text = text[title.start : title.end]
        if any(bad in title_text for bad in ZH_NON_TITLES):
            continue
        sent = doc.sentence(span.start)
        org_span = _org_before(text, title.start, sent[0])
        org = text[org_span[0] : org_span[1]] if org_span else None
        _add(
            people, text, (span.start, span.end), title_text, (title.start, title.end), org, org_span, places
        )
        people[text[span.start : span.end]].source = "ner"


def _ner_name_ok(name: str) -> bool:
    """A model's person span is used when it has the shape of a Chinese name, any surname."""
    return (
        2 <= len(name) <= 4
        and all("\u4e00" <= c <= "\u9fff" for c in name)
        and not any(c in ZH_NOT_IN_GIVEN for c in name[1:])
    )


def _collect_quotes(text: str, doc: _Text, name: str, person: Person) -> None:
    """Every mention of the name followed by a verb of saying makes the person quoted."""
    for m in re.finditer(re.escape(name), text):
        if m.end() < len(text) and m.end() != person.name_span[1] and _continues_name(text, m.end()):
            continue
        sent = doc.sentence(m.start())
        cue = _cue_after(text, m.end(), sent[1])
        if cue is None or _addressed(text, m.start()):
            continue
        quote = _direct_quote(text, m.start(), cue, sent)
        if quote:
            person.cite("direct", text[quote[0] : quote[1]], quote, m.start())
        else:
            statement = _statement(text, cue, sent[1])
            person.cite("indirect", statement[2], statement[:2], m.start())


def _continues_name(text: str, end: int) -> bool:
    """True when the match is the start of a longer name (周丽 inside 周丽宁)."""
    return "\u4e00" <= text[end] <= "\u9fff" and not _FOLLOW_RE.match(text, end)


def _statement(text: str, cue: int, sent_end: int) -> tuple[int, int, str | None]:
    """The reported statement after a verb of saying, to the end of the sentence."""
    m = ZH_CUE_RE.match(text, cue)
    start = m.end() if m else cue
    while start < sent_end and text[start] in "，,:： 了":
        start += 1
    end = sent_end
    while end > start and text[end - 1] in "。！？!? \n":
        end -= 1
    return (start, end, text[start:end]) if end - start >= 4 else (start, start, None)
