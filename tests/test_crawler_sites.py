"""Whole crawls against local sites: a hostile site, and kill-and-resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fupin.corpus.store import Store
from fupin.crawler.run import run_crawl
from fupin.demo.server import Page, SiteServer

FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_TIMEOUT": 2,
    "RETRY_TIMES": 1,
    "FUPIN_RETRY_BACKOFF_BASE": 0.1,
    "LOG_LEVEL": "WARNING",
}


PLACES = "甘肃 贵州 湖南 河南 陕西 云南 四川 广西 宁夏 青海 西藏 新疆 江西 安徽 湖北 山西".split()
VERBS = "复工 投产 开工 招工 扩产 转产".split()


def article(n: int | str) -> Page:
    """An on-topic article whose text differs from every other one (not a near-duplicate)."""
    seed = sum(ord(c) * (k + 7) for k, c in enumerate(str(n)))
    sentences = []
    for i in range(6):
        place, verb = PLACES[(seed + 5 * i) % len(PLACES)], VERBS[(seed + i) % len(VERBS)]
        value = (seed * 37 + i * 101) % 9000 + 100
        sentences.append(f"<p>{place}第{value}号扶贫车间{verb}，吸纳贫困劳动力{value // 3}人。</p>")
    title = f"扶贫车间报道{n}"
    head = f"<title>{title}</title><meta name='publishdate' content='2020-04-0{len(str(n))}'>"
    nav = "<div class='nav'><a href='/'>首页</a></div>"
    body = f"{nav}<article><h1>{title}</h1>{''.join(sentences)}</article>"
    return Page.html(f"<html><head>{head}</head><body>{body}</body></html>")


def sources_file(tmp_path: Path, base: str, article_pattern: str, follow: str, **extra: object) -> Path:
    lines = [
        "[[source]]",
        'name = "test"',
        f'start_urls = ["{base}/list.html"]',
        'allowed_domains = ["127.0.0.1"]',
        f"article_pattern = '{article_pattern}'",
        f"follow_pattern = '{follow}'",
        *(f"{k} = {json.dumps(v)}" for k, v in extra.items()),
    ]
    path = tmp_path / "sources.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored_urls(home: Path) -> list[str]:
    with Store.open(home, read_only=True) as store:
        return [r[0] for r in store.connection.execute("SELECT url FROM articles").fetchall()]


def hostile_routes(path: str) -> Page | None:
    links = ["good1", "good2", "good3", "err500", "slow", "loop", "huge", "malformed"]
    if path == "/list.html":
        items = "".join(f'<a href="/a/{n}.html">{n}</a> ' for n in links)
        items += '<a href="/cal/events?date=2020-01-01">calendar</a> <a href="/page/2.html">next</a>'
        return Page.html(f"<html><body>{items}</body></html>")
    if path.startswith("/a/good"):
        return article(path[7])
    if path == "/a/err500.html":
        return Page(b"oops", status=500, validators=False)
    if path == "/a/slow.html":
        return Page(article("slow").body, delay=4.0)
    if path == "/a/loop.html":
        return Page.redirect("/a/loop2.html")
    if path == "/a/loop2.html":
        return Page.redirect("/a/loop.html")
    if path == "/a/huge.html":
        return Page(b"<html><body>" + b"<p>x</p>" * (10 * 1024 * 1024 // 8) + b"</body></html>")
    if path == "/a/malformed.html":
        body = "<html><head><title>扶贫车间复工</title><body><div><p>" + "".join(
            f"甘肃第{i}批扶贫车间复工率达到9{i}%，吸纳贫困劳动力{i}万人。<p>" for i in range(8)
        )
        return Page.html(body + "<table><tr><td>未闭合<div></span></html")
    if path.startswith("/cal/events?date="):
        day = int(path.rsplit("-", 1)[1]) + 1  # an endless calendar: every day links the next
        return Page.html(
            f'<html><body><a href="/cal/events?date=2020-01-{day:02d}">next day</a></body></html>'
        )
    if path.startswith("/page/"):
        n = int(path.split("/")[2].split(".")[0]) + 1  # endless pagination
        return Page.html(f'<html><body><a href="/page/{n}.html">next</a></body></html>')
    return None


def test_hostile_site_does_not_stop_or_hang_the_crawl(tmp_path: Path) -> None:
    with SiteServer(hostile_routes) as server:
        sources = sources_file(
            tmp_path,
            server.url,
            r"/a/\w+\.html$",
            r"/(cal/events|page/\d+\.html)",
            max_pages_per_pattern=15,
            depth_limit=50,
        )
        settings = {**FAST, "FUPIN_MAX_CALENDAR_PAGES": 10, "DEPTH_LIMIT": 0}
        started = time.monotonic()
        summary = run_crawl(sources, tmp_path / "home", settings=settings, in_process=False)
        elapsed = time.monotonic() - started
        paths = server.paths()
    assert summary.finish_reason == "finished" and elapsed < 90
    stored = {u.rsplit("/", 1)[1] for u in stored_urls(tmp_path / "home")}
    assert stored == {"good1.html", "good2.html", "good3.html", "malformed.html"}
    assert {"http_500", "timeout", "redirect_loop", "too_large"} <= set(summary.errors), summary.errors
    assert len([p for p in paths if p.startswith("/cal/")]) <= 11
    assert len([p for p in paths if p.startswith("/page/")]) <= 16
    assert summary.trap_dropped.get("calendar") and summary.trap_dropped.get("pattern_cap")
    assert paths.count("/a/err500.html") == 2  # one retry, then given up


def paged_site(n_pages: int, per_page: int, delay: float) -> dict[str, Page]:
    routes: dict[str, Page] = {}
    for p in range(1, n_pages + 1):
        links = "".join(f'<a href="/a/{p}-{i}.html">{p}-{i}</a> ' for i in range(per_page))
        nxt = f'<a href="/list{p + 1}.html">next</a>' if p < n_pages else ""
        routes["/list.html" if p == 1 else f"/list{p}.html"] = Page.html(
            f"<html><body>{links}{nxt}</body></html>"
        )
        for i in range(per_page):
            page = article(f"{p}-{i}")
            page.delay = delay
            routes[f"/a/{p}-{i}.html"] = page
    return routes


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "interrupt"])
def test_killed_crawl_resumes_without_loss_or_duplicates(tmp_path: Path, sig: signal.Signals) -> None:
    home = tmp_path / "home"
    with SiteServer(paged_site(4, 12, delay=0.15)) as server:
        sources = sources_file(tmp_path, server.url, r"/a/\d+-\d+\.html$", r"/list\d*\.html$")
        # the store pipeline commits its queue every 0.3 s here: a kill loses at most that queue; pages
        # are analysed inline, so that articles are stored while the kill is still to come
        settings = {
            **FAST,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
            "FUPIN_STORE_FLUSH_S": 0.3,
            "FUPIN_EXTRACT_WORKERS": 0,
        }
        cmd = [sys.executable, "-m", "fupin.crawler.run", "--sources", str(sources), "--home", str(home)]
        proc = subprocess.Popen([*cmd, "--settings-json", json.dumps(settings)], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len([p for p in server.paths() if p.startswith("/a/")]) < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        # a batch is archived in WARC just before its commit: wait for one, and for its commit
        while not any(f.stat().st_size for f in home.glob("warc/*.warc.gz")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        os.kill(proc.pid, sig)
        proc.wait(timeout=60)
        first = set(stored_urls(home))
        assert 0 < len(first) < 48
        before = len(server.log)
        summary = run_crawl(sources, home, settings=settings, in_process=False)
        refetched = {server.url + r.path for r in server.log[before:] if r.path.startswith("/a/")}
    assert summary.finish_reason == "finished"
    final = stored_urls(home)
    assert len(final) == len(set(final)) == 48  # nothing lost, nothing twice
    assert not refetched & first  # what was stored is not fetched again
    with Store.open(home, read_only=True) as store:
        assert store.count("article_urls") == 48
