"""Hostile news portals for crawler tests: three layouts with their traps, and the truth of every page.

The stories are written here from sentence templates (no real news text), then
rendered in the templates of three kinds of real portals:

- ``cms``: a modern CMS (UTF-8) with breadcrumbs, a share bar, a dateline under the
  headline, JSON-LD or meta dates on some pages, related stories with their dates,
  comments with timestamps, an ICP footer and ``标题 - 站名`` titles;
- ``gov``: an old table-layout government site in GBK whose HTTP header claims
  ISO-8859-1, a navigation row, "当前位置：首页 >> … >> 正文", a by-line
  "2020年04月01日 来源:… 作者:… 点击:1855", ``标题--站名`` titles, a footer with the
  ICP number, and no date anywhere but the by-line (and the URL on some pages);
- ``en``: an English site with an RSS feed, "Published"/"Updated" lines, pages whose
  only dates are a copyright line and comments (so the right answer is no date).

Around them: robots.txt, an endless calendar and an endless pagination, a page that
fails twice, a 404, a redirect, a 10 MB page, off-topic stories, a reprint of a story
by another outlet with a by-line and click counter, the same story under tracking
parameters and an ``index.html`` URL, a traditional-Chinese copy and a lightly
reworded copy. ``PortalSite.truth`` says, for every article page, its date (or None),
its clean title, its body paragraphs and which story it tells.
"""

from __future__ import annotations

import json
import random
import threading
from dataclasses import dataclass, field
from pathlib import Path

import opencc

from fupin.demo.server import Page

PLACES = "甘肃 贵州 湖南 河南 陕西 云南 四川 广西 宁夏 青海 江西 安徽 湖北 山西 河北 重庆 吉林 内蒙古".split()
COUNTIES = "东乡 临夏 岷山 宕昌 镇宁 紫云 凤凰 花垣 卢氏 淅川 略阳 镇安 会泽 彝良 昭觉 布拖 融水 西吉".split()
TRADES = "服装 鞋帽 电子 藤编 刺绣 食品 玩具 箱包 假发 手套 竹编 中药材".split()
EN_PLACES = "Gansu Guizhou Hunan Henan Shaanxi Yunnan Sichuan Guangxi Ningxia Qinghai Jiangxi Anhui".split()
EN_TRADES = "garment shoe electronics rattan embroidery food toy luggage wig glove bamboo herb".split()

