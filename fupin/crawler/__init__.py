"""The crawler: a Scrapy project that fills the corpus store with news articles.

``run_crawl`` (fupin.crawler.run) is the entry point for code; ``scrapy crawl news
-a sources=sources.toml`` works from the repository root as in any Scrapy project.
"""
