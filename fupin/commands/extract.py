"""``fupin extract``: articles to facts and officials."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fupin.jsonl import LineError, read_jsonl, write_jsonl

DESCRIPTION = """\
Extract facts (one statistic each: metric, region, value, bound, as_of, evidence)
and quoted officials from articles.

On the store (no --in): extracts the stored articles that the current extractor
version has not processed yet (a new version re-extracts all of them), writing
facts and officials into the store. An article that cannot be extracted (it
breaks article.schema.json, its extraction fails, or it runs past its time limit)
is put in the store's quarantine table with its error, named on stderr (id and
URL), and not tried again until the extractor version changes.

File to file: --in ARTICLES.jsonl (one article.schema.json object per line) and
--out FACTS.jsonl (one fact.schema.json object per line); --officials writes the
officials. Bad lines are reported on stderr with file, line and problem, and the
other articles are still processed and written.

What is a bad article: a line that is not JSON or not UTF-8, or an article that
breaks article.schema.json: no "id" or "text", or a field of the wrong type (e.g.
"published": 20200101 instead of "2020-01-01", "title": 5, "url": {}), or a lone
surrogate ("\\ud800" escaped in JSON) in a string. Such an article is rejected
whole, never coerced; the message names every wrong field.

Size and time: a text over 100,000 characters is extracted in parts cut at
paragraph breaks (evidence offsets still index into the whole text); only the
first 10,000,000 characters of a text are read, and a title over 2,000 characters
is not read, each with a warning. Each article gets --timeout seconds per 100,000
characters (at least once); one that runs longer is stopped and reported, and the
next goes on.
"""

EPILOG = """\
examples:
  fupin extract                      # the store under $FUPIN_HOME: only what is new
  fupin extract --in articles.jsonl --out facts.jsonl
  fupin extract --in articles.jsonl --out facts.jsonl --officials officials.jsonl --workers 2
  fupin extract --in articles.jsonl --out facts.jsonl --ner transformers:./models/cluener-bert

