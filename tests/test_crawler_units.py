"""Crawler building blocks: sources file, encodings, URLs, dates, fingerprints, WARC, trap guard."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy import Request
from scrapy.utils.test import get_crawler

from fupin.corpus.dedup import THRESHOLD, similarity, sketch
from fupin.crawler import settings as crawler_settings
from fupin.crawler.article import (
    canonical_url,
    content_hash,
    extract_page,
    find_published,
    fingerprint_text,
    parse_html,
    url_date,
)
from fupin.crawler.boilerplate import clean_title, is_furniture
from fupin.crawler.encoding import decode_body
from fupin.crawler.middlewares import HOPS, KIND, SOURCE, TrapGuardMiddleware
from fupin.crawler.sources import SourcesError, load_sources
from fupin.crawler.warc import WarcArchive, read_response

ROOT = Path(__file__).parent.parent
GOOD = """
[defaults]
keywords = ["扶贫车间"]

[[source]]
name = "a"
start_urls = ["http://a.example.cn/list/index.html"]
article_pattern = '/n1/\\d+\\.html$'
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_sources_file_is_valid() -> None:
    sources = load_sources(ROOT / "sources.toml")
    names = {s.name for s in sources}
    assert {"people.com.cn", "xinhuanet.com", "gov.cn", "chinadaily.com.cn", "chinanews.com"} <= names
    assert all(s.keywords and s.article_pattern for s in sources)


def test_sources_defaults_and_domains(tmp_path: Path) -> None:
    (source,) = load_sources(write(tmp_path, GOOD))
    assert source.keywords == ("扶贫车间",)
    assert source.allowed_domains == ("a.example.cn",)
    assert source.is_article("http://a.example.cn/n1/12.html")
    assert not source.is_article("http://b.example.cn/n1/12.html")
    assert source.on_topic("甘肃扶贫车间复工", None) and not source.on_topic("植树节")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (('name = "a"', 'name = ""'), "source[0].name"),
        (("'/n1/\\d+\\.html$'", "'/n1/(\\d+\\.html$'"), "source[0].article_pattern"),
        (("http://a.example.cn/list/index.html", "ftp://x"), "source[0].start_urls[0]"),
        (('name = "a"', 'name = "a"\ndepth = 3'), "source[0]: unknown key"),
        (('name = "a"', 'name = "a"\ndepth_limit = -1'), "source[0].depth_limit"),
        (('keywords = ["扶贫车间"]', 'keywords = "扶贫车间"'), "defaults.keywords"),
    ],
)
def test_sources_errors_name_file_and_key(tmp_path: Path, change: tuple[str, str], where: str) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(SourcesError) as err:
        load_sources(path)
    assert str(path) in str(err.value) and where in str(err.value)


