"""A client-side deadline for PostgreSQL: a server that stops answering mid-session (frozen, or its
machine gone while its network stack still acknowledges) is cut off instead of waited for without end."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from sqlalchemy import Connection, Engine, event

CHECK_SECONDS = 0.25


class Watchdog:
    """Shuts the socket of a step (a statement or a commit) that runs longer than `seconds`.

    A thread arms it with its connection's socket before each step (`arm`) and disarms it at the end of
    the transaction; `fired()` tells that thread whether its last transaction was cut off."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._armed: dict[int, tuple[float, int]] = {}  # thread id -> (deadline, socket fd)
        self._fired: set[int] = set()
        self._monitor: threading.Thread | None = None

    def arm(self, fd: int) -> None:
        """The calling thread starts a step on the socket `fd`: it has `seconds` to finish."""
        with self._lock:
            self._armed[threading.get_ident()] = (time.monotonic() + self.seconds, fd)
            if self._monitor is None or not self._monitor.is_alive():
                self._monitor = threading.Thread(target=self._watch, name="pg-watchdog", daemon=True)
                self._monitor.start()

    def disarm(self) -> bool:
        """The calling thread's transaction ended; True if the watchdog cut it off."""
        me = threading.get_ident()
        with self._lock:
            self._armed.pop(me, None)
            fired = me in self._fired
            self._fired.discard(me)
        return fired

    def _watch(self) -> None:
        while True:
            time.sleep(CHECK_SECONDS)
            now = time.monotonic()
            with self._lock:
                if not self._armed:
                    self._monitor = None
                    return
                late = [(thread, fd) for thread, (deadline, fd) in self._armed.items() if deadline < now]
                for thread, fd in late:
                    del self._armed[thread]
                    self._fired.add(thread)
                    _cut(fd)


def _cut(fd: int) -> None:
    """Shut the connection down (the waiting read wakes up with an error); the driver closes the fd."""
    with contextlib.suppress(OSError):
        sock = socket.socket(fileno=fd)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.detach()  # the fd stays the driver's


def attach(engine: Engine, seconds: float) -> Watchdog:
    """A watchdog armed before every statement, commit and rollback on `engine` (psycopg connections)."""
    dog = Watchdog(seconds)

    def arm(conn: Connection, *_args: object) -> None:
        with contextlib.suppress(Exception):  # no socket (already closed): nothing to watch
            dog.arm(conn.connection.driver_connection.pgconn.socket)  # type: ignore[union-attr]

    for name in ("before_cursor_execute", "commit", "rollback"):
        event.listen(engine, name, arm)
    return dog
