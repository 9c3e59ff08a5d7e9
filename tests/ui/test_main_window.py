"""The first window, driven offscreen: search, list, reader with highlights, errors shown in Chinese."""

from PySide6.QtCore import Qt

from viewer.domain import Article
from viewer.ui.main_window import MainWindow, article_html


def test_search_fills_list_and_reader(qtbot, archive):
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    window.search_box.setText("康乃馨")  # QTest.keyClicks only types ASCII
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.results.count() == archive.search("康乃馨").total > 0
    assert "康乃馨" in window.reader.toPlainText()
    assert "#ffe08a" in window.reader.toHtml()  # hits are highlighted
    assert "找到" in window.statusBar().currentMessage()


def test_bad_query_is_explained(qtbot, archive):
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.search_box.setText("-南京")
    window.run_search()
    assert "至少" in window.empty_hint.text() and window.results.count() == 0


def test_reader_escapes_html(archive):
    a = next(archive.articles())
    from dataclasses import replace

    evil: Article = replace(a, headline="<img src=x>", body="<b>粗体</b>")
    page = article_html(evil, ["粗体"])
    assert "<img" not in page and "&lt;b&gt;" in page