def test_per_source_politeness(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    polite = 'download_delay = 1.5\nconcurrency = 2\nuser_agent = "polite-bot/1"\n'
    path.write_text(GOOD + polite, encoding="utf-8")
    (source,) = load_sources(path)
    assert source.polite_slot and source.slot_settings() == {"delay": 1.5, "concurrency": 2}
    assert source.user_agent == "polite-bot/1"
    path.write_text(GOOD + "download_delay = -1\n", encoding="utf-8")
    with pytest.raises(SourcesError, match=r"s.toml: source\[0\].download_delay: must be a number of"):
        load_sources(path)


def test_traditional_pages_match_simplified_keywords(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(GOOD, encoding="utf-8")
    (source,) = load_sources(path)
    assert source.on_topic("甘肅省扶貧車間復工") and not source.on_topic("甘肅省旅遊節開幕")


def test_sources_not_toml(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="not valid TOML"):
        load_sources(write(tmp_path, "[[source]\nname="))


GBK_PAGE = (
    '<html><head><meta charset="gb2312"><title>湘西</title></head>'
    "<body><p>湘西州人社局局长龙志堃介绍，扶贫车间复工率95.4%。</p></body></html>"
)


@pytest.mark.parametrize(
    ("body", "header", "expected"),
    [
        (GBK_PAGE.encode("gbk"), "text/html; charset=utf-8", "gb18030"),  # header lies, meta says gb2312
        (GBK_PAGE.encode("gbk"), "text/html; charset=ISO-8859-1", "gb18030"),
        (GBK_PAGE.encode("gbk"), None, "gb18030"),
        (GBK_PAGE.replace("gb2312", "utf-8").encode("utf-8"), "text/html; charset=GBK", "utf-8"),
    ],
)
def test_decode_body_when_header_and_meta_disagree(body: bytes, header: str | None, expected: str) -> None:
    text, codec = decode_body(body, header)
    assert codec == expected
    assert "龙志堃" in text and "\ufffd" not in text


def test_canonical_url_drops_tracking_and_index() -> None:
    base = "http://www.people.com.cn/n1/2020/0326/c1001-31648821.html"
    assert canonical_url(base + "?utm_source=weibo&utm_medium=x#comments") == base
    assert canonical_url("http://WWW.Example.cn/news/index.html") == canonical_url(
        "http://www.example.cn/news/"
    )


def test_dates_from_meta_url_and_no_fallback() -> None:
    assert url_date("http://x.cn/n1/2020/0326/c1001-1.html") == "2020-03-26"
    assert url_date("http://x.cn/politics/2020-04/15/c_1.htm") == "2020-04-15"
    assert url_date("http://rst.x.gov.cn/202004/t20200408_1.html") == "2020-04-08"
    meta = '<html><head><meta name="publishdate" content="2020-03-26"></head><body><p>x</p></body></html>'
    assert find_published(parse_html(meta), "http://x.cn/a.html", None) == ("2020-03-26", "meta")
    nodate = "<html><head><title>扶贫</title></head><body><p>" + "扶贫车间复工。" * 30 + "</p></body></html>"
    assert find_published(parse_html(nodate), "http://x.cn/a.html", None) == (None, None)


STORY = "<p>" + "甘肃省扶贫车间复工率达到90.2%，吸纳贫困劳动力2.1万人，车间负责人介绍了订单情况。" * 2
STORY += "</p>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # the line under the headline, and nothing else, dates a Chinese page
        (
            f"<h1>扶贫车间复工</h1><div>2018年12月05日 来源:新华社</div>{STORY}<ul><li>2019-01-01</li></ul>",
            ("2018-12-05", "dateline"),
        ),
        # a date in a related list or a comment after the story is not the page's
        (
            f"<h1>扶贫车间复工</h1><div>来源:新华社</div>{STORY}<div>相关新闻 2019-01-01</div>"
            "<div class='comment'>2021-03-03 12:00 网友</div>",
            (None, None),
        ),
        # an update line is not the publication
        (
            "<h1>Workshops reopen</h1><p>Updated: May 2, 2020 | Published: April 1, 2020</p>"
            "<p>" + "Poverty alleviation workshops in Gansu reopened on Monday. " * 3 + "</p>",
            ("2020-04-01", "dateline"),
        ),
        # copyright lines are never dates
        (
            "<h1>Workshops reopen</h1><p>" + "Poverty alleviation workshops reopened. " * 3 + "</p>"
            "<footer>Copyright 1995 - 2020</footer>",
            (None, None),
        ),
        # JSON-LD's datePublished, not dateModified
        (
            '<script type="application/ld+json">{"@graph": [{"dateModified": "2021-01-01", '
            f'"datePublished": "2020-02-03T08:00:00+08:00"}}]}}</script><h1>扶贫车间复工</h1>{STORY}',
            ("2020-02-03", "jsonld"),
        ),
    ],
)
def test_dates_read_as_people_read_a_page(html: str, expected: tuple[str | None, str | None]) -> None:
    page = f"<html><head><title>扶贫车间复工</title></head><body>{html}</body></html>"
    assert find_published(parse_html(page), "http://x.cn/a.html", "扶贫车间复工") == expected


