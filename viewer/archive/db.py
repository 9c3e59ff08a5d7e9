"""The read-only archive facade: open and check a file, read articles, browse trees, search."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.archive import schema
from viewer.archive.highlight import Markers, find_offsets, region_from_code
from viewer.archive.query import DateRange, Query
from viewer.domain import Article, Facets, IssueInfo, SearchResult, Snapshot, TreeNode
from viewer.errors import ArchiveError

if TYPE_CHECKING:
    from viewer.archive.search import PendingSearch, SearchEngine

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


SNAPSHOT_EXCERPT = 40
MAX_COUNT_WORKERS = 4
READ_CACHE_KIB = 65536  # page cache per read connection (grows only as pages are read)


class Archive:
    """One archive file, opened read-only.

    Use `Archive.open(path)`; raises ArchiveError (with a Chinese message) when the file is
    missing, not an archive, corrupt, or of another schema version.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path,
                 split_words: Callable[[str], list[str]] | None = None,
                 tag_ids: Callable[[str], set[str]] | None = None) -> None:
        self.conn = conn
        self.path = path
        self._split_words = split_words
        self._tag_ids = tag_ids
        self._engine: SearchEngine | None = None
        self._region_cache: tuple[dict[str, int], dict[str, int]] | None = None

    @property
    def split_words(self) -> Callable[[str], list[str]] | None:
        return self._split_words

    @property
    def tag_ids(self) -> Callable[[str], set[str]] | None:
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
             tag_ids: Callable[[str], set[str]] | None = None) -> Archive:
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
                f"not a readable archive: {path} ({e})",
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
        return cls(conn, path, split_words, tag_ids)

    def close(self) -> None:
        if self._engine is not None and self._engine.counter is not None:
            self._engine.counter.close()
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def article_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM article").fetchone()[0])

    def article(self, article_id: str) -> Article:
        row = self.conn.execute(ARTICLE_SQL + " WHERE a.key = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return _article(row)

    def articles(self) -> Iterator[Article]:
        """Every article, in page order (issue date, source file, position)."""
        sql = ARTICLE_SQL + " ORDER BY i.date, i.source_file, a.seq"
        for row in self.conn.execute(sql):
            yield _article(row)

    # -- search ----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, offset: int = 0, loose: bool = False,
               markers: Markers | None = None) -> SearchResult:
        """Ranked hits for a query. Raises QuerySyntaxError when there is nothing to search for."""
        return self.engine.search(query, limit=limit, offset=offset, loose=loose, markers=markers)

    def start_search(self, query: str, limit: int = 20, offset: int = 0, loose: bool = False,
                     markers: Markers | None = None) -> PendingSearch:
        """The ranked hits as soon as they are ready; `.total.value()` or `.result()` waits for the count."""
        return self.engine.start_search(query, limit=limit, offset=offset, loose=loose, markers=markers)

    def count(self, query: str, loose: bool = False) -> int:
        q = self.engine.parse_checked(query, loose=loose)
        return self.engine.count(q) if not q.is_empty() else 0

    def facets(self, query: str, loose: bool = False) -> Facets:
        return self.engine.facets(query, loose=loose)

    def use_tags(self, tag_ids: Callable[[str], set[str]]) -> None:
        """Serve 标签:/tag: queries from user data: `tag_ids(name)` gives the article ids of a tag."""
        self._tag_ids = tag_ids
        if self._engine is not None:
            self._engine.tag_ids = tag_ids

    def existing_ids(self, ids: set[str]) -> set[str]:
        """Which of these article ids this archive has."""
        ordered = sorted(ids)
        found: set[str] = set()
        for start in range(0, len(ordered), 900):
            chunk = ordered[start : start + 900]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(f"SELECT key FROM article WHERE key IN ({marks})", chunk))
        return found

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

    def search_ids(self, query: str, loose: bool = False) -> list[str]:
        """The ids of every matching article, newest first (to tag or export all hits).

        Raises QuerySyntaxError for a query that would match everything (blank, only exclusions).
        """
        q = self.engine.parse_checked(query, loose=loose)
        rowids = self.engine.matching_rowids(q) if not q.is_empty() else []
        keys: dict[int, str] = {}
        for start in range(0, len(rowids), 900):
            chunk = rowids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            keys.update(self.conn.execute(f"SELECT id, key FROM article WHERE id IN ({marks})", chunk).fetchall())
        return [keys[r] for r in rowids]

    def match_offsets(self, article_id: str, query: str, loose: bool = False) -> dict[str, list[tuple[int, int]]]:
        """Offsets of every hit in each field of an article, for highlighting in the reader."""
        article = self.article(article_id)
        terms = [t.text for t in self.engine.parse(query, loose=loose).positive_terms]
        return {
            "headline": find_offsets(article.headline, terms),
            "subheadline": find_offsets(article.subheadline, terms),
            "body": find_offsets(article.body, terms),
        }

    # -- browsing trees --------------------------------------------------------------------
    def region_children(self, code: str | None) -> list[TreeNode]:
        """Child regions of a region code ('' or None for the top) with article counts."""
        counts, subtree = self._region_counts()
        if code:
            rows = self.conn.execute(
                "SELECT r.code, r.name FROM region r JOIN region p ON p.id = r.parent_id WHERE p.code = ? ORDER BY r.id",
                (code,)).fetchall()
        else:
            rows = self.conn.execute("SELECT code, name FROM region WHERE parent_id IS NULL ORDER BY id").fetchall()
        nodes = []
        for c, name in rows:
            total = subtree.get(c, 0)
            if total:
                own = counts.get(c, 0)
                nodes.append(TreeNode(key=c, label=name, count=total, has_children=total > own or own > 0))
        if not code:
            unknown = int(self.conn.execute("SELECT count(*) FROM article WHERE region_id IS NULL").fetchone()[0])
            if unknown:
                nodes.append(TreeNode(key="", label="全国及其他", count=unknown, has_children=True))
        return nodes

    def _region_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Articles per region code: (exactly there, in the subtree). Counted once per archive."""
        if self._region_cache is None:
            own = dict(self.conn.execute(
                "SELECT r.code, count(*) FROM article a JOIN region r ON r.id = a.region_id GROUP BY r.code"
            ).fetchall())
            subtree: dict[str, int] = {}
            for c, n in own.items():
                parts = c.split("/")
                for depth in range(1, len(parts) + 1):
                    key = "/".join(parts[:depth])
                    subtree[key] = subtree.get(key, 0) + n
            self._region_cache = (own, subtree)
        return self._region_cache

    def region_articles(self, code: str, limit: int = 500, offset: int = 0) -> list[TreeNode]:
        """Articles whose region is exactly this code ('' = no region), newest first."""
        where = "a.region_id IS NULL" if not code else "a.region_id = (SELECT id FROM region WHERE code = ?)"
        params: list[object] = [] if not code else [code]
        rows = self.conn.execute(
            f"SELECT a.key, a.headline, a.body FROM article a WHERE {where} ORDER BY a.id LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()
        return [TreeNode(key=k, label=h or b[:24], count=0, has_children=False, article_id=k) for k, h, b in rows]

    def browse(self, region: str | None = None, issue: str | None = None, publication: str | None = None,
               year: str | None = None, limit: int = 100, offset: int = 0) -> SearchResult:
        """Articles of a navigator node (a region with its subtree, an issue, a publication's year), newest first."""
        clauses, params = [], []
        if region is not None:
            if region:
                clauses.append("a.region_id IN (SELECT id FROM region WHERE code = ? OR code LIKE ? || '/%')")
                params += [region, region]
            else:
                clauses.append("a.region_id IS NULL")
        if issue is not None:
            clauses.append("a.issue_id = ?")
            params.append(int(issue.split(":", 1)[1]))
        if publication is not None:
            clauses.append("a.issue_id IN (SELECT i.id FROM issue i JOIN publication p ON p.id = i.publication_id"
                           " WHERE p.name = ?)")
            params.append(publication)
        if year is not None:
            clauses.append("substr(a.sort_date, 1, 4) = ?")
            params.append(year)
        where = " AND ".join(clauses) or "1"
        started = time.perf_counter()
        indexed = self._indexed_node(region, publication, year) if issue is None else None
        if indexed is not None:  # filter tokens in the FTS index and a rowid range: no join, no sort
            match, low, high = indexed
            total = int(self.conn.execute(
                "SELECT count(*) FROM article_fts WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ?",
                (match, low, high)).fetchone()[0])
            rowids = [r[0] for r in self.conn.execute(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ?"
                " ORDER BY rowid LIMIT ? OFFSET ?", (match, low, high, limit, offset))]
        else:
            total = int(self.conn.execute(f"SELECT count(*) FROM article a WHERE {where}", params).fetchone()[0])
            order = "a.seq" if issue is not None else "a.id"  # ids are numbered newest first
            rowids = [r[0] for r in self.conn.execute(
                f"SELECT a.id FROM article a WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])]
        hits = self.engine.hits_for([(r, 0.0) for r in rowids], [])
        return SearchResult(query="", total=total, hits=tuple(hits), elapsed_ms=(time.perf_counter() - started) * 1000)

    def _indexed_node(self, region: str | None, publication: str | None,
                      year: str | None) -> tuple[str, int, int] | None:
        """A region and/or publication (and year) node as filter tokens and a rowid range, if it can be.

        Articles without a region or a date carry no token or range, so those nodes are None.
        """
        if region == "" or year == "" or (region is None and publication is None):
            return None
        clauses = []
        if region is not None:
            region_id = self._region_id(region)
            if region_id is None:
                return None
            clauses.append(f"facets : {schema.region_token(region_id)}")
        if publication is not None:
            row = self.conn.execute("SELECT id FROM publication WHERE name = ?", (publication,)).fetchone()
            if row is None:
                return None
            clauses.append(f"facets : {schema.publication_token(int(row[0]))}")
        dates = [DateRange(f"{year}-01-01", f"{year}-12-31")] if year is not None else []
        plan = self.engine.plan(Query(raw="", dates=dates))  # a year is a rowid range
        return " AND ".join(clauses), plan.low, plan.high

    def _region_id(self, code: str) -> int | None:
        row = self.conn.execute("SELECT id FROM region WHERE code = ?", (code,)).fetchone()
        return int(row[0]) if row else None

    def publications(self) -> list[TreeNode]:
        rows = self.conn.execute(
            "SELECT p.name, count(a.id) FROM publication p JOIN issue i ON i.publication_id = p.id"
            " JOIN article a ON a.issue_id = i.id GROUP BY p.id ORDER BY p.name").fetchall()
        return [TreeNode(key=n, label=n, count=c, has_children=True) for n, c in rows]

    def publication_years(self, publication: str) -> list[TreeNode]:
        rows = self.conn.execute(
            "SELECT coalesce(substr(i.date, 1, 4), ''), count(a.id) FROM issue i"
            " JOIN publication p ON p.id = i.publication_id JOIN article a ON a.issue_id = i.id"
            " WHERE p.name = ? GROUP BY 1 ORDER BY 1 DESC", (publication,)).fetchall()
        return [TreeNode(key=f"{publication}\t{y}", label=y or "日期不详", count=c, has_children=True) for y, c in rows]

    def year_issues(self, publication: str, year: str) -> list[TreeNode]:
        rows = self.conn.execute(
            "SELECT i.id, i.date, i.date_precision, i.page, i.section, count(a.id) FROM issue i"
            " JOIN publication p ON p.id = i.publication_id JOIN article a ON a.issue_id = i.id"
            " WHERE p.name = ? AND coalesce(substr(i.date, 1, 4), '') = ? GROUP BY i.id ORDER BY i.date DESC, i.page",
            (publication, year)).fetchall()
        nodes = []
        for issue_id, date, precision, page, section, count in rows:
            label = (date or "日期不详") + ("（推断）" if precision == "range" else "")
            label += f" 第{page}版" if page else ""
            label += f" {section}" if section else ""
            nodes.append(TreeNode(key=f"issue:{issue_id}", label=label, count=count, has_children=True))
        return nodes

    def issue_articles(self, issue_key: str) -> list[TreeNode]:
        issue_id = int(issue_key.split(":", 1)[1])
        rows = self.conn.execute(
            "SELECT key, headline, body, kind FROM article WHERE issue_id = ? ORDER BY seq", (issue_id,)).fetchall()
        return [TreeNode(key=k, label=h or b[:24], count=0, has_children=False, article_id=k) for k, h, b, _ in rows]


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
