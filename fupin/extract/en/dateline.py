"""The place of an English report's dateline ("XINING, April 8 (Xinhua) --").

A wire story or a local paper opens with the city it was filed from: "XINING, April 8
(Xinhua) --", "Guiyang, April 8 (Reporter Li Ming)", "XI'AN --". The city is where the
reporter was, not where a figure is, so it is never the place of a statistic by itself
(``regions`` skips it). But a report that then speaks of "the province" without naming
one is about the dateline city's province: a provincial capital's bureau reports the
province's figures. :func:`dateline_place` reads the city so that the resolver can
give such back-references a province.
"""

from __future__ import annotations

import re

from fupin.extract.gazetteer import Gazetteer
from fupin.extract.mentions import Place

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# the city (its last one or two words: "People's Network Nanning, July 15"), a date, then the
# agency or reporter in brackets or a dash; or an all-capitals city and a dash ("XI'AN --")
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][\w'’.-]*[ \t]+){0,3}?(?P<city>[A-Z][A-Za-z'’-]+(?:[ \t]+[A-Z][A-Za-z'’-]+)?)"
    r"[ \t]*,[ \t]*"
    rf"{_MONTH}[ \t]+\d{{1,2}}(?:,?[ \t]*(?:19|20)\d\d)?[ \t]*(?:\(|--|—|–)"
    r"|^[ \t]*(?P<caps>[A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+)?)[ \t]*(?:--|—|–)",
    re.MULTILINE,
)
#: How far into the text a dateline may stand (after a headline and a byline or two).
_REACH = 600


def dateline_place(text: str, gazetteer: Gazetteer) -> Place | None:
    """The place of the city that opens the report as its dateline, if the gazetteer knows it."""
    for m in _DATELINE.finditer(text, 0, min(len(text), _REACH)):
        city = m.group("city") or m.group("caps")
        written = " ".join(w[:1] + w[1:].lower() if w.isupper() else w for w in city.split())
        for start in (0, written.find(" ") + 1 or len(written)):  # "People's Network Nanning"
            name = written[start:]
            found = gazetteer.find(name, "en") if name else []
            if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
                return found[0].place
        return None
    return None
