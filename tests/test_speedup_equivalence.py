"""The fast paths of extraction give the same results as the slow code they replaced.

Each test holds an oracle written the old, plain way (the code before commits ad70564 and
ca1e6e2) and compares it with the fast path on the sample articles and on generated text:

- English dates: every rule over the whole text, not only the windows near its anchor words;
- text normalisation: a loop over the characters, not ``str.translate`` and a ``range`` map;
- Chinese place search: every substring looked up at every offset, not Aho-Corasick.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from conftest import read_jsonl, sample_article_files
from hypothesis import given, settings
from hypothesis import strategies as st

from fupin.extract.en import dates as en_dates
from fupin.extract.en.dates import find_dates
from fupin.extract.gazetteer import Gazetteer
from fupin.extract.mentions import DateMention
from fupin.extract.textnorm import _t2s_chars, normalize, to_simplified


def _articles(lang: str) -> list[dict]:
    articles = []
    for path in sample_article_files():
        articles += [a for a in read_jsonl(path) if a["language"] == lang]
    return articles


EN_ARTICLES = _articles("en")
ZH_ARTICLES = _articles("zh")


# == English dates ================================================================================


def old_find_dates(text: str, published: str | None) -> list[DateMention]:
    """``find_dates`` as it was before ca1e6e2: each rule scans the whole text."""
    ref = en_dates._ref(published)
    candidates = []
    for priority, (pattern, resolve) in enumerate(en_dates._RULES):
        for match in pattern.finditer(text):
            if en_dates._skip(text, match):
                continue
            as_of, precision = resolve(match, en_dates._future_ref(text, match, ref))
            start, end = en_dates._trim(text, match)
            candidates.append((start, end, priority, as_of, precision))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple] = []
    for cand in candidates:
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    chosen.sort()
    return [
        DateMention(s, e, as_of, precision if as_of else None)
        for s, e, _, as_of, precision in chosen
        if not en_dates._dateline(text, s, e)
    ]


def test_every_rule_has_an_anchor() -> None:
    assert len(en_dates._RULE_ANCHORS) == len(en_dates._RULES)
    assert set(en_dates._RULE_ANCHORS) <= set(en_dates._ANCHORS)


@pytest.mark.parametrize("article", EN_ARTICLES, ids=[a["id"] for a in EN_ARTICLES])
def test_english_articles_same_dates(article: dict) -> None:
    text = article["text"]
    for published in (article.get("published"), None, "2021-01-15"):
        expected = old_find_dates(text, published)
        assert find_dates(text, published) == expected
    assert find_dates(normalize(text).text, article.get("published")) == old_find_dates(
        normalize(text).text, article.get("published")
    )


def test_english_articles_have_dates() -> None:
    """The comparison above means something only if the articles hold dates."""
    assert len(EN_ARTICLES) >= 20
    assert sum(len(old_find_dates(a["text"], a.get("published"))) for a in EN_ARTICLES) > 100


_DATE_PHRASES = [
    "by the end of June",
    "as of Sept. 30, 2020",
    "the first 10 months of last year",
    "so far",
    "2018 to 2020",
    "from 2016–2019",
    "since early March",
    "since the beginning of this year",
    "since the end of October, of the previous year",
    "at the end of last month",
    "by the close of 2019",
    "at the end of last year",
    "the close of this year",
    "by the end of the previous year",
    "the end of the year",
    "at the start of the year",
    "in the first half of the year",
    "the second half of last year",
    "the third quarter",
    "the first three quarters of 2021",
    "in the first five months",
    "the first eleven months of this year",
    "from January to May",
    "January-April",
    "Feb. through Nov.",
    "on 12 October 2019",
    "3rd Aug",
    "2020-06-30",
    "2019/7/1",
    "2021.13.45",
    "in May this year",
    "in mid-July",
    "end-November",
    "late December of the previous year",
    "Dec. 31",
    "Aug 9th",
    "Jun. 3, this year",
    "December 31, of the previous year",
    "March 2020",
    "October, last year",
    "in 2019",
    "In 2017,",
    "(2016)",
    "years 2015",
    "this year",
    "this year's target",
    "last year",
    "the previous year",
    "last year-end",
    "next year",
    "the past year",
    "this month",
    "last month",
    "in recent years",
    "over the past three years",
    "in the past two weeks",
    "during the last decade years",
    "at present",
    "currently",
    "recently",
    "nowadays",
    "at the moment",
    "to date",
    "up to now",
    "until now",
    "these days",
    "a few days ago",
    "not long ago",
    "today",
    "now",
    "year-on-year",
    "year on year",
    "May",
    "March",
    "may",
    "2019 poverty alleviation workshops",
    "1982 yuan",
    "2020 people",
    "1999 workers",
    "2008 %",
    "10-year-old",
    "BEIJING, June 18 (Xinhua) --",
    "People's Network Nanning, July 15 (Reporter Li)",
    "will build 500 workshops by the end of September",
    "planned to open by end of August",
    "between April and June",
]
_FILLERS = [
    "poverty",
    "alleviation",
    "workshops",
    "the",
    "county",
    "employed",
    "people",
    "yuan",
    "marketing",
    "Gansu",
    "Xinhua",
    "farmers",
    "1,200",
    "3.5%",
    "2,019",
    "million",
    "and",
    "to",
    "of",
    "in",
    "a",
    "mayor",
    "Mayor",
    "Marching",
    "decade",
    "Junior",
    "half",
    "far",
    "update",
    "know",
    "old",
    "target",
    "on",
    "since",
    "early",
    "end",
    "was",
    "said.",
    "http://example.com/2020/06/30/news-index.html",
    "İzmir",  # its lower case is longer: the whole text is one window
]
_SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\n\n", "  ", "", "-", " (", ") "]


def _pieces(words: list[str]) -> st.SearchStrategy[str]:
    piece = st.tuples(st.sampled_from(words), st.sampled_from(_SEPARATORS)).map("".join)
    return st.lists(piece, max_size=40).map("".join)


_ENGLISH = _pieces(_DATE_PHRASES + _FILLERS * 2)
_PUBLISHED = st.sampled_from([None, "2020-07-15", "2021-01-03", "2019-12", "2018", "2020-03-01T08:00:00"])


@settings(max_examples=250, deadline=None)
@given(_ENGLISH, _PUBLISHED)
def test_generated_text_same_dates(text: str, published: str | None) -> None:
    assert find_dates(text, published) == old_find_dates(text, published)


@settings(max_examples=100, deadline=None)
@given(_ENGLISH)
def test_every_match_holds_its_anchor(text: str) -> None:
    """What the windows rely on: each rule's match holds the anchor it is searched near."""
    for (pattern, _), anchor in zip(en_dates._RULES, en_dates._RULE_ANCHORS, strict=True):
        for match in pattern.finditer(text):
            assert en_dates._ANCHORS[anchor].search(match.group().lower()), (anchor, match.group())


