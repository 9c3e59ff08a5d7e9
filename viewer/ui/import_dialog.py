"""文件 → 导入版面…: progress, cancel, a review of each page, and a summary at the end."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from viewer.ingest.import_process import Reply
from viewer.ingest.library_writer import PageRecord
from viewer.ingest.prepare import PreparedFile, expand
from viewer.ui.import_worker import ImportSession
from viewer.ui.review_view import ReviewView


@dataclass
class ImportSummary:
    """What a batch did, for the summary and the window."""

    files: int = 0
    pages: int = 0
    articles: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # file name, reason in Chinese
    skipped: list[str] = field(default_factory=list)
    cancelled: bool = False

    def text(self) -> str:
        lines = [("导入已取消。已保存的版面完好。" if self.cancelled else "导入完成。"),
                 f"已导入 {self.files} 个文件（{self.pages} 版，{len(self.articles)} 篇文章）",
                 f"重复跳过 {len(self.duplicates)} 个" + (f"：{'、'.join(self.duplicates)}" if self.duplicates else "")]
        if self.skipped:
            lines.append(f"未导入（核对时跳过）{len(self.skipped)} 个：{'、'.join(self.skipped)}")
        lines.append(f"失败 {len(self.failed)} 个" + ("：" if self.failed else ""))
        lines.extend(f"  {name}：{reason}" for name, reason in self.failed)
        return "\n".join(lines)


@dataclass
class _Review:
    prepared: PreparedFile
    index: int = 0
    accepted: list[PageRecord] = field(default_factory=list)


class ImportDialog(QDialog):
    """Imports files through a worker process; the window stays responsive throughout.

    Signals:
        imported(object): the ImportSummary, once the batch has ended (done or cancelled).
    """

    imported = Signal(object)

    def __init__(self, data_dir: Path, paths: list[Path], bundled: Path | None = None, review: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入版面"))
        self.resize(1100, 760)
        self.data_dir = data_dir
        self.bundled = bundled
        self.files = list(expand(paths))
        self.summary = ImportSummary()
        self.session: ImportSession | None = None
        self._next = 0
        self._reviews: deque[_Review] = deque()
        self._current: _Review | None = None
        self._accept_all = False
        self._finishing = False
        self.status = QLabel(self.tr("正在启动导入…"))
        self.reviewing = QLabel()
        self.reviewing.setStyleSheet("font-weight: bold")
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, len(self.files)))
        self.progress.setValue(0)
        self.review_box = QCheckBox(self.tr("导入前逐版核对"))
        self.review_box.setChecked(review)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.review = ReviewView()
        self.review.accepted.connect(self._page_accepted)
        self.review.acceptAll.connect(self._accept_everything)
        self.review.skipped.connect(self._page_skipped)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.accept)
        waiting = QLabel(self.tr("正在读取下一版…"))
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(waiting)
        self.pages.addWidget(self.review)
        self.pages.addWidget(self.report)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.reviewing, 1)
        top.addWidget(self.review_box)
        top.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(self.close_button)
        self.close_button.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

    def start(self) -> None:
        """Start the worker process; the files are read one after another."""
        if not self.files:
            self._show_summary(self.tr("没有可导入的文件（PDF 或 .txt）。"))
            return
        self.session = ImportSession(self.data_dir, self.bundled, self)
        self.session.replied.connect(self._reply)
        self.session.crashed.connect(self._crashed)

    # -- replies -------------------------------------------------------------------------------
    def _reply(self, reply: Reply) -> None:
        name = Path(reply.file).name
        if reply.kind == "prepared" and reply.prepared is not None:
            if self.review_box.isChecked() and not self._accept_all:
                self._reviews.append(_Review(reply.prepared))
                self._review_next()
            else:
                self._write(reply.prepared, reply.prepared.pages)
        elif reply.kind == "duplicate":
            self.summary.duplicates.append(name)
        elif reply.kind == "failed":
            if not reply.file:  # the library itself could not be opened
                self._show_summary(reply.reason_zh)
                return
            self.summary.failed.append((name, reply.reason_zh))
        elif reply.kind == "written":
            self.summary.files += 1
            self.summary.pages += reply.pages
            self.summary.articles.extend(reply.keys)
        elif reply.kind == "finished":
            self._show_summary()
            return
        self._advance()

    def _advance(self) -> None:
        """Read the next file while nothing else is asked of the worker; finish when all is done."""
        assert self.session is not None
        if self.session.waiting:
            return
        if self._next < len(self.files):
            path = self.files[self._next]
            self._next += 1
            self.status.setText(self.tr("正在导入 {0}/{1}：{2}").format(self._next, len(self.files), path.name))
            self.progress.setValue(self._next - 1)
            self.session.prepare(path)
        elif self._current is None and not self._reviews and not self._finishing:
            self._finishing = True
            self.progress.setValue(len(self.files))
            self.status.setText(self.tr("正在整理索引…"))
            self.session.finish()

    def _write(self, prepared: PreparedFile, pages: tuple[PageRecord, ...] | list[PageRecord]) -> None:
        assert self.session is not None
        self.session.write(prepared, tuple(pages))

    # -- review --------------------------------------------------------------------------------
    def _review_next(self) -> None:
        """Show the next page to check, unless one is on screen (files read meanwhile wait their turn)."""
        if self._current is not None:
            return
        if not self._reviews:
            self.pages.setCurrentIndex(0)
            self.reviewing.clear()
            return
        self._current = self._reviews.popleft()
        self._show_current()

    def _show_current(self) -> None:
        current = self._current
        assert current is not None
        self.pages.setCurrentWidget(self.review)
        self.review.show_page(current.prepared.pages[current.index], current.prepared.path)
        self.reviewing.setText(self.tr("核对：{0}（第 {1}/{2} 页）").format(
            current.prepared.path.name, current.index + 1, len(current.prepared.pages)))

    def _next_page(self) -> None:
        current = self._current
        assert current is not None
        current.index += 1
        if current.index < len(current.prepared.pages):
            self._show_current()
            return
        if current.accepted:
            self._write(current.prepared, current.accepted)
        else:
            self.summary.skipped.append(current.prepared.path.name)
        self._current = None
        self._review_next()
        self._advance()

    def _page_accepted(self, page: PageRecord) -> None:
        if self._current is not None:
            self._current.accepted.append(page)
            self._next_page()

    def _page_skipped(self) -> None:
        if self._current is not None:
            self._next_page()

    def _accept_everything(self) -> None:
        """全部接受: this page as checked, every later one as parsed."""
        page = self.review.checked_page()
        if page is None or self._current is None:
            return
        self._accept_all = True
        current = self._current
        current.accepted.append(page)
        current.accepted.extend(current.prepared.pages[current.index + 1 :])
        current.index = len(current.prepared.pages) - 1
        waiting = list(self._reviews)
        self._reviews.clear()
        self._next_page()
        for item in waiting:
            self._write(item.prepared, item.prepared.pages)

    # -- end -----------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop now: the worker ends at once; a page being written rolls back, saved pages stay."""
        self.summary.cancelled = True
        self._show_summary()

    def _crashed(self, message: str) -> None:
        self._show_summary(message)

    def _show_summary(self, problem: str = "") -> None:
        if self.session is not None:
            self.session.stop(cancel=self.summary.cancelled)
            self.session = None
        self.report.setPlainText((problem + "\n\n" if problem else "") + self.summary.text())
        self.pages.setCurrentWidget(self.report)
        self.status.setText(self.tr("导入已结束"))
        self.reviewing.clear()
        self.cancel_button.hide()
        self.review_box.hide()
        self.close_button.show()
        self.imported.emit(self.summary)

    def reject(self) -> None:  # Esc or the close button of the title bar: cancel first
        if self.session is not None:
            self.cancel()
        super().reject()
