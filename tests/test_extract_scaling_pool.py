"""The worker pool keeps its workers busy behind a slow article, and never waits on idle ones.

A slow article (a long text) holds back the results of the articles after it, which come
out in input order. The pool used to stop sending when a full window of finished results
waited behind it, yield them once it came back, and then wait for workers that had been
given nothing: ``fupin extract --workers 2`` hung (seen on 5,000 mixed articles). Here a
long article and an invalid one (answered at once after it) go to one worker while the
other finishes a window of short ones: the run must end, with every result in input order.
"""

from __future__ import annotations

import threading

from conftest import read_jsonl, sample_article_files

from fupin.extract import ArticleError, Extractor, extract_articles


def _articles() -> list[dict]:
    zh = [a for path in sample_article_files() for a in read_jsonl(path) if a["language"] == "zh"]
    long_text = "\n".join(a["text"] for a in zh) * 3
    long_text = long_text[: max(60_000, min(len(long_text), 90_000))]
    slow = {"id": "slow", "language": "zh", "text": long_text}
    invalid = {"id": "invalid", "text": 5}  # answered the moment the slow one is done
    short = [{"id": f"short-{i}", "language": "zh", "text": zh[i % len(zh)]["text"][:300]} for i in range(40)]
    return [slow, invalid, *short]


def test_a_slow_article_does_not_leave_the_pool_waiting_on_idle_workers() -> None:
    articles = _articles()
    results: list = []
    run = threading.Thread(
        target=lambda: results.extend(extract_articles(articles, workers=2, timeout=600)), daemon=True
    )
    run.start()
    run.join(300)  # a liveness guard, not a speed measure: the whole run takes seconds
    assert not run.is_alive(), "the worker pool stopped: it waits for workers it gave nothing to do"
    assert [r.article_id for r in results] == [a["id"] for a in articles]
    assert isinstance(results[1], ArticleError) and results[1].kind == "invalid"
    extractor = Extractor()
    assert [r.facts for r in results[2:]] == [extractor.extract(a).facts for a in articles[2:]]
