"""Composition root: QApplication, archive, main window; plus the headless self-test."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from viewer import paths
from viewer.errors import ArchiveError


def _archive_arg(args: Sequence[str]) -> Path:
    if "--db" in args:
        index = list(args).index("--db")
        if index + 1 < len(args):
            return Path(args[index + 1])
    return paths.default_archive_path()


def main(argv: Sequence[str] = ()) -> int:
    """Start the desktop app on the bundled (or --db) archive."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from viewer.archive import Archive
    from viewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("PressArchiveViewer")
    app.setApplicationName("报刊档案阅览")
    try:
        archive = Archive.open(_archive_arg(argv))
    except ArchiveError as e:
        QMessageBox.critical(None, "无法打开档案", e.message_zh)
        return 1
    window = MainWindow(archive)
    window.show()
    return int(app.exec())


def self_test(argv: Sequence[str] = ()) -> int:
    """Open the archive, search, build the main window offscreen, select an article; exit 0."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from viewer.archive import Archive
    from viewer.ui.main_window import MainWindow

    path = _archive_arg(argv)
    try:
        archive = Archive.open(path)
    except ArchiveError as e:
        print(f"self-test FAILED: {e.message}", file=sys.stderr)
        return 1
    count = archive.article_count()
    print(f"ok archive {path} ({count} articles)")
    result = archive.search("工会", limit=5)
    if result.total == 0:
        print("self-test FAILED: search for 工会 found nothing", file=sys.stderr)
        return 1
    print(f"ok search 工会: {result.total} hits in {result.elapsed_ms:.1f} ms")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(archive)
    window.show()
    window.search_box.setText("工会")
    window.run_search()
    app.processEvents()
    if window.results.count() == 0 or "工会" not in window.reader.toPlainText():
        print("self-test FAILED: main window did not show a search result", file=sys.stderr)
        return 1
    print(f"ok main window: {window.results.count()} results listed, article shown")
    window.close()
    archive.close()
    print("self-test passed")
    return 0