def test_rules_find_dates_far_apart_and_at_window_edges() -> None:
    """Dates more than a window apart, a rule reaching 36 characters past its anchor, a long token."""
    filler = " ".join(["poverty alleviation workshops employed farmers"] * 4)
    text = (
        f"since the beginning of September 30th, of the previous year {filler} "
        f"In 2019, {filler} http://example.com/a/very/long/path/without/blanks/2020/index.html "
        f"{filler} by the end of June, this year {filler} so far."
    )
    found = find_dates(text, "2020-07-15")
    assert found == old_find_dates(text, "2020-07-15")
    assert len(found) >= 4


@pytest.mark.parametrize(
    "text",
    [
        "In 2019" + " " * 80 + "yuan were paid to the workers.",  # a look-ahead past a long run of blanks
        "over the past " + "x" * 70 + " years",  # an expression stretched by a long word
        "in the past " + "y" * 150 + " months, 30 workshops",
    ],
    ids=["blanks-after-year", "long-word-70", "long-word-150"],
)
def test_long_words_and_blank_runs_do_not_cut_an_expression(text: str) -> None:
    assert find_dates(text, "2020-05-01") == old_find_dates(text, "2020-05-01")


def test_text_whose_lower_case_is_longer() -> None:
    """ "İ" lower-cases to two characters: windows found in the lower case would be shifted."""
    text = " ".join(["İSTANBUL"] * 80) + " In 2019, since March and by the end of June, this year."
    found = find_dates(text, "2020-07-15")
    assert found == old_find_dates(text, "2020-07-15")
    assert [(text[d.start : d.end], d.as_of) for d in found] == [
        ("2019", "2019"),
        ("March", "2020"),
        ("the end of June, this year", "2020-06-30"),
    ]


# == text normalisation ===========================================================================

_ODD_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"
    + "".join(map(chr, range(0x202A, 0x202F)))
    + "\u2061\u2062\u2063"
)
_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]\s*[a-zA-Zü"
    r"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]"
    r"[a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{0,6}\s*[)）]"
)


def _half_width(ch: str) -> str:
    if ch in _ODD_SPACES:
        return " "
    if 0xFF01 <= ord(ch) <= 0xFF5E:
        return chr(ord(ch) - 0xFEE0)
    return "-" if ch == "\u2212" else ch


def old_normalize(text: str) -> tuple[str, list[int]]:
    """``normalize`` as it was before ad70564: one character at a time (same simplification)."""
    dropped = [False] * len(text)
    for match in _GLOSS.finditer(text):
        for i in range(match.start(), match.end()):
            dropped[i] = True
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if dropped[i] or ch in _INVISIBLE:
            continue
        chars.append(_half_width(ch))
        origin.append(i)
    return to_simplified("".join(chars)), origin


def test_full_width_ascii_becomes_half_width() -> None:
    full = "".join(chr(code) for code in range(0xFF01, 0xFF5F))
    norm = normalize(full)
    assert norm.text == "".join(chr(code) for code in range(0x21, 0x7F))
    assert isinstance(norm.origin, range)


def test_odd_spaces_and_minus() -> None:
    norm = normalize(f"a{_ODD_SPACES}b\u2212c")
    assert norm.text == "a" + " " * len(_ODD_SPACES) + "b-c"
    assert list(norm.origin) == list(range(len(norm.original)))