ZH_SENTENCES = (
    "{place}省{county}县{trade}扶贫车间{month}月{day}日全面复工，{n1}名工人回到生产线，其中建档立卡贫困劳动力{n2}人。",
    "据{county}县人社局介绍，全县已建成扶贫车间{n3}个，吸纳贫困劳动力{n2}人在家门口就业，人均月收入{n4}元。",
    "走进{county}县{village}村的{trade}车间，机器轰鸣，{n5}多名村民正忙着赶制订单。",
    "“以前只能外出务工，现在在家门口就能挣钱，还能照顾老人孩子。”{surname}大姐一边干活一边说。",
    "为帮助企业渡过难关，{county}县为每个复工的扶贫车间发放一次性补贴{n6}万元，并协调银行贷款{n7}万元。",
    "截至{month}月底，{place}省累计帮助{n8}万名贫困劳动力外出务工，返岗率达到{pct}%。",
    "车间负责人{surname}{given}说，今年的订单已经排到{month2}月，预计全年产值可达{n9}万元。",
    "{county}县还组织了{n3}场网络招聘会，提供就业岗位{n10}个，点对点输送务工人员{n5}人。",
    "下一步，{county}县将继续扩大扶贫车间规模，力争年底前新增车间{n11}个，带动{n2}户贫困家庭增收。",
    "{village}村党支部书记{surname}{given}介绍，村里的{trade}车间去年发放工资{n6}多万元，{n11}户贫困户因此脱贫。",
    "在{place}省{county}县的易地扶贫搬迁安置点，社区工厂让搬迁群众实现了搬得出、稳得住、能致富。",
    "县里聘请了{n11}名技术员到车间手把手教学，新招的{n5}名工人经过{n12}天培训就能上岗。",
    "今年以来，{county}县坚持把就业扶贫作为脱贫攻坚的重要抓手，通过扶贫车间带动贫困群众稳定增收。",
    "针对疫情影响，{county}县开通返岗务工专车{n12}趟，免费送{n10}名务工人员返回工作岗位。",
)
EN_SENTENCES = (
    "The {trade} workshop in {county} county of {place} province resumed production on {mon} {day}, bringing "
    "{n1} workers back to the assembly line, {n2} of them from registered poor households.",
    "According to the county's human resources bureau, {county} has built {n3} poverty alleviation "
    "workshops that employ {n2} impoverished residents near their homes.",
    "Workers at the {trade} plant now earn about {n4} yuan a month, local officials said on {weekday}.",
    '"I used to leave home for work, but now I can earn money and look after my children," said a '
    "villager surnamed {surname_en}.",
    "To help the workshops through the epidemic, the county offered each one a subsidy of {n6},000 yuan "
    "and arranged bank loans worth {n7},000 yuan.",
    "By the end of {mon}, {place} had helped {n8},000 poor migrant workers return to their jobs, a rate of "
    "{pct} percent.",
    "The manager of the workshop said orders had been booked until {mon2}, and output this year may "
    "reach {n9},000 yuan.",
    "The county also held {n3} online job fairs offering {n10} positions and sent {n5} workers to "
    "factories in coastal provinces by chartered bus.",
    "Local authorities plan to open {n11} more workshops by the end of the year to lift {n2} more "
    "families out of poverty.",
    "Technicians trained {n5} new workers for {n12} days before they started on the {trade} line.",
    "Villagers in {county} once grew only corn and potatoes on steep slopes; today {n3} of them sew {trade} "
    "products for export in a converted school building.",
    "The provincial poverty relief office said {place} would spend {n7} million yuan this year on vocational "
    "training for rural laborers.",
    "A {trade} company from the coast moved {n11} production lines to the county last year, attracted by "
    "tax breaks and free factory space.",
    "Women make up {pct} percent of the workforce, many of them mothers who could not leave home to work in "
    "the cities.",
    "Officials in {county} said the workshops had become a stable source of income for {n2} impoverished "
    "families since {mon} of last year.",
)
SURNAMES = "王 李 张 刘 陈 杨 赵 黄 周 吴 马 胡".split()
GIVEN = "建国 秀英 志强 海燕 文华 国庆 丽娟 永红 德明 春梅".split()
VILLAGES = "红旗 新庄 柳树 石门 杨家 大坪 高山 河口 马场 平安".split()
MONTHS_EN = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
OFF_TOPIC = (
    "{place}省{county}县举办第{n3}届油菜花旅游节，吸引游客{n10}人次。",
    "{county}县第{n11}中学举行春季运动会，{n5}名学生参加了比赛。",
    "气象部门预计，{place}省未来三天将有一次明显降温过程，最低气温{n12}摄氏度。",
)

#: Scrapy settings for the portals on 127.0.0.1: no politeness delays, quick retries, a small calendar cap
PORTAL_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_TIMEOUT": 5,
    "RETRY_TIMES": 3,
    "FUPIN_RETRY_BACKOFF_BASE": 0.05,
    "FUPIN_MAX_CALENDAR_PAGES": 8,
    "LOG_LEVEL": "WARNING",
}


@dataclass
class Story:
    """One story: its paragraphs in Chinese or English and the day it was published."""

    key: str
    language: str
    title: str
    paragraphs: list[str]
    published: str  # ISO date


@dataclass
class Truth:
    """What a perfect crawler stores for one article page."""

    path: str
    story: str
    title: str
    published: str | None
    paragraphs: list[str]
    source: str
    on_topic: bool = True
    copy_of: str | None = None  # the story this page copies (a reprint, a translation, a rewording)


