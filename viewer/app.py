"""Composition root: QApplication, archive, main window; plus the headless self-test."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from viewer import paths
from viewer.errors import ArchiveError

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow
    from viewer.userdata import UserStore

JIEBA_DELAY_MS = 1500


def _archive_arg(args: Sequence[str]) -> Path:
    """--db, else the user's library when there is one, else the bundled archive."""
    from viewer.ingest.library import archive_to_read
    from viewer.userdata.location import data_dir

    explicit = None
    if "--db" in args:
        index = list(args).index("--db")
        if index + 1 < len(args):
            explicit = Path(args[index + 1])
    return archive_to_read(data_dir(_data_dir_arg(args)), explicit)


def main(argv: Sequence[str] = ()) -> int:
    """Start the desktop app on the bundled (or --db) archive."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from viewer.archive import Archive
    from viewer.text.segment import Segmenter
    from viewer.ui.error_dialog import install_excepthook
    from viewer.ui.i18n import chosen_language, install_translator
    from viewer.ui.import_actions import install_import_actions
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import TEAM_URL
    from viewer.ui.user_data_loader import UserDataLoader
    from viewer.userdata.location import data_dir as user_data_dir

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("PressArchiveViewer")
    app.setApplicationName("ArchiveViewer")
    app.setApplicationDisplayName("报刊档案阅览")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "app.png")))
    settings = QSettings()
    install_translator(app, chosen_language(settings))
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    install_excepthook()
    segmenter = Segmenter()
    path = _archive_arg(argv)
    # 标签: queries are answered from user data, which opens after the window shows: until then
    # the loader's tag lookup makes such a search wait for it (or say why it cannot be had).
    loader = UserDataLoader()
    try:
        archive = Archive.open(path, split_words=segmenter.words, tag_ids=loader.tags)
    except ArchiveError as e:
        QMessageBox.critical(None, "无法打开档案", e.message_zh)
        return 1
    window = MainWindow(archive, settings, lambda: Archive.open(path, split_words=segmenter.words,
                                                                tag_ids=loader.tags))
    window.show()
    install_import_actions(window, user_data_dir(_data_dir_arg(argv)))  # 导入版面…, 版面, dropped files
    loader.loaded.connect(lambda result: attach_user_data(window, result))
    window.closing.connect(loader.tags.cancel)  # a 标签: search waiting for user data must not hold up the quit
    # Team mode: ARCHIVE_VIEWER_DB_URL, else the URL set in 设置 → 团队数据库 (an explicit --data-dir wins).
    data_dir = _data_dir_arg(argv)
    team_url = None if data_dir or os.environ.get("ARCHIVE_VIEWER_DB_URL") else str(settings.value(TEAM_URL, "") or "")
    loader.start(data_dir, team_url or None)
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


def attach_user_data(window: MainWindow, result: object) -> None:
    """User data arrived (or failed to): explain problems, follow annotations of a rebuilt archive."""
    store = explain_user_data(result)
    if store is not None:
        orphans = store.relink(window.archive.existing_ids, window.archive.find_by_snapshot)
        window.attach_store(store, orphans)


def explain_user_data(result: object) -> UserStore | None:
    """The opened store, after telling the user about a moved-aside corrupt file (offering its
    latest backup) or why user data cannot be used; None in that last case."""
    from PySide6.QtWidgets import QMessageBox

    from viewer.userdata import UserStore
    from viewer.userdata.store import UserDataError

    if isinstance(result, UserDataError):
        QMessageBox.warning(None, "个人数据", result.message_zh + "\n标签和书签暂时不能使用。")
        return None
    if isinstance(result, Exception):  # a bug while opening: 内部错误, logged by the loader
        from viewer.ui.error_dialog import INTERNAL_ERROR

        QMessageBox.critical(None, "个人数据", INTERNAL_ERROR.format(type(result).__name__)
                             + "\n标签和书签暂时不能使用。")
        return None
    assert isinstance(result, UserStore)
    recovery = result.recovery
    if recovery is not None:
        if recovery.latest_backup is None:
            QMessageBox.warning(None, "个人数据已损坏", recovery.message_zh)
        else:
            answer = QMessageBox.question(None, "个人数据已损坏", recovery.message_zh + "\n\n现在恢复这个备份吗？")
            if answer == QMessageBox.StandardButton.Yes:
                result.restore(recovery.latest_backup)
    return result


def _self_test_words(archive: object) -> bool:
    """jieba (from the bundled cache when packaged) splits a sentence for loose search."""
    from viewer.archive import Archive
    from viewer.text.segment import Segmenter

    assert isinstance(archive, Archive)
    segmenter = Segmenter()
    words = segmenter.words("劳模工匠助企行推进会")
    loose = Archive.open(archive.path, split_words=segmenter.words)
    found = loose.search("劳模工匠推进会", loose=True).total
    loose.close()
    cache = f"cache {segmenter.cache_file}" if segmenter.cache_file else "jieba's own dictionary"
    if len(words) < 2 or found == 0:
        print(f"self-test FAILED: word segmentation gave {words}, loose search {found} hits", file=sys.stderr)
        return False
    print(f"ok words ({cache}): {'/'.join(words)}; loose search 劳模工匠推进会: {found} hits")
    return True


def _self_test_user_data(archive: object) -> bool:
    """A throwaway user-data store: created by its migrations, tagged, read back."""
    import tempfile

    from viewer.archive import Archive
    from viewer.userdata import open_store

    assert isinstance(archive, Archive)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(tmp)
        article_id = archive.search("工会", limit=1).hits[0].article_id
        store.tag([article_id], ["自检"], [archive.snapshot(article_id)])
        archive.use_tags(store.article_ids_for_tag)
        found = archive.search("标签:自检").total
        store.close()
    if found != 1:
        print("self-test FAILED: a tag written to user data was not found again", file=sys.stderr)
        return False
    print("ok user data: store created by its migrations, an article tagged and found by 标签:")
    return True


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
    try:  # a damaged archive that passed the open check fails on reading: a message, not a traceback
        print(f"ok archive {path} ({archive.article_count()} articles, schema {archive.meta().get('schema_version')})")
        result = archive.search("工会", limit=5)
        if result.total == 0:
            print("self-test FAILED: search for 工会 found nothing", file=sys.stderr)
            return 1
        print(f"ok search 工会: {result.total} hits in {result.elapsed_ms:.1f} ms")
        if not _self_test_words(archive) or not _self_test_user_data(archive):
            return 1
    except ArchiveError as e:
        print(f"self-test FAILED: {e.message}", file=sys.stderr)
        return 1
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
        window.search_bar.search_for("工会")
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
