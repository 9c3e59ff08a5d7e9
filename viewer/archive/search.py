"""One search per query: parsed and planned once, then its pages, total, facets and ids from that plan."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from viewer.archive import query as querylang
from viewer.archive.facets import FacetCounter
from viewer.archive.highlight import Markers
from viewer.archive.hits import hits_for, keys_of
from viewer.archive.match import Matcher, Total
from viewer.archive.parallel import ParallelCounter
from viewer.archive.plan import Plan, Planner, TagLookup
from viewer.archive.rank import Ranker
from viewer.archive.sql_errors import raise_sqlite_error
from viewer.domain import Facets, SearchHit, SearchResult


@contextmanager
def blamed() -> Iterator[None]:
    """SQLite errors leave the search as a query, archive or bug error (viewer/archive/sql_errors.py)."""
    try:
        yield
    except sqlite3.Error as e:
        raise_sqlite_error(e)


@dataclass(frozen=True)
class PendingSearch:
    """A ranked page of hits whose total may not be known yet (the UI shows the hits first)."""

    query: str
    hits: tuple[SearchHit, ...]
    total: Total
    terms: tuple[str, ...] = ()
    notice: str = ""
    started: float = 0.0  # perf_counter() when the page was asked for
    page_ms: float = 0.0  # time until the hits were ready

    def so_far(self) -> SearchResult:
        """The hits as a result whose total is only the number of hits at hand."""
        return SearchResult(query=self.query, total=len(self.hits), hits=self.hits, terms=self.terms,
                            notice=self.notice, elapsed_ms=self.page_ms)

    def result(self, total: int | None = None) -> SearchResult:
        """The complete result, counting the total unless the caller knows it."""
        with blamed():
            total = self.total.value() if total is None else total
        elapsed = (time.perf_counter() - self.started) * 1000 if self.started else self.page_ms
        return SearchResult(query=self.query, total=total, hits=self.hits, terms=self.terms, notice=self.notice,
                            elapsed_ms=elapsed)


class Search:
    """One query on one archive: parsed and planned once; pages, total, facets and ids answered from it.

    Raises QuerySyntaxError when made for a query with nothing to search for (blank, only exclusions).

    Attributes:
        text: the query as typed.
        loose: 模糊 mode (a sentence split into words).
        terms: the positive terms (for highlighting).
        notice: what the parser had to say about the query ('' when nothing).
    """

    def __init__(self, engine: SearchEngine, text: str, loose: bool = False, markers: Markers | None = None) -> None:
        self._engine = engine
        self.text = text
        self.loose = loose
        self._markers = markers
        with blamed():
            self._query = engine.planner.parse_checked(text, loose=loose)
            self._empty = self._query.is_empty()
            self.plan: Plan = engine.planner.plan(self._query)
        self.terms = tuple(t.text for t in self._query.positive_terms)
        self._snippet_terms = [t.text for t in self._query.positive_terms if t.field != "author"]
        self.notice = "；".join(self._query.notices) or ("请输入要查找的文字" if self._empty else "")
        self._rowids: list[int] | None = None
        self._total: Total | None = Total.known(0) if self._empty else None

    def page(self, limit: int = 20, offset: int = 0) -> PendingSearch:
        """A ranked page with snippets, as soon as it is ready; its total may still be counting."""
        started = time.perf_counter()
        if self._empty:
            return PendingSearch(self.text, (), Total.known(0), notice=self.notice)
        with blamed():
            ranked, total = self._engine.ranker.ranked_rowids(self._query, self.plan, max(0, limit), max(0, offset),
                                                               self.rowids)
            hits = hits_for(self._engine.conn, ranked, self._snippet_terms, self._markers)
        if self._total is None or (total.ready and not self._total.ready):
            self._total = total
        return PendingSearch(self.text, tuple(hits), self._total, terms=self.terms, notice=self.notice,
                             started=started, page_ms=(time.perf_counter() - started) * 1000)

    def result(self, limit: int = 20, offset: int = 0) -> SearchResult:
        """The ranked page with the total."""
        return self.page(limit, offset).result()

    def total(self) -> int:
        """How many articles match (counted once: by lookup, in parallel, or from the listed matches)."""
        if self._total is None:
            self._total = Total.known(len(self.rowids())) if self.plan.listed else self._engine.matcher.total(self.plan)
        with blamed():
            return self._total.value()

    def rowids(self) -> list[int]:
        """Every matching rowid, newest first (listed once, kept for facets and ids)."""
        if self._rowids is None:
            with blamed():
                self._rowids = [] if self._empty else self._engine.matcher.matching_rowids(self._query, self.plan)
            if self._total is None or not self._total.ready:
                self._total = Total.known(len(self._rowids))
        return self._rowids

    def facets(self) -> Facets:
        """Match counts by city, publication and year; also settles the total."""
        with blamed():
            return self._engine.facet_counter.facets(self.rowids())

    def ids(self) -> list[str]:
        """The ids of every matching article, newest first (to tag or export every hit)."""
        with blamed():
            return keys_of(self._engine.conn, self.rowids())


class SearchEngine:
    """What searching one archive connection needs, made once: planner, matcher, ranker, facet counter.

    Attributes:
        conn: a read-only sqlite3 connection.
        counter: several read-only connections for big counts (None on one core).
    """

    def __init__(self, conn: sqlite3.Connection, split_words: Callable[[str], list[str]] | None = None,
                 tag_ids: TagLookup | None = None, counter: ParallelCounter | None = None) -> None:
        self.conn = conn
        self.counter = counter
        self.planner = Planner(conn, split_words, tag_ids)
        self.matcher = Matcher(conn, counter)
        self.ranker = Ranker(self.matcher)
        self.facet_counter = FacetCounter(conn)

    def query(self, text: str, loose: bool = False, markers: Markers | None = None) -> Search:
        return Search(self, text, loose, markers)

    def parse(self, text: str, loose: bool = False) -> querylang.Query:
        return self.planner.parse(text, loose=loose)

    def plan(self, q: querylang.Query) -> Plan:
        return self.planner.plan(q)

    def hits_for(self, ranked: list[tuple[int, float]], terms: list[str],
                 markers: Markers | None = None) -> list[SearchHit]:
        with blamed():
            return hits_for(self.conn, ranked, terms, markers)