def _values(rng: random.Random, day: str) -> dict[str, object]:
    month, dd = int(day[5:7]), int(day[8:10])
    return {
        "place": rng.choice(PLACES),
        "county": rng.choice(COUNTIES),
        "trade": rng.choice(TRADES),
        "village": rng.choice(VILLAGES),
        "surname": rng.choice(SURNAMES),
        "given": rng.choice(GIVEN),
        "surname_en": rng.choice(["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang"]),
        "month": month,
        "day": dd,
        "month2": min(12, month + rng.randint(2, 6)),
        "mon": MONTHS_EN[month - 1],
        "mon2": MONTHS_EN[min(11, month + rng.randint(1, 5))],
        "weekday": rng.choice(WEEKDAYS),
        "pct": rng.randint(60, 99),
        **{f"n{i}": rng.randint(10 ** (1 + i % 3), 9 * 10 ** (1 + i % 3)) for i in range(1, 13)},
    }


def _story(rng: random.Random, key: str, language: str, day: str, on_topic: bool = True) -> Story:
    values = _values(rng, day)
    if language == "en":
        values["place"] = rng.choice(EN_PLACES)
        values["county"] = rng.choice(COUNTIES)  # pinyin is not needed: names are opaque
        values["trade"] = rng.choice(EN_TRADES)
        pool = list(EN_SENTENCES)
        title = f"Poverty alleviation workshop in {values['place']} brings {values['n1']} jobs home"
    else:
        pool = list(ZH_SENTENCES) if on_topic else list(OFF_TOPIC)
        title = (
            f"{values['county']}县：扶贫车间开进村 {values['n2']}名贫困群众家门口就业"
            if on_topic
            else f"{values['county']}县举办春季活动"
        )
    rng.shuffle(pool)
    count = min(len(pool), rng.randint(5, 8) if language == "zh" else rng.randint(4, 6))
    paragraphs = []
    for i in range(0, count, 2):  # two or one sentences per paragraph
        paragraphs.append(("" if language == "zh" else " ").join(s.format(**values) for s in pool[i : i + 2]))
    return Story(key, language, title, paragraphs, day)


def _days(rng: random.Random, n: int) -> list[str]:
    return [
        f"20{rng.choice(['18', '19', '20'])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for _ in range(n)
    ]


def _related(rng: random.Random, stories: list[Story], own: Story) -> list[tuple[str, str]]:
    """Titles and dates of other stories (a related list whose dates are not this page's)."""
    others = [s for s in stories if s.key != own.key and s.published != own.published]
    return [(s.title, s.published) for s in rng.sample(others, min(4, len(others)))]


# -- templates ------------------------------------------------------------------------------------------


def cms_page(story: Story, variant: int, related: list[tuple[str, str]], url_path: str) -> str:
    """A modern CMS article page; ``variant`` picks where its date is written."""
    day = story.published
    meta = ""
    if variant % 4 == 0:
        meta += f'<meta name="publishdate" content="{day}">'
    if variant % 4 == 1:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.title,
            "datePublished": f"{day}T08:30:00+08:00",
            "dateModified": "2021-06-30T10:00:00+08:00",
        }
        meta += f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    if variant % 4 == 2:
        meta += '<meta property="article:modified_time" content="2021-07-01T09:00:00+08:00">'
    meta += '<meta name="keywords" content="扶贫,就业"><meta name="copyright" content="2003-2021">'
    crumbs = (
        '<div class="crumbs"><a href="/cms/index.html">首页</a> &gt; '
        '<a href="/cms/index.html">地方</a> &gt; 正文</div>'
    )
    dateline = (
        f'<div class="info"><span class="time">{day} 10:{variant % 60:02d}</span> 来源：示例日报 '
        f"<span>编辑：{SURNAMES[variant % 12]}明</span></div>"
    )
    share = (
        '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> '
        '<a href="#">QQ空间</a> 【字号 大 中 小】 打印</div>'
    )
    body = "".join(f"<p>{p}</p>" for p in story.paragraphs)
    rel = "".join(
        f'<li><a href="/cms/x/{i}.html">{t}</a><span>{d}</span></li>' for i, (t, d) in enumerate(related)
    )
    comments = "".join(
        f'<div class="comment"><span class="user">网友{i}</span>'
        f'<span class="ctime">2021-0{i + 1}-1{i} 12:0{i}</span>'
        f"<p>扶贫车间真好，点赞！</p></div>"
        for i in range(3)
    )
    nav = "".join(
        f'<a href="/cms/index.html">{n}</a>' for n in ("首页", "时政", "地方", "财经", "图片", "视频")
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{story.title} - 示例新闻网</title>{meta}</head>"
        f"<body><div class='nav'>{nav}</div>{crumbs}<div class='main'><h1>{story.title}</h1>{dateline}{share}"
        f"<div class='content' id='article'>{body}</div>{share}"
        f"<div class='related'><h3>相关新闻</h3><ul>{rel}</ul></div>"
        f"<div class='comments'><h3>网友评论</h3>{comments}</div></div>"
        "<div class='calendar'><a href='/cms/calendar?date=2020-04-01'>2020年4月</a></div>"
        "<div class='footer'><p>关于我们 | 联系我们 | 网站地图</p>"
        "<p>Copyright © 2003-2021 示例新闻网 版权所有</p>"
        "<p>京ICP备12345678号-1 京公网安备11010502000001号</p></div></body></html>"
    )


