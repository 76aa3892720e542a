"""The store's tables and the forward migrations that build them.

A store written by an older fupin must open in a newer one, so the schema is a
list of numbered migrations; ``migrate`` applies the missing ones in order, each
in its own transaction, and records it in ``schema_version``. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


#: v1: what the crawler writes (articles, every URL that carried one, HTTP validators).
V1 = Migration(
    1,
    "articles, article_urls, fetches",
    (
        """CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY,
            description VARCHAR,
            applied_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp()
        )""",
        """CREATE TABLE articles (
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
        )""",
        "CREATE INDEX articles_content_hash ON articles (content_hash)",
        """CREATE TABLE article_urls (
            url VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            source VARCHAR,
            first_seen TIMESTAMP
        )""",
        """CREATE TABLE fetches (
            url VARCHAR PRIMARY KEY,
            status INTEGER,
            etag VARCHAR,
            last_modified VARCHAR,
            fetched_at TIMESTAMP
        )""",
    ),
)

#: v2: extraction output, reconciliation and the run log.
V2 = Migration(
    2,
    "facts, officials, extraction state, reconciled, runs",
    (
        """CREATE TABLE facts (
            fact_id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            url VARCHAR,
            source VARCHAR,
            published VARCHAR,
            language VARCHAR,
            metric VARCHAR NOT NULL,
            scope VARCHAR,
            period VARCHAR,
            region_name VARCHAR NOT NULL,
            province VARCHAR,
            level VARCHAR NOT NULL,
            adcode VARCHAR,
            value DOUBLE NOT NULL,
            value_max DOUBLE,
            unit VARCHAR NOT NULL,
            bound VARCHAR NOT NULL,
            as_of VARCHAR,
            as_of_date DATE,
            as_of_precision VARCHAR,
            as_of_source VARCHAR,
            sentence VARCHAR NOT NULL,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            extractor VARCHAR,
            confidence DOUBLE,
            extractor_version VARCHAR
        )""",
        "CREATE INDEX facts_article ON facts (article_id)",
        """CREATE TABLE officials (
            official_id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            name_normalized VARCHAR,
            title VARCHAR,
            organization VARCHAR,
            province VARCHAR,
            role VARCHAR NOT NULL,
            quote_kind VARCHAR NOT NULL,
            quote VARCHAR,
            "start" INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            extractor_version VARCHAR
        )""",
        "CREATE INDEX officials_article ON officials (article_id)",
        """CREATE TABLE extraction (
            article_id VARCHAR PRIMARY KEY,
            extractor_version VARCHAR NOT NULL,
            extracted_at TIMESTAMP NOT NULL,
            n_facts INTEGER,
            n_officials INTEGER
        )""",
        """CREATE TABLE reconciled (
            group_id VARCHAR PRIMARY KEY,
            metric VARCHAR NOT NULL,
            scope VARCHAR,
            period VARCHAR,
            region_name VARCHAR,
            province VARCHAR,
            level VARCHAR,
            adcode VARCHAR,
            as_of VARCHAR,
            as_of_date DATE,
            as_of_precision VARCHAR,
            value DOUBLE NOT NULL,
            bound VARCHAR,
            status VARCHAR NOT NULL,
            n_members INTEGER,
            n_sources INTEGER,
            record VARCHAR NOT NULL,
            updated_at TIMESTAMP NOT NULL
        )""",
        "CREATE SEQUENCE runs_id START 1",
        """CREATE TABLE runs (
            id BIGINT PRIMARY KEY DEFAULT nextval('runs_id'),
            kind VARCHAR NOT NULL,
            started TIMESTAMP NOT NULL,
            finished TIMESTAMP,
            status VARCHAR NOT NULL,
            counts VARCHAR,
            errors VARCHAR
        )""",
    ),
)

#: v3: exact change order for feed pollers. ``reconciled.change_seq`` is drawn from one
#: sequence on every insert or real update of a group, and ``reconciled_removed`` keeps a
#: tombstone (with the same sequence) for each group reconciliation removed, with the last
#: state of the group so that filtered feeds can still announce it. Groups already stored
#: are numbered in the order they were last written, and the sequence continues after them.
V3 = Migration(
    3,
    "reconciled change sequence and removal tombstones",
    (
        "CREATE SEQUENCE reconciled_change_seq START 1",
        "ALTER TABLE reconciled ADD COLUMN change_seq BIGINT",
        """UPDATE reconciled SET change_seq = o.n
        FROM (SELECT group_id, row_number() OVER (ORDER BY updated_at, group_id) AS n FROM reconciled) o
        WHERE reconciled.group_id = o.group_id""",
        # advance the sequence past the numbers just given (one nextval per existing group)
        "SELECT count(nextval('reconciled_change_seq')) FROM reconciled",
        """CREATE TABLE reconciled_removed (
            group_id VARCHAR PRIMARY KEY,
            removed_at TIMESTAMP NOT NULL,
            change_seq BIGINT NOT NULL,
            metric VARCHAR,
            province VARCHAR,
            level VARCHAR,
            status VARCHAR,
            as_of_date DATE,
            record VARCHAR
        )""",
    ),
)

#: v4: the article field a fact's evidence offsets index into: "text" (every fact stored
#: before, and the default) or "title" (a statistic of the headline).
V4 = Migration(
    4,
    "facts.field: evidence in the text or the title",
    ("ALTER TABLE facts ADD COLUMN field VARCHAR DEFAULT 'text'",),
)

#: v5: articles extraction gave up on (invalid input, an error, out of time), with the
#: error and the extractor version that gave up. Such an article is not extracted again by
#: that version; a new extractor version tries it again. A later success removes the row.
V5 = Migration(
    5,
    "quarantine: articles extraction gave up on, per extractor version",
    (
        """CREATE TABLE quarantine (
            article_id VARCHAR PRIMARY KEY,
            url VARCHAR,
            extractor_version VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            error VARCHAR NOT NULL,
            quarantined_at TIMESTAMP NOT NULL,
            attempts INTEGER NOT NULL
        )""",
    ),
)

#: v6: where each publication date was read (``published_source``: jsonld, meta, dateline, url);
#: the MinHash near-duplicate index (signatures and LSH band keys, fupin.corpus.dedup); how alike a
#: reprint URL's page was to the stored story (``article_urls.similarity``, 1.0 for the same text);
#: and ``duplicate_of`` for stored articles later found to copy an earlier one (stores written
#: before v6 are signed once when next opened for writing; nothing is deleted).
V6 = Migration(
    6,
    "published_source, MinHash LSH index, reprint similarity, duplicate_of",
    (
        "ALTER TABLE articles ADD COLUMN published_source VARCHAR",
        "ALTER TABLE articles ADD COLUMN duplicate_of VARCHAR",
        "ALTER TABLE article_urls ADD COLUMN similarity DOUBLE",
        """CREATE TABLE article_minhash (
            article_id VARCHAR PRIMARY KEY,
            signature BLOB NOT NULL
        )""",
        """CREATE TABLE minhash_bands (
            band_key BIGINT NOT NULL,
            article_id VARCHAR NOT NULL
        )""",
        "CREATE INDEX minhash_bands_key ON minhash_bands (band_key)",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (V1, V2, V3, V4, V5, V6)
CURRENT_VERSION = MIGRATIONS[-1].version


class SchemaError(RuntimeError):
    """The database cannot be used by this version of fupin (newer, or not a fupin store)."""


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open database; 0 for an empty one."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "schema_version" not in tables:
        if tables:
            raise SchemaError(f"not a fupin store: it has tables {sorted(tables)} but no schema_version")
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def pending(version: int) -> list[Migration]:
    """Migrations a database at ``version`` still needs."""
    if version > CURRENT_VERSION:
        raise SchemaError(
            f"the store has schema version {version}, newer than this fupin understands "
            f"({CURRENT_VERSION}); upgrade fupin"
        )
    return [m for m in MIGRATIONS if m.version > version]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring the database up to ``CURRENT_VERSION``; returns the versions applied.

    Each migration runs in one transaction, so a crash in the middle leaves the
    database at the previous version, and the next open applies it again.
    """
    applied = []
    for migration in pending(current_version(con)):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_version (version, description) VALUES (?, ?)",
                [migration.version, migration.description],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
