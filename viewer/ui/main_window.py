"""A first main window: search box, result list and reader (the full navigator comes later)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from viewer.archive import Archive
from viewer.archive.search import find_offsets
from viewer.domain import Article
from viewer.errors import QuerySyntaxError

ARTICLE_ROLE = Qt.ItemDataRole.UserRole


def article_html(article: Article, terms: list[str]) -> str:
    """The reader's HTML for an article; every hit of the terms highlighted, all text escaped."""

    def marked(text: str) -> str:
        out, cursor = [], 0
        for start, end in find_offsets(text, terms):
            out.append(html.escape(text[cursor:start]))
            out.append(f'<span style="background:#ffe08a">{html.escape(text[start:end])}</span>')
            cursor = end
        out.append(html.escape(text[cursor:]))
        return "".join(out)

    meta = " · ".join(
        x for x in (
            article.issue.publication,
            article.issue.issue_date or "",
            f"第{article.issue.page}版" if article.issue.page else "",
            article.region.label(),
            "、".join(article.byline),
            article.source_line,
        ) if x
    )
    parts = []
    if article.kicker:
        parts.append(f'<p style="color:#555">{marked(article.kicker)}</p>')
    parts.append(f'<h2>{marked(article.headline or "（无标题）")}</h2>')
    if article.subheadline:
        parts.append(f'<h4 style="color:#444">{marked(article.subheadline)}</h4>')
    parts.append(f'<p style="color:#777">{html.escape(meta)}</p>')
    parts.extend(f"<p>{marked(p)}</p>" for p in article.paragraphs)
    return "\n".join(parts)


class MainWindow(QMainWindow):
    """Search the archive and read articles.

    Attributes:
        archive: the open read-only archive.
    """

    def __init__(self, archive: Archive) -> None:
        super().__init__()
        self.archive = archive
        self._terms: list[str] = []
        self.setWindowTitle("报刊档案阅览")
        self.resize(1100, 700)
        self._init_widgets()
        self._connect_signals()
        self.statusBar().showMessage(f"共 {archive.article_count()} 篇文章")

    def _init_widgets(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("输入要查找的文字，例如：劳模工匠助企行、地区:盐城、\"工会\" -南京")
        self.results = QListWidget()
        self.reader = QTextBrowser()
        self.reader.setOpenExternalLinks(False)
        self.empty_hint = QLabel("")
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.addWidget(self.search_box)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.results)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.reader)
        splitter.setSizes([420, 680])
        self.setCentralWidget(splitter)

    def _connect_signals(self) -> None:
        self.search_box.returnPressed.connect(self.run_search)
        self.results.currentItemChanged.connect(self.show_item)

    @Slot()
    def run_search(self) -> None:
        text = self.search_box.text()
        self.results.clear()
        try:
            result = self.archive.search(text, limit=200)
        except QuerySyntaxError as e:
            self.empty_hint.setText(e.message_zh)
            return
        self._terms = list(result.terms)
        self.empty_hint.setText(result.notice or ("" if result.total else "没有找到。试试更短的词，或去掉筛选条件。"))
        for hit in result.hits:
            item = QListWidgetItem(f"{hit.headline}\n{hit.publication} {hit.issue_date or ''}")
            item.setData(ARTICLE_ROLE, hit.article_id)
            self.results.addItem(item)
        self.statusBar().showMessage(f"找到 {result.total} 篇，用时 {result.elapsed_ms:.0f} 毫秒")
        if self.results.count():
            self.results.setCurrentRow(0)

    @Slot(QListWidgetItem, QListWidgetItem)
    def show_item(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if current is None:
            return
        self.show_article(current.data(ARTICLE_ROLE))

    def show_article(self, article_id: str) -> None:
        self.reader.setHtml(article_html(self.archive.article(article_id), self._terms))
