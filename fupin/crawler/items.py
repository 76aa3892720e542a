"""What the news spider yields: one kept article with its raw response."""

from __future__ import annotations

import scrapy


class ArticleItem(scrapy.Item):
    """One on-topic article page; the store pipeline archives ``raw_*`` in WARC and stores the rest.

    The fields other than ``raw_*`` are the keys of ``Store.add_article`` (the WARC
    pointer is filled in by the pipeline).
    """

    url = scrapy.Field()
    canonical_url = scrapy.Field()
    source = scrapy.Field()
    title = scrapy.Field()
    published = scrapy.Field()
    published_source = scrapy.Field()  # where the date was read: jsonld, meta, dateline, url
    language = scrapy.Field()
    text = scrapy.Field()
    fetched_at = scrapy.Field()
    content_hash = scrapy.Field()
    simhash = scrapy.Field()  # kept for users of the column; near copies are found by the store's MinHash
    encoding = scrapy.Field()
    etag = scrapy.Field()
    last_modified = scrapy.Field()
    http_status = scrapy.Field()
    minhash = scrapy.Field()  # (signature bytes, band keys) computed with the text; the store indexes it
    raw_headers = scrapy.Field()  # list[tuple[str, str]] as received
    raw_body = scrapy.Field()  # bytes as received (after transfer decoding)
    raw_record = scrapy.Field()  # the gzipped WARC record of the response, made with the analysis (or None)
