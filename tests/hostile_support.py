"""Helpers for the hostile-input tests: real-looking sentences, long texts, and a misbehaving worker.

``misbehaving_worker`` replaces ``fupin.extract.extractor._worker_main`` in a test (the
pool pickles the target by reference, so worker processes import it from here): in the
worker, the article named ``hang`` (by its id or its URL's last part) never finishes
and the article named ``die`` kills its process; every other article is extracted as
usual.
"""

from __future__ import annotations

import os
import time
from typing import Any

from hypothesis import strategies as st

ZH_SENTENCES = (
    "截至6月底，甘肃省已建成扶贫车间1982个，吸纳贫困劳动力4.6万人就业。",
    "贵州省扶贫车间复工率达到98.6%，带动建档立卡贫困户3.2万人务工。",
    "2020年以来，四川省新建扶贫车间1347个，人均月收入2100元。",
    "湖北省扶贫办主任李忠表示，全省已有1200家扶贫车间复工复产。",
    "今年一季度，河南省外出务工贫困劳动力达到215万人。",
    "据统计，陕西省累计认定扶贫龙头企业356家。",
    "村里的扶贫车间主要生产服装和电子配件。",
    "记者在现场看到，工人们正在流水线上忙碌。",
)
EN_SENTENCES = (
    "As of June 30, Gansu had built 1,982 poverty alleviation workshops, employing 46,000 poor people.",
    "By the end of May, Hebei Province had set up 742 poverty alleviation workshops.",
    "The resumption rate of poverty alleviation workshops in Guizhou reached 98.6 percent.",
    "Sichuan province helped 2.1 million poor laborers find jobs away from home this year.",
    "Each worker earns about 2,000 yuan a month, said Li Zhong, director of the county poverty office.",
    "The workshop mainly produces garments and electronic parts.",
    "Villagers said the new road made it easier to reach the factory.",
    "Officials visited the site on Tuesday.",
)


def long_text(sentences: tuple[str, ...], size: int, per_paragraph: int = 5) -> str:
    """About ``size`` characters of the sentences, repeated, in paragraphs of a few sentences."""
    joiner = "" if sentences is ZH_SENTENCES else " "
    paragraphs, total, n = [], 0, 0
    while total < size:
        paragraph = joiner.join(sentences[(n + k) % len(sentences)] for k in range(per_paragraph))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
        n += per_paragraph
    return "\n\n".join(paragraphs)[:size]


# -- hypothesis strategies: good articles with odd Unicode, and bad ones -------------------------

#: What JSON can carry that news text rarely has: control characters, combining marks, RTL and
#: bidi marks, joiners, emoji (with ZWJ sequences and flags), CJK extension characters.
ODD = st.sampled_from(
    ["\x00", "\x07", "\x1b", "\x7f", "\u0301", "\u0308\u0323", "\u200f", "\u202e", "\u2066", "\u200d",
     "\ufeff", "\u2028", "\r\n", "\t", "😀", "👩\u200d👩\u200d👧", "🇨🇳", "\U00020000", "\U0002a700",
     "\U0002b740", "\U00030000", "\U000e0001", "\uffff", "ｦ", "①"]
)  # fmt: skip
WRONG = st.one_of(
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.just({}),
    st.lists(st.integers(0, 9), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
)
#: The size of a long text: just over a part (two parts), so that the test stays quick.
LONG = 130_000
DATES = st.sampled_from(
    [None, "2020-06-20", "2020-06", "2020", "2020-06-20T08:00:00+08:00", "", "not a date"]
)


@st.composite
def good_articles(draw: st.DrawFn, n: int, long: bool = False) -> dict[str, Any]:
    sentences = draw(st.sampled_from([ZH_SENTENCES, EN_SENTENCES]))
    if long:
        text = long_text(sentences, LONG)
    else:
        chosen = draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=6))
        text = draw(st.sampled_from(["", " ", "\n", "\n\n"])).join(chosen)
    for at, odd in sorted(
        draw(st.lists(st.tuples(st.integers(0, len(text)), ODD), max_size=6)), reverse=True
    ):
        text = text[:at] + odd + text[at:]
    title = draw(st.one_of(st.none(), st.sampled_from(sentences).map(lambda s: s[:18]), st.text(max_size=12)))
    return {
        "id": f"good-{n}",
        "url": f"http://news.example/{n}.html",
        "source": draw(st.one_of(st.none(), st.just("news.example"))),
        "title": title,
        "published": draw(DATES),
        "language": draw(st.sampled_from([None, "zh" if sentences is ZH_SENTENCES else "en"])),
        "text": text,
    }


@st.composite
def bad_articles(draw: st.DrawFn, n: int) -> Any:
    article = {**draw(good_articles(n)), "id": f"bad-{n}"}
    how = draw(st.sampled_from(["wrong-type", "missing", "language", "surrogate", "not-object"]))
    if how == "wrong-type":
        article[draw(st.sampled_from(sorted(article)))] = draw(WRONG)
    elif how == "missing":
        del article[draw(st.sampled_from(["id", "text"]))]
    elif how == "language":
        article["language"] = draw(st.sampled_from(["fr", "ZH", "", "zh-CN"]))
    elif how == "surrogate":
        field = draw(st.sampled_from(["text", "title", "url"]))
        value = article[field] or ""
        at = draw(st.integers(0, len(value)))
        article[field] = value[:at] + draw(st.sampled_from(["\ud800", "\udfff", "\udc80"])) + value[at:]
    else:
        return draw(
            st.one_of(st.lists(st.integers(), max_size=2), st.text(max_size=5), st.integers(), st.none())
        )
    return article


@st.composite
def streams(draw: st.DrawFn) -> list[tuple[bool, Any]]:
    """Good and bad articles in any order; one stream in ten has a long good article."""
    kinds = draw(st.lists(st.booleans(), min_size=1, max_size=6))
    long = kinds.index(True) if True in kinds and draw(st.integers(0, 9)) == 0 else -1
    return [
        (good, draw(good_articles(n, n == long) if good else bad_articles(n))) for n, good in enumerate(kinds)
    ]


def misbehaving_worker(conn: Any, officials: bool, ner: str | None) -> None:
    """A worker process whose ``hang`` article never finishes and whose ``die`` article kills it.

    An article is named by its id or by the last part of its URL (store articles' ids are hashes).
    """
    from fupin.extract import extractor

    original = extractor.Extractor.extract

    def extract(self: Any, article: dict[str, Any]) -> Any:
        if _named(article, "hang"):
            time.sleep(3600)
        if _named(article, "die"):
            os._exit(9)
        return original(self, article)

    extractor.Extractor.extract = extract  # type: ignore[method-assign]
    extractor._worker_main(conn, officials, ner)


def _named(article: Any, name: str) -> bool:
    if not isinstance(article, dict):
        return False
    url = article.get("url")
    return article.get("id") == name or (isinstance(url, str) and url.rstrip("/").endswith("/" + name))
