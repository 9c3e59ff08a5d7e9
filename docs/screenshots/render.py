"""Render the README screenshots offscreen from the bundled archive (needs a CJK font installed).

    QT_QPA_PLATFORM=offscreen python docs/screenshots/render.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate, QEventLoop, QModelIndex, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.archive import Archive  # noqa: E402
from viewer.ui.advanced_search import AdvancedSearchDialog  # noqa: E402
from viewer.ui.i18n import install_translator  # noqa: E402
from viewer.ui.main_window import MainWindow  # noqa: E402
from viewer.userdata import UserStore, open_store  # noqa: E402

OUT = Path(__file__).resolve().parent


def child(model, parent, text):  # type: ignore[no-untyped-def]
    while model.canFetchMore(parent):
        model.fetchMore(parent)
    return next(model.index(r, 0, parent) for r in range(model.rowCount(parent)) if text in model.index(r, 0, parent).data())


def settle(app: QApplication, ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def search(app: QApplication, window: MainWindow, text: str) -> None:
    loop = QEventLoop()
    window.searchFinished.connect(loop.quit)
    window.search_bar.box.setText(text)
    window.search_bar.run()
    QTimer.singleShot(10_000, loop.quit)
    loop.exec()
    window.searchFinished.disconnect(loop.quit)
    settle(app, 100)


def open_window(app: QApplication, archive: Archive, store: UserStore, tmp: str, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(archive, QSettings(str(Path(tmp) / f"s{size[0]}.ini"), QSettings.Format.IniFormat), store=store)
    window.resize(*size)
    window.show()
    settle(app)
    return window


def annotate(archive: Archive, store: UserStore) -> None:
    for query, tags in (("劳模工匠", ["劳模工匠助企行"]), ("女职工", ["女职工"]), ("产改", ["产改"]),
                        ("康乃馨", ["女职工", "关爱"])):
        store.tag(archive.search_ids(query), tags, [])
    store.set_tag("劳模工匠助企行", parent="产改", shortcut=1)
    store.set_tag("女职工", shortcut=2)
    for hit in archive.search("劳模", limit=3).hits:
        store.bookmark(hit.article_id, "年度报告引用：" + hit.headline[:12], archive.snapshot(hit.article_id))


def trees(app: QApplication, window: MainWindow) -> None:
    model, tree = window.region_model, window.navigator.region_tree
    province = child(model, QModelIndex(), "江苏省")
    tree.expand(province)
    city = child(model, province, "盐城市")
    tree.expand(city)
    tree.expand(child(model, city, "大丰区"))
    tree.setCurrentIndex(city)
    window.navigation.open_node(city, by_region=True)
    settle(app)
    window.grab().save(str(OUT / "region-tree.png"))
    window.navigator.setCurrentIndex(1)
    model, tree = window.issue_model, window.navigator.issue_tree
    paper = child(model, QModelIndex(), "江苏工人报")
    tree.expand(paper)
    year = child(model, paper, "2025")
    tree.expand(year)
    page = child(model, year, "2025-03-17")
    tree.expand(page)
    tree.setCurrentIndex(page)
    window.navigation.open_node(page, by_region=False)
    settle(app)
    window.grab().save(str(OUT / "issue-tree.png"))


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive.open(ROOT / "resources" / "archive.sqlite")
        archive.use_tags(lambda name: set())
        store = open_store(Path(tmp) / "data")
        archive.use_tags(store.article_ids_for_tag)
        annotate(archive, store)
        chinese = install_translator(app, "zh_CN")

        window = open_window(app, archive, store, tmp, (1280, 800))
        window.grab().save(str(OUT / "first-screen-1280x800.png"))
        trees(app, window)
        search(app, window, "劳模工匠 地区:盐城")
        window.grab().save(str(OUT / "search.png"))
        window.navigator.setCurrentIndex(2)
        search(app, window, "标签:产改")
        window.grab().save(str(OUT / "tags.png"))
        window.navigator.setCurrentIndex(3)
        panel = window.navigator.bookmark_panel
        window.navigation.show_article(panel.list.item(0).data(256))
        settle(app)
        window.grab().save(str(OUT / "bookmarks.png"))
        headless = next(a for a in archive.articles() if a.kind == "photo" and not a.headline)
        search(app, window, "地区:亭湖区")
        window.navigation.show_article(headless.id)
        settle(app)
        window.grab().save(str(OUT / "headline-less-1280x800.png"))
        continued = next(a for a in archive.articles() if a.continued == "to")
        window.navigation.show_article(continued.id)
        window.reader.verticalScrollBar().setValue(window.reader.verticalScrollBar().maximum())
        settle(app)
        window.grab().save(str(OUT / "continued-1280x800.png"))
        advanced = AdvancedSearchDialog(archive, [t.name for t in store.tags()], window)
        advanced.text_box.setText("职工书屋")
        advanced.region_box.setCurrentIndex(advanced.region_box.findText("盐城市", Qt.MatchFlag.MatchContains))
        advanced.from_check.setChecked(True)
        advanced.from_date.setDate(QDate(2024, 1, 1))
        advanced.show()
        settle(app)
        advanced.grab().save(str(OUT / "advanced-search.png"))
        advanced.close()
        window.close()

        small = open_window(app, archive, store, tmp, (1024, 700))
        search(app, small, "职工")
        small.reader.next_hit()
        settle(app)
        small.grab().save(str(OUT / "search-1024x700.png"))
        small.close()

        if chinese is not None:
            app.removeTranslator(chinese)
        english = install_translator(app, "en")
        window = open_window(app, archive, store, tmp, (1280, 800))
        search(app, window, "工会 地区:盐城")
        window.grab().save(str(OUT / "english-1280x800.png"))
        window.close()
        if english is not None:
            app.removeTranslator(english)
        store.close()
        archive.close()


if __name__ == "__main__":
    main()