def gov_page(story: Story, variant: int, related: list[tuple[str, str]], site: str = "某某县人民政府") -> str:
    """An old table-layout government page: the date only in the by-line, title with the site name."""
    y, m, d = story.published.split("-")
    if variant % 3 == 0:
        byline = f"{y}年{m}月{d}日 来源:县人社局 作者:{SURNAMES[variant % 12]}伟 点击:{1000 + variant * 37}"
    elif variant % 3 == 1:
        byline = (
            f"发布时间：{story.published} 10:{variant % 60:02d} 信息来源：县扶贫办 浏览次数：{300 + variant}"
        )
    else:
        byline = f"时间：{y}-{m}-{d}　　来源：本站　　【字体：大 中 小】"
    nav = "".join(
        f'<td><a href="/gov/index.html">{n}</a></td>'
        for n in ("首页", "政务公开", "工作动态", "办事服务", "互动交流")
    )
    body = "".join(f"<p>　　{p}</p>" if variant % 2 else f"　　{p}<br><br>" for p in story.paragraphs)
    rel = "".join(
        f'<tr><td><a href="/gov/x/{i}.html">{t}</a></td><td>{d}</td></tr>' for i, (t, d) in enumerate(related)
    )
    return (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
        f"<title>{story.title}--{site}</title></head><body>"
        f"<table width='100%'><tr>{nav}</tr></table>"
        "<table width='980'><tr><td class='weizhi'>当前位置：<a href='/gov/index.html'>首页</a> &gt;&gt; "
        "<a href='/gov/index.html'>工作动态</a> &gt;&gt; 正文</td></tr></table>"
        "<table width='980'><tr><td width='700' valign='top'><table width='100%'>"
        f"<tr><td align='center' class='title'><b>{story.title}</b></td></tr>"
        f"<tr><td align='center' class='info'>{byline}</td></tr>"
        f"<tr><td class='content'>{body}</td></tr>"
        "<tr><td align='right'>【<a href='#'>打印本页</a>】【<a href='#'>关闭窗口</a>】</td></tr>"
        "</table></td>"
        f"<td width='280' valign='top'><table><tr><td>相关信息</td></tr>{rel}</table></td></tr></table>"
        f"<table width='980'><tr><td align='center'>主办：{site} 承办：县政府办公室 "
        "联系电话：0931-1234567<br>"
        "陇ICP备05000123号 政府网站标识码：6200000001 技术支持：某某网络公司<br>"
        "版权所有 2008-2020</td></tr></table></body></html>"
    )


