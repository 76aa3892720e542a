"""Article in, facts and officials out: the extraction API.

``Extractor.extract`` handles one article; ``extract_articles`` streams many, in
several processes when asked (each process builds its spaCy pipelines once and
nothing is kept per article after its result is yielded).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from fupin import __version__
from fupin.extract.language import detect_language

EXTRACTOR_VERSION = f"fupin-rules/{__version__}"


class ArticleError(ValueError):
    """An article that cannot be extracted (no id, no text, wrong language)."""


@dataclass(slots=True)
class ArticleResult:
    """What one article yielded; ``warnings`` name the problems met on the way."""

    article_id: str
    facts: list[dict[str, Any]] = field(default_factory=list)
    officials: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Extractor:
    """Extracts facts (and officials) from articles, one pipeline per language."""

    def __init__(self, *, officials: bool = True, ner: str | None = None) -> None:
        self.officials = officials
        self.ner = ner
        self.version = EXTRACTOR_VERSION if not ner else f"{EXTRACTOR_VERSION}+{ner.split(':', 1)[0]}"

    def extract(self, article: dict[str, Any]) -> ArticleResult:
        """Facts and officials of one article (article.schema.json)."""
        # Imported here, not at the top: a process that only hands articles to workers and
        # writes their results (extract_articles with workers > 1) never loads spaCy.
        from fupin.extract.headline import repeats
        from fupin.extract.pipeline import cached_pipeline
        from fupin.extract.records import fact_record, official_record
        from fupin.extract.sanity import implausible
        from fupin.extract.textnorm import normalize

        article_id, text, lang = _checked(article)
        result = ArticleResult(article_id)
        if not text.strip():
            result.warnings.append("article has no text")
            return result
        norm = normalize(text)
        nlp = cached_pipeline(lang, self.officials, self.ner)
        title = article.get("title")
        if isinstance(title, str) and not repeats(title, text, norm.text):
            return self._extract_headed(article, title, norm, lang, nlp, result)
        doc = nlp.make_doc(norm.text)
        doc.user_data["fupin_meta"] = {
            "published": article.get("published"),
            "title": article.get("title"),
            "text": norm.text,
        }
        doc = nlp(doc)
        for draft in doc._.facts or []:
            problem = implausible(draft.quantity.value, draft.quantity.unit or "count")
            if problem:
                result.warnings.append(f"{draft.metric}: {problem}; fact dropped")
                continue
            result.facts.append(fact_record(draft, article, norm, lang, self.version))
        for official in doc._.officials or []:
            result.officials.append(official_record(official, article, norm))
        return result

    def _extract_headed(
        self, article: dict[str, Any], title: str, norm: Any, lang: str, nlp: Any, result: ArticleResult
    ) -> ArticleResult:
        """An article whose text does not repeat its title: the title is read as the first line.

        Facts of the title come out with ``evidence.field: "title"`` and offsets into the
        title as written; facts of the text with offsets into the text, as always.
        Officials are looked for in the text only (with the places read in the joined
        document), so their offsets are the text's.
        """
        from fupin.extract.analysis import Analysis
        from fupin.extract.headline import Headed
        from fupin.extract.mentions import PlaceMention
        from fupin.extract.records import fact_record, official_record
        from fupin.extract.sanity import implausible
        from fupin.extract.sentences import split_sentences

        headed = Headed.build(title, norm)
        doc = nlp.make_doc(headed.text)
        doc.user_data["fupin_meta"] = {
            "published": article.get("published"),
            "title": headed.title,
            "text": headed.text,
        }
        with_officials = "fupin_officials" in nlp.pipe_names
        doc = nlp(doc, disable=["fupin_officials"] if with_officials else [])
        for draft in doc._.facts or []:
            problem = implausible(draft.quantity.value, draft.quantity.unit or "count")
            if problem:
                result.warnings.append(f"{draft.metric}: {problem}; fact dropped")
                continue
            if headed.in_title(draft.quantity.start):
                moved = _moved(draft, headed.title_start, 0, len(headed.title))
                result.facts.append(
                    fact_record(moved, article, headed.title_norm, lang, self.version, "title")
                )
            else:
                moved = _moved(draft, -headed.shift, headed.shift, len(headed.text))
                result.facts.append(fact_record(moved, article, norm, lang, self.version))
        if with_officials:
            shift, analysis = headed.shift, doc._.fupin
            in_text = Analysis(
                text=norm.text,
                lang=analysis.lang,
                sentences=split_sentences(norm.text, analysis.lang),
                published=analysis.published,
                title=headed.title,
                places=[PlaceMention(m.start - shift, m.end - shift, m.place) for m in analysis.places
                        if m.start >= shift],
            )  # fmt: skip
            for official in nlp.get_pipe("fupin_officials").find(in_text):
                result.officials.append(official_record(official, article, norm))
        return result


def _moved(draft: Any, by: int, low: int, high: int) -> Any:
    """``draft`` with its offsets kept within ``[low, high)`` of the document, then moved ``by``.

    A sentence (or, very rarely, a number) that runs over the line break between title
    and text is cut at it, so the evidence stays within its field.
    """
    from dataclasses import replace

    def inside(position: int) -> int:
        return min(max(position, low), high) + by

    q = draft.quantity
    return replace(
        draft,
        quantity=replace(q, start=inside(q.start), end=inside(q.end)),
        sentence_start=inside(draft.sentence_start),
        sentence_end=inside(draft.sentence_end),
    )


def _checked(article: Any) -> tuple[str, str, str]:
    """The id, text and language of an article, or an ArticleError saying what is wrong."""
    if not isinstance(article, dict):
        raise ArticleError(f"expected a JSON object, got {type(article).__name__}")
    article_id = article.get("id")
    if article_id is None or str(article_id) == "":
        raise ArticleError("article has no 'id'")
    text = article.get("text")
    if not isinstance(text, str):
        raise ArticleError(f"article {article_id}: 'text' must be a string, got {type(text).__name__}")
    lang = article.get("language") or detect_language(text)
    if lang not in ("zh", "en"):
        raise ArticleError(f"article {article_id}: language {lang!r} is not 'zh' or 'en'")
    return str(article_id), text, lang


#: Articles that take every lazily loaded part of extraction once: the Chinese segmenter and
#: POS tagger (a titled name), the traditional-to-simplified converter, the gazetteer and its
#: automaton, both languages' rules.
WARM_UP_ARTICLES = (
    {
        "id": "warm-up-zh",
        "language": "zh",
        "title": "甘肅扶貧車間復工",
        "published": "2020-03-25",
        "text": "甘肅省扶貧辦主任李忠表示，截至3月24日，全省已有1799家扶貧車間復工，吸納4.6萬人就業。",
    },
    {
        "id": "warm-up-en",
        "language": "en",
        "title": "Workshops resume in Gansu",
        "published": "2020-03-25",
        "text": "As of March 24, 1,799 workshops in Gansu province had resumed work, said Li Zhong, director "
        'of the provincial poverty alleviation office. "We employ 46,000 people," he said.',
    },
)


def warm_up(extractor: Extractor | None = None) -> None:
    """Load now what the first articles would load (seconds): pipelines, dictionaries, tables."""
    extractor = extractor or Extractor()
    for article in WARM_UP_ARTICLES:
        extractor.extract(article)


_worker_extractor: Extractor | None = None


def _init_worker(officials: bool, ner: str | None) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(officials=officials, ner=ner)


def _extract_in_worker(article: dict[str, Any]) -> ArticleResult | ArticleError:
    assert _worker_extractor is not None
    try:
        return _worker_extractor.extract(article)
    except ArticleError as exc:
        return exc


def _extract_batch_in_worker(batch: list[dict[str, Any]]) -> list[ArticleResult | ArticleError]:
    return [_extract_in_worker(article) for article in batch]


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


#: Articles per task sent to a worker, and tasks in flight per worker: enough to keep the
#: workers busy, few enough that memory does not grow with the input.
_BATCH = 4
_IN_FLIGHT_PER_WORKER = 8


def extract_article(
    article: dict[str, Any], *, officials: bool = True, ner: str | None = None
) -> ArticleResult:
    """Facts and officials of one article."""
    return Extractor(officials=officials, ner=ner).extract(article)


def extract_articles(
    articles: Iterable[dict[str, Any]], *, workers: int = 1, officials: bool = True, ner: str | None = None
) -> Iterator[ArticleResult | ArticleError]:
    """Results in input order; an unreadable article yields its ArticleError instead.

    With ``workers > 1`` articles are spread over that many processes; each builds
    its pipelines once (forkserver, so no process inherits the parent's threads).
    """
    if workers <= 1:
        extractor = Extractor(officials=officials, ner=ner)
        for article in articles:
            try:
                yield extractor.extract(article)
            except ArticleError as exc:
                yield exc
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        # workers fork from a server that has loaded spaCy, the dictionaries and the rules
        # once (fupin.extract.preload), instead of each loading them anew (seconds per worker)
        ctx.set_forkserver_preload(["fupin.extract.preload"])
    with ctx.Pool(workers, initializer=_init_worker, initargs=(officials, ner)) as pool:
        # Not pool.imap: its feeder thread reads the whole input ahead of the workers, so
        # memory would grow with the input. A bounded window of batches streams instead.
        pending: deque[Any] = deque()
        for batch in _batches(articles, _BATCH):
            pending.append(pool.apply_async(_extract_batch_in_worker, (batch,)))
            if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
