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

from PySide6.QtCore import QEventLoop, QModelIndex, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.archive import Archive  # noqa: E402
from viewer.ui.main_window import MainWindow  # noqa: E402
from viewer.userdata import open_store  # noqa: E402

OUT = Path(__file__).resolve().parent


def child(model, parent, text):  # type: ignore[no-untyped-def]
    if model.canFetchMore(parent):
        model.fetchMore(parent)
    return next(model.index(r, 0, parent) for r in range(model.rowCount(parent)) if text in model.index(r, 0, parent).data())


def search(app: QApplication, window: MainWindow, text: str) -> None:
    loop = QEventLoop()
    window.searchFinished.connect(loop.quit)
    window.search_box.setText(text)
    window.run_search()
    QTimer.singleShot(10_000, loop.quit)
    loop.exec()
    app.processEvents()


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive.open(ROOT / "resources" / "archive.sqlite")
        store = open_store(Path(tmp) / "data")
        window = MainWindow(archive, QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat), store=store)
        window.resize(1400, 860)
        window.show()
        app.processEvents()

        model, tree = window.region_model, window.region_tree
        province = child(model, QModelIndex(), "江苏省")
        tree.expand(province)
        city = child(model, province, "盐城市")
        tree.expand(city)
        tree.expand(child(model, city, "大丰区"))
        tree.setCurrentIndex(city)
        window.open_node(city, by_region=True)
        app.processEvents()
        window.grab().save(str(OUT / "region-tree.png"))

        window.navigator.setCurrentIndex(1)
        model, tree = window.issue_model, window.issue_tree
        paper = child(model, QModelIndex(), "江苏工人报")
        tree.expand(paper)
        year = child(model, paper, "2025")
        tree.expand(year)
        page = child(model, year, "2025-03-17")
        tree.expand(page)
        tree.setCurrentIndex(page)
        window.open_node(page, by_region=False)
        app.processEvents()
        window.grab().save(str(OUT / "issue-tree.png"))

        search(app, window, "劳模工匠 地区:盐城")
        window.grab().save(str(OUT / "search.png"))

        for query, tags in (("劳模工匠", ["劳模工匠助企行"]), ("女职工", ["女职工"]), ("产改", ["产改"]),
                            ("康乃馨", ["女职工", "关爱"])):
            store.tag(archive.search_ids(query), tags, [])
        store.tag([], ["<b>待核实</b>"])
        store.set_tag("劳模工匠助企行", parent="产改", shortcut=1, color="#d9822b")
        store.set_tag("女职工", shortcut=2, color="#c2185b")
        for hit in archive.search("劳模", limit=3).hits:
            store.bookmark(hit.article_id, "年度报告引用：" + hit.headline[:12], archive.snapshot(hit.article_id))
        window.navigator.setCurrentIndex(2)
        window._annotations_changed()
        search(app, window, "标签:产改")
        window.grab().save(str(OUT / "tags.png"))

        window.navigator.setCurrentIndex(3)
        window.bookmark_panel.refresh()
        window.show_article(window.bookmark_panel.list.item(0).data(256))
        app.processEvents()
        window.grab().save(str(OUT / "bookmarks.png"))
        window.close()
        store.close()
        archive.close()


if __name__ == "__main__":
    main()
