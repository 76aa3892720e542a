"""English rules of fupin's extraction: numbers, dates and facts.

The three functions are what the spaCy components of ``fupin.extract.components``
call for an English doc; each works on the normalised text and returns mentions
with character offsets into it::

    from fupin.extract.en import find_quantities, find_dates, find_facts
    find_quantities("absorbing more than 20,000 poor labor forces")   # [Quantity(... 20000.0 ...)]
    find_dates("As of May 31, this year", "2020-06-17")                # [DateMention(... "2020-05-31" ...)]
    find_facts(analysis)                                               # [FactDraft(...)]
"""

from fupin.extract.en.dates import find_dates
from fupin.extract.en.facts import find_facts
from fupin.extract.en.quantities import find_quantities as _find_quantities
from fupin.extract.mentions import Quantity
from fupin.extract.scientific import with_scientific

__all__ = ["find_dates", "find_facts", "find_quantities"]


def find_quantities(text: str) -> list[Quantity]:
    """Numbers with bounds and units, including powers ("10^40") read as one number."""
    return with_scientific(text, _find_quantities(text))
