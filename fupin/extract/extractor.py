"""Article in, facts and officials out: the extraction API.

``Extractor.extract`` handles one article; ``extract_articles`` streams many, in
worker processes when asked (each process builds its spaCy pipelines once and
nothing is kept per article after its result is yielded).

No single article can stop a stream of them:

- every article is checked against ``article.schema.json`` first; one that breaks it
  (a number for ``published``, an object for ``url``, no ``text``) is rejected with an
  :class:`ArticleError` naming every wrong field, and nothing is coerced;
- a text longer than :data:`PART_CHARS` characters is read in parts cut at paragraph
  breaks (offsets still index into the whole text), and only the first
  :data:`MAX_TEXT_CHARS` characters of a text are read at all (with a warning);
- ``extract_articles`` turns any exception of one article into an ``ArticleError``
  (``kind`` "failed") and, with a ``timeout``, stops an article that runs too long in
  its worker process (``kind`` "timeout") and goes on with the next.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from fupin import __version__
from fupin.extract.language import detect_language

EXTRACTOR_VERSION = f"fupin-rules/{__version__}"

#: A text longer than this is extracted in parts of at most this many characters, cut at
#: paragraph breaks (else at a sentence end, a space, or, in a text with none, anywhere).
#: News articles are far shorter (the evaluation sets' longest has 11,327 characters), so
#: an ordinary article is read whole; the parts keep a giant page linear in time (spaCy also
#: refuses a document over 1,000,000 characters). A date or place stated in one part is
#: not carried into the next.
PART_CHARS = 100_000

#: Only the first this-many characters of a text are extracted (cut at a paragraph break);
#: the article gets a warning saying so. The crawler keeps pages under 8 MB, so only a file
#: given to ``fupin extract --in`` can reach it.
MAX_TEXT_CHARS = 10_000_000

#: A title longer than this is not read (a headline is a line; a page that puts its whole
#: text in the title must not make every part of the text read it again); a warning says so.
MAX_TITLE_CHARS = 2_000

#: Seconds an article may take per part of :data:`PART_CHARS` characters (at least one
#: part) before its worker process is stopped and the article given up ("timeout").
#: An ordinary article takes well under a second; this is a safety net against a text
#: that makes a rule run away. The commands use it; the Python API has no limit unless
#: ``timeout`` is given.
DEFAULT_TIMEOUT = 120.0


class ArticleError(ValueError):
    """An article that could not be extracted, and why.

    ``kind`` is "invalid" (the article breaks article.schema.json, or has no usable
    language), "failed" (extraction raised an error) or "timeout" (it ran longer than
    its time limit and was stopped); ``article_id`` is the article's id when it has one.
    """

    def __init__(self, message: str, kind: str = "invalid", article_id: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.article_id = article_id

    def __reduce__(self) -> tuple[Any, ...]:  # keep kind and id across worker processes
        return (type(self), (str(self), self.kind, self.article_id))


@dataclass(slots=True)
class ArticleResult:
    """What one article yielded; ``warnings`` name the problems met on the way.

    ``parts`` is the number of parts the text was read in (1 for all ordinary
    articles); ``read_chars``, when not None, is where a text over
    :data:`MAX_TEXT_CHARS` stopped being read.
    """

    article_id: str
    facts: list[dict[str, Any]] = field(default_factory=list)
    officials: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    parts: int = 1
    read_chars: int | None = None


class Extractor:
    """Extracts facts (and officials) from articles, one pipeline per language."""

    def __init__(self, *, officials: bool = True, ner: str | None = None) -> None:
        self.officials = officials
        self.ner = ner
        self.version = EXTRACTOR_VERSION if not ner else f"{EXTRACTOR_VERSION}+{ner.split(':', 1)[0]}"

    def extract(self, article: dict[str, Any]) -> ArticleResult:
        """Facts and officials of one article (article.schema.json).

        Raises :class:`ArticleError` for an article that breaks the schema.
        """
        # Imported here, not at the top: a process that only hands articles to workers and
        # writes their results (extract_articles with workers > 1) never loads spaCy.
        from fupin.extract.headline import repeats
        from fupin.extract.pipeline import cached_pipeline
        from fupin.extract.textnorm import normalize

        article_id, text, lang = _checked(article)
        result = ArticleResult(article_id)
        if not text.strip():
            result.warnings.append("article has no text")
            return result
        if len(text) > MAX_TEXT_CHARS:
            cut = text_parts(text, MAX_TEXT_CHARS)[0][1]
            result.read_chars = cut
            result.warnings.append(
                f"text has {len(text):,} characters, more than the limit of {MAX_TEXT_CHARS:,}: "
                f"only the first {cut:,} were extracted"
            )
            text = text[:cut]
        norm = normalize(text)
        nlp = cached_pipeline(lang, self.officials, self.ner)
        title = article.get("title")
        if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:
            result.warnings.append(
                f"title has {len(title):,} characters, more than the limit of {MAX_TITLE_CHARS:,}: "
                "not read (no headline facts, no help with place names)"
            )
            title = None
        headed = isinstance(title, str) and not repeats(title, text, norm.text)
        parts = text_parts(norm.text, PART_CHARS)
        result.parts = len(parts)
        if len(parts) > 1:
            result.warnings.append(
                f"text has {len(text):,} characters: extracted in {len(parts)} parts of at most "
                f"{PART_CHARS:,}, cut at paragraph breaks"
            )
        for n, (start, end) in enumerate(parts):
            if n == 0 and headed:
                assert isinstance(title, str)
                self._extract_headed(article, title, norm, lang, nlp, result, end)
            else:
                self._extract_part(article, title, norm, lang, nlp, result, start, end)
        return result

    def _extract_part(
        self,
        article: dict[str, Any],
        title: str | None,
        norm: Any,
        lang: str,
        nlp: Any,
        result: ArticleResult,
        start: int,
        end: int,
    ) -> None:
        """Facts and officials of ``norm.text[start:end]`` (the whole text, or one part of it)."""
        from fupin.extract.records import fact_record, official_record

        text = norm.text if (start, end) == (0, len(norm.text)) else norm.text[start:end]
        meta = {"published": article.get("published"), "title": title, "text": text}
        _, facts, officials = _run(nlp, text, meta)
        for draft in facts or []:
            if self._plausible(draft, result):
                moved = draft if start == 0 else _moved(draft, start, 0, len(text))
                result.facts.append(fact_record(moved, article, norm, lang, self.version))
        for official in officials or []:
            result.officials.append(official_record(official, article, norm, offset=start))

    @staticmethod
    def _plausible(draft: Any, result: ArticleResult) -> bool:
        from fupin.extract.sanity import implausible

        problem = implausible(draft.quantity.value, draft.quantity.unit or "count")
        if problem:
            result.warnings.append(f"{draft.metric}: {problem}; fact dropped")
        return not problem

    def _extract_headed(
        self,
        article: dict[str, Any],
        title: str,
        norm: Any,
        lang: str,
        nlp: Any,
        result: ArticleResult,
        end: int,
    ) -> None:
        """An article whose text does not repeat its title: the title is read as the first line.

        Facts of the title come out with ``evidence.field: "title"`` and offsets into the
        title as written; facts of the text with offsets into the text, as always.
        Officials are looked for in the text only (with the places read in the joined
        document), so their offsets are the text's. Only ``norm.text[:end]`` (the whole
        text, or its first part) is read after the title.
        """
        from fupin.extract.analysis import Analysis
        from fupin.extract.headline import Headed
        from fupin.extract.mentions import PlaceMention
        from fupin.extract.records import fact_record, official_record
        from fupin.extract.sentences import split_sentences

        headed = Headed.build(title, norm)
        text = norm.text if end == len(norm.text) else norm.text[:end]
        if end != len(norm.text):
            headed.text = f"{headed.title}\n{text}"
        meta = {"published": article.get("published"), "title": headed.title, "text": headed.text}
        with_officials = "fupin_officials" in nlp.pipe_names
        analysis, facts, _ = _run(nlp, headed.text, meta, ("fupin_officials",) if with_officials else ())
        for draft in facts or []:
            if not self._plausible(draft, result):
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
            shift = headed.shift
            in_text = Analysis(
                text=text,
                lang=analysis.lang,
                sentences=split_sentences(text, analysis.lang),
                published=analysis.published,
                title=headed.title,
                places=[PlaceMention(m.start - shift, m.end - shift, m.place) for m in analysis.places
                        if m.start >= shift],
            )  # fmt: skip
            for official in nlp.get_pipe("fupin_officials").find(in_text):
                result.officials.append(official_record(official, article, norm))


def _run(nlp: Any, text: str, meta: dict, disable: tuple[str, ...] = ()) -> tuple[Any, Any, Any]:
    """The analysis, facts and officials of ``nlp`` over ``text``.

    English rules read no token: their pipeline runs on the text alone (``run_on_text``, the
    same components in the same order), and spaCy's tokenizer, which made a Doc nobody read,
    is not run. Chinese place names sit on the tokenizer's words, so Chinese makes the Doc.
    """
    from fupin.extract.components import run_on_text

    done = run_on_text(nlp, text, meta, disable)
    if done is not None:
        return done
    doc = nlp.make_doc(text)
    doc.user_data["fupin_meta"] = meta
    doc = nlp(doc, disable=list(disable))
    return doc._.fupin, doc._.facts, doc._.officials


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


@cache
def _article_validator() -> Any:
    import jsonschema

    spec = resources.files("fupin").joinpath("spec", "article.schema.json").read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(spec))


_JSON_TYPES = {"string": "a string", "null": "null", "object": "an object", "array": "a list",
               "number": "a number", "integer": "a number", "boolean": "true or false"}  # fmt: skip


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, dict):
        return "an object" if value else "an empty object {}"
    if isinstance(value, list | tuple):
        return "a list" if value else "an empty list []"
    return type(value).__name__


def _problem(error: Any) -> str:
    """One schema error in words, naming the field and what it holds."""
    path = list(error.absolute_path)
    name = f"'{path[0]}'" if len(path) == 1 else ("/".join(str(p) for p in path) or "the article")
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_JSON_TYPES.get(w, w) for w in wanted)
        if not path:
            return f"expected a JSON object, got {_json_type(error.instance)}"
        hint = ""
        if (
            path == ["published"]
            and isinstance(error.instance, int | float)
            and not isinstance(error.instance, bool)
        ):
            hint = ' (write the date as a string, e.g. "2020-01-01")'
        return f"{name} must be {words}, got {_json_type(error.instance)}{hint}"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        kind = "a non-empty string" if missing == "id" else "a string"
        return f"'{missing}' must be {kind}, but the article has none"
    if error.validator == "minLength":
        return f"{name} must not be empty"
    if error.validator == "enum":
        allowed = ", ".join("null" if v is None else repr(v) for v in error.validator_value)
        return f"{name} must be one of {allowed}, got {_json_type(error.instance)}"
    return f"{name}: {error.message}"


def _surrogate(name: str, value: str) -> str | None:
    """A problem when a string holds a lone surrogate (JSON can escape one; it is not Unicode)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        at = exc.start
        return f"'{name}' holds a lone surrogate {value[at]!r} at character {at}: not valid Unicode"
    return None


