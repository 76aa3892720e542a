"""Chinese extraction rules: quantities, dates and facts on normalised text.

The three entry points are the language contract of ``fupin.extract.components``::

    find_quantities(text) -> list[Quantity]
    find_dates(text, published) -> list[DateMention]
    find_facts(analysis) -> list[FactDraft]
"""

from fupin.extract.mentions import Quantity
from fupin.extract.scientific import with_scientific
from fupin.extract.zh.dates import find_dates
from fupin.extract.zh.facts import classify, find_facts
from fupin.extract.zh.quantities import find_quantities as _find_quantities

__all__ = ["classify", "find_dates", "find_facts", "find_quantities"]


def find_quantities(text: str) -> list[Quantity]:
    """Numbers with bounds and units, including powers ("10^40") read as one number."""
    return with_scientific(text, _find_quantities(text))
