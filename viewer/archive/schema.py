"""Archive schema: the single source of DDL for the builder and the reader."""

from __future__ import annotations

from viewer.text.normalize import JOINERS

# 3: article_words also holds the filter tokens.
# 4: joiners (1869.7) inside runs are indexed; articles are numbered newest first; article_labels;
#    token_docs.
# 5: token_docs became term_docs, which also holds common phrases (viewer/ingest/phrases.py).
SCHEMA_VERSION = 6

# Column weights for bm25, in article_fts column order. The body comes first: FTS5 stores a
# column marker in every position list outside column 0, so the biggest column goes there.
# The last column holds filter tokens (regions with their ancestors, the publication), weight 0.
# They start with a private-use character, which text tokens never contain (it is not
# alphanumeric), so no text query, prefix queries included, can match them.
FTS_COLUMNS = ("body", "headline", "subheadline", "byline", "facets")
FACET_MARK = "\ue000"
BM25_WEIGHTS = (1.0, 10.0, 4.0, 2.0, 0.0)
# Bigram tokens may hold a joiner ("9." ".7" of 1869.7): FTS5 must not split them there.
FTS_TOKENIZER = f"unicode61 remove_diacritics 0 tokenchars '{JOINERS}'"
# Articles are numbered newest first: newest-first lists and the ranking window read FTS5
# doclists forwards, which is about twice as fast as backwards.
# term_docs holds how many articles contain a term (one run of content characters, folded): every
# two-character term (one bigram token) found in at least TOKEN_DOCS_MIN, read from the index's
# vocabulary as Lucene's docFreq is, and every phrase of 3 to MAX_PHRASE_CHARS characters found
# in at least PHRASE_DOCS_MIN (counting one through FTS5 would take a millisecond or more). The
# count of such a term with no filter and nothing else is then a lookup.
TOKEN_DOCS_MIN = 1000
PHRASE_DOCS_MIN = 5000
MAX_PHRASE_CHARS = 16
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
CREATE VIRTUAL TABLE article_words USING fts5(
    words,
    content = '',
    detail = 'none',
    columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 0'
);
"""

def region_token(region_id: int) -> str:
    return f"{FACET_MARK}region{region_id}"


def publication_token(publication_id: int) -> str:
    return f"{FACET_MARK}pub{publication_id}"


REQUIRED_TABLES = ("meta", "region", "publication", "issue", "article", "article_fts", "article_words", "term_docs")
