"""No single article stops extraction: invalid articles, huge texts, odd Unicode, runaway or dying workers.

Every good article of a stream comes out exactly as it does extracted alone; every bad one
comes out as an ArticleError saying what is wrong with it.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import spacy
from hostile_support import EN_SENTENCES, ZH_SENTENCES, long_text, misbehaving_worker, streams
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fupin.extract.components  # noqa: F401 - registers the factories
from fupin.extract import ArticleError, ArticleResult, Extractor, extract_articles
from fupin.extract import extractor as extractor_module
from fupin.extract.extractor import PART_CHARS, check_article, text_parts

EXTRACTOR = Extractor()
GOOD_ZH = {"id": "g-zh", "published": "2020-06-20", "text": ZH_SENTENCES[0]}
GOOD_EN = {"id": "g-en", "published": "2020-06-01", "text": EN_SENTENCES[1]}


def assert_offsets_hold(article: dict[str, Any], result: ArticleResult) -> None:
    """Every fact's evidence indexes into the article's text (or title) as given."""
    for fact in result.facts:
        ev = fact["evidence"]
        field = article[ev.get("field") or "text"]
        assert 0 <= ev["start"] < ev["end"] <= len(field), fact
        assert field[ev["start"] : ev["end"]] in ev["sentence"], fact
        assert ev["sentence"] in field, fact
    for official in result.officials:
        ev = official["evidence"]
        assert 0 <= ev["start"] <= ev["end"] <= len(article["text"]), official


# -- validation: what the user is told ---------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            {**GOOD_ZH, "published": 20200101},
            """article g-zh: 'published' must be a string or null, got the number 20200101 """
            """(write the date as a string, e.g. "2020-01-01")""",
        ),
        ({**GOOD_ZH, "title": 5}, "article g-zh: 'title' must be a string or null, got the number 5"),
        ({**GOOD_ZH, "url": {}}, "article g-zh: 'url' must be a string or null, got an empty object {}"),
        ({**GOOD_ZH, "source": ["a"]}, "article g-zh: 'source' must be a string or null, got a list"),
        (
            {**GOOD_ZH, "language": "fr"},
            """article g-zh: 'language' must be one of 'zh', 'en', null, got the string "fr\"""",
        ),
        ({**GOOD_ZH, "id": 7}, "article without a valid id: 'id' must be a string, got the number 7"),
        ({**GOOD_ZH, "id": ""}, "article without a valid id: 'id' must not be empty"),
        ({"id": "x"}, "article x: 'text' must be a string, but the article has none"),
        ({"id": "x", "text": None}, "article x: 'text' must be a string, got null"),
        ([GOOD_ZH], "input: expected a JSON object, got a list"),
        (
            {**GOOD_ZH, "text": "甘肃\ud800扶贫车间"},
            "article g-zh: 'text' holds a lone surrogate '\\ud800' at character 2: not valid Unicode",
        ),
        (
            {"id": "x", "title": 5, "url": {}, "text": "t"},
            "article x: 'title' must be a string or null, got the number 5; "
            "'url' must be a string or null, got an empty object {}",
        ),
    ],
    ids=["published", "title", "url", "source", "language", "id", "empty-id", "no-text", "null-text",
         "not-object", "surrogate", "several"],
)  # fmt: skip
def test_an_invalid_article_is_rejected_naming_every_wrong_field(article: Any, expected: str) -> None:
    with pytest.raises(ArticleError) as caught:
        EXTRACTOR.extract(article)
    assert str(caught.value) == expected
    assert caught.value.kind == "invalid"
    with pytest.raises(ArticleError):
        check_article(article)


def test_the_issue_cases_no_longer_crash_and_the_stream_goes_on() -> None:
    """``published: 20200101`` (TypeError in zh/dates.py), ``title: 5`` and ``url: {}`` used to crash."""
    stream = [GOOD_ZH, {**GOOD_ZH, "id": "b1", "published": 20200101}, {**GOOD_ZH, "id": "b2", "title": 5},
              {**GOOD_EN, "id": "b3", "url": {}}, GOOD_EN]  # fmt: skip
    results = list(extract_articles(stream))
    assert [type(r).__name__ for r in results] == ["ArticleResult", *["ArticleError"] * 3, "ArticleResult"]
    assert [r.article_id for r in results[1:4]] == ["b1", "b2", "b3"]  # type: ignore[union-attr]
    assert results[0].facts == EXTRACTOR.extract(GOOD_ZH).facts  # type: ignore[union-attr]
    assert results[4].facts == EXTRACTOR.extract(GOOD_EN).facts  # type: ignore[union-attr]


def test_the_components_ignore_metadata_of_the_wrong_type() -> None:
    """A user's own pipeline given a numeric date or title: read as absent, no crash."""
    nlp = spacy.blank("en")
    for name in ("fupin_analysis", "fupin_places", "fupin_quantities", "fupin_dates", "fupin_facts"):
        nlp.add_pipe(name)
    doc = nlp.make_doc("As of May 31, Gansu had 1,982 poverty alleviation workshops.")
    doc.user_data["fupin_meta"] = {"published": 20200101, "title": 5, "text": {}}
    doc = nlp(doc)
    assert [f.quantity.value for f in doc._.facts] == [1982]