def test_url_date_when_the_page_says_nothing() -> None:
    page = f"<html><body><h1>扶贫车间复工</h1>{STORY}</body></html>"
    found = find_published(parse_html(page), "http://x.cn/n1/2020/0326/c1-1.html", None)
    assert found == ("2020-03-26", "url")


@pytest.mark.parametrize(
    ("raw", "headlines", "expected"),
    [
        ("扶贫车间复工--某某县人民政府", [], "扶贫车间复工"),
        ("扶贫车间复工 - 新华网", ["扶贫车间复工"], "扶贫车间复工"),
        ("Workshops reopen | China Daily", [], "Workshops reopen"),
        ("扶贫车间复工_地方_示例网", [], "扶贫车间复工"),
        ("“扶贫车间”助力精准脱贫", [], "“扶贫车间”助力精准脱贫"),
    ],
)
def test_titles_lose_site_names(raw: str, headlines: list[str], expected: str) -> None:
    assert clean_title(raw, headlines) == expected


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("当前位置：首页 >> 工作动态 >> 正文", True),
        ("2020年04月01日 来源:县人社局 作者:王伟 点击:1855", True),
        ("陇ICP备05000123号 政府网站标识码：6200000001", True),
        ("【打印本页】【关闭窗口】", True),
        ("据县人社局介绍，全县已建成扶贫车间57个，来源于各乡镇的贫困劳动力2103人在家门口就业。", False),
        ("2020年4月1日，甘肃省扶贫车间全面复工。", False),
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def test_extract_page_main_text_without_boilerplate() -> None:
    html = (
        "<html><head><title>扶贫车间复工</title></head><body><div class='nav'><a href='/'>首页</a>"
        "<a href='/a'>时政</a></div><article><h1>扶贫车间复工</h1>"
        + "".join(
            f"<p>甘肃省扶贫车间复工率达到9{i}.2%，吸纳贫困劳动力2.{i}万人，车间负责人介绍了订单情况。</p>"
            for i in range(5)
        )
        + "</article><div class='footer'>版权所有 人民网</div></body></html>"
    )
    page = extract_page(html, "http://x.cn/n1/2020/0326/c1-1.html")
    assert page is not None
    assert page.title == "扶贫车间复工" and page.language == "zh" and page.published == "2020-03-26"
    assert "复工率达到90.2%" in page.text and "版权所有" not in page.text and "首页" not in page.text


def test_reprint_fingerprints_match_and_others_differ() -> None:
    body = "\n".join(
        f"新华社贵阳3月31日电 贵州省已有贫困劳动力外出务工19{i}.3万人，"
        "全省2238个扶贫车间已复工2107个，复工率94.1%。"
        for i in range(4)
    )
    original = "2020-03-31 10:25 来源：新华网\n" + body + "\n责任编辑：赵文"
    reprint = (
        "贵州：外出务工人数超过去年\n2020年04月01日 来源：人民网\n"
        + body
        + "\n（来源：新华网）\n(责编：王晓)"
    )
    other = "\n".join(
        f"北京市今年计划新增造林绿化面积1{i}万亩，将采取预约、错峰等方式组织市民参加义务植树活动。"
        for i in range(4)
    )
    a, b, c = (fingerprint_text(t) for t in (original, reprint, other))
    assert content_hash(a) == content_hash(b)
    (sa, _), (sb, _), (sc, _) = (sketch(t) for t in (original + "\n点击:1855", reprint, other))
    assert similarity(sa, sb) >= THRESHOLD > similarity(sa, sc)


def test_warc_round_trip(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path)
    body = GBK_PAGE.encode("gbk")
    first = archive.write_response("http://a.cn/1.html", 200, [("Content-Type", "text/html")], b"first")
    second = archive.write_response(
        "http://a.cn/2.html",
        200,
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
        body,
    )
    archive.close()
    assert second.offset == first.offset + first.length and first.file == second.file
    got = read_response(tmp_path, second.file, second.offset)
    assert got.url == "http://a.cn/2.html" and got.status == 200 and got.body == body
    assert ("Content-Encoding", "gzip") not in got.headers  # the body is stored decoded
    assert decode_body(got.body, dict(got.headers)["Content-Type"])[0].count("龙志堃") == 1


