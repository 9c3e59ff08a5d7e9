"""The search worker: runs searches on its own read-only connection, one Search object per query.

Requests and answers are named tuples: cheap to define at start-up, immutable, safe across threads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Slot

from viewer.archive import Archive
from viewer.archive.highlight import Markers
from viewer.domain import Facets, SearchResult
from viewer.ui.workers import Worker

if TYPE_CHECKING:  # the search modules load with the engine, after the window shows
    from viewer.archive.search import Search


class SearchRequest(NamedTuple):
    number: int
    query: str
    loose: bool
    limit: int


class PageRequest(NamedTuple):
    """Rows `offset` on of search `number` (scrolling, exporting every row)."""

    number: int
    offset: int
    limit: int


class IdsRequest(NamedTuple):
    """The ids of every match of search `number` (tagging every hit)."""

    number: int


class OpenRequest(NamedTuple):
    """Open the worker's archive and load the search engine now (while the user looks at the window)."""

    number: int = 0  # no search: its answer, if any, is for nobody


class Hits(NamedTuple):
    """The ranked first page; `counting`: the total and facets follow in a Complete."""

    result: SearchResult
    counting: bool


class Complete(NamedTuple):
    result: SearchResult
    facets: Facets


class Page(NamedTuple):
    offset: int
    result: SearchResult


class Ids(NamedTuple):
    ids: list[str]


class SearchWorker(Worker):
    """Keeps the newest search so later pages and ids come from its plan."""

    def __init__(self, open_archive: Callable[[], Archive], markers: Markers) -> None:
        super().__init__()
        self._open_archive = open_archive
        self._archive: Archive | None = None
        self._markers = markers
        self._search: tuple[int, Search] | None = None
        self.latest = 0  # set from the GUI thread: the newest request's number

    def answer(self, request: object) -> None:
        if isinstance(request, OpenRequest):
            self._opened()
        elif isinstance(request, SearchRequest):
            self._run_search(request)
        elif isinstance(request, PageRequest | IdsRequest):
            search = self._current(request.number)
            if search is None:
                return  # a page of a search the user has left: nobody waits for it
            if isinstance(request, PageRequest):
                page = search.page(request.limit, request.offset).so_far()
                self.reply(request, Page(request.offset, page))
            else:
                self.reply(request, Ids(search.ids()))

    def _current(self, number: int) -> Search | None:
        return self._search[1] if self._search is not None and self._search[0] == number else None

    def _run_search(self, request: SearchRequest) -> None:
        if request.number < self.latest:
            return  # a newer request is already queued: skip the work
        search = self._opened().query(request.query, loose=request.loose, markers=self._markers)
        self._search = (request.number, search)
        page = search.page(request.limit)
        if not page.total.ready:
            self.reply(request, Hits(page.so_far(), counting=True))
            if request.number < self.latest:
                return  # the user typed on: the count and facets would be thrown away
        facets = search.facets()  # lists every match once: the total comes with it
        self.reply(request, Complete(page.result(total=search.total()), facets))

    def _opened(self) -> Archive:
        if self._archive is None:
            self._archive = self._open_archive()
            _ = self._archive.engine  # the search modules load now, on this thread
        return self._archive

    @Slot()
    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None
