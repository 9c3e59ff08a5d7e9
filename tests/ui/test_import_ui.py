"""Import on the real window: the dialog's progress, a review (fix, merge, split), the summary, the 版面 view."""

from __future__ import annotations

import pytest
from pdfpages import SAMPLE_STORIES, Story, make_page
from PySide6.QtCore import QSettings, Qt

from viewer.archive import Archive
from viewer.ingest.library import library_path
from viewer.ui.import_actions import install_import_actions
from viewer.ui.main_window import MainWindow

MORE = SAMPLE_STORIES + [Story("常州职工书屋建设提档升级", ("本报讯（记者 周洁）常州市总工会今年新建职工书屋五十家。",
                                                        "书屋配备图书、电子阅读设备，方便职工阅读。"))]


@pytest.fixture()
def window(qtbot, seed_archive_path, tmp_path):
    archive = Archive.open(seed_archive_path)
    win = MainWindow(archive, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    actions = install_import_actions(win, tmp_path / "data", bundled=seed_archive_path)
    yield win, actions
    win.session.stop()
    win.archive.close()


def test_menu_and_shortcut_are_installed(window):
    win, actions = window
    file_menu = win.menuBar().actions()[0].menu()
    assert file_menu.actions()[0].text() == "导入版面…"
    assert actions.act_import.shortcut().toString() == "Ctrl+I"
    assert win.acceptDrops()


def test_import_with_review_fix_merge_split_then_the_page_view(qtbot, window, tmp_path):
    win, actions = window
    first = make_page(tmp_path / "a.pdf", MORE, headline_after=True)
    second = make_page(tmp_path / "b.pdf", SAMPLE_STORIES[:2], dateline="2025年1月2日")
    broken = tmp_path / "c.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    dialog = actions.import_paths([first, broken, second], review=True)
    statuses = []
    set_text = dialog.status.setText
    dialog.status.setText = lambda text: (statuses.append(text), set_text(text))
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.review, timeout=60_000)
    assert "正在导入 1/3：a.pdf" in statuses
    qtbot.waitUntil(lambda: len(dialog._reviews) == 1, timeout=60_000)  # b.pdf read meanwhile, waiting its turn
    review = dialog.review
    assert review.left.currentWidget() is review.page_view and len(review.page_view.areas) == 4
    assert review.articles.count() == 4
    review.articles.setCurrentRow(0)
    review.headline.setText("无锡职工技能大赛开幕")
    review.headline.editingFinished.emit()
    review.articles.setCurrentRow(1)
    qtbot.mouseClick(review.merge_button, Qt.MouseButton.LeftButton)  # 南通 + 泰州 as one
    assert review.articles.count() == 3
    review.articles.setCurrentRow(2)
    review.split_at.setValue(1)
    qtbot.mouseClick(review.split_button, Qt.MouseButton.LeftButton)
    assert review.articles.count() == 4
    review.page_number.setValue(3)
    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.review and "b.pdf" in dialog.status.text(),
                    timeout=60_000)
    qtbot.mouseClick(review.accept_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.report, timeout=60_000)
    summary = dialog.report.toPlainText()
    assert "已导入 2 个文件（2 版，6 篇文章）" in summary
    assert "c.pdf" in summary and "损坏" in summary
    assert dialog.session is None  # the worker process has ended
    # the window now reads the library
    assert win.archive.path == library_path(tmp_path / "data")
    hits = win.archive.search("标题:技能大赛开幕")
    assert hits.total == 1
    key = hits.hits[0].article_id
    assert win.archive.article(key).issue.page == 3
    # 版面: the article's area marked; a click on another area opens that article
    win.navigation.show_article(key)
    actions.act_page.trigger()
    qtbot.waitUntil(lambda: actions.page_view.current == key, timeout=10_000)
    other = next(k for k in actions.page_view.areas if k != key)
    view = actions.page_view
    center = view.areas[other][0].rect().center()
    view.centerOn(center)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(center))
    assert win.reader.article.id == other
    qtbot.waitUntil(lambda: view.current == other, timeout=5_000)
    before = view.zoom
    view.zoom_in()
    assert view.zoom == pytest.approx(before * 1.25)


