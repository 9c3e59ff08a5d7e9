"""One worker base for work off the GUI thread: every request is answered, errors included.

A known error (the query, the archive, user data) comes back as its Chinese message; anything
else is a bug: logged with its traceback and answered as 内部错误, so the window never waits
forever for a reply that will not come.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QObject, QThread, Signal, Slot

from viewer.errors import KnownError

LOG = logging.getLogger(__name__)
INTERNAL_ERROR = "内部错误：{0}（详情已记入日志）"
CLOSE_WAIT_S = 10.0  # how long quitting waits for a worker to finish the request it is on


class Reply(NamedTuple):
    """An answer to a request: a value, or a message for the user (`bug`: our own fault)."""

    request: object
    value: object = None
    error: str = ""
    bug: bool = False


@dataclass
class Closing:
    """The last request a worker gets: close what it opened, then say so."""

    done: threading.Event = field(default_factory=threading.Event)


class Worker(QObject):
    """Lives on a WorkerThread; subclasses implement `answer`, which calls `reply` once or more.

    Signals:
        replied(Reply): an answer, on the worker's thread (queued to the owner's).
    """

    replied = Signal(object)

    @Slot(object)
    def run(self, request: object) -> None:
        if isinstance(request, Closing):  # queued after every request sent before it
            try:
                self.close()
            finally:
                request.done.set()
            return
        try:
            self.answer(request)
        except KnownError as e:
            self.replied.emit(Reply(request, error=e.message_zh))
        except Exception as e:  # a bug: say so, log it, keep the window usable
            LOG.exception("worker %s failed on %r", type(self).__name__, request)
            self.replied.emit(Reply(request, error=INTERNAL_ERROR.format(type(e).__name__), bug=True))

    def answer(self, request: object) -> None:
        raise NotImplementedError

    def reply(self, request: object, value: object) -> None:
        self.replied.emit(Reply(request, value))

    @Slot()
    def close(self) -> None:
        """Release what the worker opened (called on its own thread when stopping)."""


class WorkerThread(QObject):
    """Owns a worker and its thread. `submit` returns at once; `replied` brings every answer.

    Signals:
        replied(Reply): on the owner's thread.
    """

    replied = Signal(object)
    _request = Signal(object)

    def __init__(self, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self._thread = QThread(self)
        worker.moveToThread(self._thread)
        self._request.connect(worker.run)
        worker.replied.connect(self.replied)
        self._thread.finished.connect(worker.deleteLater)  # deleted on its own thread, not by Python's GC
        self._thread.start()

    def submit(self, request: object) -> None:
        self._request.emit(request)

    def release(self) -> None:
        """Let the worker close what it opened, after the requests already sent (it reopens when next asked)."""
        self._request.emit(Closing())

    def stop(self) -> None:
        """Close the worker on its own thread, after the requests already sent, then end the thread."""
        if self._thread.isRunning():
            closing = Closing()
            self._request.emit(closing)
            closing.done.wait(CLOSE_WAIT_S)  # a worker stuck on a request must not hold up the quit
            self._thread.quit()
            self._thread.wait()
