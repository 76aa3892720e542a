"""Quoted officials in English text.

Forms: "NAME, TITLE of ORG, said ...", "..., said NAME, TITLE of ORG", "TITLE NAME
said", "according to NAME, ...", "NAME told ...", "The TITLE of ORG, NAME, said",
"TITLE NAME of ORG said", "NAME (TITLE of ORG) said", a name introduced once and then
quoted by surname ("Li said") or by a pronoun opening the next sentence ("He
pointed out"). A title may be two of one body ("deputy director and spokesperson of X"),
a post held away from home ("an official from Fujian serving as deputy head of Xiji
county") or a duty at a body ("official in charge of employment at X"). A person
counts only with a title phrase (``titles.EN_TITLE_HEADS``), so villagers, workers and
reporters quoted by name never do. Names are capitalised
words; Chinese names are recognised by their pinyin shape (a known surname, then a
given name of one to three syllables), other names only next to a title.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from fupin.extract.mentions import PlaceMention
from fupin.extract.officials.model import Person
from fupin.extract.officials.names import is_pinyin_word, name_key, pinyin_surnames
from fupin.extract.officials.ner import NerSpan
from fupin.extract.officials.orgs import province_of
from fupin.extract.officials.titles import (
    EN_BODY_RE,
    EN_BUSINESS_ORG,
    EN_CUE_AFTER,
    EN_CUE_ALT,
    EN_CUE_ANYWHERE,
    EN_CUE_BEFORE,
    EN_TITLE_HEADS,
    EN_TITLE_MODIFIERS,
)
from fupin.extract.positions import SpanIndex

_WORD = r"[A-Z][a-z]+(?:['’-][A-Za-z][a-z]*)?"
# The look-aheads name a match's first character (a capital): the whole pattern is no longer
# tried at every offset of the text (see en/quantities.py); the matches are the same.
_RUN_RE = re.compile(rf"(?=[A-Z])\b{_WORD}(?:\s+{_WORD})*\b")
_LOWER_GIVEN_RE = re.compile(rf"(?=[A-Z])\b({_WORD})\s+([a-z]+)\b")
_HEADS = "|".join(re.escape(h) for h in sorted(EN_TITLE_HEADS, key=len, reverse=True))
_MODS = "|".join(re.escape(m) for m in EN_TITLE_MODIFIERS)
_TITLE_RE = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?P<title>(?:(?:{_MODS})[\s-]+)*(?:{_HEADS}))(?![a-z])"
    # ("the first secretary stationed in Dashan village": where the post is)
    r"(?:\s+(?P<prep>of|at|from|for|in|with|(?:stationed|based|posted)\s+(?:in|at))\s+(?P<org>.+))?$",
    re.IGNORECASE,
)
_OWNER_TITLE_RE = re.compile(
    # ("Zhaojia village's Party branch secretary": a named owner needs no article)
    rf"^(?:(?:the|a|an)\s+|(?-i:(?=[A-Z])))(?P<org>[\w\s-]{{2,60}}?)['’]s\s+(?P<title>(?:(?:{_MODS})[\s-]+)*(?:{_HEADS})"
    # "the county's vice magistrate in charge of poverty alleviation": the duty is part of the title
    r"(?:\s+in\s+charge\s+of\s+[\w\s'’-]{3,60})?)(?![a-z])$",
    re.IGNORECASE,
)
_PRE_TITLE_RE = re.compile(
    # (after a closing quotation mark too: "“...,” manager Xu Lanqiao stated")
    rf"(?:^|\b(?:the|a|an|by|said|says|to)\s+|[,;:(“”\"]\s*"
    r"|\b(?:Chinese|China's|[Ll]ocal|[Pp]rovincial|[Mm]unicipal)\s+)"
    rf"(?P<phrase>(?:(?:{_MODS})[\s-]+)*(?:{_HEADS})"
    r"(?:\s+(?:of|at)\s+[^,;:\"“”]{3,80}?)?)\s*$",
    re.IGNORECASE,
)
# Organisation nouns that close an organisation written before its title.
_ORG_NOUNS = (
    r"(?:Bureau|Office|Department|Committee|Government|Commission|Administration|Council|Center|Centre|"
    r"Association|Federation|Union|Group|Company|Co|Ltd|Corporation|Enterprise|Factory|Plant|Workshop|"
    r"Cooperative|Farm|Base|Firm|Station|School|Hospital|Bank|Agency|Institute)s?"
)
# Word-for-word translations from Chinese put the organisation and title before the name:
# "Bijie Municipal Human Resources Bureau director Wang Hong said", "a fungus enterprise person
# in charge Li Gang told". Possessives do the same in plain English: "The workshop's manager, NAME,".
_ORG_TITLE_RE = re.compile(
    rf"(?:^|[,;:(“\"]\s*|\b(?:the|a|an|by|said|says|to)\s+)(?:(?:the|a|an|its|their)\s+)?"
    rf"(?P<org>(?:[A-Za-z][\w'’&-]*\s+){{0,10}}?{_ORG_NOUNS})(?:['’]s)?\s+"
    rf"(?P<title>(?:(?:{_MODS})[\s-]+)*(?:{_HEADS}))\s*,?\s*$",
    re.IGNORECASE,
)
_OWNER_PRE_TITLE_RE = re.compile(
    rf"(?:^|[,;:(“\"]\s*|\b(?:by|said|says|to)\s+)(?:the|a|an)\s+(?P<org>[\w\s-]{{2,40}}?)['’]s\s+"
    rf"(?P<title>(?:(?:{_MODS})[\s-]+)*(?:{_HEADS}))\s*,\s*$",
    re.IGNORECASE,
)
_LEGISLATOR = re.compile(
    r"(?:(?:a|an|the)\s+)?(?:deputy|member|delegate)\s+(?:to|of)\s+(?:the\s+)?(?:\d+\w*\s+)?"
    r"(?:National\s+People['’]s\s+Congress|NPC|CPPCC|Chinese\s+People['’]s\s+Political|[\w\s]{0,30}?People['’]s"
    r"\s+Congress)",
    re.IGNORECASE,
)
# "in charge of the relocation work" names a duty; "in charge of the X Office" an organisation
_CHARGE_OF_DUTY = re.compile(
    r"charge\s+of\s+(?!.*\b(?:[Oo]ffice|[Bb]ureau|[Dd]epartment|[Cc]ompany|[Ww]orkshop|[Ff]actory|[Ee]nterprise"
    r"|[Cc]ooperative|[Gg]overnment|[Cc]ommittee|[Cc]o|Ltd)\b).+"
)
# "a poverty alleviation official in Xiji county", "a workshop owner in the village": a domain before the head
_DOMAIN_OFFICIAL_RE = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?P<title>(?-i:(?:[a-z][\w-]*|Party|CPC)\s+){1,3}(?:official|officer|owner|boss))"
    r"(?:\s+(?:of|at|from|in|with)\s+(?:the\s+)?(?P<org>.+))?$",
    re.IGNORECASE,
)
# "a staff member of the county poverty alleviation office": a public body's staff speak for it
_STAFF_OF_BODY_RE = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?P<title>staff\s+member|staffer|cadre|civil\s+servant)\s+(?:of|at|with|from|in)\s+"
    r"(?:the\s+)?(?P<org>.*\b(?:office|bureau|department|government|committee|commission|administration|ministry)\b.*)$",
    re.IGNORECASE,
)
# "Gansu Governor Tang Renjian said", "Longnan Mayor Li said": a place before the title
_PLACE_TITLE_RE = re.compile(
    rf"(?:^|[,;:(“\"]\s*|\b(?:by|said|says|to)\s+)(?P<org>(?-i:[A-Z][a-z]+)(?:\s+(?:Province|City|County"
    rf"|Prefecture|Village|Town|Township))?)\s+(?P<title>(?:(?:{_MODS})[\s-]+)*(?:{_HEADS}))\s*$",
    re.IGNORECASE,
)
_ORG_ANAPHOR = re.compile(rf"^(?:the\s+|its\s+)?({_ORG_NOUNS})$", re.IGNORECASE)
_SECOND_ROLE = re.compile(
    rf"\s+and\s+(?:(?:the|a|an)\s+)?(?:(?:{_MODS})[\s-]+)*(?:{_HEADS})\b", re.IGNORECASE
)
_NOT_NAME_WORDS = frozenset(
    """province provincial county city district town township village ministry department office bureau
    committee council commission company co ltd group center centre news agency daily party state national
    people's china chinese poverty alleviation human resources social security government municipal
    development reform university institute school college hospital bank federation association united
    nations new year spring festival promotion affairs management services service employment labor labour
    agriculture rural finance education industry technology the of and in on at for by with from""".split()
)
# Capitalised words after "Department of" name the organisation, not a person ("Department of
# Employment Promotion", "Bureau of Rural Affairs").
_ORG_OF_BEFORE = re.compile(
    r"\b(?:Department|Bureau|Office|Ministry|Center|Centre|Committee|Commission|Administration|Council|"
    r"Association|Federation|Institute|Academy|School|College|University|Division|Section|Board|Agency|"
    r"Service|League|Society|Foundation|Fund|Station|Group|Company)\s+(?:of|for|on)\s+(?:the\s+)?$"
)
_TITLE_WORDS = frozenset(w for phrase in EN_TITLE_HEADS + EN_TITLE_MODIFIERS for w in phrase.split())
_QUOTES_OPEN, _QUOTES_CLOSE = '“"', '”"'
_PRONOUN_RE = re.compile(r"^(?:He|She)\b")
# `"We are short of hands," he said.`: a quotation attributed by a pronoun, or by a noun phrase for
# the person just introduced (`..., the man told the People's Daily`, `the official added`)
_QUOTE_THEN_PRONOUN = re.compile(
    r'^[“"][^“”"]{4,}[,.!?]?[”"]\s*,?\s*(?P<pronoun>he|she|the\s+(?:[\w-]+\s+)?(?:man|woman|official|manager'
    r"|director|owner|head|secretary|chief|boss|founder))\s+(?:also\s+)?(?:said|says|added|noted|told|tells"
    r"|explained|recalled|stressed|continued)\b"
)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    key: str


class _Doc:
    """Text, sentence bounds and every name-like mention, for windowed look-ups."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sorted(sentences) or [(0, len(text))]
        self.starts = [s for s, _ in self.sentences]

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def sentence(self, pos: int) -> tuple[int, int]:
        start, end = self.sentences[self.sentence_index(pos)]
        return (start, end) if pos < end else (start, max(end, pos))