def en_page(story: Story, variant: int, related: list[tuple[str, str]], dated: bool) -> str:
    """An English news page; undated pages only show a copyright span and comment dates."""
    y, m, d = (int(x) for x in story.published.split("-"))
    human = f"{MONTHS_EN[m - 1]} {d}, {y}"
    head = ""
    info = '<div class="byline">By Staff Reporter | chinadaily-like.example</div>'
    if dated and variant % 3 == 0:
        head = f'<meta property="article:published_time" content="{story.published}T09:00:00Z">'
        info = f'<div class="byline">By Staff Reporter | Updated: {human} 17:05</div>'
    elif dated and variant % 3 == 1:
        info = (
            f'<div class="byline">By Staff Reporter | Published: <time datetime="{story.published}">'
            f"{human}</time> | Updated: {MONTHS_EN[m % 12]} 2, {y + (m == 12)}</div>"
        )
    elif dated:
        info = f'<div class="byline">Staff Reporter | {human}</div>'
    body = "".join(f"<p>{p}</p>" for p in story.paragraphs)
    rel = "".join(
        f"<li><a href='/en/x/{i}.html'>{t}</a> <em>{dd}</em></li>" for i, (t, dd) in enumerate(related)
    )
    comments = "".join(
        f"<li>Reader {i}: Great work! <small>posted March {i + 3}, 2021</small></li>" for i in range(2)
    )
    menu = (
        "<nav>" + " ".join(f"<a href='/en/index.html'>{n}</a>" for n in ("Home", "China", "World")) + "</nav>"
    )
    return (
        f"<html><head><meta charset='utf-8'><title>{story.title} | Example Daily</title>{head}</head><body>"
        f"{menu}<article><h1>{story.title}</h1>{info}<div class='story'>{body}</div></article>"
        f"<aside><h4>Related stories</h4><ul>{rel}</ul></aside>"
        f"<section class='comments'><ul>{comments}</ul></section>"
        "<footer>Copyright 1995 - 2021. All rights reserved. The content (including but not limited to text, "
        "photo, multimedia information, etc) published in this site belongs to Example Daily."
        "</footer></body></html>"
    )


# -- the site -------------------------------------------------------------------------------------------


@dataclass
class PortalSite:
    """The routes of the three portals and the truth of every article page."""

    routes: dict[str, Page] = field(default_factory=dict)
    truth: dict[str, Truth] = field(default_factory=dict)
    flaky_failures: int = 2
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _flaky_seen: int = 0

    def __call__(self, path: str) -> Page | None:
        """Route a request; the flaky page answers 503 twice before it works."""
        if path.startswith("/cms/flaky.html"):
            with self._lock:
                self._flaky_seen += 1
                if self._flaky_seen <= self.flaky_failures:
                    return Page(b"busy", status=503, validators=False)
            return self.routes["/cms/flaky-ok"]
        if path.startswith("/cms/calendar"):
            day = int(path.rsplit("-", 1)[-1] or 1) if path[-2:].isdigit() else 1
            return Page.html(
                f"<html><body><a href='/cms/calendar?date=2020-04-{day + 1:02d}'>next</a>"
                f"<a href='/cms/calendar?date=2020-{day % 12 + 1:02d}-01'>month</a></body></html>"
            )
        if path.startswith("/cms/list_"):  # endless pagination
            n = int(path[len("/cms/list_") :].split(".")[0])
            return Page.html(f"<html><body><a href='/cms/list_{n + 1}.html'>下一页</a></body></html>")
        return self.routes.get(path)

    def stored_truth(self) -> dict[str, Truth]:
        """Article pages a perfect crawler stores: on topic and not a copy of another page."""
        return {p: t for p, t in self.truth.items() if t.on_topic and t.copy_of is None}


def build_site(seed: int = 12) -> PortalSite:
    """Build the three portals (about 110 article pages) and their traps."""
    rng = random.Random(seed)
    site = PortalSite()
    cms = [_story(rng, f"cms{i}", "zh", d) for i, d in enumerate(_days(rng, 40))]
    gov = [_story(rng, f"gov{i}", "zh", d) for i, d in enumerate(_days(rng, 36))]
    en = [_story(rng, f"en{i}", "en", d) for i, d in enumerate(_days(rng, 24))]
    stories = cms + gov + en
    _add_cms(site, rng, cms, stories)
    _add_gov(site, rng, gov, stories)
    _add_en(site, rng, en, stories)
    _add_copies(site, rng, cms, gov, stories)
    _add_traps(site, rng, cms, stories)
    return site


