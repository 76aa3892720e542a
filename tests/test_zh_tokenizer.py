"""The Chinese spaCy tokenizer ``fupin.zh_tokenizer.v1``: jieba-next's speed, jieba's words.

The gazetteer takes short place names only at word boundaries, so the tokenizer must cut
exactly where the original jieba (``jieba.lcut``, HMM on) cuts. These tests compare the
two on every Chinese sample article (as published and as normalised) and on generated
text, and check that the Doc always reproduces its text.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest
import spacy
from conftest import read_jsonl, sample_article_files
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from fupin.extract.pipeline import build_pipeline
from fupin.extract.textnorm import normalize
from fupin.extract.zh.tokenizer import (
    ZhTokenizer,
    bounds_of,
    joined_bounds,
    lend_dictionary_to_jieba,
    segment,
    word_bounds,
)

jieba.setLogLevel(logging.WARNING)
#: The original jieba with a dictionary of its own (fupin lends jieba-next's to ``jieba.dt``).
REFERENCE = jieba.Tokenizer()

CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "fupin.zh_tokenizer.v1"}}}
TOKENIZER = ZhTokenizer(spacy.blank("zh").vocab)


def _zh_articles() -> list[dict]:
    articles = []
    for path in sample_article_files():
        articles += [a for a in read_jsonl(path) if a["language"] == "zh"]
    return articles


ZH_ARTICLES = _zh_articles()


def jieba_bounds(text: str) -> tuple[set[int], set[int]]:
    """Word starts and ends of the original jieba, the reference the gazetteer was tuned on."""
    return bounds_of(REFERENCE.lcut(text, HMM=True))


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("zh", config=CONFIG)


def test_sample_articles_are_found() -> None:
    assert len(ZH_ARTICLES) >= 30  # the project's own sets: 34 Chinese articles
    assert {"ho-zh-01", "h2-zh-01", "h3-zh-01"} <= {a["id"] for a in ZH_ARTICLES}


# -- the Doc reproduces its text -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "   ",
        "\n",
        "扶贫车间",
        "河北省 邯郸市  鸡泽县",
        "第一段。\n\n第二段,\r\n第三段\t完",
        "COVID-19疫情期间,3.5%的贫困户月收入达1,200元(GDP增长6.1%)",
        "  前后都有空格  ",
        "全角\u3000空格和　ＡＢＣ１２３",
        "Xinhua reported 52 workshops in Gansu.",
        "表情😀与扩展汉字𠀀混排",
    ],
)
def test_doc_text_is_the_text(nlp: spacy.language.Language, text: str) -> None:
    doc = nlp(text)
    assert isinstance(doc, Doc)
    assert doc.text == text
    assert [t.text for t in doc] == segment(text)
    assert all(not t.whitespace_ for t in doc)  # whitespace is kept as tokens of its own


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_text_round_trips(text: str) -> None:
    words = segment(text)
    assert "".join(words) == text
    assert "" not in words
    assert TOKENIZER(text).text == text


# -- the same word boundaries as jieba ----------------------------------------------------------


@pytest.mark.parametrize("article", ZH_ARTICLES, ids=[a["id"] for a in ZH_ARTICLES])
def test_sample_articles_cut_like_jieba(article: dict) -> None:
    """Raw (often traditional) and normalised text, and the title: no boundary may differ."""
    for text in (article["text"], normalize(article["text"]).text, article.get("title") or ""):
        words, reference = segment(text), REFERENCE.lcut(text, HMM=True)
        assert word_bounds(text) == jieba_bounds(text), _first_difference(words, reference)


def _first_difference(words: list[str], reference: list[str]) -> str:
    """The first place where the two segmentations part, for a readable failure."""
    pos = 0
    for i, (a, b) in enumerate(zip(words, reference, strict=False)):
        if a != b:
            return f"at {pos}: jieba-next {words[i : i + 4]} vs jieba {reference[i : i + 4]}"
        pos += len(a)
    return f"lengths {len(words)} vs {len(reference)}"


def test_characters_unknown_to_the_hmm_are_cut_like_jieba() -> None:
    """畡 and 卣 have no HMM emission probability; jieba then cuts single characters."""
    for text in ("他说卣畡很好", "来到赵县畡调研", "马麦志説"):
        assert segment(text) == REFERENCE.lcut(text, HMM=True)


# Pieces of news text: dictionary words, out-of-dictionary names (the HMM's work), single
# characters, a character the HMM does not know, digits, Latin, punctuation, blanks.
_PIECES = (
    "扶贫车间 贫困户 就业 务工 人均 收入 万元 河北省 邯郸市 鸡泽县 新乡 创新 乡村 振兴 我国 中西部 "
    "马文华 孙章存 昕水镇 安古村 东乡县 临夏州 截至 去年 年底 易地 搬迁 合作社 带动 "
    "的 了 在 和 是 说 人 户 个 县 村 镇 畡 卣 説 "
    "2020 年 3 月 26 日 1,200 3.5% COVID-19 GDP Xinhua , 。 , : “ ” ( ) 、"
).split() + [" ", "\n", "\n\n", "\u3000"]


def _route_ties(text: str) -> bool:
    """Whether two of jieba's word routes through a block of ``text`` score the same within
    rounding ("日日日": 日日+日 against 日+日日). Which one wins then depends on the order the
    floating-point sums were taken in, which differs between jieba's Python and jieba-next's
    Rust: a tie is no difference in the cutting rule."""
    from math import log

    REFERENCE.check_initialized()
    logtotal = log(REFERENCE.total)
    for block in jieba.re_han_default.findall(text):
        dag, route = REFERENCE.get_DAG(block), {len(block): 0.0}
        for idx in range(len(block) - 1, -1, -1):
            scores = sorted(
                log(REFERENCE.FREQ.get(block[idx : x + 1]) or 1) - logtotal + route[x + 1] for x in dag[idx]
            )
            if len(scores) > 1 and scores[-1] - scores[-2] < 1e-9:
                return True
            route[idx] = scores[-1]
    return False


def test_a_route_tie_is_seen_as_one() -> None:
    assert _route_ties("日日日COVID-19") and not _route_ties("扶贫车间就业")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_generated_text_cuts_like_jieba(pieces: list[str]) -> None:
    text = "".join(pieces)
    assume(not _route_ties(text))
    assert word_bounds(text) == jieba_bounds(text), (text, segment(text), REFERENCE.lcut(text))


def test_lent_dictionary_is_jiebas_own() -> None:
    """jieba's POS tagger runs on jieba-next's dictionary: it must hold the same words and counts."""
    lend_dictionary_to_jieba()
    REFERENCE.initialize()
    assert jieba.dt.total == REFERENCE.total
    assert jieba.dt.FREQ == REFERENCE.FREQ


# -- the title joined to the text ----------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=8).map("".join),
    st.lists(st.sampled_from(_PIECES), max_size=15).map("".join),
)
def test_joined_bounds_are_those_of_the_joined_text(head: str, text: str) -> None:
    # A head ending in "\r" would make "\r\n" one jieba word: titles never end so (they are stripped).
    head = head.rstrip("\r")
    assert joined_bounds(head, word_bounds(text)) == word_bounds(head + "\n" + text)


# -- the pipeline --------------------------------------------------------------------------------


def test_build_pipeline_uses_the_tokenizer_and_its_bounds() -> None:
    zh = build_pipeline("zh", officials=False)
    assert isinstance(zh.tokenizer, ZhTokenizer)
    assert zh.config["nlp"]["tokenizer"] == {"@tokenizers": "fupin.zh_tokenizer.v1"}
    text = normalize(ZH_ARTICLES[0]["text"]).text
    doc = zh(text)
    assert doc.text == text
    assert doc._.fupin.word_bounds == word_bounds(text)


def test_serialisation_round_trip(nlp: spacy.language.Language, tmp_path: Path) -> None:
    text = "甘肃省临夏州东乡县新建扶贫车间20个,带动1,200人就业。"
    restored = spacy.blank("zh", config=CONFIG).from_bytes(nlp.to_bytes())
    assert isinstance(restored.tokenizer, ZhTokenizer)
    assert [t.text for t in restored(text)] == [t.text for t in nlp(text)]
    nlp.to_disk(tmp_path / "zh")
    loaded = spacy.load(tmp_path / "zh")
    assert isinstance(loaded.tokenizer, ZhTokenizer)
    assert [t.text for t in loaded(text)] == segment(text)


def test_full_pipeline_serialises() -> None:
    zh = build_pipeline("zh")
    restored = build_pipeline("zh").from_bytes(zh.to_bytes())
    assert isinstance(restored.tokenizer, ZhTokenizer)
    assert restored.pipe_names == zh.pipe_names
