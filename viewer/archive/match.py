"""Matching and counting a planned query: rowid lists, verification against the text, totals."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future

from viewer.archive import index
from viewer.archive import query as querylang
from viewer.archive.parallel import ParallelCounter
from viewer.archive.plan import Plan
from viewer.text.normalize import fold

PARALLEL_MIN_ROWS = 20_000  # below this a count is quicker on one connection
STORED_CODECS = {"UTF-8": "utf-8", "UTF-16le": "utf-16-le", "UTF-16be": "utf-16-be"}  # PRAGMA encoding
Rows = list[tuple]  # type: ignore[type-arg]


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


class Matcher:
    """Lists and counts a plan's matches on one connection, with a pool beside it for big counts.

    Attributes:
        conn: a read-only sqlite3 connection.
        counter: several read-only connections for big counts and side queries (None on one core).
    """

    def __init__(self, conn: sqlite3.Connection, counter: ParallelCounter | None = None) -> None:
        self.conn = conn
        self.counter = counter
        self._top: int | None = None
        encoding = str(conn.execute("PRAGMA encoding").fetchone()[0])
        self._codec = STORED_CODECS[encoding]
        # A hit in UTF-16 bytes is a hit in the text only when it starts on a two-byte boundary.
        self._stored_bytes_hit = ("instr(CAST({column} AS BLOB), ?) > 0" if encoding == "UTF-8"
                                  else "instr(CAST({column} AS BLOB), ?) % 2 = 1")

    def run(self, sql: str, params: list[object]) -> Rows:
        return self.conn.execute(sql, params).fetchall()

    def rowid_list(self, plan: Plan, tail: str = "", params: tuple[object, ...] = ()) -> list[int]:
        """The plan's matching rowids (`tail`: more SQL, e.g. an order and a limit) as a list.

        SQLite hands them over as one JSON array: a row per match would cost Python a tuple and
        an int each (89,000 matches of 工会: 30 ms as rows, 17 ms as one array).
        """
        if plan.expression:
            inner = f"SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ? {tail}"
            first: list[object] = [plan.expression, plan.low, plan.high]
        else:
            inner, first = f"SELECT id AS rowid FROM article WHERE id BETWEEN ? AND ? {tail}", [plan.low, plan.high]
        found: list[int] = json.loads(self.run(f"SELECT json_group_array(rowid) FROM ({inner})",
                                               [*first, *params])[0][0])
        return found

    def matching_rowids(self, q: querylang.Query, plan: Plan) -> list[int]:
        """All matching article rowids, newest first (lowest rowid first)."""
        if plan.impossible:
            return []
        rowids = self.rowid_list(plan)
        rowids.sort()
        if plan.allowed is not None:
            rowids = [r for r in rowids if r in plan.allowed]
        return self._verified(q, rowids)

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
        columns = index.VERIFY_COLUMNS
        condition = " AND ".join(
            "(" + " OR ".join(found.format(column=column) for _ in g for column in columns for _ in (0, 1)) + ")"
            for g in groups
        )
        terms = [form.encode(self._codec) for g in groups for t in g for _ in columns for form in (t.text, t.folded)]
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
            sql = f"SELECT id, {index.VERIFY_TEXT} FROM article WHERE id IN ({marks})"
            for rowid, text in self.conn.execute(sql, chunk):
                folded = fold(text)
                if all(any(t.folded in folded for t in g) for g in groups):
                    passed.add(rowid)
        return [r for r in rowids if r in passed]

    def total(self, plan: Plan) -> Total:
        """The plan's match count, counted when first asked for (after the page is out)."""
        return Total(lambda: self.start_count(plan).result())

    def start_count(self, plan: Plan) -> Future[int]:
        """Count the plan's matches: looked up for a common term or phrase, else counted (split over
        the parallel counter when the range is large). Only for plans that are not `listed`."""
        done: Future[int] = Future()
        if plan.impossible:
            done.set_result(0)
            return done
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
                rows = self.run("SELECT count(*) FROM article_fts WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ?",
                                [plan.expression, plan.low, plan.high])
            else:
                rows = self.run("SELECT count(*) FROM article WHERE id BETWEEN ? AND ?", [plan.low, plan.high])
            done.set_result(int(rows[0][0]))
        except sqlite3.Error as e:
            done.set_exception(e)
        return done

    def _max_rowid(self) -> int:
        if self._top is None:
            self._top = int(self.conn.execute("SELECT coalesce(max(id), 0) FROM article").fetchone()[0])
        return self._top

    def beside(self, sql: str, params: list[object]) -> Callable[[], Rows]:
        """Start a query on a pool connection while this one does other work; the call waits for
        its rows. Without a pool (one core) it runs here and now."""
        if self.counter is None:
            rows = self.run(sql, params)
            return lambda: rows
        future = self.counter.submit_rows(sql, params)
        return future.result