def _cms_path(story: Story, i: int) -> str:
    y, m, d = story.published.split("-")
    return f"/cms/{y}/{m}{d}/c{1000 + i}.html"


def _add_cms(site: PortalSite, rng: random.Random, cms: list[Story], stories: list[Story]) -> None:
    links = []
    for i, story in enumerate(cms):
        path = _cms_path(story, i)
        html = cms_page(story, i, _related(rng, stories, story), path)
        site.routes[path] = Page.html(html)
        site.truth[path] = Truth(path, story.key, story.title, story.published, story.paragraphs, "cms")
        links.append(path)
    half = len(links) // 2
    site.routes["/cms/index.html"] = _list_page(links[:half], "/cms/index_2.html")
    site.routes["/cms/index_2.html"] = _list_page(links[half:], "/cms/index.html")


def _add_gov(site: PortalSite, rng: random.Random, gov: list[Story], stories: list[Story]) -> None:
    links = []
    for i, story in enumerate(gov):
        y, m, d = story.published.split("-")
        # a third of the pages have no date in the URL: the by-line is all there is
        path = f"/gov/show.asp?id={500 + i}" if i % 3 == 2 else f"/gov/{y}{m}/t{y}{m}{d}_{500 + i}.html"
        html = gov_page(story, i, _related(rng, stories, story))
        site.routes[path] = Page.html(html, encoding="gbk", content_type="text/html; charset=ISO-8859-1")
        site.truth[path] = Truth(path, story.key, story.title, story.published, story.paragraphs, "gov")
        links.append(path)
    body = "".join(f"<tr><td><a href='{p}'>{_title_of(site, p)}</a></td></tr>" for p in links)
    page = f"<html><head><meta charset='gb2312'></head><body><table>{body}</table></body></html>"
    site.routes["/gov/index.html"] = Page.html(page, encoding="gbk", content_type="text/html; charset=utf-8")


def _add_en(site: PortalSite, rng: random.Random, en: list[Story], stories: list[Story]) -> None:
    items = []
    for i, story in enumerate(en):
        dated = i % 4 != 3  # every fourth page has no trustworthy date at all
        y, m, d = story.published.split("-")
        path = f"/en/a/{y}{m}/{d}/WS{i:04d}.html" if i % 2 == 0 and dated else f"/en/story/{i}-workshop.html"
        site.routes[path] = Page.html(en_page(story, i, _related(rng, stories, story), dated))
        site.truth[path] = Truth(
            path, story.key, story.title, story.published if dated else None, story.paragraphs, "en"
        )
        items.append(f"<item><title>{story.title}</title><link>{path}</link></item>")
    channel = f"<channel><title>Example</title>{''.join(items)}</channel>"
    rss = f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>"
    site.routes["/en/rss.xml"] = Page(rss.encode(), headers={"Content-Type": "application/rss+xml"})


def _add_copies(
    site: PortalSite, rng: random.Random, cms: list[Story], gov: list[Story], stories: list[Story]
) -> None:
    """A reprint with a by-line and counter, a traditional copy, a reworded copy; tracking and index URLs."""
    original = cms[3]
    reprint = Story("reprint", "zh", original.title, original.paragraphs, original.published)
    path = "/gov/2099/reprint.html"  # no date in the URL: the by-line has it
    site.routes[path] = Page.html(
        gov_page(reprint, 3, _related(rng, stories, reprint), "某某市人社局"),
        encoding="gbk",
        content_type="text/html",
    )
    site.truth[path] = Truth(
        path, "reprint", original.title, original.published, original.paragraphs, "gov", copy_of=original.key
    )
    to_trad = opencc.OpenCC("s2t")
    source = cms[5]
    trad = Story(
        "trad",
        "zh",
        to_trad.convert(source.title),
        [to_trad.convert(p) for p in source.paragraphs],
        source.published,
    )
    tpath = "/cms/2020/0101/c9001.html"
    site.routes[tpath] = Page.html(cms_page(trad, 0, _related(rng, stories, trad), tpath))
    site.truth[tpath] = Truth(
        tpath, "trad", trad.title, trad.published, trad.paragraphs, "cms", copy_of=source.key
    )
    base = gov[4]
    reworded = [_reword(p) for p in base.paragraphs]
    rpath = f"/gov/{base.published[:4]}{base.published[5:7]}/t{base.published.replace('-', '')}_9002.html"
    rstory = Story("reworded", "zh", base.title + "（图）", reworded, base.published)
    site.routes[rpath] = Page.html(
        gov_page(rstory, 0, _related(rng, stories, rstory)),
        encoding="gbk",
        content_type="text/html; charset=ISO-8859-1",
    )
    site.truth[rpath] = Truth(
        rpath, "reworded", rstory.title, base.published, reworded, "gov", copy_of=base.key
    )
    first = _cms_path(cms[0], 0)
    extra = [tpath, first + "?spm=a2h0k.1&from=timeline", first.rsplit(".", 1)[0] + "/index.html"]
    site.routes["/cms/more/index.html"] = _list_page(extra, None)
    index = site.routes["/gov/index.html"]  # the copies on the government site, after their originals
    index.body = index.body.replace(b"</body>", _links([rpath, path]).encode() + b"</body>")
    site.routes[first.rsplit(".", 1)[0] + "/index.html"] = Page.redirect(first, 301)