def _chinese_name_in(words: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Indices [i, j) of a pinyin "Surname Given" pair inside a run of capitalised words."""
    surnames = pinyin_surnames()
    for i in range(len(words) - 2, -1, -1):
        first, given = words[i][2].lower(), words[i + 1][2]
        if first in surnames and is_pinyin_word(given) and given.lower() not in _NOT_NAME_WORDS:
            if given.lower() in surnames and i + 2 < len(words) and is_pinyin_word(words[i + 2][2], 2):
                return i, i + 3 if words[i + 2][2].lower() not in _NOT_NAME_WORDS else i + 2
            return i, i + 2
    return None


_NON_BLANK = re.compile(r"\S+")
_BLANK = re.compile(r"\s")


def _name_mentions(text: str, ner_spans: list[NerSpan]) -> list[tuple[int, int, bool]]:
    """(start, end, is_chinese) of the names in the text; other runs are kept as unsure names."""
    out: list[tuple[int, int, bool]] = []
    taken: set[int] = set()
    for run in _RUN_RE.finditer(text):
        if not _BLANK.search(run.group()):
            continue  # one word (most runs: a sentence's first word): no name of two words, nothing to keep
        words = [
            (m.start() + run.start(), m.end() + run.start(), m.group())
            for m in _NON_BLANK.finditer(run.group())
        ]
        found = _chinese_name_in(words)
        if found:
            i, j = found
            out.append((words[i][0], words[j - 1][1], True))
            taken.add(words[i][0])
        elif _ORG_OF_BEFORE.search(text, max(0, run.start() - 40), run.start()):
            continue
        elif 2 <= len(words) <= 3 and not any(w[2].lower() in _NOT_NAME_OR_TITLE for w in words):
            out.append((run.start(), run.end(), False))
            taken.add(run.start())
    surnames = pinyin_surnames()
    for m in _LOWER_GIVEN_RE.finditer(text):
        if m.start() in taken or m.group(1).lower() not in surnames:
            continue
        if is_pinyin_word(m.group(2)) and m.group(2) not in _NOT_NAME_WORDS:
            out.append((m.start(), m.end(), True))
    for span in ner_spans:
        if (
            span.label == "PER"
            and span.start not in taken
            and re.fullmatch(rf"{_WORD}(?:\s+{_WORD}){{1,2}}", text[span.start : span.end])
        ):
            out.append((span.start, span.end, False))
    return sorted(set(out))


# Words that open a sentence before a comma without being a name ("However, the director said").
_OPENERS = frozenset(
    """however meanwhile moreover furthermore additionally besides now today yesterday also still then later
    currently previously similarly instead overall therefore thus otherwise earlier recently finally first
    second third next since yet so but and or last this that these those there here in on at for by with
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split()
)
_ONE_WORD = re.compile(r"(?=[A-Z])\b[A-Z][a-z]{2,}(?:-[A-Z]?[a-z]+)?(?=,\s)")
_ONE_WORD_BEFORE = re.compile(
    r"(?:^|[.!?\n][\"”’]?\s*|[“\"]\s*|\b(?:said|says|according to|told)\s+)$", re.IGNORECASE
)


_NOT_ONE_WORD_NAMES = _OPENERS | _NOT_NAME_WORDS | _TITLE_WORDS
#: Built once: a union written inside the loop was built again for every word of every run.
_NOT_NAME_OR_TITLE = _NOT_NAME_WORDS | _TITLE_WORDS


