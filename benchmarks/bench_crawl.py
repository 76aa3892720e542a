"""Crawl throughput: the full fupin crawl vs a bare Scrapy spider on the same local site.

Generates a site of list pages and distinct on-topic Chinese articles (>= 2,000
pages), serves it on 127.0.0.1, and crawls it twice in the same run:

1. bare: a plain Scrapy spider that follows the same links and only fetches;
2. full: ``fupin.crawler.run.run_crawl`` (decoding, trafilatura, dates, simhash,
   WARC, DuckDB store, trap guard, incremental checks).

Both use the same concurrency and no politeness delays; pages/s is pages fetched
over the crawl's own elapsed time (start-up excluded). The two sides run
interleaved (bare, full, bare, full, ...) against the same server, each in a fresh
process and store, and the ratio of the medians is printed with every round's
figures: on a shared machine one round says little. ``--code DIR`` adds, in each
round, a full crawl by the fupin of another checkout (``git worktree add DIR REV``),
so before and after are measured against the same bare rounds. ``--profile FILE``
adds one full crawl under cProfile and prints where its time went. Run on demand:

    .venv/bin/python benchmarks/bench_crawl.py [--articles 2000] [--concurrency 16] [--rounds 5]
        [--code ../fupin-before] [--profile /tmp/crawl.prof]
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import statistics
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


#: where a profiled crawl spends its time: label -> functions whose cumulative time is that bucket
PROFILE_BUCKETS = {
    "store writes (add_articles: dedup + DuckDB)": ("corpus/store.py:add_articles",),
    "  LSH lookups (one query per batch)": ("corpus/dedup.py:prefetch",),
    "page analysis (fupin.crawler.offload.analyse)": ("crawler/offload.py:analyse",),
    "  main text (trafilatura)": ("trafilatura/core.py:bare_extraction",),
    "  dates, title, furniture": (
        "crawler/dates.py:find_published",
        "crawler/boilerplate.py:strip_furniture",
        "crawler/boilerplate.py:clean_title",
    ),
    "  MinHash signature and simhash": ("corpus/dedup.py:fingerprint",),
    "WARC": ("crawler/warc.py:write_response",),
    "link extraction": ("spiders/news.py:_html_links",),
}


def write_sources(path: Path, url: str) -> Path:
    path.write_text(
        f'[[source]]\nname = "bench"\nstart_urls = ["{url}/list/1.html"]\n'
        f"allowed_domains = [\"127.0.0.1\"]\narticle_pattern = '/a/\\d+\\.html$'\n"
        f"follow_pattern = '/list/\\d+\\.html$'\ndepth_limit = 50\nmax_pages_per_pattern = 100000\n",
        encoding="utf-8",
    )
    return path


def crawl_settings(concurrency: int) -> dict[str, object]:
    return {
        "LOG_LEVEL": "WARNING",
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
    }


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_round(script: Path, url: str, concurrency: int) -> tuple[float, float]:
    """Pages per second of the bare Scrapy spider (its own elapsed time) and CPU ms per page."""
    cpu = _cpu_of_children()
    out = subprocess.run(
        [sys.executable, str(script), url, str(concurrency)], capture_output=True, text=True, check=True
    )
    bare = json.loads(out.stdout.strip().splitlines()[-1])
    return bare["pages"] / bare["elapsed"], 1000 * (_cpu_of_children() - cpu) / bare["pages"]


def full_round(tmp: Path, sources: Path, concurrency: int, n: int) -> tuple[float, float]:
    """Pages per second of ``fupin crawl`` into a fresh store, and CPU ms per page (its workers included)."""
    cpu = _cpu_of_children()
    full = run_crawl(sources, tmp / f"home{n}", settings=crawl_settings(concurrency), in_process=False)
    return full.pages_fetched / full.elapsed_s, 1000 * (_cpu_of_children() - cpu) / full.pages_fetched


def other_round(code: Path, tmp: Path, sources: Path, concurrency: int, n: int) -> tuple[float, float]:
    """``full_round`` with the fupin package of the checkout at ``code``."""
    cpu = _cpu_of_children()
    summary = tmp / f"other{n}.json"
    cmd = [sys.executable, "-m", "fupin.crawler.run", "--sources", str(sources)]
    cmd += ["--home", str(tmp / f"other{n}"), "--summary-json", str(summary)]
    cmd += ["--settings-json", json.dumps(crawl_settings(concurrency))]
    env = {**os.environ, "PYTHONPATH": str(code.resolve())}
    subprocess.run(cmd, cwd=code, env=env, check=True, capture_output=True)
    full = json.loads(summary.read_text(encoding="utf-8"))
    pages = full["pages_fetched"]
    return pages / full["elapsed_s"], 1000 * (_cpu_of_children() - cpu) / pages


def profile_full(tmp: Path, sources: Path, concurrency: int, out: Path) -> None:
    """One full crawl under cProfile; prints the buckets of ``PROFILE_BUCKETS`` as shares of the crawl.

    cProfile sees one thread of one process, so this crawl analyses its pages inline
    (no worker process) and writes its batches in the reactor thread: every cost is
    in the profile, in the proportions of a single-process crawl.
    """
    settings = {**crawl_settings(concurrency), "FUPIN_EXTRACT_WORKERS": 0, "FUPIN_STORE_THREAD": False}
    cmd = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(out),
        "-m",
        "fupin.crawler.run",
        "--sources",
        str(sources),
        "--home",
        str(tmp / "profiled"),
        "--settings-json",
        json.dumps(settings),
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    stats = pstats.Stats(str(out))
    run = max((v[3] for k, v in stats.stats.items() if k[2] == "_run_here"), default=stats.total_tt)
    print(f"profile of one full crawl ({run:.1f} s under cProfile; cumulative shares):")
    for label, patterns in PROFILE_BUCKETS.items():
        spent = max(
            (v[3] for k, v in stats.stats.items() if any(p in f"{k[0]}:{k[2]}" for p in patterns)),
            default=0.0,
        )
        print(f"  {label:46s} {spent:6.2f} s  {100 * spent / run:5.1f}%")


def run_rounds(args: argparse.Namespace, tmp: Path, url: str) -> dict[str, list[tuple[float, float]]]:
    """Each round: bare, full (and the other checkout's full); (pages/s, CPU ms/page) per side."""
    script = tmp / "bare_spider.py"  # a file: Scrapy inspects callbacks' source
    script.write_text(BARE_SPIDER, encoding="utf-8")
    sources = write_sources(tmp / "sources.toml", url)
    sides: dict[str, list[tuple[float, float]]] = {"bare": [], "full": []}
    if args.code:
        sides["other"] = []
    for n in range(args.rounds):
        started = time.monotonic()
        sides["bare"].append(bare_round(script, url, args.concurrency))
        sides["full"].append(full_round(tmp, sources, args.concurrency, n))
        if args.code:
            sides["other"].append(other_round(args.code, tmp, sources, args.concurrency, n))
        bare = sides["bare"][-1][0]
        figures = ", ".join(
            f"{name} {rate:.0f} pages/s ({cpu:.1f} ms CPU/page)"
            + ("" if name == "bare" else f" {name}/bare {rate / bare:.2f}")
            for name, (rate, cpu) in ((k, v[-1]) for k, v in sides.items())
        )
        load = os.getloadavg()[0]
        print(f"round {n + 1}: {figures} (load {load:.1f}, {time.monotonic() - started:.0f} s)", flush=True)
    if args.profile:
        profile_full(tmp, sources, args.concurrency, args.profile)
    return sides


def report(sides: dict[str, list[tuple[float, float]]], rounds: int) -> None:
    """Medians of each side and of the per-round ratios to bare."""
    bare = statistics.median(rate for rate, _ in sides["bare"])
    for name, figures in sides.items():
        if name == "bare":
            continue
        rate = statistics.median(r for r, _ in figures)
        ratios = [r / b for (r, _), (b, _) in zip(figures, sides["bare"], strict=True)]
        print(
            f"{name}: medians of {rounds} interleaved rounds: bare {bare:.0f} pages/s, {name} {rate:.0f} "
            f"pages/s; {name}/bare = {rate / bare:.2f} (per-round ratios "
            f"{', '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f})"
        )
    cpu = ", ".join(f"{k} {statistics.median(c for _, c in v):.1f} ms" for k, v in sides.items())
    print(f"CPU per page, all processes (medians): {cpu}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="also profile one full crawl into this file")
    parser.add_argument("--code", type=Path, help="also crawl with the fupin of this checkout in each round")
    args = parser.parse_args()
    routes = build_site(args.articles)
    with SiteServer(routes) as server, tempfile.TemporaryDirectory() as tmp_name:
        print(f"site: {len(routes) - 1} pages ({args.articles} articles) at {server.url}")
        sides = run_rounds(args, Path(tmp_name), server.url)
    report(sides, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
