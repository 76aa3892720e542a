"""Text normalisation: simplified characters, no pinyin glosses, half-width ASCII, exact offset map."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fupin.extract.textnorm import normalize


def test_traditional_becomes_simplified_one_character_for_one() -> None:
    norm = normalize("雲南省扶貧車間帶動貧困勞動力就業")
    assert norm.text == "云南省扶贫车间带动贫困劳动力就业"
    assert len(norm.text) == len(norm.original)
    assert norm.to_original(3, 7) == (3, 7)


def test_pinyin_glosses_are_dropped_and_offsets_map_back() -> None:
    original = "向貧困宣戰(zhàn)!農(nóng)村務（wù）工3000人"
    norm = normalize(original)
    assert norm.text == "向贫困宣战!农村务工3000人"
    start = norm.text.index("3000")
    o_start, o_end = norm.to_original(start, start + 4)
    assert original[o_start:o_end] == "3000"
    o_start, o_end = norm.to_original(norm.text.index("务工"), norm.text.index("务工") + 2)
    assert original[o_start:o_end] == "務（wù）工"


def test_plain_letters_in_parentheses_are_kept() -> None:
    assert normalize("国内生产总值(GDP)增长").text == "国内生产总值(GDP)增长"


def test_full_width_ascii_and_odd_spaces() -> None:
    norm = normalize("全省２，５００个，占９８．５％\u3000合计\u200b１０")
    assert norm.text == "全省2,500个,占98.5% 合计10"
    start = norm.text.index("10")
    assert norm.original[slice(*norm.to_original(start, start + 2))] == "１０"


def test_to_original_clamps_out_of_range_spans() -> None:
    norm = normalize("\u200b\u200b")
    assert norm.text == ""
    assert norm.to_original(0, 5) == (2, 2)
    norm = normalize("扶贫")
    assert norm.to_original(-3, 99) == (0, 2)
    assert norm.to_original(2, 1) == (2, 2)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(-5, 60), st.integers(-5, 60))
def test_any_text_maps_back_inside_the_original(text: str, start: int, end: int) -> None:
    norm = normalize(text)
    assert len(norm.text) <= len(text)
    o_start, o_end = norm.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    for i in range(len(norm.text)):
        a, b = norm.to_original(i, i + 1)
        assert b - a == 1
