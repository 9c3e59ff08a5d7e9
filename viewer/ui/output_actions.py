"""What leaves the app: the list exported to CSV/XLSX, a Word compilation, a citation, print and PDF."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtWidgets  # dialogs: their classes load when first used
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView, QWidget

from viewer.archive import Archive
from viewer.ui.list_model import HitListModel
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
        from viewer.reports.ooxml import write_xlsx

        model = self.model
        headers = ["id", *model.headers]
        table = [[model.hits[r].article_id, *(model.index(r, c).data() for c in range(model.columnCount()))]
                 for r in rows]
        try:
            if path.lower().endswith(".csv"):
                with open(path, "w", encoding="utf-8-sig", newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(headers)
                    writer.writerows(table)
            else:
                write_xlsx(Path(path), headers, table)
        except OSError as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("导出文章列表"), self.tr("无法写入文件：{0}").format(e))
            return
        self.status.emit(self.tr("已导出 {0} 篇：{1}").format(len(table), path))

    @Slot()
    def compile_docx(self, path: str = "") -> None:
        """A Word compilation (汇编) of the selected articles, in list order."""
        from viewer.reports.citation import issue_line
        from viewer.reports.ooxml import write_docx

        ids = self.selected_ids()
        if not ids:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, self.tr("汇编为 Word"), "汇编.docx",
                                                            "Word (*.docx)")
        if not path:
            return
        articles = [self.archive.article(i) for i in ids]
        sources = [" · ".join(x for x in (issue_line(a), "、".join(a.byline), a.source_line) if x) for a in articles]
        try:
            write_docx(Path(path), self.query or self.tr("文章汇编"), articles, sources)
        except OSError as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("汇编为 Word"), self.tr("无法写入文件：{0}").format(e))
            return
        self.status.emit(self.tr("已汇编 {0} 篇：{1}").format(len(articles), path))

    @Slot()
    def copy_citation(self) -> None:
        from viewer.reports.citation import citation

        if self.reader.article is not None:
            QGuiApplication.clipboard().setText(citation(self.reader.article))
            self.status.emit(self.tr("已复制引用：{0}").format(citation(self.reader.article)))

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
                self.window, self.tr("另存为 PDF"), f"{self.reader.article.headline[:30] or 'article'}.pdf",
                "PDF (*.pdf)")
        if not path:
            return
        from PySide6.QtPrintSupport import QPrinter  # loaded when first needed

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self.reader.print_to(printer)
        self.status.emit(self.tr("已保存：{0}").format(path))
