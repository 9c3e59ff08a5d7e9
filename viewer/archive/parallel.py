"""Reading on several read-only connections at once: counts split over rowid slices, side queries.

SQLite releases the GIL while it works, so on a machine with several cores a count over a
huge match set finishes in about 1/cores of the time, and a query that does not depend on
another (the in-word test beside the headline test) runs beside it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

COUNT_SQL = "SELECT count(*) FROM article_fts WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ?"
EVERY_ROWID = (0, 2**63 - 1)


class ParallelCounter:
    """A small pool of threads, each with its own read-only connection.

    Attributes:
        workers: how many slices a count is split into.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection], workers: int) -> None:
        self._connect = connect
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
            with self._lock:
                self._connections.append(conn)
        return conn

    def _count_slice(self, expression: str, low: int, high: int) -> int:
        return int(self._connection().execute(COUNT_SQL, (expression, low, high)).fetchone()[0])

    def _started_pool(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="fts-count")
        return self._pool

    def submit_rows(self, sql: str, params: Sequence[object]) -> Future[list[tuple]]:  # type: ignore[type-arg]
        """Start one query on a pool connection; the future gives its rows."""
        return self._started_pool().submit(lambda: self._connection().execute(sql, params).fetchall())

    def count_each(self, expressions: Sequence[str]) -> list[int]:
        """The match count of each expression over the whole index, several counted at once."""
        return list(self._started_pool().map(lambda e: self._count_slice(e, *EVERY_ROWID), expressions))

    def submit(self, expression: str, low: int, high: int) -> Future[int]:
        """Start counting matches with low <= rowid <= high; the future gives the total."""
        step = (high - low + 1) // self.workers + 1
        parts = [self._started_pool().submit(self._count_slice, expression, start, min(high, start + step - 1))
                 for start in range(low, high + 1, step)]
        total: Future[int] = Future()

        def gather(_: Future[int]) -> None:
            if all(p.done() for p in parts) and not total.done():
                try:
                    total.set_result(sum(p.result() for p in parts))
                except Exception as e:  # an SQLite error in a slice reaches the caller
                    total.set_exception(e)

        for part in parts:
            part.add_done_callback(gather)
        return total

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
