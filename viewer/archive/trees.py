"""The navigator's trees: regions with counts, publications by year and issue, and a node's articles."""

from __future__ import annotations

import sqlite3
import time

from viewer.archive import index
from viewer.archive.hits import hits_for
from viewer.archive.integrity import failing_keys, guarded
from viewer.archive.plan import MAX_ROWID, Planner
from viewer.domain import SearchResult, TreeNode, derive_title

DAMAGED_LEAF = "（文章已损坏，请重新生成档案）"  # the leaf of an article that fails its checksum


class Trees:
    """Browsing one archive connection: tree nodes and the articles of a node, newest first."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._planner = Planner(conn)
        self._region_cache: tuple[dict[str, int], dict[str, int]] | None = None

    @guarded
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
                for key in index.region_code_and_ancestors(c):
                    subtree[key] = subtree.get(key, 0) + n
            self._region_cache = (own, subtree)
        return self._region_cache

    @guarded
    def region_articles(self, code: str, limit: int = 500, offset: int = 0) -> list[TreeNode]:
        """Articles whose region is exactly this code ('' = no region), newest first."""
        where = "a.region_id IS NULL" if not code else "a.region_id = (SELECT id FROM region WHERE code = ?)"
        params: list[object] = [] if not code else [code]
        rows = self.conn.execute(
            f"SELECT a.id, a.key, a.headline, a.body, a.kind FROM article a WHERE {where} ORDER BY a.id LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()
        return self._article_nodes(rows)

    @guarded
    def browse(self, region: str | None = None, issue: str | None = None, publication: str | None = None,
               year: str | None = None, limit: int = 100, offset: int = 0, needs_review: bool = False) -> SearchResult:
        """Articles of a navigator node (a region with its subtree, an issue, a publication's year), newest first;
        with needs_review, only those the parser flagged for checking (待核对)."""
        clauses, params = [], []
        if needs_review:
            clauses.append("a.review_json != '[]'")
        if region is not None:
            if region:
                clauses.append("a.region_id IN (SELECT id FROM region WHERE code = ? OR code LIKE ?)")
                params += [region, f"{region}{index.REGION_SEPARATOR}%"]
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
        indexed = self._indexed_node(region, publication, year) if issue is None and not needs_review else None
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
        hits = hits_for(self.conn, [(r, 0.0) for r in rowids], [])
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
            clauses.append(f"facets : {index.region_token(region_id)}")
        if publication is not None:
            row = self.conn.execute("SELECT id FROM publication WHERE name = ?", (publication,)).fetchone()
            if row is None:
                return None
            clauses.append(f"facets : {index.publication_token(int(row[0]))}")
        low, high = self._planner.year_range(year) if year is not None else (1, MAX_ROWID)
        return " AND ".join(clauses), low, high

    def _region_id(self, code: str) -> int | None:
        row = self.conn.execute("SELECT id FROM region WHERE code = ?", (code,)).fetchone()
        return int(row[0]) if row else None

    @guarded
    def publications(self) -> list[TreeNode]:
        rows = self.conn.execute(
            "SELECT p.name, count(a.id) FROM publication p JOIN issue i ON i.publication_id = p.id"
            " JOIN article a ON a.issue_id = i.id GROUP BY p.id ORDER BY p.name").fetchall()
        return [TreeNode(key=n, label=n, count=c, has_children=True) for n, c in rows]

    @guarded
    def publication_years(self, publication: str) -> list[TreeNode]:
        rows = self.conn.execute(
            "SELECT coalesce(substr(i.date, 1, 4), ''), count(a.id) FROM issue i"
            " JOIN publication p ON p.id = i.publication_id JOIN article a ON a.issue_id = i.id"
            " WHERE p.name = ? GROUP BY 1 ORDER BY 1 DESC", (publication,)).fetchall()
        return [TreeNode(key=f"{publication}\t{y}", label=y or "日期不详", count=c, has_children=True) for y, c in rows]

    @guarded
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

    @guarded
    def newest_issue(self) -> TreeNode | None:
        """The newest dated issue page (the first screen lists its articles), None in an empty archive."""
        row = self.conn.execute(
            "SELECT i.id, p.name, i.date, i.page FROM issue i JOIN publication p ON p.id = i.publication_id"
            " WHERE EXISTS (SELECT 1 FROM article a WHERE a.issue_id = i.id)"
            " ORDER BY i.date IS NULL, i.date DESC, i.page LIMIT 1").fetchone()
        if row is None:
            return None
        issue_id, publication, date, page = row
        label = " ".join(x for x in (publication, date or "日期不详", f"第{page}版" if page else "") if x)
        return TreeNode(key=f"issue:{issue_id}", label=label, count=0, has_children=True)

    @guarded
    def continuation(self, article_id: str, direction: str) -> str | None:
        """The other part of a continued article: its start ("from") or its rest ("to"), printed on
        another page of the same publication and date, when the archive holds exactly one candidate
        (or one whose headline matches)."""
        wanted = ("to", "both") if direction == "from" else ("from", "both")
        rows = self.conn.execute(
            "SELECT a2.key, a2.headline, a1.headline FROM article a1 JOIN issue i1 ON i1.id = a1.issue_id"
            " JOIN issue i2 ON i2.publication_id = i1.publication_id AND i2.date = i1.date AND i2.id != i1.id"
            " JOIN article a2 ON a2.issue_id = i2.id"
            f" WHERE a1.key = ? AND a2.continued IN ({','.join('?' * len(wanted))})",
            (article_id, *wanted)).fetchall()
        same = [k for k, h2, h1 in rows if h1 and h2 and (h1 in h2 or h2 in h1)]
        if len(same) == 1:
            return str(same[0])
        return str(rows[0][0]) if len(rows) == 1 else None

    @guarded
    def issue_articles(self, issue_key: str) -> list[TreeNode]:
        issue_id = int(issue_key.split(":", 1)[1])
        rows = self.conn.execute(
            "SELECT id, key, headline, body, kind FROM article WHERE issue_id = ? ORDER BY seq", (issue_id,)).fetchall()
        return self._article_nodes(rows)

    def _article_nodes(self, rows: list[tuple[int, str, str, str, str]]) -> list[TreeNode]:
        """Leaves for (rowid, key, headline, body, kind) rows; one that fails its checksum is labelled
        damaged (opening it says what to do), never shown with altered text."""
        failing = failing_keys(self.conn, [row[0] for row in rows])
        return [_damaged_node(row[1]) if row[1] in failing else _article_node(*row[1:]) for row in rows]


def _article_node(key: str, headline: str, body: str, kind: str) -> TreeNode:
    """An article's leaf, labelled with its display title."""
    title = derive_title(headline or "", kind, body)
    return TreeNode(key=key, label=title.text, count=0, has_children=False, article_id=key, derived=title.derived)


def _damaged_node(key: str) -> TreeNode:
    """The leaf of an article whose text fails its checksum."""
    return TreeNode(key=key, label=DAMAGED_LEAF, count=0, has_children=False, article_id=key, derived=True)
