"""Tags, bookmarks and notes in the window: favourite keys, chips, tabs, literal names, export."""

import csv

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt

from viewer.domain import Orphan, Snapshot, display_title
from viewer.ui.main_window import MainWindow
from viewer.userdata import open_store


@pytest.fixture()
def store(tmp_path):
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture()
def window(qtbot, archive, store, tmp_path):
    archive.use_tags(store.article_ids_for_tag)  # as the composition root hands it in
    win = MainWindow(archive, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), store=store)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.stop()


def search(qtbot, window, text):
    window.search_box.setText(text)
    with qtbot.waitSignal(window.searchFinished, timeout=10_000):
        window.search_bar.run()


def test_favourite_key_tags_the_selection_and_shows_everywhere(qtbot, window, store):
    store.tag([], ["女职工"])
    store.set_tag("女职工", shortcut=1)
    search(qtbot, window, "劳模")
    window.list_view.selectRow(0)
    article = window.reader.article.id
    window.list_view.setFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)
    assert store.tags_by_article([article])[article] == ["女职工"]
    assert "女职工" in window.reader.toPlainText()  # a chip in the reader
    assert window.list_model.index(0, 5).data() == "女职工"  # the tags column
    top = window.navigator.tag_panel.topLevelItem(0)
    assert top.text(0).startswith("女职工（1）")
    qtbot.keyClick(window.list_view, Qt.Key.Key_1)  # again: off
    assert store.tags_by_article([article])[article] == []
    store.tag([article], ["女职工"])
    qtbot.keyClick(window.list_view, Qt.Key.Key_0)  # 0 clears the favourites
    assert store.tags_by_article([article])[article] == []


def test_tag_panel_click_searches_the_tag(qtbot, window, store, archive):
    ids = archive.search_ids("康乃馨")
    store.tag(ids, ["关爱"])
    window.navigator.tag_panel.refresh()
    item = window.navigator.tag_panel.topLevelItem(0)
    with qtbot.waitSignal(window.searchFinished, timeout=10_000):
        window.navigator.tag_panel.itemClicked.emit(item, 0)
    assert window.search_box.text() == "标签:关爱"
    assert {h.article_id for h in window.list_model.hits} == set(ids)


def test_html_in_tag_names_and_notes_is_shown_literally(qtbot, window, store):
    search(qtbot, window, "魏国强")
    article = window.reader.article
    store.tag([article.id], ["<img src=x>", "<b>粗体</b>"])
    store.bookmark(article.id, "<i>斜体</i> & 备注")
    window._annotations_changed()
    text = window.reader.toPlainText()
    assert "<img src=x>" in text and "<b>粗体</b>" in text
    assert "<img" not in window.reader.toHtml().replace("&lt;img", "")
    names = [window.navigator.tag_panel.topLevelItem(i).text(0) for i in range(window.navigator.tag_panel.topLevelItemCount())]
    assert any(n.startswith("<b>粗体</b>（1）") for n in names)
    assert "<i>斜体</i> & 备注" in window.navigator.bookmark_panel.list.item(0).text()


def test_ctrl_d_bookmarks_and_the_bookmark_tab_finds_it(qtbot, window, store):
    search(qtbot, window, "康乃馨")
    article = window.reader.article
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert store.is_bookmarked(article.id)
    panel = window.navigator.bookmark_panel
    assert panel.list.count() == 1
    store.bookmark(article.id, "年度总结要引用")
    panel.filter_box.setText("年度")
    assert panel.list.count() == 1 and "年度总结要引用" in panel.list.item(0).text()
    panel.filter_box.setText("没有这个词")
    assert panel.list.count() == 0
    panel.filter_box.setText("")
    search(qtbot, window, "魏国强")
    panel.list.itemClicked.emit(panel.list.item(0))
    assert window.reader.article.id == article.id


