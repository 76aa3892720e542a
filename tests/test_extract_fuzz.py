"""No input text crashes the extractor, and every offset stays inside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fupin.extract import Extractor

_EXTRACTOR = Extractor()
_CUES = st.sampled_from(
    [
        "扶贫车间",
        "复工率",
        "万人",
        "%",
        "元",
        "截至5月底",
        "workshops",
        " million ",
        "yuan",
        "as of June 30",
        "甘肃省",
        "務(wù)",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=30), _CUES, st.integers(0, 10**12).map(str)), max_size=12).map(
    "".join
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, lang=st.sampled_from(["zh", "en", None]))
def test_offsets_stay_inside_the_text(text: str, lang: str | None) -> None:
    article = {"id": "fuzz", "text": text, "language": lang, "published": "2020-06-17"}
    result = _EXTRACTOR.extract(article)
    for fact in result.facts:
        start, end = fact["evidence"]["start"], fact["evidence"]["end"]
        assert 0 <= start <= end <= len(text)
        assert fact["evidence"]["sentence"] in text
    for official in result.officials:
        assert 0 <= official["evidence"]["start"] <= official["evidence"]["end"] <= len(text)