def test_trap_guard_caps_calendars_patterns_and_silly_urls() -> None:
    crawler = get_crawler(settings_dict={"FUPIN_MAX_CALENDAR_PAGES": 5})
    guard = TrapGuardMiddleware(crawler)

    def req(url: str, kind: str = "list") -> Request:
        return Request(url, meta={KIND: kind, SOURCE: "s", HOPS: 1})

    calendar = [guard.trap_reason(req(f"http://a.cn/events?date=2020-01-{d:02d}")) for d in range(1, 12)]
    assert calendar[:5] == [None] * 5 and set(calendar[5:]) == {"calendar"}
    pages = [guard.trap_reason(req(f"http://a.cn/list/index_{n}.html")) for n in range(1, 260)]
    assert pages.count(None) == 200 and pages[-1] == "pattern_cap"
    assert guard.trap_reason(req("http://a.cn/a/b/a/b/a/b/a.html", "article")) == "repeated_segment"
    assert guard.trap_reason(req("http://a.cn/" + "x" * 600, "article")) == "url_too_long"
    assert guard.trap_reason(req("http://a.cn/n1/2020/0326/c1-1.html", "article")) is None


class _QueueSpider(scrapy.Spider):
    name = "queue"

    def parse(self, response: object) -> None:
        """A callback the disk queue can name."""


def _scheduler(cls: type, jobdir: Path, queues: dict[str, str]) -> tuple[object, scrapy.Spider]:
    settings = {
        "JOBDIR": str(jobdir),
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
        **queues,
    }
    crawler = get_crawler(_QueueSpider, settings)
    spider = _QueueSpider()
    crawler.spider = spider
    scheduler = cls.from_crawler(crawler)
    scheduler.open(spider)
    return scheduler, spider


def _run_and_stop(cls: type, jobdir: Path, queues: dict[str, str]) -> tuple[list[str], list[str]]:
    """Schedule requests of three priorities, send some, stop; then the URLs sent after resuming."""
    scheduler, spider = _scheduler(cls, jobdir, queues)
    for i in range(30):
        scheduler.enqueue_request(Request(f"http://x.cn/{i}", callback=spider.parse, priority=i % 3))
    sent = [scheduler.next_request().url for _ in range(7)]
    scheduler.close("shutdown")
    resumed, _ = _scheduler(cls, jobdir, queues)
    for i in range(30, 35):  # a resumed crawl schedules more while its old queue is pending
        resumed.enqueue_request(Request(f"http://x.cn/{i}", callback=spider.parse, priority=1))
    later = []
    while (request := resumed.next_request()) is not None:
        later.append(request.url)
    resumed.close("finished")
    return sent, later


FIFO_QUEUES = {k: getattr(crawler_settings, k) for k in ("SCHEDULER_DISK_QUEUE", "SCHEDULER_MEMORY_QUEUE")}


@pytest.mark.parametrize("queues", [FIFO_QUEUES, {}], ids=["project-fifo", "scrapy-default-lifo"])
def test_spill_on_close_scheduler_resumes_the_queue_scrapy_would(tmp_path: Path, queues: dict) -> None:
    """Requests stay in memory during the crawl; a graceful stop writes them to JOBDIR in sending order."""
    from scrapy.core.scheduler import Scheduler

    from fupin.crawler.scheduler import SpillOnCloseScheduler

    ours = _run_and_stop(SpillOnCloseScheduler, tmp_path / "ours", queues)
    assert ours == _run_and_stop(Scheduler, tmp_path / "scrapy", queues)
    assert len(ours[0]) + len(ours[1]) == 35
    scheduler, spider = _scheduler(SpillOnCloseScheduler, tmp_path / "fresh", queues)
    scheduler.enqueue_request(Request("http://x.cn/a", callback=spider.parse))
    in_memory = queues == FIFO_QUEUES  # LIFO queues: Scrapy's way, each request on disk
    assert (len(scheduler.dqs), len(scheduler.mqs)) == ((0, 1) if in_memory else (1, 0))