def test_export_the_list_as_csv_and_xlsx_and_compile_docx(qtbot, window, tmp_path, archive, store):
    openpyxl = pytest.importorskip("openpyxl")
    docx = pytest.importorskip("docx")
    search(qtbot, window, "工会")
    store.tag([window.list_model.hits[0].article_id], ["<b>产改</b>"])
    window.list_model.refresh_tags()
    out = tmp_path / "list.csv"
    window.output.export_list(str(out))
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    from viewer.reports.table import ARTICLE_COLUMNS

    assert rows[0] == [c.header() for c in ARTICLE_COLUMNS]
    assert len(rows) - 1 == archive.search("工会").total and rows[1][rows[0].index("标签")] == "<b>产改</b>"
    sheet = openpyxl.load_workbook(window_export(window, tmp_path / "list.xlsx")).active
    assert [c.value for c in sheet[1]] == rows[0]
    assert [c.value for c in sheet[2]][:3] == rows[1][:3] and sheet.max_row == len(rows)
    # (select through the model: an earlier test's Ctrl press may linger in offscreen Qt's modifier state)
    flags = QItemSelectionModel.SelectionFlag
    window.list_view.selectionModel().select(window.list_model.index(0, 0), flags.ClearAndSelect | flags.Rows)
    window.list_view.selectionModel().select(window.list_model.index(1, 0), flags.Select | flags.Rows)
    assert len(window.navigation.selected_ids()) == 2
    window.output.export_list(str(tmp_path / "two.csv"), selected_only=True)
    assert len((tmp_path / "two.csv").read_text(encoding="utf-8-sig").splitlines()) == 3
    window.output.compile_docx(str(tmp_path / "汇编.docx"), title="工会", date_range="")
    text = [p.text for p in docx.Document(str(tmp_path / "汇编.docx")).paragraphs]
    first, second = (archive.article(h.article_id) for h in window.list_model.hits[:2])
    assert text[0] == "工会"
    assert f"1. {display_title(first).text}" in text and f"2. {display_title(second).text}" in text
    assert any(f"《{first.issue.publication}》" in t for t in text)
    assert first.paragraphs[0] in text


def window_export(window, path):
    window.output.export_list(str(path))
    return path


def test_orphans_are_listed(window):
    window.navigator.tag_panel.orphans = [Orphan(Snapshot("gone-1", "消失的文章", "盐城工会", "2024-03-27"), ("产改",), "笔记")]
    window.navigator.tag_panel.refresh()
    last = window.navigator.tag_panel.topLevelItem(window.navigator.tag_panel.topLevelItemCount() - 1)
    assert last.text(0) == "孤立的标注（1）"
    assert "消失的文章" in last.child(0).text(0) and "产改" in last.child(0).text(0)


def test_user_data_opens_off_the_gui_thread_and_attaches(qtbot, archive, tmp_path, monkeypatch):
    from viewer import app
    from viewer.ui.user_data_loader import UserDataLoader
    from viewer.userdata import UserStore

    window = MainWindow(archive, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.navigator.count() == 2 and not window.commands.bookmark.isEnabled()
    loader = UserDataLoader(window)
    with qtbot.waitSignal(loader.loaded, timeout=20_000) as blocker:
        loader.start(tmp_path / "data")
    assert isinstance(blocker.args[0], UserStore)
    app.attach_user_data(window, blocker.args[0])
    assert window.navigator.count() == 4 and window.commands.bookmark.isEnabled()
    window.session.stop()


def test_unusable_user_data_is_explained(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from viewer import app
    from viewer.userdata.store import UserDataError

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert app.explain_user_data(UserDataError("x", "无法打开个人数据（…）")) is None
    assert "标签和书签暂时不能使用" in shown[0]
    corrupt = tmp_path / "data"
    corrupt.mkdir()
    (corrupt / "userdata.sqlite").write_bytes(b"garbage" * 100)
    store = app.explain_user_data(open_store(corrupt))
    assert store is not None and "已损坏" in shown[1]
    store.close()


def test_history_and_saved_searches_live_in_user_data(qtbot, window, store, archive, tmp_path):
    search(qtbot, window, "劳模")
    search(qtbot, window, "康乃馨")
    assert store.history()[:2] == ["康乃馨", "劳模"]
    store.save_search("盐城劳模", "劳模 地区:盐城")
    window._annotations_changed()
    saved = window.navigator.bookmark_panel.saved
    assert saved.count() == 1 and "盐城劳模" in saved.item(0).text()
    with qtbot.waitSignal(window.searchFinished, timeout=10_000):
        saved.itemClicked.emit(saved.item(0))
    assert window.list_model.total == archive.search("劳模 地区:盐城").total
    again = MainWindow(archive, QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat), store=store)
    qtbot.addWidget(again)
    assert again.history.stringList()[:2] == ["劳模 地区:盐城", "康乃馨"]
    again.session.stop()


def test_team_database_setting(qtbot, window, monkeypatch):
    from PySide6 import QtWidgets

    monkeypatch.setattr(QtWidgets.QInputDialog, "getText",
                        lambda *a, **k: ("postgresql+psycopg://team@server/archive", True))
    monkeypatch.setattr(QtWidgets.QMessageBox, "information", lambda *a: None)
    window.window_settings.choose_team_database()
    assert window.settings.value("userdata/url") == "postgresql+psycopg://team@server/archive"
    warned = []
    monkeypatch.setattr(QtWidgets.QInputDialog, "getText", lambda *a, **k: ("mysql://x", True))
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: warned.append(a[2]))
    window.window_settings.choose_team_database()
    assert warned and window.settings.value("userdata/url") == "postgresql+psycopg://team@server/archive"