def test_cancel_keeps_whole_pages(qtbot, window, tmp_path):
    win, actions = window
    files = [make_page(tmp_path / f"p{n}.pdf", [Story(f"第{n}版要闻", ("本报讯 要闻。",))]) for n in range(6)]
    dialog = actions.import_paths(files, review=False)
    qtbot.waitUntil(lambda: dialog.summary.files >= 1, timeout=60_000)
    dialog.cancel()
    assert dialog.summary.cancelled and "导入已取消" in dialog.report.toPlainText()
    import sqlite3

    conn = sqlite3.connect(library_path(tmp_path / "data"))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM imported_page p WHERE NOT EXISTS"
                        " (SELECT 1 FROM article a WHERE a.issue_id = p.issue_id)").fetchone()[0] == 0
    conn.close()


def test_dropped_files_are_imported_and_reviewed_again_with_keys_kept(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    win, actions = window
    page = make_page(tmp_path / "a.pdf", SAMPLE_STORIES)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    # Qt delivers drop events only during a real drag: hand the window's event filter the event it would get
    assert actions.eventFilter(win, drop) and drop.isAccepted()
    dialog = actions.dialog
    assert dialog is not None and dialog.files == [page]
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.review, timeout=60_000)
    qtbot.mouseClick(dialog.review.accept_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.report, timeout=60_000)
    key = win.archive.search("快递小哥").hits[0].article_id
    keys = [h.article_id for h in win.archive.search("本报讯").hits]
    win.navigation.show_article(key)
    again = actions.review_again()
    view = again.findChild(type(dialog.review))
    row = next(i for i, a in enumerate(view.page.articles) if a.id == key)
    view.articles.setCurrentRow(row)
    view.headline.setText("快递小哥有了歇脚处")
    view.headline.editingFinished.emit()
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.archive.article(key).headline == "快递小哥有了歇脚处", timeout=60_000)
    assert sorted(h.article_id for h in win.archive.search("本报讯").hits) == sorted(keys)  # same keys
    assert win.reader.article.id == key


def test_a_newer_bundled_archive_is_merged_when_the_window_opens(qtbot, seed_archive_path, tmp_path):
    import shutil
    import sqlite3

    from viewer.ingest.importer import Importer

    data = tmp_path / "data"
    Importer(data, bundled=seed_archive_path).run([make_page(tmp_path / "a.pdf", SAMPLE_STORIES)])
    newer = tmp_path / "newer.sqlite"
    shutil.copy(seed_archive_path, newer)
    conn = sqlite3.connect(newer)  # a new app version's archive: another build time
    conn.execute("UPDATE meta SET value = '2099-01-01T00:00:00+00:00' WHERE key = 'built_at'")
    conn.commit()
    conn.close()
    archive = Archive.open(library_path(data))
    win = MainWindow(archive, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    actions = install_import_actions(win, data, bundled=newer)
    assert actions.merging is not None
    qtbot.waitUntil(lambda: actions.merging is None, timeout=60_000)
    assert win.archive.search("快递小哥").total == 1  # the import kept
    from viewer.ingest.merge import needs_merge

    assert not needs_merge(data, newer)
    win.session.stop()
    win.archive.close()


def test_a_text_page_is_reviewed_beside_its_text(qtbot, importer_for_text, tmp_path):
    from viewer.ui.review_view import ReviewView

    text = tmp_path / "t.txt"
    text.write_text("工人日报\n2024年5月1日\n劳动节慰问一线职工\n本报讯（记者 张三）五一前夕，市总工会慰问环卫职工。\n",
                    encoding="gb18030")
    prepared = importer_for_text.prepare(text)
    view = ReviewView()
    qtbot.addWidget(view)
    view.show_page(prepared.pages[0], text)
    assert view.left.currentWidget() is view.text_view
    assert "五一前夕" in view.text_view.toPlainText()
    view.date.setText("5月1日")
    view.accept_page()
    assert "日期格式" in view.error.text()  # a clear reason, nothing accepted


@pytest.fixture()
def importer_for_text(tmp_path, seed_archive_path, segmenter):
    from viewer.ingest.importer import Importer

    return Importer(tmp_path / "data", segmenter, bundled=seed_archive_path)
