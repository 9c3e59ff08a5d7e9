"""Check one page before it is saved: the printed page or text beside the parsed articles, with fixes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import ARTICLE_KINDS
from viewer.errors import KnownError
from viewer.ingest import page_review as review
from viewer.ingest import sources
from viewer.ingest.library_writer import PageRecord
from viewer.ui.page_view import PageView

KIND_LABELS = {"news": "消息 news", "photo": "图片 photo", "brief": "简讯 brief", "column": "专栏 column",
               "reprint": "转载 reprint", "fragment": "片段 fragment"}


class ReviewView(QWidget):
    """One page under review. `page` holds the page with every fix made so far.

    Signals:
        accepted(object): the page as checked (a PageRecord).
        acceptAll(): accept this page and every later one as they are.
        skipped(): do not import this page.
    """

    accepted = Signal(object)
    acceptAll = Signal()
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page: PageRecord | None = None
        self._pdf: Path | None = None  # the PDF shown on the left, None for text
        self.page_view = PageView()
        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.left = QStackedWidget()
        self.left.addWidget(self.page_view)
        self.left.addWidget(self.text_view)
        self.publication = QLineEdit()
        self.date = QLineEdit()
        self.date.setPlaceholderText("2025-03-14")
        self.page_number = QSpinBox()
        self.page_number.setRange(0, 999)
        self.page_number.setSpecialValueText("（未知）")
        self.section = QLineEdit()
        page_box = QGroupBox(self.tr("本版"))
        page_form = QFormLayout(page_box)
        page_form.addRow(self.tr("报刊"), self.publication)
        page_form.addRow(self.tr("日期"), self.date)
        page_form.addRow(self.tr("版次"), self.page_number)
        page_form.addRow(self.tr("版名"), self.section)
        self.articles = QListWidget()
        self.headline = QLineEdit()
        self.kind = QComboBox()
        for kind in ARTICLE_KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.region = QLineEdit()
        self.region.setPlaceholderText("江苏省/无锡市/江阴市")
        self.flags = QLabel()
        self.flags.setStyleSheet("color: #b35c00")
        self.flags.setWordWrap(True)
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.split_at = QSpinBox()
        self.split_at.setPrefix(self.tr("第 "))
        self.split_at.setSuffix(self.tr(" 段后"))
        self.split_at.setMinimum(1)
        self.merge_button = QPushButton(self.tr("与下一篇合并"))
        self.split_button = QPushButton(self.tr("拆分"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c00")
        self.error.setWordWrap(True)
        article_box = QGroupBox(self.tr("文章"))
        article_form = QFormLayout(article_box)
        article_form.addRow(self.tr("标题"), self.headline)
        article_form.addRow(self.tr("类型"), self.kind)
        article_form.addRow(self.tr("地区"), self.region)
        article_form.addRow(self.flags)
        article_form.addRow(self.body)
        tools = QHBoxLayout()
        tools.addWidget(self.merge_button)
        tools.addWidget(self.split_at)
        tools.addWidget(self.split_button)
        article_form.addRow(tools)
        self.skip_button = QPushButton(self.tr("不导入此版"))
        self.accept_button = QPushButton(self.tr("接受此版"))
        self.accept_all_button = QPushButton(self.tr("全部接受"))
        self.accept_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.accept_all_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(page_box)
        column.addWidget(QLabel(self.tr("本版文章（点版面上的区域也可选）")))
        column.addWidget(self.articles, 1)
        column.addWidget(article_box, 2)
        column.addWidget(self.error)
        column.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.left)
        splitter.addWidget(right)
        splitter.setSizes([560, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.articles.currentRowChanged.connect(self._show_article)
        self.headline.editingFinished.connect(lambda: self._edit(headline=self.headline.text()))
        self.region.editingFinished.connect(lambda: self._edit(region=self.region.text()))
        self.kind.activated.connect(lambda _i: self._edit(kind=self.kind.currentData()))
        self.merge_button.clicked.connect(self.merge_with_next)
        self.split_button.clicked.connect(lambda: self.split_current(self.split_at.value()))
        self.accept_button.clicked.connect(self.accept_page)
        self.accept_all_button.clicked.connect(self.acceptAll)
        self.skip_button.clicked.connect(self.skipped)
        self.page_view.articleClicked.connect(self._area_clicked)

    def show_page(self, page: PageRecord, source: Path | None) -> None:
        """Review this page: the PDF page (kept or as imported) or the text file beside its articles."""
        self.page = page
        info = page.articles[0].issue if page.articles else None
        self.publication.setText(info.publication if info else "")
        self.date.setText(info.issue_date or "" if info else "")
        self.page_number.setValue(info.page or 0 if info else 0)
        self.section.setText(info.section or "" if info else "")
        self._pdf = None
        if source is not None and source.suffix.lower() == ".pdf" and page.width and not self.page_view.show_page(
                source, page.page_number, page.height, self._areas()):
            self._pdf = source
            self.left.setCurrentWidget(self.page_view)
        else:
            self.left.setCurrentWidget(self.text_view)
            self.text_view.setPlainText(_source_text(source, page))
        self._fill_list(0)

    def _areas(self) -> dict[str, tuple]:  # type: ignore[type-arg]
        assert self.page is not None
        return {a.id: boxes for a, boxes in zip(self.page.articles, self.page.areas, strict=False)}

    def _fill_list(self, row: int) -> None:
        assert self.page is not None
        self.articles.blockSignals(True)
        self.articles.clear()
        for article in self.page.articles:
            flag = " ⚠" if review.review_flags(article) else ""
            self.articles.addItem(f"{article.seq}. {article.headline or self.tr('（无标题）')}{flag}")
        self.articles.blockSignals(False)
        self.articles.setCurrentRow(min(row, len(self.page.articles) - 1))
        if self._pdf is not None:  # areas change with merges and splits
            self.page_view.show_page(self._pdf, self.page.page_number, self.page.height, self._areas())
        self._show_article(self.articles.currentRow())

    def _show_article(self, row: int) -> None:
        if self.page is None or not 0 <= row < len(self.page.articles):
            return
        article = self.page.articles[row]
        self.headline.setText(article.headline)
        self.kind.setCurrentIndex(max(0, self.kind.findData(article.kind)))
        self.region.setText("/".join(p for p in (article.region.province, article.region.city,
                                                article.region.county) if p))
        flags = review.review_flags(article)
        self.flags.setText(self.tr("需核对：") + "；".join(flags) if flags else "")
        self.body.setPlainText(article.body)
        self.split_at.setMaximum(max(1, len(article.paragraphs) - 1))
        self.split_button.setEnabled(len(article.paragraphs) > 1)
        self.merge_button.setEnabled(row < len(self.page.articles) - 1)
        if self._pdf is not None:
            self.page_view.set_current(article.id)

    def _area_clicked(self, key: str) -> None:
        assert self.page is not None
        rows = [i for i, a in enumerate(self.page.articles) if a.id == key]
        if rows:
            self.articles.setCurrentRow(rows[0])

    def _apply(self, change) -> bool:  # type: ignore[no-untyped-def]
        try:
            self.page = change()
        except review.ReviewError as e:
            self.error.setText(e.message_zh)
            return False
        self.error.clear()
        return True

    def _edit(self, **fields: str) -> None:
        row = self.articles.currentRow()
        if self.page is not None and row >= 0 and self._apply(lambda: review.edit_article(self.page, row, **fields)):
            self._fill_list(row)

    def merge_with_next(self) -> None:
        row = self.articles.currentRow()
        if self._apply(lambda: review.merge_articles(self.page, row)):
            self._fill_list(row)

    def split_current(self, paragraphs_kept: int) -> None:
        row = self.articles.currentRow()
        if self._apply(lambda: review.split_article(self.page, row, paragraphs_kept)):
            self._fill_list(row + 1)

    def checked_page(self) -> PageRecord | None:
        """The page with the page-wide fields applied, or None (and the reason shown) when they are wrong."""
        assert self.page is not None
        number = self.page_number.value() or None
        if self._apply(lambda: review.set_page_info(self.page, self.publication.text(), self.date.text().strip(),
                                                    number, self.section.text().strip())):
            return self.page
        return None

    def accept_page(self) -> None:
        page = self.checked_page()
        if page is not None:
            self.accepted.emit(page)


def _source_text(source: Path | None, page: PageRecord) -> str:
    """The text file as read, or the articles' text when there is no file to show."""
    if source is not None and source.suffix.lower() != ".pdf":
        try:
            return sources.read_page(source).text
        except KnownError as e:
            return e.message_zh
    return "\n\n".join(f"{a.headline}\n{a.body}" for a in page.articles)
