"""The crawler's speed work changes nothing it stores: the portal fixtures and the demo site, field by field.

Each site is crawled into a fresh store and the store is read back as a snapshot:
every article (title, dates and ``published_source``, text, language, hashes,
simhash, MinHash signature and band keys, ``duplicate_of``), every URL with its
article and reprint similarity, and every archived WARC response (status, headers
but the server's ``Date``, body digest). URLs lose the server's random port.

The snapshots in tests/data/crawl_identity were recorded by this file from the crawler
as it was before the crawl speed work of issue 15 (commit 50a40dc: a process pool for
page analysis, Scrapy's disk queue for every request, the store's IN-list band
lookups), so a speed change that alters anything stored fails here with the field
named. Which of two copies of a story is stored as the article depends on which
answer came first, so the exact comparison crawls one request at a time, with the
page analysis in a worker process (as ``fupin crawl`` runs it) and inline
(``FUPIN_EXTRACT_WORKERS=0``, the path the profiler sees). A third crawl at full
concurrency is compared on what does not depend on that order: every article stored
in both is the same field by field, and the stories (the URLs of each article, with
their similarities) are the same.

To record again after a deliberate change of what the crawler stores:
``FUPIN_RECORD_CRAWL_IDENTITY=1 .venv/bin/python -m pytest tests/test_crawl_output_identity.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from portal_support import PORTAL_SETTINGS, sources_toml
from portal_support import build_site as build_portals

from fupin.corpus.store import Store
from fupin.crawler.run import run_crawl
from fupin.crawler.warc import read_response
from fupin.demo import DEMO_SETTINGS, write_demo_sources
from fupin.demo.server import SiteServer
from fupin.demo.site import build_site as build_demo

RECORDED = Path(__file__).parent / "data" / "crawl_identity"
RECORD = os.environ.get("FUPIN_RECORD_CRAWL_IDENTITY") == "1"
ONE_AT_A_TIME = {"CONCURRENT_REQUESTS": 1, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}
#: how each crawl runs: analysis in a worker process or inline, one request at a time or concurrently
MODES = {
    "worker": {"FUPIN_EXTRACT_WORKERS": 1, **ONE_AT_A_TIME},
    "inline": {"FUPIN_EXTRACT_WORKERS": 0, **ONE_AT_A_TIME},
    "concurrent": {
        "FUPIN_EXTRACT_WORKERS": 1,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    },
}


def _crawl_portals(tmp: Path, settings: dict[str, Any]) -> dict[str, Any]:
    with SiteServer(build_portals()) as server:
        en = {"user_agent": "identity-test/1.0", "download_delay": 0.05, "concurrency": 1}
        sources = sources_toml(server.url, tmp / "sources.toml", en=en)
        run_crawl(sources, tmp / "home", settings={**PORTAL_SETTINGS, **settings}, in_process=False)
        return snapshot(tmp / "home", server.url)


def _crawl_demo(tmp: Path, settings: dict[str, Any]) -> dict[str, Any]:
    server = SiteServer({})
    server.routes = build_demo(server.url)
    with server:
        sources = write_demo_sources(tmp / "home", server.url)
        run_crawl(sources, tmp / "home", settings={**DEMO_SETTINGS, **settings}, in_process=False)
        return snapshot(tmp / "home", server.url)


SITES = {"portals": _crawl_portals, "demo": _crawl_demo}


def snapshot(home: Path, base: str) -> dict[str, Any]:
    """What the store at ``home`` holds, without what differs between runs (times, the port)."""
    with Store.open(home, read_only=True) as store:
        con = store.connection
        cur = con.execute(
            "SELECT a.*, m.signature FROM articles a LEFT JOIN article_minhash m USING (article_id)"
        )
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        bands: dict[str, list[int]] = {}
        for key, article_id in con.execute("SELECT band_key, article_id FROM minhash_bands").fetchall():
            bands.setdefault(article_id, []).append(key)
        urls = con.execute("SELECT url, article_id, source, similarity FROM article_urls").fetchall()
    ids = {row["article_id"]: _local(row["canonical_url"], base) for row in rows}
    articles = {}
    for row in rows:
        archived = read_response(home, row["warc_file"], row["warc_offset"])
        articles[ids[row["article_id"]]] = {
            "url": _local(row["url"], base),
            "source": row["source"],
            "title": row["title"],
            "published": row["published"],
            "published_source": row["published_source"],
            "language": row["language"],
            "text": row["text"],
            "content_hash": row["content_hash"],
            "simhash": str(row["simhash"]),
            "encoding": row["encoding"],
            "http_status": row["http_status"],
            "etag": row["etag"],
            "last_modified": row["last_modified"],
            "duplicate_of": ids.get(row["duplicate_of"], row["duplicate_of"]),
            "minhash": hashlib.sha1(row["signature"] or b"").hexdigest(),
            "bands": sorted(bands.get(row["article_id"], [])),
            "warc": {
                "url": _local(archived.url, base),
                "status": archived.status,
                "headers": [[k, v] for k, v in archived.headers if k.lower() != "date"],
                "body_sha1": hashlib.sha1(archived.body).hexdigest(),
            },
        }
    links = sorted(
        [_local(url, base), ids[article_id], source, similarity]
        for url, article_id, source, similarity in urls
    )
    return {"articles": dict(sorted(articles.items())), "urls": links}


def _local(url: str | None, base: str) -> str | None:
    return url.replace(base, "BASE") if url else url


def stories(snap: dict[str, Any]) -> list[list[Any]]:
    """Each story: its URLs and sources, and its copies' similarities (whichever copy is the article)."""
    groups: dict[str, list[Any]] = {}
    for url, article, source, similarity in snap["urls"]:
        groups.setdefault(article, []).append(([url, source], -1.0 if similarity is None else similarity))
    return sorted([sorted(u for u, _ in group), sorted(s for _, s in group)] for group in groups.values())


def _differences(got: dict[str, Any], want: dict[str, Any], exact: bool = True) -> list[str]:
    """Field-by-field differences, each naming the article and field.

    Not ``exact``: only the articles stored in both are compared, and the stories as groups of URLs.
    """
    found = []
    for url in sorted(set(got["articles"]) | set(want["articles"])):
        a, b = got["articles"].get(url), want["articles"].get(url)
        if a is None or b is None:
            if exact:
                found.append(f"{url}: {'missing' if a is None else 'not recorded'}")
            continue
        found += [f"{url}: {k}: {a.get(k)!r} != recorded {b.get(k)!r}" for k in sorted(b) if a.get(k) != b[k]]
    if not exact:
        if stories(got) != stories(want):
            found.append(f"stories differ: {stories(got)} != recorded {stories(want)}")
        return found
    if got["urls"] != want["urls"]:
        extra = [u for u in got["urls"] if u not in want["urls"]]
        lost = [u for u in want["urls"] if u not in got["urls"]]
        found.append(f"article_urls differ: new {extra[:5]}, lost {lost[:5]}")
    return found


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("site", sorted(SITES))
def test_crawl_stores_what_was_recorded(tmp_path: Path, site: str, mode: str) -> None:
    got = SITES[site](tmp_path, MODES[mode])
    path = RECORDED / f"{site}.json"
    if RECORD and mode == "worker":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got["articles"], "the crawl stored nothing"
    problems = _differences(got, want, exact=mode != "concurrent")
    assert not problems, "\n".join(problems[:20])