def article_problems(article: Any) -> list[str]:
    """Every way ``article`` breaks article.schema.json, one line each (empty: it is valid).

    Strings must also be valid Unicode (JSON can escape a lone surrogate, \\ud800).
    """
    problems = [] if _passes_compiled_check(article) else _schema_problems(article)
    if isinstance(article, dict):
        for name, value in article.items():
            if isinstance(value, str):
                problem = _surrogate(str(name), value)
                if problem:
                    problems.append(problem)
    return problems


def _schema_problems(article: Any) -> list[str]:
    """jsonschema's errors of an article, in words: what a rejected article is told."""
    errors = sorted(
        _article_validator().iter_errors(article), key=lambda e: [str(p) for p in e.absolute_path]
    )
    return [_problem(e) for e in errors]


@cache
def _compiled_article_check() -> Any:
    """article.schema.json compiled to Python by fastjsonschema, or None where it is not installed.

    jsonschema walks the schema for every article (2% of English extraction); the compiled
    check takes a fraction of that. The schema's keywords (type, required, properties, enum,
    minLength) read alike in both libraries, and an article the check rejects still goes to
    jsonschema, whose errors name its problems.
    """
    try:
        import fastjsonschema
    except ImportError:
        return None
    spec = resources.files("fupin").joinpath("spec", "article.schema.json").read_text(encoding="utf-8")
    return fastjsonschema.compile(json.loads(spec), use_default=False)


