"""Lazy navigator trees: by region (省 → 市 → 县 → articles) and by issue (报刊 → 年 → 期/版 → articles)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont

from viewer.archive import Archive
from viewer.archive.trees import DAMAGED_LEAF
from viewer.domain import TreeNode
from viewer.ui.error_dialog import show_error
from viewer.ui.i18n import ui_language

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole
NODE_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200
DERIVED_COLOUR = "#777777"  # titles made from the lead, wherever they are listed

Index = QModelIndex | QPersistentModelIndex



def node_label(label: str, language: str) -> str:
    """A navigator label as the archive writes it (2025-03-17（推断） 第1版, 日期不详), in the interface's language."""
    if language != "en":
        return label
    label = label.replace("日期不详", "date unknown").replace("（推断）", " (inferred)")
    label = label.replace(DAMAGED_LEAF, "(article damaged: rebuild the archive)")
    return re.sub(r"第(\d+)版", r"page \1", label)

class TreeSource(Protocol):
    """Children of a node, a page at a time (None is the invisible root)."""

    def fetch(self, parent: TreeNode | None, offset: int, limit: int) -> list[TreeNode]: ...


class RegionSource:
    """Regions with article counts; under each region its subregions, then its own articles."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    def fetch(self, parent: TreeNode | None, offset: int, limit: int) -> list[TreeNode]:
        if parent is None:
            return self.archive.trees.region_children(None)[offset : offset + limit]
        regions = self.archive.trees.region_children(parent.key) if parent.key else []
        out = regions[offset : offset + limit]
        if len(out) < limit:
            skip = max(0, offset - len(regions))
            out += self.archive.trees.region_articles(parent.key, limit=limit - len(out), offset=skip)
        return out


class IssueSource:
    """Publications → years → issue pages → articles."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    def fetch(self, parent: TreeNode | None, offset: int, limit: int) -> list[TreeNode]:
        if parent is None:
            nodes = self.archive.trees.publications()
        elif parent.key.startswith("issue:"):
            nodes = self.archive.trees.issue_articles(parent.key)
        elif "\t" in parent.key:
            publication, year = parent.key.split("\t", 1)
            nodes = self.archive.trees.year_issues(publication, year)
        else:
            nodes = self.archive.trees.publication_years(parent.key)
        return nodes[offset : offset + limit]


@dataclass(eq=False)
class _Node:
    data: TreeNode | None
    parent: _Node | None
    row: int = 0
    children: list[_Node] = field(default_factory=list)
    exhausted: bool = False


class NavigatorModel(QAbstractItemModel):
    """A one-column tree model that loads children on demand (canFetchMore/fetchMore)."""

    def __init__(self, source: TreeSource, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.source = source
        self.root = _Node(None, None)
        self._told = False  # a failed fetch (a damaged archive) has been reported

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self.root  # type: ignore[no-any-return]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        node = self._node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self._node(index).parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        node = self._node(parent)
        if node.data is None:
            return True
        return node.data.has_children and (bool(node.children) or not node.exhausted)

    def canFetchMore(self, parent: Index) -> bool:
        node = self._node(parent)
        return not node.exhausted and (node.data is None or node.data.has_children)

    def fetchMore(self, parent: Index) -> None:
        node = self._node(parent)
        if node.exhausted:
            return
        try:
            batch = self.source.fetch(node.data, len(node.children), PAGE_SIZE)
        except Exception as e:  # escaping a Qt virtual, an exception crashes PySide: say it once, later
            node.exhausted = True
            if not self._told:
                self._told = True
                QTimer.singleShot(0, lambda error=e: show_error(error))
            return
        node.exhausted = len(batch) < PAGE_SIZE
        if not batch:
            return
        first = len(node.children)
        self.beginInsertRows(parent, first, first + len(batch) - 1)
        node.children.extend(_Node(item, node, first + i) for i, item in enumerate(batch))
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._node(index).data
        assert item is not None
        if role == Qt.ItemDataRole.DisplayRole:
            language = ui_language()
            label = node_label(item.label, language)
            if not item.count:
                return label
            return f"{label} ({item.count})" if language == "en" else f"{label}（{item.count}）"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.label
        if item.derived and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(DERIVED_COLOUR)  # a title made from the lead: the paper printed none
        if item.derived and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == ARTICLE_ID_ROLE:
            return item.article_id
        if role == NODE_ROLE:
            return item
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
