"""The navigator: the 地区 and 期次 trees, and the 标签 and 书签 tabs once user data is attached."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QTabWidget, QTreeView, QWidget

from viewer.archive import Archive
from viewer.ui.tree_model import IssueSource, NavigatorModel, RegionSource


class NavigatorPanel(QTabWidget):
    """Tabs of trees.

    Signals:
        nodeChosen(QModelIndex, bool): a node was clicked or activated; True for the region tree.
    """

    nodeChosen = Signal(QModelIndex, bool)

    def __init__(self, archive: Archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.region_model = NavigatorModel(RegionSource(archive), self)
        self.issue_model = NavigatorModel(IssueSource(archive), self)
        self.region_tree = self._tree(self.region_model, by_region=True)
        self.issue_tree = self._tree(self.issue_model, by_region=False)
        self.addTab(self.region_tree, self.tr("地区"))
        self.addTab(self.issue_tree, self.tr("期次"))

    def _tree(self, model: NavigatorModel, by_region: bool) -> QTreeView:
        view = QTreeView()
        view.setModel(model)
        view.setHeaderHidden(True)
        view.setUniformRowHeights(True)
        view.clicked.connect(lambda index: self.nodeChosen.emit(index, by_region))
        view.activated.connect(lambda index: self.nodeChosen.emit(index, by_region))
        return view

    def add_user_tabs(self, tags: QWidget, bookmarks: QWidget) -> None:
        self.addTab(tags, self.tr("标签"))
        self.addTab(bookmarks, self.tr("书签"))