def test_band_lookup_by_join_finds_the_rows_of_the_in_lists(tmp_path: Path) -> None:
    """A small store's batch lookup (a semi-join) returns what the IN lists of a large one return."""
    from fupin.corpus.dedup import LshIndex
    from fupin.corpus.store import Store

    rng = random.Random(5)
    chars = "扶贫车间复工工人收入元月年省县村企业订单就业劳动力建档立卡贫困户搬迁社区工厂产业"
    texts = ["".join(rng.choice(chars) for _ in range(300)) for _ in range(60)]
    with Store.open(tmp_path / "home") as store:
        store.add_articles([{"url": f"http://x.cn/{i}.html", "text": t} for i, t in enumerate(texts)])
        keys = [key for text in texts[::3] for key in sketch(text)[1]] + [1, 2, 3]
        found = []
        for stored in (60, None):  # a count: the join; none: the IN lists
            index = LshIndex(store.connection)
            index.prefetch(keys, stored_articles=stored)
            found.append({key: sorted(ids) for key, ids in index.stored.items()})
            found.append(dict(index.signatures))
    assert len(found[0]) >= 300 and found[0] == found[2]
    assert found[1].keys() == found[3].keys()


def test_lsh_shapes_are_the_ones_datasketch_picks() -> None:
    """The crawl reads the band shape from a table (no scipy import); datasketch agrees with every entry."""
    from fupin.corpus.dedup import LSH_SHAPES, datasketch_lsh_shape, lsh_shape

    for (threshold, num_perm, weights), shape in LSH_SHAPES.items():
        assert datasketch_lsh_shape(threshold, num_perm, weights) == shape
    assert lsh_shape() == (20, 6)


def test_extractor_options_are_those_bare_extraction_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The options reused across pages equal, slot by slot, the ones trafilatura builds from the keywords."""
    import trafilatura
    import trafilatura.core
    from trafilatura.settings import Extractor

    from fupin.crawler.article import _extractor_options, parse_html

    built: list[Extractor] = []

    class Recording(Extractor):
        __slots__ = ()

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            built.append(self)

    monkeypatch.setattr(trafilatura.core, "Extractor", Recording)
    url = "http://x.cn/a/1.html"
    tree = parse_html("<html><body><p>" + "扶贫车间复工。" * 30 + "</p></body></html>")
    trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True, deduplicate=False
    )
    ours = _extractor_options(url)
    assert ours is not _extractor_options(url)
    assert {k: getattr(ours, k) for k in Extractor.__slots__} == {
        k: getattr(built[0], k) for k in Extractor.__slots__
    }


def test_minhash_is_datasketchs_affine32_signature() -> None:
    """The signature computed without datasketch equals datasketch's, bit for bit, empty input included."""
    import zlib

    import numpy as np
    from datasketch import MinHash

    from fupin.corpus.dedup import _SCHEME, NUM_PERM, minhash, shingles

    rng = random.Random(11)
    chars = "扶贫车间复工工人收入元月年省县村企业订单就业劳动力建档立卡贫困户搬迁社区工厂产业"
    texts = ["", "扶贫", *("".join(rng.choice(chars) for _ in range(n)) for n in (40, 300, 3000))]
    for text in texts:
        hashes = [zlib.crc32(gram) for gram in shingles(text)]
        theirs = MinHash(num_perm=NUM_PERM, hashfunc=int, scheme=_SCHEME)
        theirs.update_batch(hashes)
        ours = minhash(hashes)
        assert ours.dtype == theirs.hashvalues.dtype and np.array_equal(ours, theirs.hashvalues)
