"""Searches off the GUI thread, on the worker's own read-only connection; stale requests are dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal, Slot

from viewer.archive import Archive
from viewer.archive.highlight import Markers
from viewer.domain import Facets, SearchResult
from viewer.errors import QuerySyntaxError


@dataclass(frozen=True)
class SearchRequest:
    number: int
    query: str
    loose: bool
    limit: int


@dataclass(frozen=True)
class SearchReply:
    """What came back: a result and its facets, or a message for the user.

    A search with many matches is answered twice: first the ranked hits while the total is
    still being counted (`counting`, result.total is then the number of hits at hand), then
    the complete result with its facets.
    """

    request: SearchRequest
    result: SearchResult | None = None
    facets: Facets | None = None
    error: str = ""
    counting: bool = False


class _Worker(QObject):
    done = Signal(object)

    def __init__(self, open_archive: Callable[[], Archive], markers: Markers) -> None:
        super().__init__()
        self._open_archive = open_archive
        self._archive: Archive | None = None
        self._markers = markers
        self.latest = 0

    @Slot(object)
    def run(self, request: SearchRequest) -> None:
        if request.number < self.latest:
            return  # a newer request is already queued: skip the work
        if self._archive is None:
            self._archive = self._open_archive()
        try:
            pending = self._archive.start_search(request.query, limit=request.limit, loose=request.loose,
                                                 markers=self._markers)
            if not pending.total.ready:
                self.done.emit(SearchReply(request, pending.so_far(), counting=True))
                if request.number < self.latest:
                    return  # the user typed on: the count and facets would be thrown away
            facets = self._archive.facets(request.query, loose=request.loose)
            result = pending.result(total=facets.matches)  # the facets listed every match: no second count
        except QuerySyntaxError as e:
            self.done.emit(SearchReply(request, error=e.message_zh))
            return
        self.done.emit(SearchReply(request, result, facets))

    @Slot()
    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None


class SearchRunner(QObject):
    """Owns the worker thread. `submit` returns at once; `finished` brings the newest reply only."""

    finished = Signal(object)
    _request = Signal(object)
    _close = Signal()

    def __init__(self, open_archive: Callable[[], Archive], markers: Markers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = _Worker(open_archive, markers)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.done.connect(self._deliver)
        self._number = 0
        self._thread.start()

    def submit(self, query: str, loose: bool = False, limit: int = 100) -> int:
        self._number += 1
        self._worker.latest = self._number
        self._request.emit(SearchRequest(self._number, query, loose, limit))
        return self._number

    @Slot(object)
    def _deliver(self, reply: SearchReply) -> None:
        if reply.request.number == self._number:
            self.finished.emit(reply)

    def stop(self) -> None:
        self._close.emit()
        self._thread.quit()
        self._thread.wait()
