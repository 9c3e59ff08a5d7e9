"""The search session: the only owner of the current search; stale replies never reach the list."""

import pytest
from PySide6.QtCore import QModelIndex

from viewer.domain import Facets, SearchResult
from viewer.ui.list_model import HTML_MARKERS, HitListModel
from viewer.ui.search_session import SearchSession
from viewer.ui.search_worker import Complete, Hits, Page, PageRequest, SearchRequest, SearchWorker
from viewer.ui.workers import Reply, WorkerThread


@pytest.fixture()
def session(qtbot, archive):
    from PySide6.QtWidgets import QWidget

    from viewer.archive import Archive

    owner = QWidget()  # owns the session's objects; pytest-qt deletes it after the test
    qtbot.addWidget(owner)
    model = HitListModel(owner)
    runner = WorkerThread(SearchWorker(lambda: Archive.open(archive.path), HTML_MARKERS), owner)
    opened = SearchSession(runner, model, owner)
    yield opened
    opened.stop()


def finish(qtbot, session, query):
    with qtbot.waitSignal(session.finished, timeout=10_000) as blocker:
        session.submit(query)
    return blocker.args[0]


def test_a_search_fills_the_list_with_its_hits_and_total(qtbot, session, archive):
    result = finish(qtbot, session, "康乃馨")
    assert session.query == "康乃馨" and session.total == result.total == archive.count("康乃馨")
    assert [h.article_id for h in session.model.hits] == [h.article_id for h in archive.search("康乃馨", limit=100).hits]
    assert session.terms == ["康乃馨"]


def test_a_reply_to_an_earlier_search_is_dropped(qtbot, session, archive):
    shown = []
    session.hitsShown.connect(lambda result: shown.append(result.query))
    session.finished.connect(lambda result, _facets: shown.append(result.query))
    first = session.submit("康乃馨")
    finish(qtbot, session, "劳模")
    stale = SearchResult(query="康乃馨", total=1, hits=archive.search("康乃馨", limit=1).hits)
    session.runner.replied.emit(Reply(SearchRequest(first, "康乃馨", False, 100), Hits(stale, counting=True)))
    session.runner.replied.emit(Reply(SearchRequest(first, "康乃馨", False, 100), Complete(stale, Facets())))
    session.runner.replied.emit(Reply(PageRequest(first, len(session.model.hits), 100), Page(0, stale)))
    assert set(shown) == {"劳模"} and session.query == "劳模"
    assert {h.article_id for h in session.model.hits} == set(archive.search_ids("劳模"))
    assert session.total == archive.count("劳模")


def test_an_error_for_an_earlier_search_is_dropped_too(qtbot, session):
    failures = []
    session.failed.connect(failures.append)
    first = session.submit("康乃馨")
    finish(qtbot, session, "劳模")
    session.runner.replied.emit(Reply(SearchRequest(first, "康乃馨", False, 100), error="旧的错误"))
    assert failures == []


def test_a_node_opened_after_a_search_drops_its_late_replies(qtbot, session, archive):
    number = session.submit("工会")
    session.show_list(lambda offset, limit: archive.trees.browse(region="江苏省/盐城市", limit=limit, offset=offset),
                      "盐城市")
    qtbot.wait(300)  # the search's replies arrive and must be dropped
    late = SearchResult(query="工会", total=99, hits=())
    session.runner.replied.emit(Reply(SearchRequest(number, "工会", False, 100), Complete(late, Facets())))
    assert session.query == "" and session.model.total == 14 == session.total


def test_later_pages_come_from_the_same_search(qtbot, session, archive, monkeypatch):
    from viewer.archive.plan import Planner
    from viewer.ui import search_session

    monkeypatch.setattr(search_session, "FIRST_PAGE", 4)
    finish(qtbot, session, "工会")
    plans = []
    real = Planner.plan
    monkeypatch.setattr(Planner, "plan", lambda self, q: plans.append(q) or real(self, q))
    with qtbot.waitSignal(session.allLoaded, timeout=10_000):
        session.load_all()
    assert plans == [] and len(session.model.hits) == session.total == archive.count("工会")
    assert not session.model.canFetchMore(QModelIndex())


def test_scrolling_asks_the_worker_for_the_next_page_once(qtbot, session, archive, monkeypatch):
    from viewer.ui import search_session

    monkeypatch.setattr(search_session, "FIRST_PAGE", 5)
    finish(qtbot, session, "工会")
    model = session.model
    assert model.rowCount() == 5 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # the page is on its way: not asked for twice
    qtbot.waitUntil(lambda: model.rowCount() > 5, timeout=10_000)
    assert [h.article_id for h in model.hits] == [h.article_id for h in archive.search("工会", limit=model.rowCount()).hits]


def test_loading_every_row_while_a_page_is_on_its_way(qtbot, session, archive, monkeypatch):
    from viewer.ui import list_model, search_session

    monkeypatch.setattr(search_session, "FIRST_PAGE", 3)
    monkeypatch.setattr(list_model, "PAGE_SIZE", 2)
    finish(qtbot, session, "工会")
    session.model.fetchMore(QModelIndex())  # the view scrolled: two more rows asked for
    with qtbot.waitSignal(session.allLoaded, timeout=10_000):
        session.load_all()
    assert [h.article_id for h in session.model.hits] == [h.article_id for h in archive.search("工会", limit=100).hits]


def test_every_id_of_the_current_search(qtbot, session, archive):
    finish(qtbot, session, "工会")
    with qtbot.waitSignal(session.idsReady, timeout=10_000) as blocker:
        session.request_ids()
    assert blocker.args == ["工会", archive.search_ids("工会")]