class _WordsOf:
    """Whether a word occurs whole in a text: ``re.search(rf"\\b{re.escape(word)}\\b", text)``.

    A word of word characters occurs whole exactly when it is one of the text's maximal runs
    of word characters, so the runs are collected once (on the first question) and each
    question is a set look-up, not a scan of the whole text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._runs: set[str] | None = None

    def has(self, word: str) -> bool:
        if not _WORD_CHARS.fullmatch(word):
            return bool(re.search(rf"\b{re.escape(word)}\b", self.text))
        if self._runs is None:
            self._runs = set(_WORD_CHARS.findall(self.text))
        return word in self._runs


_WORD_CHARS = re.compile(r"\w+")


def _one_word_names(
    text: str, doc: _Doc, places: list[PlaceMention] | None, taken: set[int]
) -> list[tuple[int, int, bool]]:
    """Names of one word ("Gyaltsen, general manager of X, said"; "said Dorje, head of Y").

    Tibetan, Uygur and Mongolian names are often written as one word. Such a word counts only
    where a name would stand (opening a sentence, or after "said" / "according to"), when a
    title phrase follows it, and when it is not an ordinary word of the text (its lower-case
    form does not occur), a place, an organisation word or a Chinese surname said alone.
    """
    out: list[tuple[int, int, bool]] = []
    surnames = pinyin_surnames()
    spans = SpanIndex((m.start, m.end) for m in places or [])
    words = _WordsOf(text)
    for m in _ONE_WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        low = word.lower()
        sent = doc.sentence(start)
        if (
            start in taken
            or low in _NOT_ONE_WORD_NAMES
            or low in surnames
            or low.endswith("ly")
            or spans.overlaps(start, end)
            or not _ONE_WORD_BEFORE.search(text[sent[0] : start])
            or words.has(low)  # last: the first call reads the whole text
        ):
            continue
        app = _appositive(text, end, sent[1])
        if app and _parse_title(app[0]):
            out.append((start, end, False))
    return out


def _shifted(
    got: tuple[str, str | None, int, int | None] | None, offset: int
) -> tuple[str, str | None, int, int | None] | None:
    """A parse of ``phrase[offset:]`` with its offsets into ``phrase``."""
    if got is None:
        return None
    title, org, t_end, o_start = got
    return title, org, t_end + offset, None if o_start is None else o_start + offset


# "an official from Fujian serving as deputy head of Xiji county": the post held is after "serving as"
_SERVING_AS = re.compile(r"\b(?:serving|working|acting|who\s+serves|now\s+serving)\s+as\s+", re.IGNORECASE)


def _parse_title(phrase: str) -> tuple[str, str | None, int, int | None] | None:
    """(title, organisation, title end, organisation start) of "deputy director of the X Office"."""
    phrase = phrase.rstrip(" .")
    serving = _SERVING_AS.search(phrase)
    if serving is not None:
        got = _shifted(_parse_title(phrase[serving.end() :]), serving.end())
        if got is not None:
            return got
    second = _SECOND_ROLE.search(phrase)
    if second and _LEGISLATOR.match(phrase):
        # "a deputy to the 13th National People's Congress and mayor of Lhasa": the office held
        # is the second role (a seat in a congress is held beside it)
        lead = re.match(r"\s+and\s+", phrase[second.start() :])
        offset = second.start() + (lead.end() if lead else 0)
        got = _parse_title(phrase[offset:])
        if got is None:
            return None
        title, org, t_end, o_start = got
        return title, org, t_end + offset, None if o_start is None else o_start + offset
    if second:
        shared = _shared_org(phrase, second)
        if shared is not None:
            return shared
        phrase = phrase[: second.start()]
    m = _TITLE_RE.match(phrase)
    if not m:
        owned = _OWNER_TITLE_RE.match(phrase)  # "the factory's owner", "the county's poverty office chief"
        if owned is not None:
            return owned.group("title"), owned.group("org"), owned.end("title"), owned.start("org")
        domain = _DOMAIN_OFFICIAL_RE.match(phrase) or _STAFF_OF_BODY_RE.match(phrase)
        if domain is None:  # "a poverty alleviation official in Xiji county", "a staff member of the office"
            return None
        org = domain.group("org")
        return domain.group("title"), org, domain.end("title"), domain.start("org") if org else None
    title, org = m.group("title"), m.group("org")
    t_end, o_start = m.end("title"), m.start("org") if org else None
    duty = _CHARGE_OF_DUTY.match(org or "") if (m.group("prep") or "").lower() == "in" else None
    if duty:  # "official in charge of the relocation work": a duty, part of the title, no organisation
        return f"{title} in {duty.group()}", None, m.end("org") - len(org or "") + duty.end(), None
    charge = (
        re.match(r"charge\s+of\s+(?:the\s+)?", org or "") if (m.group("prep") or "").lower() == "in" else None
    )
    duty = (
        _DUTY_AT_BODY.match(org or "")
        if title.lower().endswith("in charge") and o_start is not None
        else None
    )
    if duty is not None and (m.group("prep") or "").lower() == "of":
        # "person in charge of poverty relief in the county government": the duty, then the body
        return (
            f"{title} of {duty.group('duty')}",
            duty.group("org"),
            o_start + duty.end("duty"),
            o_start + duty.start("org"),
        )
    if charge and org and o_start is not None:  # "official in charge of the county's poverty office"
        title, t_end = f"{title} in charge", o_start + len("charge")
        org, o_start = org[charge.end() :], o_start + charge.end()
        duty = _DUTY_AT_BODY.match(org)
        if (
            duty is not None
        ):  # "official in charge of employment at the X Department": the duty, then the body
            title, t_end = f"{title} of {duty.group('duty')}", o_start + duty.end("duty")
            org, o_start = org[duty.start("org") :], o_start + duty.start("org")
    if org and m.group("prep").lower() == "of":
        body = EN_BODY_RE.match(org)
        rest = org[body.end() :] if body else ""
        if body and re.match(r"\s+of\s+\S", rest):
            title = f"{title} of {org[: body.end()]}"
            t_end = m.start("org") + body.end()
            if not body.group(1).lower().startswith(("standing", "leading", "working")):
                o_start = m.start("org") + body.start(1)
                org = org[body.start(1) :]
    if org and o_start is not None:
        lead = re.match(r"(?:the\s+)?", org, flags=re.IGNORECASE)
        o_start += lead.end()
        org = org[lead.end() :]
        tail = re.search(r"\s+\b(?:who|which|that|where|when)\b", org)
        if tail:
            org = org[: tail.start()]
        org = org.rstrip(" ,")
    return title, org or None, t_end, o_start


def _shared_org(phrase: str, second: re.Match[str]) -> tuple[str, str | None, int, int | None] | None:
    """ "deputy director and spokesperson of the X Department": two titles of one organisation (the
    first has none of its own); the title is both."""
    first = _TITLE_RE.match(phrase[: second.start()])
    if first is None or first.group("org"):
        return None
    lead = re.match(r"\s+and\s+(?:(?:the|a|an)\s+)?", phrase[second.start() :])
    offset = second.start() + (lead.end() if lead else 0)
    got = _shifted(_parse_title(phrase[offset:]), offset)
    if got is None or got[1] is None:
        return None
    title, org, t_end, o_start = got
    start = first.start("title")
    return phrase[start:t_end], org, t_end, o_start


_LEVEL_WORD = r"(?i:village|town|township|county|city|prefecture|province|district|region)"
_LEVEL_BEFORE = re.compile(rf"\b{_LEVEL_WORD}\s*$")
_PLACE_AFTER = re.compile(rf"[A-Z][\w'’-]*(?:\s+[\w'’-]+){{0,2}}?\s+{_LEVEL_WORD}\b")


def _in_place_chain(text: str, comma: int, after: int) -> bool:
    """Whether the comma at ``comma`` joins two places of a chain ("... village, Xinren Miao ethnic
    township, Qianxi county"): a level word before it, a named place of a level after it."""
    return bool(_LEVEL_BEFORE.search(text, max(0, comma - 12), comma)) and bool(
        _PLACE_AFTER.match(text, after)
    )


_DUTY_AT_BODY = re.compile(
    r"(?P<duty>(?:(?!(?:at|in|with|of)\b)[a-z][\w-]*\s+){0,3}?(?!(?:at|in|with|of)\b)[a-z][\w-]*)\s+(?:at|in|with|of)\s+"
    r"(?:the\s+)?(?P<org>.*\b(?:Office|Bureau|Department|Ministry|Commission|Government|Committee|Administration"
    r"|office|bureau|department|ministry|commission|government|committee)\b.*)$"
)
_AGE_APPOSITION = re.compile(r",\s*(?:aged\s+)?\d{1,3}(?=\s*,)")


_BRACKET_APPOSITION = re.compile(r"\s*[(（]\s*(?P<phrase>[A-Za-z][^()（）\"“”]{2,120}?)\s*[)）]")


def _appositive(text: str, end: int, sent_end: int) -> tuple[str, int, int] | None:
    """The phrase after "NAME, " up to the comma, "said" or sentence end that closes it."""
    m = re.match(r",\s*(?=[A-Za-z])", text[end:sent_end])  # "Guo Ruixia,manager of ..." (a lost space)
    age = _AGE_APPOSITION.match(text, end, sent_end)  # "Li Ming, 45, head of the workshop"
    if not m and age:
        m = re.match(r",\s*(?=[A-Za-z])", text[age.end() : sent_end])
        end = age.end()
    bracket = None if m else _BRACKET_APPOSITION.match(text, end, sent_end)
    if bracket is not None:  # "Li Ming (director of the county poverty alleviation office) said"
        phrase = bracket.group("phrase").replace("\n", " ").rstrip(" ,.")
        return phrase, bracket.start("phrase"), bracket.start("phrase") + len(phrase)
    if not m:
        return None
    start = end + m.end()
    rest = text[start:sent_end]
    stop = len(rest)
    for pat in (
        r",\s+(?!(?:Ltd|Inc|Co)\b)",
        r",\s*$",
        r"\s+(?:also\s+|frankly\s+)?(?:" + EN_CUE_ALT + r")\b",
        r"[;:\"“”(]",
        r"\.\s*$",
        r"(?<=Ltd\.)\s",
        r"(?<=Inc\.)\s",
        r"\s+(?=(?:[a-z]+ly|(?!(?:stationed|based|posted)\b)[a-z]{3,}ed)\b)",
    ):
        hit = re.search(pat, rest, flags=re.IGNORECASE if "said" in pat else 0)
        while hit and pat.startswith(",") and _in_place_chain(rest, hit.start(), hit.end()):
            # not inside a chain of places: "in Huawu village, Xinren Miao ethnic township, Qianxi county"
            hit = re.compile(pat).search(rest, hit.end())
        if hit:
            stop = min(stop, hit.start())
    phrase = rest[:stop].replace("\n", " ").rstrip(" ,.")  # a hard-wrapped line ("the Office\nof the ...")
    phrase = re.sub(r"\s*,\s*(?=Ltd|Inc|Co\b)", ", ", phrase)
    return (phrase, start, start + len(phrase)) if phrase else None


def _ministry(title: str, org: str | None) -> str | None:
    """ "Deputy Minister of Human Resources" -> "Ministry of Human Resources"."""
    if (
        org
        and re.search(r"\bminister$", title, re.IGNORECASE)
        and not re.search(r"\b(?:Ministry|Department|Bureau|Office|Commission|Council|Administration)\b", org)
    ):
        return f"Ministry of {org}"
    if org is None and re.fullmatch(r"(?:vice[\s-]+)?premier", title, re.IGNORECASE):
        return "State Council"  # the Premier heads the State Council; the text need not say so
    return org


_PUBLIC_ORG = re.compile(
    r"\b(?:State Council|Ministry|Leading Group|Bureau|Department|Government|Commission|Administration|"
    r"Office|Party|Committee)\b",
    re.IGNORECASE,
)


def _role(title: str, org: str | None) -> str:
    """Company managers are "business"; everything else with a title is "official"."""
    if org and _PUBLIC_ORG.search(org) and not re.search(r"\b(?:Co|Ltd|Company|Corporation|Inc)\b", org):
        return "official"
    # the head of the organisation is before its place: "the workshop at the relocation site in X village"
    head_of_org = re.split(r"\s+(?:at|in|of|on)\s+", org or "", maxsplit=1)[0]
    if org and (
        EN_BUSINESS_ORG.search(org)
        or re.search(r"\b(?:workshop|enterprise)s?$", org, re.IGNORECASE)
        or re.search(r"\b(?:workshop|enterprise)s?$", head_of_org, re.IGNORECASE)
    ):
        return "business"
    head = title.lower().split()[-1] if title else ""
    if head in ("ceo", "boss", "owner", "founder") or re.search(
        r"\b(?:general\s+)?manager$", title, re.IGNORECASE
    ):
        return (
            "business"
            if head != "manager"
            or not org
            or EN_BUSINESS_ORG.search(org)
            or not re.search(r"\b(?:Bureau|Office|Department|Ministry|Committee|Government)\b", org)
            else "official"
        )
    return "official"


def find_en(
    text: str,
    sentences: list[tuple[int, int]],
    places: list[PlaceMention] | None = None,
    ner_spans: list[NerSpan] | None = None,
) -> list[Person]:
    """The quoted or cited officials of an English text (see the module docstring)."""
    doc = _Doc(text, sentences)
    names = _name_mentions(text, ner_spans or [])
    single = _one_word_names(text, doc, places, {n[0] for n in names})
    names = sorted(names + single)
    people: dict[str, Person] = {}
    for start, end, chinese in names:
        sent = doc.sentence(start)
        person = _introduce(text, start, end, sent, chinese, places, (start, end, chinese) in single)
        if person is None:
            continue
        known = people.get(person.key)
        if known is None:
            people[person.key] = person
        elif known.organization is None and person.organization:
            known.title, known.organization, known.title_span, known.org_span = (
                person.title,
                person.organization,
                person.title_span,
                person.org_span,
            )
            known.province = person.province
    _titled_by_surname(text, doc, names, places, people)
    _collect_quotes(text, doc, names, people)
    _transcript_speakers(text, names, people)
    return [p for p in people.values() if p.quote_kind]


def _titled_by_surname(
    text: str,
    doc: _Doc,
    names: list[tuple[int, int, bool]],
    places: list[PlaceMention] | None,
    people: dict[str, Person],
) -> None:
    """A Chinese name introduced without a title and given one later by the surname: "delivered by
    Liu Yongfu ... ", then ""...," said Liu, director of the State Council Leading Group Office"."""
    untitled: dict[str, list[tuple[int, int]]] = {}
    for start, end, chinese in names:
        name = text[start:end]
        if chinese and " " in name and name_key(name) not in people:
            untitled.setdefault(name.split()[0], []).append((start, end))
    taken = {p.name.split()[0] for p in people.values()}
    # two people of one surname, or one already titled: "Liu" is not clear
    firsts = {
        surname: spans[0]
        for surname, spans in untitled.items()
        if surname not in taken and len({text[a:b] for a, b in spans}) == 1
    }
    if not firsts:
        return
    # one scan of the text for all the surnames (not one per name: long texts name many villagers)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(x) for x in sorted(firsts)) + r")(?=,\s)")
    for m in pattern.finditer(text):
        first = firsts.get(m.group())
        if first is None or m.start() < first[1]:
            continue
        person = _introduce(text, m.start(), m.end(), doc.sentence(m.start()), True, places)
        if person is not None and person.title:
            person.name, person.name_span = text[first[0] : first[1]], first
            people[person.key] = person
            del firsts[m.group()]


# A press-conference transcript: a line that is only a speaker's name and a colon, with the
# answer after it; questions are labelled by the asking outlet ("Hong Kong Commercial Daily:").
_SPEAKER_LINE = re.compile(
    r"^[ \t]*(?P<name>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,2})[ \t]*[:：][ \t]*$", re.MULTILINE
)
_OUTLET_LABEL = re.compile(
    r"^[ \t]*(?:[A-Z][\w.'’&-]*[ \t]+){0,5}(?:Daily|News|Times|Post|TV|Television|Radio|Network|Agency"
    r"|Xinhua|CCTV|CGTN|Reuters|Bloomberg|Press|Journal|Media|Service|Paper|Weekly|Magazine|Review|Observer"
    r"|Broadcasting|Satellite|CNR|CRI|NHK|Kyodo|AFP|AP|Phoenix)[ \t]*[:：][ \t]*$",
    re.MULTILINE,
)


_ANSWER_BODY = re.compile(
    r"\b(?:the|our)\s+(?P<org>(?-i:[A-Z]{3,}\b)|Ministry\s+of\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,5}"
    r"|(?:National|State)\s+(?:[A-Z][\w'’-]*\s+){0,5}(?:Administration|Commission|Office|Bureau))",
)


def _transcript_speakers(text: str, names: list[tuple[int, int, bool]], people: dict[str, Person]) -> None:
    """Speakers who answer questions at a press conference: officials, title unknown unless given."""
    if not _OUTLET_LABEL.search(text):
        return
    chinese = {start for start, _, is_chinese in names if is_chinese}
    for m in _SPEAKER_LINE.finditer(text):
        start, end = m.span("name")
        if start not in chinese:
            continue
        answer_start = m.end() + 1
        answer_end = _paragraph_end(text, answer_start)
        answer = text[answer_start:answer_end].strip()
        if not answer:
            continue
        person = people.get(name_key(m.group("name")))
        if person is None:
            person = people.setdefault(
                name_key(m.group("name")), Person(name=m.group("name"), name_span=(start, end))
            )
        if person.organization is None:
            # "In the battle against poverty, the MOHRSS and other departments have ...": the body the
            # speaker answers for is the ministry (or its acronym) that the answer names first
            body = _ANSWER_BODY.search(answer)
            if body is not None:
                person.organization = body.group("org")
        person.cite("direct", answer, (answer_start, answer_end), start)


def _introduce(
    text: str,
    start: int,
    end: int,
    sent: tuple[int, int],
    chinese: bool,
    places: list[PlaceMention] | None,
    single: bool = False,
) -> Person | None:
    """A person from a name with a title after it (apposition) or before it."""
    name = text[start:end]
    parsed = None
    app = _appositive(text, end, sent[1])
    if app:
        got = _parse_title(app[0])
        if got:
            title, org, t_end, o_start = got
            t_start = app[0].lower().find(title.lower())
            parsed = (
                title,
                (app[1] + t_start, app[1] + t_start + len(title)) if t_start >= 0 else None,
                org,
                (app[1] + o_start, app[1] + o_start + len(org)) if org and o_start is not None else None,
            )
    if parsed is None:
        parsed = _who_clause(text, end, sent[1])
    if parsed is None:
        parsed = _copula(text, end, sent[1])
    if parsed is None:
        parsed = _pre_title(text, sent[0], start)
    if parsed is None:
        parsed = _public_body_member(text, end, sent[1])
    if parsed is None:
        return None
    title, t_span, org, o_span = parsed
    of_org = _OF_ORG_AFTER.match(text, end, sent[1]) if org is None else None
    if of_org is not None:  # "Director Wang Gang of the Tongren Human Resources Bureau said"
        org, o_span = of_org.group("org"), of_org.span("org")
    if org is None:
        org, o_span = _own_workplace(text, sent, start)
    org, o_span = _org_antecedent(text, org, o_span, start)
    written_org = org
    org = _ministry(title or "", org)
    if org is not written_org:
        o_span = None
    prefix = re.search(r"([A-Z][a-z]+)\s+$", text[max(sent[0], start - 30) : start])
    if org and prefix and re.match(r"(?:the\s+)?(?:District|County|City|Town|Township|Municipal)\b", org):
        org, o_span = prefix.group(1) + " " + re.sub(r"^the\s+", "", org), None
    if not chinese and not single and (not _plausible_name(name) or _in_place_name(places, start, end)):
        return None  # "Ningxia Hui (autonomous region)", "Guiyang Dongfang (garment workshop)": places
    return Person(
        name=name,
        name_span=(start, end),
        title=title,
        title_span=t_span,
        organization=org,
        org_span=o_span,
        role=_role(title or "", org),
        province=province_of(org, "en", places, start),
    )


# the body named after a name that a title opened: "Director Wang Gang of the Tongren Bureau said"
_OF_ORG_AFTER = re.compile(rf"\s+of\s+(?:the\s+)?(?P<org>(?:[A-Z][\w'’&-]*\s+){{0,8}}?{_ORG_NOUNS})\b")
_OWN_WORKPLACE = re.compile(
    r"\b(?:our|my|the|this)\s+(factory|company|workshop|cooperative|enterprise|plant)\b", re.IGNORECASE
)


def _own_workplace(text: str, sent: tuple[int, int], start: int) -> tuple[str | None, tuple[int, int] | None]:
    """ "“... for our factory to resume operations,” manager Xu Lanqiao stated": a title given without
    its organisation belongs to the workplace the sentence names, when the article named it in full
    before (the name itself, else nothing)."""
    m = _OWN_WORKPLACE.search(text, sent[0], sent[1])
    if m is None:
        return None, None
    found = _last_antecedent(text, m.group(1).capitalize(), min(start, m.start()))
    if found is None or not found.group(1)[:1].isupper():
        return None, None
    return found.group(1), (found.start(1), found.end(1))


# "Qu Jia from the Finance Department of Guizhou": a public body's member whose title is not given
_FROM_BODY = re.compile(
    r"\s+(?:from|of|at)\s+(?:the\s+)?(?P<org>(?:(?:[A-Z][\w'’-]*|and|&)\s+){0,8}?"
    r"(?:Department|Bureau|Office|Ministry|Commission|Government|Administration|Council|Committee)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5})?"
    # written in lower case: "Zhang Wei from the county's poverty alleviation office"
    r"|(?:[A-Za-z][\w'’-]*\s+){1,6}?(?-i:department|bureau|office|government|commission|administration"
    r"|committee)(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5})?)\b"
)


def _public_body_member(
    text: str, end: int, sent_end: int
) -> tuple[str | None, tuple[int, int] | None, str, tuple[int, int]] | None:
    """No title, but a public body the person speaks for: official with title unknown."""
    m = _FROM_BODY.match(text, end, sent_end)
    if m is None:
        return None
    return None, None, m.group("org"), m.span("org")


_WHO_RE = re.compile(
    r",?\s+who\s+(?:(?:is|was|has\s+been)\s+(?:also\s+)?(?:(?:the|a|an)\s+)?"
    r"(?:(?P<charge>in\s+charge\s+of|responsible\s+for|heads|leads|runs|manages)\s+(?:the\s+)?)?"
    # "Zhang Wei, who heads the county's poverty alleviation office, said"
    r"|(?:now\s+|also\s+|currently\s+)?(?:(?P<heads>heads|leads|headed|led)|(?P<runs>runs|manages|owns))"
    r"\s+(?:the\s+)?)"
)


def _who_clause(
    text: str, end: int, sent_end: int
) -> tuple[str, tuple[int, int] | None, str | None, tuple[int, int] | None] | None:
    """ "Wang Li, who is in charge of the X company", "Li Na, who is director of Y": a relative clause."""
    m = _WHO_RE.match(text, end, sent_end)
    if m is None:
        return None
    rest = text[m.end() : sent_end]
    stop = re.search(r",|;|\.\s|\.$|\s+(?:" + EN_CUE_ALT + r")\b|[\"“”]", rest)
    phrase = rest[: stop.start() if stop else len(rest)].rstrip(" .")
    if not phrase:
        return None
    if m.group("charge") or m.group("heads") or m.group("runs"):
        lead = re.match(r"(?:(?:a|an|the)\s+)?", phrase, re.IGNORECASE)
        org_start = m.end() + (lead.end() if lead else 0)
        return (
            "head" if m.group("heads") else "person in charge",
            None,
            text[org_start : m.end() + len(phrase)],
            (org_start, m.end() + len(phrase)),
        )
    got = _parse_title(phrase)
    if got is None:
        return None
    title, org, t_end, o_start = got
    o_span = (m.end() + o_start, m.end() + o_start + len(org)) if org and o_start is not None else None
    return title, (m.end() + t_end - len(title), m.end() + t_end), org, o_span


# "Li Ming is the head of the county poverty alleviation office.", "Li Ming serves as the Party
# secretary of X"
_COPULA_RE = re.compile(r"\s+(?:is|was|serves\s+as|served\s+as|works\s+as|has\s+been)\s+(?=(?:the|a|an)\s)")
# "The director of the county employment bureau, Li Ming, told ...", "According to the Party chief of
# Longnan, Sun Xuetao, ...": the sentence opens with a title and its body, the name in apposition
_OPENING_TITLE_RE = re.compile(
    rf"\s*[“\"]?\s*(?:according\s+to\s+)?(?:(?:the|a|an)\s+)?(?P<phrase>(?:(?:{_MODS})[\s-]+)*(?:{_HEADS})"
    r"\s+(?:of|at)\s+[^,;:\"“”]{3,80}?)\s*,\s*",
    re.IGNORECASE,
)
# "As the head of the workshop, Li Ming said"
_AS_TITLE_RE = re.compile(r"(?:^|[,;]\s*)\s*[Aa]s\s+(?P<phrase>(?:the|a|an)\s+[^,;:\"“”]{3,90}?),\s*$")


def _copula(
    text: str, end: int, sent_end: int
) -> tuple[str, tuple[int, int] | None, str | None, tuple[int, int] | None] | None:
    """A title said of the name by a copula, up to the end of its clause."""
    m = _COPULA_RE.match(text, end, sent_end)
    if m is None:
        return None
    stop = re.search(r"[,;:.\"“”(]|\s+(?:and|since|who|which|where|when)\b", text[m.end() : sent_end])
    phrase = text[m.end() : m.end() + stop.start()] if stop else text[m.end() : sent_end]
    got = _parse_title(phrase)
    if got is None:
        return None
    title, org, _, _ = got
    return title, None, org, None


def _pre_title(
    text: str, sent_start: int, start: int
) -> tuple[str, tuple[int, int] | None, str | None, tuple[int, int] | None] | None:
    """A title before the name: "deputy director Li", "Bureau director Wang", "The workshop's manager, X"."""
    before = text[sent_start:start]
    m = _OPENING_TITLE_RE.fullmatch(before)
    if m:  # "The Party chief of Longnan, Sun Xuetao, said": a title with its body, then the name
        got = _parse_title(m.group("phrase"))
        if got and got[1]:
            return got[0], None, got[1], None
    m = _AS_TITLE_RE.search(before)
    if m:
        got = _parse_title(m.group("phrase"))
        if got:
            return got[0], None, got[1], None
    m = _PRE_TITLE_RE.search(before)
    if m:
        got = _parse_title(m.group("phrase"))
        if got:
            title, org, _, _ = got
            return title, None, org, None
    m = _OWNER_PRE_TITLE_RE.search(before)
    if m is not None:  # "The county's deputy chief, Zhou Ping, said"
        return m.group("title"), None, m.group("org"), None
    m = _PLACE_TITLE_RE.search(before)
    if m is not None and m.group("org").lower() not in _NOT_ONE_WORD_NAMES | _TITLE_WORDS:
        return m.group("title"), None, m.group("org"), None
    m = _ORG_TITLE_RE.search(before)
    if m is None or m.group("org").lower() in _TITLE_WORDS:
        return None
    org_span = (sent_start + m.start("org"), sent_start + m.end("org"))
    t_span = (sent_start + m.start("title"), sent_start + m.end("title"))
    return m.group("title"), t_span, m.group("org"), org_span


def _org_antecedent(
    text: str, org: str | None, o_span: tuple[int, int] | None, position: int
) -> tuple[str | None, tuple[int, int] | None]:
    """ "director of the department": the fuller name of that department written earlier."""
    m = _ORG_ANAPHOR.match(org or "")
    if m is None:
        return _org_tail_antecedent(text, org, o_span, position)
    found = _last_antecedent(text, m.group(1), position)
    if found is None:
        named = _named_firm_before(text, m.group(1), position)
        return (named.group("name"), named.span("name")) if named else (org, o_span)
    return found.group(1), (found.start(1), found.end(1))


# a firm named in apposition to its class noun: "One of the chosen enterprises, Dali Shidai Agricultural
# Science and Technology, is ..."
_FIRM_NAMED = re.compile(
    r"\b(?:enterprises?|compan(?:y|ies)|firms?|corporations?|cooperatives?|factor(?:y|ies))\s*,\s+"
    r"(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|and|of|&)){1,8}?)\s*,"
)
_FIRM_NOUNS = frozenset("company companies corporation enterprise firm factory cooperative co".split())


def _named_firm_before(text: str, noun: str, position: int) -> re.Match[str] | None:
    """ "Company representative Zuo Jilong": the business named last before, in apposition to its class
    noun, for a bare "company" / "corporation" with no fuller antecedent."""
    if noun.lower() not in _FIRM_NOUNS:
        return None
    found = None
    for hit in _FIRM_NAMED.finditer(text, max(0, position - 3000), position):
        found = hit
    return found


@lru_cache(maxsize=64)
def _antecedent_pattern(noun: str) -> re.Pattern[str]:
    """ "the Baisha County Human Resources Bureau" for the noun "Bureau": up to 8 words before it."""
    word = (
        r"(?!(?:the|a|an|of|in|on|to|for|by|that|which|who|said|says|is|was|were|are|has|have|had|will)\b)"
        r"[\w'’-]+"
    )
    return re.compile(
        rf"\b(?:the|a|an)\s+((?:{word}\s+){{1,8}}{re.escape(noun)}"
        # "the provincial department of human resources and social security"
        rf"(?:\s+of\s+(?:the\s+)?{word}(?:\s+(?:and\s+)?{word}){{0,5}})?)\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=8)
def _antecedents(text: str, noun: str) -> tuple[list[int], list[re.Match[str]]]:
    """Every match of the noun's pattern in the whole text (one scan per text and noun), and their starts."""
    matches = list(_antecedent_pattern(noun).finditer(text))
    return [hit.start() for hit in matches], matches


#: Whitespace runs that a match attempt of the antecedent pattern cannot read past: "the",
#: at most 8 words each followed by one run, the noun, then "of the" and up to 6 words joined
#: by "and" (more than enough: 25 are read).
_REACH_RUNS = 30
_SPACES = re.compile(r"\s+")


def _last_antecedent(text: str, noun: str, position: int) -> re.Match[str] | None:
    """The last match of the noun's pattern in ``text[:position]``, as a scan from the start finds it.

    An attempt that starts more than :data:`_REACH_RUNS` whitespace runs before ``position``
    reads nothing at or after it, so up to there the matches of the whole text (scanned once)
    are the scan's own; only the rest is scanned again, up to ``position``. A long text is then
    not read from its start for every "the department" (quadratic: 1.8 s of a 1M-character text).
    """
    pattern = _antecedent_pattern(noun)
    safe = _runs_before(text, position, _REACH_RUNS + len(_SPACES.findall(noun)))
    found = None
    resume = 0
    if safe is not None:
        starts, matches = _antecedents(text, noun)
        k = bisect.bisect_left(starts, safe)  # the matches whose attempts all end before position
        found = matches[k - 1] if k else None
        resume = max(safe, found.end()) if found else safe
    for hit in pattern.finditer(text, resume, position):
        found = hit
    return found


def _runs_before(text: str, position: int, runs: int) -> int | None:
    """The start of the ``runs``-th whitespace run back from ``position`` (all before it), if near."""
    spans = [m.span() for m in _SPACES.finditer(text, max(0, position - 4096), position)]
    whole = [a for a, b in spans if b < position]
    return whole[-runs] if len(whole) >= runs else None


_ORG_TAIL = re.compile(
    r"\b(?P<prep>at|of|under|in)\s+the\s+(?P<noun>ministry|bureau|commission|administration|office)$",
    re.IGNORECASE,
)


def _org_tail_antecedent(
    text: str, org: str | None, o_span: tuple[int, int] | None, position: int
) -> tuple[str | None, tuple[int, int] | None]:
    """ "Department of X at the ministry": the ministry named in full earlier ("Ministry of Y")."""
    m = _ORG_TAIL.search(org or "")
    if m is None or org is None:
        return org, o_span
    noun = m.group("noun").capitalize()
    pattern = re.compile(rf"\b{noun}\s+of\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*")
    found = None
    for hit in pattern.finditer(text, 0, position):
        found = hit
    if found is None:
        return org, o_span
    return f"{org[: m.start()]}{m.group('prep')} the {found.group()}", None


def _in_place_name(places: list[PlaceMention] | None, start: int, end: int) -> bool:
    """Whether a name-like run of words overlaps a place named in the text."""
    return any(p.start < end and start < p.end for p in places or [])


def _plausible_name(name: str) -> bool:
    """A non-pinyin name: two or three capitalised words that are not organisation words."""
    words = name.split()
    return 2 <= len(words) <= 3 and not any(w.lower() in _NOT_NAME_WORDS for w in words)


def _collect_quotes(
    text: str, doc: _Doc, names: list[tuple[int, int, bool]], people: dict[str, Person]
) -> None:
    """Attach statements to people: full-name, surname-only and pronoun mentions with a cue."""
    if not people:
        return
    name_starts = [n[0] for n in names]
    mentions: list[_Mention] = []
    for start, end, _ in names:
        key = name_key(text[start:end])
        if key in people:
            mentions.append(_Mention(start, end, key))
    by_surname: dict[str, list[str]] = {}
    for key, person in people.items():
        by_surname.setdefault(person.name.split()[0], []).append(key)
    for surname, keys in by_surname.items():
        if len(keys) != 1:
            continue
        for m in re.finditer(rf"\b{re.escape(surname)}\b(?!\s+[A-Za-z]*[a-z]+\s*(?:,|said))", text):
            if m.start() in name_starts or m.start() < people[keys[0]].name_span[0]:
                continue
            nxt, prev = text[m.end() : m.end() + 20], text[max(0, m.start() - 20) : m.start()]
            if (
                re.match(r"\s+[A-Z][a-z]", nxt)
                or re.match(r"['’]s\b", nxt)
                or re.search(r"[A-Z][a-z]*\s+$", prev)
            ):
                continue
            mentions.append(_Mention(m.start(), m.end(), keys[0]))
    mentions.sort(key=lambda x: x.start)
    for mention in mentions:
        _cite(text, doc, mention, people[mention.key], name_starts)
    _pronouns(text, doc, mentions, people, name_starts)


def _cite(text: str, doc: _Doc, mention: _Mention, person: Person, name_starts: list[int]) -> None:
    """Mark the person quoted when a verb of saying governs this mention."""
    sent = doc.sentence(mention.start)
    after = text[mention.end : sent[1]]
    surname_only = " " not in text[mention.start : mention.end] and " " in person.name
    cue_at = None
    app = re.match(r",\s+[^\"“”]*?,?\s+(?=(?:also\s+|frankly\s+)?\w)", after)
    if EN_CUE_AFTER.match(after):
        cue_at = mention.end + EN_CUE_AFTER.match(after).end()
    elif EN_CUE_BEFORE.search(_without_title(text[sent[0] : mention.start])):
        cue_at = mention.start  # "said Li Ming", "said manager Li Ming"
    elif surname_only:
        return
    elif app and EN_CUE_AFTER.match(after[app.end() :]):
        cue_at = mention.end + app.end() + EN_CUE_AFTER.match(after[app.end() :]).end()
    else:
        cue = EN_CUE_ANYWHERE.search(after[:200])
        # a capitalised organisation in the person's own apposition ("Li Ming, head of Hongxing
        # Garments, said") is no other speaker between the name and the verb
        org_at = person.org_span if person.org_span and person.org_span[0] > mention.end else None
        between = (
            [
                s
                for s in name_starts
                if mention.end < s < mention.end + cue.start() and not (org_at and org_at[0] <= s < org_at[1])
            ]
            if cue
            else []
        )
        if cue and not between:
            if not re.search(r"[\"“”]", after[: cue.start()]):
                cue_at = mention.end + cue.end()
    if cue_at is None:
        return
    _attach(text, doc, sent, person, mention.start, cue_at)


# a lower-case title between a verb of saying and the name: "said manager Xu Lanqiao"
_TRAILING_TITLE = re.compile(rf"\b(?:(?:{_MODS})[\s-]+)*(?-i:{_HEADS})\s+$", re.IGNORECASE)


def _without_title(before: str) -> str:
    found = _TRAILING_TITLE.search(before[-60:])
    return before[: len(before) - len(found.group())] if found else before


def _attach(text: str, doc: _Doc, sent: tuple[int, int], person: Person, start: int, cue_at: int) -> None:
    """Direct when a quotation is attached to the attribution; else the reported statement."""
    quote = (
        _quote_after_cue(text, cue_at, sent) or _quote_opening(text, sent, start) or _quote_before(text, sent)
    )
    quote = quote or _quote_in_sentence(text, cue_at, sent)
    if quote and quote[1] - quote[0] >= 12:
        person.cite("direct", text[quote[0] : quote[1]].strip(), quote, start)
        return
    s = cue_at
    m = re.match(r"\s*(?:that|:|,)?\s*", text[s : sent[1]])
    s += m.end() if m else 0
    e = sent[1]
    statement = text[s:e].strip(" .") or None
    person.cite("indirect", statement, (s, e) if statement else None, start)


_ANY_QUOTE = '“”"'


def _next_quote(text: str, start: int, limit: int) -> int:
    """Index of the next quotation mark of any kind (or ``limit``)."""
    for i in range(start, limit):
        if text[i] in _ANY_QUOTE:
            return i
    return limit


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _quote_after_cue(text: str, cue_at: int, sent: tuple[int, int]) -> tuple[int, int] | None:
    """`said: "..."`: a quotation opening right after the verb of saying."""
    m = re.match(r"\s*[:,]?\s*[“\"]", text[cue_at : sent[1]])
    if not m:
        return None
    a = cue_at + m.end()
    return a, _next_quote(text, a, _paragraph_end(text, a))


def _quote_in_sentence(text: str, cue_at: int, sent: tuple[int, int]) -> tuple[int, int] | None:
    """`told reporters ..., "everyone is very energetic".`: a quoted clause later in the sentence."""
    m = re.search(r"[“\"]([^“”\"]{12,})[”\"]", text[cue_at : sent[1] + 1])
    if m is None or len(m.group(1).split()) < 3:
        return None
    return cue_at + m.start(1), cue_at + m.end(1)


def _quote_opening(text: str, sent: tuple[int, int], name_start: int) -> tuple[int, int] | None:
    """`"...," said NAME`: the sentence opens with a quotation that closes before the name."""
    if text[sent[0]] not in _QUOTES_OPEN:
        return None
    close = _next_quote(text, sent[0] + 1, name_start)
    return (sent[0] + 1, close) if close < name_start else None


def _quote_before(text: str, sent: tuple[int, int]) -> tuple[int, int] | None:
    """`"...." NAME said.`: a quotation ending right before the sentence, in the same paragraph."""
    para = text.rfind("\n", 0, sent[0]) + 1
    region = text[para : sent[0]]
    stripped = region.rstrip()
    if not stripped:
        return None
    bare = stripped.rstrip(".,")
    if bare and bare[-1] in _ANY_QUOTE:
        close = para + len(bare) - 1
        open_at = max(text.rfind(q, para, close) for q in _QUOTES_OPEN)
        return (open_at + 1, close) if open_at >= para else None
    opens = [i for i, c in enumerate(region) if c in _ANY_QUOTE]
    if len(opens) % 2 == 1 and region[opens[-1]] != "”":
        return para + opens[-1] + 1, para + len(stripped)  # an opening mark that was never closed
    return None


def _pronouns(
    text: str, doc: _Doc, mentions: list[_Mention], people: dict[str, Person], name_starts: list[int]
) -> None:
    """ "He pointed out ..." right after a sentence that mentions one titled person."""
    for start, end in doc.sentences:
        head = text[start:end]
        quoted = _QUOTE_THEN_PRONOUN.match(head)
        if quoted:
            pronoun_at = start + quoted.start("pronoun")
        elif _PRONOUN_RE.match(head):
            pronoun_at = start
            rest = head[2 if head.startswith("He") else 3 :]
            if not EN_CUE_AFTER.match(rest) and not re.match(r"\s+\w+\s+and\s+(?:" + EN_CUE_ALT + r")", rest):
                continue
        else:
            continue
        earlier = [m for m in mentions if start - 600 < m.start < start]
        if not earlier:
            continue
        last = earlier[-1]
        if any(last.start < s < start for s in name_starts) or people[last.key].name_span[0] > start:
            continue
        _attach(text, doc, (start, end), people[last.key], pronoun_at, pronoun_at + 2)
