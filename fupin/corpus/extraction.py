"""Extraction on the store: only articles the current extractor version has not seen.

Each article's facts and officials are written in one transaction with its
extraction mark, so a run killed in the middle resumes where it stopped, and a
new extractor version re-extracts everything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fupin.corpus.store import Store


def extract_store(
    store: Store,
    *,
    workers: int = 1,
    ner: str | None = None,
    batch: int = 50,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Extract pending articles into ``store``; returns counts (articles, facts, officials, errors)."""
    from fupin.extract import ArticleError, Extractor, extract_articles

    version = Extractor(ner=ner).version
    counts: dict[str, Any] = {"articles": 0, "facts": 0, "officials": 0, "errors": 0, "extractor": version}
    total = len(store.articles_to_extract(version))
    failed: set[str] = set()
    while True:
        pending = [
            a for a in store.articles_to_extract(version, limit=batch + len(failed)) if a["id"] not in failed
        ]
        pending = pending[:batch]
        if not pending:
            return counts
        results = extract_articles(pending, workers=workers, ner=ner)
        for article, result in zip(pending, results, strict=True):
            if isinstance(result, ArticleError):
                failed.add(article["id"])
                counts["errors"] += 1
                continue
            counts["facts"] += store.add_facts(
                article["id"], result.facts, version, officials=result.officials
            )
            counts["officials"] += len(result.officials)
            counts["articles"] += 1
            if progress is not None:
                progress(counts["articles"] + counts["errors"], total)