exit status: --in: 0 when at least one article was extracted (bad lines and articles are
             reported on stderr, the good ones written), 1 when none could be (every line
             bad, or no such file); on the store: 0 (quarantined articles are reported on
             stderr), 1 when the store cannot be opened; 2 wrong options
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract facts and officials from articles",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--in", dest="input", metavar="ARTICLES.jsonl", help="articles to read")
    parser.add_argument("--out", metavar="FACTS.jsonl", help="where to write the facts")
    parser.add_argument("--officials", metavar="OFFICIALS.jsonl", help="also write the officials quoted")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="store to extract in when --in is not given (default $FUPIN_HOME or ./fupin-data)",
    )
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="processes to use (default 1)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time limit per article, per 100,000 characters of its text (default 120; 0: no limit, "
        "and with one worker no worker process)",
    )
    parser.add_argument(
        "--ner",
        metavar="BACKEND",
        help="NER backend for officials: transformers:PATH (a local Hugging Face token-classification model)",
    )
    parser.add_argument("--spacy-model", metavar="NAME", help="use an installed trained spaCy pipeline's NER")
    parser.add_argument(
        "--dask",
        metavar="CLUSTER",
        help="run on Dask over Parquet partitions: local:N (N local worker processes) or tcp://HOST:PORT",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.workers < 1:
        print(f"fupin extract: --workers must be at least 1, got {args.workers}", file=sys.stderr)
        return 2
    if args.timeout is not None and (args.timeout < 0 or args.timeout != args.timeout):
        print(f"fupin extract: --timeout must be 0 or more seconds, got {args.timeout}", file=sys.stderr)
        return 2
    from fupin.extract.extractor import DEFAULT_TIMEOUT

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    ner = args.ner or (f"spacy:{args.spacy_model}" if args.spacy_model else None)
    if not args.input:
        return extract_into_store(args.home, workers=args.workers, ner=ner, timeout=timeout)
    if not args.out:
        print("fupin extract: --out FACTS.jsonl is required with --in", file=sys.stderr)
        return 2
    if args.dask:
        return extract_files_dask(args.input, args.out, args.officials, cluster=args.dask, ner=ner)
    return extract_files(args.input, args.out, args.officials, workers=args.workers, ner=ner, timeout=timeout)


def _articles(path: str, counts: dict[str, int], lines: deque[int]) -> Iterator[Any]:
    """Stream the readable, valid articles of a file, remembering each one's line number.

    Bad lines (not UTF-8, not JSON, not an article.schema.json object) are reported
    on stderr with their file and line, and counted; ``lines`` gets one entry per
    article yielded, in order, so results (which come back in input order) can name
    their line.
    """
    from fupin.extract.extractor import ArticleError, check_article

    for item in read_jsonl(path):
        if isinstance(item, LineError):
            counts["bad"] += 1
            print(f"fupin extract: {item}", file=sys.stderr)
            continue
        number, article = item
        try:
            check_article(article)
        except ArticleError as exc:
            counts["bad"] += 1
            print(f"fupin extract: {path}:{number}: {exc}", file=sys.stderr)
            continue
        lines.append(number)
        yield article


class _Outputs:
    """The facts file and, when asked for, the officials file, counting what goes into them."""

    def __init__(self, facts_path: str, officials_path: str | None) -> None:
        self.facts_path, self.officials_path = facts_path, officials_path
        self.facts = self.officials = 0
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> _Outputs:
        self._facts_fh = self._stack.enter_context(open(self.facts_path, "w", encoding="utf-8"))
        self._officials_fh = (
            self._stack.enter_context(open(self.officials_path, "w", encoding="utf-8"))
            if self.officials_path
            else None
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def with_officials(self) -> bool:
        return self.officials_path is not None

    def write(self, facts: list[dict[str, Any]], officials: list[dict[str, Any]]) -> None:
        self.facts += write_jsonl(facts, self._facts_fh)
        if self._officials_fh is not None:
            self.officials += write_jsonl(officials, self._officials_fh)


def _no_input(input_path: str) -> bool:
    if os.path.isfile(input_path):
        return False
    print(f"fupin extract: cannot read {input_path}: no such file", file=sys.stderr)
    return True


def _summary(label: str, articles: int, out: _Outputs, bad: int, bad_what: str) -> int:
    """Print the run's counts on stderr; the exit status is non-zero only when nothing was read."""
    print(
        f"{label}: {articles} articles, {out.facts} facts, {out.officials} officials, {bad} {bad_what}",
        file=sys.stderr,
    )
    return 0 if articles else 1


def extract_files(
    input_path: str,
    out_path: str,
    officials_path: str | None,
    *,
    workers: int = 1,
    ner: str | None = None,
    timeout: float | None = None,
) -> int:
    """File-to-file extraction, streaming; returns the exit status.

    ``timeout`` is the per-part time limit of an article (None or 0: none).
    """
    from fupin.extract import ArticleError, extract_articles

    if _no_input(input_path):
        return 1
    counts = {"bad": 0, "articles": 0}
    lines: deque[int] = deque()
    with _Outputs(out_path, officials_path) as out:
        articles = _articles(input_path, counts, lines)
        results = extract_articles(
            articles, workers=workers, officials=out.with_officials, ner=ner, timeout=timeout
        )
        for result in results:
            where = f"{input_path}:{lines.popleft()}"
            if isinstance(result, ArticleError):
                counts["bad"] += 1
                print(f"fupin extract: {where}: {result}", file=sys.stderr)
                continue
            counts["articles"] += 1
            for warning in result.warnings:
                print(f"fupin extract: {where}: article {result.article_id}: {warning}", file=sys.stderr)
            out.write(result.facts, result.officials)
    return _summary(
        "fupin extract", counts["articles"], out, counts["bad"], "bad lines or articles (named above)"
    )


def extract_files_dask(
    input_path: str, out_path: str, officials_path: str | None, *, cluster: str, ner: str | None = None
) -> int:
    """File-to-file extraction on a Dask cluster; the same facts as a single process."""
    from fupin.extract.distributed import check_spec, extract_with_dask, write_partitions

    try:
        check_spec(cluster)
    except ValueError as exc:
        print(f"fupin extract: {exc}", file=sys.stderr)
        return 2
    if _no_input(input_path):
        return 1
    counts = {"bad": 0, "articles": 0}
    lines: deque[int] = deque()
    with tempfile.TemporaryDirectory(prefix="fupin-parts-") as tmp, _Outputs(out_path, officials_path) as out:
        partitions = write_partitions(_articles(input_path, counts, lines), Path(tmp))
        try:
            for part in extract_with_dask(partitions, cluster, officials=out.with_officials, ner=ner):
                for error in part["errors"]:
                    print(f"fupin extract: {error}", file=sys.stderr)
                out.write(part["facts"], part["officials"])
        except ValueError as exc:
            print(f"fupin extract: {exc}", file=sys.stderr)
            return 2
    return _summary(
        f"fupin extract (dask {cluster})", len(lines), out, counts["bad"], "bad lines (named above)"
    )


def extract_into_store(
    home: str | None, *, workers: int = 1, ner: str | None = None, timeout: float | None = None
) -> int:
    """Extract the store's pending articles; returns the exit status (0 also with articles quarantined)."""
    from fupin.corpus.extraction import extract_store
    from fupin.corpus.store import Store, StoreError

    try:
        with Store.open(home, wait=30.0) as store:
            counts = extract_store(store, workers=workers, ner=ner, timeout=timeout)
    except StoreError as exc:
        print(f"fupin extract: {exc}", file=sys.stderr)
        return 1
    for problem in counts["problems"]:
        print(f"fupin extract: {problem}", file=sys.stderr)
    held = counts["in_quarantine"]
    print(
        f"fupin extract: {counts['articles']} articles extracted with {counts['extractor']}, "
        f"{counts['facts']} facts, {counts['officials']} officials, {counts['quarantined']} articles "
        f"quarantined"
        + (f" ({held} in quarantine for this version)" if held != counts["quarantined"] else ""),
        file=sys.stderr,
    )
    return 0