def _reword(paragraph: str) -> str:
    """Light rewording, as an outlet edits a wire story: a few words swapped, a phrase dropped."""
    for old, new in (
        ("全面复工", "全部复工"),
        ("介绍", "表示"),
        ("贫困劳动力", "贫困群众"),
        ("其中", "这当中"),
        ("正忙着", "正在"),
        ("一边干活一边说", "笑着说"),
        ("今年以来", "今年"),
    ):
        paragraph = paragraph.replace(old, new)
    return paragraph


def _add_traps(site: PortalSite, rng: random.Random, cms: list[Story], stories: list[Story]) -> None:
    """Flaky, missing, redirected, huge and off-topic pages, robots.txt and the endless lists."""
    flaky = _story(rng, "flaky", "zh", "2020-05-06")
    site.routes["/cms/flaky-ok"] = Page.html(
        cms_page(flaky, 4, _related(rng, stories, flaky), "/cms/flaky.html")
    )
    site.truth["/cms/flaky.html"] = Truth(
        "/cms/flaky.html", "flaky", flaky.title, flaky.published, flaky.paragraphs, "cms"
    )
    moved = _story(rng, "moved", "zh", "2019-09-09")
    mpath = "/cms/2019/0909/c7777.html"
    site.routes[mpath] = Page.html(cms_page(moved, 8, _related(rng, stories, moved), mpath))
    site.truth[mpath] = Truth(mpath, "moved", moved.title, moved.published, moved.paragraphs, "cms")
    site.routes["/cms/2019/0909/c7000.html"] = Page.redirect(mpath)
    for k in range(3):
        off = _story(rng, f"off{k}", "zh", "2020-06-1" + str(k), on_topic=False)
        opath = f"/cms/2020/061{k}/c800{k}.html"
        site.routes[opath] = Page.html(cms_page(off, k, [], opath))
        site.truth[opath] = Truth(
            opath, off.key, off.title, off.published, off.paragraphs, "cms", on_topic=False
        )
    big = "<p>" + "扶贫车间" * 10 + "</p>"
    site.routes["/cms/2020/0707/c6666.html"] = Page.html("<html><body>" + big * 120_000 + "</body></html>")
    site.routes["/robots.txt"] = Page(
        b"User-agent: *\nDisallow: /cms/private/\n", headers={"Content-Type": "text/plain"}
    )
    site.routes["/cms/private/c1.html"] = Page.html("<html><body>secret 扶贫车间</body></html>")
    traps = [
        "/cms/flaky.html",
        "/cms/2019/0909/c7000.html",
        "/cms/2020/0505/c4040.html",
        "/cms/2020/0707/c6666.html",
        "/cms/private/c1.html",
        "/cms/calendar?date=2020-04-01",
        "/cms/list_1.html",
        "/cms/more/index.html",
    ] + [f"/cms/2020/061{k}/c800{k}.html" for k in range(3)]
    index = site.routes["/cms/index.html"]
    index.body = index.body.replace(b"</body>", _links(traps).encode() + b"</body>")


