"""Full-text search over the archive: exact substring matching, fast ranking, snippets, facets."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from operator import itemgetter
from typing import TypeVar

from viewer.archive import query as querylang
from viewer.archive.highlight import Markers, first_sentence, make_snippet, region_from_code
from viewer.archive.parallel import ParallelCounter
from viewer.archive.schema import BM25_WEIGHTS, publication_token, region_token
from viewer.domain import Facet, Facets, SearchHit, SearchResult
from viewer.errors import QuerySyntaxError
from viewer.text.normalize import fold

T = TypeVar("T")

# bm25 costs about 1.6 µs per match: rank the newest this many matches, the rest newest first.
RANK_WINDOW = 1000
# Score offset that puts matches with every term inside words above those crossing word boundaries.
WORD_TIER = 100.0
HEADLINE_SCORE = 10.0  # a headline hit in a window ranked without bm25
MAX_ROWID = 2**62
PARALLEL_MIN_ROWS = 20_000  # below this a count is quicker on one connection
VERIFY_COLUMNS = ("body", "headline", "subheadline", "kicker", "byline_json", "byline_groups_json", "source_line")
VERIFY_TEXT = ("(headline || ' ' || subheadline || ' ' || kicker || ' ' || body || ' ' || byline_json"
               " || ' ' || byline_groups_json || ' ' || source_line)")
UNKNOWN = "（未知）"
# FTS5 checks a rowid range's far end only on a match: a rare match set is read on past it
# to the next match. Read backwards, the scan of a range that starts at the newest (rowid 1)
# ends where the index does (headline matches of 2025年 in the window: 4.2 ms forwards, 0.5 backwards).
BACKWARDS = "ORDER BY rowid DESC"
STORED_CODECS = {"UTF-8": "utf-8", "UTF-16le": "utf-16-le", "UTF-16be": "utf-16-be"}  # PRAGMA encoding


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


class Total:
    """A match count, computed when first asked for (`value()`) and kept."""

    def __init__(self, compute: Callable[[], int]) -> None:
        self._compute: Callable[[], int] | None = compute
        self._value: int | None = None

    @classmethod
    def known(cls, value: int) -> Total:
        total = cls(lambda: value)
        total.value()
        return total

    @property
    def ready(self) -> bool:
        """Is the count at hand (value() would not count)?"""
        return self._value is not None

    def value(self) -> int:
        if self._value is None:
            assert self._compute is not None
            self._value, self._compute = self._compute(), None
        return self._value


@dataclass(frozen=True)
class PendingSearch:
    """A ranked page of hits whose total may not be known yet (the UI shows the hits first)."""

    query: str
    hits: tuple[SearchHit, ...]
    total: Total
    terms: tuple[str, ...] = ()
    notice: str = ""
    started: float = 0.0  # perf_counter() when the search began
    page_ms: float = 0.0  # time until the hits were ready

    def so_far(self) -> SearchResult:
        """The hits as a result whose total is only the number of hits at hand."""
        return SearchResult(query=self.query, total=len(self.hits), hits=self.hits, terms=self.terms,
                            notice=self.notice, elapsed_ms=self.page_ms)

    def result(self, total: int | None = None) -> SearchResult:
        """The complete result, counting the total unless the caller knows it (Facets.matches)."""
        total = self.total.value() if total is None else total
        elapsed = (time.perf_counter() - self.started) * 1000 if self.started else self.page_ms
        return SearchResult(query=self.query, total=total, hits=self.hits, terms=self.terms, notice=self.notice,
                            elapsed_ms=elapsed)


class FacetLabels:
    """One facet's label of every article, as a list indexed by rowid: tallies run in C."""

    def __init__(self, key_of_rowid: list[object], label_of: dict[object, str]) -> None:
        """`key_of_rowid[r]`: article r's key (a region id, an issue id, a year); `label_of` names keys."""
        keys = set(key_of_rowid)
        self.names = sorted({label_of.get(k, UNKNOWN) for k in keys})
        number_of_key = {k: self.names.index(label_of.get(k, UNKNOWN)) for k in keys}
        self.of_rowid = list(map(number_of_key.__getitem__, key_of_rowid))

    def tally(self, rowids: list[int]) -> Counter[str]:
        counts = Counter(map(self.of_rowid.__getitem__, rowids))
        return Counter({self.names[number]: n for number, n in counts.items()})


