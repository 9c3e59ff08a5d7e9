"""Render the import screenshots offscreen: progress, the review of a page, the 版面 view.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/render_import.py   (needs reportlab and a CJK font)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pdfpages import SAMPLE_STORIES, Story, make_page  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.archive import Archive  # noqa: E402
from viewer.ui.import_actions import install_import_actions  # noqa: E402
from viewer.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent
STORIES = SAMPLE_STORIES + [
    Story("常州职工书屋建设提档升级", ("本报讯（记者 周洁）常州市总工会今年新建职工书屋五十家，覆盖全市主要园区和重点企业。" * 2,
                                     "书屋配备图书、电子阅读设备，方便职工工余阅读学习。")),
    Story("盐城开展女职工权益保护宣传", ("本报讯 盐城市总工会近日组织女职工权益保护专项宣传活动，发放宣传资料两千余份。" * 2,)),
]


def wait(app: QApplication, condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        files = [make_page(folder / f"jsgrb-2026031{n}-0{n}.pdf", STORIES, dateline=f"2026年3月1{n}日 星期六",
                           headline_after=True, columns=2) for n in range(4)]
        archive = Archive.open(ROOT / "resources" / "archive.sqlite")
        window = MainWindow(archive, QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 860)
        window.show()
        actions = install_import_actions(window, Path(tmp) / "data")
        dialog = actions.import_paths(files, review=True)
        wait(app, lambda: "正在导入 1/4" in dialog.status.text())
        dialog.progress.setValue(0)
        dialog.grab().save(str(OUT / "import-progress.png"))
        wait(app, lambda: dialog.pages.currentWidget() is dialog.review)
        dialog.review.articles.setCurrentRow(1)
        app.processEvents()
        dialog.review.page_view.fit_width()
        app.processEvents()
        dialog.grab().save(str(OUT / "import-review.png"))
        dialog.review.accept_all_button.click()
        wait(app, lambda: dialog.pages.currentWidget() is dialog.report)
        dialog.close()
        key = window.archive.search("快递小哥").hits[0].article_id
        window.navigation.show_article(key)
        actions.act_page.trigger()
        app.processEvents()
        actions.page_view.fit_width()
        app.processEvents()
        window.grab().save(str(OUT / "page-view.png"))
        window.session.stop()
        window.close()


if __name__ == "__main__":
    main()