def _passes_compiled_check(article: Any) -> bool:
    check = _compiled_article_check()
    if check is None:
        return False
    try:
        check(article)
    except Exception:  # noqa: BLE001 - fastjsonschema.JsonSchemaException, or any surprise: jsonschema decides
        return False
    return True


def article_label(article: Any) -> str:
    """``article ID`` when the article has a usable id, else what it is."""
    if isinstance(article, dict):
        article_id = article.get("id")
        if isinstance(article_id, str) and article_id and _surrogate("id", article_id) is None:
            return f"article {article_id}"
        return "article without a valid id"
    return "input"


def check_article(article: Any) -> None:
    """Raise :class:`ArticleError` (kind "invalid") naming every problem of an invalid article."""
    problems = article_problems(article)
    if problems:
        article_id = article.get("id") if isinstance(article, dict) else None
        raise ArticleError(
            f"{article_label(article)}: {'; '.join(problems)}",
            "invalid",
            article_id if isinstance(article_id, str) else None,
        )


def _checked(article: Any) -> tuple[str, str, str]:
    """The id, text and language of an article, or an ArticleError saying what is wrong."""
    check_article(article)
    article_id, text = article["id"], article["text"]
    lang = article.get("language") or detect_language(text)
    if lang not in ("zh", "en"):
        raise ArticleError(
            f"article {article_id}: language {lang!r} is not 'zh' or 'en'", "invalid", article_id
        )
    return article_id, text, lang


