# ruff: noqa: E501 - page templates and article text read better unwrapped
"""The demo news site as a route table: every page of it, rendered for one base URL.

Pages look like the outlets they imitate (navigation, breadcrumbs, related
links, footers, editor lines) so that main-text extraction has real boilerplate
to remove. The sitemap and the RSS feed carry absolute URLs, so the site is
rendered for the address the server got.
"""

from __future__ import annotations

from html import escape

from fupin.demo.content import CHINADAILY, DISALLOWED, PEOPLE, XINHUA, DemoArticle, all_articles
from fupin.demo.server import Page

_PEOPLE_NAV = "".join(
    f'<li><a href="/people/index.html">{n}</a></li>' for n in ("首页", "时政", "地方", "财经", "社会", "扶贫")
)


def _paragraphs(article: DemoArticle) -> tuple[str, ...]:
    if article.reprint_of:
        original = next(a for a in all_articles() if a.path == article.reprint_of)
        return (*original.paragraphs, "（来源：新华网）")
    return article.paragraphs


def people_page(article: DemoArticle) -> Page:
    y, m, d = article.published.split("-")
    body = "\n".join(f"<p>\u3000\u3000{escape(p)}</p>" for p in _paragraphs(article))
    related = "".join(
        f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in PEOPLE if a is not article
    )
    charset = article.meta_charset or article.encoding
    html = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(article.title)}--地方--人民网</title>
<meta name="keywords" content="扶贫 就业">
<meta name="publishdate" content="{article.published}">
<meta name="source" content="来源：人民网-人民日报">
</head><body>
<div class="header"><ul class="nav">{_PEOPLE_NAV}</ul><form action="/search"><input name="q"></form></div>
<div class="path"><a href="/people/index.html">人民网</a> &gt;&gt; <a href="/people/index.html">地方</a></div>
<div class="main"><div class="col-1">
<h1>{escape(article.title)}</h1>
<div class="box01"><div class="fl">{y}年{m}月{d}日08:15 &nbsp;来源：<a href="/people/index.html">人民网</a></div></div>
<div class="rm_txt_con cf">
{body}
<p class="edit">(责编：王晓、李娜)</p>
</div></div>
<div class="col-2"><h2>相关新闻</h2><ul>{related}</ul></div></div>
<div class="footer"><p>人民日报社概况 | 关于人民网 | 报社招聘 | 招聘英才 | 广告服务 | 合作加盟 | 供稿服务</p>
<p>人民网版权所有，未经书面授权禁止使用 Copyright &copy; 1997-2020 by www.people.com.cn. all rights reserved</p></div>
</body></html>"""
    return Page.html(html, article.encoding, content_type=article.content_type)


def people_list(page_no: int) -> Page:
    per_page = {
        1: [a for a in PEOPLE if a.published >= "2020"],
        2: [a for a in PEOPLE if a.published < "2020"],
    }
    items = []
    for a in per_page[page_no]:
        items.append(f'<li><a href="{a.path}">{escape(a.title)}</a><span>{a.published}</span></li>')
        if page_no == 1 and a is PEOPLE[0]:  # the same story shared with a tracking parameter
            items.append(
                f'<li class="hot"><a href="{a.path}?utm_source=weibo&amp;from=timeline">热点</a></li>'
            )
    nav = (
        '<a href="/people/index2.html">下一页</a>'
        if page_no == 1
        else '<a href="/people/">上一页</a> <a href="/people/index.html">首页</a>'
    )
    html = f"""<!DOCTYPE html><html><head><meta charset="gbk"><title>地方--人民网（第{page_no}页）</title></head>
<body><div class="header"><ul class="nav">{_PEOPLE_NAV}</ul></div>
<div class="list"><ul>{"".join(items)}</ul></div><div class="page">{nav}</div>
<div class="footer">人民网版权所有</div></body></html>"""
    return Page.html(html, "gbk")


def xinhua_page(article: DemoArticle) -> Page:
    y, m, d = article.published.split("-")
    body = "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(article.title)}-新华网</title></head>
<body><div class="topnav"><a href="/">新华网</a> | <a href="/">要闻</a> | <a href="/">地方</a> | <a href="/">财经</a></div>
<div class="h-title"><h1>{escape(article.title)}</h1></div>
<div class="h-info"><span class="h-time">{y}-{m}-{d} 10:25:12</span><span>来源：新华网</span></div>
<div id="p-detail">{body}
<div class="p-right"><span class="editor">【纠错】 责任编辑： 赵文 </span></div></div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="foot">Copyright &copy; 2000-2020 XINHUANET.com All Rights Reserved.</div></body></html>"""
    return Page.html(html)