# -- size: parts of a long text ----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(["a", "b ", "。", "\n", "\n\n", "甘肃", ". ", "x" * 30]), max_size=80),
    size=st.integers(2, 60),
)
def test_parts_cover_the_text_in_order_within_the_size(pieces: list[str], size: int) -> None:
    text = "".join(pieces)
    parts = text_parts(text, size)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert all(0 < end - start <= size for start, end in parts) or text == ""
    for start, end in parts[:-1]:
        window = text[start + size // 2 : start + size]
        if "\n\n" in window:  # a blank line in the window: the cut is right after the last one
            assert text[:end].endswith("\n\n"), (text, size, parts)


def test_a_long_text_is_read_in_parts_and_every_offset_is_into_the_whole_text() -> None:
    end = "截至12月底，青海省已建成扶贫车间77个。"  # only at the very end: found in the last part
    text = long_text(ZH_SENTENCES, 230_000) + "\n\n" + end
    article = {"id": "long", "published": "2020-12-31", "title": "青海扶贫车间", "text": text}
    result = EXTRACTOR.extract(article)
    assert result.parts == 3 and len(text_parts(text)) == 3
    assert any("extracted in 3 parts" in w for w in result.warnings)
    assert_offsets_hold(article, result)
    last = [f for f in result.facts if f["value"] == 77]
    assert len(last) == 1 and text[last[0]["evidence"]["start"] : last[0]["evidence"]["end"]] == "77"
    assert last[0]["evidence"]["start"] > 2 * PART_CHARS
    # facts in every part, as many as the repeated sentences state
    starts = sorted(f["evidence"]["start"] for f in result.facts if f["metric"] == "workshops")
    assert starts[0] < PART_CHARS < starts[len(starts) // 2] < 2 * PART_CHARS < starts[-1]
    assert result.officials and all(o["evidence"]["end"] <= len(text) for o in result.officials)


def test_a_text_over_the_limit_is_read_up_to_it_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor_module, "MAX_TEXT_CHARS", 3_000)
    text = long_text(EN_SENTENCES, 6_000)
    article = {"id": "over", "published": "2020-06-01", "text": text}
    result = EXTRACTOR.extract(article)
    assert result.read_chars is not None and 1_500 < result.read_chars <= 3_000
    assert text[: result.read_chars].endswith("\n\n")  # cut at a paragraph break
    assert any(f"only the first {result.read_chars:,} were extracted" in w for w in result.warnings)
    assert result.facts and all(f["evidence"]["end"] <= result.read_chars for f in result.facts)
    assert_offsets_hold(article, result)


def test_a_title_over_the_limit_is_not_read_with_a_warning() -> None:
    article = {**GOOD_ZH, "title": "甘肃扶贫车间1982个。" * 300_000}  # 3.6 million characters
    result = EXTRACTOR.extract(article)
    assert result.facts == EXTRACTOR.extract(GOOD_ZH).facts
    assert result.warnings == [
        "title has 3,600,000 characters, more than the limit of 2,000: "
        "not read (no headline facts, no help with place names)"
    ]


# -- the property: a hostile stream --------------------------------------------------------------


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(stream=streams())
def test_every_good_article_of_a_hostile_stream_comes_out_as_it_does_alone(
    stream: list[tuple[bool, Any]],
) -> None:
    results = list(extract_articles([article for _, article in stream]))
    assert len(results) == len(stream)
    for (good, article), result in zip(stream, results, strict=True):
        if not good:
            assert isinstance(result, ArticleError) and result.kind == "invalid", (article, result)
            continue
        assert isinstance(result, ArticleResult), (article, result)
        alone = Extractor().extract(article)
        assert (result.facts, result.officials, result.warnings) == (
            alone.facts,
            alone.officials,
            alone.warnings,
        )
        assert_offsets_hold(article, result)
        assert result.parts == len(text_parts(article["text"])) or not article["text"].strip()


# -- time: runaway and dying workers -------------------------------------------------------------


@pytest.fixture
def misbehaving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes in which the article named ``hang`` never ends and ``die`` kills the process."""
    monkeypatch.setattr(extractor_module, "_worker_main", misbehaving_worker)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_past_its_time_limit_is_stopped_and_the_others_go_on(
    misbehaving: None, workers: int
) -> None:
    stream = [GOOD_ZH, {**GOOD_ZH, "id": "hang"}, GOOD_EN, {**GOOD_EN, "id": "die"}, {**GOOD_ZH, "id": "g3"}]
    began = time.monotonic()
    results = list(extract_articles(stream, workers=workers, timeout=3))
    assert time.monotonic() - began < 60
    kinds = [r.kind if isinstance(r, ArticleError) else "ok" for r in results]
    assert kinds == ["ok", "timeout", "ok", "failed", "ok"]
    assert str(results[1]) == "article hang: extraction took more than 3 s and was stopped"
    assert str(results[3]).startswith("article die: the extraction process died (exit code")
    for article, result in zip(stream, results, strict=True):
        if isinstance(result, ArticleResult):
            assert result.facts == EXTRACTOR.extract(article).facts and result.facts


def test_the_time_limit_grows_with_the_parts_of_a_text() -> None:
    assert extractor_module.time_limit({"text": "short"}, 10) == 10
    assert extractor_module.time_limit({"text": "x" * (PART_CHARS * 3 + 1)}, 10) == 40
    assert extractor_module.time_limit({"text": 5}, 10) == 10  # an invalid article: one part
    assert extractor_module.time_limit([], 10) == 10


def test_worker_processes_give_the_same_results_as_one_process() -> None:
    stream = [GOOD_ZH, {"id": "bad", "published": 1, "text": "x"}, GOOD_EN,
              {"id": "long", "text": long_text(EN_SENTENCES, 120_000)}] * 3  # fmt: skip
    here = list(extract_articles(stream))
    for workers in (1, 3):
        there = list(extract_articles(stream, workers=workers, timeout=120))
        assert [type(r) for r in there] == [type(r) for r in here]
        for a, b in zip(here, there, strict=True):
            if isinstance(a, ArticleResult):
                assert (a.facts, a.officials, a.warnings, a.parts) == (
                    b.facts,
                    b.officials,
                    b.warnings,
                    b.parts,
                )
            else:
                assert (str(a), a.kind) == (str(b), b.kind)
