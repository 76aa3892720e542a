"""Helpers for the feed, run and schedule tests: a small hand-made store and a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import uvicorn

from fupin.corpus.store import Store, StoreError
from fupin.feed import jsonfeed

EXTRACTOR = "test-extractor/1"

ARTICLES = [
    {
        "canonical_url": "http://people.example/n1/2020/0620/c1-1.html",
        "source": "people.example",
        "title": "甘肃扶贫车间复工",
        "published": "2020-06-20",
        "language": "zh",
        "text": "截至6月底，甘肃省已建成扶贫车间1982个，复工率98.6%。湖北省扶贫车间1200个。",
    },
    {
        "canonical_url": "http://daily.example/a/2020-07-01/gansu.html",
        "source": "daily.example",
        "title": "Gansu workshops reopen",
        "published": "2020-07-01",
        "language": "en",
        "text": "As of June 30, Gansu had 1,982 poverty alleviation workshops. Hubei had 12,000 workshops.",
    },
    {
        "canonical_url": "http://xinhua.example/2020-03/15/c_1.htm",
        "source": "xinhua.example",
        "title": "贵州扶贫车间",
        "published": "2020-03-15",
        "language": "zh",
        "text": "截至3月14日，贵州省扶贫车间复工率为85%，吸纳贫困劳动力3.2万人。",
    },
]


#: A later article: one more outlet for Gansu's workshop count, and a new statistic.
LATER_ARTICLE = {
    "canonical_url": "http://workers.example/2020/07/05/gansu.html",
    "source": "workers.example",
    "title": "甘肃扶贫车间吸纳就业",
    "published": "2020-07-05",
    "language": "zh",
    "text": "截至6月30日，甘肃省扶贫车间1982个，吸纳就业5.6万人。",
}


def _fact(article: dict[str, Any], number: str, metric: str, value: float, province: str, as_of: str,
          unit: str = "count", occurrence: int = 0) -> dict[str, Any]:  # fmt: skip
    text = article["text"]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(number, start + 1)
    end = start + len(number)
    return {
        "metric": metric,
        "region": {"name": province, "province": province, "level": "province", "adcode": None},
        "value": value,
        "unit": unit,
        "bound": "exact",
        "as_of": as_of,
        "evidence": {"sentence": text, "start": start, "end": end},
        "url": article["canonical_url"],
        "source": article["source"],
        "published": article["published"],
        "language": article["language"],
    }


def facts_for(index: int, article: dict[str, Any]) -> list[dict[str, Any]]:
    if index == 0:
        return [
            _fact(article, "1982", "workshops", 1982, "Gansu", "2020-06-30"),
            _fact(article, "98.6", "workshop_resumption_rate", 98.6, "Gansu", "2020-06-30", unit="percent"),
            _fact(article, "1200", "workshops", 1200, "Hubei", "2020-06-30"),
        ]
    if index == 1:
        return [
            _fact(article, "1,982", "workshops", 1982, "Gansu", "2020-06-30"),
            _fact(article, "12,000", "workshops", 12000, "Hubei", "2020-06-30"),
        ]
    if index == 3:
        return [
            _fact(article, "1982", "workshops", 1982, "Gansu", "2020-06-30"),
            _fact(article, "5.6万", "workers_employed", 56000, "Gansu", "2020-06-30"),
        ]
    return [
        _fact(article, "85", "workshop_resumption_rate", 85, "Guizhou", "2020-03-14", unit="percent"),
        _fact(article, "3.2万", "poor_workers_employed", 32000, "Guizhou", "2020-03-14"),
    ]


def add_articles(
    store: Store, articles: list[dict[str, Any]], offset: int = 0, version: str = EXTRACTOR
) -> list[str]:
    """Store articles and their facts (as an extraction run would); returns the article ids."""
    ids = []
    for i, article in enumerate(articles):
        article_id, _ = store.add_article(article)
        facts = [{**f, "article_id": article_id} for f in facts_for(i + offset, article)]
        store.add_facts(article_id, facts, version, officials=[
            {"article_id": article_id, "name": f"官员{i}", "title": "主任", "organization": "扶贫办",
             "province": facts[0]["region"]["province"], "role": "official", "quote_kind": "indirect",
             "quote": None, "evidence": {"start": 0, "end": 2}},
        ])  # fmt: skip
        ids.append(article_id)
    return ids


def group(group_id: str, metric: str, province: str, as_of: str, value: float, status: str,
          members: list[tuple[str, str, str, float]]) -> dict[str, Any]:  # fmt: skip
    """A reconciled record; members are (fact_id, article_id, source, value)."""
    return {
        "group_id": group_id,
        "metric": metric,
        "scope": None,
        "period": None,
        "region": {"name": province, "province": province, "level": "province", "adcode": None},
        "as_of": as_of,
        "value": value,
        "bound": "exact",
        "status": status,
        "members": [
            {
                "fact_id": f,
                "article_id": a,
                "source": s,
                "url": None,
                "value": v,
                "bound": "exact",
                "agrees": v == value,
            }
            for f, a, s, v in members
        ],  # fmt: skip
        "flags": [],
        "explanation": "test group",
    }


def hand_groups(store: Store) -> list[dict[str, Any]]:
    """Reconciled groups written by hand over the stored facts (one per metric/province/date)."""
    facts = store.fact_records()
    by_key: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for fact in facts:
        by_key.setdefault((fact["metric"], fact["region"]["province"], fact["as_of"]), []).append(fact)
    groups = []
    for (metric, province, as_of), members in sorted(by_key.items()):
        values = {m["value"] for m in members}
        status = "single" if len(members) == 1 else ("agreed" if len(values) == 1 else "conflict")
        groups.append(
            group(
                f"g-{metric}-{province}-{as_of}",
                metric,
                province,
                as_of,
                min(values),
                status,
                [(m["fact_id"], m["article_id"], m["source"], m["value"]) for m in members],
            )
        )
    return groups


def build_store(home: Path) -> Path:
    """The hand-made store: three articles, seven facts, three officials, five reconciled groups."""
    with Store.open(home) as store:
        add_articles(store, ARTICLES)
        store.replace_reconciled(hand_groups(store))
    return home


def open_for_writing(home: Path, wait: float = 10.0) -> Store:
    """Open the store for writing, waiting while a server request still holds a read connection.

    DuckDB lets one process write only when no other connection (in any process)
    reads; a server request closes its connection just after its response is sent.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            return Store.open(home)
        except StoreError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(app: Any) -> Iterator[httpx.Client]:
    """Run an ASGI app with uvicorn on a free port of 127.0.0.1; yields a client on it."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def all_pages(client: httpx.Client, path: str, params: dict[str, Any] | list | None = None) -> tuple[
    list[dict[str, Any]], str | None
]:  # fmt: skip
    """Every item of a listing, following next_cursor; returns (items, next_since of the last page)."""
    items: list[dict[str, Any]] = []
    params = list((params or {}).items()) if isinstance(params, dict) else list(params or [])
    cursor = None
    for _ in range(1000):
        query = params + ([("cursor", cursor)] if cursor else [])
        response = client.get(path, params=query)
        response.raise_for_status()
        body = response.json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return items, body["next_since"]
    raise AssertionError("pagination did not end")


def check_json_feed(feed: dict) -> None:
    """JSON Feed 1.1 validity: the schema, RFC 3339 dates, unique item ids."""
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def _rfc3339(value: object) -> bool:
        text = str(value)
        assert "T" in text and (text.endswith("Z") or text[-6] in "+-"), text
        datetime.fromisoformat(text.replace("Z", "+00:00"))
        return True

    jsonschema.Draft202012Validator(jsonfeed.SCHEMA, format_checker=checker).validate(feed)
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids))


def command(module: Any, *argv: str) -> Any:
    """Parse ``argv`` with the parser that a ``fupin.commands`` module registers; returns the args."""
    import argparse

    parser = argparse.ArgumentParser(prog="fupin")
    module.register(parser.add_subparsers())
    return parser.parse_args(list(argv))
