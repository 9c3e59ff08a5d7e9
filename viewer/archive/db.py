"""The read-only archive facade: open and check a file, read articles, browse trees, search."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.archive import schema
from viewer.archive.highlight import Markers, find_offsets
from viewer.archive.index import region_from_code
from viewer.archive.integrity import check_structure, damaged, guarded
from viewer.archive.plan import TagLookup
from viewer.archive.trees import Trees
from viewer.domain import Article, Facets, IssueInfo, SearchResult, Snapshot
from viewer.errors import ArchiveError

if TYPE_CHECKING:
    from viewer.archive.search import PendingSearch, Search, SearchEngine

SNAPSHOT_EXCERPT = 40
MAX_COUNT_WORKERS = 4
READ_CACHE_KIB = 65536  # page cache per read connection (grows only as pages are read)
MAX_PAGE = 2**31 - 1  # limit and offset are clamped to this (SQLite integers, no OverflowError)


class Archive:
    """One archive file, opened read-only.

    Use `Archive.open(path)`; raises ArchiveError (with a Chinese message) when the file is
    missing, not an archive, corrupt, or of another schema version.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path,
                 split_words: Callable[[str], list[str]] | None = None,
                 tag_ids: TagLookup | None = None, checked: bool = False) -> None:
        self.conn = conn
        self._checked = checked  # the archive has article checksums (article_check)
        self.path = path
        self.trees = Trees(conn)
        self._split_words = split_words
        self._tag_ids = tag_ids
        self._engine: SearchEngine | None = None

    @property
    def split_words(self) -> Callable[[str], list[str]] | None:
        return self._split_words

    @property
    def tag_ids(self) -> TagLookup | None:
        return self._tag_ids

    @property
    def engine(self) -> SearchEngine:
        """The search engine, made (and its module loaded) at the first search."""
        if self._engine is None:
            from viewer.archive.parallel import ParallelCounter
            from viewer.archive.search import SearchEngine

            workers = min(os.cpu_count() or 1, MAX_COUNT_WORKERS)
            path = self.path
            counter = ParallelCounter(lambda: _connect_read_only(path), workers) if workers > 1 else None
            self._engine = SearchEngine(self.conn, self._split_words, self._tag_ids, counter)
        return self._engine

    @classmethod
    def open(cls, path: str | Path, split_words: Callable[[str], list[str]] | None = None,
             tag_ids: TagLookup | None = None) -> Archive:
        """Open read-only. `split_words` serves loose mode; `tag_ids(name)` serves 标签: queries."""
        path = Path(path)
        if not path.is_file():
            raise ArchiveError(
                f"archive not found: {path}",
                f"找不到档案文件：{path}\n请先运行“python -m viewer build”生成档案，或检查文件位置。",
            )
        try:
            conn = _connect_read_only(path)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
        except sqlite3.DatabaseError as e:
            raise ArchiveError(
                f"not a readable archive: {path} ({e}); rebuild it (python -m viewer build) or reinstall the app",
                f"档案文件已损坏或不是档案：{path}\n请重新生成档案（python -m viewer build）或重新复制程序。",
            ) from e
        # An archive of another version may lack a table this one needs: say which version it is.
        if version != schema.SCHEMA_VERSION and {"meta", "article"} <= tables:
            conn.close()
            older = version < schema.SCHEMA_VERSION
            raise ArchiveError(
                f"archive schema version {version}, this program reads {schema.SCHEMA_VERSION}: {path}",
                ("档案版本过旧" if older else "档案版本比程序新")
                + f"（{version}，需要 {schema.SCHEMA_VERSION}）：{path}\n"
                + ("请用本程序重新生成档案（python -m viewer build）。" if older else "请升级本程序。"),
            )
        missing = [t for t in schema.REQUIRED_TABLES if t not in tables]
        if missing:
            conn.close()
            raise ArchiveError(
                f"not an archive (missing {', '.join(missing)}): {path}",
                f"这不是本程序的档案文件：{path}\n请重新生成档案（python -m viewer build）。",
            )
        try:
            check_structure(conn, path)
        except ArchiveError:
            conn.close()
            raise
        return cls(conn, path, split_words, tag_ids, checked="article_check" in tables)

    def close(self) -> None:
        if self._engine is not None and self._engine.counter is not None:
            self._engine.counter.close()
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------
    @guarded
    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    @guarded
    def article_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM article").fetchone()[0])

    @guarded
    def article(self, article_id: str) -> Article:
        """The full article (KeyError when there is none); ArchiveError when its checksum fails."""
        row = self.conn.execute(schema.ARTICLE_SQL + " WHERE a.key = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        if row[0] != article_id:  # the key index points at another row: never show that one instead
            raise damaged(self.path, f"the key index gives article {row[0]} for {article_id}")
        if self._checked:
            crc = self.conn.execute("SELECT crc FROM article_check WHERE key = ?", (row[0],)).fetchone()
            self._verify(row, crc[0] if crc else None)
        return _article(row)

    def articles(self) -> Iterator[Article]:
        """Every article, in page order (issue date, source file, position), each verified."""
        try:
            checks = dict(self.conn.execute("SELECT key, crc FROM article_check")) if self._checked else {}
            sql = schema.ARTICLE_SQL + " ORDER BY i.date, i.source_file, a.seq"
            for row in self.conn.execute(sql):
                self._verify(row, checks.get(row[0]))
                yield _article(row)
        except sqlite3.DatabaseError as e:
            raise damaged(self.path, str(e)) from e

    def _verify(self, row: tuple, crc: int | None) -> None:  # type: ignore[type-arg]
        """Refuse an article whose stored checksum does not match (articles without one are unchecked)."""
        if crc is not None and schema.row_checksum(row) != crc:
            raise damaged(self.path, f"article {row[0]} fails its checksum")
        try:
            _article(row)
        except (ValueError, TypeError) as e:  # unreadable JSON in a damaged row
            raise damaged(self.path, f"article {row[0]} cannot be read: {e}") from e

    # -- search ----------------------------------------------------------------------------
    @guarded
    def query(self, text: str, loose: bool = False, markers: Markers | None = None) -> Search:
        """One search, parsed and planned once: `.page()`, `.result()`, `.total()`, `.facets()`, `.ids()`.

        Any text is accepted (undecodable bytes become U+FFFD). Raises QuerySyntaxError when there is
        nothing to search for (blank, only exclusions).
        """
        return self.engine.query(_clean(text), loose=loose, markers=markers)

    @guarded
    def search(self, query: str, limit: int = 20, offset: int = 0, loose: bool = False,
               markers: Markers | None = None) -> SearchResult:
        """Ranked hits for a query with the total. Raises QuerySyntaxError when there is nothing to search for.

        Limit and offset are clamped to 0..MAX_PAGE."""
        return self.query(query, loose, markers).result(_page(limit), _page(offset))

    @guarded
    def start_search(self, query: str, limit: int = 20, offset: int = 0, loose: bool = False,
                     markers: Markers | None = None) -> PendingSearch:
        """The ranked hits as soon as they are ready; `.total.value()` or `.result()` waits for the count."""
        return self.query(query, loose, markers).page(_page(limit), _page(offset))

    @guarded
    def count(self, query: str, loose: bool = False) -> int:
        return self.query(query, loose).total()

    @guarded
    def facets(self, query: str, loose: bool = False) -> Facets:
        return self.query(query, loose).facets()

    @guarded
    def search_ids(self, query: str, loose: bool = False) -> list[str]:
        """The ids of every matching article, newest first (to tag or export all hits).

        Raises QuerySyntaxError for a query that would match everything (blank, only exclusions).
        """
        return self.query(query, loose).ids()

    def use_tags(self, tag_ids: TagLookup) -> None:
        """Serve 标签:/tag: queries from user data: `tag_ids(name)` gives the article ids of a tag."""
        self._tag_ids = tag_ids
        if self._engine is not None:
            self._engine.planner.tag_ids = tag_ids

    @guarded
    def existing_ids(self, ids: set[str]) -> set[str]:
        """Which of these article ids this archive has."""
        ordered = sorted(ids)
        found: set[str] = set()
        for start in range(0, len(ordered), 900):
            chunk = ordered[start : start + 900]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(f"SELECT key FROM article WHERE key IN ({marks})", chunk))
        return found

    @guarded
    def find_by_snapshot(self, snapshot: Snapshot) -> str | None:
        """The article a snapshot describes (same headline, publication and date, or the same opening)."""
        rows = self.conn.execute(
            "SELECT a.key, a.headline, a.body, p.name, i.date FROM article a JOIN issue i ON i.id = a.issue_id"
            " JOIN publication p ON p.id = i.publication_id WHERE a.headline = ? OR substr(a.body, 1, ?) = ?",
            (snapshot.headline, len(snapshot.excerpt), snapshot.excerpt or "\x00"),
        ).fetchall()
        same_issue = [r for r in rows if r[3] == snapshot.publication and r[4] == snapshot.issue_date]
        for candidates in (same_issue, rows):
            exact = [r for r in candidates if snapshot.headline and r[1] == snapshot.headline
                     and (not snapshot.excerpt or r[2].startswith(snapshot.excerpt))]
            if len(exact) == 1:
                return str(exact[0][0])
            if len(candidates) == 1:
                return str(candidates[0][0])
        return None

    def snapshot(self, article_id: str) -> Snapshot:
        """What user data keeps of an article to find it again after a rebuild."""
        a = self.article(article_id)
        return Snapshot(a.id, a.headline, a.issue.publication, a.issue.issue_date, a.body[:SNAPSHOT_EXCERPT])

    @guarded
    def match_offsets(self, article_id: str, query: str, loose: bool = False) -> dict[str, list[tuple[int, int]]]:
        """Offsets of every hit in each field of an article, for highlighting in the reader."""
        article = self.article(article_id)
        terms = list(self.query(query, loose).terms)
        return {
            "headline": find_offsets(article.headline, terms),
            "subheadline": find_offsets(article.subheadline, terms),
            "body": find_offsets(article.body, terms),
        }


def _clean(text: str) -> str:
    """Lone surrogates (undecodable bytes) become U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _page(value: int) -> int:
    return min(max(0, int(value)), MAX_PAGE)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    # Article rows are fetched by id for snippets and checks; with the default 2 MB cache each
    # fetch reads its 32 KB page again from the file. The cache only fills as pages are read.
    conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
    return conn


def _article(row: tuple) -> Article:  # type: ignore[type-arg]
    (key, source, seq, kind, headline, sub, kicker, byline, groups, source_line, body, code, pub,
     pub_inferred, date, precision, date_inferred, page, section, editors, column, continued, signature, review) = row
    issue = IssueInfo(
        publication=pub, publication_inferred=bool(pub_inferred), issue_date=date, date_precision=precision,
        date_inferred=bool(date_inferred), page=page, section=section,
        editors=tuple(editors.split()) if editors else (), source_file=source,
    )
    return Article(
        id=key, source=source, seq=seq, kind=kind, headline=headline, subheadline=sub, kicker=kicker,
        byline=tuple(json.loads(byline)), byline_groups=tuple(json.loads(groups)), source_line=source_line,
        body=body, region=region_from_code(code), issue=issue, column=column, continued=continued,
        signature=signature, review=tuple(json.loads(review)),
    )
