"""Planning a parsed query: filters as FTS clauses and a rowid range, tags and kinds as allowed rowids."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from viewer.archive import index
from viewer.archive import query as querylang
from viewer.errors import QuerySyntaxError

MAX_ROWID = 2**62
TagLookup = Callable[[str], set[str]]  # a tag's name -> the ids of the articles carrying it
NO_USER_DATA = "个人数据不可用：标签筛选没有结果"


@dataclass(frozen=True)
class Plan:
    """How a parsed query runs: an FTS expression ('' for none) within a rowid range."""

    expression: str
    low: int
    high: int
    impossible: bool
    verify: bool  # terms with separators: check candidates against the text
    allowed: frozenset[int] | None = None  # rowids the user's tags allow (标签:), None = any
    filters: tuple[str, ...] = ()  # filter-token alternatives, "(tokenA OR tokenB)", that must all match
    lookup: str | None = None  # the whole query is this term over every article: term_docs may count it

    @property
    def listed(self) -> bool:
        """Matches must be listed and filtered in Python (verification or tags)."""
        return self.verify or self.allowed is not None


class Planner:
    """Parses query text and plans it against one archive connection.

    Attributes:
        conn: a read-only sqlite3 connection.
        split_words: jieba word splitter for loose mode (optional).
        tag_ids: the tag lookup for 标签: (None: no user data, a tag filter finds nothing and says so).
    """

    def __init__(self, conn: sqlite3.Connection, split_words: Callable[[str], list[str]] | None = None,
                 tag_ids: TagLookup | None = None) -> None:
        self.conn = conn
        self.split_words = split_words
        self.tag_ids = tag_ids

    def parse(self, text: str, loose: bool = False) -> querylang.Query:
        return querylang.parse_query(text, loose=loose, split_words=self.split_words)

    def parse_checked(self, text: str, loose: bool = False) -> querylang.Query:
        """Parse, refusing a query that would match everything (blank, or only exclusions).

        A query with nothing searchable in it (😀) parses to an empty query that matches nothing.
        """
        q = self.parse(text, loose=loose)
        if q.is_empty() and (q.excluded or not text.strip()):
            raise QuerySyntaxError(f"nothing to search for in {text!r}", "；".join(q.notices) or "请输入要查找的文字")
        if q.tags and self.tag_ids is None:
            q.notices.append(NO_USER_DATA)
        return q

    def plan(self, q: querylang.Query) -> Plan:
        """Turn filters into FTS clauses (region, publication) and a rowid range (dates)."""
        filters: list[str] = []
        impossible = False
        allowed = self._tagged_rowids(q.tags) if q.tags else None
        if q.kinds:
            of_kind = self._kind_rowids(q.kinds)
            allowed = of_kind if allowed is None else allowed & of_kind
        if allowed is not None and not allowed:
            impossible = True
        for name in q.regions:
            ids = [r[0] for r in self.conn.execute(
                "SELECT id FROM region WHERE name = ? OR name LIKE ? || '_'", (name, name))]
            impossible |= not ids
            filters.append("(" + " OR ".join(index.region_token(i) for i in ids) + ")")
        for pub in q.publications:
            ids = [r[0] for r in self.conn.execute("SELECT id FROM publication WHERE instr(name, ?) > 0", (pub,))]
            impossible |= not ids
            filters.append("(" + " OR ".join(index.publication_token(i) for i in ids) + ")")
        low, high = 1, MAX_ROWID
        for rng in q.dates:  # articles are numbered newest first: the newest in range has the lowest id
            newest = self._date_edge("max(sort_date)", "sort_date BETWEEN '0' AND ?", "min(id)", rng.end)
            oldest = self._date_edge("min(sort_date)", "sort_date >= ?", "max(id)", rng.start)
            low, high = max(low, newest if newest is not None else MAX_ROWID), min(high, oldest or 0)
        only = q.positive_terms[0] if len(q.positive_terms) == 1 and not (q.excluded or q.has_filters) else None
        return Plan(
            expression="" if impossible else q.fts_expression(tuple(f"facets : {f}" for f in filters)),
            low=low, high=high, impossible=impossible or low > high,
            verify=any(t.needs_verification() for t in q.positive_terms), allowed=allowed, filters=tuple(filters),
            lookup=only.lookup_text() if only else None,
        )

    def year_range(self, year: str) -> tuple[int, int]:
        """The rowid range of a year's articles (articles are numbered newest first)."""
        plan = self.plan(querylang.Query(raw="", dates=[querylang.DateRange(f"{year}-01-01", f"{year}-12-31")]))
        return plan.low, plan.high

    def _date_edge(self, pick_date: str, condition: str, pick_id: str, bound: str) -> int | None:
        """The id at one end of a date range: the edge date by the date index, then its edge id."""
        row = self.conn.execute(
            f"SELECT {pick_id} FROM article WHERE sort_date = (SELECT {pick_date} FROM article WHERE {condition})",
            (bound,)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def _kind_rowids(self, kinds: list[str]) -> frozenset[int]:
        """Rowids of articles of any of these kinds (类型:图片)."""
        marks = ",".join("?" * len(kinds))
        return frozenset(r[0] for r in self.conn.execute(f"SELECT id FROM article WHERE kind IN ({marks})", kinds))

    def _tagged_rowids(self, tags: list[str]) -> frozenset[int]:
        """Rowids of articles carrying every one of the tags (none without user data)."""
        if self.tag_ids is None:
            return frozenset()
        keys: set[str] | None = None
        for tag in tags:
            found = self.tag_ids(tag)
            keys = found if keys is None else keys & found
        ordered = sorted(keys or ())
        rowids: set[int] = set()
        for start in range(0, len(ordered), 900):
            chunk = ordered[start : start + 900]
            marks = ",".join("?" * len(chunk))
            rowids.update(r[0] for r in self.conn.execute(f"SELECT id FROM article WHERE key IN ({marks})", chunk))
        return frozenset(rowids)