def chinadaily_page(article: DemoArticle) -> Page:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(article.title)} - Chinadaily.com.cn</title>
<meta property="article:published_time" content="{article.published}T09:12:00+08:00">
<meta name="author" content="Chinadaily"></head>
<body><div id="nav"><a href="/">Home</a> <a href="/">China</a> <a href="/">Business</a> <a href="/">Opinion</a></div>
<div class="main_art"><h1>{escape(article.title)}</h1>
<div class="info"><span class="info_l">By Staff writer | chinadaily.com.cn | Updated: {article.published} 09:12</span></div>
<div id="Content">{body}</div></div>
<div class="footer">Copyright 1995 - 2020. All rights reserved. The content (including but not limited to text,
photo, multimedia information, etc) published in this site belongs to China Daily Information Co (CDIC).</div>
</body></html>"""
    return Page.html(html)


def sitemap(base: str) -> Page:
    urls = "".join(
        f"<url><loc>{base}{a.path}</loc><lastmod>{a.published}</lastmod></url>" for a in (*XINHUA, DISALLOWED)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    return Page(xml.encode("utf-8"), headers={"Content-Type": "application/xml; charset=utf-8"})


def rss(base: str) -> Page:
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{base}{a.path}</link><pubDate>{a.published}</pubDate></item>"
        for a in CHINADAILY
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>China (demo)</title>'
        f"<link>{base}/chinadaily/</link><description>demo feed</description>{items}</channel></rss>"
    )
    return Page(xml.encode("utf-8"), headers={"Content-Type": "application/rss+xml; charset=utf-8"})


def robots(base: str) -> Page:
    text = f"User-agent: *\nDisallow: /xinhua/internal/\nDisallow: /search\n\nSitemap: {base}/sitemap.xml\n"
    return Page(text.encode(), headers={"Content-Type": "text/plain"})


def home() -> Page:
    html = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>fupin demo news site</title></head><body>
<h1>fupin demo news site</h1><p>Sample outlets written for the fupin project (figures and people are invented).</p>
<ul><li><a href="/people/index.html">people (GBK, list pages)</a></li><li><a href="/sitemap.xml">xinhua (sitemap)</a></li>
<li><a href="/chinadaily/rss.xml">chinadaily (RSS)</a></li></ul></body></html>"""
    return Page.html(html)


def build_site(base: str) -> dict[str, Page]:
    """Every page of the demo site, keyed by path, for a server at ``base`` (no trailing slash)."""
    routes = {"/": home(), "/robots.txt": robots(base), "/sitemap.xml": sitemap(base)}
    routes["/chinadaily/rss.xml"] = rss(base)
    routes["/people/index.html"] = routes["/people/"] = people_list(1)
    routes["/people/index2.html"] = people_list(2)
    for article in PEOPLE:
        routes[article.path] = people_page(article)
        routes[f"{article.path}?utm_source=weibo&from=timeline"] = routes[article.path]
    for article in (*XINHUA, DISALLOWED):
        routes[article.path] = xinhua_page(article)
    for article in CHINADAILY:
        routes[article.path] = chinadaily_page(article)
    return routes


def demo_sources_toml(base: str) -> str:
    """The sources file for the demo site at ``base``."""
    return f"""# Sources for the fupin demo site at {base} (written by `fupin demo`).

[defaults]
depth_limit = 3

[[source]]
name = "people.demo"
start_urls = ["{base}/people/index.html"]
allowed_domains = ["127.0.0.1"]
article_pattern = '/people/n1/\\d{{4}}/\\d{{4}}/c\\d+-\\d+\\.html$'
follow_pattern = '/people/(index\\d*\\.html)?$'

[[source]]
name = "xinhuanet.demo"
sitemap_urls = ["{base}/sitemap.xml"]
allowed_domains = ["127.0.0.1"]
article_pattern = '/xinhua/.*/c_\\d+\\.htm$'

[[source]]
name = "chinadaily.demo"
feed_urls = ["{base}/chinadaily/rss.xml"]
allowed_domains = ["127.0.0.1"]
article_pattern = '/chinadaily/a/\\d{{6}}/\\d{{2}}/WS\\w+\\.html$'
"""
