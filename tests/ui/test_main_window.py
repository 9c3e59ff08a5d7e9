"""The main window driven offscreen: trees, list, reader, search, facets, shortcuts and saved state."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication

from viewer.domain import Article
from viewer.reports.citation import citation
from viewer.ui.list_model import ARTICLE_ID_ROLE, HitListModel
from viewer.ui.main_window import MainWindow
from viewer.ui.reader import article_html
from viewer.ui.tree_model import IssueSource, NavigatorModel, RegionSource


@pytest.fixture()
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def window(qtbot, archive, settings):
    win = MainWindow(archive, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.stop()


def search(qtbot, window, text):
    window.search_box.setText(text)  # QTest.keyClicks only types ASCII
    with qtbot.waitSignal(window.searchFinished, timeout=10_000):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)


def child(model, parent, text):
    model.fetchMore(parent) if model.canFetchMore(parent) else None
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if text in index.data():
            return index
    raise AssertionError(f"{text} not under {parent.data()}")


def test_region_tree_lists_a_city_with_its_counties(window, archive):
    model = window.region_model
    province = child(model, QModelIndex(), "江苏省")
    city = child(model, province, "盐城市")
    assert city.data() == "盐城市（14）"
    window.navigation.open_node(city, by_region=True)
    assert window.list_model.total == 14
    regions = {archive.article(h.article_id).region.city for h in window.list_model.hits}
    assert regions == {"盐城市"}
    assert window.reader.article is not None and window.reader.article.region.city == "盐城市"
    county = child(model, city, "大丰区")
    leaf = child(model, county, "")  # its first article
    window.navigation.open_node(leaf, by_region=True)
    assert window.reader.article.id == leaf.data(ARTICLE_ID_ROLE)


def test_issue_tree_goes_publication_year_page_article(window):
    model = window.issue_model
    paper = child(model, QModelIndex(), "江苏工人报")
    year = child(model, paper, "2025")
    page = child(model, year, "2025-03-17")
    window.navigation.open_node(page, by_region=False)
    article = child(model, page, "")
    assert window.list_model.total == model.rowCount(page) > 0
    window.navigation.open_node(article, by_region=False)
    assert window.reader.article.issue.issue_date == "2025-03-17"


def test_search_highlights_every_hit_and_steps_through_them(qtbot, window, archive):
    search(qtbot, window, "康乃馨")
    assert window.list_model.total == archive.search("康乃馨").total > 0
    assert "康乃馨" in window.reader.toPlainText()
    assert window.reader.hit_count == window.reader.toPlainText().count("康乃馨")
    assert "找到" in window.summary.text() and "毫秒" in window.summary.text()
    assert "background:#ffe08a" in window.list_model.hits[0].snippet
    if window.reader.hit_count > 1:
        first = window.reader.textCursor().selectionStart()
        qtbot.keyClick(window, Qt.Key.Key_F3)
        assert window.reader.textCursor().selectionStart() > first
        assert window.reader.textCursor().selectedText() == "康乃馨"


def test_facet_click_filters_the_results(qtbot, window, archive):
    search(qtbot, window, "工会")
    before = window.list_model.total
    group = next(window.facets.topLevelItem(i) for i in range(window.facets.topLevelItemCount())
                 if window.facets.topLevelItem(i).text(0) == "地区")
    item = next(group.child(i) for i in range(group.childCount()) if group.child(i).text(0).startswith("盐城市"))
    with qtbot.waitSignal(window.searchFinished, timeout=10_000):
        window.facets.itemClicked.emit(item, 0)
    assert window.search_box.text() == "工会 地区:盐城市"
    assert 0 < window.list_model.total < before
    assert all(archive.article(h.article_id).region.city == "盐城市" for h in window.list_model.hits)


def test_search_within_results_narrows(qtbot, window):
    search(qtbot, window, "工会")
    broad = window.list_model.total
    window.within_box.setChecked(True)
    search(qtbot, window, "劳模")
    assert window.session.query == "工会 劳模"
    assert 0 < window.list_model.total <= broad


def test_hits_of_a_huge_match_set_show_before_their_total(qtbot, window, archive, monkeypatch):
    """Past the rank window the list and reader fill at once; the total and facets follow."""
    from viewer.archive import rank
    from viewer.archive.match import Matcher
    from viewer.archive.plan import Planner
    from viewer.ui import search_session
    from viewer.ui.search_worker import Complete, Hits

    search(qtbot, window, "康乃馨")  # a small search first: its facets must not linger
    assert window.facets.topLevelItemCount() > 0
    monkeypatch.setattr(rank, "RANK_WINDOW", 3)
    monkeypatch.setattr(search_session, "FIRST_PAGE", 5)
    replies = []
    window.session.runner.replied.connect(lambda reply: replies.append(reply.value))
    seen_while_counting = []  # the window's state right after it listed the first page

    def look(_result):
        seen_while_counting.append((window.list_label.text(), window.list_model.rowCount(),
                                    window.reader.article is not None, window.facets.topLevelItemCount()))

    window.session.hitsShown.connect(look)  # runs after the window's own slots, connected first
    search(qtbot, window, "工会")
    assert [type(v) for v in replies] == [Hits, Complete]
    assert replies[0].result.hits == replies[1].result.hits
    label, rows, reading, facet_groups = seen_while_counting[0]
    assert "正在统计" in label and rows == len(replies[0].result.hits) > 0 and reading and facet_groups == 0
    assert window.list_model.total == window.session.total == archive.count("工会") > len(replies[0].result.hits)
    assert "正在统计" not in window.list_label.text() and str(window.list_model.total) in window.list_label.text()
    assert window.facets.topLevelItemCount() > 0
    counts, plans = [], []  # scrolling pages in the rest must neither count nor plan the search again
    real_count = Matcher.start_count
    monkeypatch.setattr(Matcher, "start_count", lambda self, plan: counts.append(plan) or real_count(self, plan))
    real_planner = Planner.plan
    monkeypatch.setattr(Planner, "plan", lambda self, q: plans.append(q) or real_planner(self, q))
    with qtbot.waitSignal(window.session.allLoaded, timeout=10_000):
        window.session.load_all()
    assert window.list_model.rowCount() == window.list_model.total and counts == [] and plans == []
    ids = [h.article_id for h in window.list_model.hits]
    assert len(set(ids)) == len(ids) and set(ids) == set(archive.search_ids("工会"))


def test_a_late_total_does_not_replace_a_list_opened_from_the_tree(qtbot, window, archive, monkeypatch):
    from viewer.archive import rank

    monkeypatch.setattr(rank, "RANK_WINDOW", 3)
    replies = []
    window.session.runner.replied.connect(replies.append)
    search(qtbot, window, "工会")
    province = child(window.region_model, QModelIndex(), "江苏省")
    city = child(window.region_model, province, "盐城市")
    window.navigation.open_node(city, by_region=True)
    window.session._replied(replies[-1])  # the search's final reply arriving after the click
    assert window.list_model.total == 14 and window.list_label.text().startswith("盐城市")


def test_empty_result_suggests_what_to_try(qtbot, window):
    search(qtbot, window, "不存在的词语")
    assert window.list_model.total == 0
    assert "可以试试" in window.reader.toPlainText()


def test_bad_query_is_explained(qtbot, window):
    search(qtbot, window, "-南京")
    assert "至少" in window.list_label.text() and window.list_model.rowCount() == 0


def test_shortcuts(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    window.search_box.setText("abc")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    search(qtbot, window, "工会")
    first = window.reader.article.id
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    second = window.reader.article.id
    assert second != first
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reader.article.id == first
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.reader.article.id == second
    size = window.reader.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom == 1 and window.reader.font().pointSizeF() > size
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.clipboard().text() == citation(window.reader.article)


def test_state_is_restored(qtbot, archive, settings):
    first = MainWindow(archive, settings)
    qtbot.addWidget(first)
    first.show()
    search(qtbot, first, "劳模")
    first.reader.set_zoom(3)
    shown = first.reader.article.id
    first.close()
    second = MainWindow(archive, settings)
    qtbot.addWidget(second)
    assert second.reader.zoom == 3
    assert second.reader.article.id == shown
    second.session.stop()


def test_save_as_pdf(qtbot, window, tmp_path):
    search(qtbot, window, "劳模")
    out = tmp_path / "article.pdf"
    window.output.save_pdf(str(out))
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000


@pytest.mark.parametrize("source", [RegionSource, IssueSource])
def test_navigator_models_pass_the_model_tester(qtmodeltester, archive, source):
    model = NavigatorModel(source(archive))
    qtmodeltester.check(model)
    top = model.index(0, 0)
    model.fetchMore(top)
    qtmodeltester.check(model)


def test_list_model_passes_the_model_tester(qtmodeltester, archive):
    model = HitListModel()
    model.reset(lambda offset, limit: archive.search("工会", limit=limit, offset=offset))
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    dates = [h.issue_date or "" for h in model.hits]
    assert dates == sorted(dates, reverse=True)
    qtmodeltester.check(model)


def test_reader_escapes_html(archive):
    a = next(archive.articles())
    evil: Article = replace(a, headline="<img src=x>", body="<b>粗体</b>")
    page = article_html(evil, ["粗体"])
    assert "<img" not in page and "&lt;b&gt;" in page


def test_the_toolbar_actions_have_icons(tagged_window):
    c = tagged_window.commands
    for action in (c.back, c.forward, c.prev_hit, c.next_hit, c.cite):
        assert not action.icon().isNull(), action.text()
