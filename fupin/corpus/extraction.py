"""Extraction on the store: only articles the current extractor version has not seen.

Each article's facts and officials are written in one transaction with its
extraction mark, so a run killed in the middle resumes where it stopped, and a
new extractor version re-extracts everything.

No article can stop the stage: one that breaks article.schema.json, whose
extraction raises an error or runs past its time limit (it is extracted in a
worker process that is stopped then), or whose facts the store refuses, is put in
the ``quarantine`` table with its error and the extractor version. That version
does not try it again; a new version does.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from fupin.corpus.store import Store


def quarantine_line(article: dict[str, Any] | None, article_id: str, error: str) -> str:
    """``article ID (URL): error`` for reports (the error's own ``article ID:`` prefix dropped)."""
    url = (article or {}).get("url")
    prefix = f"article {article_id}: "
    detail = error[len(prefix) :] if error.startswith(prefix) else error
    return f"article {article_id}" + (f" ({url})" if url else "") + f": {detail}"


def extract_store(
    store: Store,
    *,
    workers: int = 1,
    ner: str | None = None,
    batch: int = 50,
    progress: Callable[[int, int], None] | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Extract pending articles into ``store``.

    Returns counts: ``articles`` extracted, ``facts``, ``officials``, ``quarantined``
    (articles set aside by this call; ``errors`` is the same number, its older name),
    ``in_quarantine`` (all the articles this version has set aside, earlier calls'
    too), ``split`` (articles read in parts), ``truncated`` (articles read only up to
    the length limit), and ``problems``: one line per article quarantined
    ("quarantined article ID (URL): why") or truncated ("partly extracted article ...").
    ``timeout`` is the per-part time limit (:data:`fupin.extract.extractor.DEFAULT_TIMEOUT`
    by default; 0 for none, which extracts in this process when ``workers`` is 1).
    """
    from fupin.extract import ArticleError, Extractor, extract_articles
    from fupin.extract.extractor import DEFAULT_TIMEOUT

    version = Extractor(ner=ner).version
    limit = DEFAULT_TIMEOUT if timeout is None else timeout
    counts: dict[str, Any] = {
        "articles": 0,
        "facts": 0,
        "officials": 0,
        "quarantined": 0,
        "errors": 0,
        "split": 0,
        "truncated": 0,
        "extractor": version,
    }
    problems: list[str] = []
    ids = store.article_ids_to_extract(version)

    def articles() -> Iterator[dict[str, Any]]:
        # the texts are read a batch at a time; the ids were fixed when the stage began
        for start in range(0, len(ids), batch):
            yield from store.articles_for_extraction(ids[start : start + batch])

    read: deque[dict[str, Any]] = deque()  # articles handed to extraction, in order, awaiting results

    def handed() -> Iterator[dict[str, Any]]:
        for article in articles():
            read.append(article)
            yield article

    results = extract_articles(handed(), workers=workers, ner=ner, timeout=limit)
    for done, result in enumerate(results, 1):
        article = read.popleft()
        if not isinstance(result, ArticleError):
            try:
                counts["facts"] += store.add_facts(
                    article["id"], result.facts, version, officials=result.officials
                )
            except ValueError as exc:  # facts the store refuses: the article's problem, not the run's
                result = ArticleError(f"article {article['id']}: its facts were refused: {exc}", "failed")
        if isinstance(result, ArticleError):
            store.quarantine(article["id"], version, str(result), result.kind)
            counts["quarantined"] += 1
            problems.append("quarantined " + quarantine_line(article, article["id"], str(result)))
        else:
            counts["officials"] += len(result.officials)
            counts["articles"] += 1
            counts["split"] += result.parts > 1
            if result.read_chars is not None:
                counts["truncated"] += 1
                cut = [w for w in result.warnings if "only the first" in w]
                problems.append("partly extracted " + quarantine_line(article, article["id"], "; ".join(cut)))
        if progress is not None:
            progress(done, len(ids))
    counts["errors"] = counts["quarantined"]
    counts["in_quarantine"] = len(store.quarantined(version))
    counts["problems"] = problems
    return counts