def test_invisible_characters_and_glosses_map_back_exactly() -> None:
    original = "\ufeff农村務(wù)工\u200b人员３０００人，貧（pín）困戶\u00ad脱贫(GDP)\u2060。"
    norm = normalize(original)
    assert norm.text == "农村务工人员3000人,贫困户脱贫(GDP)。"
    assert len(norm.text) == len(norm.origin)
    expected_origin = [i for i, ch in enumerate(original) if ch not in _INVISIBLE]
    for gloss in ("(wù)", "（pín）"):
        at = original.index(gloss)
        expected_origin = [i for i in expected_origin if not at <= i < at + len(gloss)]
    assert list(norm.origin) == expected_origin
    start = norm.text.index("3000")
    assert original[slice(*norm.to_original(start, start + 4))] == "３０００"
    start = norm.text.index("务工")
    assert original[slice(*norm.to_original(start, start + 2))] == "務(wù)工"
    start = norm.text.index("贫困户")
    assert original[slice(*norm.to_original(start, start + 3))] == "貧（pín）困戶"


def test_traditional_becomes_simplified() -> None:
    assert normalize("貧困勞動力務工").text == "贫困劳动力务工"
    assert normalize("著名").text == "著名"
    assert normalize("顯著").text == "显著"


# Traditional characters, glosses, invisible and full-width characters, Latin, digits, blanks.
_ZH_PIECES = list("貧困勞動力務工車間扶貧縣鄉村戶萬元說農業於後發著名简体字的了是") + [
    "(wù)",
    "（pín）",
    "(GDP)",
    "（ＧＤＰ）",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u3000",
    "\u00a0",
    "１２３",
    "％",
    "，",
    "\u2212",
    "abc",
    "2020",
    " ",
    "\n",
    "😀",
    "𠀀",
]
_MIXED = st.one_of(st.text(max_size=40), st.lists(st.sampled_from(_ZH_PIECES), max_size=30).map("".join))


@settings(max_examples=200, deadline=None)
@given(_MIXED)
def test_each_character_maps_back_to_its_source(text: str) -> None:
    norm = normalize(text)
    assert len(norm.text) == len(norm.origin)
    table = _t2s_chars()
    for i, ch in enumerate(norm.text):
        o_start, o_end = norm.to_original(i, i + 1)
        assert o_end == o_start + 1
        source = norm.original[o_start:o_end]
        half = _half_width(source)
        assert ch in {source, half, table.get(half, half), to_simplified(half)}, (i, source, ch)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_normalize_is_the_old_character_loop(text: str) -> None:
    norm = normalize(text)
    assert (norm.text, list(norm.origin)) == old_normalize(text)


@pytest.mark.parametrize("article", ZH_ARTICLES + EN_ARTICLES, ids=lambda a: a["id"])
def test_sample_articles_normalize_like_the_old_loop(article: dict) -> None:
    norm = normalize(article["text"])
    assert (norm.text, list(norm.origin)) == old_normalize(article["text"])


# == Chinese place search =========================================================================


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def old_candidates(gaz: Gazetteer, text: str) -> list[tuple[int, list[int]]]:
    """Every offset with the dictionary names (more than one character) that start there, longest first."""
    found = []
    for i in range(len(text)):
        lengths = [
            n for n in range(min(max(map(len, gaz.zh)), len(text) - i), 1, -1) if text[i : i + n] in gaz.zh
        ]
        if lengths:
            found.append((i, lengths))
    return found


@pytest.mark.parametrize("article", ZH_ARTICLES, ids=[a["id"] for a in ZH_ARTICLES])
def test_sample_articles_same_place_candidates(gaz: Gazetteer, article: dict) -> None:
    for text in (article["text"], normalize(article["text"]).text):
        assert gaz._zh_candidates(text) == old_candidates(gaz, text)


def test_candidates_overlap_and_nest(gaz: Gazetteer) -> None:
    text = "河北省邯郸市鸡泽县和北京市朝阳区"
    found = dict(gaz._zh_candidates(text))
    assert found[0] == [3, 2]  # 河北省, 河北
    assert found == dict(old_candidates(gaz, text))
    assert gaz._zh_candidates("") == []


@lru_cache(maxsize=1)
def _names(gaz: Gazetteer) -> list[str]:
    return sorted(gaz.zh)


_PLACE_FILLERS = list("的在和县市省区乡镇村新城东西南北中山河阳") + [
    "扶贫车间",
    "2020年",
    ",",
    "。",
    " ",
    "\n",
    "😀",
    "𠀀",
    "Gansu",
]


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_generated_text_same_place_candidates(gaz: Gazetteer, data: st.DataObject) -> None:
    name = st.sampled_from(_names(gaz))
    near_miss = name.map(lambda n: n[:-1] if len(n) > 2 else n[1:])  # the name less a character
    piece = st.one_of(name, near_miss, st.sampled_from(_PLACE_FILLERS))
    text = "".join(data.draw(st.lists(piece, max_size=20)))
    assert gaz._zh_candidates(text) == old_candidates(gaz, text)