def text_parts(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive parts of ``text``, each at most ``size`` characters.

    A cut falls after the last paragraph break (a blank line, else a line break) in the
    second half of the window, else after a sentence end, else at a space, else at
    ``size``. The parts cover the text exactly, in order.
    """
    if size < 2:
        raise ValueError("parts need at least 2 characters")
    parts: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        low, high = start + size // 2, start + size
        cut = _cut(text, low, high)
        parts.append((start, cut))
        start = cut
    parts.append((start, len(text)))
    return parts


_SENTENCE_ENDS = ("。", "！", "？", "；", "!", "?", ". ", ";")


def _cut(text: str, low: int, high: int) -> int:
    """Where to cut within ``text[low:high]``: just after the best break found, or at ``high``."""
    for breaks in (("\n\n", "\r\n\r\n"), ("\n", "\r", "\u2029"), _SENTENCE_ENDS, (" ", "\t", "\u3000")):
        best = -1
        for mark in breaks:
            at = text.rfind(mark, low, high)
            if at >= 0:
                best = max(best, at + len(mark))
        if best > low:
            return best
    return high


#: Articles that take the lazily loaded parts of extraction once: the Chinese segmenter, the
#: traditional-to-simplified converter, the gazetteer and its automaton, both languages' rules.
#: (They reach no name with two readings, so :func:`warm_up` loads the POS tagger itself.)
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
    """Load now what the first articles would load (seconds): pipelines, dictionaries, tables,
    and jieba's POS tagger (which the warm-up articles do not reach)."""
    extractor = extractor or Extractor()
    for article in WARM_UP_ARTICLES:
        extractor.extract(article)
    if extractor.officials:
        from fupin.extract.officials.zh import load_pos_tagger

        load_pos_tagger()


_worker_extractor: Extractor | None = None


def _init_worker(officials: bool, ner: str | None) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(officials=officials, ner=ner)


def _failure(article: Any, exc: BaseException) -> ArticleError:
    """An exception raised while extracting an article, as that article's ArticleError."""
    if isinstance(exc, ArticleError):
        return exc
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    article_id = article.get("id") if isinstance(article, dict) else None
    return ArticleError(
        f"{article_label(article)}: extraction failed: {type(exc).__name__}: {exc}{where}",
        "failed",
        article_id if isinstance(article_id, str) else None,
    )


def _extract_one(extractor: Extractor, article: Any) -> ArticleResult | ArticleError:
    try:
        return extractor.extract(article)
    except Exception as exc:  # noqa: BLE001 - one article must not stop the others
        return _failure(article, exc)


def _extract_in_worker(article: dict[str, Any]) -> ArticleResult | ArticleError:
    assert _worker_extractor is not None
    return _extract_one(_worker_extractor, article)


def extract_article(
    article: dict[str, Any], *, officials: bool = True, ner: str | None = None
) -> ArticleResult:
    """Facts and officials of one article."""
    return Extractor(officials=officials, ner=ner).extract(article)


def time_limit(article: Any, timeout: float) -> float:
    """Seconds ``article`` may take: ``timeout`` per :data:`PART_CHARS` characters (at least one part)."""
    text = article.get("text") if isinstance(article, dict) else None
    size = min(len(text), MAX_TEXT_CHARS) if isinstance(text, str) else 0
    return timeout * max(1, math.ceil(size / PART_CHARS))


def extract_articles(
    articles: Iterable[dict[str, Any]],
    *,
    workers: int = 1,
    officials: bool = True,
    ner: str | None = None,
    timeout: float | None = None,
) -> Iterator[ArticleResult | ArticleError]:
    """Results in input order; an article that cannot be extracted yields its ArticleError instead.

    An invalid article, an exception while extracting one, and (with ``timeout``) an
    article that runs longer than :func:`time_limit` each yield an ArticleError and the
    stream goes on. With ``workers > 1``, or a ``timeout``, articles are extracted in
    that many worker processes (at least one); each builds its pipelines once
    (forkserver, so no process inherits the parent's threads or open files). A worker
    that runs out of time, or dies, is replaced.
    """
    if workers <= 1 and not timeout:
        extractor = Extractor(officials=officials, ner=ner)
        for article in articles:
            yield _extract_one(extractor, article)
        return
    yield from _WorkerPool(max(1, workers), officials, ner, timeout or None).run(articles)


#: Articles sent ahead to each worker (it reads the next while extracting one), and
#: articles in flight or waiting to be yielded per worker: enough to keep the workers
#: busy, few enough that memory does not grow with the input.
_AHEAD = 2
_IN_FLIGHT_PER_WORKER = 8


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        # workers fork from a server that has loaded spaCy, the dictionaries and the rules
        # once (fupin.extract.preload), instead of each loading them anew (seconds per worker)
        ctx.set_forkserver_preload(["fupin.extract.preload"])
    return ctx


def _worker_main(conn: Any, officials: bool, ner: str | None) -> None:
    """A worker process: read articles (a thread reads ahead), extract them in order, send results.

    Ctrl-C is the parent's to handle; the worker ends when the parent closes the pipe
    (or dies).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker(officials, ner)
    inbox: deque[Any] = deque()
    arrived = threading.Condition()

    def read() -> None:
        while True:
            try:
                item = conn.recv()
            except (EOFError, OSError):
                item = None
            with arrived:
                inbox.append(item)
                arrived.notify()
            if item is None:
                return

    threading.Thread(target=read, daemon=True).start()
    try:
        conn.send(("ready", None))
    except OSError:  # the parent is gone (BrokenPipeError is an OSError)
        return
    while True:
        with arrived:
            arrived.wait_for(lambda: inbox)
            item = inbox.popleft()
        if item is None:
            return
        seq, article = item
        result = _extract_in_worker(article)
        try:
            conn.send((seq, result))
        except OSError:
            return


class _Worker:
    """One worker process, the articles sent to it and not answered yet, and when it began the first."""

    def __init__(self, ctx: Any, officials: bool, ner: str | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, officials, ner), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.sent: deque[tuple[int, Any, float]] = deque()  # (seq, article, time limit)
        self.since = 0.0  # when the first article of ``sent`` began (ready or previous result)

    def send(self, seq: int, article: Any, limit: float) -> None:
        if not self.sent:
            self.since = time.monotonic()
        self.sent.append((seq, article, limit))
        self.conn.send((seq, article))

    def deadline(self) -> float | None:
        if not self.ready or not self.sent or self.sent[0][2] is None:
            return None
        return self.since + self.sent[0][2]

    def stop(self) -> None:
        """Kill the process at once (it may be stuck in native code) and close the pipe."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        """Ask the process to end, and stop it if it does not."""
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.process.join(2)
        self.stop()


class _WorkerPool:
    """Articles spread over worker processes, each under a time limit; results in input order."""

    def __init__(self, workers: int, officials: bool, ner: str | None, timeout: float | None) -> None:
        self.size, self.officials, self.ner, self.timeout = workers, officials, ner, timeout
        self.ctx = _context()

    def _start(self) -> _Worker:
        return _Worker(self.ctx, self.officials, self.ner)

    def run(self, articles: Iterable[Any]) -> Iterator[ArticleResult | ArticleError]:
        source = enumerate(articles)
        workers = [self._start() for _ in range(self.size)]
        retry: deque[tuple[int, Any]] = deque()  # articles of a replaced worker, to send again
        done: dict[int, ArticleResult | ArticleError] = {}
        window = self.size * _IN_FLIGHT_PER_WORKER
        next_out = next_in = 0
        exhausted = False
        try:
            while True:
                # Results are yielded before more articles are sent: the other way round, a slow
                # article holding back a full window of finished ones stopped the sending, then
                # they were yielded and the pool waited for workers that had nothing to do
                # (a hang, seen on 5,000 mixed articles with --workers 2).
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                for worker in workers:
                    while worker.ready and len(worker.sent) < _AHEAD and next_in - next_out < window:
                        if retry:
                            seq, article = retry.popleft()
                        elif exhausted:
                            break
                        else:
                            item = next(source, None)
                            if item is None:
                                exhausted = True
                                break
                            seq, article = item
                            next_in += 1
                        limit = time_limit(article, self.timeout) if self.timeout else None
                        try:
                            worker.send(seq, article, limit)
                        except (BrokenPipeError, OSError):
                            break  # it died: seen below
                if exhausted and not retry and next_out == next_in:
                    return
                self._wait(workers)
                for n, worker in enumerate(workers):
                    if not self._collect(worker, done):
                        workers[n] = self._replace(worker, done, retry)
        finally:
            for worker in workers:
                worker.close()

    def _wait(self, workers: list[_Worker]) -> None:
        deadlines = [d for d in (w.deadline() for w in workers) if d is not None]
        wait = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
        multiprocessing.connection.wait(
            [w.conn for w in workers] + [w.process.sentinel for w in workers], wait
        )

    @staticmethod
    def _collect(worker: _Worker, done: dict[int, Any]) -> bool:
        """Take what the worker has sent; False when it is dead or past its deadline."""
        try:
            while worker.conn.poll():
                seq, result = worker.conn.recv()
                now = time.monotonic()
                if seq == "ready":
                    worker.ready, worker.since = True, now
                    continue
                worker.sent.popleft()
                worker.since = now
                done[seq] = result
        except (EOFError, OSError):
            return False
        deadline = worker.deadline()
        if deadline is not None and time.monotonic() >= deadline:
            return False
        return worker.process.is_alive()

    def _replace(self, worker: _Worker, done: dict[int, Any], retry: deque[tuple[int, Any]]) -> _Worker:
        """Stop a worker that ran out of time or died; its first article is given up, the rest sent again."""
        timed_out = worker.deadline() is not None and time.monotonic() >= worker.deadline()  # type: ignore[operator]
        worker.stop()
        if not worker.ready:
            raise RuntimeError(
                f"an extraction worker process could not start (exit code {worker.process.exitcode})"
            )
        if worker.sent:
            seq, article, limit = worker.sent.popleft()
            article_id = article.get("id") if isinstance(article, dict) else None
            article_id = article_id if isinstance(article_id, str) else None
            if timed_out:
                message = f"{article_label(article)}: extraction took more than {limit:g} s and was stopped"
                done[seq] = ArticleError(message, "timeout", article_id)
            else:
                code = worker.process.exitcode
                message = f"{article_label(article)}: the extraction process died (exit code {code})"
                done[seq] = ArticleError(message, "failed", article_id)
            retry.extendleft(reversed([(s, a) for s, a, _ in worker.sent]))
        return self._start()
