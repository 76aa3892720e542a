"""Text to facts and officials.

Public API::

    from fupin.extract import extract_article, extract_articles, Extractor
    result = extract_article({"id": "a1", "text": "...", "published": "2020-06-17"})
    result.facts       # list of fact.schema.json dicts
    result.officials   # list of official.schema.json dicts

The work is done by spaCy components (``fupin.extract.components``) in per-language
pipelines (``fupin.extract.pipeline``); language rules live in ``fupin.extract.zh``
and ``fupin.extract.en``.
"""

from fupin.extract.extractor import (
    EXTRACTOR_VERSION,
    ArticleError,
    ArticleResult,
    Extractor,
    extract_article,
    extract_articles,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleError",
    "ArticleResult",
    "Extractor",
    "extract_article",
    "extract_articles",
]
