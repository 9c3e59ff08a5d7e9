"""The current search: its query, request number, pager and total; the only place stale replies are dropped."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Signal, Slot

from viewer.domain import SearchResult
from viewer.ui.list_model import HitListModel, Pager
from viewer.ui.search_worker import (
    Complete,
    Hits,
    Ids,
    IdsRequest,
    OpenRequest,
    Page,
    PageRequest,
    SearchRequest,
    SearchWorker,
)
from viewer.ui.workers import Reply, WorkerThread

FIRST_PAGE = 100


class SearchSession(QObject):
    """Owns what the list shows: a search (answered by the worker) or a navigator node's articles.

    Every reply carries its request's number; a reply for any but the current one is dropped
    here and nowhere else. The list's later pages come from the same search (its plan is kept
    by the worker), and its total is set here, never read back from the list.

    Attributes:
        query: the current search ('' while the list shows a navigator node).
        loose: whether it runs in 模糊 mode.
        terms: its positive terms (for the reader's highlights).
        total: how many articles it matches (the hits at hand while still counting).

    Signals:
        searching(str): a search was sent.
        hitsShown(object): the list shows a search's first page (a SearchResult; total may be counting).
        finished(object, object): a search is complete: its SearchResult and Facets.
        failed(str): a search could not run: the message for the user.
        listShown(str, int): the list shows a navigator node: its label and total.
        idsReady(str, list): every matching id of the current search (asked for by `request_ids`).
        allLoaded(): every row of the list is loaded (asked for by `load_all`).
    """

    searching = Signal(str)
    hitsShown = Signal(object)
    finished = Signal(object, object)
    failed = Signal(str)
    listShown = Signal(str, int)
    idsReady = Signal(str, list)
    allLoaded = Signal()

    def __init__(self, runner: WorkerThread, model: HitListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.model = model
        self.query = ""
        self.loose = False
        self.terms: list[str] = []
        self.total = 0
        self.number = 0  # the current request: replies for any other are dropped
        self._shown = 0  # the search whose hits the list shows
        self._asked = ""  # the query of the current request ('' for a navigator node)
        self._want_all = False
        runner.replied.connect(self._replied)

    @property
    def worker(self) -> SearchWorker:
        assert isinstance(self.runner.worker, SearchWorker)
        return self.runner.worker

    def prepare(self) -> None:
        """Open the worker's archive ahead of the first search."""
        self.runner.submit(OpenRequest())

    def submit(self, query: str, loose: bool = False, limit: int | None = None) -> int:
        """Send a search (its first `limit` hits, FIRST_PAGE by default); returns its number.
        Earlier searches' replies are dropped from now on."""
        self.number += 1
        self.worker.latest = self.number
        self._want_all = False
        self._asked = query
        self.runner.submit(SearchRequest(self.number, query, loose, limit or FIRST_PAGE))
        self.searching.emit(query)
        return self.number

    def show_list(self, pager: Pager, label: str) -> None:
        """List a navigator node's articles (synchronous pages); a pending search is dropped."""
        self.number += 1
        self.worker.latest = self.number
        self._want_all = False
        self._asked = ""
        self.query, self.terms = "", []
        self.model.reset(pager)
        self.total = self.model.total
        self.listShown.emit(label, self.total)

    def request_ids(self) -> None:
        """Ask for every matching id of the current search (answered after the search itself);
        `idsReady` brings them."""
        if self._asked:
            self.runner.submit(IdsRequest(self.number))

    def load_all(self) -> None:
        """Load every row of the list; `allLoaded` says when."""
        model = self.model
        if not self.query:  # a navigator node: its pages come at once
            while model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
        if model.complete:
            self.allLoaded.emit()
            return
        self._want_all = True
        self._fetch_rest()

    def _fetch_rest(self) -> None:
        """Ask for the rows not loaded yet, unless a page is already on its way (it asks again)."""
        if self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())

    def _pager(self, offset: int, limit: int) -> SearchResult | None:
        """Later pages of the search come from the worker: asked for now, added when they come
        (every remaining row at once when all are wanted)."""
        if self._want_all:
            limit = max(limit, self.total - offset)
        self.runner.submit(PageRequest(self.number, offset, limit))
        return None

    @Slot(object)
    def _replied(self, reply: Reply) -> None:
        request = reply.request
        if getattr(request, "number", None) != self.number:
            return  # the user has moved on: a newer search, or a node opened from the tree
        if reply.error:
            self.failed.emit(reply.error)
            return
        value = reply.value
        if isinstance(value, Hits):
            self._show_hits(request, value.result)
        elif isinstance(value, Complete):
            if self._shown != self.number:
                self._show_hits(request, value.result)
            self.total = value.result.total
            self.model.set_total(self.total)
            self.finished.emit(value.result, value.facets)
        elif isinstance(value, Page) and value.offset == len(self.model.hits):
            self.model.add_page(value.result)
            if self._want_all and self.model.complete:
                self._want_all = False
                self.allLoaded.emit()
            elif self._want_all:
                self._fetch_rest()
        elif isinstance(value, Ids):
            self.idsReady.emit(self._asked, value.ids)

    def _show_hits(self, request: object, result: SearchResult) -> None:
        assert isinstance(request, SearchRequest)
        self._shown = request.number
        self.query, self.loose = request.query, request.loose
        self.terms = list(result.terms)
        self.total = result.total
        self.model.reset(self._pager, result)
        self.hitsShown.emit(result)

    def stop(self) -> None:
        self.runner.stop()
