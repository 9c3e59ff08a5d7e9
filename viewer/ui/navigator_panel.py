"""The navigator: the 地区 and 期次 trees, and the 标签 and 书签 tabs once user data is attached."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QTabWidget, QTreeView, QWidget

from viewer.archive import Archive
from viewer.domain import Orphan, display_title
from viewer.errors import KnownError
from viewer.ui.tree_model import IssueSource, NavigatorModel, RegionSource

if TYPE_CHECKING:  # the user-data tabs load with user data, after the window shows
    from viewer.ui.annotation_panels import BookmarkPanel, TagPanel
    from viewer.userdata import UserStore


class NavigatorPanel(QTabWidget):
    """Tabs of trees; the user-data tabs' choices come out as this panel's signals.

    Attributes:
        tag_panel, bookmark_panel: the 标签 and 书签 tabs (None until user data is attached).

    Signals:
        nodeChosen(QModelIndex, bool): a node was clicked or activated; True for the region tree.
        tagChosen(str): a tag was clicked.
        articleChosen(str): a bookmark was clicked.
        searchChosen(str): a saved search was clicked.
        tagsEdited(): tags were renamed, merged, coloured, moved or deleted in the 标签 tab.
    """

    nodeChosen = Signal(QModelIndex, bool)
    tagChosen = Signal(str)
    articleChosen = Signal(str)
    searchChosen = Signal(str)
    tagsEdited = Signal()

    def __init__(self, archive: Archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.setUsesScrollButtons(False)  # every tab readable (书签 / Bookmarks never cut): the panel keeps their width
        self.region_model = NavigatorModel(RegionSource(archive), self)
        self.issue_model = NavigatorModel(IssueSource(archive), self)
        self.region_tree = self._tree(self.region_model, by_region=True)
        self.issue_tree = self._tree(self.issue_model, by_region=False)
        self.addTab(self.region_tree, self.tr("地区"))
        self.addTab(self.issue_tree, self.tr("期次"))
        self.tag_panel: TagPanel | None = None
        self.bookmark_panel: BookmarkPanel | None = None

    def _tree(self, model: NavigatorModel, by_region: bool) -> QTreeView:
        view = QTreeView()
        view.setModel(model)
        view.setHeaderHidden(True)
        view.setUniformRowHeights(True)
        view.clicked.connect(lambda index: self.nodeChosen.emit(index, by_region))
        view.activated.connect(lambda index: self.nodeChosen.emit(index, by_region))
        return view

    def attach_user_data(self, store: UserStore, existing: Callable[[set[str]], set[str]],
                         orphans: Sequence[Orphan] = ()) -> None:
        """Add the 标签 and 书签 tabs over the user's data."""
        from viewer.ui import annotation_panels  # loaded with user data, not at start-up

        self.tag_panel = annotation_panels.TagPanel(existing)
        self.bookmark_panel = annotation_panels.BookmarkPanel(self._title_of)
        self.tag_panel.tagChosen.connect(self.tagChosen)
        self.tag_panel.changed.connect(self.tagsEdited)
        self.bookmark_panel.articleChosen.connect(self.articleChosen)
        self.bookmark_panel.searchChosen.connect(self.searchChosen)
        self.tag_panel.attach(store, list(orphans))
        self.bookmark_panel.attach(store)
        self.addTab(self.tag_panel, self.tr("标签"))
        self.addTab(self.bookmark_panel, self.tr("书签"))

    def _title_of(self, article_id: str) -> str | None:
        """The display title of an article of this archive (None when it has gone or cannot be read)."""
        try:
            return display_title(self.archive.article(article_id)).text
        except (KeyError, KnownError):
            return None

    def refresh_user_data(self) -> None:
        for panel in (self.tag_panel, self.bookmark_panel):
            if panel is not None:
                panel.refresh()