def _links(paths: list[str]) -> str:
    return "".join(f"<a href='{p}'>link</a> " for p in paths)


def _list_page(paths: list[str], next_page: str | None) -> Page:
    more = f"<a href='{next_page}'>下一页</a>" if next_page else ""
    return Page.html(
        "<html><body><ul>"
        + "".join(f"<li><a href={p!r}>新闻</a></li>" for p in paths)
        + f"</ul>{more}</body></html>"
    )


def _title_of(site: PortalSite, path: str) -> str:
    return site.truth[path].title


def sources_toml(base: str, path: Path, **per_source: dict[str, object]) -> Path:
    """A sources file for the three portals at ``base`` (extra keys per source name)."""
    blocks = {
        "cms": (
            f'start_urls = ["{base}/cms/index.html"]',
            r"'/cms/(\d{4}/\d{4}/c\d+|flaky)\.html'",
            r"'/cms/(index(_\d+)?|list_\d+|more/index)\.html$|/cms/calendar'",
        ),
        "gov": (
            f'start_urls = ["{base}/gov/index.html"]',
            r"'/gov/(\d{6}/t\d+_\d+\.html|show\.asp\?id=\d+|2099/\w+\.html)'",
            r"'/gov/index\.html$'",
        ),
        "en": (
            f'feed_urls = ["{base}/en/rss.xml"]',
            r"'/en/(a/\d{6}/\d{2}/WS\d+|story/[\w-]+)\.html$'",
            "''",
        ),
    }
    lines = [
        "[defaults]",
        'keywords = ["扶贫", "貧", "poverty alleviation"]',
        "max_pages_per_pattern = 5",
        "",
    ]
    for name, (start, article, follow) in blocks.items():
        lines += [
            "[[source]]",
            f'name = "{name}"',
            start,
            'allowed_domains = ["127.0.0.1"]',
            f"article_pattern = {article}",
            f"follow_pattern = {follow}",
        ]
        lines += [f"{k} = {json.dumps(v)}" for k, v in per_source.get(name, {}).items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# -- scoring --------------------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


@dataclass
class Scores:
    """Figures over a set of pages: dates, titles, boilerplate lines and body recall."""

    pages: int = 0
    dates_right: int = 0
    titles_clean: int = 0
    lines: int = 0
    boilerplate_lines: int = 0
    body_chars: int = 0
    body_found: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, truth: Truth, title: str | None, published: str | None, text: str) -> None:
        self.pages += 1
        if published == truth.published:
            self.dates_right += 1
        else:
            self.wrong.append(f"date {truth.path}: {published} != {truth.published}")
        if (title or "").strip() == truth.title:
            self.titles_clean += 1
        else:
            self.wrong.append(f"title {truth.path}: {title!r}")
        body = [_squash(p) for p in truth.paragraphs]
        whole = "".join(body)
        for line in text.splitlines():
            if not line.strip():
                continue
            self.lines += 1
            if _squash(line) not in whole:
                self.boilerplate_lines += 1
                self.wrong.append(f"boilerplate {truth.path}: {line[:60]!r}")
        stored = _squash(text)
        for paragraph in body:
            self.body_chars += len(paragraph)
            self.body_found += len(paragraph) if paragraph in stored else 0

    @property
    def date_share(self) -> float:
        return self.dates_right / max(1, self.pages)

    @property
    def title_share(self) -> float:
        return self.titles_clean / max(1, self.pages)

    @property
    def boilerplate_share(self) -> float:
        return self.boilerplate_lines / max(1, self.lines)

    @property
    def recall(self) -> float:
        return self.body_found / max(1, self.body_chars)

    def summary(self) -> str:
        return (
            f"{self.pages} pages: dates {self.dates_right}/{self.pages}, "
            f"titles {self.titles_clean}/{self.pages}, "
            f"boilerplate {self.boilerplate_lines}/{self.lines} lines ({self.boilerplate_share:.3f}), "
            f"body recall {self.recall:.3f}"
        )
