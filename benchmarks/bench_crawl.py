"""Crawl throughput: the full fupin crawl vs a bare Scrapy spider on the same local site.

Generates a site of list pages and distinct on-topic Chinese articles (>= 2,000
pages), serves it on 127.0.0.1, and crawls it twice in the same run:

1. bare: a plain Scrapy spider that follows the same links and only fetches;
2. full: ``fupin.crawler.run.run_crawl`` (decoding, trafilatura, dates, simhash,
   WARC, DuckDB store, trap guard, incremental checks).

Both use the same concurrency and no politeness delays; pages/s is pages fetched
over the crawl's own elapsed time (start-up excluded). Run on demand:

    .venv/bin/python benchmarks/bench_crawl.py [--articles 2000] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fupin.crawler.run import run_crawl
from fupin.demo.server import Page, SiteServer

PLACES = "甘肃 贵州 湖南 河南 陕西 云南 四川 广西 宁夏 青海 西藏 新疆 江西 安徽 湖北 山西 河北 重庆".split()
PER_LIST = 50  # 40 list pages for 2,000 articles: within the 50-hop depth limit

BARE_SPIDER = r"""
import json, sys, re, time
import scrapy
from scrapy.crawler import CrawlerProcess

class Bare(scrapy.Spider):
    name = "bare"
    start_urls = [sys.argv[1] + "/list/1.html"]
    def parse(self, response):
        if "/list/" in response.url:
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href, self.parse)

settings = {"LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": int(sys.argv[2]),
            "CONCURRENT_REQUESTS_PER_DOMAIN": int(sys.argv[2]), "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False, "TELNETCONSOLE_ENABLED": False, "REMOTE_CONTROL_ENABLED": False}
process = CrawlerProcess(settings)
crawler = process.create_crawler(Bare)
process.crawl(crawler)
process.start()
stats = crawler.stats.get_stats()
elapsed = (stats["finish_time"] - stats["start_time"]).total_seconds()
pages = stats.get("response_received_count", 0) - stats.get("robotstxt/request_count", 0)
print(json.dumps({"pages": pages, "elapsed": elapsed}))
"""


def article_html(n: int) -> str:
    paragraphs = []
    for i in range(8):
        place = PLACES[(n * 7 + i * 3) % len(PLACES)]
        value = (n * 131 + i * 977) % 9000 + 100
        paragraphs.append(
            f"<p>{place}省第{n}批第{i}号扶贫车间于{(n % 12) + 1}月{(i % 28) + 1}日复工，"
            f"现有工人{value}人，其中建档立卡贫困劳动力{value // 3}人，复工率{80 + (n + i) % 20}.{i}%。"
            f"负责人说，订单已排到{(n + i) % 12 + 1}月，人均月收入{1500 + value % 1000}元。</p>"
        )
    nav = "".join(f'<a href="/list/{k}.html">栏目{k}</a> ' for k in range(1, 6))
    return (
        f"<html><head><meta charset='utf-8'><title>扶贫车间报道{n}</title>"
        f"<meta name='publishdate' content='2020-{(n % 12) + 1:02d}-{(n % 28) + 1:02d}'></head>"
        f"<body><div class='nav'>{nav}</div><article><h1>扶贫车间报道{n}</h1>{''.join(paragraphs)}</article>"
        "<div class='footer'>版权所有 演示网站 | 关于我们 | 联系我们</div></body></html>"
    )


def build_site(n_articles: int) -> dict[str, Page]:
    routes: dict[str, Page] = {
        "/robots.txt": Page(b"User-agent: *\nDisallow:\n", headers={"Content-Type": "text/plain"})
    }
    n_lists = (n_articles + PER_LIST - 1) // PER_LIST
    for p in range(1, n_lists + 1):
        ids = range((p - 1) * PER_LIST, min(p * PER_LIST, n_articles))
        links = "".join(f'<li><a href="/a/{n}.html">扶贫车间报道{n}</a></li>' for n in ids)
        nxt = f'<a href="/list/{p + 1}.html">下一页</a>' if p < n_lists else ""
        routes[f"/list/{p}.html"] = Page.html(f"<html><body><ul>{links}</ul>{nxt}</body></html>")
    for n in range(n_articles):
        routes[f"/a/{n}.html"] = Page.html(article_html(n))
    return routes


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    routes = build_site(args.articles)
    n_pages = len(routes) - 1
    with SiteServer(routes) as server, tempfile.TemporaryDirectory() as tmp:
        print(f"site: {n_pages} pages ({args.articles} articles) at {server.url}")
        started = time.monotonic()
        script = Path(tmp) / "bare_spider.py"  # a file: Scrapy inspects callbacks' source
        script.write_text(BARE_SPIDER, encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(script), server.url, str(args.concurrency)],
            capture_output=True,
            text=True,
            check=True,
        )
        bare = json.loads(out.stdout.strip().splitlines()[-1])
        wall = time.monotonic() - started
        print(f"bare scrapy: {bare['pages']} pages in {bare['elapsed']:.1f} s (wall {wall:.1f} s)")
        sources = Path(tmp) / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "bench"\nstart_urls = ["{server.url}/list/1.html"]\n'
            f"allowed_domains = [\"127.0.0.1\"]\narticle_pattern = '/a/\\d+\\.html$'\n"
            f"follow_pattern = '/list/\\d+\\.html$'\ndepth_limit = 50\nmax_pages_per_pattern = 100000\n",
            encoding="utf-8",
        )
        settings = {
            "LOG_LEVEL": "WARNING",
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "CONCURRENT_REQUESTS": args.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
        }
        started = time.monotonic()
        full = run_crawl(sources, Path(tmp) / "home", settings=settings, in_process=False)
        print(
            f"full fupin:  {full.pages_fetched} pages in {full.elapsed_s:.1f} s "
            f"(wall {time.monotonic() - started:.1f} s), {full.articles_kept} articles kept, "
            f"{full.duplicates} duplicates"
        )
    bare_rate = bare["pages"] / bare["elapsed"]
    full_rate = full.pages_fetched / full.elapsed_s
    print(f"pages/s: bare {bare_rate:.0f}, full {full_rate:.0f}; full/bare = {full_rate / bare_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
