"""Import on the main window: 文件 → 导入版面… (Ctrl+I), dropped files, 重新核对此版, the 版面 view."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from viewer.archive import Archive
from viewer.errors import KnownError
from viewer.ingest import library, merge
from viewer.ingest.page_image import printed_page
from viewer.ingest.page_review import ReviewError, stored_page
from viewer.ingest.prepare import SUFFIXES
from viewer.paths import default_archive_path
from viewer.ui.import_dialog import ImportDialog, ImportSummary
from viewer.ui.import_worker import ImportSession
from viewer.ui.page_view import PageView
from viewer.ui.review_view import ReviewView

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


PAGE_DOCK_WIDTH = 440


class ImportActions(QObject):
    """Everything import adds to a window; made by `install_import_actions`.

    Attributes:
        data_dir: the user's data folder (library, kept page files).
        page_view: the 版面 view, in a dock that follows the reader's article.
    """

    def __init__(self, window: MainWindow, data_dir: Path, bundled: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.bundled = bundled
        self.dialog: ImportDialog | None = None
        self.act_import = QAction(self.tr("导入版面…"), window)
        self.act_import.setShortcut(QKeySequence("Ctrl+I"))
        self.act_import.triggered.connect(lambda: self.choose_files())
        self.act_review = QAction(self.tr("重新核对此版…"), window)
        self.act_review.triggered.connect(lambda: self.review_again())
        self.page_view = PageView()
        self.page_note = QLabel()
        self.page_note.setWordWrap(True)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page_note)
        layout.addWidget(self.page_view, 1)
        self.dock = QDockWidget(self.tr("版面"), window)
        self.dock.setObjectName("page-dock")
        self.dock.setWidget(box)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        box.setMinimumWidth(PAGE_DOCK_WIDTH)
        self.act_page = self.dock.toggleViewAction()
        self.act_page.setText(self.tr("版面"))
        self.act_page.setShortcut(QKeySequence("Ctrl+Shift+P"))
        for action in (self.act_import, self.act_review, self.act_page):
            window.addAction(action)
        menus = window.menuBar().actions()
        file_menu = menus[0].menu() if menus else window.menuBar().addMenu(self.tr("文件(&F)"))
        first = file_menu.actions()[0] if file_menu.actions() else None
        file_menu.insertActions(first, [self.act_import, self.act_review])
        file_menu.insertSeparator(first)
        view_menu = menus[2].menu() if len(menus) > 2 else file_menu
        view_menu.addAction(self.act_page)
        self.page_view.articleClicked.connect(window.navigation.show_article)
        self.dock.visibilityChanged.connect(lambda visible: visible and self.follow_reader())
        window.reader.textChanged.connect(self.follow_reader)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.merging: ImportSession | None = None
        if merge.needs_merge(data_dir, bundled or default_archive_path()):
            self.merge_bundled()

    def merge_bundled(self) -> None:
        """A newer bundled archive (a new app version): the worker merges it into the library
        (its pages added, the imports kept) while the window shows the library as it was."""
        self.merging = ImportSession(self.data_dir, self.bundled, self)
        self.window.statusBar().showMessage(self.tr("正在把新版档案并入个人档案库…"))

        def replied(reply: object) -> None:
            assert self.merging is not None
            self.merging.stop()
            self.merging = None
            if getattr(reply, "kind", "") == "ready":
                self.reopen_archive()
                self.window.statusBar().showMessage(self.tr("新版档案已并入个人档案库"), 8000)
            else:
                QMessageBox.warning(self.window, self.tr("个人档案库"), getattr(reply, "reason_zh", ""))

        self.merging.replied.connect(replied)

    # -- import --------------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window, self.tr("导入版面"), "",
                                                self.tr("版面文件 (*.pdf *.txt);;所有文件 (*)"))
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path], review: bool = True) -> ImportDialog:
        """Open the import dialog on these files (or folders) and start it."""
        self.dialog = ImportDialog(self.data_dir, paths, self.bundled, review, self.window)
        self.dialog.imported.connect(self._imported)
        self.dialog.setModal(False)
        self.dialog.show()
        self.dialog.start()
        return self.dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]  # type: ignore[attr-defined]
            usable = [p for p in paths if p.is_dir() or p.suffix.lower() in SUFFIXES]
            if not usable:
                return False
            event.acceptProposedAction()  # type: ignore[attr-defined]
            if event.type() == QEvent.Type.Drop:
                self.import_paths(usable)
            return True
        return False

    def _imported(self, summary: ImportSummary) -> None:
        if summary.files:
            self.reopen_archive()
            self.window.statusBar().showMessage(
                self.tr("已导入 {0} 版，{1} 篇文章").format(summary.pages, len(summary.articles)), 8000)

    def reopen_archive(self) -> None:
        """Show the library: switch the window to it after the first import, refresh it after later ones.

        The rooms that read articles hold the window's archive; each is pointed at the library, the
        search worker opens it at its next request, and the trees are made again.
        """
        from viewer.ui.tree_model import IssueSource, NavigatorModel, RegionSource

        window = self.window
        path = library.library_path(self.data_dir)
        old = window.archive
        if Path(old.path) != path:
            archive = Archive.open(path, split_words=old.split_words, tag_ids=old.tag_ids)
            for holder in (window, *window.findChildren(QObject)):
                if getattr(holder, "archive", None) is old:
                    holder.archive = archive  # type: ignore[attr-defined]
            runner = window.session.runner
            runner.worker._open_archive = lambda: Archive.open(  # noqa: SLF001 - no public hook yet
                path, split_words=old.split_words, tag_ids=old.tag_ids)
            runner.release()  # the worker lets go of the old file and reopens at its next request
            old.close()
        navigator = window.navigator
        navigator.region_model = NavigatorModel(RegionSource(window.archive), navigator)
        navigator.issue_model = NavigatorModel(IssueSource(window.archive), navigator)
        navigator.region_tree.setModel(navigator.region_model)
        navigator.issue_tree.setModel(navigator.issue_model)
        window.region_model, window.issue_model = navigator.region_model, navigator.issue_model
        window.summary.setText(window.tr("共 {0} 篇文章").format(window.archive.article_count()))

    # -- 重新核对此版 ----------------------------------------------------------------------------
    def review_again(self) -> QDialog | None:
        """Review the page of the reader's article again; its articles keep their ids (and tags)."""
        article = self.window.reader.article
        path = library.library_path(self.data_dir)
        if article is None or not path.is_file() or Path(self.window.archive.path) != path:
            QMessageBox.information(self.window, self.tr("重新核对此版"), self.tr("请先打开一篇导入的文章。"))
            return None
        try:
            page = stored_page(path, article.id)
        except ReviewError as e:
            QMessageBox.warning(self.window, self.tr("重新核对此版"), e.message_zh)
            return None
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("重新核对此版"))
        dialog.resize(1100, 760)
        view = ReviewView(dialog)
        view.accept_all_button.hide()
        QVBoxLayout(dialog).addWidget(view)
        pdf = library.pages_dir(self.data_dir) / f"{page.sha256}.pdf"
        view.show_page(page, pdf if pdf.is_file() else None)
        view.skipped.connect(dialog.reject)
        view.accepted.connect(lambda checked: self._rewrite(dialog, article.id, checked))
        dialog.show()
        return dialog

    def _rewrite(self, dialog: QDialog, key: str, page: object) -> None:
        session = ImportSession(self.data_dir, self.bundled, dialog)

        def replied(reply: object) -> None:
            kind = getattr(reply, "kind", "")
            if kind == "ready":
                session.rewrite(key, page)  # type: ignore[arg-type]
            elif kind in ("written", "failed"):
                session.stop()
                if kind == "failed":
                    QMessageBox.warning(dialog, self.tr("重新核对此版"), getattr(reply, "reason_zh", ""))
                    return
                dialog.accept()
                self.reopen_archive()
                self.window.navigation.show_article(key, remember=False)

        session.replied.connect(replied)

    # -- 版面 ------------------------------------------------------------------------------------
    def follow_reader(self) -> None:
        """Show the printed page of the reader's article, its area marked (when the dock is open)."""
        article = self.window.reader.article
        if not self.dock.isVisible() or article is None:
            return
        path = library.library_path(self.data_dir)
        try:
            if Path(self.window.archive.path) != path:
                raise KnownError("not from the library", self.tr("这篇文章没有版面图（不是从 PDF 导入的）。"))
            page = printed_page(path, self.data_dir, article.id)
        except KnownError as e:
            self.page_view.clear_page()
            self.page_note.setText(e.message_zh)
            return
        first = self.page_view.current is None
        problem = self.page_view.show_page(page.pdf_path, page.number, page.height, page.areas, article.id)
        if first and not problem:
            self.page_view.fit_width()
            self.page_view.set_current(article.id)
        self.page_note.setText(problem or self.tr("{0} 第 {1} 页（Ctrl+滚轮缩放，拖动平移，点击其他区域打开该文）").format(
            article.issue.publication, page.number))


def install_import_actions(window: MainWindow, data_dir: Path, bundled: Path | None = None) -> ImportActions:
    """Add import, re-review, dropping files and the 版面 view to a main window (one call)."""
    return ImportActions(window, data_dir, bundled)
