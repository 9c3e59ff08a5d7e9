"""Archive schema: the single source of DDL for the builder and the reader."""

from __future__ import annotations

SCHEMA_VERSION = 1

# Column weights for bm25, in article_fts column order.
FTS_COLUMNS = ("headline", "subheadline", "byline", "body", "words")
BM25_WEIGHTS = (10.0, 4.0, 2.0, 1.0, 3.0)

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE region (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county')),
    parent_id INTEGER REFERENCES region(id),
    code TEXT NOT NULL UNIQUE
);
CREATE TABLE publication (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    inferred INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE issue (
    id INTEGER PRIMARY KEY,
    publication_id INTEGER NOT NULL REFERENCES publication(id),
    date TEXT,
    date_precision TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'range', 'unknown')),
    date_inferred INTEGER NOT NULL DEFAULT 0,
    page INTEGER,
    section TEXT,
    editors TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL,
    source_sha256 TEXT NOT NULL
);
CREATE TABLE article (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    issue_id INTEGER NOT NULL REFERENCES issue(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('news', 'photo', 'brief', 'column', 'reprint', 'fragment')),
    kicker TEXT NOT NULL DEFAULT '',
    headline TEXT NOT NULL DEFAULT '',
    subheadline TEXT NOT NULL DEFAULT '',
    byline_json TEXT NOT NULL DEFAULT '[]',
    byline_groups_json TEXT NOT NULL DEFAULT '[]',
    source_line TEXT NOT NULL DEFAULT '',
    column_name TEXT NOT NULL DEFAULT '',
    continued TEXT NOT NULL DEFAULT '',
    signature TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    region_id INTEGER REFERENCES region(id),
    char_count INTEGER NOT NULL,
    sort_date TEXT NOT NULL DEFAULT ''
);
CREATE INDEX article_issue ON article(issue_id, seq);
CREATE INDEX article_region ON article(region_id);
CREATE INDEX article_date ON article(sort_date);
CREATE INDEX issue_publication ON issue(publication_id, date, page);
CREATE VIRTUAL TABLE article_fts USING fts5(
    headline, subheadline, byline, body, words,
    content = '',
    prefix = '3',
    tokenize = 'unicode61 remove_diacritics 0'
);
"""

REQUIRED_TABLES = ("meta", "region", "publication", "issue", "article", "article_fts")
