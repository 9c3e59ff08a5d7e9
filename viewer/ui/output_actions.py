"""What leaves the app: the list exported to CSV/XLSX, a Word compilation, a citation, print and PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtWidgets  # dialogs: their classes load when first used
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView, QWidget

from viewer.archive import Archive
from viewer.domain import display_title
from viewer.ui.compile_dialog import CompileDialog
from viewer.ui.i18n import ui_language
from viewer.ui.list_model import HitListModel
from viewer.ui.progress import Progress
from viewer.ui.reader import ReaderView


class OutputActions(QObject):
    """Writes files and the clipboard from the list and the reader.

    Attributes:
        query: the current search ('' when the list shows a navigator node), the compilation's title.

    Signals:
        rowsWanted(): every row of the list is wanted before an export (answered by `rows_loaded`).
        status(str): a message for the status bar.
    """

    rowsWanted = Signal()
    status = Signal(str)

    def __init__(self, archive: Archive, list_view: QTableView, reader: ReaderView, window: QWidget,
                 selected_ids: Callable[[], list[str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.list_view = list_view
        self.reader = reader
        self.window = window
        self.selected_ids = selected_ids
        self.query = ""
        self._pending_export = ""
        self.citation_style: Callable[[], str] = lambda: "prose"  # the settings' choice, handed in by the shell

    @property
    def model(self) -> HitListModel:
        model = self.list_view.model()
        assert isinstance(model, HitListModel)
        return model

    @Slot(str)
    def set_query(self, query: str) -> None:
        self.query = query

    @Slot()
    def export_list(self, path: str = "", selected_only: bool = False) -> None:
        """The article list with the columns shown (every row, or the selected ones) to CSV or XLSX."""
        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, self.tr("导出文章列表"), "articles.xlsx",
                                                            "Excel (*.xlsx);;CSV (*.csv)")
        if not path:
            return
        if selected_only:
            self._write_list(path, sorted({i.row() for i in self.list_view.selectionModel().selectedRows()}))
        elif self.model.complete:
            self._write_list(path, list(range(self.model.rowCount())))
        else:
            self._pending_export = path
            self.status.emit(self.tr("正在载入全部 {0} 篇…").format(self.model.total))
            self.rowsWanted.emit()

    @Slot()
    def rows_loaded(self) -> None:
        """Every row is loaded: write the export that waited for them."""
        path, self._pending_export = self._pending_export, ""
        if path:
            self._write_list(path, list(range(self.model.rowCount())))

    def _write_list(self, path: str, rows: list[int]) -> None:
        """The listed articles as a table for Excel/WPS (reports.table: Chinese headers, real dates, widths)."""
        from viewer.reports.table import write_articles

        model = self.model
        ids = [model.hits[r].article_id for r in rows]
        tags = model.tag_lookup(ids) if model.tag_lookup is not None else {}
        articles = (self.archive.article(i) for i in ids)
        written = self._run(self.tr("导出文章列表"), path, len(ids), lambda p: write_articles(
            Path(path), articles, tags=tags, total=len(ids), language=ui_language(), progress=p.progress,
            cancelled=p.cancelled))
        if written is not None:
            self.status.emit(self.tr("已导出 {0} 篇：{1}").format(written, path))

    def _run(self, title: str, path: str, total: int, write: Callable[[Progress], int]) -> int | None:
        """Run an export with a cancellable progress dialog; a failure or a cancel is said, never raised."""
        from viewer.errors import KnownError

        progress = Progress(self.window, self.tr("正在写入 {0}…").format(Path(path).name), total)
        try:
            return write(progress)
        except KnownError as e:  # cancelled, folder missing, no permission, disk full: nothing was written
            QtWidgets.QMessageBox.warning(self.window, title, e.message_zh)
            return None
        except OSError as e:
            QtWidgets.QMessageBox.warning(self.window, title, self.tr("无法写入文件：{0}").format(e.strerror or path))
            return None
        finally:
            progress.done()

    @Slot()
    def compile_docx(self, path: str = "", title: str | None = None, date_range: str | None = None) -> None:
        """A Word compilation (汇编) of the selected articles, in list order; the title page is asked for."""
        from viewer.reports.compilation import date_span, write_compilation

        ids = self.selected_ids()
        if not ids:
            self.status.emit(self.tr("请先在列表中选择要汇编的文章"))
            return
        articles = [self.archive.article(i) for i in ids]
        if title is None or date_range is None:
            dialog = CompileDialog(self.query or self.tr("文章汇编"), date_span(articles), len(articles), self.window)
            if not dialog.exec():
                return
            title, date_range = dialog.title or self.tr("文章汇编"), dialog.date_range
        if not path:
            suggested = re.sub(r'[\\/:*?"<>|]', "_", title[:40]) + ".docx"
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, self.tr("汇编为 Word"), suggested,
                                                            "Word (*.docx)")
        if not path:
            return
        written = self._run(self.tr("汇编为 Word"), path, len(articles), lambda p: write_compilation(
            Path(path), articles, title=title, date_range=date_range, style=self.citation_style(),
            progress=p.progress, cancelled=p.cancelled))
        if written is not None:
            self.status.emit(self.tr("已汇编 {0} 篇：{1}").format(written, path))

    @Slot()
    def copy_citation(self) -> None:
        from viewer.reports.citation import citation

        if self.reader.article is not None:
            text = citation(self.reader.article, self.citation_style())
            QGuiApplication.clipboard().setText(text)
            self.status.emit(self.tr("已复制引用：{0}").format(text))

    @Slot()
    def print_article(self) -> None:
        if self.reader.article is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # loaded when first needed

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self.window).exec():
            self.reader.print_to(printer)

    @Slot()
    def save_pdf(self, path: str = "") -> None:
        if self.reader.article is None:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(
                self.window, self.tr("另存为 PDF"), f"{display_title(self.reader.article).text[:30].strip('…') or 'article'}.pdf",
                "PDF (*.pdf)")
        if not path:
            return
        from PySide6.QtPrintSupport import QPrinter  # loaded when first needed

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self.reader.print_to(printer)
        self.status.emit(self.tr("已保存：{0}").format(path))