class SearchEngine:
    """Runs parsed queries against an open archive connection.

    Attributes:
        conn: a read-only sqlite3 connection.
        split_words: jieba word splitter for loose mode (optional).
    """

    def __init__(self, conn: sqlite3.Connection, split_words: Callable[[str], list[str]] | None = None,
                 tag_ids: Callable[[str], set[str]] | None = None, counter: ParallelCounter | None = None) -> None:
        self.conn = conn
        self.counter = counter  # counts huge match sets on several cores
        self._top: int | None = None
        self.split_words = split_words
        self.tag_ids = tag_ids  # article ids carrying a tag (from user data), for 标签:
        self._labels: tuple[FacetLabels, FacetLabels, FacetLabels] | None = None
        encoding = str(conn.execute("PRAGMA encoding").fetchone()[0])
        self._codec = STORED_CODECS[encoding]
        # A hit in UTF-16 bytes is a hit in the text only when it starts on a two-byte boundary.
        self._stored_bytes_hit = ("instr(CAST({column} AS BLOB), ?) > 0" if encoding == "UTF-8"
                                  else "instr(CAST({column} AS BLOB), ?) % 2 = 1")

    def parse(self, text: str, loose: bool = False) -> querylang.Query:
        return querylang.parse_query(text, loose=loose, split_words=self.split_words)

    def parse_checked(self, text: str, loose: bool = False) -> querylang.Query:
        """Parse, refusing a query that would match everything (blank, or only exclusions).

        A query with nothing searchable in it (😀) parses to an empty query that matches nothing.
        """
        q = self.parse(text, loose=loose)
        if q.is_empty() and (q.excluded or not text.strip()):
            raise QuerySyntaxError(f"nothing to search for in {text!r}", "；".join(q.notices) or "请输入要查找的文字")
        return q

    # -- matching --------------------------------------------------------------------------
    def plan(self, q: querylang.Query) -> Plan:
        """Turn filters into FTS clauses (region, publication) and a rowid range (dates)."""
        filters: list[str] = []
        impossible = False
        allowed = self._tagged_rowids(q.tags) if q.tags else None
        if allowed is not None and not allowed:
            impossible = True
        for name in q.regions:
            ids = [r[0] for r in self.conn.execute(
                "SELECT id FROM region WHERE name = ? OR name LIKE ? || '_'", (name, name))]
            impossible |= not ids
            filters.append("(" + " OR ".join(region_token(i) for i in ids) + ")")
        for pub in q.publications:
            ids = [r[0] for r in self.conn.execute("SELECT id FROM publication WHERE instr(name, ?) > 0", (pub,))]
            impossible |= not ids
            filters.append("(" + " OR ".join(publication_token(i) for i in ids) + ")")
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

    def _date_edge(self, pick_date: str, condition: str, pick_id: str, bound: str) -> int | None:
        """The id at one end of a date range: the edge date by the date index, then its edge id."""
        row = self.conn.execute(
            f"SELECT {pick_id} FROM article WHERE sort_date = (SELECT {pick_date} FROM article WHERE {condition})",
            (bound,)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

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

    def _rowid_list(self, plan: Plan, tail: str = "", params: tuple[object, ...] = ()) -> list[int]:
        """The plan's matching rowids (`tail`: more SQL, e.g. an order and a limit) as a list.

        SQLite hands them over as one JSON array: a row per match would cost Python a tuple and
        an int each (89,000 matches of 工会: 30 ms as rows, 17 ms as one array).
        """
        if plan.expression:
            inner = f"SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ? {tail}"
            first: list[object] = [plan.expression, plan.low, plan.high]
        else:
            inner, first = f"SELECT id AS rowid FROM article WHERE id BETWEEN ? AND ? {tail}", [plan.low, plan.high]
        found: list[int] = json.loads(self._run(f"SELECT json_group_array(rowid) FROM ({inner})",
                                                [*first, *params])[0][0])
        return found

    def _every_rowid(self, plan: Plan) -> list[int]:
        """Every rowid of the plan's matches, newest first (lowest rowid first)."""
        rowids = self._rowid_list(plan)
        rowids.sort()
        return rowids

    def _verified(self, q: querylang.Query, rowids: list[int]) -> list[int]:
        """Drop candidates for terms with separators (3·15) whose exact text is absent.

        SQLite looks for the term's bytes, as typed and folded, in each column's stored bytes
        (no conversion of the row to UTF-8, which text instr would do, and it stops at the
        first column that has it); only candidates without such a hit are folded and checked
        again in Python (全角, case, or a UTF-16 hit that did not start on a character).
        """
        groups = [[t for t in g if t.needs_verification()] for g in q.groups]
        groups = [g for g in groups if g]
        if not groups or not rowids:
            return rowids
        found = self._stored_bytes_hit
        condition = " AND ".join(
            "(" + " OR ".join(found.format(column=column) for _ in g for column in VERIFY_COLUMNS for _ in (0, 1)) + ")"
            for g in groups
        )
        terms = [form.encode(self._codec) for g in groups for t in g for _ in VERIFY_COLUMNS
                 for form in (t.text, t.folded)]
        passed: set[int] = set()
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            passed.update(r for (r,) in self.conn.execute(
                f"SELECT id FROM article WHERE id IN ({marks}) AND {condition}", [*chunk, *terms]))
        doubtful = [r for r in rowids if r not in passed]
        for start in range(0, len(doubtful), 500):
            chunk = doubtful[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, text in self.conn.execute(f"SELECT id, {VERIFY_TEXT} FROM article WHERE id IN ({marks})", chunk):
                folded = fold(text)
                if all(any(t.folded in folded for t in g) for g in groups):
                    passed.add(rowid)
        return [r for r in rowids if r in passed]

    def matching_rowids(self, q: querylang.Query) -> list[int]:
        """All matching article rowids, newest first."""
        plan = self.plan(q)
        if plan.impossible:
            return []
        rowids = self._every_rowid(plan)
        if plan.allowed is not None:
            rowids = [r for r in rowids if r in plan.allowed]
        return self._verified(q, rowids)

    def count(self, q: querylang.Query) -> int:
        plan = self.plan(q)
        if plan.impossible:
            return 0
        if plan.listed:
            return len(self.matching_rowids(q))
        return self._result(self._start_count(plan))

    def _start_count(self, plan: Plan) -> Future[int]:
        """Count the plan's matches: looked up for a common term or phrase, else counted (split over
        the parallel counter when the range is large)."""
        done: Future[int] = Future()
        if plan.lookup is not None:
            row = self.conn.execute("SELECT docs FROM term_docs WHERE term = ?", (plan.lookup,)).fetchone()
            if row is not None:
                done.set_result(int(row[0]))
                return done
        high = min(plan.high, self._max_rowid())
        if plan.expression and self.counter is not None and high - plan.low >= PARALLEL_MIN_ROWS:
            return self.counter.submit(plan.expression, plan.low, high)
        try:
            if plan.expression:
                rows = self._run("SELECT count(*) FROM article_fts WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ?",
                                 [plan.expression, plan.low, plan.high])
            else:
                rows = self._run("SELECT count(*) FROM article WHERE id BETWEEN ? AND ?", [plan.low, plan.high])
            done.set_result(int(rows[0][0]))
        except QuerySyntaxError as e:
            done.set_exception(e)
        return done

    @staticmethod
    def _result(future: Future[T]) -> T:
        try:
            return future.result()
        except sqlite3.OperationalError as e:
            raise QuerySyntaxError(f"query could not run: {e}", "无法执行该查询，请检查输入") from e

    def _max_rowid(self) -> int:
        if self._top is None:
            self._top = int(self.conn.execute("SELECT coalesce(max(id), 0) FROM article").fetchone()[0])
        return self._top

    def _run(self, sql: str, params: list[object]) -> list[tuple]:  # type: ignore[type-arg]
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as e:
            raise QuerySyntaxError(f"query could not run: {e}", "无法执行该查询，请检查输入") from e

    # -- ranking ---------------------------------------------------------------------------
    def ranked_rowids(self, q: querylang.Query, limit: int, offset: int) -> tuple[list[tuple[int, float]], Total]:
        """((rowid, score) for the page, the total). Higher scores rank first.

        The newest RANK_WINDOW matches are ranked by the number of terms found inside words,
        then bm25 (headline weighted), then newest first; older matches follow newest first.
        The window keeps a term that matches everything as fast as a rare one. The page never
        waits for the total of a huge match set: that is counted (on several threads when the
        range is large) when first asked for, so the hits go out first with both cores free.
        Rowids are numbered newest first, so every newest-first read goes forwards.
        """
        plan = self.plan(q)
        if plan.impossible:
            return [], Total.known(0)
        if plan.listed:
            rowids = self.matching_rowids(q)
            if not q.has_text:
                return [(r, 0.0) for r in rowids[offset : offset + limit]], Total.known(len(rowids))
            window = rowids[:RANK_WINDOW]
            kept = set(window)
            in_words = self._in_word_rowids(q, plan, window)
            ranked = self._order([(r, s) for r, s in self._bm25(plan, window) if r in kept], in_words())
            rest = [(r, 0.0) for r in rowids[len(window) : offset + limit]]
            return (ranked + rest)[offset : offset + limit], Total.known(len(rowids))
        if not q.has_text:
            page = self._rowid_list(plan, "ORDER BY rowid LIMIT ? OFFSET ?", (limit, offset))
            return [(r, 0.0) for r in page], self._total(plan)
        newest = self._rowid_list(plan, "ORDER BY rowid LIMIT ?", (RANK_WINDOW + 1,))
        if len(newest) <= RANK_WINDOW:  # every match is here: it is its own total
            in_words = self._in_word_rowids(q, plan, newest)
            ranked = self._order(self._bm25(plan, newest), in_words())
            return ranked[offset : offset + limit], Total.known(len(newest))
        window = newest[:RANK_WINDOW]
        in_words = self._in_word_rowids(q, plan, window)  # beside the headline test, on another connection
        ranked = self._order(self._headline_scores(q, plan, window), in_words())
        total = self._total(plan)
        if offset + limit > len(ranked):  # past the window (there are older matches: newest had one more)
            skip = max(0, offset - len(ranked))
            older = self._rowid_list(plan, "AND rowid > ? ORDER BY rowid LIMIT ? OFFSET ?",
                                     (window[-1], offset + limit - len(ranked) - skip, skip))
            return (ranked[offset:] + [(r, 0.0) for r in older])[:limit], total
        return ranked[offset : offset + limit], total

    def _total(self, plan: Plan) -> Total:
        """The plan's match count, counted when first asked for (after the page is out)."""
        return Total(lambda: self._result(self._start_count(plan)))

    def _bm25(self, plan: Plan, rowids: list[int]) -> list[tuple[int, float]]:
        """(rowid, -bm25) of the plan's matches from the first to the last of `rowids` (newest first)."""
        if not rowids:
            return []
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        return [(r, s) for r, s in self._run(
            f"SELECT rowid, -bm25(article_fts, {weights}) FROM article_fts"
            " WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ?",
            [plan.expression, rowids[0], rowids[-1]],
        )]

    def _headline_scores(self, q: querylang.Query, plan: Plan, window: list[int]) -> list[tuple[int, float]]:
        """The window's matches (newest first), scored HEADLINE_SCORE when a term is in the headline.

        bm25 needs collection statistics, which cost FTS5 a second pass over every match;
        for a huge match set the window is ranked by headline and in-word matches instead.
        """
        titled = querylang.Query(raw=q.raw, groups=[[querylang.Term(t.text, "title") for t in g] for g in q.groups],
                                 excluded=q.excluded)
        filters = tuple(f"facets : {f}" for f in plan.filters)
        headline_plan = Plan(titled.fts_expression(filters), window[0], window[-1], False, False)
        in_headline = set(self._rowid_list(headline_plan, BACKWARDS))
        return [(r, HEADLINE_SCORE if r in in_headline else 0.0) for r in window]

    @staticmethod
    def _order(scored: list[tuple[int, float]], in_words: set[int]) -> list[tuple[int, float]]:
        """Matches with every term inside words first, then by bm25 (or headline), then newest first."""
        ranked = [(r, s + WORD_TIER) if r in in_words else (r, s) for r, s in scored]
        ranked.sort()  # newest first (lowest rowid) ...
        ranked.sort(key=itemgetter(1), reverse=True)  # ... within each score: the sort is stable
        return ranked

    def _in_word_rowids(self, q: querylang.Query, plan: Plan, rowids: list[int]) -> Callable[[], set[int]]:
        """Rowids in the span of `rowids` where each group's term lies inside one of jieba's words.

        Started on a pool connection when there is one, so it runs beside the headline test or
        bm25 (职工 服务 盐城: 2 ms each); call the result for the set.

        One query over article_words with the query's own AND/OR shape and its region and
        publication filters (article_words carries the filter tokens too), so what comes back
        is bounded by the matches. Rowids that are not matches (an excluded term) may come
        back too: the caller only looks up its own. Tags (标签:) are not in the archive: then
        SQLite keeps only the given rowids, rather than handing every in-word row of a wide
        span to Python. Groups with no in-word form (a title filter, a single character) do
        not take part.
        """
        groups = [[f'"{w}"' for t in g if (w := t.in_word_form())] for g in q.groups]
        groups = [g for g in groups if g]
        if not groups or not rowids:
            return set  # nothing to run: calling it gives the empty set
        clauses = ["(" + " OR ".join(g) + ")" for g in groups] + list(plan.filters)
        sql = "SELECT rowid FROM article_words WHERE article_words MATCH ? AND rowid BETWEEN ? AND ?"
        params: list[object] = [" AND ".join(clauses), min(rowids), max(rowids)]
        if plan.allowed is not None:
            sql += " AND +rowid IN (SELECT value FROM json_each(?))"  # +: not a lookup per rowid
            params.append(json.dumps(rowids))
        sql += f" {BACKWARDS}"
        rows = self._beside(f"SELECT json_group_array(rowid) FROM ({sql})", params)
        return lambda: set(json.loads(rows()[0][0]))

    def _beside(self, sql: str, params: list[object]) -> Callable[[], list[tuple]]:  # type: ignore[type-arg]
        """Start a query on a pool connection while this one does other work; the call waits for
        its rows. Without a pool (one core) it runs here and now."""
        if self.counter is None:
            rows = self._run(sql, params)
            return lambda: rows
        future = self.counter.submit_rows(sql, params)
        return lambda: self._result(future)

    # -- results ---------------------------------------------------------------------------
    def search(self, text: str, limit: int = 20, offset: int = 0, loose: bool = False,
               markers: Markers | None = None) -> SearchResult:
        """The ranked page and the total (see `start_search` for the page alone)."""
        return self.start_search(text, limit, offset, loose, markers).result()

    def start_search(self, text: str, limit: int = 20, offset: int = 0, loose: bool = False,
                     markers: Markers | None = None) -> PendingSearch:
        """The ranked page with snippets, as soon as it is ready; its total may still be counting."""
        started = time.perf_counter()
        q = self.parse_checked(text, loose=loose)
        if q.is_empty():
            return PendingSearch(text, (), Total.known(0), notice="；".join(q.notices) or "请输入要查找的文字")
        ranked, total = self.ranked_rowids(q, max(0, limit), max(0, offset))
        hits = self.hits_for(ranked, [t.text for t in q.positive_terms if t.field != "author"], markers)
        return PendingSearch(
            text, tuple(hits), total, terms=tuple(t.text for t in q.positive_terms), notice="；".join(q.notices),
            started=started, page_ms=(time.perf_counter() - started) * 1000,
        )

    def hits_for(self, ranked: list[tuple[int, float]], terms: list[str],
                 markers: Markers | None = None) -> list[SearchHit]:
        """Hits (with snippets around the terms) for ranked rowids, in the given order."""
        markers = markers or Markers()
        if not ranked:
            return []
        ids = [r for r, _ in ranked]
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT a.id, a.key, a.headline, a.body, p.name, i.date, i.page, r1.name, r1.level, r1.code"
            f" FROM article a JOIN issue i ON i.id = a.issue_id JOIN publication p ON p.id = i.publication_id"
            f" LEFT JOIN region r1 ON r1.id = a.region_id WHERE a.id IN ({marks})", ids
        ).fetchall()
        by_id = {r[0]: r for r in rows}
        out = []
        for rowid, score in ranked:
            r = by_id[rowid]
            out.append(SearchHit(
                article_id=r[1], headline=r[2] or first_sentence(r[3]), publication=r[4], issue_date=r[5],
                page=r[6], region=region_from_code(r[9]), snippet=make_snippet(r[3], terms, markers),
                score=round(score, 4),
            ))
        return out

    def facets(self, text: str, loose: bool = False) -> Facets:
        """Hit counts by city, publication and year (for the side panel)."""
        q = self.parse(text, loose=loose)
        if q.is_empty():
            return Facets()
        rowids = self.matching_rowids(q)
        if not rowids:
            return Facets()
        region, publication, year = (labels.tally(rowids) for labels in self._facet_labels())

        def by_count(counter: Counter[str]) -> tuple[Facet, ...]:
            return tuple(Facet(k, n) for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

        def newest_first(counter: Counter[str]) -> tuple[Facet, ...]:
            order = sorted(counter, key=lambda k: (k != UNKNOWN, k), reverse=True)  # unknown last
            return tuple(Facet(k, counter[k]) for k in order)

        return Facets(region=by_count(region), publication=by_count(publication), year=newest_first(year),
                      matches=len(rowids))

    def _facet_labels(self) -> tuple[FacetLabels, FacetLabels, FacetLabels]:
        """City (or province), publication and year of every article, loaded once.

        Each article's region and issue come from the covering index article_labels (3 MB at
        100,000 articles, where the article table is 234 MB) as JSON arrays, named through the
        small region and issue tables; as articles are numbered newest first, each date is a
        rowid range. (Joining the tables per article took 400-500 ms at 100,000 articles.)
        """
        if self._labels is None:
            arrays = self.conn.execute(
                "SELECT json_group_array(id), json_group_array(region_id), json_group_array(issue_id)"
                " FROM article INDEXED BY article_labels").fetchone()
            rowids, regions, issues = (json.loads(a) for a in arrays)
            size = max(rowids, default=0) + 1
            region_of, issue_of, year_of = [None] * size, [None] * size, [None] * size
            for rowid, region, issue in zip(rowids, regions, issues, strict=True):
                region_of[rowid], issue_of[rowid] = region, issue
            for date, first, last in self.conn.execute(
                    "SELECT sort_date, min(id), max(id) FROM article GROUP BY sort_date"):
                year_of[first : last + 1] = [date[:4]] * (last - first + 1)
            city_of_region = dict(self.conn.execute(
                "SELECT r.id, CASE r.level WHEN 'county' THEN c.name ELSE r.name END"
                " FROM region r LEFT JOIN region c ON c.id = r.parent_id").fetchall())
            publication_of_issue = dict(self.conn.execute(
                "SELECT i.id, p.name FROM issue i JOIN publication p ON p.id = i.publication_id").fetchall())
            self._labels = (FacetLabels(region_of, city_of_region), FacetLabels(issue_of, publication_of_issue),
                            FacetLabels(year_of, {y: y for y in set(year_of) if y}))
        return self._labels
