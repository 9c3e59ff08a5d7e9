"""Archive schema: the single source of DDL for the builder and the reader."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

from viewer.text.normalize import JOINERS

# 3: article_words also holds the filter tokens.
# 4: joiners (1869.7) inside runs are indexed; articles are numbered newest first; article_labels;
#    token_docs.
# 5: token_docs became term_docs, which also holds common phrases (viewer/ingest/phrases.py).
SCHEMA_VERSION = 6

# Column weights for bm25, in article_fts column order. The body comes first: FTS5 stores a
# column marker in every position list outside column 0, so the biggest column goes there.
# The last column holds filter tokens (viewer/archive/index.py), weight 0.
FTS_COLUMNS = ("body", "headline", "subheadline", "byline", "facets")
BM25_WEIGHTS = (1.0, 10.0, 4.0, 2.0, 0.0)
# Bigram tokens may hold a joiner ("9." ".7" of 1869.7): FTS5 must not split them there.
FTS_TOKENIZER = f"unicode61 remove_diacritics 0 tokenchars '{JOINERS}'"
# Articles are numbered newest first: newest-first lists and the ranking window read FTS5
# doclists forwards, which is about twice as fast as backwards.
# Large pages: an article row (about 3 KB) no longer leaves most of a 4 KB page empty.
PAGE_SIZE = 32768

DDL = f"""
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
    review_json TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL,
    region_id INTEGER REFERENCES region(id),
    char_count INTEGER NOT NULL,
    sort_date TEXT NOT NULL DEFAULT ''
);
CREATE INDEX article_issue ON article(issue_id, seq);
CREATE INDEX article_region ON article(region_id);
-- Covers the facets' labels (each article's region and issue): read without the text.
CREATE INDEX article_labels ON article(issue_id, region_id);
CREATE INDEX article_date ON article(sort_date);
CREATE INDEX issue_publication ON issue(publication_id, date, page);
CREATE VIRTUAL TABLE article_fts USING fts5(
    body, headline, subheadline, byline, facets,
    content = '',
    tokenize = "{FTS_TOKENIZER}"
);
CREATE TABLE term_docs (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
-- In-word pieces (for ranking) and the same filter tokens as article_fts.facets.
-- A checksum of each article as ARTICLE_SQL reads it: a damaged article is refused, never shown.
-- Optional: articles without a row here are read unchecked.
CREATE TABLE article_check (key TEXT PRIMARY KEY, crc INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE article_words USING fts5(
    words,
    content = '',
    detail = 'none',
    columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 0'
);
"""

# One article with its issue, publication and region, as the reader shows it (and as checksummed).
ARTICLE_SQL = """
SELECT a.key, i.source_file, a.seq, a.kind, a.headline, a.subheadline, a.kicker, a.byline_json,
       a.byline_groups_json, a.source_line, a.body, r.code, p.name, p.inferred, i.date,
       i.date_precision, i.date_inferred, i.page, i.section, i.editors, a.column_name, a.continued, a.signature,
       a.review_json
FROM article a
JOIN issue i ON i.id = a.issue_id
JOIN publication p ON p.id = i.publication_id
LEFT JOIN region r ON r.id = a.region_id
"""


def row_checksum(row: Sequence[object]) -> int:
    """CRC-32 of an ARTICLE_SQL row (catches flipped bytes in any field the reader shows)."""
    text = "\x1f".join("" if value is None else str(value) for value in row)
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


# The region table as the trees and facets name it; its checksum is kept in meta under REGION_CHECK_KEY.
REGION_SQL = "SELECT id, name, level, parent_id, code FROM region ORDER BY id"
REGION_CHECK_KEY = "region_crc"


def rows_checksum(rows: Iterable[Sequence[object]]) -> int:
    """CRC-32 of many rows in order (the region table: names the trees and facets show)."""
    crc = 0
    for row in rows:
        crc = zlib.crc32("\x1f".join("" if v is None else str(v) for v in row).encode("utf-8", "surrogatepass") + b"\x1e",
                         crc)
    return crc


REQUIRED_TABLES = ("meta", "region", "publication", "issue", "article", "article_fts", "article_words", "term_docs")
