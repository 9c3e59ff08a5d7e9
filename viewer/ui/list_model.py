"""The article list: hits or a navigator node's articles, loaded a page at a time, sortable."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPixmap

from viewer.archive.highlight import Markers
from viewer.domain import DERIVED_TITLE_PREFIXES, SearchHit, SearchResult
from viewer.reports.citation import page_label
from viewer.ui.i18n import ui_language

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2
DERIVED_ROLE = Qt.ItemDataRole.UserRole + 3  # the title was made from the lead
PAGE_SIZE = 100
HIGHLIGHT = "#ffe08a"
HTML_MARKERS = Markers(f'<span style="background:{HIGHLIGHT}">', "</span>", html.escape)

# (offset, limit) -> a page of hits with the total, or None when the page will come later (add_page)
Pager = Callable[[int, int], SearchResult | None]

Index = QModelIndex | QPersistentModelIndex


def _region(hit: SearchHit) -> str:
    return hit.region.county or hit.region.city or hit.region.province or ""


COLUMNS: tuple[tuple[str, Callable[[SearchHit], object]], ...] = (
    ("标题", lambda h: h.headline),
    ("出版物", lambda h: h.publication),
    ("日期", lambda h: h.issue_date or ""),
    ("版次", lambda h: h.page or 0),
    ("地区", _region),
)
TAGS_COLUMN = len(COLUMNS)  # after the article columns: the user's tags
# Column titles: marked for lupdate here, translated when the model is made.
HEADERS = (
    QT_TRANSLATE_NOOP("HitListModel", "标题"),
    QT_TRANSLATE_NOOP("HitListModel", "出版物"),
    QT_TRANSLATE_NOOP("HitListModel", "日期"),
    QT_TRANSLATE_NOOP("HitListModel", "版次"),
    QT_TRANSLATE_NOOP("HitListModel", "地区"),
    QT_TRANSLATE_NOOP("HitListModel", "标签"),
)
TagLookup = Callable[[list[str]], dict[str, list[str]]]
DOT, DOT_GAP = 8, 3


def tag_dots(names: list[str], colours: dict[str, str]) -> QPixmap:
    """A row of coloured dots, one per tag, in the tags' colours."""
    pixmap = QPixmap(len(names) * (DOT + DOT_GAP), DOT)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    for n, name in enumerate(names):
        painter.setBrush(QColor(colours.get(name) or "#9da5b4"))
        painter.drawEllipse(n * (DOT + DOT_GAP), 0, DOT, DOT)
    painter.end()
    return pixmap


def english_prefix(hit: SearchHit) -> str:
    """A derived title with its kind prefix in English (图片说明：… reads Photo caption: …)."""
    zh, en = DERIVED_TITLE_PREFIXES.get(hit.kind, ("", ""))
    return en + hit.headline[len(zh):] if zh and hit.headline.startswith(zh) else hit.headline


class HitListModel(QAbstractTableModel):
    """Rows of SearchHit; `canFetchMore` pages in more from the pager as the view scrolls."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.hits: list[SearchHit] = []
        self.total = 0
        self._pager: Pager | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.headers = [QCoreApplication.translate("HitListModel", name) for name in HEADERS]
        self.tag_lookup: TagLookup | None = None
        self.tags: dict[str, list[str]] = {}
        self.tag_colours: Callable[[], dict[str, str]] = dict  # tag name -> colour, once user data is attached
        self._waiting = False  # a page was asked for and has not come yet

    def reset(self, pager: Pager | None, first: SearchResult | None = None) -> None:
        """Show a new list; `first` is its first page when the caller already has it."""
        self.beginResetModel()
        self._pager = pager
        self._sort = None
        self._waiting = False
        self.hits = list(first.hits) if first else []
        self.total = first.total if first else 0
        self.tags = {}
        self._load_tags(self.hits)
        self.endResetModel()
        if pager is not None and first is None:
            self.fetchMore(QModelIndex())

    def set_total(self, total: int) -> None:
        """The list's total became known (counted after the first page was shown)."""
        self.total = max(total, len(self.hits))

    @property
    def complete(self) -> bool:
        """Are all the list's rows loaded?"""
        return len(self.hits) >= self.total

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS) + 1

    def _load_tags(self, hits: list[SearchHit]) -> None:
        if self.tag_lookup is not None and hits:
            self.tags.update(self.tag_lookup([h.article_id for h in hits]))

    def refresh_tags(self) -> None:
        """Tags changed: reload them for every loaded row."""
        self.tags = {}
        self._load_tags(self.hits)
        if self.hits:
            self.dataChanged.emit(self.index(0, TAGS_COLUMN), self.index(len(self.hits) - 1, TAGS_COLUMN))

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._pager is not None and not self._waiting and len(self.hits) < self.total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._pager is None or self._waiting:
            return
        page = self._pager(len(self.hits), PAGE_SIZE)
        if page is None:
            self._waiting = True
            return
        self.total = page.total
        self.add_page(page)

    def add_page(self, page: SearchResult) -> None:
        """Rows that follow the loaded ones (a page asked for earlier, or given at once)."""
        self._waiting = False
        new = list(page.hits)
        if not new:
            self.total = len(self.hits)
            return
        self.beginInsertRows(QModelIndex(), len(self.hits), len(self.hits) + len(new) - 1)
        self.hits.extend(new)
        self._load_tags(new)
        self.endInsertRows()
        if self._sort:
            self.sort(*self._sort)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if index.column() == TAGS_COLUMN:
            return self._tag_data(hit.article_id, role)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 and hit.title_derived:
            return english_prefix(hit) if ui_language() == "en" else hit.headline
        if role == Qt.ItemDataRole.DisplayRole:
            value = COLUMNS[index.column()][1](hit)
            if index.column() == 3:
                return page_label(value or None, ui_language())  # 第1版, or page 1 in the English UI
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.headline
        if role == ARTICLE_ID_ROLE:
            return hit.article_id
        if role == SNIPPET_ROLE:
            return hit.snippet
        if role == DERIVED_ROLE:
            return hit.title_derived
        return None

    def _tag_data(self, article_id: str, role: int) -> object:
        """The tags column: names, and a coloured dot per tag."""
        names = self.tags.get(article_id, [])
        if role == Qt.ItemDataRole.DisplayRole:
            return "、".join(names)
        if role == Qt.ItemDataRole.DecorationRole and names:
            return tag_dots(names, self.tag_colours())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows loaded so far (rows loaded later are sorted in as they arrive)."""
        if not 0 <= column <= TAGS_COLUMN:
            return
        self._sort = (column, order)
        key = COLUMNS[column][1] if column < TAGS_COLUMN else (lambda h: "、".join(self.tags.get(h.article_id, [])))
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self.hits[i.row()].article_id for i in old]
        self.hits.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)  # type: ignore[arg-type]
        rows = {h.article_id: r for r, h in enumerate(self.hits)}
        self.changePersistentIndexList(old, [self.index(rows[a], i.column()) for a, i in zip(old_ids, old, strict=True)])
        self.layoutChanged.emit()
