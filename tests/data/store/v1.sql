-- A fupin store at schema version 1, as the first crawler-only release wrote it.
-- Used by tests/test_store_migrations.py to prove that older stores open in newer fupin.
CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    description VARCHAR,
    applied_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
);
CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    url VARCHAR,
    canonical_url VARCHAR NOT NULL UNIQUE,
    source VARCHAR,
    title VARCHAR,
    published VARCHAR,
    language VARCHAR,
    text VARCHAR NOT NULL,
    fetched_at TIMESTAMP,
    content_hash VARCHAR,
    simhash UBIGINT,
    encoding VARCHAR,
    warc_file VARCHAR,
    warc_offset BIGINT,
    warc_length BIGINT,
    etag VARCHAR,
    last_modified VARCHAR,
    http_status INTEGER
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE TABLE article_urls (
    url VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    source VARCHAR,
    first_seen TIMESTAMP
);
CREATE TABLE fetches (
    url VARCHAR PRIMARY KEY,
    status INTEGER,
    etag VARCHAR,
    last_modified VARCHAR,
    fetched_at TIMESTAMP
);
INSERT INTO schema_version (version, description, applied_at)
    VALUES (1, 'articles, article_urls, fetches', TIMESTAMP '2020-04-01 00:00:00');
INSERT INTO articles VALUES
    ('0a1b2c3d4e5f6a7b', 'http://www.gov.cn/xinwen/2020-03/26/content_1.htm?from=timeline',
     'http://www.gov.cn/xinwen/2020-03/26/content_1.htm', 'gov.cn', '甘肃扶贫车间复工',
     '2020-03-26', 'zh', '截至3月25日，甘肃省1982个扶贫车间已复工1735个。', TIMESTAMP '2020-04-01 08:00:00',
     'sha256:aaaa', 1234567890123456789, 'utf-8', 'crawl-00001.warc.gz', 0, 2048, '"v1-etag"', NULL, 200),
    ('1b2c3d4e5f6a7b8c', 'http://en.example.com/a/2.html', 'http://en.example.com/a/2.html', 'chinadaily.com.cn',
     'Workshops resume', '2020-03-27', 'en', 'Gansu has 1982 poverty alleviation workshops.',
     TIMESTAMP '2020-04-01 08:01:00', 'sha256:bbbb', 18446744073709551000, 'utf-8', 'crawl-00001.warc.gz',
     2048, 1024, NULL, 'Fri, 27 Mar 2020 10:00:00 GMT', 200);
INSERT INTO article_urls VALUES
    ('http://www.gov.cn/xinwen/2020-03/26/content_1.htm', '0a1b2c3d4e5f6a7b', 'gov.cn', TIMESTAMP '2020-04-01 08:00:00'),
    ('http://www.people.com.cn/n1/2020/0326/c1.html', '0a1b2c3d4e5f6a7b', 'people.com.cn', TIMESTAMP '2020-04-01 08:02:00'),
    ('http://en.example.com/a/2.html', '1b2c3d4e5f6a7b8c', 'chinadaily.com.cn', TIMESTAMP '2020-04-01 08:01:00');
INSERT INTO fetches VALUES
    ('http://www.gov.cn/xinwen/2020-03/26/content_1.htm', 200, '"v1-etag"', NULL, TIMESTAMP '2020-04-01 08:00:00');
