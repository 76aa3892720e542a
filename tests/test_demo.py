"""The demo site crawled end to end: stored fields, encodings, reprints, robots.txt, incremental runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fupin.corpus.store import Store
from fupin.crawler.encoding import decode_body
from fupin.crawler.run import run_crawl
from fupin.crawler.warc import read_response
from fupin.demo import DEMO_SETTINGS, write_demo_sources
from fupin.demo.content import DISALLOWED, PEOPLE, DemoArticle
from fupin.demo.server import Page, SiteServer
from fupin.demo.site import build_site, people_page


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """The demo site served for the whole module, crawled once into a fresh store."""
    home = tmp_path_factory.mktemp("demo-home")
    server = SiteServer({})
    server.routes = build_site(server.url)
    with server:
        sources = write_demo_sources(home, server.url)
        summary = run_crawl(sources, home, settings=DEMO_SETTINGS, in_process=False)
        first_run = list(server.log)
        yield {"home": home, "server": server, "sources": sources, "summary": summary, "first": first_run}


def articles(home: Path) -> dict[str, dict]:
    with Store.open(home, read_only=True) as store:
        cur = store.connection.execute("SELECT * FROM articles")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        urls = store.connection.execute("SELECT url, article_id, source FROM article_urls").fetchall()
    by_path = {}
    for row in rows:
        row["urls"] = [(u, s) for u, a, s in urls if a == row["article_id"]]
        by_path[row["url"].split("127.0.0.1", 1)[1].split("/", 1)[1]] = row
    return by_path


def test_demo_summary(demo: dict) -> None:
    s = demo["summary"]
    assert s.finish_reason == "finished"
    assert (s.articles_kept, s.duplicates, s.off_topic, s.robots_forbidden) == (8, 1, 1, 1)
    assert s.errors == {}


def test_stored_fields_are_right(demo: dict) -> None:
    stored = articles(demo["home"])
    gansu = stored[PEOPLE[0].path.lstrip("/")]
    assert gansu["title"] == "甘肃：全省扶贫车间复工率达95.2%"
    assert (
        gansu["published"] == "2020-03-26" and gansu["language"] == "zh" and gansu["source"] == "people.demo"
    )
    assert "截至3月25日，甘肃省已建成扶贫车间1890个" in gansu["text"]
    assert "人民网版权所有" not in gansu["text"] and "相关新闻" not in gansu["text"]
    # header says utf-8, meta says gb2312, bytes are GBK with a character GB2312 lacks
    xiangxi = stored[PEOPLE[1].path.lstrip("/")]
    assert (
        "龙志堃" in xiangxi["text"] and "\ufffd" not in xiangxi["text"] and xiangxi["encoding"] == "gb18030"
    )
    english = [a for a in stored.values() if a["source"] == "chinadaily.demo"]
    assert {a["language"] for a in english} == {"en"} and {a["published"] for a in english} == {
        "2020-03-27",
        "2020-04-20",
        "2020-05-06",
    }
    for row in stored.values():
        assert row["content_hash"] and row["simhash"] is not None and row["fetched_at"] is not None


def test_reprint_is_one_article_with_both_outlets(demo: dict) -> None:
    stored = articles(demo["home"])
    guizhou = [a for a in stored.values() if a["title"] == "贵州：贫困劳动力外出务工人数超过去年同期"]
    assert len(guizhou) == 1
    assert {s for _, s in guizhou[0]["urls"]} == {"people.demo", "xinhuanet.demo"}


def test_robots_tracking_variants_and_off_topic(demo: dict) -> None:
    paths = [r.path for r in demo["first"]]
    assert "/robots.txt" in paths
    assert DISALLOWED.path not in paths  # in the sitemap, but robots.txt forbids it
    assert not [p for p in paths if "utm_source" in p]  # the same story with a tracking parameter
    assert len([p for p in paths if p.startswith("/people/n1/")]) == len(PEOPLE)  # each article once
    assert all("植树" not in a["title"] for a in articles(demo["home"]).values())


def test_warc_pointer_gives_back_the_raw_page(demo: dict) -> None:
    row = articles(demo["home"])[PEOPLE[1].path.lstrip("/")]
    raw = read_response(demo["home"], row["warc_file"], row["warc_offset"])
    assert raw.url == row["url"] and raw.status == 200
    assert raw.body == demo["server"].routes[PEOPLE[1].path].body
    assert "龙志堃" in decode_body(raw.body, dict(raw.headers).get("Content-Type"))[0]


def test_second_run_fetches_only_new_pages(demo: dict) -> None:
    server, home = demo["server"], demo["home"]
    before = len(server.log)
    again = run_crawl(demo["sources"], home, settings=DEMO_SETTINGS, in_process=False)
    second = server.log[before:]
    assert again.articles_kept == 0 and again.finish_reason == "finished"
    assert not [r for r in second if "/n1/" in r.path or "/a/" in r.path or "/c_" in r.path]
    lists = [r for r in second if r.path in ("/people/index.html", "/sitemap.xml", "/chinadaily/rss.xml")]
    assert lists and all("If-None-Match" in r.headers for r in lists) and {r.status for r in lists} == {304}

    new = DemoArticle(
        "people",
        "/people/n1/2020/0510/c1001-31700001.html",
        "宁夏：扶贫车间吸纳贫困劳动力1.1万人",
        "2020-05-10",
        (
            "人民网银川5月10日电 截至5月9日，宁夏回族自治区312个扶贫车间全部复工，"
            "吸纳贫困劳动力1.1万人就业，人均月收入1800元。",
        ),
        encoding="gbk",
    )
    server.routes[new.path] = people_page(new)
    listing = server.routes["/people/index.html"]
    link = f'<li><a href="{new.path}">{new.title}</a></li>'.encode("gbk")
    server.routes["/people/index.html"] = Page(
        listing.body.replace(b"<ul>", b"<ul>" + link, 1), headers=listing.headers
    )
    before = len(server.log)
    third = run_crawl(demo["sources"], home, settings=DEMO_SETTINGS, in_process=False)
    fetched_articles = [r.path for r in server.log[before:] if "/n1/" in r.path]
    assert fetched_articles == [new.path] and third.articles_kept == 1
    assert new.path.lstrip("/") in articles(home)


DEMO_COMMAND = """
import argparse, sys
from fupin.commands import demo
parser = argparse.ArgumentParser(prog="fupin")
demo.register(parser.add_subparsers())
args = parser.parse_args(sys.argv[1:])
sys.exit(args.func(args))
"""


def test_fupin_demo_command(tmp_path: Path) -> None:
    """The ``demo`` subcommand module (run the way fupin.cli runs it)."""
    proc = subprocess.run(
        [sys.executable, "-c", DEMO_COMMAND, "demo", "--home", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "articles kept     8" in proc.stdout
    with Store.open(tmp_path / "d", read_only=True) as store:
        assert store.count("articles") == 8
        runs = store.runs()
    assert runs[-1]["kind"] == "crawl" and json.dumps(runs[-1]["counts"])
