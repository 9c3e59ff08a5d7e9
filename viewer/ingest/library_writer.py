"""Writes pages into the user's library in place: one transaction a page, newest-first ids kept."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.archive import index, schema
from viewer.domain import Article, IssueInfo, RegionPath
from viewer.ingest.build import FRONT_ROOM
from viewer.text.normalize import content_runs, fold, substrings
from viewer.text.segment import Segmenter

Box = tuple[float, float, float, float]
OPTIMIZE_AFTER_PAGES = 50  # FTS5 'optimize' once this many pages were added since the last one


@dataclass(frozen=True)
class PageRecord:
    """A page to write: its articles (one issue), the file it came from, and each article's area."""

    articles: tuple[Article, ...]
    sha256: str
    file_name: str
    page_number: int = 1
    width: float = 0.0
    height: float = 0.0
    areas: tuple[tuple[Box, ...], ...] = ()  # per article, in PDF points; empty for text pages


ROW_SQL = """
SELECT a.id, a.key, a.headline, a.subheadline, a.kicker, a.byline_json, a.byline_groups_json, a.source_line,
       a.body, r.code, i.publication_id
FROM article a JOIN issue i ON i.id = a.issue_id LEFT JOIN region r ON r.id = a.region_id
"""


class LibraryWriter:
    """Adds and removes whole pages of an archive file opened read-write (WAL, never journal off).

    Attributes:
        path: the library file.
        pages_added: pages written through this writer.
    """

    def __init__(self, path: Path, segmenter: Segmenter) -> None:
        self.path = path
        self.segmenter = segmenter
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.regions: dict[str, int] = dict(self.conn.execute("SELECT code, id FROM region"))
        self.pages_added = 0
        self._terms: dict[int, set[str]] | None = None

    def close(self) -> None:
        self.conn.close()

    # -- pages ---------------------------------------------------------------------------------
    def has_file(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM issue WHERE source_sha256 = ? LIMIT 1", (sha256,)).fetchone() is not None

    def write_file(self, pages: Sequence[PageRecord], replace: bool = False) -> list[str]:
        """Write every page of one file in one transaction; return the new article keys.

        With `replace`, the pages of the same file (same sha256) go first.
        """
        if not pages:
            return []
        keys: list[str] = []
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if replace:
                for issue_id in self._issues_of(pages[0].sha256):
                    self.remove_issue(issue_id)
            for page in pages:
                keys.extend(self._add_page(page))
            self.conn.execute(
                "INSERT OR REPLACE INTO imported_file(sha256, file, pages, imported_at) VALUES (?, ?, ?, datetime('now'))",
                (pages[0].sha256, pages[0].file_name, len(pages)))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.pages_added += len(pages)
        return keys

    def rewrite_page(self, article_key: str, page: PageRecord) -> list[str]:
        """Replace the page holding `article_key` by `page` (as reviewed again) in one transaction."""
        row = self.conn.execute("SELECT issue_id FROM article WHERE key = ?", (article_key,)).fetchone()
        if row is None:
            raise KeyError(article_key)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.remove_issue(int(row[0]))
            keys = self._add_page(page)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return keys

    def _issues_of(self, sha256: str) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM issue WHERE source_sha256 = ?", (sha256,))]

    def _add_page(self, page: PageRecord) -> list[str]:
        if not page.articles:
            return []
        info = page.articles[0].issue
        issue_id = self._insert_issue(info, page.sha256)
        sort_date = info.issue_date or ""
        first = self._room_for(len(page.articles), sort_date, info.source_file)
        ordered = sorted(page.articles, key=lambda a: a.seq, reverse=True)  # later article first, as built
        pub_id = self._publication_id(info)
        keys = []
        for offset, article in enumerate(ordered):
            key = self._free_key(article.id)
            rowid = first + offset
            self.conn.execute(
                "INSERT INTO article(id, key, issue_id, seq, kind, kicker, headline, subheadline, byline_json,"
                " byline_groups_json, source_line, column_name, continued, signature, body, region_id, char_count,"
                " sort_date, review_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rowid, key, issue_id, article.seq, article.kind, article.kicker, article.headline,
                 article.subheadline, json.dumps(list(article.byline), ensure_ascii=False),
                 json.dumps(list(article.byline_groups), ensure_ascii=False), article.source_line, article.column,
                 article.continued, article.signature, article.body, self._region_id(article.region),
                 article.char_count, sort_date, json.dumps(list(article.review))))
            self._index(rowid, article, pub_id)
            self._count_terms(article, +1)
            keys.append(key)
        self.conn.executemany("INSERT OR REPLACE INTO article_check VALUES (?, ?)",  # as the builder checksums them
                              [(row[0], schema.row_checksum(row)) for row in
                               self.conn.execute(schema.ARTICLE_SQL + " WHERE a.issue_id = ?", (issue_id,))])
        self.conn.execute("INSERT INTO imported_page(issue_id, sha256, page_number, width, height) VALUES (?, ?, ?, ?, ?)",
                          (issue_id, page.sha256, page.page_number, page.width, page.height))
        by_key = dict(zip((a.id for a in ordered), keys, strict=True))
        for article, boxes in zip(page.articles, page.areas, strict=False):
            self.conn.executemany("INSERT INTO article_area(article_key, left, bottom, right, top) VALUES (?, ?, ?, ?, ?)",
                                  [(by_key[article.id], *box) for box in boxes])
        return [by_key[a.id] for a in page.articles]

    def remove_issue(self, issue_id: int) -> None:
        """Take a page out (inside the caller's transaction): its articles, index entries and areas."""
        rows = self.conn.execute(ROW_SQL + " WHERE a.issue_id = ?", (issue_id,)).fetchall()
        for row in rows:
            article = _row_article(row)
            self._unindex(row[0], article, row[10])
            self._count_terms(article, -1)
            self.conn.execute("DELETE FROM article_area WHERE article_key = ?", (row[1],))
        self.conn.execute("DELETE FROM article_check WHERE key IN (SELECT key FROM article WHERE issue_id = ?)",
                          (issue_id,))
        self.conn.execute("DELETE FROM article WHERE issue_id = ?", (issue_id,))
        self.conn.execute("DELETE FROM imported_page WHERE issue_id = ?", (issue_id,))
        self.conn.execute("DELETE FROM issue WHERE id = ?", (issue_id,))

    def _insert_issue(self, info: IssueInfo, sha256: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO issue(publication_id, date, date_precision, date_inferred, page, section,"
            " editors, source_file, source_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self._publication_id(info), info.issue_date, info.date_precision, int(info.date_inferred), info.page,
             info.section, " ".join(info.editors), info.source_file, sha256))
        return int(cur.lastrowid or 0)

    def _publication_id(self, info: IssueInfo) -> int:
        row = self.conn.execute("SELECT id FROM publication WHERE name = ?", (info.publication,)).fetchone()
        if row:
            return int(row[0])
        kind = "newspaper" if info.publication.endswith("报") else "periodical"
        cur = self.conn.execute("INSERT INTO publication(name, kind, inferred) VALUES (?, ?, ?)",
                                (info.publication, kind, int(info.publication_inferred)))
        return int(cur.lastrowid or 0)

    def _free_key(self, key: str) -> str:
        candidate, n = key, 1
        while self.conn.execute("SELECT 1 FROM article WHERE key = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{key}-{n}"
        return candidate

    # -- newest-first numbering ------------------------------------------------------------------
    def _room_for(self, count: int, sort_date: str, source_file: str) -> int:
        """The first of `count` free ids where a page of this date and file belongs.

        Articles are numbered newest first (by date, then file name, descending): the page goes
        after every newer article. The newer ones move down into the free ids at the front; when
        there are too few, the older ones move up.
        """
        # Two lookups through the date index (one OR across the join would read every article).
        newer = max(self.conn.execute("SELECT max(id) FROM article WHERE sort_date > ?", (sort_date,)).fetchone()[0] or 0,
                    self.conn.execute("SELECT max(a.id) FROM article a JOIN issue i ON i.id = a.issue_id"
                                      " WHERE a.sort_date = ? AND i.source_file > ?",
                                      (sort_date, source_file)).fetchone()[0] or 0)
        older = self.conn.execute("SELECT min(id) FROM article WHERE id > ?", (newer,)).fetchone()[0]
        if older is None:  # the oldest page (or the first of an empty archive)
            return newer + 1 if newer else FRONT_ROOM + 1
        if older - newer > count:  # free ids between: the newest page takes those next to the rest
            return newer + 1 if newer else older - count
        lowest = self.conn.execute("SELECT min(id) FROM article").fetchone()[0]
        if lowest - count >= 1:
            self._shift(lowest, newer, -count)
            return newer - count + 1
        self._shift(older, self.conn.execute("SELECT max(id) FROM article").fetchone()[0], count)
        return newer + 1

    def _shift(self, low: int, high: int, delta: int) -> None:
        """Renumber articles low..high by delta: their index entries move with them."""
        rows = self.conn.execute(ROW_SQL + " WHERE a.id BETWEEN ? AND ?", (low, high)).fetchall()
        for row in rows:
            self._unindex(row[0], _row_article(row), row[10])
        self.conn.execute("UPDATE article SET id = -id WHERE id BETWEEN ? AND ?", (low, high))
        self.conn.execute("UPDATE article SET id = -id + ? WHERE id < 0", (delta,))
        for row in rows:
            self._index(row[0] + delta, _row_article(row), row[10])

    # -- index -----------------------------------------------------------------------------------
    def _facets(self, region: RegionPath, publication_id: int) -> str:
        """The filter tokens, as the builder writes them: the region and each one above it, the publication."""
        code = index.region_code(region)
        codes = index.region_code_and_ancestors(code) if code else []
        ids = dict.fromkeys(i for c in codes if (i := self.regions.get(c)) is not None)
        return " ".join([*(index.region_token(i) for i in ids), index.publication_token(publication_id)])

    def _region_id(self, region: RegionPath) -> int | None:
        code = index.region_code(region)
        return self.regions.get(code) if code else None

    def _values(self, article: Article, publication_id: int) -> tuple[tuple[str, ...], str]:
        facets = self._facets(article.region, publication_id)
        words = self.segmenter.word_index_form(index.word_text(article))
        return (*index.fts_fields(article), facets), f"{words} {facets}"

    def _index(self, rowid: int, article: Article, publication_id: int) -> None:
        fts, words = self._values(article, publication_id)
        self.conn.execute("INSERT INTO article_fts(rowid, body, headline, subheadline, byline, facets)"
                          " VALUES (?, ?, ?, ?, ?, ?)", (rowid, *fts))
        self.conn.execute("INSERT INTO article_words(rowid, words) VALUES (?, ?)", (rowid, words))

    def _unindex(self, rowid: int, article: Article, publication_id: int) -> None:
        fts, words = self._values(article, publication_id)
        self.conn.execute("INSERT INTO article_fts(article_fts, rowid, body, headline, subheadline, byline, facets)"
                          " VALUES ('delete', ?, ?, ?, ?, ?, ?)", (rowid, *fts))
        self.conn.execute("INSERT INTO article_words(article_words, rowid, words) VALUES ('delete', ?, ?)",
                          (rowid, words))

    def _count_terms(self, article: Article, sign: int) -> None:
        """Keep term_docs exact: each stored term the article holds counts it once more (or less)."""
        if self._terms is None:
            self._terms = {}
            for (term,) in self.conn.execute("SELECT term FROM term_docs"):
                self._terms.setdefault(len(term), set()).add(term)
        if not self._terms:
            return
        found: set[str] = set()
        longest = max(self._terms)
        for text in index.indexed_texts(article):
            for _, run in content_runs(fold(text)):
                for piece in substrings(run, min(self._terms), longest):
                    if piece in self._terms.get(len(piece), ()):
                        found.add(piece)
        self.conn.executemany("UPDATE term_docs SET docs = docs + ? WHERE term = ?", [(sign, t) for t in found])

    def finish(self) -> bool:
        """End of a batch: optimise the index when enough pages were added since the last time."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'pages_since_optimize'").fetchone()
        pending = int(row[0]) if row else 0
        pending += self.pages_added
        self.pages_added = 0
        optimize = pending >= OPTIMIZE_AFTER_PAGES
        self.conn.execute("BEGIN IMMEDIATE")
        if optimize:
            self.conn.execute("INSERT INTO article_fts(article_fts) VALUES ('optimize')")
            self.conn.execute("INSERT INTO article_words(article_words) VALUES ('optimize')")
            pending = 0
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('pages_since_optimize', ?)", (str(pending),))
        self.conn.execute("COMMIT")
        return optimize


def _row_article(row: Sequence[object]) -> Article:
    """Enough of an article (from ROW_SQL) to recompute its index entries."""
    code = str(row[9] or "")
    return Article(
        id=str(row[1]), source="", seq=0, kind="news", headline=str(row[2]), subheadline=str(row[3]),
        kicker=str(row[4]), byline=tuple(json.loads(str(row[5]))), byline_groups=tuple(json.loads(str(row[6]))),
        source_line=str(row[7]), body=str(row[8]), region=index.region_from_code(code),
        issue=IssueInfo("", False, None, "unknown", False, None, None))
