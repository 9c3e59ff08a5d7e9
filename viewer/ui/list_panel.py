"""The article list panel: what is listed (a search or a node) above the sortable table of articles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import Facets, SearchResult
from viewer.ui.delegates import SnippetDelegate
from viewer.ui.filter_chips import FilterChips
from viewer.ui.list_model import TAGS_COLUMN, HitListModel

NARROW = 560  # px: below this the list hides NARROW_HIDES
NARROW_HIDES = (1, 4)  # publication, region


class ListPanel(QWidget):
    """The list with its label; `summary` (for the status bar) says how many and how fast.

    Attributes:
        model: the rows (fed by the search session).
        view: the table.
        label: what the list shows, or why not.
        summary: the count and time of the last search.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HitListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        self.view.setItemDelegateForColumn(0, SnippetDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed starting widths: sizing to contents would read every loaded row on each page.
        header.setMinimumSectionSize(28)
        for column, width in ((1, 64), (2, 84), (3, 40), (4, 56), (5, 60)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(False)
        self.view.setColumnHidden(TAGS_COLUMN, True)  # shown once user data is attached
        self.view.verticalHeader().setDefaultSectionSize(64)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a query or a message is shown as typed
        self.summary = QLabel()
        self.chips = FilterChips()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.chips)
        layout.addWidget(self.view)

    def show_tags_column(self) -> None:
        self.view.setColumnHidden(TAGS_COLUMN, False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow list (1024×700) drops the publication and region columns (the reader's metadata line
        has both), so headlines stay readable."""
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        for column in NARROW_HIDES:
            self.view.setColumnHidden(column, narrow)

    @Slot(str)
    def searching(self, query: str) -> None:
        self.label.setText(self.tr("正在查找“{0}”…").format(query))

    @Slot(object)
    def hits_shown(self, result: SearchResult) -> None:
        """The first page is listed; its total may still be counting."""
        self.label.setText(self.tr("“{0}”：正在统计总数…").format(result.query))
        self.chips.show_query(result.query)
        self.summary.setText(self.tr("已显示前 {0} 篇，用时 {1} 毫秒").format(len(result.hits), f"{result.elapsed_ms:.0f}"))

    @Slot(object, object)
    def finished(self, result: SearchResult, _facets: Facets) -> None:
        notice = f"　{result.notice}" if result.notice else ""
        self.label.setText(self.tr("“{0}”：找到 {1} 篇").format(result.query, result.total) + notice)
        self.summary.setText(self.tr("找到 {0} 篇，用时 {1} 毫秒").format(result.total, f"{result.elapsed_ms:.0f}"))

    @Slot(str)
    def failed(self, message: str) -> None:
        """A rejected query: the old rows would mislead, so the list is emptied and says why."""
        self.model.reset(None)
        self.chips.clear()
        self.label.setText(message)
        self.summary.setText("")

    @Slot(str, int)
    def list_shown(self, label: str, total: int) -> None:
        self.chips.clear()
        self.label.setText(self.tr("{0}：{1} 篇").format(label, total))
