"""English wording families found on unseen pages and translated reports (session 20).

Every sentence is written for these tests (several wordings of a family and the near-misses
that must not match); none is copied from an evaluation set or from a translation.
"""

from __future__ import annotations

from extract_support import english_drafts


def _facts(text: str, published: str = "2020-04-10") -> list[tuple]:
    return [
        (d.metric, d.quantity.value, (d.region or {}).get("province"), d.as_of)
        for d in english_drafts(text, published)
    ]


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(m, v) for m, v, *_ in _facts(text)]


# --- "up and running" in a story on the shutdown --------------------------------------------


def test_up_and_running_in_a_shutdown_story_is_a_resumption() -> None:
    assert _metrics(
        "Amid the epidemic, 58 poverty alleviation workshops in the county are up and running."
    ) == [("workshops_resumed", 58.0)]
    assert _metrics(
        "Production stopped during the coronavirus outbreak.\nNow 1,200 of the 1,300 workshops in the "
        "province are up and running."
    ) == [("workshops_resumed", 1200.0), ("workshops", 1300.0)]
    assert _metrics(
        "After the outbreak, all 38 leading poverty alleviation enterprises in the county are up and running."
    ) == [("enterprises", 38.0), ("enterprises_resumed", 38.0)]
    assert _metrics(
        "Work is resuming across Hunan. By April 8, 95 percent of its poverty alleviation workshops were "
        "up and running."
    ) == [("workshop_resumption_rate", 95.0)]


def test_up_and_running_elsewhere_is_not_a_resumption() -> None:
    # no shutdown in the story: workshops in operation are workshops
    assert _metrics(
        "The county has 58 poverty alleviation workshops up and running, employing 2,000 people."
    ) == [
        ("workshops", 58.0),
        ("workers_employed", 2000.0),
    ]
    assert (
        _metrics("By April 8, 95 percent of the county's poverty alleviation workshops were up and running.")
        == []
    )
    # a plan to have them running is a plan, even after the outbreak
    assert _metrics("After the outbreak, the county plans to have 300 more workshops up and running.") == [
        ("workshops_planned", 300.0)
    ]


# --- a dateline gives "the province" its province --------------------------------------------


def test_a_dateline_city_gives_the_province_a_province() -> None:
    found = _facts(
        "XINING, April 8 (Xinhua) -- A total of 520 poverty alleviation workshops have resumed work "
        "in the province."
    )
    assert found == [("workshops_resumed", 520.0, "Qinghai", None)]
    found = _facts(
        "Workshops back at work\nGuiyang, April 8 (Reporter Li Ming) The province's 3,000 poverty "
        "alleviation workshops have all resumed production."
    )
    assert [(m, v, p) for m, v, p, _ in found] == [
        ("workshops", 3000.0, "Guizhou"),
        ("workshops_resumed", 3000.0, "Guizhou"),
    ]
    found = _facts(
        "LANZHOU -- Workers are back.\nAs of April 7, the province had 1,800 poverty alleviation workshops."
    )
    assert found == [("workshops", 1800.0, "Gansu", "2020-04-07")]


def test_a_dateline_gives_no_province_where_the_text_names_another_or_none_is_meant() -> None:
    # another province named: the back-reference is that province's
    found = _facts(
        "XINING, April 8 (Xinhua) -- In Gansu, 1,800 poverty alleviation workshops have resumed work, the "
        "province's bureau said."
    )
    assert [p for *_, p, _ in found] == ["Gansu"]
    # no "the province": the dateline says where the reporter was, not where the figures are
    found = _facts(
        "XINING, April 8 (Xinhua) -- A total of 32,000 poverty alleviation workshops have resumed work."
    )
    assert [p for *_, p, _ in found] == [None]
