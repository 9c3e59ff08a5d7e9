"""Composition root: QApplication, archive, main window; plus the headless self-test."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from viewer import paths
from viewer.errors import ArchiveError

if TYPE_CHECKING:
    from viewer.userdata import UserStore

JIEBA_DELAY_MS = 1500


def _archive_arg(args: Sequence[str]) -> Path:
    if "--db" in args:
        index = list(args).index("--db")
        if index + 1 < len(args):
            return Path(args[index + 1])
    return paths.default_archive_path()


def main(argv: Sequence[str] = ()) -> int:
    """Start the desktop app on the bundled (or --db) archive."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from viewer.archive import Archive
    from viewer.text.segment import Segmenter
    from viewer.ui.i18n import chosen_language, install_translator
    from viewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("PressArchiveViewer")
    app.setApplicationName("ArchiveViewer")
    app.setApplicationDisplayName("报刊档案阅览")
    settings = QSettings()
    install_translator(app, chosen_language(settings))
    segmenter = Segmenter()
    path = _archive_arg(argv)
    store = open_user_data(_data_dir_arg(argv))
    tag_ids = store.article_ids_for_tag if store is not None else None
    try:
        archive = Archive.open(path, split_words=segmenter.words, tag_ids=tag_ids)
    except ArchiveError as e:
        QMessageBox.critical(None, "无法打开档案", e.message_zh)
        return 1
    window = MainWindow(archive, settings, lambda: Archive.open(path, split_words=segmenter.words, tag_ids=tag_ids),
                        store)
    if store is not None and window.tag_panel is not None:
        # A rebuilt archive may have new ids: follow each annotation to its article, list the rest.
        window.tag_panel.orphans = store.relink(archive.existing_ids, archive.find_by_snapshot)
        window.tag_panel.refresh()
    window.show()
    # jieba's dictionary (about a second of Python work) loads once the window is up and has
    # served a first search; loose mode waits for it if asked sooner.
    QTimer.singleShot(JIEBA_DELAY_MS, lambda: threading.Thread(
        target=segmenter.ensure_loaded, name="jieba-load", daemon=True).start())
    return int(app.exec())


def _data_dir_arg(args: Sequence[str]) -> Path | None:
    if "--data-dir" in args:
        index = list(args).index("--data-dir")
        if index + 1 < len(args):
            return Path(args[index + 1])
    return None


def open_user_data(data_dir: Path | None) -> UserStore | None:
    """The user's store; a moved-aside corrupt file is explained and its latest backup offered."""
    from PySide6.QtWidgets import QMessageBox

    from viewer.userdata import open_store
    from viewer.userdata.store import UserDataError

    try:
        store = open_store(data_dir)
    except UserDataError as e:
        QMessageBox.warning(None, "个人数据", e.message_zh + "\n标签和书签暂时不能使用。")
        return None
    recovery = store.recovery
    if recovery is not None:
        if recovery.latest_backup is None:
            QMessageBox.warning(None, "个人数据已损坏", recovery.message_zh)
        else:
            answer = QMessageBox.question(None, "个人数据已损坏", recovery.message_zh + "\n\n现在恢复这个备份吗？")
            if answer == QMessageBox.StandardButton.Yes:
                store.restore(recovery.latest_backup)
    return store


def self_test(argv: Sequence[str] = ()) -> int:
    """Open the archive, search, build the main window offscreen, select an article; exit 0."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from viewer.archive import Archive
    from viewer.ui.main_window import MainWindow

    path = _archive_arg(argv)
    try:
        archive = Archive.open(path)
    except ArchiveError as e:
        print(f"self-test FAILED: {e.message}", file=sys.stderr)
        return 1
    print(f"ok archive {path} ({archive.article_count()} articles, schema {archive.meta().get('schema_version')})")
    result = archive.search("工会", limit=5)
    if result.total == 0:
        print("self-test FAILED: search for 工会 found nothing", file=sys.stderr)
        return 1
    print(f"ok search 工会: {result.total} hits in {result.elapsed_ms:.1f} ms")
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive while the window runs
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "self-test.ini"), QSettings.Format.IniFormat)
        window = MainWindow(archive, settings)
        window.show()
        regions = window.region_model.rowCount()
        print(f"ok main window shown: {regions} top regions in the region tree")
        loop = QEventLoop()
        window.searchFinished.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        window.search_box.setText("工会")
        window.run_search()
        loop.exec()
        shown = window.reader.article
        if window.list_model.rowCount() == 0 or shown is None or window.reader.hit_count == 0:
            print("self-test FAILED: the main window did not show a search result", file=sys.stderr)
            return 1
        print(f"ok search in window: {window.list_model.total} results, article {shown.id} shown with"
              f" {window.reader.hit_count} highlighted hits")
        window.close()
    archive.close()
    print("self-test passed")
    return 0
