"""Running extraction on short sentences written for a test, shared by the wording-family tests.

Two depths: ``article_facts`` runs the whole extractor on one article (quantities, dates,
places, rules, regions), so a family counts as fixed only when everything comes out together;
``english_drafts`` runs only the English fact rules over a hand-built analysis, to pin a rule
without the region resolver and the records around it.
"""

from __future__ import annotations

from functools import cache

from fupin.extract import en
from fupin.extract.analysis import Analysis
from fupin.extract.extractor import Extractor
from fupin.extract.gazetteer import Gazetteer
from fupin.extract.sentences import split_sentences


@cache
def extractor(officials: bool = True) -> Extractor:
    """One extractor per process: building it loads the pipelines."""
    return Extractor(officials=officials)


def article_facts(
    text: str,
    lang: str,
    published: str | None = "2020-06-10",
    title: str | None = None,
    officials: bool = True,
) -> list[dict]:
    """The fact records of one article holding ``text``."""
    article = {"id": "t", "language": lang, "text": text, "published": published, "title": title}
    return extractor(officials).extract(article).facts


def english_drafts(text: str, published: str, title: str | None = None) -> list:
    """The English fact rules' drafts for ``text``, over its sentences, quantities, dates and places."""
    analysis = Analysis(text=text, lang="en", published=published, title=title)
    analysis.sentences = split_sentences(text, "en")
    analysis.quantities = en.find_quantities(text)
    analysis.dates = en.find_dates(text, published)
    analysis.places = Gazetteer.default().find(text, "en")
    return en.find_facts(analysis)
